"""Numbered schema migrations, gated on PRAGMA user_version.

Each step is a module `mNNNN_*.py` with `apply(db)`, listed in STEP_NAMES; steps are only ever
added, and each runs in its own transaction together with the version bump, so a failure
leaves the database at the previous version, never half-way.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from peewee import SqliteDatabase

# The steps in order, listed rather than discovered: a frozen app (PyInstaller) or a
# zipapp has no folder to scan (packaging/casework.spec collects every casework module
# for the bundler). STEP_NAMES[n - 1] takes the database to version n;
# tests/test_migration_registry.py checks that this list and the mNNNN_*.py files present
# agree, without gaps. Named, not imported here: a file already at LATEST (every start
# but the first after an update) needs none of them, and importing them cost ~5 ms of
# start-up (m0002's search-key regex alone compiles in ~4 ms).
STEP_NAMES = (
    "m0001_initial",
    "m0002_search",
    "m0003_resumes",
    "m0004_training",
    "m0005_jobs",
    "m0006_resume_health",
    "m0007_laptops",
    "m0008_indexes",
    "m0009_work_checks",
    "m0010_person_facts",
)
LATEST = len(STEP_NAMES)


def load_step(number: int) -> ModuleType:
    """The step module that takes a database to version `number` (1..LATEST)."""
    return import_module(f"{__name__}.{STEP_NAMES[number - 1]}")


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer Casework than this one."""


def current_version(db: SqliteDatabase) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def upgrade(db: SqliteDatabase, target: int = LATEST) -> int:
    """Apply every step after the database's version up to `target`; return the new version."""
    version = current_version(db)
    if version > LATEST:
        raise SchemaTooNewError(
            f"数据库版本为 {version}，本程序只支持到 {LATEST}，请升级劳务协作工作台后再打开。"
        )
    for number in range(version + 1, target + 1):
        step = load_step(number)
        with db.atomic():
            step.apply(db)
            db.execute_sql(f"PRAGMA user_version = {number}")
    return current_version(db)
