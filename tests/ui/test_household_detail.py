"""The household detail screen, with records entered through the real forms."""

from __future__ import annotations

import pytest

from casework.services.register import listing, people, trash, visits, wishes
from casework.ui.kit import dialogs
from casework.ui.register.household_detail import HouseholdDetailScreen
from casework.ui.register.member_form import MemberForm
from casework.ui.register.visit_form import VisitForm
from casework.ui.register.wish_form import WishForm, WishHistoryWindow
from tests.factories import add_person, make_cadre, make_household, make_village, valid_id
from tests.ui.fake_app import FakeApp
from tests.ui.widget_helpers import press, show_and_focus


@pytest.fixture
def setup(db, today, tk_root, no_message_boxes):
    make_cadre()
    household = make_household(make_village(), code="150521003", head="韩令春", phone="13904750000")
    app = FakeApp(tk_root)
    screen = HouseholdDetailScreen(tk_root, app, household["id"])
    screen.pack(fill="both", expand=True)
    return {"app": app, "household": household, "screen": screen, "root": tk_root}


def tree_values(table) -> list[tuple]:
    return [table.values_of(row) for row in table.tree.get_children()]


def column(table, key: str) -> list[str]:
    index = [c.key for c in table.columns].index(key)
    return [values[index] for values in tree_values(table)]


def test_the_screen_shows_the_household_and_its_records(setup):
    household = setup["household"]
    son = add_person(household, "韩宝音", id_number=valid_id("19980504"))
    wishes.record_wish(
        son["id"], {"willing_to_go_out": True, "destinations": ["beijing"], "job_kinds": "保安"}
    )
    visits.record_visit(
        household["id"],
        {
            "visit_date": "2026-11-02",
            "cadre_ids": [setup["app"].cadre["id"]],
            "person_ids": [son["id"]],
            "situation": "第一行情况\n第二行：" + "很长" * 40,
            "requests": "想去北京",
            "next_visit_date": "2026-12-02",
        },
    )
    screen = setup["screen"]
    screen.refresh()

    assert screen.title_label.cget("text") == "150521003　韩令春户"
    assert screen.facts["area_path"].cget("text") == "架玛吐镇 大新艾力嘎查"
    assert screen.facts["phone"].cget("text") == "139****0000"  # the form shows it in full
    assert screen.facts["last_visit_date"].cget("text") == "2026-11-02"
    assert screen.facts["next_visit_date"].cget("text") == "2026-12-02"
    assert column(screen.member_table, "name") == ["韩令春", "韩宝音"]
    assert column(screen.member_table, "wish_summary")[1] == "愿意外出·赴京·保安"
    [visit_row] = tree_values(screen.visit_table)
    assert visit_row[0] == "2026-11-02" and visit_row[2] == "杨志勇" and visit_row[3] == "韩宝音"
    assert visit_row[4].startswith("第一行情况 第二行") and visit_row[4].endswith("…")
    assert column(screen.wish_table, "willing_label") == ["未登记", "愿意外出"]
    assert screen.notebook.tab(screen.visit_tab, "text") == "走访记录 (1)"

    screen.visit_table.select(screen.visit_table.tree.get_children()[0])
    screen.update()
    detail = screen.visit_text.get()
    assert "很长" * 40 in detail and "想去北京" in detail  # in full, not shortened


def test_the_members_list_masks_numbers_and_the_member_form_shows_them(setup):
    number = valid_id("19980504")
    son = add_person(setup["household"], "韩宝音", id_number=number, phone="13904751234")
    screen = setup["screen"]
    screen.refresh()
    row = next(v for v in tree_values(screen.member_table) if v[0] == "韩宝音")
    keys = [c.key for c in screen.member_table.columns]
    assert row[keys.index("id_number")] == number[:6] + "********" + number[-4:]
    assert row[keys.index("phone")] == "139****1234"
    assert not any(number in value or "13904751234" in value for value in row)
    screen.member_table.select(son["id"])
    screen.edit_member()
    form = screen.dialog
    assert isinstance(form, MemberForm)
    assert form.form["id_number"].get() == number and form.form["phone"].get() == "13904751234"
    form.button_cancel.invoke()


