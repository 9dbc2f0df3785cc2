"""The member form: birth date and gender read from the ID number, ID errors beside the field."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.services.register import people
from casework.ui.kit import dialogs
from casework.ui.register.member_form import MemberForm
from tests.factories import add_person, make_cadre, make_household, make_village, valid_id
from tests.ui.fake_app import FakeApp


@pytest.fixture
def setup(db, today, tk_root, no_message_boxes):
    make_cadre()
    household = make_household(make_village(), code="150521007", head="韩令春")
    return {"app": FakeApp(tk_root), "household": household, "root": tk_root, "saved": []}


def open_form(setup, person_id=None) -> MemberForm:
    return MemberForm(
        setup["root"],
        setup["app"],
        setup["household"]["id"],
        person_id,
        on_saved=setup["saved"].append,
    )


def type_id(form: MemberForm, number: str) -> None:
    entry = form.form["id_number"].widget
    entry.delete(0, "end")
    for char in number:  # as typed, one key at a time
        entry.insert("end", char)


def test_typing_the_id_number_shows_birth_date_and_gender(setup):
    form = open_form(setup)
    number = valid_id("19980504", male=False)
    type_id(form, number[:10])
    assert form.derived_label.cget("text") == ""
    assert form.form["id_number"].error_label.cget("text") == ""  # no nagging mid-typing
    type_id(form, number)
    assert form.derived_label.cget("text") == "出生 1998-05-04 · 女 · 28岁"
    assert "birth_date" not in form.form.fields and "gender" not in form.form.fields


def test_a_new_member_is_saved_with_derived_facts(setup):
    form = open_form(setup)
    form.form["name"].set("韩宝音")
    type_id(form, valid_id("20010915"))
    form.form.set_values(
        {
            "relation": "son",
            "ethnicity": "mongol",
            "phone": "13904751234",
            "health": "healthy",
            "work_status": "farming",
        },
        clean=False,
    )
    form.button_ok.invoke()

    assert not form.winfo_exists()
    person = next(p for p in people.list_members(setup["household"]["id"]) if p["name"] == "韩宝音")
    assert person["birth_date"] == dt.date(2001, 9, 15) and person["gender"] == "male"
    assert person["ethnicity"] == "mongol" and person["phone"] == "13904751234"
    assert setup["saved"] == [person]
    assert setup["app"].notifications == ["已保存家庭成员 韩宝音"]


def test_a_wrong_check_digit_is_shown_beside_the_id_and_nothing_is_saved(setup):
    form = open_form(setup)
    number = valid_id("19900101")
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    form.form["name"].set("包金山")
    form.form["relation"].set("son")
    type_id(form, wrong)
    assert "校验位" in form.form["id_number"].error_label.cget("text")  # while typing

    form.button_ok.invoke()
    assert form.winfo_exists()
    assert "校验位" in form.form["id_number"].error_label.cget("text")
    assert form.form["id_number"].get() == wrong and form.form["name"].get() == "包金山"
    assert len(people.list_members(setup["household"]["id"])) == 1


def test_a_duplicate_id_names_who_holds_it(setup):
    number = valid_id()
    add_person(setup["household"], "韩宝音", id_number=number)
    form = open_form(setup)
    form.form["name"].set("包金山")
    form.form["relation"].set("son")
    type_id(form, number)
    form.button_ok.invoke()
    message = form.form["id_number"].error_label.cget("text")
    assert "韩宝音" in message and "150521007" in message
    assert len(people.list_members(setup["household"]["id"])) == 2


def test_the_first_member_defaults_to_head(setup, db):
    from casework.services.register import households

    empty = households.create_household(
        {"village_id": setup["household"]["village_id"], "status": "ordinary"}
    )
    form = MemberForm(setup["root"], setup["app"], empty["id"])
    assert form.form["relation"].get() == "head"
    assert open_form(setup).form["relation"].get() == ""  # this one has a head already


def test_editing_a_member_loads_and_updates(setup):
    son = add_person(
        setup["household"], "韩宝音", id_number=valid_id("19980504"), skills="会开叉车"
    )
    form = open_form(setup, son["id"])
    assert form.form["name"].get() == "韩宝音"
    assert form.form["skills"].get() == "会开叉车"
    assert form.derived_label.cget("text").startswith("出生 1998-05-04")
    form.form["work_status"].set("beijing")
    form.button_ok.invoke()
    assert people.get_person(son["id"])["work_status"] == "beijing"


def test_escape_asks_on_a_dirty_form(setup, monkeypatch):
    form = open_form(setup)
    form.form["name"].set("包金山")
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, q: False)
    form.button_cancel.invoke()
    assert form.winfo_exists() and form.form["name"].get() == "包金山"
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, q: True)
    form.button_cancel.invoke()
    assert not form.winfo_exists()
    assert len(people.list_members(setup["household"]["id"])) == 1
    assert setup["saved"] == []


def test_political_and_marital_status_are_chosen_from_their_lists(setup):
    son = add_person(setup["household"], "韩宝音", political_status="league_member")
    form = open_form(setup, son["id"])
    political, marital = form.form["political_status"], form.form["marital_status"]
    assert political.combo.get() == "共青团员" and marital.combo.get() == ""
    assert political.combo.cget("values")[:2] == ("", "中共党员")  # blank first: can be undone
    political.combo.set("中共党员")
    political.combo.event_generate("<<ComboboxSelected>>")
    marital.combo.set("已婚")
    marital.combo.event_generate("<<ComboboxSelected>>")
    form.button_ok.invoke()
    assert not form.winfo_exists()
    saved = people.get_person(son["id"])
    assert (saved["political_status"], saved["marital_status"]) == ("cpc_member", "married")
