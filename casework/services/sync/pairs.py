"""Two records of one person or household: side by side, merged into one by a person.

A pair comes from a merge (the same ID number or household code registered on two
laptops: the later record waits hidden) or from this laptop's own register (likely the
same person: same name, birth date and village). Merging takes each field's value from
the record the cadre picks, moves everything that belonged to the other record (visits,
members, wishes, resumes, placements, enrolments, subsidy payments) to the kept one, and
leaves the other in the recycle bin pointing to it. Or the cadre finds they are two
(不是同一户 / 不是同一个人): the other gets its own code or ID number and both stay live.
Every step is an ordinary change, so either travels to the other laptops like any edit.
"""

from __future__ import annotations

from itertools import combinations

from peewee import Model

from casework.db import database
from casework.masking import mask_id_number
from casework.models import (
    Deletion,
    DuplicatePair,
    EmploymentWish,
    Enrollment,
    Person,
    Visit,
    VisitPerson,
)
from casework.models.jobs import JobPosting, Placement, SubsidyPayment
from casework.models.resumes import Resume
from casework.services.common import (
    ConflictError,
    NotFoundError,
    apply_changes,
    log_event,
    log_field_changes,
)
from casework.services.register import household_summary, households, people, trash
from casework.services.sync import conflicts
from casework.services.sync.record_values import MODELS
from casework.services.sync.tables import BOOKKEEPING, BY_ENTITY, BY_NAME
from casework.validation import FieldError, ValidationError

# What moves with a merged record: (model, the field that points at it).
MOVES: dict[str, list[tuple[type[Model], str]]] = {
    "person": [
        (EmploymentWish, "person"),
        (Resume, "person"),
        (Placement, "person"),
        (SubsidyPayment, "person"),
        (Enrollment, "person"),
    ],
    "household": [(Person, "household"), (Visit, "household")],
    "employer": [(JobPosting, "employer"), (Placement, "employer")],
    "enrollment": [],
}
#: The field a pair kept apart corrects on its other record.
APART_FIELD = {"household": "code", "person": "id_number"}
REASON = {"id_number": "身份证号相同", "code": "户编号相同", "likely": "姓名、出生日期、村相同"}


def list_pairs(show_full_ids: bool = False) -> list[dict]:
    """Open pairs with both records' fields, the differing ones marked."""
    pairs = (
        DuplicatePair.select()
        .where(DuplicatePair.status == "open", DuplicatePair.deleted_at.is_null())
        .order_by(DuplicatePair.created_at, DuplicatePair.id)
    )
    return [describe(pair, show_full_ids) for pair in pairs]


def describe(pair: DuplicatePair, show_full_ids: bool = False) -> dict:
    model = _model(pair.entity)
    kept = model.get_or_none(model.id == pair.kept_id)
    other = model.get_or_none(model.id == pair.other_id)
    fields = []
    for name in mergeable_fields(pair.entity):
        left = conflicts.current_text(pair.entity, kept, name) if kept else None
        right = conflicts.current_text(pair.entity, other, name) if other else None
        fields.append(
            {
                "field": name,
                "kept": left,
                "other": right,
                "kept_display": conflicts.display(pair.entity, name, left, show_full_ids),
                "other_display": conflicts.display(pair.entity, name, right, show_full_ids),
                "differs": left != right,
            }
        )
    return {
        "id": pair.id,
        "entity": pair.entity,
        "reason": REASON.get(pair.reason, pair.reason),
        "kept_id": pair.kept_id,
        "other_id": pair.other_id,
        "kept_label": conflicts.record_label(pair.entity, kept) if kept else "",
        "other_label": conflicts.record_label(pair.entity, other) if other else "",
        "fields": fields,
        # 不是同一户 / 不是同一个人 asks for this field of the other record (None: nothing).
        "apart_field": None if pair.reason == "likely" else APART_FIELD.get(pair.entity),
    }


def mergeable_fields(entity: str) -> list[str]:
    table = BY_ENTITY[entity]
    model = _model(entity)
    return [
        name
        for name in model._meta.sorted_field_names
        if name not in BOOKKEEPING and name not in table.derived and name not in table.digested
    ]


