"""The same person (or household, employer, enrollment) registered on two laptops.

The live records' unique indexes (an ID number, a household code) are set aside while a
merge runs and put back after it. In between, every group of live records that would
break one keeps its first-registered record and hides the others, each behind a delete
and a pair waiting for a person. The ids of both come from the records themselves, so
two laptops that find the same pair make the same rows, and it merges as one.
"""

from __future__ import annotations

import uuid

from casework import clock
from casework.db import database
from casework.models import Deletion, DeletionTarget, DuplicatePair
from casework.services.sync.tables import BY_NAME, RECORD_TABLES

NAMESPACE = uuid.UUID("6f1c9a52-3f0e-4c55-9a43-0c9a1d7e2b10")


def drop_live_unique_indexes() -> list[tuple[str, str, str, list[str], str]]:
    """Set aside the unique indexes on records; return what restores and checks them."""
    marks = ", ".join("?" * len(RECORD_TABLES))
    rows = database.execute_sql(
        "SELECT name, tbl_name, sql FROM main.sqlite_master WHERE type = 'index' "
        f"AND sql LIKE 'CREATE UNIQUE INDEX%' AND tbl_name IN ({marks})",
        RECORD_TABLES,
    ).fetchall()
    dropped = []
    for name, table, sql in rows:
        columns = [row[2] for row in database.execute_sql(f'PRAGMA index_info("{name}")')]
        where = sql.split(" WHERE ", 1)[1] if " WHERE " in sql else "1"
        dropped.append((name, table, sql, columns, where))
        database.execute_sql(f'DROP INDEX "{name}"')
    return dropped


def restore_indexes(dropped: list[tuple[str, str, str, list[str], str]]) -> None:
    for _name, _table, sql, _columns, _where in dropped:
        database.execute_sql(sql)


def hold_clashes(me: str, dropped: list[tuple[str, str, str, list[str], str]]) -> int:
    """Hide all but the first of each group that breaks a unique index; return new pairs."""
    made = 0
    for _name, table, _sql, columns, where in dropped:
        keys = ", ".join(f'"{c}"' for c in columns)
        groups = database.execute_sql(
            f'SELECT {keys} FROM "{table}" WHERE {where} GROUP BY {keys} HAVING count(*) > 1'
        ).fetchall()
        for values in groups:
            match = " AND ".join(f'"{c}" = ?' for c in columns)
            members = [
                row[0]
                for row in database.execute_sql(
                    f'SELECT id FROM "{table}" WHERE ({where}) AND {match} ORDER BY created_at, id',
                    values,
                )
            ]
            kept = members[0]
            for other in members[1:]:
                made += _hold(table, kept, other, columns, me)
    return made


def _hold(table: str, kept: str, other: str, columns: list[str], me: str) -> int:
    pair_id = uuid.uuid5(NAMESPACE, f"{table}:{kept}:{other}").hex
    now = clock.now()
    entity = BY_NAME[table].entity
    Deletion.insert(
        id=pair_id,
        created_at=now,
        updated_at=now,
        kind=entity,
        record_id=other,
        label=f"与另一台电脑登记的{_WHAT.get(table, '记录')}重复，待处理",
        deleted_at=now,
        replica=me,
    ).on_conflict_ignore().execute()
    DeletionTarget.insert(
        deletion_id=pair_id, tbl=table, record_id=other
    ).on_conflict_ignore().execute()
    database.execute_sql(
        f'UPDATE "{table}" SET deleted_at = ?, deleted_by = ? WHERE id = ?', (now, pair_id, other)
    )
    reason = "id_number" if "id_number" in columns else "code" if "code" in columns else columns[0]
    made = (
        DuplicatePair.insert(
            id=pair_id,
            created_at=now,
            updated_at=now,
            entity=entity,
            kept_id=kept,
            other_id=other,
            reason=reason[:16],
            status="open",
        )
        .on_conflict_ignore()
        .execute()
    )
    return 1 if made else 0


_WHAT = {"person": "人员", "household": "农户", "employer": "用工单位", "enrollment": "参训记录"}


def open_count() -> int:
    return (
        DuplicatePair.select()
        .where(DuplicatePair.status == "open", DuplicatePair.deleted_at.is_null())
        .count()
    )
