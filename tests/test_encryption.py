"""Encryption at rest: a stolen file is useless, the password and the recovery key open it."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from casework import cli, db, db_files, db_keys
from casework.services.register import households, search
from casework.services.safety import backups, encryption
from tests.factories import add_person, make_cadre, make_household, make_village, valid_id

PASSWORD = "草原上的羊123"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def encrypted(tmp_path, today):
    """An encrypted database with a cadre and a household of two; (path, recovery key, ids)."""
    path = tmp_path / "casework.db"
    recovery_key = db.create_database(path, PASSWORD)
    make_cadre()
    household = make_household(make_village(), head="韩令春")
    ids = [valid_id(), valid_id()]
    for name, number in zip(["包金山", "白福生"], ids, strict=True):
        add_person(household, name, id_number=number, phone="13800138000")
    ids.append(households.get_household(household["id"])["code"])
    db.database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close_database()
    yield path, recovery_key, ids
    db.close_database()


def test_the_raw_file_holds_no_id_number_and_sqlite_cannot_read_it(encrypted):
    path, _key, ids = encrypted
    wal = Path(f"{path}-wal")
    raw = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    for number in ids:
        assert number.encode() not in raw
    assert "包金山".encode() not in raw and b"SQLite format 3" not in raw[:16]
    with closing(sqlite3.connect(path)) as plain, pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_the_password_opens_it_and_search_still_works(encrypted):
    path, _key, _ids = encrypted
    db.open_database(path, password=PASSWORD)
    assert db.current_file().encrypted
    assert [r["name"] for r in search.search_people("包金山")] == ["包金山"]
    assert search.search_people("白福")  # the two-character path too


def test_a_wrong_password_is_refused_in_chinese_and_the_file_is_untouched(encrypted):
    path, _key, _ids = encrypted
    before = digest(path)
    with pytest.raises(db.WrongSecretError, match="密码不正确"):
        db.open_database(path, password="不是这个密码")
    with pytest.raises(db.PasswordRequiredError, match="需要密码"):
        db.open_database(path)
    assert digest(path) == before and db.current_file() is None


def test_the_recovery_key_alone_opens_the_file_even_without_its_key_file(encrypted):
    path, recovery_key, _ids = encrypted
    db_keys.key_file_path(path).unlink()
    db.open_database(path, recovery_key=recovery_key.replace("-", " "))
    assert search.search_people("包金山")  # readable
    db.close_database()
    with pytest.raises(db.WrongSecretError, match="恢复密钥"):
        db.open_database(path, password=PASSWORD)  # no key file: says to use the recovery key


def test_a_mistyped_recovery_key_is_caught_by_its_check_digits(encrypted):
    path, recovery_key, _ids = encrypted
    groups = recovery_key.split("-")
    groups[2] = f"{(int(groups[2]) + 1) % 1_000_000:06d}"
    with pytest.raises(db.WrongSecretError, match="第 3 组"):
        db.open_database(path, recovery_key="-".join(groups))
    with pytest.raises(db.WrongSecretError, match="48 位"):
        db.open_database(path, recovery_key="123")


def test_full_width_digits_in_a_recovery_key_are_accepted(encrypted):
    path, recovery_key, _ids = encrypted
    wide = recovery_key.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    db.open_database(path, recovery_key=wide)
    assert db.current_file().encrypted


def test_changing_the_password_keeps_the_recovery_key(encrypted):
    path, recovery_key, _ids = encrypted
    db_files.change_password(path, "新的密码abc123", password=PASSWORD)
    with pytest.raises(db.WrongSecretError):
        db.open_database(path, password=PASSWORD)
    db.open_database(path, password="新的密码abc123")
    db.close_database()
    db_files.change_password(path, "第三个密码xyz789", recovery_key=recovery_key)
    db.open_database(path, password="第三个密码xyz789")
    db.close_database()
    db.open_database(path, recovery_key=recovery_key)


def test_a_new_password_follows_the_rules(encrypted):
    path, _key, _ids = encrypted
    with pytest.raises(db_keys.PasswordRuleError, match="至少"):
        db_files.change_password(path, "short", password=PASSWORD)
    with pytest.raises(db_keys.PasswordRuleError, match="不一致"):
        db_keys.check_new_password("abcdefgh1", "abcdefgh2")


@pytest.mark.usefixtures("db")
def test_a_plain_database_is_encrypted_with_every_row_kept(tmp_path, today):
    path = tmp_path / "casework.db"
    make_cadre()
    household = make_household(make_village())
    number = valid_id()
    add_person(household, "包金山", id_number=number)
    backups.before("manual")  # a plain backup, which must go once the file is encrypted
    counts = _table_counts(path)

    recovery_key = encryption.encrypt_database(path, PASSWORD)
    assert db.current_file().encrypted
    assert search.search_people("包金山")
    db.close_database()
    assert number.encode() not in path.read_bytes()
    wal = Path(f"{path}-wal")
    assert not wal.exists() or number.encode() not in wal.read_bytes()
    found = backups.list_backups(path)
    assert found and all(b.encrypted for b in found)  # the plain backups are gone
    assert [b.reason for b in found] == ["encrypted"]
    for backup in found:
        assert number.encode() not in backup.path.read_bytes()
    db.open_database(path, password=PASSWORD)
    assert _table_counts(path) == counts
    db.close_database()
    db.open_database(path, recovery_key=recovery_key)


def _table_counts(path: Path) -> dict[str, int]:
    with db.raw_connection(path, db.current_file().database_key) as conn:
        return db_files.table_counts(conn)


@pytest.mark.usefixtures("db")
def test_encrypting_refuses_while_another_program_has_the_file_open(tmp_path):
    from casework import db_presence

    other = db_presence.Presence(tmp_path / "casework.db")  # as if a second window
    try:
        # Our own mark is skipped; the other one is seen only from another file handle.
        with pytest.raises(db.FileBusyError, match="正在使用"):
            encryption.encrypt_database(tmp_path / "casework.db", PASSWORD)
    finally:
        other.release()


@pytest.mark.parametrize(
    "content",
    [
        "not json at all",
        '{"format": "casework-keys", "version": 1, "key_check": "x", "password": {}}',
        '{"format": "casework-keys", "version": 1, "key_check": "x", "password": '
        '{"kdf": "pbkdf2-sha512", "iterations": 99999999999, "salt": "AAAAAAAAAAA=", '
        '"wrapped_key": "AAAA"}}',
        '{"format": "something-else"}',
        "[" * 100_000,
    ],
)
def test_a_tampered_key_file_is_refused_quickly_in_chinese(encrypted, content):
    path, _key, _ids = encrypted
    db_keys.key_file_path(path).write_text(content, encoding="utf-8")
    with pytest.raises(db.WrongSecretError) as caught:
        db.open_database(path, password=PASSWORD)
    assert "密钥文件" in str(caught.value) and "恢复密钥" in str(caught.value)


# The command line ------------------------------------------------------------------------


def test_the_cli_makes_an_encrypted_database_when_a_password_is_set(
    tmp_path, today, monkeypatch, capsys
):
    path = tmp_path / "new.db"
    monkeypatch.setenv("CASEWORK_PASSWORD", PASSWORD)
    assert cli.main(["--db", str(path), "demo", "--households", "3"]) == 0
    out = capsys.readouterr().out
    assert "恢复密钥" in out and "保险柜" in out
    recovery_key = next(line.strip() for line in out.splitlines() if line.count("-") == 7)
    assert db.inspect_file(path) is db.FileKind.ENCRYPTED
    assert cli.main(["--db", str(path), "stats", "--json"]) == 0
    monkeypatch.delenv("CASEWORK_PASSWORD")
    assert cli.main(["--db", str(path), "stats"]) == 2
    assert "CASEWORK_PASSWORD" in capsys.readouterr().err
    db.open_database(path, recovery_key=recovery_key)


def test_without_a_password_the_cli_makes_a_plain_database_and_says_so(tmp_path, today, capsys):
    path = tmp_path / "plain.db"
    assert cli.main(["--db", str(path), "demo", "--households", "2"]) == 0
    assert "未加密" in capsys.readouterr().err
    assert db.inspect_file(path) is db.FileKind.PLAIN


def test_a_wrong_password_on_the_cli_exits_2_and_leaves_the_file(encrypted, monkeypatch, capsys):
    path, _key, _ids = encrypted
    before = digest(path)
    monkeypatch.setenv("CASEWORK_PASSWORD", "wrong-password")
    assert cli.main(["--db", str(path), "stats"]) == 2
    err = capsys.readouterr().err
    assert "密码不正确" in err and "Traceback" not in err
    assert digest(path) == before


def test_encrypt_and_password_commands(tmp_path, today, monkeypatch, capsys):
    path = tmp_path / "casework.db"
    assert cli.main(["--db", str(path), "demo", "--households", "3"]) == 0
    monkeypatch.setenv("CASEWORK_NEW_PASSWORD", PASSWORD)
    sheet = tmp_path / "恢复密钥.docx"
    assert cli.main(["--db", str(path), "encrypt", "--key-document", str(sheet)]) == 0
    out = capsys.readouterr().out
    recovery_key = next(line.strip() for line in out.splitlines() if line.count("-") == 7)
    from docx import Document

    text = "\n".join(p.text for p in Document(sheet).paragraphs)
    assert "-".join(recovery_key.split("-")[:4]) in text and "保险柜" in text
    assert cli.main(["--db", str(path), "encrypt"]) == 2  # already encrypted
    assert "已经加密" in capsys.readouterr().err

    monkeypatch.setenv("CASEWORK_PASSWORD", PASSWORD)
    monkeypatch.setenv("CASEWORK_NEW_PASSWORD", "换一个密码2026")
    assert cli.main(["--db", str(path), "password"]) == 0
    assert "恢复密钥不变" in capsys.readouterr().out
    assert cli.main(["--db", str(path), "check"]) == 2  # the old password no longer opens it
    monkeypatch.setenv("CASEWORK_PASSWORD", "换一个密码2026")
    assert cli.main(["--db", str(path), "check"]) == 0

    monkeypatch.delenv("CASEWORK_PASSWORD")
    monkeypatch.setenv("CASEWORK_NEW_PASSWORD", "从恢复密钥设的密码")
    assert cli.main(["--db", str(path), "password", "--recovery-key", recovery_key]) == 0
    monkeypatch.setenv("CASEWORK_PASSWORD", "从恢复密钥设的密码")
    assert cli.main(["--db", str(path), "check"]) == 0


def test_a_script_is_never_left_waiting_on_a_prompt(encrypted, monkeypatch, capsys):
    path, _key, _ids = encrypted
    # No variable and no terminal: an error at once, never a prompt.
    monkeypatch.setattr("casework.cli.common.at_terminal", lambda: False)
    assert cli.main(["--db", str(path), "password"]) == 2
    assert "CASEWORK_PASSWORD" in capsys.readouterr().err


def test_at_a_terminal_the_password_is_asked_again_when_wrong(encrypted, monkeypatch, capsys):
    path, _key, _ids = encrypted
    typed = iter(["wrong-one", PASSWORD])
    monkeypatch.setattr("casework.cli.common.at_terminal", lambda: True)
    monkeypatch.setattr("casework.cli.common._prompt", lambda text: next(typed))
    assert cli.main(["--db", str(path), "check"]) == 0
    assert "密码不正确，请重新输入" in capsys.readouterr().err
