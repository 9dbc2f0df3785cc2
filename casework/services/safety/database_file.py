"""The database file as the window sees it: look at it, create, unlock, open, close, re-key.

The window never reaches casework.db itself; this is its door. Opening an existing file
always takes a backup before a schema upgrade.
"""

from __future__ import annotations

import os
from pathlib import Path

from casework import db, db_files, db_keys
from casework.db import (  # re-exported: what the window catches and shows
    DatabaseFileError,
    FileKind,
    NewerSchemaError,
    OpenFile,
    PasswordRequiredError,
    WrongSecretError,
)
from casework.db_keys import MIN_PASSWORD_LENGTH, PasswordRuleError

__all__ = [
    "DatabaseFileError",
    "FileKind",
    "MIN_PASSWORD_LENGTH",
    "NewerSchemaError",
    "OpenFile",
    "PasswordRequiredError",
    "PasswordRuleError",
    "WrongSecretError",
]


def inspect(path: str | os.PathLike[str]) -> FileKind:
    return db.inspect_file(path)


def refusal(path: str | os.PathLike[str]) -> DatabaseFileError | None:
    """Why the file at `path` can never be opened (empty, not a database, a folder), or None."""
    try:
        db.refuse_unusable(Path(path), db.inspect_file(path))
    except DatabaseFileError as error:
        return error
    return None


def has_key_file(path: str | os.PathLike[str]) -> bool:
    return db_keys.key_file_path(path).exists()


def create(path: str | os.PathLike[str], password: str | None) -> str | None:
    """A new database where there is no file; its recovery key when encrypted."""
    return db.create_database(path, password)


def open_file(
    path: str | os.PathLike[str],
    *,
    password: str | None = None,
    recovery_key: str | None = None,
    database_key: bytes | None = None,
) -> OpenFile:
    """Open an existing file (a backup first if its schema must be upgraded)."""
    db.open_database(
        path,
        password=password,
        recovery_key=recovery_key,
        database_key=database_key,
        create=False,
        before_upgrade=_back_up_before_upgrade,
    )
    return db.current_file()


def _back_up_before_upgrade(old: int, new: int) -> None:
    # The backups module loads only when a file is to be upgraded: an up-to-date file
    # (every start but the first after an update) opens without it.
    from casework.services.safety import backups

    backups.before_migration(old, new)


def current() -> OpenFile | None:
    return db.current_file()


def close() -> None:
    db.close_database()


def close_thread_connection() -> None:
    db.close_thread_connection()


def check_new_password(password: str, repeated: str | None = None) -> str:
    return db_keys.check_new_password(password, repeated)


def key_for(
    path: str | os.PathLike[str], password: str | None = None, recovery_key: str | None = None
) -> bytes:
    return db.database_key_for(Path(path), password, recovery_key)


def change_password(
    path: str | os.PathLike[str],
    new_password: str,
    *,
    password: str | None = None,
    recovery_key: str | None = None,
) -> None:
    db_files.change_password(path, new_password, password=password, recovery_key=recovery_key)


def other_users(path: str | os.PathLike[str] | None = None) -> int:
    """How many other windows or commands have the file open now."""
    return db.other_users(path)
