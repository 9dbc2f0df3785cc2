"""数据备份 under Xvfb: back up now, copy, restore with a confirmation, encrypt, change password."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from casework import db
from casework.services.register import search
from casework.services.safety import backups
from casework.ui.app import App, build_app
from casework.ui.kit import dialogs
from casework.ui.safety.backup_screen import BackupScreen
from casework.ui.safety.key_dialogs import RecoveryKeyDialog
from tests.factories import add_person, make_cadre, make_household, make_village
from tests.tkutil import pump, pump_until
from tests.ui.fake_app import FakeApp

PASSWORD = "草原上的羊123"


@pytest.fixture
def household(db, today):
    make_cadre()
    return make_household(make_village(), head="韩令春")


@pytest.fixture
def screen(themed, household, tmp_path):
    app = FakeApp(themed, db_path=tmp_path / "casework.db")
    made = BackupScreen(themed, app)
    made.pack()
    pump(themed)
    return made


def finish(root, dialog) -> None:
    assert pump_until(root, lambda: dialog.finished, timeout=30)
    pump(root)


def test_back_up_now_adds_a_checked_backup_to_the_list(screen, themed):
    assert screen.table.tree.get_children() == ()
    screen.button_backup.invoke()
    finish(themed, screen.progress)
    rows = screen.table.tree.get_children()
    assert len(rows) == 1
    values = screen.table.values_of(rows[0])
    assert values[1] == "手动备份" and values[2] == "1" and values[6] == "否"
    assert screen.app.notifications[-1].startswith("已备份并检查")
    assert "未加密" in screen.security.cget("text")


def test_restore_asks_first_then_replaces_and_keeps_the_current(
    screen, themed, household, monkeypatch
):
    backups.before("manual")
    add_person(household, "包金山")
    screen.refresh()
    first = screen.table.tree.get_children()[0]
    screen.table.tree.selection_set(first)
    pump(themed)
    asked = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, m: asked.append(m) or False)
    screen.button_restore.invoke()
    assert "恢复备份前" in asked[0]
    assert search.search_people("包金山")  # said no: nothing replaced

    screen.app.reload_after_file_change = lambda message: screen.app.notify(message)
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *args: True)
    screen.button_restore.invoke()
    finish(themed, screen.progress)
    assert not search.search_people("包金山")
    assert screen.app.notifications[-1].startswith("已恢复备份")
    reasons = [b.reason for b in backups.list_backups()]
    assert "restore" in reasons  # the file as it was before, kept


def test_copy_to_a_folder(screen, themed, tmp_path, monkeypatch):
    backups.before("manual")
    screen.refresh()
    screen.table.tree.selection_set(screen.table.tree.get_children()[0])
    pump(themed)
    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(dialogs, "ask_directory", lambda *a, **k: str(stick))
    screen.button_copy.invoke()
    finish(themed, screen.progress)
    assert len(list(stick.glob("*.db"))) == 1
    assert screen.app.notifications[-1].startswith("已复制到")


def test_encrypting_from_the_window_shows_the_recovery_key(screen, themed, tmp_path):
    path = tmp_path / "casework.db"
    backups.before("manual")
    screen.app.reload_after_file_change = lambda message: screen.app.notify(message)
    screen.button_encrypt.invoke()
    dialog = screen.dialog
    dialog.form["password"].set(PASSWORD)
    dialog.form["repeated"].set(PASSWORD)
    dialog.button_ok.invoke()
    finish(themed, screen.progress)
    shown = screen.dialog
    assert isinstance(shown, RecoveryKeyDialog)
    assert db.inspect_file(path) is db.FileKind.ENCRYPTED
    assert search.search_people("韩令春")  # the window reads the encrypted file
    assert all(b.encrypted for b in backups.list_backups())
    shown.check_kept.invoke()
    shown.button_ok.invoke()
    pump(themed)
    assert "已加密" in screen.security.cget("text")
    assert str(screen.button_password.winfo_manager()) == "pack"
    recovery_key = shown.recovery_key
    db.close_database()
    db.open_database(path, recovery_key=recovery_key)


def test_changing_the_password_from_the_window(themed, tmp_path, today):
    path = tmp_path / "casework.db"
    db.create_database(path, PASSWORD)
    make_cadre()
    app = FakeApp(themed, db_path=path)
    screen = BackupScreen(themed, app)
    screen.button_password.invoke()
    dialog = screen.dialog
    dialog.form["current"].set("不对的密码abc")
    dialog.form["password"].set("新的密码2026")
    dialog.form["repeated"].set("新的密码2026")
    dialog.button_ok.invoke()
    assert dialog.form["current"].error == "密码不正确"
    dialog.form["current"].set(PASSWORD)
    dialog.button_ok.invoke()
    assert app.notifications[-1] == "已修改密码"
    db.close_database()
    db.open_database(path, password="新的密码2026")


def test_closing_the_window_backs_up_what_changed(themed, household, tmp_path, monkeypatch):
    quits = []
    monkeypatch.setattr(App, "quit", lambda self: quits.append(True))
    app = build_app(themed, tmp_path / "casework.db")
    app.close()
    assert pump_until(themed, lambda: quits, timeout=30)
    assert [b.reason for b in backups.list_backups()] == ["close"]
    app.close()  # nothing changed since: no second backup
    assert quits == [True, True]
    assert len(backups.list_backups()) == 1


def test_the_backups_screen_is_in_the_sidebar(themed, household, tmp_path):
    app = build_app(themed, tmp_path / "casework.db")
    app.show_screen("backups")
    assert isinstance(app.screens["backups"], BackupScreen)
    assert app.nav_buttons["backups"].cget("text") == "数据备份"


def background_work_ended() -> None:
    """Wait for the quiet background jobs (run_in_background's threads) to end."""
    for thread in threading.enumerate():
        if thread.name == "casework-background":
            thread.join(30)
            assert not thread.is_alive(), "a background job ran for more than 30 s"


def test_a_daily_backup_is_taken_quietly_while_the_window_is_open(
    themed, household, tmp_path, set_now
):
    app = build_app(themed, tmp_path / "casework.db")
    app._daily_backup()
    assert pump_until(themed, lambda: backups.list_backups(), timeout=30)
    [first] = backups.list_backups()
    assert first.reason == "daily"
    assert pump_until(themed, lambda: app.status.left.cget("text") == "已自动备份数据")
    add_person(household, "包金山")
    set_now(dt.datetime(2026, 11, 27, 20, 0))
    app._daily_backup()  # changed, but not a day yet: nothing
    background_work_ended()  # a backup wrongly begun would have finished by now
    pump(themed)
    # (Compared by name: a second backup the same day would replace the first one.)
    assert [b.name for b in backups.list_backups()] == [first.name]
    set_now(dt.datetime(2026, 11, 28, 10, 30))
    app._daily_backup()
    assert pump_until(themed, lambda: len(backups.list_backups()) == 2, timeout=30)
    themed.after_cancel(app._backup_timer)
