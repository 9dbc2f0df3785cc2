"""农户名册: one page at a time, search as you type, filters, sorting and the keyboard."""

from __future__ import annotations

import sys
import types

import pytest

from casework.services.register import listing, visits
from casework.ui.register.household_list import TOO_BROAD, HouseholdListScreen
from tests.factories import make_cadre, make_household, make_village
from tests.tkutil import pump, pump_until
from tests.ui.fake_app import FakeApp
from tests.ui.widget_helpers import press, show_and_focus, type_into

SURNAMES = "王李赵刘陈杨黄周吴徐孙马"
GIVEN = ["伟", "芳", "军", "丽", "强", "敏", "杰", "霞", "勇", "艳"]
STATUSES = ["registered", "lifted_out", "monitored", "ordinary"]


@pytest.fixture
def register(db, today):
    """120 households: 70 in 大新艾力嘎查 (架玛吐镇), 50 in 新立村 (腰林毛都镇)."""
    cadre = make_cadre()
    big = make_village("大新艾力嘎查", "架玛吐镇")
    small = make_village("新立村", "腰林毛都镇")
    made = []
    for n in range(120):
        village = big if n < 70 else small
        head = SURNAMES[n % 12] + GIVEN[n // 12]
        if n == 7:
            head = "韩令春"
        elif n == 93:
            head = "韩令军"
        code = f"1505210000{n:04d}"
        made.append(make_household(village, code=code, status=STATUSES[n % 4], head=head))
    return {"cadre": cadre, "big": big, "small": small, "households": made}


@pytest.fixture
def screen(tk_root, register):
    app = FakeApp(tk_root)
    screen = HouseholdListScreen(tk_root, app)
    screen.pack(fill="both", expand=True)
    pump(tk_root)
    return screen


def shown(screen: HouseholdListScreen, column: str = "head_name") -> list[str]:
    index = [c.key for c in screen.table.columns].index(column)
    tree = screen.table.tree
    return [tree.item(iid, "values")[index] for iid in tree.get_children()]


def choose(field, code: str) -> None:
    """Pick `code` in a ChoiceField the way the cadre does: from the drop-down."""
    field.combo.set(field._labels[code])
    field.combo.event_generate("<<ComboboxSelected>>")


def test_the_list_holds_one_page_and_says_how_many_there_are(screen):
    tree = screen.table.tree
    assert len(tree.get_children()) == 50
    assert screen.table.pager_label.cget("text") == "第 1/3 页，共 120 户"
    first = tree.item(tree.get_children()[0], "values")
    assert first[:2] == ("15052100000000", "王伟")
    assert first[2] == "架玛吐镇 大新艾力嘎查"
    assert first[3] == "建档立卡户"

    screen.table.next_button.invoke()
    screen.table.next_button.invoke()
    assert len(tree.get_children()) == 20
    assert screen.table.pager_label.cget("text") == "第 3/3 页，共 120 户"


def test_typing_in_the_search_box_lists_only_the_matches(screen, tk_root):
    type_into(tk_root, screen.search.widget, "韩令")
    assert len(shown(screen)) == 50  # nothing yet: typing has not paused
    assert pump_until(tk_root, lambda: screen.table.total == 2)
    assert sorted(shown(screen)) == ["韩令军", "韩令春"]
    assert screen.table.pager_label.cget("text") == "第 1/1 页，共 2 户"

    screen.search.clear()
    assert pump_until(tk_root, lambda: screen.table.total == 120)
    assert len(shown(screen)) == 50


def test_search_finds_a_household_by_its_code(screen, tk_root):
    screen.search.set("15052100000093")
    screen.search.search_now()
    assert shown(screen) == ["韩令军"]


def test_a_too_broad_search_asks_for_more_letters(screen, monkeypatch):
    real = listing.household_page

    def broad(*args, **kwargs):
        page = real(*args, **kwargs)
        page.too_broad = True
        return page

    monkeypatch.setattr(listing, "household_page", broad)
    screen.search.set("王")
    screen.search.search_now()
    assert screen.hint.cget("text") == TOO_BROAD
    monkeypatch.setattr(listing, "household_page", real)
    screen.search.set("王伟")
    screen.search.search_now()
    assert screen.hint.cget("text") == ""


def test_filtering_by_township_village_and_status(screen, register):
    assert screen.village.widget.instate(["disabled"])  # choose the township first
    small = register["small"]
    township_id = next(r["id"] for r in screen._area_rows if r["name"] == "腰林毛都镇")
    choose(screen.township, township_id)
    assert screen.table.total == 50
    assert not screen.village.widget.instate(["disabled"])
    assert set(screen.village._labels.values()) == {"全部", "新立村"}

    choose(screen.village, small["id"])
    assert screen.table.total == 50
    assert set(shown(screen, "area_label")) == {"腰林毛都镇 新立村"}

    choose(screen.status_filter, "monitored")
    expected = sum(1 for n in range(70, 120) if STATUSES[n % 4] == "monitored")
    assert screen.table.total == expected
    assert set(shown(screen, "status_label")) == {"监测户"}

    screen.button_clear.invoke()
    assert screen.table.total == 120
    assert screen.township.get() == "" and screen.village.get() == ""


def test_the_visit_filter_uses_the_follow_up_days(screen, register):
    household = register["households"][3]
    visits.record_visit(
        household["id"],
        {"visit_date": "2026-11-01", "situation": "入户了解情况",
         "cadre_ids": [register["cadre"]["id"]]},
    )  # fmt: skip
    screen.refresh()
    assert "90天内走访过" in screen.visit_filter._labels.values()
    choose(screen.visit_filter, "recent")
    assert shown(screen, "code") == [household["code"]]
    assert shown(screen, "last_visit_date") == ["2026-11-01"]
    choose(screen.visit_filter, "overdue")
    assert screen.table.total == 119


def test_sorting_by_a_heading_orders_the_whole_list(screen):
    screen.table.sort_by("head_name")
    rows, _ = listing.list_households(sort="head_name")
    assert shown(screen) == [r["head_name"] for r in rows]
    screen.table.sort_by("status_label")  # shown as labels, sorted by the stored code
    rows, _ = listing.list_households(sort="status")
    assert shown(screen, "code") == [r["code"] for r in rows]
    screen.table.sort_by("member_count", descending=True)
    assert screen.table.page == 1


def test_keyboard_search_down_into_the_list_and_enter_opens(screen, tk_root):
    screen.focus_default()
    show_and_focus(tk_root, screen.search.widget)

    press(tk_root, "<Down>")
    tree = screen.table.tree
    assert tk_root.focus_get() is tree
    first = tree.get_children()[0]
    assert screen.table.selected_id() == first

    press(tk_root, "<Down>")
    second = tree.get_children()[1]
    press(tk_root, "<Return>")
    assert screen.app.opened == [second]

    press(tk_root, "<Up>")
    press(tk_root, "<Up>")  # from the first row, back up into the search box
    assert tk_root.focus_get() is screen.search.widget


def test_visit_and_open_buttons_act_on_the_selected_row(screen):
    assert screen.button_visit.instate(["disabled"])
    row_id = screen.table.tree.get_children()[4]
    screen.table.select(row_id)
    screen.update()
    assert not screen.button_visit.instate(["disabled"])
    screen.button_visit.invoke()
    screen.button_open.invoke()
    assert screen.app.visits_requested == [(row_id, None)]
    assert screen.app.opened == [row_id]


def test_refresh_keeps_the_page_and_the_selected_row(screen, register):
    screen.table.next_page()
    row_id = screen.table.tree.get_children()[10]
    screen.table.select(row_id)
    make_household(register["big"], code="15052100009999", head="白福生")

    screen.refresh()
    assert screen.table.page == 2
    assert screen.table.selected_id() == row_id
    assert screen.table.total == 121


def test_new_household_opens_the_form_and_then_the_new_household(screen, monkeypatch):
    made = []

    class FakeForm:
        def __init__(self, parent, app, household_id=None, on_saved=None):
            self.args = (parent, app, household_id)
            self.on_saved = on_saved
            made.append(self)

    module = types.ModuleType("casework.ui.register.household_form")
    module.HouseholdForm = FakeForm
    monkeypatch.setitem(sys.modules, "casework.ui.register.household_form", module)

    screen.button_new.invoke()
    assert [form.args for form in made] == [(screen, screen.app, None)]
    made[0].on_saved({"id": "abc"})
    assert screen.app.opened == ["abc"]


def test_an_empty_register_says_where_to_start(tk_root, db, today):
    make_cadre()
    screen = HouseholdListScreen(tk_root, FakeApp(tk_root))
    assert "地区管理" in screen.hint.cget("text")
    assert screen.table.empty_shown
