"""Setting records' fields from their heads after a merge: columns, link sets, photos."""

from __future__ import annotations

import hashlib
import logging

from peewee import Model

from casework.db import database
from casework.models import ALL_MODELS, Person
from casework.search_keys import person_keys
from casework.services.sync import heads
from casework.services.sync.package_file import ALIAS
from casework.services.sync.tables import BOOKKEEPING, BY_ENTITY, BY_NAME, Table

log = logging.getLogger(__name__)

# History rows for whole-record events; they never head a field.
EVENTS = frozenset({"created", "deleted", "restored"})
MODELS: dict[str, type[Model]] = {model._meta.table_name: model for model in ALL_MODELS}


def table_of(entity: str) -> str | None:
    table = BY_ENTITY.get(entity)
    return table.name if table else None


def photo_digest(jpeg: bytes | None) -> str | None:
    """How history names a photo: its digest (the picture itself travels in the row)."""
    return None if jpeg is None else "sha256:" + hashlib.sha256(jpeg).hexdigest()


def copy_heads() -> None:
    """A record new here (temp.sync_new) stands on the sender's heads: it knows nothing
    else of it."""
    database.execute_sql(
        "INSERT OR IGNORE INTO main.field_head (entity, record_id, field, change_id) "
        f"SELECT entity, record_id, field, change_id FROM {ALIAS}.field_head "
        "WHERE record_id IN (SELECT id FROM temp.sync_new)"
    )


def apply(touched: dict[heads.Key, set[str]]) -> tuple[int, int]:
    """Give each touched field its agreed value; return (fields updated, conflicts)."""
    values = heads.values_of(i for ids in touched.values() for i in ids)
    updates: dict[tuple[str, str], dict[str, object]] = {}
    conflicts = 0
    for (entity, record_id, field), ids in touched.items():
        agreed, value = heads.agreed(ids, values)
        if not agreed:
            conflicts += 1
            continue
        table = BY_ENTITY.get(entity)
        if table is not None:
            updates.setdefault((table.name, record_id), {})[field] = value
    updated = 0
    changed = []
    for (table_name, record_id), fields in updates.items():
        count = _update(BY_NAME[table_name], record_id, fields)
        if count:
            updated += count
            changed.append((table_name, record_id))
    mark_touched(changed)
    return updated, conflicts


def mark_touched(rows: list[tuple[str, str]]) -> None:
    """Note records whose state the merge changed (their households are refreshed)."""
    for start in range(0, len(rows), heads.BATCH):
        batch = rows[start : start + heads.BATCH]
        database.execute_sql(
            "INSERT OR IGNORE INTO temp.sync_touched (tbl, id) VALUES "
            + ", ".join(["(?, ?)"] * len(batch)),
            [item for row in batch for item in row],
        )


def _update(table: Table, record_id: str, fields: dict[str, object]) -> int:
    model = MODELS[table.name]
    record = model.get_or_none(model.id == record_id)
    if record is None:
        return 0
    columns: dict[object, object] = {}
    updated = 0
    for name, text in fields.items():
        link = next((link for link in table.links if link[0] == name), None)
        if link is not None:
            updated += set_links(record_id, link, text)
        elif name in table.digested:
            updated += _set_digested(table, record, name, text)
        elif name in model._meta.fields and name not in BOOKKEEPING | table.derived:
            field = model._meta.fields[name]
            try:
                value = heads.stored(field, text)
            except ValueError:
                log.warning(
                    "merge: %s.%s of %s: unusable value skipped", table.name, name, record_id
                )
                continue
            if field.db_value(record.__data__.get(name)) != field.db_value(value):
                columns[field] = value
    if columns:
        model.update(columns).where(model.id == record_id).execute()
        if table.name == "person" and Person.name in columns:
            model.update(person_keys(columns[Person.name])).where(model.id == record_id).execute()
    return updated + len(columns)


def set_links(visit_id: str, link: tuple[str, str, str], text: object) -> int:
    _field, link_table, other = link
    wanted = sorted(set(filter(None, str(text or "").split(","))))
    target = "cadre" if other == "cadre_id" else "person"
    existing = [
        row[0]
        for row in database.execute_sql(
            f"SELECT {other} FROM {link_table} WHERE visit_id = ?", (visit_id,)
        )
    ]
    if sorted(existing) == wanted:
        return 0
    known = (
        {
            row[0]
            for row in database.execute_sql(
                f"SELECT id FROM {target} WHERE id IN ({', '.join('?' * len(wanted))})", wanted
            )
        }
        if wanted
        else set()
    )
    database.execute_sql(f"DELETE FROM {link_table} WHERE visit_id = ?", (visit_id,))
    for other_id in wanted:
        if other_id in known:
            database.execute_sql(
                f"INSERT INTO {link_table} (visit_id, {other}) VALUES (?, ?)", (visit_id, other_id)
            )
    return 1


def _set_digested(table: Table, record: Model, name: str, text: object) -> int:
    if photo_digest(getattr(record, name)) == text:
        return 0
    if text is None:
        type(record).update({name: None}).where(type(record).id == record.id).execute()
        return 1
    row = database.execute_sql(
        f'SELECT "{name}" FROM {ALIAS}."{table.name}" WHERE id = ?', (record.id,)
    ).fetchone()
    if row is None or photo_digest(row[0]) != text:
        return 0  # the picture named is not in this package: keep what is here
    type(record).update({name: row[0]}).where(type(record).id == record.id).execute()
    return 1
