"""Field heads: which change(s) each field's value stands on, and what follows from them.

A change names the changes of its field it replaced (its parents). A field's heads are
the changes nobody has replaced yet. A change from another laptop that replaced what
this laptop's value stands on simply moves the field on; two changes made apart, each
replacing the same earlier value, are both heads: a conflict, unless they agree. The
heads follow from the set of changes alone, so laptops holding the same changes hold
the same heads, in whatever order the changes arrived.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    Field,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from casework.db import database
from casework.models import Change, FieldHead

Key = tuple[str, str, str]  # entity, record id, field
BATCH = 400
_HEX = r"[0-9a-f]{32}"  # compiled when first used, not by every start


def current(keys: Iterable[Key]) -> dict[Key, set[str]]:
    """The heads of each key (records in batches)."""
    wanted = set(keys)
    found: dict[Key, set[str]] = {key: set() for key in wanted}
    records = sorted({key[1] for key in wanted})
    for start in range(0, len(records), BATCH):
        batch = records[start : start + BATCH]
        rows = FieldHead.select().where(FieldHead.record_id.in_(batch)).tuples()
        for entity, record_id, field, change_id in rows:
            key = (entity, record_id, field)
            if key in found:
                found[key].add(change_id)
    return found


def advance(changes: list[dict]) -> dict[Key, set[str]]:
    """Move the heads on by new changes (Lamport order); return the touched keys' heads."""
    keys = {(c["entity"], c["record_id"], c["field"]) for c in changes}
    heads = current(keys)
    for change in sorted(changes, key=lambda c: (c["lamport"], c["id"])):
        key = (change["entity"], change["record_id"], change["field"])
        parents = set(filter(None, change["parents"].split(",")))
        heads[key] = (heads[key] - parents) | {change["id"]}
    replace(heads)
    return heads


def replace(heads: dict[Key, set[str]]) -> None:
    by_record: dict[tuple[str, str], list[str]] = {}
    for entity, record_id, field in heads:
        by_record.setdefault((entity, record_id), []).append(field)
    for (entity, record_id), fields in by_record.items():
        FieldHead.delete().where(
            (FieldHead.entity == entity)
            & (FieldHead.record_id == record_id)
            & FieldHead.field.in_(fields)
        ).execute()
    rows = [
        {"entity": e, "record_id": r, "field": f, "change_id": c}
        for (e, r, f), ids in heads.items()
        for c in sorted(ids)
    ]
    for start in range(0, len(rows), BATCH):
        FieldHead.insert_many(rows[start : start + BATCH]).execute()


def values_of(change_ids: Iterable[str]) -> dict[str, str | None]:
    ids = sorted(set(change_ids))
    found: dict[str, str | None] = {}
    for start in range(0, len(ids), BATCH):
        query = Change.select(Change.id, Change.new_value).where(
            Change.id.in_(ids[start : start + BATCH])
        )
        found.update(dict(query.tuples()))
    return found


def agreed(heads: set[str], values: dict[str, str | None]) -> tuple[bool, str | None]:
    """(True, value) when every head says the same; (False, None) for a conflict."""
    said = {values.get(head) for head in heads}
    if len(said) == 1:
        return True, said.pop()
    return False, None


def open_conflicts() -> list[Key]:
    """Every field whose heads disagree, on every laptop alike."""
    # Fields with two heads are few; only they are joined to their values.
    rows = database.execute_sql(
        "SELECT h.entity, h.record_id, h.field FROM (SELECT entity, record_id, field "
        "FROM field_head GROUP BY entity, record_id, field HAVING count(*) > 1) AS k "
        "JOIN field_head h USING (entity, record_id, field) JOIN change c ON c.id = h.change_id "
        "GROUP BY h.entity, h.record_id, h.field "
        "HAVING count(DISTINCT coalesce(c.new_value, char(1))) > 1 "
        "ORDER BY h.entity, h.record_id, h.field"
    ).fetchall()
    return [tuple(row) for row in rows]


def stored(field: Field, text: str | None):
    """The value `text` (as history writes it) stores in `field`; ValueError if it cannot."""
    if text is None:
        if not field.null:
            raise ValueError("empty")
        return None
    if isinstance(field, ForeignKeyField):
        if not re.fullmatch(_HEX, text):
            raise ValueError("not an id")
        return text
    if isinstance(field, BooleanField):
        if text not in ("0", "1", "True", "False"):
            raise ValueError("not a yes/no")
        return text in ("1", "True")
    if isinstance(field, IntegerField):
        return int(text)
    if isinstance(field, DateTimeField):
        return dt.datetime.fromisoformat(text)
    if isinstance(field, DateField):
        return dt.date.fromisoformat(text)
    if isinstance(field, CharField) and len(text) > field.max_length:
        raise ValueError("too long")
    if isinstance(field, TextField) and len(text) > 100_000:
        raise ValueError("too long")
    return text
