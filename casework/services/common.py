"""What every service shares: errors, the current cadre, change history, row conversion."""

from __future__ import annotations

import datetime as dt
from typing import Any

from peewee import Model

from casework import clock
from casework.models import Change
from casework.services.settings import setting


class NotFoundError(LookupError):
    """The record asked for does not exist or was deleted; the message is for the cadre."""


class ConflictError(ValueError):
    """The action would break a rule (e.g. restoring a person whose ID is now used)."""


def current_cadre_id() -> str | None:
    return setting("current_cadre_id")


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def apply_changes(record: Model, values: dict[str, Any], entity: str) -> list[str]:
    """Set `values` on `record`, log each field that really changed; return their names.

    The caller saves the record inside its own transaction.
    """
    changed = []
    cadre = current_cadre_id()
    stamp = clock.now()
    for field, new in values.items():
        old = getattr(record, field)
        if _as_text(old) == _as_text(new):
            continue
        setattr(record, field, new)
        changed.append(field)
        Change.create(
            entity=entity,
            record_id=record.id,
            field=field,
            old_value=_as_text(old),
            new_value=_as_text(new),
            changed_at=stamp,
            cadre=cadre,
        )
    if changed:
        record.updated_at = stamp
    return changed


def log_event(entity: str, record_id: str, event: str, detail: str = "") -> None:
    """History rows for whole-record events: created, deleted, restored."""
    Change.create(
        entity=entity,
        record_id=record_id,
        field=event,
        old_value=None,
        new_value=detail or None,
        changed_at=clock.now(),
        cadre=current_cadre_id(),
    )


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
