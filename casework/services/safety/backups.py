"""Automatic, verified, rotated backups of the database, as encrypted as the database itself.

Zotero's scheme is the model: skip when nothing changed, copy to a temporary file, check
the copy, and only then give it its real name; keep a rotation; and when the database
is damaged, keep it under a new name and offer the newest good copy. Each backup is a
`VACUUM INTO` copy (encrypted with the same key when the database is) in the `backups`
folder beside the database, with a small JSON manifest beside it saying when, why, how
big and how many households, people and visits it holds. A backup without a manifest
was never checked and does not count.

Kept: the newest routine backup (on close, daily) of each of the last 7 days, the newest
of each of the last 4 weeks before those, and the last 5 event backups (before a
migration, an import, an encryption, a restore, a merge; by hand).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import shutil
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from casework import clock, db, db_files, db_keys, paths

log = logging.getLogger(__name__)

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_EVENTS = 5
DAILY_INTERVAL = dt.timedelta(hours=24)
MANIFEST_SUFFIX = ".json"
TEMP_PREFIX = ".tmp-"

ROUTINE = {"close": "关闭时自动备份", "daily": "每日自动备份"}
EVENTS = {
    "manual": "手动备份",
    "migration": "升级数据库结构前",
    "import": "导入前",
    "encryption": "加密前",
    "encrypted": "加密后",
    "restore": "恢复备份前",
    "merge": "合并数据前",
}
LABELS = {**ROUTINE, **EVENTS}


class BackupError(RuntimeError):
    """A backup could not be made or restored; the message is Chinese."""


@dataclass(frozen=True)
class Backup:
    """One checked backup, as its manifest describes it."""

    name: str
    path: Path
    created_at: dt.datetime
    reason: str
    size: int
    encrypted: bool
    schema_version: int
    counts: dict[str, int] = field(default_factory=dict)
    fingerprint: str = ""
    key_check: str | None = None
    detail: str = ""

    @property
    def label(self) -> str:
        return LABELS.get(self.reason, self.reason) + (f"（{self.detail}）" if self.detail else "")

    @property
    def routine(self) -> bool:
        return self.reason in ROUTINE

    def summary(self) -> str:
        counts = self.counts
        return (
            f"{self.created_at:%Y-%m-%d %H:%M}　{self.label}　"
            f"{counts.get('household', 0)} 户、{counts.get('person', 0)} 人、"
            f"{counts.get('visit', 0)} 次走访　{self.size / 1_048_576:.1f} MB"
        )


# ------------------------------------------------------------------ listing


def folder_for(db_path: str | os.PathLike[str] | None = None) -> Path:
    return paths.backups_dir(db_path or _open_file().path)


def list_backups(db_path: str | os.PathLike[str] | None = None) -> list[Backup]:
    """The checked backups of the database at `db_path` (default: the open one), newest first."""
    folder = folder_for(db_path)
    found = []
    for manifest in folder.glob("*" + MANIFEST_SUFFIX):
        backup = _read_manifest(manifest)
        if backup is not None and backup.path.is_file():
            found.append(backup)
    return sorted(found, key=lambda b: (b.created_at, b.name), reverse=True)


def newest(db_path: str | os.PathLike[str] | None = None) -> Backup | None:
    backups = list_backups(db_path)
    return backups[0] if backups else None


def find(name: str, db_path: str | os.PathLike[str] | None = None) -> Backup:
    """A backup by its file name (with or without .db), or "latest"."""
    backups = list_backups(db_path)
    if name == "latest":
        if not backups:
            raise BackupError(f"还没有任何备份（备份文件夹：{folder_for(db_path)}）")
        return backups[0]
    for backup in backups:
        if name in (backup.name, Path(backup.name).stem):
            return backup
    raise BackupError(f"找不到名为 {name} 的备份；可用 backup list 查看所有备份")


def _read_manifest(path: Path) -> Backup | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Backup(
            name=str(data["name"]),
            path=path.with_name(str(data["name"])),
            created_at=dt.datetime.fromisoformat(data["created_at"]),
            reason=str(data["reason"]),
            size=int(data["size"]),
            encrypted=bool(data["encrypted"]),
            schema_version=int(data["schema_version"]),
            counts={str(k): int(v) for k, v in dict(data.get("counts", {})).items()},
            fingerprint=str(data.get("fingerprint", "")),
            key_check=data.get("key_check"),
            detail=str(data.get("detail", "")),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("ignoring backup manifest %s: %s", path, error)
        return None


# ------------------------------------------------------------------ making one


def fingerprint() -> str:
    """What the open database holds, cheaply: each table's highest rowid and the change count.

    Records are only ever added or changed with a change-history row, so two equal
    fingerprints mean nothing a user did happened in between.
    """
    rows = db.database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%' AND sql NOT LIKE '%WITHOUT ROWID%' ORDER BY name"
    ).fetchall()
    parts = []
    for (name,) in rows:
        top = db.database.execute_sql(f'SELECT max(rowid) FROM "{name}"').fetchone()[0]
        parts.append(f"{name}:{top or 0}")
    if any(name == "change" for (name,) in rows):
        parts.append(
            f"changes:{db.database.execute_sql('SELECT count(*) FROM change').fetchone()[0]}"
        )
    return ";".join(parts)


def needs_routine_backup(
    now: dt.datetime | None = None, interval: dt.timedelta | None = None
) -> bool:
    """Whether a routine backup is due: something changed since the newest backup, and
    (with `interval`) the newest routine one is older than that."""
    now = now or clock.now()
    backups = list_backups()
    if backups and backups[0].fingerprint == fingerprint():
        return False
    if interval is not None:
        routine = [b for b in backups if b.routine]
        if routine and now - routine[0].created_at < interval:
            return False
    return True


def create_backup(reason: str, detail: str = "", *, skip_unchanged: bool = False) -> Backup | None:
    """Back up the open database now: copy, check, rename, rotate. None when skipped."""
    if reason not in LABELS:
        raise ValueError(f"unknown backup reason {reason!r}")
    opened = _open_file()
    if skip_unchanged and not needs_routine_backup():
        return None
    folder = folder_for(opened.path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = clock.now()
    temp = folder / f"{TEMP_PREFIX}{uuid.uuid4().hex}.db"
    try:
        marker = fingerprint()
        db_files.copy_to(temp)
        counts = db_files.check_copy(temp, opened.database_key)
        version = counts.pop("schema_version")
        if version != db.schema_version():
            raise BackupError("备份副本的数据库结构版本与原文件不符")
        final = _free_name(folder, opened.path, stamp, reason)
        os.replace(temp, final)
    except db.DatabaseFileError as error:
        _remove(temp)
        raise BackupError(f"备份未完成：{error.reason}") from None
    except OSError as error:
        _remove(temp)
        raise BackupError(
            f"备份未完成：无法写入备份文件夹 {folder}（{error.strerror or error}）"
        ) from None
    except BaseException:
        _remove(temp)
        raise
    backup = Backup(
        name=final.name,
        path=final,
        created_at=stamp,
        reason=reason,
        size=final.stat().st_size,
        encrypted=opened.encrypted,
        schema_version=version,
        counts=counts,
        fingerprint=marker,
        key_check=db_keys.key_check(opened.database_key) if opened.database_key else None,
        detail=detail,
    )
    _write_manifest(backup)
    rotate(folder)
    return backup


def before(reason: str, detail: str = "") -> Backup:
    """The event backup taken before something that changes much at once (import, merge...)."""
    backup = create_backup(reason, detail)
    assert backup is not None
    return backup


def before_migration(old: int, new: int) -> None:
    """The hook db.open_database calls before upgrading a file's schema."""
    create_backup("migration", f"版本 {old} → {new}")


