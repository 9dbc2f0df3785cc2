"""Conflicts: fields two laptops changed apart, waiting for a person to choose.

A conflict keeps this laptop's value and every laptop's alternative, with who made it,
on which laptop and when. Choosing (保留本机, 采用对方 or a value typed in) is a change
that replaces all of them, so it travels like any edit and settles the field everywhere.
"""

from __future__ import annotations

from peewee import JOIN, Model

from casework.db import database
from casework.models import Cadre, Change, Peer
from casework.services.common import NotFoundError, as_text, log_field_changes
from casework.services.register import household_summary
from casework.services.sync import heads, history_labels, identity
from casework.services.sync.record_values import MODELS, photo_digest, set_links, table_of
from casework.services.sync.tables import BY_ENTITY
from casework.validation import ValidationError


def list_conflicts(show_full_ids: bool = False) -> list[dict]:
    """Every open conflict on a live record, oldest record first."""
    found = []
    for entity, record_id, field in heads.open_conflicts():
        record = _record(entity, record_id)
        if record is None or getattr(record, "deleted_at", None) is not None:
            continue
        found.append(describe(entity, record, field, show_full_ids))
    return found


def describe(entity: str, record: Model, field: str, show_full_ids: bool = False) -> dict:
    ids = heads.current([(entity, record.id, field)])[(entity, record.id, field)]
    me = identity.replica_id()
    names = {peer.id: peer.name for peer in Peer.select()}
    local = current_text(entity, record, field)
    alternatives = []
    query = (
        Change.select(Change, Cadre.name.alias("cadre_name"))
        .join(Cadre, on=(Change.cadre == Cadre.id), join_type=JOIN.LEFT_OUTER)
        .where(Change.id.in_(sorted(ids)))
        .order_by(Change.lamport, Change.id)
        .dicts()
    )
    for change in query:
        alternatives.append(
            {
                "change_id": change["id"],
                "value": change["new_value"],
                "display": display(entity, field, change["new_value"], show_full_ids),
                "cadre_name": change["cadre_name"] or "",
                "laptop_name": "本机"
                if change["replica"] == me
                else names.get(change["replica"], "") or "另一台电脑",
                "changed_at": change["changed_at"],
                "local": change["new_value"] == local,
            }
        )
    return {
        "entity": entity,
        "record_id": record.id,
        "field": field,
        "field_label": history_labels.field_label(entity, field),
        "record_label": record_label(entity, record),
        "local_value": local,
        "local_display": display(entity, field, local, show_full_ids),
        "alternatives": alternatives,
    }


def _laptop(replica: str, me: str, names: dict[str, str]) -> str:
    if replica == me:
        return "本机"
    return names.get(replica) or "另一台电脑"


def resolve_conflict(entity: str, record_id: str, field: str, value: str | None) -> None:
    """Settle a conflict with `value` (one of the alternatives, or typed in)."""
    with database.atomic():
        ids = heads.current([(entity, record_id, field)])[(entity, record_id, field)]
        if len(ids) < 2:
            raise NotFoundError("这处冲突已经处理过了")
        record = _record(entity, record_id)
        if record is None:
            raise NotFoundError("找不到这条记录，可能已被删除")
        local = current_text(entity, record, field)
        _set(entity, record, field, value)
        log_field_changes(entity, record_id, [(field, local, value)])
        if entity in ("person", "visit"):
            household_summary.refresh(record.household_id)


def _set(entity: str, record: Model, field: str, value: str | None) -> None:
    table = BY_ENTITY[entity]
    model = type(record)
    link = next((link for link in table.links if link[0] == field), None)
    if link is not None:
        set_links(record.id, link, value)
        return
    if field in table.digested:
        if value != photo_digest(getattr(record, field)):
            raise ValidationError({field: "照片只能保留本机的，或在另一台电脑上处理"})
        return
    column = model._meta.fields.get(field)
    if column is None:
        raise ValidationError({field: "这个字段不能在这里修改"})
    try:
        stored = heads.stored(column, value)
    except ValueError:
        raise ValidationError({field: "填写的值格式不对"}) from None
    model.update({column: stored}).where(model.id == record.id).execute()
    if entity == "person" and field == "name":
        from casework.search_keys import person_keys

        model.update(person_keys(stored)).where(model.id == record.id).execute()


def current_text(entity: str, record: Model, field: str) -> str | None:
    """The field's value here, written as history writes it."""
    table = BY_ENTITY[entity]
    link = next((link for link in table.links if link[0] == field), None)
    if link is not None:
        _field, link_table, other = link
        rows = database.execute_sql(
            f"SELECT {other} FROM {link_table} WHERE visit_id = ? ORDER BY {other}", (record.id,)
        )
        return ",".join(row[0] for row in rows)
    if field in table.digested:
        return photo_digest(getattr(record, field))
    return as_text(record.__data__.get(field))


def display(entity: str, field: str, value: str | None, show_full_ids: bool = False) -> str:
    """A value as the cadre reads it (labels for codes, names for ids, masked numbers)."""
    return history_labels.display_value(entity, field, value, show_full_ids)


def record_label(entity: str, record: Model) -> str:
    """What a cadre calls the record: 150521001 韩令春户, 韩春明（150521001）…"""
    return history_labels.record_label(record)


def _record(entity: str, record_id: str) -> Model | None:
    table = table_of(entity)
    if table is None:
        return None
    model = MODELS[table]
    return model.get_or_none(model.id == record_id)
