"""走访提醒: households due for a return visit and those not visited for N days."""

from __future__ import annotations

import pytest

from casework.services.register import cadres, visits
from casework.ui.kit import dialogs
from casework.ui.register.followups import FollowUpsScreen
from tests.factories import make_cadre, make_household, make_village
from tests.tkutil import pump
from tests.ui.fake_app import FakeApp
from tests.ui.widget_helpers import press, show_and_focus


def visit(household: dict, cadre: dict, day: str, next_day: str = "") -> None:
    visits.record_visit(
        household["id"],
        {"visit_date": day, "next_visit_date": next_day, "situation": "入户了解情况",
         "cadre_ids": [cadre["id"]]},
    )  # fmt: skip


@pytest.fixture
def village_rounds(db, today):
    """Today is 2026-11-27. 韩 is overdue, 包 is due later, 白 never visited, 陈 long ago."""
    cadre = make_cadre()
    village = make_village()
    overdue = make_household(village, code="15052100000001", head="韩令春")
    later = make_household(village, code="15052100000002", head="包金山")
    never = make_household(village, code="15052100000003", head="白福生")
    long_ago = make_household(village, code="15052100000004", head="陈秀英")
    visit(overdue, cadre, "2026-10-01", "2026-11-01")
    visit(later, cadre, "2026-11-20", "2026-12-20")
    visit(long_ago, cadre, "2026-05-01")
    return {"overdue": overdue, "later": later, "never": never, "long_ago": long_ago}


@pytest.fixture
def screen(tk_root, village_rounds):
    screen = FollowUpsScreen(tk_root, FakeApp(tk_root))
    screen.pack(fill="both", expand=True)
    pump(tk_root)
    return screen


def rows(table) -> list[tuple]:
    return [table.tree.item(iid, "values") for iid in table.tree.get_children()]


def test_due_households_are_listed_with_how_late_they_are(screen, village_rounds):
    assert rows(screen.due_table) == [
        ("15052100000001", "韩令春", "架玛吐镇 大新艾力嘎查", "2026-11-01", "26 天")
    ]
    assert screen.notebook.tab(screen.due.frame, "text") == "到期回访（1 户）"


def test_long_unvisited_households_put_the_never_visited_first(screen):
    assert [(r[1], r[3], r[4]) for r in rows(screen.idle_table)] == [
        ("白福生", "从未走访", "—"),
        ("陈秀英", "2026-05-01", "210 天"),
    ]
    assert screen.notebook.tab(screen.idle.frame, "text") == "长期未走访：超过 90 天（2 户）"


def test_enter_opens_the_household_and_visit_starts_a_visit(screen, village_rounds, tk_root):
    overdue_id = village_rounds["overdue"]["id"]
    screen.focus_default()
    show_and_focus(tk_root, screen.due_table.tree)
    assert screen.due_table.selected_id() == overdue_id
    press(tk_root, "<Return>")
    assert screen.app.opened == [overdue_id]

    screen.due.button_visit.invoke()
    assert screen.app.visits_requested == [(overdue_id, None)]
    screen.idle_table.select(village_rounds["never"]["id"])
    screen.idle.button_open.invoke()
    assert screen.app.opened[-1] == village_rounds["never"]["id"]


def test_visit_without_a_selection_says_what_to_do(screen, monkeypatch):
    told = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: told.append(text))
    screen.idle.button_visit.invoke()
    assert told == ["请先在列表中选中一户"]
    assert screen.app.visits_requested == []


def test_the_number_of_days_is_checked_saved_and_applied(screen, village_rounds):
    screen.days_var.set("三十")
    screen.button_apply.invoke()
    assert screen.days_error.cget("text") == "天数请填写整数，例如 90"
    assert screen.days_error.winfo_manager() == "grid"
    assert cadres.follow_up_days() == 90

    screen.days_var.set("30")
    screen.button_apply.invoke()
    assert cadres.follow_up_days() == 30
    assert screen.days_error.cget("text") == ""
    assert screen.days_error.winfo_manager() == ""
    heads = [r[1] for r in rows(screen.idle_table)]
    assert heads == ["白福生", "陈秀英", "韩令春"]  # 韩 was last visited 57 days ago
    assert screen.notebook.tab(screen.idle.frame, "text") == "长期未走访：超过 30 天（3 户）"
    assert screen.app.notifications == ["已设为超过 30 天未走访即提醒"]


def test_a_recorded_visit_takes_the_household_off_the_due_list(screen, village_rounds):
    cadre = cadres.current_cadre()
    visit(village_rounds["overdue"], cadre, "2026-11-27", "2027-02-27")
    screen.refresh()
    assert rows(screen.due_table) == []
    assert screen.due_table.empty_shown
