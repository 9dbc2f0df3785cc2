"""The change history as the screens show it, the packages sent and received, this laptop's name.

Every field a cadre changes is one Change row; here they become rows a person reads:
when, who, on which laptop (本机 for this one, a colleague's laptop by the name its
packages carry), the field's Chinese label and old → new, masked unless asked in full.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from typing import Any

from peewee import JOIN, SQL, ForeignKeyField, Model, fn

from casework.db import database
from casework.models import (
    Cadre,
    Change,
    EmploymentWish,
    PackageLog,
    Peer,
    Person,
    Placement,
    Resume,
    Visit,
)
from casework.services.common import ConflictError, NotFoundError, apply_changes, get_live
from casework.services.documents import resumes
from casework.services.jobs import placement_rows, placements
from casework.services.register import household_summary, households, people, visits, wishes
from casework.services.settings import save_setting, setting
from casework.services.sync import conflicts, heads, identity
from casework.services.sync.history_labels import (
    EVENT_LABELS,
    display_value,
    entity_label,
    field_label,
    record_label,
)
from casework.services.sync.record_values import EVENTS, MODELS, table_of
from casework.validation import ValidationError

THIS_LAPTOP = "本机"
ELSEWHERE = "另一台电脑"
LAPTOP_NAME_MAX = 60
#: The kinds of record the 最近修改 list can be narrowed to.
# Filtered 最近修改: at least one change in DENSE matches, and the Lamport index is walked.
DENSE = 20
FILTER_KINDS = ("household", "person", "visit", "wish", "placement", "resume", "training_class")


# This laptop ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LaptopSettings:
    name: str  # how colleagues' laptops name this one
    is_office: bool  # the county office's collector


def laptop_settings() -> LaptopSettings:
    return LaptopSettings(identity.laptop_name(), bool(setting("is_office")))


def save_laptop_settings(name: str, is_office: bool) -> LaptopSettings:
    """Store this laptop's name and whether it is the county office's; Chinese on a bad name."""
    clean = " ".join((name or "").split())
    if not clean:
        raise ValidationError({"laptop_name": "请填写本机名称，例如干部姓名或“县办公室”"})
    if len(clean) > LAPTOP_NAME_MAX:
        raise ValidationError({"laptop_name": f"本机名称不能超过 {LAPTOP_NAME_MAX} 个字"})
    with database.atomic():
        save_setting("laptop_name", clean)
        save_setting("is_office", bool(is_office))
        Peer.update(name=clean, is_office=bool(is_office)).where(
            Peer.id == identity.replica_id()
        ).execute()
    return laptop_settings()


def export_targets() -> list[dict]:
    """The colleagues' laptops a package can be made for: every one heard of by name."""
    me = identity.replica_id()
    query = (
        Peer.select()
        .where(Peer.id != me, Peer.name != "")
        .order_by(Peer.is_office.desc(), Peer.name)
    )
    return [
        {"id": p.id, "name": p.name, "is_office": p.is_office, "last": p.last_exchange}
        for p in query
    ]


def laptop_names() -> dict[str, str]:
    """{replica: name} of every laptop heard of, this one as 本机."""
    names = {peer.id: peer.name or ELSEWHERE for peer in Peer.select(Peer.id, Peer.name)}
    names[identity.replica_id()] = THIS_LAPTOP
    return names


# Packages ------------------------------------------------------------------------------


def list_packages(limit: int = 200) -> list[dict]:
    """The packages sent and received, newest first."""
    # rowid breaks ties: two packages in one second keep the order they were made in.
    query = PackageLog.select().order_by(PackageLog.at.desc(), SQL("rowid").desc()).limit(limit)
    return [
        {
            "id": row.id,
            "at": row.at,
            "direction": row.direction,
            "direction_label": "导出" if row.direction == "sent" else "导入",
            "peer_name": row.peer_name or ELSEWHERE,
            "file": row.file,
            "summary": package_summary(row.direction, row.summary),
        }
        for row in query
    ]


def package_summary(direction: str, summary: str) -> str:
    """The counts a package log row keeps, in a sentence."""
    try:
        counts = json.loads(summary or "{}")
    except ValueError:
        return ""
    if not isinstance(counts, dict):
        return ""
    number = {key: value for key, value in counts.items() if isinstance(value, int)}
    if direction == "sent":
        return f"记录 {number.get('records', 0)} 条，修改 {number.get('changes', 0)} 条"
    parts = [
        f"新增 {number.get('new_records', 0)} 条记录",
        f"更新 {number.get('updated_fields', 0)} 个字段",
        f"冲突 {number.get('new_conflicts', 0)} 处",
        f"疑似重复 {number.get('new_duplicates', 0)} 对",
    ]
    text = "，".join(parts)
    waiting = number.get("waiting", 0)
    return text + (f"；待处理 {waiting} 项" if waiting else "")


# The history ---------------------------------------------------------------------------


