"""Roster import on the spreadsheets offices really send: messy, several sheets, re-imported."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from casework.imports import roster
from casework.imports.roster_rows import parse_row
from casework.imports.workbook import WorkbookError
from casework.models import Area, Change, Household, Person
from casework.services.register import areas, listing, people, search
from tests.factories import make_cadre, make_household, make_village, valid_id
from tests.roster_builder import MONITORING_HEADER, messy_workbook


@pytest.fixture
def messy(db, today, tmp_path):
    make_cadre()
    path = tmp_path / "科左中旗花名册.xlsx"
    return path, messy_workbook(path)


def counts() -> tuple[int, int, int]:
    live = Person.select().where(Person.deleted_at.is_null()).count()
    return live, Household.select().count(), Area.select().count()


def test_the_dry_run_plans_every_row_and_writes_nothing(messy):
    path, ids = messy
    before = counts()
    report = roster.import_roster(path, dry_run=True)
    assert counts() == before
    plans = {(r.sheet, r.row): r for r in report.rows}
    assert sorted(plans) == [
        ("监测对象", 2),
        ("监测对象", 3),
        ("脱贫人口", 4),
        ("脱贫人口", 5),
        ("脱贫人口", 6),
        ("脱贫人口", 9),
        ("脱贫人口", 10),
        ("脱贫人口", 11),
    ]  # title, blank and repeated header rows are not rows of people
    assert plans[("脱贫人口", 4)].action == "create"
    assert "新建户150521001001" in plans[("脱贫人口", 4)].detail
    assert "新建嘎查村“大新艾力嘎查”" in plans[("脱贫人口", 4)].detail
    # The integer ID, the apostrophe and the full-width digits with spaces all read right.
    assert plans[("脱贫人口", 4)].id_number == ids["a_head"]
    assert plans[("脱贫人口", 5)].id_number == ids["a_spouse"]
    assert plans[("脱贫人口", 6)].id_number == ids["a_son"]
    assert plans[("脱贫人口", 6)].name == "韩国庆"
    # Merged 户编号 cells reach every member's row.
    assert {plans[("脱贫人口", n)].household_code for n in (4, 5, 6)} == {"150521001001"}
    refused = plans[("脱贫人口", 10)]
    assert refused.action == "refused" and refused.action_label == "不导入"
    messages = [str(p) for p in report.problems]
    assert any(
        m.startswith("工作表“脱贫人口”第10行：身份证号码被Excel存成了数字（1.50521E+17）")
        and "无法还原" in m
        for m in messages
    )
    assert "工作表“脱贫人口”第11行（提示）：文化程度“私塾”无法识别，该项未导入" in messages
    assert any(m.startswith("工作表“说明”（提示）：没有找到表头") for m in messages)
    assert report.action_counts() == {"create": 7, "update": 0, "unchanged": 0, "refused": 1}
    assert "这是预览" in report.summary()


def test_all_or_nothing_imports_nothing_when_a_row_is_refused(messy):
    path, _ids = messy
    before, history = counts(), Change.select().count()
    report = roster.import_roster(path, all_or_nothing=True)
    assert not report.applied
    assert counts() == before
    assert Change.select().count() == history
    assert "没有导入任何数据" in report.summary()


def test_valid_rows_are_imported_with_exact_counts(messy):
    path, ids = messy
    report = roster.import_roster(path)
    assert report.applied
    assert report.counts == {
        "people_created": 7,
        "people_updated": 0,
        "people_unchanged": 0,
        "refused": 1,
        "households_created": 3,
        "households_updated": 0,
        "areas_created": 6,  # 科左中旗, 2 towns, 3 villages
    }
    assert counts()[:2] == (7, 3)
    rows, total = listing.list_households(sort="code")
    assert total == 3
    first = rows[0]
    assert (first["code"], first["head_name"], first["member_count"]) == (
        "150521001001",
        "韩令春",
        3,
    )
    assert first["area_label"] == "架玛吐镇 大新艾力嘎查"
    head = people.list_members(first["id"])[0]
    assert head["id_number"] == ids["a_head"]
    assert (head["relation"], head["gender"], head["ethnicity"]) == ("head", "female", "mongol")
    assert (head["education"], head["health"], head["work_status"]) == (
        "junior",
        "chronic",
        "local",
    )
    son = next(p for p in people.list_members(first["id"]) if p["name"] == "韩国庆")
    assert son["phone"] == "13904750003" and son["work_status"] == "other_province"
    # The second sheet had no 县 column: it went under the county the file named.
    monitored = next(r for r in rows if r["code"] == "150521002001")
    assert monitored["township_name"] == "宝龙山镇"
    assert [a["name"] for a in areas.children(None)] == ["科左中旗"]
    # Imported people are searchable at once, and each creation is in the history.
    assert [p["name"] for p in search.search_people("乌云其木格")] == ["乌云其木格"]
    assert Change.select().where(Change.entity == "person", Change.field == "created").count() == 7


def test_importing_the_same_file_again_updates_and_never_duplicates(messy):
    path, _ids = messy
    roster.import_roster(path)
    again = roster.import_roster(path)
    assert again.action_counts() == {"create": 0, "update": 0, "unchanged": 7, "refused": 1}
    assert counts()[:2] == (7, 3)


def test_a_changed_row_updates_the_person(db, today, tmp_path):
    make_cadre()
    number = valid_id("19900101")
    path = tmp_path / "roster.xlsx"
    write_roster(path, [row("150521009001", "户主", "韩令春", number, education="初中")])
    roster.import_roster(path, all_or_nothing=True)
    write_roster(path, [row("150521009001", "户主", "韩令春", number, education="高中")])
    report = roster.import_roster(path, all_or_nothing=True)
    assert report.rows[0].action == "update" and report.rows[0].detail == "更新：文化程度"
    person = Person.get(Person.id_number == number)
    assert person.education == "senior"
    assert Person.select().count() == 1


def test_a_sheet_without_a_relation_column_leaves_relations_alone(db, today, tmp_path):
    # e.g. the 有意愿外出务工清单 exported by Casework itself, read back as a roster
    make_cadre()
    household = make_household(make_village(), code="150521009002", head="韩国庆")
    son = people.add_member(
        household["id"], {"relation": "son", "name": "韩宝音", "id_number": valid_id()}
    )
    path = tmp_path / "list.xlsx"
    book = Workbook()
    book.active.append(["乡(镇)", "村", "户编号", "姓名", "身份证号码", "文化程度"])
    book.active.append(
        ["架玛吐镇", "大新艾力嘎查", "150521009002", "韩宝音", son["id_number"], "高中"]
    )
    book.save(path)
    report = roster.import_roster(path, all_or_nothing=True)
    assert report.rows[0].detail == "更新：文化程度"
    assert people.get_person(son["id"])["relation"] == "son"


def test_the_fixed_file_imports_whole_with_all_or_nothing(db, today, tmp_path):
    make_cadre()
    path = tmp_path / "roster.xlsx"
    rows = [
        row("150521009001", "户主", "韩令春", valid_id("19680305")),
        row("150521009001", "配偶", "包巴特尔", valid_id("19700812")),
    ]
    write_roster(path, rows)
    report = roster.import_roster(path, all_or_nothing=True)
    assert report.applied and report.counts["people_created"] == 2


def test_a_person_moved_to_another_household_is_moved_not_copied(db, today, tmp_path):
    village = make_village()
    old = make_household(village, code="150521000777", head="白福生")
    son_number = valid_id("19950101")
    people.add_member(old["id"], {"relation": "son", "name": "白国强", "id_number": son_number})
    path = tmp_path / "roster.xlsx"
    write_roster(path, [row("150521000888", "户主", "白国强", son_number)])
    report = roster.import_roster(path, all_or_nothing=True)
    assert report.rows[0].action == "update" and "从另一户转入" in report.rows[0].detail
    assert report.counts["areas_created"] == 0  # the register's own areas were matched
    moved = Person.get(Person.id_number == son_number)
    assert moved.household.code == "150521000888"
    assert Household.get(Household.code == "150521000777").member_count == 1
    assert Household.get(Household.code == "150521000888").head_name == "白国强"


def test_a_second_head_in_a_household_is_refused(db, today, tmp_path):
    make_village()
    path = tmp_path / "roster.xlsx"
    write_roster(
        path,
        [
            row("150521009001", "户主", "韩令春", valid_id("19680305")),
            row("150521009001", "户主", "包巴特尔", valid_id("19700812")),
        ],
    )
    report = roster.import_roster(path, dry_run=True)
    assert [r.action for r in report.rows] == ["create", "refused"]
    assert "已在工作表“人员”第2行有户主" in report.rows[1].errors[0]


def test_duplicate_id_numbers_in_the_file_are_refused(db, today, tmp_path):
    make_village()
    number = valid_id("19680305")
    path = tmp_path / "roster.xlsx"
    write_roster(
        path,
        [
            row("150521009001", "户主", "韩令春", number),
            row("150521009002", "户主", "韩令", number),
        ],
    )
    report = roster.import_roster(path, dry_run=True)
    assert report.rows[1].errors == ["身份证号码与工作表“人员”第2行重复"]


def test_a_sheet_without_the_needed_columns_is_reported(db, today, tmp_path):
    path = tmp_path / "roster.xlsx"
    book = Workbook()
    book.active.append(["姓名", "证件号码", "性别", "民族"])
    book.active.append(["韩令春", valid_id(), "女", "蒙古族"])
    book.save(path)
    report = roster.import_roster(path, dry_run=True)
    assert report.rows == []
    messages = [str(p) for p in report.problems]
    assert "工作表“Sheet”：第1行的表头缺少“户编号”、“乡(镇)”、“村”列，该工作表未导入" in messages
    assert roster.import_roster(path).counts["people_created"] == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("花名册.xlsx", b"this is not a workbook", "不是有效的Excel工作簿"),
        ("花名册.xls", b"\xd0\xcf\x11\xe0", "另存为"),
        ("花名册.csv", "姓名,证件号码\n".encode(), "CSV"),
    ],
)
def test_files_that_are_not_workbooks_get_a_chinese_message(db, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(WorkbookError) as refused:
        roster.import_roster(path, dry_run=True)
    assert message in str(refused.value)


def test_a_workbook_with_a_damaged_sheet_gets_a_chinese_message(db, tmp_path):
    import zipfile

    good = tmp_path / "good.xlsx"
    write_roster(good, [row("150521009001", "户主", "韩令春", valid_id())])
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut off mid-row, as a failed copy leaves it
            target.writestr(info, data)
    with pytest.raises(WorkbookError) as refused:
        roster.import_roster(damaged, dry_run=True)
    assert "已损坏" in str(refused.value)


def test_an_empty_workbook_and_a_missing_file_get_a_chinese_message(db, tmp_path):
    path = tmp_path / "空表.xlsx"
    Workbook().save(path)
    with pytest.raises(WorkbookError, match="没有任何数据"):
        roster.import_roster(path, dry_run=True)
    with pytest.raises(WorkbookError, match="找不到文件"):
        roster.import_roster(tmp_path / "不存在.xlsx", dry_run=True)


def test_row_cleaning_reports_and_never_guesses(today):
    raw = {
        "household_code": "150521009001",
        "township": "架玛吐镇",
        "village": "大新艾力嘎查",
        "name": "韩令春",
        "id_number": 150521196803050000,  # what Excel keeps of a number: 15 digits
        "relation": "之母",
        "gender": "男",
    }
    item = parse_row("人员", 7, raw)
    assert "末几位已变成0" in item.errors[0]
    number = valid_id("19680305", male=False)
    item = parse_row("人员", 7, {**raw, "id_number": f"‘{number[:9]} {number[9:]}"})
    assert item.errors == [] and item.id_number == number
    assert item.person["relation"] == "mother"
    assert item.warnings == ["性别与身份证号码不符，以身份证号码为准"]
    item = parse_row("人员", 7, {**raw, "id_number": "1.50521E+17"})
    assert "科学计数法" in item.errors[0]


def row(code: str, relation: str, name: str, number: str, education: str = "初中") -> list:
    place = ["科左中旗", "架玛吐镇", "大新艾力嘎查", code, ""]
    return place + [relation, name, "", "蒙古族", number, education]


def write_roster(path, rows: list[list]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "人员"
    sheet.append(MONITORING_HEADER[:11])
    for values in rows:
        sheet.append(values)
    book.save(path)


# Names the area tree does not have -------------------------------------------------


def at(village: str, township: str, code: str, name: str, number: str) -> list:
    return ["科左中旗", township, village, code, "", "户主", name, "", "蒙古族", number, "初中"]


def test_a_village_name_not_in_the_tree_is_a_warning_with_the_nearest_name(db, today, tmp_path):
    make_village("大新艾力嘎查")
    make_village("哈日干图嘎查")
    path = tmp_path / "roster.xlsx"
    write_roster(
        path,
        [
            at("大新艾力嘎擦", "架玛吐镇", "150521009001", "韩令春", valid_id("19680305")),
            at("大新艾力嘎擦", "架玛吐镇", "150521009002", "包巴特尔", valid_id("19700812")),
            at("大新艾力嘎查", "架玛吐镇", "150521009003", "白福生", valid_id("19750620")),
        ],
    )
    report = roster.import_roster(path, dry_run=True)
    first, second, known = report.rows
    # Imported (a warning, not a refusal), and only the row naming it first is warned.
    assert first.action == second.action == "create"
    assert first.warnings == [
        "嘎查村“大新艾力嘎擦”不在地区列表中，导入时将新建；是否应为“大新艾力嘎查”？"
    ]
    assert second.warnings == [] and known.warnings == []
    assert [(a.level, a.name, a.nearest) for a in report.new_areas] == [
        ("village", "大新艾力嘎擦", "“大新艾力嘎查”")
    ]
    assert report.new_areas[0].describe() == (
        "嘎查村“大新艾力嘎擦”（工作表“人员”第2行），最接近的已有名称：“大新艾力嘎查”"
    )
    assert any("提示" in str(p) and "大新艾力嘎擦" in str(p) for p in report.problems)


def test_a_mistyped_township_suggests_the_township_and_its_villages_namesakes(db, today, tmp_path):
    make_village("大新艾力嘎查", "架玛吐镇")
    path = tmp_path / "roster.xlsx"
    write_roster(
        path, [at("大新艾力嘎查", "架玛土镇", "150521009001", "韩令春", valid_id("19680305"))]
    )
    report = roster.import_roster(path, dry_run=True)
    (plan,) = report.rows
    assert plan.warnings == [
        "苏木乡镇“架玛土镇”不在地区列表中，导入时将新建；是否应为“架玛吐镇”？",
        "嘎查村“大新艾力嘎查”不在地区列表中，导入时将新建；是否应为“大新艾力嘎查”（架玛吐镇）？",
    ]
    assert [a.name for a in report.new_areas] == ["架玛土镇", "大新艾力嘎查"]


def test_a_first_import_names_every_new_area_without_a_guess(db, today, tmp_path):
    path = tmp_path / "roster.xlsx"
    write_roster(
        path, [at("大新艾力嘎查", "架玛吐镇", "150521009001", "韩令春", valid_id("19680305"))]
    )
    report = roster.import_roster(path, dry_run=True)
    assert [(a.level, a.nearest) for a in report.new_areas] == [
        ("county", ""),
        ("township", ""),
        ("village", ""),
    ]
    assert report.rows[0].warnings[2] == "嘎查村“大新艾力嘎查”不在地区列表中，导入时将新建"


def test_new_areas_of_refused_rows_only_are_not_asked_about(db, today, tmp_path):
    make_village("大新艾力嘎查")
    path = tmp_path / "roster.xlsx"
    write_roster(path, [at("新村", "架玛吐镇", "150521009001", "韩令春", "150521196803051239")])
    report = roster.import_roster(path, dry_run=True)
    assert report.rows[0].action == "refused"
    assert report.new_areas == []


def test_a_refused_id_number_is_shown_as_written_and_masked(messy, tmp_path):
    path, _ids = messy
    report = roster.import_roster(path, dry_run=True)
    shown = {(r["sheet"], r["row"]): r for r in report.shown_rows()}
    # Excel's rounded number identifies nobody: shown as Excel shows it.
    assert shown[("脱贫人口", 10)]["id_number"] == "1.50521E+17"
    assert shown[("脱贫人口", 10)]["problems"][0].startswith("身份证号码被Excel存成了数字")
    bad = tmp_path / "bad.xlsx"
    write_roster(
        bad, [at("大新艾力嘎查", "架玛吐镇", "150521009001", "韩令春", "150521196803051239")]
    )
    (row,) = roster.import_roster(bad, dry_run=True).shown_rows()
    assert row["action"] == "refused" and row["id_number"] == "150521********1239"
