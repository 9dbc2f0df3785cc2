"""Training (技能培训): classes, who enrolled, who finished, and who found work afterwards."""

from __future__ import annotations

from peewee import JOIN, fn

from casework import clock
from casework import validation as v
from casework.db import database
from casework.models import Enrollment, Person, TrainingClass
from casework.services.common import (
    NotFoundError,
    apply_changes,
    get_live,
    log_event,
    row_dict,
)
from casework.services.training import training_ledger
from casework.vocab import label
from casework.vocab_training import TRAINING_KIND

MARKS = ("attended", "completed", "certificate")


def clean_class(data: dict) -> dict:
    """Validate raw class values; raises ValidationError keyed by field."""
    check = v.FieldCollector()
    clean = {
        "kind": check.check(
            "kind", v.choice, data.get("kind") or "", TRAINING_KIND, "培训类别", required=True
        ),
        "name": check.check("name", v.text, data.get("name"), "培训班名称", 60, required=True),
        "start_date": check.check(
            "start_date", v.date, data.get("start_date"), required=True, label="开班日期"
        ),
        "end_date": check.check("end_date", v.date, data.get("end_date"), label="结业日期"),
        "place": check.check("place", v.text, data.get("place"), "培训地点", 100),
        "organiser": check.check("organiser", v.text, data.get("organiser"), "组织单位", 60),
        "notes": check.check("notes", v.text, data.get("notes"), "备注", 1000),
    }
    start, end = clean["start_date"], clean["end_date"]
    if start and end and end < start:
        check.add("end_date", "结业日期不能早于开班日期")
    check.raise_if_any()
    return clean


def create_class(data: dict) -> dict:
    """Add a training class."""
    with database.atomic():
        record = TrainingClass.create(**clean_class(data))
        log_event("training_class", record.id, "created", record.name)
    return get_class(record.id)


def update_class(class_id: str, data: dict) -> dict:
    with database.atomic():
        record = get_live(TrainingClass, class_id, "培训班")
        if apply_changes(record, clean_class(data), "training_class"):
            record.save()
    return get_class(class_id)


def delete_class(class_id: str) -> str:
    """Move a class with its enrolments to the recycle bin; returns the deletion id."""
    from casework.services.register.trash import delete_record

    with database.atomic():
        record = get_live(TrainingClass, class_id, "培训班")
        label_text = f"{record.name}（{_date_text(record.start_date)}）"
        return delete_record(
            "training_class",
            record,
            label_text,
            [(Enrollment, Enrollment.training_class == class_id)],
        )


def _date_text(value) -> str:
    return value.isoformat() if value else "日期未填"


def get_class(class_id: str) -> dict:
    """One live class with its kind's label and enrolment counts."""
    record = get_live(TrainingClass, class_id, "培训班")
    data = _class_row(row_dict(record))
    data.update(_counts([class_id]).get(class_id, _zero_counts()))
    return data


def _class_row(data: dict) -> dict:
    data["kind_label"] = label(TRAINING_KIND, data["kind"])
    return data


def _zero_counts() -> dict:
    return {"enrolled": 0, "attended": 0, "completed": 0, "certified": 0}


def _counts(class_ids: list[str]) -> dict[str, dict]:
    query = (
        Enrollment.select(
            Enrollment.training_class,
            fn.COUNT(Enrollment.id),
            fn.SUM(Enrollment.attended),
            fn.SUM(Enrollment.completed),
            fn.SUM(Enrollment.certificate),
        )
        .join(Person, on=(Enrollment.person == Person.id))
        .where(
            Enrollment.training_class.in_(class_ids),
            Enrollment.deleted_at.is_null(),
            Person.deleted_at.is_null(),
        )
        .group_by(Enrollment.training_class)
        .tuples()
    )
    return {
        cid: {
            "enrolled": n,
            "attended": att or 0,
            "completed": done or 0,
            "certified": cert or 0,
        }
        for cid, n, att, done, cert in query
    }


def list_classes(
    text: str = "", kind: str | None = None, page: int = 0, page_size: int = 50
) -> tuple[list[dict], int]:
    """One page of live classes, newest first, matching a name/place/organiser text."""
    query = TrainingClass.select().where(TrainingClass.deleted_at.is_null())
    if kind:
        query = query.where(TrainingClass.kind == kind)
    text = (text or "").strip()
    if text:
        like = f"%{text}%"
        query = query.where(
            TrainingClass.name**like | TrainingClass.place**like | TrainingClass.organiser**like
        )
    total = query.count()
    page_rows = [
        _class_row(row_dict(r))
        for r in query.order_by(
            TrainingClass.start_date.desc(nulls="last"), TrainingClass.name
        ).paginate(page + 1, page_size)
    ]
    counts = _counts([r["id"] for r in page_rows])
    for row in page_rows:
        row.update(counts.get(row["id"], _zero_counts()))
    return page_rows, total


# ---------------------------------------------------------------- enrolments


