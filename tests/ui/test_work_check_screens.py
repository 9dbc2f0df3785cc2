"""在岗回访 through its widgets: the record dialog, the 就业跟踪 pane and the 走访提醒 tab."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.models import Person, PlacementEvent
from casework.services.jobs import placements, work_checks
from casework.ui.jobs.work_check_dialog import WorkCheckDialog
from tests.jobs_factories import make_posting, make_willing
from tests.tkutil import pump, pump_until
from tests.ui import test_jobs_screens as jobs_screens
from tests.ui.widget_helpers import press, show_and_focus, type_into

D = dt.date
# The jobs screens' own fixtures: a cadre and a FakeApp; a yes to every question asked.
app, yes = jobs_screens.app, jobs_screens.yes


@pytest.fixture
def at_work(app):
    """Today is 2026-11-27. 韩国庆 at work since 2026-10-20 (due 11-20), 包金花 since 11-25."""
    posting = make_posting()
    placed = {}
    for name, start in [("韩国庆", "2026-10-20"), ("包金花", "2026-11-25")]:
        person = make_willing(name, phone="13912345678")
        placement = placements.recommend(person["id"], posting["id"], on=D(2026, 10, 1))
        placed[name] = placements.move_stage(placement["id"], "working", start, monthly_pay=6000)
    return placed


def test_a_follow_up_still_at_work_is_recorded_in_seconds(tk_root, app, at_work):
    saved = []
    dialog = WorkCheckDialog(tk_root, app, at_work["韩国庆"]["id"], on_saved=saved.append)
    f = dialog.form
    assert dialog.title().startswith("在岗回访 — 韩国庆")
    assert "北京嘉裕集团 中餐厨师" in dialog.title()
    assert "应回访：2026-11-20（第1个月回访）" in dialog.about.cget("text")
    assert f["checked_on"].get() == "2026-11-27" and f["method"].get() == "phone"
    assert f["monthly_pay"].get() == "6000" and f["still_working"].get() is True
    assert f["left_on"].widget.instate(["readonly"])  # greyed out while still at work
    assert f["left_reason"].widget.instate(["disabled"])
    f["monthly_pay"].set("6500")
    f["problems"].set("宿舍离工地远")
    f["needs_help"].set(True)
    show_and_focus(tk_root, f["monthly_pay"].widget)
    press(tk_root, "<Control-s>")
    assert not dialog.winfo_exists()
    (check,) = work_checks.checks_of(at_work["韩国庆"]["id"])
    assert (check["checked_on"], check["method_label"], check["outcome_label"]) == (
        D(2026, 11, 27),
        "电话",
        "在岗",
    )
    assert check["monthly_pay"] == 6500 and check["problems"] == "宿舍离工地远"
    assert check["needs_help"] and check["cadre_name"] == "杨志勇"
    assert saved[0]["due"] == D(2026, 12, 20) and saved[0]["due_label"] == "第2个月回访"
    assert app.notifications == ["已记录在岗回访"] and app.data_changed_calls == 1


def test_a_follow_up_that_finds_the_person_left_asks_when_and_why(tk_root, app, at_work):
    placement_id = at_work["韩国庆"]["id"]
    dialog = WorkCheckDialog(tk_root, app, placement_id)
    f = dialog.form
    below = [f["problems"].widget, f["notes"].widget, dialog.button_ok]

    def geometry() -> list[tuple[int, int]]:
        tk_root.update_idletasks()
        sizes = [(dialog.winfo_reqwidth(), dialog.winfo_reqheight())]
        return sizes + [(w.winfo_rootx(), w.winfo_rooty()) for w in below]

    show_and_focus(tk_root, f["checked_on"].widget)
    clean = geometry()
    f["still_working"].buttons["no"].invoke()
    assert f["left_on"].widget.instate(["!readonly"])
    assert f["left_reason"].widget.instate(["!disabled"])
    dialog.button_ok.invoke()
    assert f["left_on"].error == "请填写离岗日期"
    assert f["left_reason"].error == "请选择离岗原因"
    assert geometry() == clean  # the fields were there all along, the messages had room
    assert work_checks.checks_of(placement_id) == []

    show_and_focus(tk_root, f["left_on"].widget)
    type_into(tk_root, f["left_on"].widget, "2026-11-15")
    assert f["left_on"].error == ""  # gone as soon as the date is right
    f["left_reason"].choose("environment")
    assert f["left_reason"].error == ""
    show_and_focus(tk_root, f["left_on"].widget)
    press(tk_root, "<Return>")  # Enter in a one-line field saves what was typed
    assert not dialog.winfo_exists()
    placement = placements.get_placement(placement_id)
    assert placement["stage"] == "left" and placement["end_date"] == D(2026, 11, 15)
    event = PlacementEvent.get(PlacementEvent.placement == placement_id, stage="left")
    assert event.reason == "environment"
    assert app.notifications == ["已记录在岗回访：已离岗，就业跟踪已改为已离岗"]


def test_a_wrong_field_says_so_in_chinese_and_the_message_goes_when_corrected(
    tk_root, app, at_work
):
    dialog = WorkCheckDialog(tk_root, app, at_work["包金花"]["id"])
    f = dialog.form
    f["checked_on"].set("2026-11-01")
    f["monthly_pay"].set("很多")
    dialog.button_ok.invoke()
    assert f["checked_on"].error == "回访日期不能早于上岗日期 2026-11-25"
    assert f["checked_on"].error_label.cget("text") == f["checked_on"].error
    assert f["monthly_pay"].error.startswith("月收入")
    show_and_focus(tk_root, f["checked_on"].widget)
    f["checked_on"].widget.delete(0, "end")
    type_into(tk_root, f["checked_on"].widget, "2026-11-26")
    assert f["checked_on"].error == "" and f["checked_on"].error_label.cget("text") == ""
    assert f["monthly_pay"].error  # still wrong: still said
    f["monthly_pay"].set("5800")
    f["monthly_pay"]._changed()  # as typing does
    assert f["monthly_pay"].error == ""
    # Going back to 仍在岗 takes away what 已离岗 had asked for.
    f["still_working"].buttons["no"].invoke()
    dialog.button_ok.invoke()
    assert f["left_reason"].error
    f["still_working"].buttons["yes"].invoke()
    assert f["left_reason"].error == "" and f["left_on"].error == ""
    dialog.button_ok.invoke()
    assert not dialog.winfo_exists()
    (check,) = work_checks.checks_of(at_work["包金花"]["id"])
    assert check["checked_on"] == D(2026, 11, 26) and check["still_working"]


def test_esc_cancels_a_follow_up_nobody_typed_into(tk_root, app, at_work, no_message_boxes):
    dialog = WorkCheckDialog(tk_root, app, at_work["包金花"]["id"])
    show_and_focus(tk_root, dialog.form["checked_on"].widget)
    press(tk_root, "<Escape>")
    assert not dialog.winfo_exists()
    assert work_checks.checks_of(at_work["包金花"]["id"]) == []
    pump(tk_root)


# 就业跟踪 ----------------------------------------------------------------------------------


def test_the_placement_pane_lists_follow_ups_and_the_next_one_due(tk_root, app, at_work, yes):
    from casework.ui.jobs.placements_screen import PlacementsScreen

    placement_id = at_work["韩国庆"]["id"]
    screen = PlacementsScreen(tk_root, app)
    screen.table.select(placement_id)
    pump(tk_root)
    assert "下次回访：2026-11-20（第1个月回访），已逾期 7 天" in screen.history.get()
    assert screen.checks_table.empty_shown
    dialog = screen.record_check()
    dialog.form["problems"].set("宿舍离工地远")
    dialog.form["needs_help"].set(True)
    dialog.button_ok.invoke()
    pump(tk_root)
    assert "下次回访：2026-12-20（第2个月回访）" in screen.history.get()
    assert screen.checks_heading.cget("text") == "在岗回访记录（1 次）"
    (shown,) = [screen.checks_table.values_of(i) for i in screen.checks_table.tree.get_children()]
    assert shown == ("2026-11-27", "电话", "在岗", "6000", "宿舍离工地远", "需要帮助", "杨志勇")

    # Recorded in error: to the recycle bin, after the app's question.
    assert screen.button_delete_check.instate(["disabled"])
    screen.checks_table.select(screen.checks_table.tree.get_children()[0])
    pump(tk_root)
    screen.button_delete_check.invoke()
    assert yes == ["把韩国庆 2026-11-27 的在岗回访记录放进回收站？"]
    assert work_checks.checks_of(placement_id) == []
    assert screen.checks_table.empty_shown
    assert "下次回访：2026-11-20" in screen.history.get()
    assert app.notifications[-1] == "已删除在岗回访记录，可在回收站恢复"


def test_the_follow_up_button_is_only_for_people_at_work(tk_root, app, at_work):
    from casework.ui.jobs.placements_screen import PlacementsScreen

    placements.move_stage(at_work["包金花"]["id"], "left", "2026-11-26")
    screen = PlacementsScreen(tk_root, app)
    screen.table.select(at_work["包金花"]["id"])
    pump(tk_root)
    assert screen.buttons["在岗回访…"].instate(["disabled"])
    assert screen.record_check() is None
    screen.table.select(at_work["韩国庆"]["id"])
    pump(tk_root)
    assert screen.buttons["在岗回访…"].instate(["!disabled"])


def test_the_stage_dialog_asks_why_a_job_ended_and_the_event_keeps_it(tk_root, app, at_work):
    from casework.ui.jobs.placements_screen import PlacementsScreen

    placement_id = at_work["韩国庆"]["id"]
    screen = PlacementsScreen(tk_root, app)
    screen.table.select(placement_id)
    pump(tk_root)
    dialog = screen.next_stage()
    assert dialog.form["stage"].get() == "left"
    assert dialog.form["reason"].widget.instate(["!disabled"])
    dialog.form["on"].set("2026-11-20")
    dialog.form["reason"].choose("unpaid")
    dialog.button_ok.invoke()
    pump(tk_root)
    event = PlacementEvent.get(PlacementEvent.placement == placement_id, stage="left")
    assert event.reason == "unpaid" and event.event_date == D(2026, 11, 20)
    (row,) = work_checks.left_early_rows()
    assert row["reason_label"] == "拖欠工资"
    # Back at work: no reason to ask.
    dialog = screen.next_stage()
    assert dialog.form["stage"].get() == "working"
    assert dialog.form["reason"].widget.instate(["disabled"])
    dialog.close()


def test_the_subsidy_tab_shows_the_follow_ups_as_evidence(tk_root, app, at_work, set_now):
    from casework.ui.jobs.placements_screen import PlacementsScreen

    placement_id = at_work["韩国庆"]["id"]
    work_checks.record_check(placement_id, {"method": "wechat", "monthly_pay": "6200"})
    set_now(D(2027, 1, 25))  # three whole months at work: eligible
    screen = PlacementsScreen(tk_root, app)
    screen.notebook.select(screen.subsidy_tab)
    screen.subsidy_table.select(placement_id)
    pump(tk_root)
    text = screen.evidence.get()
    assert text.startswith("韩国庆：在岗回访1次，最近2026-11-27 在岗")
    assert "2026-11-27 微信 在岗，月收入6200元（杨志勇）" in text


# 走访提醒 ----------------------------------------------------------------------------------


@pytest.fixture
def reminders(tk_root, app, at_work):
    from casework.ui.register.followups import FollowUpsScreen

    screen = FollowUpsScreen(tk_root, app)
    screen.pack(fill="both", expand=True)
    tab = screen.work_checks
    assert pump_until(tk_root, lambda: not tab.computing), "the list never arrived"
    return screen


def village_of(placement: dict) -> str:
    return Person.get_by_id(placement["person_id"]).household.village_id


def rows(table) -> list[tuple]:
    return [table.tree.item(iid, "values") for iid in table.tree.get_children()]


def test_the_follow_up_tab_lists_who_is_due_this_week_with_the_count(tk_root, reminders, app):
    tab = reminders.work_checks
    assert reminders.notebook.tab(tab, "text") == "在岗回访（1 人）"
    ((name, area, employer, place, start, due, what, late, phone),) = rows(tab.table)
    assert (name, employer, place, start) == ("韩国庆", "北京嘉裕集团", "北京", "2026-10-20")
    assert area.startswith("架玛吐镇 新村")
    assert (due, what, late) == ("2026-11-20", "第1个月回访", "7 天")
    assert phone == "139****5678"  # masked, as every list shows phones

    tab.within_buttons[30].invoke()
    assert pump_until(tk_root, lambda: not tab.computing)
    assert [r[0] for r in rows(tab.table)] == ["韩国庆", "包金花"]  # the most overdue first
    assert rows(tab.table)[1][7] == "28 天后到期"  # 2026-12-25
    assert reminders.notebook.tab(tab, "text") == "在岗回访（2 人）"

    tab.table.select(tab.table.tree.get_children()[0])
    tab.button_open.invoke()
    assert app.opened == [placements.get_placement(tab.table.selected_id())["household_id"]]


def test_the_follow_up_tab_follows_the_village_and_cadre_filters(tk_root, reminders, at_work):
    tab = reminders.work_checks
    reminders.village_filter.choose(village_of(at_work["包金花"]))
    assert pump_until(tk_root, lambda: not tab.computing)
    assert rows(tab.table) == [] and reminders.notebook.tab(tab, "text") == "在岗回访（0 人）"
    reminders.village_filter.choose(village_of(at_work["韩国庆"]))
    assert pump_until(tk_root, lambda: not tab.computing)
    assert [r[0] for r in rows(tab.table)] == ["韩国庆"]
    # The cadre has visited nobody yet: none of their households has anyone at work.
    reminders.cadre_filter.choose(next(code for code in reminders.cadre_filter.codes() if code))
    assert pump_until(tk_root, lambda: not tab.computing)
    assert rows(tab.table) == []


def test_a_follow_up_recorded_from_the_tab_takes_the_person_off_it(tk_root, reminders, app):
    tab = reminders.work_checks
    tab.table.select(tab.table.tree.get_children()[0])
    dialog = tab.record_check()
    assert dialog.title().startswith("在岗回访 — 韩国庆")
    dialog.button_ok.invoke()
    pump(tk_root)
    assert rows(tab.table) == []  # next due 2026-12-20: not this week
    assert reminders.notebook.tab(tab, "text") == "在岗回访（0 人）"
    assert tab.table.empty_shown
    reminders.refresh()  # as the window does when data changed: the same answer
    assert pump_until(tk_root, lambda: not tab.computing)
    assert rows(tab.table) == []
