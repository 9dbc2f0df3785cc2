"""Whole-file operations on a database: copy it, check a copy, encrypt it, change its password.

Beside casework.db, which opens the file the program works in: these work on files as
wholes (a backup being written and checked, an encrypted copy swapped in), each through
a connection of its own.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from casework import db_keys
from casework.db import (
    DamagedDatabaseError,
    DatabaseFileError,
    FileKind,
    close_database,
    database,
    database_key_for,
    describe_error,
    inspect_file,
    raw_connection,
    refuse_unusable,
)


def copy_to(target: str | os.PathLike[str]) -> None:
    """A consistent copy of the open database, encrypted with the same key (VACUUM INTO).

    Runs on the calling thread's own connection, so a worker thread can take a backup
    while the window goes on reading.
    """
    database.execute_sql("VACUUM INTO ?", (str(target),))


def check_copy(path: str | os.PathLike[str], key: bytes | None) -> dict[str, int]:
    """quick_check a copy and return its schema version and live counts; raise if it fails."""
    try:
        with raw_connection(path, key) as conn:
            # Reading a plain copy through mmap skips a copy of every page (about 20%
            # of the check); SQLCipher decrypts into its own buffers and ignores it.
            conn.execute(f"PRAGMA mmap_size = {1 << 30}")
            result = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if result != ["ok"]:
                raise DamagedDatabaseError(path, "副本未通过完整性检查：" + "；".join(result[:3]))
            counts = {"schema_version": conn.execute("PRAGMA user_version").fetchone()[0]}
            tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
            for table in ("household", "person", "visit"):
                if table in tables:
                    counts[table] = conn.execute(
                        f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL"
                    ).fetchone()[0]
            return counts
    except sqlcipher.Error as error:
        raise describe_error(error, Path(path), secret_given=key is not None) from None


def table_counts(conn) -> dict[str, int]:
    """Every table's row count on a raw connection: what an encryption must carry over."""
    names = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'CREATE VIRTUAL TABLE%' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def encrypt_file(path: str | os.PathLike[str], password: str) -> str:
    """Encrypt the plain database at `path` in place; return the new recovery key.

    The encrypted copy is written beside the file, checked (integrity, schema version,
    every table's row count) and only then renamed over the plain file. The key file is
    written before the swap: a crash in between leaves the plain file, which still opens.
    The database must be closed, by this process and every other.
    """
    path = Path(path)
    db_keys.check_new_password(password)
    if inspect_file(path) is not FileKind.PLAIN:
        raise DatabaseFileError(path, "文件不是未加密的数据库，无需加密")
    close_database()
    recovery_key = db_keys.new_recovery_key()
    key = db_keys.database_key_from_recovery(recovery_key)
    work = path.with_name(path.name + ".encrypting")
    _remove_database_files(work)
    try:
        with raw_connection(path, None) as plain:
            plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            version = plain.execute("PRAGMA user_version").fetchone()[0]
            expected = table_counts(plain)
            plain.execute(
                "ATTACH DATABASE ? AS encrypted KEY ?", (str(work), db_keys.sqlcipher_key(key))
            )
            plain.execute("SELECT sqlcipher_export('encrypted')")
            # sqlcipher_export does not carry the schema version over.
            plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
            plain.execute("DETACH DATABASE encrypted")
        with raw_connection(work, key) as copy:
            if [row[0] for row in copy.execute("PRAGMA integrity_check")] != ["ok"]:
                raise DamagedDatabaseError(work, "加密后的副本未通过完整性检查，原文件未改动")
            if copy.execute("PRAGMA user_version").fetchone()[0] != version:
                raise DamagedDatabaseError(work, "加密后的副本版本号不符，原文件未改动")
            if table_counts(copy) != expected:
                raise DamagedDatabaseError(work, "加密后的副本记录数不符，原文件未改动")
        _fsync(work)
        db_keys.write_key_file(path, db_keys.make_key_file(key, password))
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{path}{suffix}")
        os.replace(work, path)
    except BaseException:
        _remove_database_files(work)
        raise
    return recovery_key


def change_password(
    path: str | os.PathLike[str],
    new_password: str,
    *,
    password: str | None = None,
    recovery_key: str | None = None,
) -> None:
    """Set a new password on an encrypted file, proving the old password or the recovery key.

    Only the key file changes: the database key, and so the recovery key, stay the same.
    """
    path = Path(path)
    db_keys.check_new_password(new_password)
    kind = inspect_file(path)
    refuse_unusable(path, kind)
    if kind is FileKind.MISSING:
        raise DatabaseFileError(path, "文件不存在")
    if kind is FileKind.PLAIN:
        raise DatabaseFileError(path, "文件没有加密，请先加密（encrypt）再设置密码")
    key = database_key_for(path, password, recovery_key)
    # The key must really open the file before it is written down under a new password.
    with raw_connection(path, key) as conn:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.Error as error:
            raise describe_error(error, path, secret_given=True) from None
    db_keys.write_key_file(path, db_keys.make_key_file(key, new_password))


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _remove_database_files(path: Path) -> None:
    for name in (str(path), f"{path}-wal", f"{path}-shm", f"{path}-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
