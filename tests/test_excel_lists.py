"""The Excel lists, read back with openpyxl: title, frozen bold header, IDs as text, real dates."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from stdnum.cn import uscc

from casework.exports import excel, lists
from casework.exports.files import leftover_temp_files
from casework.masking import mask_id_number
from casework.models import Change
from casework.paths import private_temp_dir
from casework.services.jobs import employers, placements, postings, subsidy
from casework.services.register import list_rows, wishes
from casework.services.training import training as tr
from tests.factories import add_person, make_cadre, make_household, make_village, valid_id

TODAY = dt.date(2026, 11, 27)


def credit_code() -> str:
    body = "91110113MA01ABCD1"
    return body + uscc.calc_check_digit(body)


@pytest.fixture
def county(db, set_now):
    """Two willing people, a Beijing posting, one placed in Beijing since July, a class."""
    set_now(dt.date(2026, 6, 1))
    cadre = make_cadre()
    household = make_household(make_village(), code="150521001001", head="韩令春")
    cook = add_person(household, "韩国庆", id_number=valid_id("19950101"), phone="13904750003")
    guard = add_person(household, "韩国栋", id_number=valid_id("19970101"))
    wishes.record_wish(
        cook["id"],
        {
            "willing_to_go_out": True,
            "destinations": ["beijing"],
            "job_kinds": "厨师",
            "expected_pay": "6000",
            "available_from": "2026-07-01",
            "training_wanted": "中式烹饪",
        },
    )
    wishes.record_wish(guard["id"], {"willing_to_go_out": True, "destinations": ["in_region"]})
    employer = employers.create_employer(
        {"name": "北京嘉宇集团", "place": "顺义区", "phone": "010-69441234", "uscc": credit_code()}
    )
    postings.create_posting(
        {
            "employer_id": employer["id"],
            "position": "中餐厨师",
            "job_kind": "cook",
            "headcount": "5",
            "pay_min": "6000",
            "pay_max": "8000",
            "valid_until": "2026-12-31",
            "board": True,
            "lodging": True,
        }
    )
    placements.create_placement(
        {
            "person_id": cook["id"],
            "employer_id": employer["id"],
            "position": "中餐厨师",
            "place": "beijing",
            "organised": True,
            "stage": "working",
            "stage_date": "2026-06-01",
            "monthly_pay": "6500",
        }
    )
    course = tr.create_class(
        {
            "kind": "cooking",
            "name": "中式烹饪班",
            "start_date": "2026-03-01",
            "end_date": "2026-03-20",
        }
    )
    (enrolment,) = tr.enrol(course["id"], [cook["id"]])
    tr.update_enrollment(enrolment["id"], {"certificate": True, "certificate_number": "0012"})
    set_now(TODAY)
    return {"cook": cook, "guard": guard, "cadre": cadre}


def read(path):
    book = load_workbook(path)
    return book, book.worksheets[0]


def header(ws) -> list[str]:
    return [c.value for c in ws[2]]


def column(ws, heading: str) -> list:
    index = header(ws).index(heading)
    return [row[index] for row in ws.iter_rows(min_row=3)]


def assert_list_shape(ws, title: str) -> None:
    assert ws["A1"].value == f"科左中旗 {title}（截至2026年11月27日）"
    assert ws["A1"].font.b
    assert ws.freeze_panes == "A3"
    assert all(cell.font.b for cell in ws[2])
    assert header(ws)[0] == "序号"
    assert any(str(r).startswith("A1:") for r in ws.merged_cells.ranges)
    assert ws.column_dimensions["B"].width > 5


def test_the_willing_list(county, tmp_path):
    result = lists.export_list("willing", tmp_path / "w.xlsx", full_ids=True)
    assert result.total == 2
    _book, ws = read(result.path)
    assert_list_shape(ws, "被帮扶地区有意愿外出务工清单")
    ids = column(ws, "身份证号码")
    assert {c.value for c in ids} == {county["cook"]["id_number"], county["guard"]["id_number"]}
    assert all(c.data_type == "s" and c.number_format == "@" for c in ids)
    cook = next(i for i, c in enumerate(column(ws, "姓名")) if c.value == "韩国庆")
    phone = column(ws, "联系电话")[cook]
    assert (phone.value, phone.data_type, phone.number_format) == ("13904750003", "s", "@")
    available = column(ws, "可到岗日期")[cook]
    assert available.value == dt.datetime(2026, 7, 1) and available.number_format == "yyyy-mm-dd"
    assert column(ws, "意向务工地")[cook].value == "赴京"
    assert column(ws, "期望月薪（元）")[cook].value == 6000
    assert column(ws, "年龄")[cook].value == 31
    assert [c.value for c in column(ws, "序号")] == [1, 2]
    assert leftover_temp_files(tmp_path) == []


def test_a_person_whose_latest_wish_is_to_stay_is_not_on_the_willing_list(county, tmp_path):
    wishes.record_wish(county["guard"]["id"], {"willing_to_go_out": False})
    _book, ws = read(lists.export_list("willing", tmp_path / "w.xlsx").path)
    assert [c.value for c in column(ws, "姓名")] == ["韩国庆"]


def test_the_demand_list(county, tmp_path):
    _book, ws = read(lists.export_list("demand", tmp_path / "d.xlsx").path)
    assert_list_shape(ws, "用工需求清单")
    code = column(ws, "统一社会信用代码")[0]
    assert code.value == credit_code() and code.number_format == "@"
    assert column(ws, "月薪（元）")[0].value == "6000-8000元"
    assert column(ws, "食宿")[0].value == "包吃住"
    assert column(ws, "有效期至")[0].value == dt.datetime(2026, 12, 31)
    assert column(ws, "联系电话")[0].value == "010-*****234"


def test_the_beijing_list(county, tmp_path):
    _book, ws = read(lists.export_list("beijing", tmp_path / "b.xlsx").path)
    assert_list_shape(ws, "在京务工人员清单")
    assert [c.value for c in column(ws, "姓名")] == ["韩国庆"]
    assert column(ws, "身份证号码")[0].value == mask_id_number(county["cook"]["id_number"])
    assert column(ws, "上岗日期")[0].value == dt.datetime(2026, 6, 1)
    assert column(ws, "就业方式")[0].value == "有组织输出"


def test_the_subsidy_roster(county, tmp_path):
    book, ws = read(lists.export_list("subsidy", tmp_path / "s.xlsx").path)
    assert_list_shape(ws, "稳岗补贴花名册")
    assert column(ws, "发放状态")[0].value == "未发放"
    assert column(ws, "符合条件日期")[0].value == dt.datetime(2026, 9, 1)
    placement = placements.list_placements()[0][0]
    subsidy.record_payment(placement["id"], {"paid_on": "2026-11-20", "amount": "2000"})
    book, ws = read(lists.export_list("subsidy", tmp_path / "s2.xlsx").path)
    assert column(ws, "发放状态")[0].value == "已发放"
    assert column(ws, "发放金额（元）")[0].value == 2000
    assert book.sheetnames == ["稳岗补贴花名册", "30天内将符合条件", "汇总"]


def test_the_training_ledger(county, tmp_path):
    book, ws = read(lists.export_list("training", tmp_path / "t.xlsx").path)
    assert_list_shape(ws, "技能培训台账")
    assert column(ws, "姓名")[0].value == "韩国庆"
    assert column(ws, "证书编号")[0].value == "0012"  # leading zeros kept: text
    assert column(ws, "取得证书")[0].value == "是"
    assert column(ws, "开班日期")[0].value == dt.datetime(2026, 3, 1)
    assert column(ws, "培训后就业情况")[0].value.startswith("2026-06-01 上岗")
    summary = book["培训班汇总"]
    assert [c.value for c in summary[3]][7:12] == [1, 1, 1, 1, 1]


def every_value(path) -> set[str]:
    book = load_workbook(path, read_only=True)
    return {str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row}


def numbers_of(county) -> dict[str, str]:
    return {
        county["cook"]["id_number"]: mask_id_number(county["cook"]["id_number"]),
        county["guard"]["id_number"]: mask_id_number(county["guard"]["id_number"]),
        "13904750003": "139****0003",
        "010-69441234": "010-*****234",
    }


@pytest.mark.parametrize("kind", sorted(lists.LISTS))
def test_every_list_masks_id_numbers_and_phones_by_default(county, tmp_path, kind):
    values = every_value(lists.export_list(kind, tmp_path / f"{kind}.xlsx").path)
    numbers = numbers_of(county)
    assert not values & numbers.keys()
    assert values & set(numbers.values())  # each list shows someone's number, masked
    assert list_rows.full_ids_exports() == []


@pytest.mark.parametrize("kind", sorted(lists.LISTS))
def test_full_numbers_only_when_asked_and_the_export_is_recorded(county, tmp_path, kind):
    result = lists.export_list(kind, tmp_path / f"{kind}.xlsx", full_ids=True)
    values = every_value(result.path)
    numbers = numbers_of(county)
    assert not values & set(numbers.values())
    assert values & numbers.keys()
    [event] = list_rows.full_ids_exports()
    assert lists.LISTS[kind].title in event["detail"] and result.path.name in event["detail"]
    assert event["cadre_id"] == county["cadre"]["id"]
    [change] = Change.select().where(Change.entity == "export")
    assert change.field == "exported_full_ids" and len(change.record_id) == 32


def test_a_cancelled_full_export_is_not_recorded(county, tmp_path):
    with pytest.raises(lists.ExportCancelled):
        lists.export_list("willing", tmp_path / "w.xlsx", cancelled=lambda: True, full_ids=True)
    assert list_rows.full_ids_exports() == []


def test_file_names_follow_the_county_list_and_date(county):
    assert lists.suggested_name("willing") == "科左中旗-有意愿外出务工清单-2026-11-27.xlsx"
    assert lists.suggested_name("subsidy") == "科左中旗-稳岗补贴花名册-2026-11-27.xlsx"


def test_the_writer_keeps_text_text_and_drops_bad_characters(tmp_path):
    columns = [excel.Column("身份证号码", 20, "text"), excel.Column("备注", 20)]
    rows = [("150521199001010011", "=SUM(A1:A9)"), ("15052119900101001X", "坏\x07字符"), (None, 7)]
    result = excel.write_list(tmp_path / "x.xlsx", "测试", columns, iter(rows))
    ws = load_workbook(result.path).active
    assert [c.value for c in ws["A"][2:]] == ["150521199001010011", "15052119900101001X", None]
    assert ws["B3"].data_type == "s" and ws["B3"].value == "=SUM(A1:A9)"  # never a formula
    assert ws["B4"].value == "坏字符" and ws["B5"].value == 7


def test_a_cancelled_export_leaves_no_file(tmp_path):
    columns = [excel.Column("序号", 6, "int")]
    rows = ((n,) for n in range(10_000))
    out = tmp_path / "out"
    with pytest.raises(excel.ExportCancelled):
        excel.write_list(out / "x.xlsx", "测试", columns, rows, cancelled=lambda: True)
    assert list(out.iterdir()) == []
    work = [p for p in private_temp_dir().rglob("*") if p.is_file() and p.name != ".lock"]
    assert work == []  # the run's own lock file is all that is left


def test_every_list_ends_with_the_summary_of_the_figures(county, tmp_path):
    from casework.services import figures

    book, _ws = read(lists.export_list("beijing", tmp_path / "b.xlsx").path)
    assert book.sheetnames == ["在京务工", "汇总"]
    summary = book["汇总"]
    assert summary["A1"].value == "科左中旗 工作概况汇总（2026年11月）（截至2026年11月27日）"
    header = [c.value for c in summary[2]]
    assert header[:5] == ["类别", "项目", "单位", "合计", "架玛吐镇"] and header[-1] == "统计口径"
    rows = {row[1].value: row for row in summary.iter_rows(min_row=3)}
    month = figures.compute(period=figures.preset("month", TODAY)).values
    for key, figure in figures.FIGURES.items():
        assert rows[figure.label][3].value == month[key], figure.label
    assert rows["在京务工"][3].value == 1 == rows["在京务工"][4].value
    assert rows["在京务工"][-1].value.startswith("截至今天在北京务工的人")
    (chart,) = summary._charts
    assert chart.title is not None
