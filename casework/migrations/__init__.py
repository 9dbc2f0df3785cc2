"""Numbered schema migrations, gated on PRAGMA user_version.

Each step is a module `mNNNN_*.py` with `apply(db)`; steps are only ever added, and
each runs in its own transaction together with the version bump, so a failure leaves
the database at the previous version, never half-way.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

from peewee import SqliteDatabase


def _discover_steps() -> list:
    """The step modules in number order; a gap or a duplicate number is a programming error."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        match = re.fullmatch(r"m(\d{4})_\w+", info.name)
        if match:
            number = int(match.group(1))
            if number in found:
                raise RuntimeError(f"two migrations numbered {number}")
            found[number] = importlib.import_module(f"{__name__}.{info.name}")
    if sorted(found) != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migration numbers must run 1..N without gaps: {sorted(found)}")
    return [found[n] for n in sorted(found)]


STEPS = _discover_steps()
LATEST = len(STEPS)


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
        step = STEPS[number - 1]
        with db.atomic():
            step.apply(db)
            db.execute_sql(f"PRAGMA user_version = {number}")
    return current_version(db)
