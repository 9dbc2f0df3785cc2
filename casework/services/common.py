"""What every service shares: errors, the current cadre, change history, row conversion."""

from __future__ import annotations

import datetime as dt
from typing import Any

from peewee import Model

from casework import clock
from casework.db import database
from casework.models import Change, new_id
from casework.services.settings import setting
from casework.services.sync import heads
from casework.services.sync.identity import NEXT_LAMPORT, NEXT_SEQ, next_numbers, replica_id


class NotFoundError(LookupError):
    """The record asked for does not exist or was deleted; the message is for the cadre."""


class ConflictError(ValueError):
    """The action would break a rule (e.g. restoring a person whose ID is now used)."""


def current_cadre_id() -> str | None:
    return setting("current_cadre_id")


def as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


_as_text = as_text  # the old name, still used by the demo's history rows


def apply_changes(record: Model, values: dict[str, Any], entity: str) -> list[str]:
    """Set `values` on `record`, log each field that really changed; return their names.

    The caller saves the record inside its own transaction.
    """
    changed = []
    for field, new in values.items():
        old = getattr(record, field)
        if as_text(old) == as_text(new):
            continue
        setattr(record, field, new)
        changed.append((field, as_text(old), as_text(new)))
    if changed:
        record.updated_at = log_field_changes(entity, record.id, changed)
    return [field for field, _old, _new in changed]


def log_field_changes(entity: str, record_id: str, changed: list[tuple]) -> dt.datetime:
    """History rows for (field, old text, new text) of one record, each standing on what
    the field stood on before (its heads), which it replaces: so a merge can tell an
    edit made here from one made elsewhere at the same time."""
    stamp = clock.now()
    cadre = current_cadre_id()
    before = heads.current((entity, record_id, field) for field, _old, _new in changed)
    replica, seq, lamport = next_numbers(len(changed))
    rows = []
    for offset, (field, old, new) in enumerate(changed):
        rows.append(
            {
                "id": new_id(),
                "created_at": stamp,
                "updated_at": stamp,
                "entity": entity,
                "record_id": record_id,
                "field": field,
                "old_value": old,
                "new_value": new,
                "changed_at": stamp,
                "cadre": cadre,
                "replica": replica,
                "seq": seq + offset,
                "lamport": lamport + offset,
                "parents": ",".join(sorted(before[(entity, record_id, field)])),
            }
        )
    Change.insert_many(rows).execute()
    heads.replace({(entity, record_id, row["field"]): {row["id"]} for row in rows})
    return stamp


# One statement: the event's numbers are taken as it is written (a save is a handful).
_EVENT_COLUMNS = (
    "id created_at updated_at entity record_id field old_value new_value changed_at "
    "cadre_id replica parents"
).split()
_EVENT_SQL = (
    f'INSERT INTO "change" ({", ".join(_EVENT_COLUMNS)}, seq, lamport) '
    f"SELECT {', '.join('?' * len(_EVENT_COLUMNS))}, {NEXT_SEQ}, {NEXT_LAMPORT}"
)


def log_event(
    entity: str, record_id: str, event: str, detail: str = "", cadre_id: str | None = None
) -> None:
    """History rows for whole-record events: created, deleted, restored. `cadre_id`: the
    current cadre, when the caller has already read it."""
    stamp = clock.now()
    replica = replica_id()
    values = {
        "id": new_id(),
        "created_at": stamp,
        "updated_at": stamp,
        "entity": entity,
        "record_id": record_id,
        "field": event,
        "old_value": None,
        "new_value": detail or None,
        "changed_at": stamp,
        "cadre_id": cadre_id or current_cadre_id(),
        "replica": replica,
        "parents": "",
    }
    columns = Change._meta.columns
    params = [columns[name].db_value(value) for name, value in values.items()]
    database.execute_sql(_EVENT_SQL, [*params, replica])


def get_live(model: type[Model], record_id: str, what: str) -> Model:
    record = model.get_or_none((model.id == record_id) & model.deleted_at.is_null())
    if record is None:
        raise NotFoundError(f"找不到这条{what}记录，可能已被删除")
    return record


def row_dict(record: Model, fields: list[str] | None = None) -> dict[str, Any]:
    names = fields or list(record._meta.fields)
    data = {}
    for name in names:
        field = record._meta.fields[name]
        if hasattr(field, "rel_model"):
            data[name + "_id"] = getattr(record, field.column_name)
        else:
            data[name] = getattr(record, name)
    return data