def test_a_member_added_through_the_form_is_saved_and_listed(setup):
    screen = setup["screen"]
    screen.button_add_member.invoke()
    form = screen.dialog
    assert isinstance(form, MemberForm)
    form.form["name"].set("韩宝音")
    form.form["id_number"].widget.insert(0, valid_id("20010915"))
    form.form["relation"].set("son")
    form.form["ethnicity"].set("mongol")
    form.button_ok.invoke()

    names = [p["name"] for p in people.list_members(setup["household"]["id"])]
    assert names == ["韩令春", "韩宝音"]
    row = [v for v in tree_values(screen.member_table) if v[0] == "韩宝音"][0]
    assert row[1:5] == ("子", "男", "25", "蒙古族")
    assert screen.notebook.tab(screen.member_tab, "text") == "家庭成员 (2)"


def test_a_visit_and_a_wish_entered_through_the_forms_show_on_the_screen(setup):
    screen, household = setup["screen"], setup["household"]
    head = people.list_members(household["id"])[0]
    form = VisitForm(screen, setup["app"], household["id"], on_saved=lambda _v: screen.refresh())
    form.form["visit_date"].set("2026-11-25")
    form.form["person_ids"].buttons[head["id"]].invoke()
    form.form["situation"].widget.insert("1.0", "户主身体好转，想就近打零工")
    form.wish_table.select(head["id"])
    form.button_wish.invoke()
    form.wish_dialog.form["destinations"].buttons["local"].invoke()
    form.wish_dialog.form["job_kinds"].set("护路员")
    form.wish_dialog.button_ok.invoke()
    form.button_ok.invoke()

    [visit] = visits.list_visits(household["id"])
    assert visit["situation"] == "户主身体好转，想就近打零工"
    [wish] = wishes.wish_history(head["id"])
    assert wish["job_kinds"] == "护路员" and wish["visit_id"] == visit["id"]
    assert column(screen.visit_table, "visit_date") == ["2026-11-25"]
    assert column(screen.visit_table, "met") == ["韩令春"]
    assert column(screen.wish_table, "job_kinds") == ["护路员"]
    assert column(screen.wish_table, "recorded_on") == ["2026-11-25"]
    assert screen.facts["last_visit_date"].cget("text") == "2026-11-25"


def test_new_visit_goes_through_the_app(setup):
    setup["screen"].button_new_visit.invoke()
    assert setup["app"].visits_requested == [(setup["household"]["id"], None)]


def test_a_standalone_wish_adds_to_the_history(setup):
    screen, household = setup["screen"], setup["household"]
    head = people.list_members(household["id"])[0]
    wishes.record_wish(head["id"], {"recorded_on": "2026-05-01", "job_kinds": "放牧"})
    screen.refresh()
    screen.member_table.select(head["id"])
    screen.button_record_wish.invoke()
    form = screen.dialog
    assert isinstance(form, WishForm) and form.form["job_kinds"].get() == "放牧"
    form.form["job_kinds"].set("放牧、电商直播")
    form.button_ok.invoke()

    assert [w["job_kinds"] for w in wishes.wish_history(head["id"])] == ["放牧、电商直播", "放牧"]
    assert column(screen.wish_table, "job_kinds") == ["放牧、电商直播"]
    assert column(screen.member_table, "wish_summary") == ["不外出·放牧、电商直播"]

    screen.button_wish_history.invoke()
    assert isinstance(screen.dialog, WishHistoryWindow)
    assert len(screen.dialog.table.tree.get_children()) == 2