def _changes():
    return Change.select(Change, Cadre.name.alias("cadre_name")).join(
        Cadre, JOIN.LEFT_OUTER, on=(Change.cadre == Cadre.id)
    )


def record_history(entity: str, record_id: str, show_full: bool = False) -> list[dict]:
    """One record's changes, newest first."""
    query = _changes().where(Change.entity == entity, Change.record_id == record_id)
    return _rows(query.order_by(Change.changed_at.desc(), Change.lamport.desc()), show_full)


def household_history(household_id: str, show_full: bool = False) -> list[dict]:
    """The changes of a household and everything in it: members, visits, wishes, jobs, resumes."""
    people = Person.select(Person.id).where(Person.household == household_id)
    owned = [
        Visit.select(Visit.id).where(Visit.household == household_id),
        EmploymentWish.select(EmploymentWish.id).where(EmploymentWish.person.in_(people)),
        Placement.select(Placement.id).where(Placement.person.in_(people)),
        Resume.select(Resume.id).where(Resume.person.in_(people)),
    ]
    where = (Change.record_id == household_id) | Change.record_id.in_(people)
    for ids in owned:
        where |= Change.record_id.in_(ids)
    query = _changes().where(where).order_by(Change.changed_at.desc(), Change.lamport.desc())
    return _rows(query, show_full, with_record=True)


def recent_changes(
    page: int = 1,
    page_size: int = 50,
    *,
    entity: str | None = None,
    cadre_id: str | None = None,
    laptop: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    show_full: bool = False,
) -> tuple[list[dict], int]:
    """The county-wide 最近修改 list, one page (pages count from 1), and how many match.

    Newest first in Lamport order, the order this laptop learnt of the changes in.
    """
    # Each filter as (indexed column, value); `|| ''` keeps SQLite off an index (below).
    keyed = [(Change.cadre, cadre_id), (Change.replica, laptop), (Change.entity, entity)]
    keyed = [(column, value) for column, value in keyed if value]
    dates = []
    if date_from:
        dates.append(Change.changed_at >= dt.datetime.combine(date_from, dt.time()))
    if date_to:
        after = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time())
        dates.append(Change.changed_at < after)
    if not keyed and not dates:
        total = Change.select().count()
        query = _changes().order_by(Change.lamport.desc(), Change.id.desc())
    elif len(keyed) == 1 and not dates and keyed[0][0] is not Change.entity:
        column, value = keyed[0]  # one cadre's or laptop's: their own index counts and finds
        total = Change.select().where(column == value).count()
        query = _one_kind(column, value, total)
    else:
        plain = [column.concat("") == value for column, value in keyed] + dates
        total = Change.select().where(*plain).count()
        query = _by_density(reduce(operator.and_, plain), total)
    return _rows(query.paginate(page, page_size), show_full, with_record=True), total


# With a million changes, walking the Lamport index finds a page at once when most rows
# match and looks every row up (seconds) when few do; then sorting what a scan leaves is
# the quick way (~0.3 s). SQLite cannot tell which without statistics, so it is told:
# likely() for many, and no usable index for few.


def _one_kind(column, value: str, total: int):
    if column is Change.replica:  # a laptop's own numbers are in its order
        return _changes().where(column == value).order_by(Change.replica.desc(), Change.seq.desc())
    return _by_density(column == value, total)


def _by_density(condition, total: int):
    if total * DENSE >= Change.select().count():
        return (
            _changes().where(fn.likely(condition)).order_by(Change.lamport.desc(), Change.id.desc())
        )
    return _changes().where(condition).order_by((Change.lamport + 0).desc(), Change.id.desc())


def _rows(query, show_full: bool, with_record: bool = False) -> list[dict]:
    names = laptop_names()
    records: dict[tuple[str, str], str] = {}
    rows = []
    for change in query.dicts():
        entity, field = change["entity"], change["field"]
        is_event = field in EVENTS or field in EVENT_LABELS
        old = "" if is_event else display_value(entity, field, change["old_value"], show_full)
        new = "" if is_event else display_value(entity, field, change["new_value"], show_full)
        row = {
            "id": change["id"],
            "changed_at": change["changed_at"],
            "cadre_name": change["cadre_name"] or "",
            "laptop": names.get(change["replica"], ELSEWHERE),
            "entity": entity,
            "entity_label": entity_label(entity),
            "record_id": change["record_id"],
            "field": field,
            "field_label": field_label(entity, field),
            "old": old,
            "new": new,
            "change": field_label(entity, field) if is_event else f"{old} → {new}",
            "restorable": not is_event and field != "photo",
        }
        if with_record:
            key = (entity, change["record_id"])
            if key not in records:
                records[key] = _label_of(entity, change["record_id"])
            row["record_label"] = records[key]
        rows.append(row)
    return rows


def _label_of(entity: str, record_id: str) -> str:
    table = table_of(entity)
    if table is None:
        return entity_label(entity)
    model: type[Model] = MODELS[table]
    record = model.get_or_none(model.id == record_id)
    if record is None:
        return f"{entity_label(entity)}（已不存在）"
    return record_label(record)


