"""政治面貌 and 婚姻状况: chosen from their vocabularies, refused otherwise, read from a roster."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from casework import vocab
from casework.imports import roster
from casework.imports.roster_rows import ROSTER, parse_row
from casework.services.register import people
from casework.validation import ValidationError
from tests.factories import add_person, make_cadre, make_household, make_village, valid_id


@pytest.fixture
def household(db, today):
    make_cadre()
    return make_household(make_village(), code="150521009001", head="韩福")


def test_the_vocabularies_hold_the_usual_resume_words():
    assert {"中共党员", "中共预备党员", "共青团员", "民主党派", "群众"} <= set(
        vocab.POLITICAL_STATUS.values()
    )
    assert set(vocab.MARITAL_STATUS.values()) == {"未婚", "已婚", "离异", "丧偶"}


def test_a_member_keeps_both_and_shows_their_labels(household):
    person = add_person(
        household, "韩令春", political_status="league_member", marital_status="已婚"
    )
    assert person["political_status"] == "league_member"
    assert person["political_status_label"] == "共青团员"
    assert person["marital_status"] == "married" and person["marital_status_label"] == "已婚"
    cleared = people.update_member(person["id"], person | {"political_status": ""})
    assert cleared["political_status"] == "" and cleared["political_status_label"] == ""


def test_a_word_outside_the_vocabularies_is_refused_by_field(household):
    with pytest.raises(ValidationError) as refused:
        add_person(household, "韩令春", political_status="党员干部", marital_status="同居")
    assert refused.value.errors["political_status"] == "政治面貌“党员干部”不在可选范围内"
    assert refused.value.errors["marital_status"] == "婚姻状况“同居”不在可选范围内"
    assert [p["name"] for p in people.list_members(household["id"])] == ["韩福"]


@pytest.mark.parametrize(
    ("heading", "field"),
    [("政治面貌", "political_status"), ("政治面目", "political_status"), ("婚否", "marital_status")]
    + [("婚姻状况（必填）", "marital_status"), ("婚 姻 状 态", "marital_status")],
)
def test_roster_headings_name_the_fields(heading, field):
    assert ROSTER.headings.field_for(heading) == field


@pytest.mark.parametrize(
    ("political", "marital", "codes"),
    [
        ("中国共产党党员", "初婚", ("cpc_member", "married")),
        ("预备党员", "离婚", ("cpc_probationary", "divorced")),
        ("团员", "未婚", ("league_member", "unmarried")),
        ("九三学社社员", "丧偶", ("democratic_party", "widowed")),
        ("群众", "", ("masses", None)),
    ],
)
def test_roster_words_become_codes(today, political, marital, codes):
    raw = {
        "household_code": "150521009001",
        "township": "架玛吐镇",
        "village": "大新艾力嘎查",
        "name": "韩令春",
        "id_number": valid_id("19900101"),
        "political_status": political,
        "marital_status": marital,
    }
    item = parse_row("人员", 4, raw)
    assert item.errors == [] and item.warnings == []
    assert (item.person.get("political_status"), item.person.get("marital_status")) == codes


def test_an_unknown_roster_word_is_a_warning_and_the_rest_is_imported(today):
    raw = {"name": "韩令春", "id_number": valid_id(), "political_status": "积极分子"}
    item = parse_row("人员", 4, raw)
    assert "政治面貌“积极分子”无法识别，该项未导入" in item.warnings
    assert "political_status" not in item.person


def write_roster(path, heading: list[str], values: list[list]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["乡(镇)", "村", "户编号", "户主姓名", "姓名", "身份证号码", *heading])
    for extra in values:
        sheet.append(["架玛吐镇", "大新艾力嘎查", "150521009001", "韩福", *extra])
    book.save(path)


def test_a_roster_creates_and_updates_them_and_a_roster_without_them_keeps_them(
    household, tmp_path
):
    number = valid_id("19900101")
    path = tmp_path / "花名册.xlsx"
    write_roster(path, ["政治面貌", "婚姻状况"], [["韩令春", number, "党员", "已婚"]])
    roster.import_roster(path, all_or_nothing=True)
    person = next(p for p in people.list_members(household["id"]) if p["id_number"] == number)
    assert (person["political_status"], person["marital_status"]) == ("cpc_member", "married")

    write_roster(path, ["政治面貌", "婚姻状况"], [["韩令春", number, "党员", "离异"]])
    report = roster.import_roster(path, all_or_nothing=True)
    assert report.rows[0].action == "update" and report.rows[0].detail == "更新：婚姻状况"
    assert people.get_person(person["id"])["marital_status"] == "divorced"

    write_roster(path, ["文化程度"], [["韩令春", number, "高中"]])
    report = roster.import_roster(path, all_or_nothing=True)
    assert report.rows[0].detail == "更新：文化程度"
    kept = people.get_person(person["id"])
    assert (kept["political_status"], kept["marital_status"]) == ("cpc_member", "divorced")
