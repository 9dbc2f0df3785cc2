"""Soft deletion and the recycle bin (回收站): nothing a user deletes is lost.

A user's delete is one Deletion row; the record and everything it hides (a
household's members, visits and wishes) point at it through deleted_by, so a restore
brings back exactly what that delete hid and nothing deleted separately before.
"""

from __future__ import annotations

import json

from peewee import JOIN, Model, Value

from casework import clock
from casework.db import database
from casework.models import (
    Area,
    Cadre,
    Deletion,
    DeletionTarget,
    EmploymentWish,
    Household,
    Person,
    Visit,
)
from casework.models.jobs import (
    Employer,
    JobPosting,
    Placement,
    PlacementEvent,
    SubsidyPayment,
    WorkCheck,
)
from casework.models.resumes import Resume, ResumeEntry
from casework.models.training import Enrollment, TrainingClass
from casework.services.common import (
    ConflictError,
    NotFoundError,
    current_cadre_id,
    get_live,
    log_event,
)
from casework.services.register import household_summary
from casework.services.sync.identity import edited_elsewhere, known_changes, replica_id

KIND_LABEL = {
    "household": "农户",
    "person": "家庭成员",
    "visit": "走访记录",
    "wish": "就业意愿",
    "area": "地区",
    "resume": "简历",
    "resume_entry": "简历条目",
    "training_class": "培训班",
    "enrollment": "参训记录",
    "employer": "用工单位",
    "posting": "岗位",
    "placement": "就业跟踪",
    "subsidy": "稳岗补贴发放",
    "work_check": "在岗回访",
}
MODELS: dict[str, type[Model]] = {
    "household": Household,
    "person": Person,
    "visit": Visit,
    "wish": EmploymentWish,
    "area": Area,
    "resume": Resume,
    "resume_entry": ResumeEntry,
    "training_class": TrainingClass,
    "enrollment": Enrollment,
    "employer": Employer,
    "posting": JobPosting,
    "placement": Placement,
    "subsidy": SubsidyPayment,
    "work_check": WorkCheck,
}
CASCADE = [Household, Person, Visit, EmploymentWish, Area, TrainingClass, Enrollment]
CASCADE += [Resume, ResumeEntry]
CASCADE += [Employer, JobPosting, Placement, PlacementEvent, SubsidyPayment, WorkCheck]


def delete_record(kind: str, record: Model, label: str, dependents: list) -> str:
    """Hide `record` and the live rows matched by each (model, condition) in `dependents`."""
    stamp = clock.now()
    deletion = Deletion.create(
        kind=kind,
        record_id=record.id,
        label=label[:200],
        deleted_at=stamp,
        cadre=current_cadre_id(),
        replica=replica_id(),
        known=json.dumps(known_changes(), sort_keys=True),
    )
    for model, condition in [(type(record), type(record).id == record.id), *dependents]:
        model.update(deleted_at=stamp, deleted_by=deletion.id, updated_at=stamp).where(
            condition, model.deleted_at.is_null()
        ).execute()
        # What this delete hid, as a set that merges (services/sync/merge.py).
        table = model._meta.table_name
        DeletionTarget.insert_from(
            model.select(Value(deletion.id), Value(table), model.id).where(
                model.deleted_by == deletion.id
            ),
            [DeletionTarget.deletion_id, DeletionTarget.tbl, DeletionTarget.record_id],
        ).on_conflict_ignore().execute()
    log_event(kind, record.id, "deleted", deletion.id)
    return deletion.id


def _belonging_to(people) -> list:
    """(model, condition) for every record that is about the people in `people`.

    A deleted person takes their wishes, resumes, training, placements and subsidy
    payments and follow-ups into the recycle bin with them, and brings them back on restore.
    """
    resumes = Resume.select(Resume.id).where(Resume.person.in_(people))
    placements = Placement.select(Placement.id).where(Placement.person.in_(people))
    return [
        (EmploymentWish, EmploymentWish.person.in_(people)),
        (Resume, Resume.person.in_(people)),
        (ResumeEntry, ResumeEntry.resume.in_(resumes)),
        (Enrollment, Enrollment.person.in_(people)),
        (PlacementEvent, PlacementEvent.placement.in_(placements)),
        (WorkCheck, WorkCheck.placement.in_(placements)),
        (SubsidyPayment, SubsidyPayment.person.in_(people)),
        (Placement, Placement.person.in_(people)),
    ]


def delete_household(household_id: str) -> str:
    """Delete a household with its visits, its members and all that is theirs."""
    with database.atomic():
        household = get_live(Household, household_id, "农户")
        members = Person.select(Person.id).where(
            Person.household == household_id, Person.deleted_at.is_null()
        )
        label = f"{household.code} {household.head_name}户".strip()
        # The members' own records first: the subqueries look for live members.
        dependents = [*_belonging_to(members), (Visit, Visit.household == household_id)]
        dependents.append((Person, Person.household == household_id))
        return delete_record("household", household, label, dependents)


def delete_person(person_id: str) -> str:
    with database.atomic():
        person = get_live(Person, person_id, "家庭成员")
        household = Household.get_by_id(person.household_id)
        deletion = delete_record(
            "person",
            person,
            f"{person.name}（{household.code}）",
            _belonging_to(Person.select(Person.id).where(Person.id == person_id)),
        )
        household_summary.refresh(person.household_id)
        return deletion