def enrol(class_id: str, person_ids: list[str]) -> list[dict]:
    """Enrol people in a class; people already enrolled are left as they are.

    Returns the enrolments created.
    """
    created = []
    with database.atomic():
        get_live(TrainingClass, class_id, "培训班")
        already = set(
            Enrollment.select(Enrollment.person)
            .where(Enrollment.training_class == class_id, Enrollment.deleted_at.is_null())
            .tuples()
            .iterator()
        )
        already = {p for (p,) in already}
        for person_id in dict.fromkeys(person_ids):
            if person_id in already:
                continue
            get_live(Person, person_id, "家庭成员")
            created.append(_revive_or_create(class_id, person_id))
    return [get_enrollment(e) for e in created]


def _revive_or_create(class_id: str, person_id: str) -> str:
    # Someone taken off the class by mistake and added back gets their old marks back;
    # a second live row would also make restoring the old one from the bin clash.
    removed = (
        Enrollment.select()
        .where(
            Enrollment.training_class == class_id,
            Enrollment.person == person_id,
            Enrollment.deleted_at.is_null(False),
        )
        .order_by(Enrollment.deleted_at.desc())
        .first()
    )
    if removed is not None:
        removed.deleted_at = removed.deleted_by = None
        removed.updated_at = clock.now()
        removed.save()
        log_event("enrollment", removed.id, "restored", person_id)
        return removed.id
    record = Enrollment.create(training_class=class_id, person=person_id)
    log_event("enrollment", record.id, "created", person_id)
    return record.id


def update_enrollment(enrollment_id: str, data: dict) -> dict:
    """Change marks (attended/completed/certificate) or certificate details; others kept."""
    with database.atomic():
        record = get_live(Enrollment, enrollment_id, "参训")
        current = row_dict(record)
        merged = {**current, **data}
        check = v.FieldCollector()
        clean = {mark: bool(merged.get(mark)) for mark in MARKS}
        clean["certificate_name"] = check.check(
            "certificate_name", v.text, merged.get("certificate_name"), "证书名称", 60
        )
        clean["certificate_number"] = check.check(
            "certificate_number", v.text, merged.get("certificate_number"), "证书编号", 40
        )
        clean["notes"] = check.check("notes", v.text, merged.get("notes"), "备注", 1000)
        check.raise_if_any()
        # Finishing a class implies attending it; a certificate implies finishing.
        if clean["certificate"]:
            clean["completed"] = True
        if clean["completed"]:
            clean["attended"] = True
        if apply_changes(record, clean, "enrollment"):
            record.save()
    return get_enrollment(enrollment_id)


def remove_enrollment(enrollment_id: str) -> str:
    """Take a person off a class (to the recycle bin); returns the deletion id."""
    from casework.services.register.trash import delete_record

    with database.atomic():
        record = get_live(Enrollment, enrollment_id, "参训")
        person = Person.get_by_id(record.person_id)
        course = TrainingClass.get_by_id(record.training_class_id)
        return delete_record("enrollment", record, f"{person.name} 参加{course.name}", [])


def list_enrollments(class_id: str) -> list[dict]:
    """The live people enrolled in a class, by name, with their wish and later work."""
    get_live(TrainingClass, class_id, "培训班")
    return training_ledger.enrollment_rows(Enrollment.training_class == class_id)


def get_enrollment(enrollment_id: str) -> dict:
    rows = training_ledger.enrollment_rows(Enrollment.id == enrollment_id)
    if not rows:
        raise NotFoundError("找不到这条参训记录，可能已被删除")
    return rows[0]


# Read-only views kept here too, so screens need one module for training.
person_training = training_ledger.person_training
candidates = training_ledger.candidates
worked_after_training = training_ledger.worked_after_training
latest_training_wanted = training_ledger.latest_training_wanted


def _chunks(items: list, size: int = 900):
    # SQLite limits bound parameters per statement.
    for start in range(0, len(items), size):
        yield items[start : start + size]


def completed_training(person_ids: list[str]) -> dict[str, set[str]]:
    """The kinds of class each person has completed (only people with some are keys)."""
    result: dict[str, set[str]] = {}
    for chunk in _chunks(list(dict.fromkeys(person_ids))):
        query = (
            Enrollment.select(Enrollment.person, TrainingClass.kind)
            .join(TrainingClass, on=(Enrollment.training_class == TrainingClass.id))
            .where(
                Enrollment.person.in_(chunk),
                Enrollment.completed == True,  # noqa: E712 (peewee expression)
                Enrollment.deleted_at.is_null(),
                TrainingClass.deleted_at.is_null(),
            )
            .tuples()
        )
        for person_id, kind in query:
            result.setdefault(person_id, set()).add(kind)
    return result


def training_totals() -> dict[str, int]:
    """Figures for reports: people trained (enrolled), completed, with a certificate."""
    live = (
        Enrollment.select(Enrollment.person)
        .join(Person, on=(Enrollment.person == Person.id))
        .switch(Enrollment)
        .join(TrainingClass, JOIN.INNER, on=(Enrollment.training_class == TrainingClass.id))
        .where(
            Enrollment.deleted_at.is_null(),
            Person.deleted_at.is_null(),
            TrainingClass.deleted_at.is_null(),
        )
    )

    def people(query) -> int:
        return query.select(fn.COUNT(fn.DISTINCT(Enrollment.person))).scalar() or 0

    return {
        "trained": people(live),
        "completed": people(live.where(Enrollment.completed == True)),  # noqa: E712
        "certified": people(live.where(Enrollment.certificate == True)),  # noqa: E712
    }
