"""The household file (一户一档) read back from Word: where each visit took place, the
members' phones as lists show them, one wording for a next visit not yet fixed."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.exports import household_file
from casework.services.register import people, visits
from tests.docs_helpers import full_text, open_docx
from tests.factories import add_person, make_cadre, make_household, make_village
from tests.test_export_pdf import pages, text_of, to_pdf


@pytest.fixture
def household(db, today):
    cadre = make_cadre()
    home = make_household(make_village(), code="150521000101", head="韩福", phone="0475-1234567")
    add_person(home, "韩令春", relation="son", phone="13800001111")
    add_person(home, "韩小梅", relation="daughter")
    return {"home": home, "cadre": cadre}


def visit(household, day: int, **extra) -> None:
    visits.record_visit(
        household["home"]["id"],
        {
            "visit_date": dt.date(2026, 10, day),
            "cadre_ids": [household["cadre"]["id"]],
            "situation": "走访",
            **extra,
        },
    )


def export(household, tmp_path):
    return open_docx(household_file.export_household_file(household["home"]["id"], tmp_path))


def test_members_table_shows_phones_masked(household, tmp_path):
    doc = export(household, tmp_path)
    members = doc.tables[1]
    headings = [c.text for c in members.rows[0].cells]
    column = headings.index("联系电话")
    phones = {row.cells[0].text: row.cells[column].text for row in members.rows[1:]}
    assert phones["韩令春"] == "138****1111"
    assert phones["韩小梅"] == ""
    assert "13800001111" not in full_text(doc)
    assert headings[column - 1] == "身份证号码"  # the ID stays whole and beside it


def test_visits_say_where_they_took_place(household, tmp_path):
    visit(household, 1, place="嘎查村委会", situation="第一次")
    visit(household, 2, situation="第二次")
    text = full_text(export(household, tmp_path))
    assert "走访地点：嘎查村委会" in text
    # A visit without a place took place at the household: its village, as the log says.
    assert "走访地点：科左中旗架玛吐镇大新艾力嘎查" in text


def _fact(doc, label: str) -> str:
    cells = [c.text for row in doc.tables[0].rows for c in row.cells]
    return cells[cells.index(label) + 1]


def test_an_undecided_next_visit_reads_the_same_everywhere(household, tmp_path):
    assert _fact(export(household, tmp_path), "下次走访") == "未定"
    visit(household, 1, next_visit_date=dt.date(2026, 11, 1))
    visit(household, 2)
    doc = export(household, tmp_path / "again")
    text = full_text(doc)
    assert "下次走访：2026年11月1日" in text and "下次走访：未定" in text
    assert "下次走访：无" not in text and "下次走访：\n" not in text
    assert _fact(doc, "下次走访") == "未定"  # the latest visit fixed no date
    data = household_file.household_file_data(household["home"]["id"])
    assert [v["next_visit"] for v in data["visits"]] == ["2026年11月1日", "未定"]


def test_printed_ids_and_phones_stay_on_one_line(household, tmp_path):
    path = household_file.export_household_file(household["home"]["id"], tmp_path)
    (pdf,) = to_pdf([path], tmp_path)
    assert pages(pdf) == 1
    text = text_of(pdf)
    person = people.list_members(household["home"]["id"])[1]
    assert person["id_number"] in text and "138****1111" in text
