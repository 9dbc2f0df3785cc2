"""The visit form: defaults, errors beside their fields, attached wishes, keyboard order."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.services.register import cadres, visits, wishes
from casework.ui.kit import dialogs
from casework.ui.register.visit_form import VisitForm
from casework.ui.register.wish_form import WishForm
from tests.factories import add_person, make_cadre, make_household, make_village
from tests.ui.fake_app import FakeApp
from tests.ui.widget_helpers import focused_widget, press, show_and_focus, type_into


@pytest.fixture
def no_message_boxes(monkeypatch):
    """A message box would block the test: any unexpected one fails it instead."""

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected message box: {args[1:]}")

    monkeypatch.setattr(dialogs, "show_error", unexpected)
    monkeypatch.setattr(dialogs, "ask_yes_no", unexpected)


@pytest.fixture
def setup(db, today, tk_root, no_message_boxes):
    cadre = make_cadre()
    household = make_household(make_village(), code="150521001", head="韩令春")
    son = add_person(household, "韩宝音", relation="son")
    app = FakeApp(tk_root)
    return {"app": app, "cadre": cadre, "household": household, "son": son, "root": tk_root}


def open_form(setup, **kwargs) -> VisitForm:
    saved = setup.setdefault("saved", [])
    return VisitForm(
        setup["root"], setup["app"], setup["household"]["id"], on_saved=saved.append, **kwargs
    )


def test_a_new_visit_starts_today_at_home_with_me_ticked(setup, today):
    form = open_form(setup, person_id=setup["son"]["id"])
    assert form.form["visit_date"].get() == "2026-11-27"
    assert form.form["kind"].widget.get() == "入户走访"
    assert form.form["cadre_ids"].get() == [setup["cadre"]["id"]]
    assert form.form["person_ids"].get() == [setup["son"]["id"]]
    assert "150521001" in form.header_label.cget("text")
    assert "韩令春" in form.header_label.cget("text")
    assert not form.is_dirty()  # the defaults are not the cadre's typing


def test_visit_with_an_attached_wish_is_saved_in_one_go(setup, pump):
    son = setup["son"]
    form = open_form(setup)
    form.form["visit_date"].set("2026-11-20")
    form.form["person_ids"].buttons[son["id"]].invoke()
    form.form["situation"].widget.insert("1.0", "儿子在家放牧，想去北京当保安")
    form.form["next_visit_date"].set("+30")

    assert form.wish_table.select(son["id"])
    form.button_wish.invoke()
    wish_form = form.wish_dialog
    assert isinstance(wish_form, WishForm)
    assert "recorded_on" not in wish_form.form.fields  # the visit's date is the wish's
    wish_form.form["willing_to_go_out"].widget.invoke()
    wish_form.form["destinations"].buttons["beijing"].invoke()
    wish_form.form["job_kinds"].set("保安")
    wish_form.form["expected_pay"].set("6000")
    wish_form.button_ok.invoke()
    assert not wish_form.winfo_exists()
    assert wishes.wish_history(son["id"]) == []  # only attached, not saved yet
    pending = form.wish_table.values_of(son["id"])[3]
    assert pending.startswith("待保存：") and "保安" in pending

    form.button_ok.invoke()

    assert not form.winfo_exists()
    [visit] = visits.list_visits(setup["household"]["id"])
    assert visit["visit_date"] == dt.date(2026, 11, 20)
    assert visit["next_visit_date"] == dt.date(2026, 12, 20)  # "+30" from the visit day
    assert visit["situation"] == "儿子在家放牧，想去北京当保安"
    assert visit["person_ids"] == [son["id"]]
    assert visit["cadre_ids"] == [setup["cadre"]["id"]]
    [wish] = wishes.wish_history(son["id"])
    assert wish["visit_id"] == visit["id"]
    assert wish["recorded_on"] == dt.date(2026, 11, 20)
    assert wish["destinations"] == "beijing" and wish["expected_pay"] == 6000
    assert setup["saved"] == [visit]
    assert setup["app"].notifications == ["已保存走访记录"]
    assert setup["app"].data_changed_calls == 1


def test_a_future_date_is_refused_beside_the_date_and_the_text_stays(setup):
    form = open_form(setup)
    form.form["visit_date"].set("2026-12-01")
    form.form["situation"].widget.insert("1.0", "家中老人住院")

    form.button_ok.invoke()

    assert form.winfo_exists()
    assert form.form["visit_date"].error_label.cget("text") == "走访日期不能晚于今天2026-11-27"
    assert form.form["situation"].get() == "家中老人住院"
    assert form.form["visit_date"].get() == "2026-12-01"
    assert visits.list_visits(setup["household"]["id"]) == []
    assert setup["saved"] == []


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"next_visit_date": "2026-11-01"}, "next_visit_date", "下次走访日期不能早于本次走访日期"),
        ({"cadre_ids": []}, "cadre_ids", "请至少选择一名走访干部"),
        ({"situation": ""}, "situation", "请至少填写了解情况、群众诉求或帮扶措施中的一项"),
    ],
)
def test_each_problem_shows_beside_its_field(setup, change, field, message):
    form = open_form(setup)
    form.form.set_values({"situation": "已核实收入"} | change, clean=False)
    form.button_ok.invoke()
    assert form.form[field].error_label.cget("text") == message
    assert visits.list_visits(setup["household"]["id"]) == []


def test_quick_buttons_count_from_the_visit_date(setup):
    form = open_form(setup)
    form.form["visit_date"].set("2026-11-01")
    form.quick_buttons[90].invoke()
    assert form.form["next_visit_date"].get() == "2027-01-30"
    form.form["visit_date"].set("不是日期")
    form.quick_buttons[7].invoke()
    assert form.form["next_visit_date"].get() == "2026-12-04"  # from today instead


def test_escape_on_a_typed_visit_asks_before_discarding(setup, monkeypatch, pump):
    root = setup["root"]
    root.deiconify()
    form = open_form(setup)
    pump(root)
    form.form["requests"].widget.insert("1.0", "想办理低保")
    answers = []
    monkeypatch.setattr(
        dialogs, "ask_yes_no", lambda parent, title, text: answers.append(text) or False
    )
    show_and_focus(root, form.form["requests"].widget)
    press(root, "<Escape>")
    assert answers == ["放弃未保存的修改？"]
    assert form.winfo_exists()
    assert form.form["requests"].get() == "想办理低保"

    # Closing the window is the same as Esc; this time the cadre lets it go.
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda parent, title, text: True)
    root.tk.call(form.protocol("WM_DELETE_WINDOW"))
    assert not form.winfo_exists()
    assert visits.list_visits(setup["household"]["id"]) == []
    assert setup["saved"] == []


def test_escape_on_an_untouched_form_just_closes(setup):
    form = open_form(setup)
    form.button_cancel.invoke()  # no_message_boxes: asking would fail the test
    assert not form.winfo_exists()


def test_tab_walks_down_the_left_column_then_the_right_then_save(setup):
    root = setup["root"]
    form = open_form(setup)
    f = form.form
    show_and_focus(root, f["visit_date"].widget)
    order = [focused_widget(root)]
    while order[-1] is not form.button_ok and len(order) < 40:
        press(root, "<Tab>")
        order.append(focused_widget(root))
    head = next(p["id"] for p in form.members if p["id"] != setup["son"]["id"])
    assert order == [
        f["visit_date"].widget,
        f["visit_date"].today_button,
        f["kind"].widget,
        f["cadre_ids"].buttons[setup["cadre"]["id"]],
        f["person_ids"].buttons[head],
        f["person_ids"].buttons[setup["son"]["id"]],
        form.wish_table.tree,  # bottom left, so before the notes on the right
        form.button_wish,
        f["situation"].widget,
        f["requests"].widget,
        f["actions"].widget,
        f["next_visit_date"].widget,
        *(form.quick_buttons[days] for days in (7, 30, 90)),
        form.button_ok,
    ]


def test_today_and_the_quick_buttons_answer_enter_and_space_without_saving(setup):
    root = setup["root"]
    form = open_form(setup)
    f = form.form
    f["visit_date"].set("2026-11-01")
    show_and_focus(root, form.quick_buttons[30])
    press(root, "<Return>")
    assert f["next_visit_date"].get() == "2026-12-01"
    show_and_focus(root, form.quick_buttons[7])
    press(root, "<space>")
    assert f["next_visit_date"].get() == "2026-11-08"
    show_and_focus(root, f["visit_date"].today_button)
    press(root, "<Return>")
    assert f["visit_date"].get() == "2026-11-27"
    assert form.winfo_exists() and setup["saved"] == []  # Enter pressed the button only


def test_a_date_error_goes_once_the_date_is_right_and_nothing_moves(setup):
    root = setup["root"]
    form = open_form(setup)
    date = form.form["visit_date"]
    show_and_focus(root, date.widget)
    below = [form.form["cadre_ids"], form.form["person_ids"], form.wish_table, form.button_ok]

    def geometry() -> list[tuple[int, int]]:
        root.update_idletasks()
        sizes = [(form.winfo_reqwidth(), form.winfo_reqheight())]
        return sizes + [(w.winfo_rootx(), w.winfo_rooty()) for w in below]

    clean = geometry()
    date.widget.delete(0, "end")
    type_into(root, date.widget, "2026-11")
    form.button_ok.invoke()
    assert date.error_label.cget("text") == "走访日期格式应为 年-月-日，例如 2026-11-27"
    assert geometry() == clean  # the message fills a line kept for it, widening nothing
    type_into(root, date.widget, "-5")
    assert date.error_label.cget("text") == ""  # the message goes as the date comes right
    assert date.error == "" and setup["saved"] == [] and form.winfo_exists()
    assert geometry() == clean
    date.widget.delete(0, "end")
    type_into(root, date.widget, "2026-12-01")  # still wrong, in another way
    assert date.error_label.cget("text") == ""  # never nagged mid-typing before a save
    form.button_ok.invoke()
    assert date.error == "走访日期不能晚于今天2026-11-27"
    date.widget.delete(0, "end")
    type_into(root, date.widget, "2026-11-2")
    assert date.error == ""


def test_the_next_date_error_goes_when_the_visit_date_moves_before_it(setup):
    form = open_form(setup)
    f = form.form
    f.set_values({"situation": "已核实收入", "next_visit_date": "2026-11-20"}, clean=False)
    form.button_ok.invoke()
    assert f["next_visit_date"].error == "下次走访日期不能早于本次走访日期"
    f["visit_date"].widget.delete(0, "end")
    f["visit_date"].widget.insert(0, "2026-11-10")  # a typed edit, heard by the field
    assert f["next_visit_date"].error == ""
    assert f["next_visit_date"].error_label.cget("text") == ""


def test_ctrl_s_saves_from_inside_the_notes(setup, pump):
    root = setup["root"]
    root.deiconify()
    form = open_form(setup)
    pump(root)
    text = form.form["actions"].widget
    text.insert("1.0", "推荐参加中式烹饪培训")
    show_and_focus(root, text)
    press(root, "<Control-s>")
    [visit] = visits.list_visits(setup["household"]["id"])
    assert visit["actions"] == "推荐参加中式烹饪培训"


def test_editing_a_visit_loads_it_and_saves_the_change(setup):
    household, son = setup["household"], setup["son"]
    other = cadres.create_cadre({"name": "李红梅", "unit": "科左中旗人社局"})
    visit = visits.record_visit(
        household["id"],
        {
            "visit_date": "2026-10-08",
            "kind": "follow_up",
            "cadre_ids": [setup["cadre"]["id"], other["id"]],
            "person_ids": [son["id"]],
            "situation": "收入稳定",
        },
    )
    form = open_form(setup, visit_id=visit["id"])
    assert form.form["visit_date"].get() == "2026-10-08"
    assert form.form["kind"].widget.get() == "回访"
    assert sorted(form.form["cadre_ids"].get()) == sorted([setup["cadre"]["id"], other["id"]])
    assert form.form["situation"].get() == "收入稳定"
    assert not form.is_dirty()

    form.form["situation"].widget.insert("end", "，已申请公益岗")
    form.button_ok.invoke()
    assert visits.get_visit(visit["id"])["situation"] == "收入稳定，已申请公益岗"
    assert len(visits.list_visits(household["id"])) == 1


def test_a_household_deleted_meanwhile_is_reported_not_opened(setup, monkeypatch):
    from casework.services.register import trash

    trash.delete_household(setup["household"]["id"])
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    form = open_form(setup)
    assert form.failed and not form.winfo_exists()
    assert errors == ["找不到这条农户记录，可能已被删除"]