def delete_visit(visit_id: str) -> str:
    with database.atomic():
        visit = get_live(Visit, visit_id, "走访")
        household = Household.get_by_id(visit.household_id)
        label = f"{visit.visit_date.isoformat()} 走访 {household.code} {household.head_name}户"
        deletion = delete_record("visit", visit, label, [])
        household_summary.refresh(visit.household_id)
        return deletion


def delete_wish(wish_id: str) -> str:
    with database.atomic():
        wish = get_live(EmploymentWish, wish_id, "就业意愿")
        person = Person.get_by_id(wish.person_id)
        label = f"{person.name} {wish.recorded_on.isoformat()} 就业意愿"
        return delete_record("wish", wish, label, [])


def restore(deletion_id: str) -> None:
    """Undo one delete; refused with a Chinese message if it would clash with live records."""
    with database.atomic():
        deletion = Deletion.get_or_none(Deletion.id == deletion_id)
        if deletion is None or deletion.restored_at is not None:
            raise NotFoundError("这条删除记录已恢复或不存在")
        _refuse_clashes(deletion_id)
        _refuse_orphans(deletion)
        for model in CASCADE:
            model.update(deleted_at=None, deleted_by=None, updated_at=clock.now()).where(
                model.deleted_by == deletion_id
            ).execute()
        deletion.restored_at = clock.now()
        deletion.save()
        log_event(deletion.kind, deletion.record_id, "restored", deletion_id)
        households = (
            {
                p.household_id
                for p in Person.select(Person.household).where(Person.id == deletion.record_id)
            }
            if deletion.kind == "person"
            else set()
        )
        if deletion.kind in ("household", "visit"):
            model = MODELS[deletion.kind]
            record = model.get_by_id(deletion.record_id)
            households.add(record.id if deletion.kind == "household" else record.household_id)
        for household_id in households:
            household_summary.refresh(household_id)


def _refuse_clashes(deletion_id: str) -> None:
    live = Person.alias()
    clash = (
        Person.select(Person.name, Person.id_number, live.name, Household.code)
        .join(live, on=(live.id_number == Person.id_number))
        .join(Household, on=(live.household == Household.id))
        .where(Person.deleted_by == deletion_id, live.deleted_at.is_null())
        .tuples()
        .first()
    )
    if clash:
        name, number, holder, code = clash
        raise ConflictError(
            f"无法恢复：{name}的身份证号 {number} 现在属于{code}户的{holder}，请先处理重复的记录"
        )
    code_clash = (
        Household.select(Household.code)
        .where(
            Household.deleted_by == deletion_id,
            Household.code.in_(
                Household.select(Household.code).where(Household.deleted_at.is_null())
            ),
        )
        .scalar()
    )
    if code_clash:
        raise ConflictError(f"无法恢复：户编号 {code_clash} 已被另一户使用")


# For each kind of record: how to find what it belongs to, and what to call that owner.
OWNERS = {
    "person": lambda r: (Household.get_by_id(r.household_id), "户"),
    "visit": lambda r: (Household.get_by_id(r.household_id), "户"),
    "wish": lambda r: (Person.get_by_id(r.person_id), ""),
    "resume": lambda r: (Person.get_by_id(r.person_id), ""),
    "resume_entry": lambda r: (Resume.get_by_id(r.resume_id), "的简历"),
    "enrollment": lambda r: (Person.get_by_id(r.person_id), ""),
    "placement": lambda r: (Person.get_by_id(r.person_id), ""),
    "subsidy": lambda r: (Placement.get_by_id(r.placement_id), "的就业记录"),
    "work_check": lambda r: (Placement.get_by_id(r.placement_id), "的就业记录"),
    "posting": lambda r: (Employer.get_by_id(r.employer_id), ""),
}


def _refuse_orphans(deletion: Deletion) -> None:
    """Nothing comes back under an owner that is itself still deleted (restore that first)."""
    find_owner = OWNERS.get(deletion.kind)
    if find_owner is None:
        return
    owner, suffix = find_owner(MODELS[deletion.kind].get_by_id(deletion.record_id))
    if owner.deleted_at is not None:
        name = getattr(owner, "code", None) or getattr(owner, "name", None) or "所属记录"
        if isinstance(owner, Resume):
            name = Person.get_by_id(owner.person_id).name
        raise ConflictError(f"无法恢复：{name}{suffix}已被删除，请先在回收站中恢复它")


def list_deleted(
    page: int = 0, page_size: int = 50, kind: str | None = None
) -> tuple[list[dict], int]:
    """Deletions not yet restored, newest first: what the recycle bin shows."""
    query = (
        Deletion.select(Deletion, Cadre.name.alias("cadre_name"))
        .join(Cadre, join_type=JOIN.LEFT_OUTER, on=(Deletion.cadre == Cadre.id))
        .where(Deletion.restored_at.is_null())
    )
    if kind:
        query = query.where(Deletion.kind == kind)
    total = query.count()
    rows = list(query.order_by(Deletion.deleted_at.desc()).paginate(page + 1, page_size).dicts())
    elsewhere = edited_elsewhere([r["id"] for r in rows])
    return [
        {
            "id": r["id"],
            "kind": r["kind"],
            "kind_label": KIND_LABEL.get(r["kind"], r["kind"]),
            "label": r["label"],
            "deleted_at": r["deleted_at"],
            "cadre_name": r["cadre_name"] or "",
            "edited_elsewhere": r["id"] in elsewhere,
        }
        for r in rows
    ], total