def merge_pair(pair_id: str, choices: dict[str, str]) -> dict:
    """Merge a pair: `choices` maps a field to "kept" or "other" (unnamed fields: kept)."""
    with database.atomic():
        pair, kept, other = _open_pair(pair_id)
        if kept.deleted_at is not None:
            raise ConflictError("要保留的记录已被删除，请先在回收站中恢复它")
        taken = {
            name: other.__data__.get(name)
            for name, side in choices.items()
            if side == "other" and name in mergeable_fields(pair.entity)
        }
        if pair.entity == "person" and "id_number" in taken:
            taken.pop("id_number")  # the same number, by how the pair was found
        _move_belongings(pair.entity, other.id, kept.id)
        if apply_changes(kept, taken, pair.entity):
            kept.save()
        if other.deleted_at is None:  # a likely pair from this laptop's own register
            _delete_merged(pair.entity, other, kept)
        if apply_changes(pair, {"status": "merged"}, "duplicate_pair"):
            pair.save()
        _refresh(pair.entity, kept)
    return {"kept_id": kept.id, "label": conflicts.record_label(pair.entity, kept)}


def _open_pair(pair_id: str) -> tuple[DuplicatePair, Model, Model]:
    """The open pair and its two records; NotFoundError (in Chinese) if it cannot be had."""
    pair = DuplicatePair.get_or_none(DuplicatePair.id == pair_id)
    if pair is None or pair.status != "open" or pair.deleted_at is not None:
        raise NotFoundError("这对重复记录已经处理过了")
    model = _model(pair.entity)
    kept = model.get_or_none(model.id == pair.kept_id)
    other = model.get_or_none(model.id == pair.other_id)
    if kept is None or other is None:
        raise NotFoundError("找不到这对记录中的一条")
    return pair, kept, other


def keep_apart(pair_id: str, new_value: str | None = None) -> dict:
    """不是同一户 / 不是同一个人: the two records stay two, and both are live.

    A pair a merge found shares a household code or an ID number, one of them mistyped:
    the other record takes `new_value` (checked as the register's form checks it) and
    comes back from the recycle bin, undoing the very delete that hid it, so a restore
    travels and the codes differing keep the next merge from pairing them again. A likely
    pair of this register needs no new value. Either way the pair becomes "distinct", a
    change that travels. Refused (ValidationError on the field, ConflictError) with
    nothing changed.
    """
    with database.atomic():
        pair, _kept, other = _open_pair(pair_id)
        if pair.reason != "likely":
            field = _correct(pair.entity, other, new_value)
            held = Deletion.get_or_none(Deletion.id == pair.id)
            if held is not None and held.restored_at is None:
                trash.restore(held.id)
        else:
            field = None
        if apply_changes(pair, {"status": "distinct"}, "duplicate_pair"):
            pair.save()
        _refresh(pair.entity, other)
        other = type(other).get_by_id(other.id)
    return {
        "other_id": other.id,
        "field": field,
        "label": conflicts.record_label(pair.entity, other),
    }


def _correct(entity: str, other: Model, new_value: str | None) -> str:
    """Give the other record its own code or ID number; return the field set."""
    field = APART_FIELD.get(entity)
    if field is None:
        raise ConflictError("这类重复记录只能合并")
    try:
        values = check_apart_value(entity, other.id, new_value)
    except FieldError as error:
        raise ValidationError({field: error.message}) from None
    if apply_changes(other, values, entity):
        other.save()
    return field


def check_apart_value(entity: str, other_id: str, raw: str | None) -> dict:
    """What the other record of a pair kept apart takes from `raw`: the household form's
    rule for a code (here it must be typed), the member form's for an ID number (with the
    birth date and gender it gives); FieldError in Chinese when it will not do."""
    if entity == "household":
        return {"code": households.clean_code(raw, other_id, required=True)}
    info = people.clean_id_number(raw, other_id)
    return {"id_number": info.number, "birth_date": info.birth_date, "gender": info.gender}


