"""Backups: checked before they count, skipped when nothing changed, rotated, restored."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from casework import cli, db, db_files, paths
from casework.services.register import households, search
from casework.services.safety import backups
from tests.factories import add_person, make_cadre, make_household, make_village

PASSWORD = "草原上的羊123"


@pytest.fixture
def register(db, today):
    make_cadre()
    household = make_household(make_village(), head="韩令春")
    return household


def test_a_backup_is_checked_then_named_with_its_manifest(register, tmp_path):
    backup = backups.before("manual")
    assert backup.path.parent == tmp_path / "backups" == paths.backups_dir(tmp_path / "casework.db")
    assert backup.path.name.startswith("casework-20261127-100000-manual")
    manifest = json.loads(Path(f"{backup.path}.json").read_text(encoding="utf-8"))
    assert manifest["counts"] == {"household": 1, "person": 1, "visit": 0}
    assert manifest["reason"] == "manual" and manifest["encrypted"] is False
    assert not list((tmp_path / "backups").glob(".tmp-*"))
    assert backups.list_backups() == [backup]
    assert "手动备份" in backup.summary() and "1 户" in backup.summary()


def test_a_copy_that_fails_its_check_never_counts(register, tmp_path, monkeypatch):
    def broken_check(path, key):
        raise db.DamagedDatabaseError(path, "副本未通过完整性检查：page 3")

    monkeypatch.setattr(db_files, "check_copy", broken_check)
    with pytest.raises(backups.BackupError, match="备份未完成"):
        backups.before("manual")
    assert list((tmp_path / "backups").iterdir()) == []


def test_routine_backups_are_skipped_when_nothing_changed(register, set_now):
    first = backups.create_backup("close", skip_unchanged=True)
    assert first is not None
    set_now(dt.datetime(2026, 11, 27, 18, 0))
    assert backups.create_backup("close", skip_unchanged=True) is None
    add_person(register, "包金山")
    assert backups.create_backup("close", skip_unchanged=True) is not None


def test_a_daily_backup_waits_a_day(register, set_now):
    assert backups.needs_routine_backup(interval=backups.DAILY_INTERVAL)
    backups.create_backup("daily")
    add_person(register, "包金山")
    set_now(dt.datetime(2026, 11, 28, 9, 0))
    assert not backups.needs_routine_backup(interval=backups.DAILY_INTERVAL)
    set_now(dt.datetime(2026, 11, 28, 10, 1))
    assert backups.needs_routine_backup(interval=backups.DAILY_INTERVAL)


def test_rotation_keeps_7_daily_4_weekly_and_5_events(register, set_now):
    start = dt.datetime(2026, 9, 1, 18, 0)
    for day in range(60):  # two routine backups a day for 60 days
        for hour in (12, 18):
            set_now(start + dt.timedelta(days=day, hours=hour - 18))
            backups.create_backup("close")
    for n in range(8):
        set_now(start + dt.timedelta(days=60, minutes=n))
        backups.before("import", f"第 {n} 次")
    kept = backups.list_backups()
    routine = [b for b in kept if b.routine]
    events = [b for b in kept if not b.routine]
    assert [b.detail for b in events] == [f"第 {n} 次" for n in (7, 6, 5, 4, 3)]
    days = [b.created_at.date() for b in routine]
    assert len(set(days)) == len(days) == 7 + 4
    assert days[:7] == [dt.date(2026, 10, 30) - dt.timedelta(days=n) for n in range(7)]
    assert all(b.created_at.hour == 18 for b in routine[:7])  # the newest of each day
    weeks = [tuple(d.isocalendar())[:2] for d in days[7:]]
    assert len(set(weeks)) == 4 and all(d < days[6] for d in days[7:])
    on_disk = {p.name for p in (backups.folder_for()).glob("*.db")}
    assert on_disk == {b.name for b in kept}


def test_restore_keeps_the_current_file_first(register, tmp_path, set_now):
    good = backups.before("manual")
    add_person(register, "包金山")
    set_now(dt.datetime(2026, 11, 27, 11, 0))
    path = tmp_path / "casework.db"
    kept = backups.restore(good, path, None)
    db.open_database(path)
    assert not search.search_people("包金山")
    assert kept.name.endswith("-restore.db")  # the state before the restore, as a backup
    db.close_database()
    db.open_database(kept)
    assert search.search_people("包金山")


def test_backup_commands(register, tmp_path, capsys):
    path = tmp_path / "casework.db"
    stick = tmp_path / "U盘"
    db.close_database()
    assert cli.main(["--db", str(path), "backup", "create", "--to", str(stick)]) == 0
    out = capsys.readouterr().out
    assert "已备份并检查" in out and "已复制到" in out
    copied = list(stick.glob("*.db"))
    assert len(copied) == 1 and Path(f"{copied[0]}.json").exists()
    assert cli.main(["--db", str(path), "backup", "list"]) == 0
    assert "手动备份" in capsys.readouterr().out
    assert cli.main(["--db", str(path), "backup", "restore", "no-such"]) == 2
    assert "找不到" in capsys.readouterr().err
    assert cli.main(["--db", str(path), "backup", "restore", "latest"]) == 0
    out = capsys.readouterr().out
    assert "已恢复备份" in out and "原来的数据库已保留为" in out


def test_an_encrypted_backup_is_encrypted_and_travels_with_its_key_file(tmp_path, today):
    path = tmp_path / "casework.db"
    recovery_key = db.create_database(path, PASSWORD)
    make_cadre()
    make_household(make_village(), head="韩令春")
    backup = backups.before("manual")
    assert backup.encrypted and b"SQLite format 3" not in backup.path.read_bytes()[:16]
    assert "韩令春".encode() not in backup.path.read_bytes()
    stick = backups.copy_to_folder(backup, tmp_path / "U盘", path)
    db.close_database()
    db.open_database(stick, password=PASSWORD, migrate=False)  # with the key file beside it
    db.close_database()
    os.unlink(f"{stick}.keys")
    db.open_database(stick, recovery_key=recovery_key, migrate=False)  # or the recovery key


def test_an_encrypted_database_is_restored_on_the_command_line(tmp_path, today, monkeypatch):
    path = tmp_path / "casework.db"
    db.create_database(path, PASSWORD)
    make_cadre()
    make_household(make_village(), head="韩令春")
    backups.before("manual")
    db.close_database()
    monkeypatch.setenv("CASEWORK_PASSWORD", PASSWORD)
    assert cli.main(["--db", str(path), "backup", "restore", "latest"]) == 0
    db.open_database(path, password=PASSWORD)
    assert households.get_household  # opens with the same password after the restore
    assert search.search_people("韩令春")


def test_restoring_refuses_while_another_program_has_the_file_open(register, tmp_path):
    from casework import db_presence

    backup = backups.before("manual")
    other = db_presence.Presence(tmp_path / "casework.db")
    try:
        with pytest.raises(db.FileBusyError):
            backups.restore(backup, tmp_path / "casework.db", None)
    finally:
        other.release()
    assert db.current_file() is not None  # nothing was closed or replaced


def test_a_migration_is_preceded_by_a_backup(tmp_path, today):
    from casework.migrations import LATEST, upgrade

    path = tmp_path / "old.db"
    database = db.CaseworkDatabase(str(path), pragmas=db.PRAGMAS)
    upgrade(database, target=LATEST - 1)
    database.close()
    db.open_database(path, before_upgrade=backups.before_migration)
    found = backups.list_backups(path)
    assert [b.reason for b in found] == ["migration"]
    assert found[0].schema_version == LATEST - 1 and db.schema_version() == LATEST


def test_an_import_is_preceded_by_a_backup_and_a_dry_run_is_not(tmp_path, today, capsys):
    from tests.roster_builder import messy_workbook

    path = tmp_path / "casework.db"
    assert cli.main(["--db", str(path), "demo", "--households", "3"]) == 0
    roster = tmp_path / "花名册.xlsx"
    messy_workbook(roster)
    assert cli.main(["--db", str(path), "import", "roster", str(roster), "--dry-run"]) == 1
    assert backups.list_backups(path) == []
    assert cli.main(["--db", str(path), "import", "roster", str(roster)]) in (0, 1)
    [backup] = backups.list_backups(path)
    assert backup.reason == "import" and "花名册.xlsx" in backup.label
    assert backup.counts["household"] == 3  # the register as it was before the import