def cadre_choices() -> dict[str, str]:
    """{cadre id: name} of everyone who made a change here, for the list's filter."""
    query = Cadre.select(Cadre.id, Cadre.name).order_by(Cadre.name)
    return {cadre_id: name for cadre_id, name in query.tuples()}


# 恢复此值 ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Updater:
    """A service's own read and update of one record, and the fields its update takes."""

    get: Callable[[str], dict]
    update: Callable[[str, dict], dict]
    fields: frozenset[str]


# Restoring through these runs the same checks as the record's form (an ID number held by
# someone else, a visit date in the future); other fields are set as they were.
UPDATERS = {
    "household": Updater(
        households.get_household,
        households.update_household,
        frozenset({"code", "village", "group", "address", "phone", "status", "notes"}),
    ),
    "person": Updater(
        people.get_person,
        people.update_member,
        frozenset(
            {"relation", "name", "ethnicity", "id_number", "phone", "education", "health"}
            | {"health_notes", "labour_ability", "skills", "work_status", "notes"}
            | {"political_status", "marital_status"}
        ),
    ),
    "visit": Updater(
        visits.get_visit,
        visits.update_visit,
        frozenset({"visit_date", "kind", "place", "situation", "requests", "actions"})
        | {"next_visit_date", "cadre_ids", "person_ids"},
    ),
    "wish": Updater(
        wishes.get_wish,
        wishes.update_wish,
        frozenset({"recorded_on", "willing_to_go_out", "destinations", "job_kinds"})
        | {"expected_pay", "available_from", "constraints", "constraint_notes"}
        | {"training_wanted", "status", "notes"},
    ),
    "placement": Updater(
        placement_rows.get_placement,
        placements.update_placement,
        frozenset({"organised", "monthly_pay", "place", "position", "employer_name", "notes"}),
    ),
    "resume": Updater(
        resumes.get_resume,
        resumes.update_resume,
        frozenset({"title", "target_job", "target_place", "expected_pay", "available_from"})
        | {"phone", "self_description", "template", "health_print"},
    ),
}


def restore_value(change_id: str) -> dict:
    """Set a field back to what it was before the change `change_id`, as a new change.

    A field in conflict is settled with that value (conflicts.resolve_conflict). Returns
    {"record_label", "field_label", "display"} for the message; NotFoundError or
    ConflictError (Chinese) when it cannot be done, ValidationError when the old value
    no longer passes the record's checks.
    """
    change = Change.get_or_none(Change.id == change_id)
    if change is None:
        raise NotFoundError("找不到这条修改记录")
    entity, record_id, field, value = (
        change.entity,
        change.record_id,
        change.field,
        change.old_value,
    )
    table = table_of(entity)
    if table is None or field in EVENTS or field in EVENT_LABELS or field == "photo":
        raise ConflictError("这一条不是某个字段的修改，不能恢复")
    record = get_live(MODELS[table], record_id, entity_label(entity))
    said = {
        "record_label": record_label(record),
        "field_label": field_label(entity, field),
        "display": display_value(entity, field, value),
    }
    key = (entity, record_id, field)
    ids = heads.current([key])[key]
    if len(ids) > 1 and not heads.agreed(ids, heads.values_of(ids))[0]:
        conflicts.resolve_conflict(entity, record_id, field, value)
        return said
    if conflicts.current_text(entity, record, field) == value:
        raise ConflictError(f"{said['field_label']}现在就是“{said['display']}”，不需要恢复")
    updater = UPDATERS.get(entity)
    if updater is not None and field in updater.fields:
        name, python = _form_value(record, field, value)
        updater.update(record_id, updater.get(record_id) | {name: python})
    else:
        _set_directly(entity, record, field, value)
    return said


def _form_value(record: Model, field: str, text: str | None) -> tuple[str, Any]:
    """The key and value a service's record dict holds for a field's history text."""
    if field in ("cadre_ids", "person_ids"):
        return field, [part for part in (text or "").split(",") if part]
    column = record._meta.fields[field]
    try:
        value = heads.stored(column, text)
    except ValueError:
        raise ConflictError("这个旧值已无法使用，不能恢复") from None
    return (field + "_id" if isinstance(column, ForeignKeyField) else field), value


def _set_directly(entity: str, record: Model, field: str, text: str | None) -> None:
    column = record._meta.fields.get(field)
    if column is None:
        raise ConflictError("这个字段不能在这里恢复")
    try:
        value = heads.stored(column, text)
    except ValueError:
        raise ConflictError("这个旧值已无法使用，不能恢复") from None
    before = getattr(record, "household_id", None)
    with database.atomic():
        if apply_changes(record, {field: value}, entity):
            record.save()
        for household_id in {before, getattr(record, "household_id", None)} - {None}:
            household_summary.refresh(household_id)
