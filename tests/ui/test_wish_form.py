"""The wish form: attached to a visit, recorded on its own with history, or corrected."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.services.register import wishes
from casework.ui.kit import dialogs
from casework.ui.register.wish_form import WishForm, WishHistoryWindow
from tests.factories import add_person, make_cadre, make_household, make_village, valid_id
from tests.ui.fake_app import FakeApp


@pytest.fixture
def setup(db, today, tk_root, no_message_boxes):
    make_cadre()
    household = make_household(make_village())
    person = add_person(household, "韩宝音", relation="son", id_number=valid_id("19980504"))
    return {"app": FakeApp(tk_root), "person": person, "root": tk_root}


def test_attach_mode_checks_the_values_and_hands_them_over_unsaved(setup):
    attached = []
    form = WishForm(setup["root"], setup["app"], setup["person"]["id"], attach=attached.append)
    assert form.button_ok.cget("text").startswith("确定")
    form.form["willing_to_go_out"].widget.invoke()
    form.button_ok.invoke()  # willing, but to go where?
    assert form.winfo_exists()
    assert form.form["destinations"].error_label.cget("text") == (
        "愿意外出务工时，请至少选择一个意向务工地"
    )
    assert attached == []

    form.form["destinations"].buttons["in_region"].invoke()
    form.form["expected_pay"].set("0.5万")
    form.button_ok.invoke()
    assert not form.winfo_exists()
    [values] = attached
    assert values["destinations"] == ["in_region"] and values["expected_pay"] == "0.5万"
    assert wishes.wish_history(setup["person"]["id"]) == []


def test_a_new_wish_starts_from_the_current_one_and_keeps_the_history(setup, today):
    person_id = setup["person"]["id"]
    first = wishes.record_wish(
        person_id,
        {
            "recorded_on": "2026-06-01",
            "willing_to_go_out": True,
            "destinations": ["beijing"],
            "job_kinds": "保安",
            "expected_pay": "5000",
        },
    )
    saved = []
    form = WishForm(setup["root"], setup["app"], person_id, initial=first, on_saved=saved.append)
    assert form.form["recorded_on"].get() == "2026-11-27"  # a new record is dated today
    assert form.form["job_kinds"].get() == "保安"
    assert form.form["destinations"].get() == ["beijing"]
    assert "韩宝音" in form.person_label.cget("text")
    form.form["job_kinds"].set("保安、厨师")
    form.form["expected_pay"].set("6000")
    form.button_ok.invoke()

    history = wishes.wish_history(person_id)
    assert [w["job_kinds"] for w in history] == ["保安、厨师", "保安"]
    assert history[0]["recorded_on"] == today
    assert saved == [history[0]]
    assert setup["app"].notifications == ["已保存就业意愿"]


def test_editing_a_wish_changes_that_record_only(setup):
    person_id = setup["person"]["id"]
    wish = wishes.record_wish(person_id, {"recorded_on": "2026-06-01", "job_kinds": "厨师"})
    form = WishForm(setup["root"], setup["app"], person_id, wish_id=wish["id"])
    assert form.form["recorded_on"].get() == "2026-06-01"
    form.form["status"].set("employed")
    form.button_ok.invoke()
    [again] = wishes.wish_history(person_id)
    assert again["id"] == wish["id"] and again["status"] == "employed"
    assert again["recorded_on"] == dt.date(2026, 6, 1)


def test_a_bad_amount_is_shown_beside_it(setup):
    form = WishForm(setup["root"], setup["app"], setup["person"]["id"])
    form.form["expected_pay"].set("面议")
    form.button_ok.invoke()
    assert form.form["expected_pay"].error_label.cget("text") == "期望月薪请填写数字，例如 6000"
    assert wishes.wish_history(setup["person"]["id"]) == []


def test_history_window_lists_edits_and_deletes_wishes(setup, monkeypatch):
    person_id = setup["person"]["id"]
    old = wishes.record_wish(person_id, {"recorded_on": "2026-03-01", "job_kinds": "放牧"})
    wishes.record_wish(person_id, {"recorded_on": "2026-09-01", "job_kinds": "保安"})
    changes = []
    window = WishHistoryWindow(
        setup["root"], setup["app"], person_id, on_changed=lambda: changes.append(1)
    )
    rows = window.table.tree.get_children()
    assert [window.table.values_of(r)[3] for r in rows] == ["保安", "放牧"]

    window.table.select(old["id"])
    window.button_edit.invoke()
    window.dialog.form["job_kinds"].set("放牧、种地")
    window.dialog.button_ok.invoke()
    assert window.table.values_of(old["id"])[3] == "放牧、种地"

    questions = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, q: questions.append(q) or True)
    window.table.select(old["id"])
    window.button_delete.invoke()
    assert "回收站" in questions[0]
    assert [w["job_kinds"] for w in wishes.wish_history(person_id)] == ["保安"]
    assert len(window.table.tree.get_children()) == 1
    assert len(changes) == 2
