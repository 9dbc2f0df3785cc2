"""Importing a labour-demand sheet: flexible headers, dry run, valid rows or all or nothing,
re-import updates."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook

from casework.imports import postings_cells as cells
from casework.imports.postings import import_postings
from casework.imports.postings_rows import POSTINGS
from casework.services.jobs import employers, postings
from casework.validation import FieldError

HEADER = [
    "序号",
    "用工单位",
    "统一社会信用代码",
    "联系人",
    "联系电话",
    "岗位名称",
    "工种",
    "工作地点",
    "需求人数",
    "月薪（元）",
    "年龄要求",
    "学历要求",
    "性别",
    "食宿",
    "有效期",
]
ROWS = [
    [
        1,
        "北京嘉裕集团",
        "91110000600037341L",
        "王经理",
        "13912345678",
        "中餐厨师",
        "厨师",
        "北京市顺义区",
        "5人",
        "5000-7000",
        "18-45岁",
        "初中及以上",
        "不限",
        "包吃住",
        dt.datetime(2027, 3, 31),
    ],
    [
        2,
        None,
        None,
        None,
        None,
        "面点师",
        "",
        "顺义区",
        2,
        "6000元以上",
        "45岁以下",
        "不限",
        "女",
        "包吃不包住",
        "长期",
    ],
    [
        3,
        "北京京城物业",
        "",
        "李主任",
        "010-69451234",
        " 保安 ",
        "保安",
        "北京市朝阳区",
        "10",
        "0.45-0.55万",
        "18至50周岁",
        "",
        "男",
        "提供食宿",
        "2027/06/30",
    ],
]


def write_sheet(path, rows, header=HEADER, title="北京市单位用工需求清单（2026年11月）"):
    book = Workbook()
    sheet = book.active
    sheet.title = "用工需求"
    sheet.append([title])
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet.append(header)  # a header repeated further down, as when sheets are pasted together
    notes = book.create_sheet("填表说明")
    notes.append(["请按要求填写"])
    book.save(path)
    return path


@pytest.fixture
def sheet(tmp_path):
    return write_sheet(tmp_path / "demand.xlsx", ROWS)


def test_a_dry_run_reports_every_row_and_saves_nothing(db, today, sheet):
    report = import_postings(sheet, dry_run=True)
    assert not report.applied
    assert [(r.row, r.action, r.employer, r.position) for r in report.rows] == [
        (4, "create", "北京嘉裕集团", "中餐厨师"),
        (5, "create", "北京嘉裕集团", "面点师"),  # employer taken from the merged cell above
        (6, "create", "北京京城物业", "保安"),
    ]
    assert report.employers_created == 2
    assert report.problems == [
        "工作表“填表说明”（提示）：没有找到表头（应有单位名称、岗位名称等列），该工作表未导入"
    ]
    assert report.summary().startswith("共3行：新增岗位3个")
    assert "（预览，尚未保存）" in report.summary()
    assert postings.list_postings()[1] == 0 and employers.list_employers()[1] == 0


def test_applying_saves_the_postings_as_read(db, today, sheet):
    report = import_postings(sheet)
    assert report.applied and report.created == 3
    rows = {r["position"]: r for r in postings.list_postings()[0]}
    cook = rows["中餐厨师"]
    assert (cook["pay_min"], cook["pay_max"], cook["age_min"], cook["age_max"]) == (
        5000,
        7000,
        18,
        45,
    )
    assert cook["headcount"] == 5 and cook["education_min"] == "junior" and cook["gender"] == ""
    assert cook["board"] and cook["lodging"] and cook["valid_until"] == dt.date(2027, 3, 31)
    assert cook["uscc"] == "91110000600037341L" and cook["place"] == "beijing"
    pastry = rows["面点师"]
    assert (pastry["pay_min"], pastry["pay_max"], pastry["age_max"]) == (6000, None, 45)
    assert pastry["job_kind"] == "pastry" and pastry["gender"] == "female"
    assert pastry["board"] and not pastry["lodging"] and pastry["valid_until"] is None
    guard = rows["保安"]
    assert (guard["pay_min"], guard["pay_max"], guard["age_min"]) == (4500, 5500, 18)
    assert guard["valid_until"] == dt.date(2027, 6, 30) and guard["employer_name"] == "北京京城物业"


def test_reimporting_updates_instead_of_duplicating(db, today, sheet, tmp_path):
    import_postings(sheet)
    again = import_postings(sheet)
    assert [r.action for r in again.rows] == ["unchanged"] * 3
    changed = [list(r) for r in ROWS]
    changed[0][9] = "5500-7500"
    report = import_postings(write_sheet(tmp_path / "v2.xlsx", changed))
    assert [r.action for r in report.rows] == ["update", "unchanged", "unchanged"]
    assert report.rows[0].messages == ["改了月薪下限、月薪上限"]
    assert postings.list_postings()[1] == 3 and employers.list_employers()[1] == 2
    assert report.employers_created == 0


def test_all_or_nothing_refuses_the_whole_import_for_one_bad_row(db, today, tmp_path):
    rows = [list(r) for r in ROWS]
    rows[1][9] = "看情况"
    rows[2][2] = "91110000600037341X"
    path = write_sheet(tmp_path / "bad.xlsx", rows)
    report = import_postings(path, all_or_nothing=True)
    assert not report.applied and report.refused == 2
    assert "本次没有保存任何内容" in report.summary()
    assert report.rows[1].messages == ["薪资“看情况”无法识别，请写成 5000-7000 或 6000元以上"]
    assert report.rows[2].messages == ["统一社会信用代码校验位不对，请逐位核对"]
    assert "“用工需求”第5行：不导入 北京嘉裕集团 面点师（薪资“看情况”" in report.lines()[2]
    assert postings.list_postings()[1] == 0 and employers.list_employers()[1] == 0

    partial = import_postings(path)  # by default the rows without problems go in
    assert partial.applied and partial.created == 1 and partial.employers_created == 1
    assert [r["position"] for r in postings.list_postings()[0]] == ["中餐厨师"]


def test_a_sheet_without_the_needed_columns_is_reported(db, today, tmp_path):
    path = write_sheet(tmp_path / "odd.xlsx", [["a", "b"]], header=["姓名", "电话"])
    report = import_postings(path, dry_run=True)
    assert report.rows == []
    assert report.problems[0].startswith("工作表“用工需求”（提示）：没有找到表头")
    assert report.problems[-1] == "没有找到可以导入的岗位行"


def test_duplicate_rows_in_one_sheet_are_refused(db, today, tmp_path):
    report = import_postings(write_sheet(tmp_path / "dup.xlsx", [ROWS[0], ROWS[0]]), dry_run=True)
    assert [r.action for r in report.rows] == ["create", "refused"]
    assert report.rows[1].messages == ["与第4行重复"]


def test_cancelling_saves_nothing(db, today, sheet):
    report = import_postings(sheet, cancelled=lambda: True)
    assert report.cancelled and not report.applied and postings.list_postings()[1] == 0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("5000-7000", (5000, 7000)),
        ("5000～7000元/月", (5000, 7000)),
        ("6000元以上", (6000, None)),
        ("底薪3000+提成", (3000, None)),
        ("4500左右", (4500, 4500)),
        ("0.5-0.7万", (5000, 7000)),
        ("8k-10k", (8000, 10000)),
        ("面议", (None, None)),
        (6500, (6500, 6500)),
    ],
)
def test_pay_ranges(text, expected):
    assert cells.pay_range(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("18-45岁", (18, 45)),
        ("18至50周岁", (18, 50)),
        ("45岁以下", (None, 45)),
        ("18岁以上", (18, None)),
        ("不限", (None, None)),
    ],
)
def test_age_ranges(text, expected):
    assert cells.age_range(text) == expected


@pytest.mark.parametrize(
    "text, code",
    [
        ("北京市顺义区", "beijing"),
        ("通辽市科尔沁区", "in_region"),
        ("科左中旗", "in_county"),
        ("舍伯吐镇帮扶车间", "local"),
        ("赴京", "beijing"),
        ("就地就近", "local"),
    ],
)
def test_places(text, code):
    assert cells.place(text) == code


def test_an_unknown_place_is_refused():
    with pytest.raises(FieldError, match="工作地点“火星”无法识别"):
        cells.place("火星")


def test_headers_are_matched_flexibly():
    found = POSTINGS.header(["单位 名称", "岗位", "岗位类别", "薪资待遇（元/月）", "备注"])
    assert found == {"employer": 0, "position": 1, "job_kind": 2, "pay": 3, "notes": 4}


def test_a_posting_past_its_valid_until_date_is_flagged(db, today, tmp_path):
    rows = [list(r) for r in ROWS]
    rows[0][-1] = dt.datetime(2026, 10, 31)  # before 2026-11-27: already over
    rows[2][-1] = today  # until today: still recruiting
    report = import_postings(write_sheet(tmp_path / "demand.xlsx", rows), dry_run=True)
    cook, pastry, guard = report.rows
    assert cook.action == "create" and cook.expired
    assert "有效期2026-10-31已过，导入后不算在招岗位" in cook.messages
    assert not pastry.expired and not guard.expired
    assert report.expired == 1
    assert "其中1个岗位的有效期已过，导入后不算在招岗位，请核对。" in report.summary()
