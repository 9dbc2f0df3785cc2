"""The start-up gate under Xvfb: a new password, unlocking, the recovery key, damaged files."""

from __future__ import annotations

import pytest

from casework import db, db_presence
from casework.services.register import search
from casework.services.safety import backups
from casework.ui.kit import dialogs
from casework.ui.safety.damaged_dialog import DamagedFileDialog
from casework.ui.safety.key_dialogs import NewPasswordDialog, RecoveryKeyDialog, UnlockDialog
from casework.ui.safety.startup import StartupGate
from tests.factories import make_cadre, make_household, make_village
from tests.tkutil import pump, pump_until

PASSWORD = "草原上的羊123"


class Outcome:
    def __init__(self) -> None:
        self.ready = 0
        self.quit: list[int] = []


@pytest.fixture
def outcome():
    return Outcome()


def gate_for(root, path, outcome: Outcome) -> StartupGate:
    gate = StartupGate(root, path, on_ready=lambda: _ready(outcome), on_quit=outcome.quit.append)
    gate.begin()
    pump(root)
    return gate


def _ready(outcome: Outcome) -> None:
    outcome.ready += 1


@pytest.fixture
def questions(monkeypatch):
    """Answers to ask_yes_no, in order; the questions asked are kept."""
    asked: list[str] = []
    answers: list[bool] = []

    def ask(parent, title, message):
        asked.append(message)
        return answers.pop(0)

    monkeypatch.setattr(dialogs, "ask_yes_no", ask)
    return asked, answers


def test_a_new_database_gets_a_password_and_shows_its_recovery_key_once(
    themed, tmp_path, outcome, monkeypatch, today
):
    path = tmp_path / "casework.db"
    gate = gate_for(themed, path, outcome)
    dialog = gate.dialog
    assert isinstance(dialog, NewPasswordDialog)
    dialog.form["password"].set("short")
    dialog.button_ok.invoke()
    assert "至少" in dialog.form["password"].error
    dialog.form["password"].set(PASSWORD)
    dialog.form["repeated"].set(PASSWORD + "x")
    dialog.button_ok.invoke()
    assert dialog.form["repeated"].error == "两次输入的密码不一致"
    assert not path.exists()
    dialog.form["repeated"].set(PASSWORD)
    dialog.button_ok.invoke()
    pump(themed)

    assert db.inspect_file(path) is db.FileKind.ENCRYPTED
    shown = gate.dialog
    assert isinstance(shown, RecoveryKeyDialog)
    assert shown.key_entry.get() == gate.recovery_key
    assert str(shown.button_ok.cget("state")) == "disabled"
    sheet = tmp_path / "恢复密钥.docx"
    monkeypatch.setattr(dialogs, "ask_save_filename", lambda *a, **k: str(sheet))
    shown.button_save.invoke()
    from docx import Document

    text = "\n".join(p.text for p in Document(sheet).paragraphs)
    assert gate.recovery_key.split("-")[0] in text
    shown.check_kept.invoke()
    shown.button_ok.invoke()
    pump(themed)
    assert outcome.ready == 1 and not shown.winfo_exists()
    db.close_database()
    db.open_database(path, recovery_key=gate.recovery_key)


def test_choosing_no_encryption_is_deliberate(themed, tmp_path, outcome, questions):
    asked, answers = questions
    path = tmp_path / "casework.db"
    gate = gate_for(themed, path, outcome)
    answers.append(False)
    gate.dialog.button_plain.invoke()
    assert "身份证号" in asked[0] and not path.exists()  # said no: nothing made
    answers.append(True)
    gate.dialog.button_plain.invoke()
    pump(themed)
    assert db.inspect_file(path) is db.FileKind.PLAIN and outcome.ready == 1


@pytest.fixture
def encrypted(tmp_path, today):
    path = tmp_path / "casework.db"
    recovery_key = db.create_database(path, PASSWORD)
    make_cadre()
    make_household(make_village(), head="韩令春")
    db.close_database()
    return path, recovery_key


def test_a_wrong_password_is_asked_again(themed, encrypted, outcome):
    path, _key = encrypted
    gate = gate_for(themed, path, outcome)
    dialog = gate.dialog
    assert isinstance(dialog, UnlockDialog)
    dialog.form["password"].set("wrong-password")
    dialog.button_ok.invoke()
    assert dialog.form["password"].error == "密码不正确" and dialog.winfo_exists()
    assert outcome.ready == 0
    dialog.form["password"].set(PASSWORD)
    dialog.button_ok.invoke()
    pump(themed)
    assert outcome.ready == 1
    assert search.search_people("韩令春")


def test_the_recovery_key_opens_and_sets_a_new_password(themed, encrypted, outcome):
    path, recovery_key = encrypted
    gate = gate_for(themed, path, outcome)
    gate.dialog.button_switch.invoke()
    gate.dialog.form["recovery_key"].set(recovery_key)
    gate.dialog.button_ok.invoke()
    pump(themed)
    new = gate.dialog
    assert isinstance(new, NewPasswordDialog) and outcome.ready == 0
    new.form["password"].set("新密码2026abc")
    new.form["repeated"].set("新密码2026abc")
    new.button_ok.invoke()
    pump(themed)
    assert outcome.ready == 1
    db.close_database()
    db.open_database(path, password="新密码2026abc")


def test_quitting_at_the_password_quits(themed, encrypted, outcome):
    path, _key = encrypted
    gate = gate_for(themed, path, outcome)
    gate.dialog.button_cancel.invoke()
    assert outcome.quit == [0] and outcome.ready == 0


def test_a_damaged_file_is_restored_from_the_newest_backup(
    themed, tmp_path, outcome, today, monkeypatch
):
    told = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: told.append(text))
    path = tmp_path / "casework.db"
    db.open_database(path)
    make_cadre()
    make_household(make_village(), head="韩令春")
    backups.before("manual")
    db.close_database()
    path.write_bytes(b"\0" * 8192)  # the disk ate it
    gate = gate_for(themed, path, outcome)
    dialog = gate.dialog
    assert isinstance(dialog, DamagedFileDialog)
    dialog.button_ok.invoke()
    assert pump_until(themed, lambda: outcome.ready == 1, timeout=20)
    assert "已恢复" in told[0] and "damaged" in told[0]
    assert search.search_people("韩令春")
    kept = list(tmp_path.glob("casework.db.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"\0" * 8192


def test_a_damaged_file_with_no_backup_is_explained(themed, tmp_path, outcome, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    path = tmp_path / "casework.db"
    path.write_bytes(b"")
    gate_for(themed, path, outcome)
    assert outcome.quit == [2] and "0 字节" in shown[0] and "没有可用的备份" in shown[0]
    assert path.read_bytes() == b""


def test_a_second_window_is_warned(themed, tmp_path, outcome, questions, today):
    asked, answers = questions
    path = tmp_path / "casework.db"
    db.open_database(path)
    db.close_database()
    other = db_presence.Presence(path)
    try:
        answers.append(False)
        gate_for(themed, path, outcome)
        assert "另一个工作台窗口" in asked[0] and outcome.quit == [0]
        answers.append(True)
        gate_for(themed, path, outcome)
        assert outcome.ready == 1
    finally:
        other.release()