def _free_name(folder: Path, db_path: Path, stamp: dt.datetime, reason: str) -> Path:
    base = f"{db_path.stem}-{stamp:%Y%m%d-%H%M%S}-{reason}"
    candidate, number = folder / f"{base}.db", 2
    while candidate.exists():
        candidate, number = folder / f"{base}-{number}.db", number + 1
    return candidate


def _write_manifest(backup: Backup) -> None:
    data = asdict(backup)
    data["path"] = None
    data["created_at"] = backup.created_at.isoformat()
    target = backup.path.with_name(backup.path.name + MANIFEST_SUFFIX)
    temp = target.with_name(TEMP_PREFIX + target.name)
    temp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(temp, target)


# ------------------------------------------------------------------ rotation


def rotate(folder: Path) -> list[str]:
    """Delete the backups the rotation no longer keeps (and stray temp files); their names."""
    backups = sorted(
        (b for b in (_read_manifest(m) for m in folder.glob("*" + MANIFEST_SUFFIX)) if b),
        key=lambda b: b.created_at,
        reverse=True,
    )
    keep = {b.name for b in _kept(backups)}
    removed = []
    for backup in backups:
        if backup.name not in keep:
            _remove(backup.path)
            _remove(backup.path.with_name(backup.path.name + MANIFEST_SUFFIX))
            removed.append(backup.name)
    for stray in folder.glob(TEMP_PREFIX + "*"):
        _remove(stray)
    return removed


