"""地区管理: add, rename and delete areas in the tree; refusals shown in Chinese."""

from __future__ import annotations

import pytest

from casework.services.register import areas
from casework.ui.kit import dialogs
from casework.ui.register.areas_screen import AreasScreen
from tests.factories import make_cadre, make_household, make_village
from tests.tkutil import pump
from tests.ui.fake_app import FakeApp


@pytest.fixture
def places(db, today):
    make_cadre()
    lived_in = make_village("大新艾力嘎查", "架玛吐镇")
    empty = make_village("新立村", "架玛吐镇")
    make_household(lived_in, code="15052100000001")
    town_id = lived_in["parent_id"]
    return {"village": lived_in, "empty": empty, "town": town_id,
            "county": areas.children(None)[0]["id"]}  # fmt: skip


@pytest.fixture
def screen(tk_root, places):
    screen = AreasScreen(tk_root, FakeApp(tk_root))
    screen.pack(fill="both", expand=True)
    pump(tk_root)
    return screen


def names_under(screen: AreasScreen, parent: str = "") -> list[str]:
    return [screen.tree.item(iid, "text") for iid in screen.tree.get_children(parent)]


def test_the_tree_shows_the_areas_level_by_level(screen, places):
    assert names_under(screen) == ["科左中旗"]
    assert screen.tree.item(places["county"], "open")  # counties start opened
    assert names_under(screen, places["county"]) == ["架玛吐镇"]
    assert names_under(screen, places["town"]) == ["大新艾力嘎查", "新立村"]
    assert screen.tree.item(places["town"], "values") == ("苏木乡镇",)


def test_adding_a_child_takes_the_next_level(screen, places):
    screen.select(places["town"])
    screen.update()
    assert screen.button_add_child.cget("text") == "新增嘎查村"
    screen.button_add_child.invoke()
    dialog = screen.dialog
    dialog.field.set("巴彦塔拉嘎查")
    dialog.button_ok.invoke()

    added = next(a for a in areas.children(places["town"]) if a["name"] == "巴彦塔拉嘎查")
    assert added["level"] == "village"
    assert not dialog.winfo_exists()
    assert screen.selected_id() == added["id"]
    assert names_under(screen, places["town"]) == ["大新艾力嘎查", "巴彦塔拉嘎查", "新立村"]
    assert screen.app.notifications == ["已保存地区：巴彦塔拉嘎查"]


def test_a_bad_name_is_shown_beside_the_field(screen, places):
    screen.select(places["town"])
    screen.add_child()
    dialog = screen.dialog
    dialog.button_ok.invoke()
    assert dialog.field.error  # empty
    dialog.field.set("新立村")
    dialog.button_ok.invoke()
    assert dialog.field.error == "同一上级下已有“新立村”"
    assert dialog.winfo_exists()
    assert [a["name"] for a in areas.children(places["town"])] == ["大新艾力嘎查", "新立村"]


def test_groups_are_the_last_level(screen, places, monkeypatch):
    told = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: told.append(text))
    group = areas.create_area(places["empty"]["id"], "一组")
    screen.refresh()
    screen.select(group["id"])
    screen.update()
    assert screen.button_add_child.instate(["disabled"])
    screen.add_child()
    assert told == ["村民小组下不能再添加下级地区"]


def test_renaming_keeps_the_place_in_the_tree(screen, places):
    screen.select(places["empty"]["id"])
    screen.update()
    screen.button_rename.invoke()
    dialog = screen.dialog
    assert dialog.field.get() == "新立村"
    dialog.field.set("西新立村")
    dialog.ok()
    assert areas.area_path(places["empty"]["id"]) == "架玛吐镇 西新立村"
    assert screen.tree.item(places["empty"]["id"], "text") == "西新立村"


def test_escape_with_a_changed_name_asks_first(screen, places, monkeypatch):
    answers = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *args: answers.append(args) or False)
    screen.select(places["empty"]["id"])
    screen.rename_selected()
    dialog = screen.dialog
    dialog.field.set("改了")
    dialog.cancel()
    assert len(answers) == 1 and dialog.winfo_exists()


def test_deleting_an_area_in_use_is_refused(screen, places, monkeypatch):
    errors = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *args: True)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    screen.select(places["village"]["id"])
    screen.update()
    screen.button_delete.invoke()
    assert errors == ["“大新艾力嘎查”下还有农户，不能删除"]
    assert screen.tree.exists(places["village"]["id"])

    screen.select(places["empty"]["id"])
    screen.update()
    screen.button_delete.invoke()
    assert not screen.tree.exists(places["empty"]["id"])
    assert [a["name"] for a in areas.children(places["town"])] == ["大新艾力嘎查"]
    assert screen.app.notifications == ["已删除地区：新立村（可在回收站恢复）"]


def test_a_delete_is_only_done_when_confirmed(screen, places, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *args: False)
    screen.select(places["empty"]["id"])
    screen.delete_selected()
    assert screen.tree.exists(places["empty"]["id"])


def test_what_was_opened_stays_open_after_a_refresh(screen, places):
    screen.tree.item(places["town"], open=True)
    screen.tree.item(places["county"], open=True)
    screen.select(places["empty"]["id"])
    screen.refresh()
    assert screen.tree.item(places["town"], "open")
    assert screen.selected_id() == places["empty"]["id"]

    screen.tree.item(places["town"], open=False)
    screen.tree.selection_set(())
    screen.refresh()
    assert not screen.tree.item(places["town"], "open")
    assert screen.tree.item(places["county"], "open")


def test_a_new_county_can_be_added_at_the_top(screen):
    screen.button_add_county.invoke()
    screen.dialog.field.set("奈曼旗")
    screen.dialog.ok()
    assert sorted(names_under(screen)) == sorted(["科左中旗", "奈曼旗"])
    assert {a["name"] for a in areas.children(None)} == {"科左中旗", "奈曼旗"}
