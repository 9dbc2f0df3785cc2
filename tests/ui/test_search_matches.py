"""农户名册 search results say who matched: "张树林" finds the household of 张德明."""

from __future__ import annotations

import pytest

from casework.ui.register.household_list import HouseholdListScreen
from tests.factories import add_person, make_cadre, make_household, make_village
from tests.tkutil import pump_until
from tests.ui.fake_app import FakeApp
from tests.ui.widget_helpers import type_into


@pytest.fixture
def screen(tk_root, db, today):
    make_cadre()
    village = make_village()
    zhang = make_household(village, code="150521000001", head="张德明")
    add_person(zhang, "张树林", phone="13904750001")
    make_household(village, code="150521000002", head="张树森")
    make_household(village, code="150521000003", head="韩令春")
    screen = HouseholdListScreen(tk_root, FakeApp(tk_root))
    screen.pack(fill="both", expand=True)
    return screen


def rows(screen) -> dict[str, tuple]:
    tree = screen.table.tree
    keys = [c.key for c in screen.table.columns]
    return {
        tree.set(iid, "head_name"): dict(zip(keys, tree.item(iid, "values"), strict=True))
        for iid in tree.get_children()
    }


def test_the_row_says_which_member_matched(screen, tk_root):
    type_into(tk_root, screen.search.widget, "张树")
    assert pump_until(tk_root, lambda: screen.table.total == 2)
    shown = rows(screen)
    assert shown["张德明"]["matched_text"] == "匹配：张树林"
    assert shown["张树森"]["matched_text"] == ""  # the head matched: the row shows him
    screen.search.set("zhsl")
    screen.search.search_now()
    assert rows(screen)["张德明"]["matched_text"] == "匹配：张树林"
    screen.search.set("0475000")  # by a phone number: whose number it is
    screen.search.search_now()
    assert rows(screen)["张德明"]["matched_text"] == "匹配：张树林"
    screen.search.clear()
    assert pump_until(tk_root, lambda: screen.table.total == 3)
    assert {r["matched_text"] for r in rows(screen).values()} == {""}
