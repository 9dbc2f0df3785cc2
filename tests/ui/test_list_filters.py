"""走访提醒 and 农户名册 narrowed to one 嘎查村 and to one cadre's households."""

from __future__ import annotations

from casework.ui.register.followups import FollowUpsScreen
from casework.ui.register.household_list import HouseholdListScreen
from tests.test_cadre_households import county  # noqa: F401 - the fixture, shared
from tests.tkutil import pump
from tests.ui.fake_app import FakeApp


def heads(table) -> list[str]:
    return [table.tree.set(iid, "head_name") for iid in table.tree.get_children()]


def choose(field, code: str) -> None:
    """Pick `code` from a drop-down the way the cadre does."""
    field.combo.set(field._labels[code])
    field.combo.event_generate("<<ComboboxSelected>>")


def test_the_reminders_are_narrowed_to_a_cadre_and_a_village(tk_root, county):  # noqa: F811
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


def test_the_household_list_is_narrowed_to_a_cadres_households(tk_root, county):  # noqa: F811
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
    assert heads(screen.table) == ["韩令春", "包金山", "白福生", "陈秀英"]
