"""走访提醒 and 农户名册 narrowed to one 嘎查村 and to one cadre's households."""

from __future__ import annotations

import pytest

from casework.services.register import cadres
from casework.ui.register.followups import FollowUpsScreen
from casework.ui.register.household_list import HouseholdListScreen
from tests.factories import make_cadre, make_household, make_village
from tests.test_cadre_households import visit
from tests.tkutil import pump
from tests.ui.fake_app import FakeApp


@pytest.fixture
def county(db, today):
    """杨 is due back at 韩 and 包; 王 at 包 (with 杨) and at 白, in another village."""
    yang = make_cadre("杨志勇")
    wang = cadres.create_cadre({"name": "王建军", "unit": "北京市顺义区人社局"})
    big, other = make_village("大新艾力嘎查"), make_village("哈日干图嘎查")
    han = make_household(big, code="15052100000001", head="韩令春")
    bao = make_household(big, code="15052100000002", head="包金山")
    bai = make_household(other, code="15052100000003", head="白福生")
    visit(han, yang, next_day="2026-11-01")
    visit(bao, yang, wang, next_day="2026-11-10")
    visit(bai, wang, next_day="2026-11-20")
    return {"yang": yang, "wang": wang, "big": big, "other": other}


def heads(table) -> list[str]:
    return [table.tree.set(iid, "head_name") for iid in table.tree.get_children()]


def choose(field, code: str) -> None:
    """Pick `code` from a drop-down the way the cadre does."""
    field.combo.set(field._labels[code])
    field.combo.event_generate("<<ComboboxSelected>>")


def test_the_reminders_are_narrowed_to_a_cadre_and_a_village(tk_root, county):
    screen = FollowUpsScreen(tk_root, FakeApp(tk_root))
    screen.pack(fill="both", expand=True)
    pump(tk_root)
    assert heads(screen.due_table) == ["韩令春", "包金山", "白福生"]
    assert list(screen.cadre_filter.combo.cget("values")) == ["全部", "杨志勇", "王建军"]
    assert "架玛吐镇 哈日干图嘎查" in screen.village_filter.combo.cget("values")
    choose(screen.cadre_filter, county["wang"]["id"])
    assert heads(screen.due_table) == ["包金山", "白福生"]
    assert screen.notebook.tab(screen.due.frame, "text") == "到期回访（2 户）"
    choose(screen.village_filter, county["other"]["id"])
    assert heads(screen.due_table) == ["白福生"]
    choose(screen.cadre_filter, county["yang"]["id"])
    assert heads(screen.due_table) == [] and screen.due_table.empty_shown
    choose(screen.village_filter, "")
    assert heads(screen.due_table) == ["韩令春", "包金山"]


def test_the_household_list_is_narrowed_to_a_cadres_households(tk_root, county):
    screen = HouseholdListScreen(tk_root, FakeApp(tk_root))
    screen.pack(fill="both", expand=True)
    pump(tk_root)
    choose(screen.cadre_filter, county["wang"]["id"])
    assert heads(screen.table) == ["包金山", "白福生"]
    screen.search.set("白")
    screen.search.search_now()
    assert heads(screen.table) == ["白福生"]
    screen.button_clear.invoke()
    assert screen.cadre_filter.get() == ""
    assert heads(screen.table) == ["韩令春", "包金山", "白福生"]