def _move_belongings(entity: str, from_id: str, to_id: str) -> None:
    for model, field in MOVES[entity]:
        column = model._meta.fields[field]
        for record in model.select().where(column == from_id):
            if model is Enrollment and _already_enrolled(record, to_id):
                continue  # the kept person is in that class already
            if apply_changes(record, {field: to_id}, BY_NAME[model._meta.table_name].entity):
                record.save()
    if entity == "person":
        for link in VisitPerson.select().where(VisitPerson.person == from_id):
            _replace_person_met(link.visit_id, from_id, to_id)


def _already_enrolled(record: Enrollment, person_id: str) -> bool:
    return (
        Enrollment.select()
        .where(
            Enrollment.training_class == record.training_class_id,
            Enrollment.person == person_id,
            Enrollment.deleted_at.is_null(),
        )
        .exists()
    )


def _replace_person_met(visit_id: str, from_id: str, to_id: str) -> None:
    met = [p for (p,) in VisitPerson.select(VisitPerson.person).where(
        VisitPerson.visit == visit_id).tuples()]  # fmt: skip
    after = sorted({to_id if p == from_id else p for p in met})
    VisitPerson.delete().where(VisitPerson.visit == visit_id).execute()
    VisitPerson.insert_many([{"visit": visit_id, "person": p} for p in after]).execute()
    log_field_changes("visit", visit_id, [("person_ids", ",".join(sorted(met)), ",".join(after))])


def _delete_merged(entity: str, other: Model, kept: Model) -> None:
    into = conflicts.record_label(entity, kept)
    label = f"{conflicts.record_label(entity, other)}（已合并到 {into}）"
    trash.delete_record(entity, other, label, [])


def _refresh(entity: str, kept: Model) -> None:
    if entity == "household":
        household_summary.refresh(kept.id)
    elif entity == "person":
        household_summary.refresh(kept.household_id)


def likely_duplicates() -> list[dict]:
    """Live people of one village with the same name and birth date: perhaps one person.

    Two a cadre has said are not one person (不是同一个人) are not offered again: a group
    of only such people is left out, and in the others two not yet told apart come first.
    """
    rows = database.execute_sql(
        "SELECT group_concat(p.id) FROM person p JOIN household h ON h.id = p.household_id "
        "WHERE p.deleted_at IS NULL AND h.deleted_at IS NULL AND p.birth_date IS NOT NULL "
        "GROUP BY p.name, p.birth_date, h.village_id HAVING count(*) > 1"
    ).fetchall()
    apart = _told_apart()
    found = []
    for (ids,) in rows:
        group = sorted(
            Person.select().where(Person.id.in_(ids.split(","))),
            key=lambda p: (str(p.created_at), p.id),
        )
        first = next(
            ((a, b) for a, b in combinations(group, 2) if frozenset((a.id, b.id)) not in apart),
            None,
        )
        if first is None:
            continue
        group = [*first, *(p for p in group if p not in first)]
        found.append(
            {
                "ids": [p.id for p in group],
                "labels": [
                    f"{conflicts.record_label('person', p)} {mask_id_number(p.id_number)}"
                    for p in group
                ],
            }
        )
    return found


def _told_apart() -> set[frozenset[str]]:
    pairs = DuplicatePair.select(DuplicatePair.kept_id, DuplicatePair.other_id).where(
        DuplicatePair.entity == "person",
        DuplicatePair.status == "distinct",
        DuplicatePair.deleted_at.is_null(),
    )
    return {frozenset(ids) for ids in pairs.tuples()}


def pair_likely(kept_id: str, other_id: str) -> str:
    """Open a pair for two live people of this register the cadre thinks are one."""
    with database.atomic():
        for person_id in (kept_id, other_id):
            if Person.get_or_none((Person.id == person_id) & Person.deleted_at.is_null()) is None:
                raise NotFoundError("找不到这个人，可能已被删除")
        if kept_id == other_id:
            raise ConflictError("请选择两个不同的人")
        pair = DuplicatePair.create(
            entity="person", kept_id=kept_id, other_id=other_id, reason="likely", status="open"
        )
        log_event("duplicate_pair", pair.id, "created", "本机登记的疑似重复")
    return pair.id


def _model(entity: str) -> type[Model]:
    return MODELS[BY_ENTITY[entity].name]
