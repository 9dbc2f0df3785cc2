"""回收站: deleted records are listed and come back with 恢复."""

from __future__ import annotations

import pytest

from casework.services.register import listing, people, trash
from casework.ui.app import build_app
from casework.ui.kit import dialogs
from casework.ui.register.recycle_bin import RecycleBinScreen
from tests.factories import add_person, make_cadre, make_household, make_village
from tests.tkutil import pump
from tests.ui.fake_app import FakeApp


@pytest.fixture
def deleted(db, today):
    make_cadre()
    village = make_village()
    household = make_household(village, code="15052100000001", head="韩令春")
    other = make_household(village, code="15052100000002", head="包金山")
    son = add_person(other, "包国庆")
    trash.delete_person(son["id"])
    trash.delete_household(household["id"])
    return {"household": household, "other": other, "son": son}


@pytest.fixture
def screen(tk_root, deleted):
    screen = RecycleBinScreen(tk_root, FakeApp(tk_root))
    screen.pack(fill="both", expand=True)
    pump(tk_root)
    return screen


def rows(screen) -> list[tuple]:
    tree = screen.table.tree
    return [tree.item(iid, "values") for iid in tree.get_children()]


def test_deletions_are_listed_newest_first_with_who_deleted_them(screen):
    listed = rows(screen)
    assert sorted(r[0] for r in listed) == ["农户", "家庭成员"]
    household_row = next(r for r in listed if r[0] == "农户")
    assert household_row[1] == "15052100000001 韩令春户"
    assert household_row[2] == "2026-11-27 10:00"
    assert household_row[3] == "杨志勇"
    assert screen.button_restore.instate(["disabled"])


def test_the_kind_filter_shows_one_kind(screen):
    field = screen.kind
    field.combo.set(field._labels["person"])
    field.combo.event_generate("<<ComboboxSelected>>")
    assert [r[1] for r in rows(screen)] == ["包国庆（15052100000002）"]


def test_restore_brings_the_household_back(screen, deleted):
    deletion_id = next(iid for iid, row in screen.table.rows.items() if row["kind"] == "household")
    screen.table.select(deletion_id)
    screen.update()
    assert not screen.button_restore.instate(["disabled"])
    screen.button_restore.invoke()

    codes = [r["code"] for r in listing.list_households()[0]]
    assert "15052100000001" in codes
    assert [r[0] for r in rows(screen)] == ["家庭成员"]
    assert screen.app.notifications == ["已恢复：15052100000001 韩令春户"]
    assert screen.app.data_changed_calls == 1


def test_a_restore_that_would_clash_is_explained_and_nothing_changes(screen, deleted, monkeypatch):
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    # Someone new was registered with the deleted son's ID number meanwhile.
    village = make_village("新立村", "腰林毛都镇")
    newcomer = make_household(village, code="15052100000003", head="白福生")
    add_person(newcomer, "包国庆", id_number=deleted["son"]["id_number"])

    person_row = next(iid for iid, row in screen.table.rows.items() if row["kind"] == "person")
    screen.table.select(person_row)
    screen.update()
    screen.button_restore.invoke()
    assert len(errors) == 1 and "15052100000003" in errors[0]
    assert [p["name"] for p in people.list_members(deleted["other"]["id"])] == ["包金山"]
    assert screen.app.data_changed_calls == 0
    assert len(rows(screen)) == 2


def test_restore_in_the_application_puts_it_back_on_the_list(tk_root, deleted, tmp_path):
    app = build_app(tk_root, tmp_path / "casework.db")
    app.show_screen("households")
    heads = app.screens["households"].table.tree
    assert len(heads.get_children()) == 1

    app.show_screen("trash")
    bin_screen = app.screens["trash"]
    deletion_id = next(i for i, r in bin_screen.table.rows.items() if r["kind"] == "household")
    bin_screen.table.select(deletion_id)
    pump(tk_root)
    bin_screen.button_restore.invoke()
    app.show_screen("households")
    assert deleted["household"]["id"] in heads.get_children()
    assert len(heads.get_children()) == 2
