"""Opening the database: the one place that knows the file, the pragmas and the schema version."""

from __future__ import annotations

import os
from pathlib import Path

from peewee import SqliteDatabase

# Deferred: the GUI, the CLI and each test choose the file with open_database().
database = SqliteDatabase(None)

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # A laptop battery can die mid-visit: a committed visit must survive it.
    "synchronous": "full",
    "busy_timeout": 5000,
    "cache_size": -16000,
    "temp_store": "memory",
}

ENV_VAR = "CASEWORK_DB"


def default_path() -> Path:
    """The database file: CASEWORK_DB if set, else the per-user data directory."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    from platformdirs import user_data_path

    return user_data_path("casework", appauthor=False) / "casework.db"


def open_database(path: str | os.PathLike, migrate: bool = True) -> SqliteDatabase:
    """Open (creating if need be) the database at `path` and bring its schema up to date."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not database.is_closed():
        database.close()
    database.init(str(path), pragmas=PRAGMAS)
    database.connect(reuse_if_open=True)
    if migrate:
        from casework.migrations import upgrade

        upgrade(database)
    return database


def close_database() -> None:
    if not database.is_closed():
        database.close()


def schema_version(db: SqliteDatabase = database) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]