def test_editing_a_visit_from_the_list(setup, pump):
    screen, household, root = setup["screen"], setup["household"], setup["root"]
    root.deiconify()
    visit = visits.record_visit(
        household["id"],
        {
            "visit_date": "2026-11-02",
            "cadre_ids": [setup["app"].cadre["id"]],
            "situation": "初次走访",
        },
    )
    screen.refresh()
    screen.notebook.select(screen.visit_tab)
    pump(root)
    screen.visit_table.select(visit["id"])
    show_and_focus(root, screen.visit_table.tree)
    press(root, "<Return>")
    form = screen.dialog
    assert isinstance(form, VisitForm) and form.visit_id == visit["id"]
    form.form["actions"].widget.insert("1.0", "联系了镇里的公益岗")
    form.button_ok.invoke()
    assert column(screen.visit_table, "situation_short") == ["初次走访"]
    assert "联系了镇里的公益岗" in screen.visit_text.get()


def test_deleting_a_visit_and_a_member_asks_and_goes_to_the_bin(setup, monkeypatch):
    screen, household = setup["screen"], setup["household"]
    son = add_person(household, "韩宝音")
    visit = visits.record_visit(
        household["id"],
        {
            "visit_date": "2026-11-02",
            "cadre_ids": [setup["app"].cadre["id"]],
            "situation": "初次走访",
        },
    )
    screen.refresh()
    questions = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, q: questions.append(q) or True)

    screen.visit_table.select(visit["id"])
    screen.button_delete_visit.invoke()
    screen.member_table.select(son["id"])
    screen.button_delete_member.invoke()

    assert "2026-11-02 的走访记录" in questions[0] and "韩宝音" in questions[1]
    assert visits.list_visits(household["id"]) == []
    assert column(screen.member_table, "name") == ["韩令春"]
    kinds = sorted(row["kind"] for row in trash.list_deleted()[0])
    assert kinds == ["person", "visit"]


def test_deleting_the_household_asks_naming_it(setup, monkeypatch):
    screen = setup["screen"]
    questions = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, q: questions.append(q) or False)
    screen.button_delete.invoke()
    assert listing.list_households()[1] == 1  # answered no: still there
    assert setup["app"].back_calls == 0

    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, q: questions.append(q) or True)
    screen.button_delete.invoke()
    assert "150521003 韩令春户" in questions[0] and "回收站" in questions[0]
    assert listing.list_households() == ([], 0)
    [deleted] = trash.list_deleted()[0]
    assert deleted["kind"] == "household" and "150521003" in deleted["label"]
    assert setup["app"].back_calls == 1
    assert setup["app"].data_changed_calls == 1


def test_keyboard_shortcuts(setup, pump):
    root, screen, app = setup["root"], setup["screen"], setup["app"]
    screen.focus_default()
    tree = screen.member_table.tree
    show_and_focus(root, tree)

    press(root, "<Control-n>")
    assert app.visits_requested == [(setup["household"]["id"], None)]
    press(root, "<Control-m>")
    assert isinstance(screen.dialog, MemberForm)
    screen.dialog.destroy()
    show_and_focus(root, tree)
    press(root, "<Return>")  # Enter on a member edits them
    assert isinstance(screen.dialog, MemberForm) and screen.dialog.person_id
    screen.dialog.destroy()
    show_and_focus(root, tree)
    press(root, "<Alt-Left>")
    press(root, "<Escape>")
    assert app.back_calls == 2


def test_tab_reaches_the_member_list(setup, pump):
    root, screen = setup["root"], setup["screen"]
    root.deiconify()
    pump(root)
    widget, seen = screen.button_back, []
    while widget not in seen and len(seen) < 20:
        seen.append(widget)
        widget = widget.tk_focusNext()
    assert screen.member_table.tree in seen
    assert seen.index(screen.button_new_visit) < seen.index(screen.member_table.tree)


def test_a_household_deleted_elsewhere_says_so(setup):
    trash.delete_household(setup["household"]["id"])
    screen = setup["screen"]
    screen.refresh()
    assert "已被删除" in screen.title_label.cget("text")
    assert screen.button_new_visit.instate(["disabled"])
    assert screen.member_table.empty_shown
    screen.button_back.invoke()
    assert setup["app"].back_calls == 1