def _kept(backups: list[Backup]) -> list[Backup]:
    """Newest first in, what the 7-daily / 4-weekly / 5-event rotation keeps out."""
    events = [b for b in backups if not b.routine][:KEEP_EVENTS]
    days: dict[dt.date, Backup] = {}
    weeks: dict[tuple[int, int], Backup] = {}
    for backup in (b for b in backups if b.routine):
        day = backup.created_at.date()
        if day in days:
            continue  # an older backup of a day already kept
        if len(days) < KEEP_DAILY:
            days[day] = backup
            continue
        week = tuple(day.isocalendar())[:2]
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks[week] = backup
    return events + list(days.values()) + list(weeks.values())


# ------------------------------------------------------------------ restoring and copying


def restore(backup: Backup, db_path: str | os.PathLike[str], database_key: bytes | None) -> Path:
    """Put `backup` in place of the database at `db_path`; return where the old file went.

    The current file is kept first: as an event backup when it still opens, else renamed
    `<name>.damaged-<time>` beside itself. The copy is checked before it replaces
    anything. The database is left closed; the caller opens it again.
    """
    db_path = Path(db_path)
    db.refuse_if_in_use(db_path)
    kept = _keep_current(db_path)
    db.close_database()
    temp = db_path.with_name(db_path.name + ".restoring")
    try:
        shutil.copyfile(backup.path, temp)
        db_files.check_copy(temp, database_key if backup.encrypted else None)
        _forget_laptop(temp, database_key if backup.encrypted else None)
        for suffix in ("-wal", "-shm"):
            _remove(Path(f"{db_path}{suffix}"))
        os.replace(temp, db_path)
    except db.DatabaseFileError as error:
        _remove(temp)
        raise BackupError(f"无法恢复备份 {backup.name}：{error.reason}") from None
    except OSError as error:
        _remove(temp)
        raise BackupError(f"无法恢复备份 {backup.name}：{error.strerror or error}") from None
    return kept


def _forget_laptop(path: Path, key: bytes | None) -> None:
    """A restored file numbers its changes afresh as a new laptop: the numbers after the
    backup's were already used, and colleagues may hold those changes."""
    with db.raw_connection(path, key) as conn:
        has_settings = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'setting'").fetchone()
        if has_settings:
            conn.execute("UPDATE setting SET value = 'restored' WHERE key = 'replica_binding'")
            conn.commit()


def _keep_current(db_path: Path) -> Path:
    opened = db.current_file()
    if opened is not None and opened.path == db_path:
        try:
            return before("restore").path
        except (BackupError, db.DatabaseFileError) as error:
            log.warning("current file could not be backed up before restore: %s", error)
    return keep_damaged(db_path)


def keep_damaged(db_path: str | os.PathLike[str]) -> Path:
    """Rename a damaged database (with its -wal/-shm) out of the way; the new name."""
    db_path = Path(db_path)
    db.close_database()
    target = db_path.with_name(f"{db_path.name}.damaged-{clock.now():%Y%m%d-%H%M%S}")
    if db_path.exists():
        os.replace(db_path, target)
    for suffix in ("-wal", "-shm"):
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{target}{suffix}"))
    return target


def copy_to_folder(
    backup: Backup, folder: str | os.PathLike[str], db_path: str | os.PathLike[str] | None = None
) -> Path:
    """Copy a backup (and, when encrypted, the key file its password needs) to e.g. a USB stick."""
    folder = Path(folder)
    target = folder / backup.name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / (TEMP_PREFIX + backup.name)
        shutil.copyfile(backup.path, temp)
        os.replace(temp, target)
        shutil.copyfile(
            backup.path.with_name(backup.name + MANIFEST_SUFFIX),
            target.with_name(target.name + MANIFEST_SUFFIX),
        )
        key_file = db_keys.key_file_path(db_path or _open_file().path)
        if backup.encrypted and key_file.exists():
            shutil.copyfile(key_file, db_keys.key_file_path(target))
    except OSError as error:
        raise BackupError(f"无法复制到 {folder}：{error.strerror or error}") from None
    return target


def remove_plain_backups(db_path: str | os.PathLike[str]) -> int:
    """After encryption: delete every unencrypted backup of the file; how many."""
    removed = 0
    for backup in list_backups(db_path):
        if not backup.encrypted:
            _remove(backup.path)
            _remove(backup.path.with_name(backup.name + MANIFEST_SUFFIX))
            removed += 1
    return removed


def _open_file() -> db.OpenFile:
    opened = db.current_file()
    if opened is None:
        raise BackupError("没有打开的数据库")
    return opened


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
