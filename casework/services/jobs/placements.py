"""Placements (就业跟踪): recommended → interviewed → hired → working → left, each with its date.

Every stage a placement enters is a PlacementEvent, so a stop and a restart (working →
left → working) leave several working periods on record; the placement row keeps the
current stage and, for lists, the start of the current working period (start_date) and
the last day worked once left (end_date). A person's work situation follows: entering
"working" sets vocab.WORK_STATUS to the placement's place (Beijing → "beijing"), and
leaving with no other job at work sets "unemployed"; each change is logged in the
change history, in the same transaction as the stage.

Public API (stable):
- recommend(person_id: str, posting_id: str, on: date | None = None, organised: bool = True,
  notes: str = "") -> dict                    # stage "recommended"; refuses a duplicate
- recommend_many(posting_id: str, person_ids: list[str], on: date | None = None) -> list[dict]
- create_placement(data: dict) -> dict        # a job recorded directly (e.g. found alone)
- move_stage(placement_id: str, stage: str, on: date | str | None = None, notes: str = "",
  monthly_pay: int | str | None = None, reason: str = "") -> dict   # reason: why it ended
- update_placement(placement_id: str, data: dict) -> dict   # organised, pay, place, notes...
- get_placement(placement_id: str) -> dict    # with "events" (oldest first)
- list_placements(stage: str | None = None, text: str = "", place: str | None = None,
  page: int = 0, page_size: int = 50) -> tuple[list[dict], int]
- person_placements(person_id: str) -> list[dict]
- working_rows(place: str | None = "beijing") -> list[dict]   # 在京务工人员清单
- delete_placement(placement_id: str) -> str
- working_periods(events: list[tuple[str, date]]) -> list[tuple[date, date | None]]  (pure)
"""

from __future__ import annotations

import datetime as dt

from casework import clock
from casework import validation as v
from casework.db import database
from casework.models import (
    Employer,
    EmploymentWish,
    JobPosting,
    Person,
    Placement,
    PlacementEvent,
    SubsidyPayment,
    WorkCheck,
)
from casework.services.common import ConflictError, apply_changes, get_live, log_event
from casework.services.jobs.placement_rows import (  # noqa: F401 (re-exported: one module to call)
    events_of,
    get_placement,
    list_placements,
    person_placements,
    with_labels,
    working_periods,
    working_rows,
)
from casework.vocab import DESTINATION, label
from casework.vocab_jobs import (
    JOB_KIND,
    LEAVE_REASON,
    NEXT_STAGES,
    OPEN_STAGES,
    PLACEMENT_STAGE,
    WORK_STATUS_FOR_PLACE,
)

# The placement column that records the date each stage was reached.
STAGE_COLUMN = {
    "recommended": "recommended_on",
    "interviewed": "interviewed_on",
    "hired": "hired_on",
    "working": "start_date",
    "left": "end_date",
}


def _stage_date(raw, after: dt.date | None, strictly: bool = False) -> dt.date:
    today = clock.today()
    value = v.date(raw or today, required=True, label="日期", not_after=today)
    if after is not None and (value < after or (strictly and value == after)):
        word = "晚于" if strictly else "早于"
        rule = f"应{word}" if strictly else f"不能{word}"
        raise v.FieldError(f"日期{rule}上一环节的日期 {after.isoformat()}")
    return value


def recommend(
    person_id: str,
    posting_id: str,
    on: dt.date | None = None,
    organised: bool = True,
    notes: str = "",
) -> dict:
    """Recommend a person for a posting: a new placement at stage "recommended"."""
    with database.atomic():
        person = get_live(Person, person_id, "家庭成员")
        posting = get_live(JobPosting, posting_id, "岗位")
        employer = Employer.get_by_id(posting.employer_id)
        already = Placement.get_or_none(
            (Placement.person == person_id)
            & (Placement.posting == posting_id)
            & Placement.stage.in_(OPEN_STAGES)
            & Placement.deleted_at.is_null()
        )
        if already:
            stage = label(PLACEMENT_STAGE, already.stage)
            raise ConflictError(f"{person.name}已推荐到该岗位（目前{stage}），无需重复推荐")
        when = _checked("on", _stage_date, on, None)
        placement = Placement.create(
            person=person_id,
            posting=posting_id,
            employer=employer.id,
            employer_name=employer.name,
            position=posting.position,
            job_kind=posting.job_kind,
            place=posting.place,
            organised=bool(organised),
            stage="recommended",
            stage_date=when,
            recommended_on=when,
            notes=v.text(notes, "备注", 1000),
        )
        PlacementEvent.create(placement=placement.id, stage="recommended", event_date=when)
        log_event("placement", placement.id, "created", f"{person.name} {posting.position}")
        _follow_work_status(person_id)
    return get_placement(placement.id)


def recommend_many(posting_id: str, person_ids: list[str], on: dt.date | None = None) -> list[dict]:
    """Recommend several people at once; all or none (a duplicate refuses the lot)."""
    with database.atomic():
        return [recommend(person_id, posting_id, on) for person_id in person_ids]


def _checked(field: str, validator, *args):
    """Run one validator, turning its FieldError into a ValidationError on `field`."""
    try:
        return validator(*args)
    except v.FieldError as error:
        raise v.ValidationError({field: error.message}) from None


def create_placement(data: dict) -> dict:
    """Record a job directly: person_id, employer_id or employer_name, position, job_kind,
    place, organised, stage (default working), stage_date, monthly_pay, notes."""
    check = v.FieldCollector()
    get = data.get
    employer = None
    if get("employer_id"):
        employer = get_live(Employer, get("employer_id"), "用工单位")
    stage = check.check(
        "stage", v.choice, get("stage") or "working", PLACEMENT_STAGE, "环节", required=True
    )
    if stage in ("left", "rejected"):
        check.add("stage", "新登记的就业只能从推荐、面试、录用或在岗开始")
    clean = {
        "employer_name": employer.name
        if employer
        else check.check("employer_name", v.text, get("employer_name"), "用工单位", 100, True),
        "position": check.check("position", v.text, get("position"), "岗位", 60),
        "job_kind": check.check("job_kind", v.choice, get("job_kind"), JOB_KIND, "工种"),
        "place": check.check(
            "place", v.choice, get("place") or "", DESTINATION, "工作地点", required=True
        ),
        "organised": bool(get("organised")),
        "monthly_pay": check.check("monthly_pay", v.money, get("monthly_pay"), "月收入", 100_000),
        "notes": check.check("notes", v.text, get("notes"), "备注", 1000),
    }
    when = check.check("stage_date", _stage_date, get("stage_date"), None)
    if not get("person_id"):
        check.add("person_id", "请选择人员")
    check.raise_if_any()
    with database.atomic():
        person = get_live(Person, get("person_id"), "家庭成员")
        placement = Placement.create(
            person=person.id,
            employer=employer.id if employer else None,
            stage=stage,
            stage_date=when,
            **{STAGE_COLUMN[stage]: when},
            **clean,
        )
        PlacementEvent.create(placement=placement.id, stage=stage, event_date=when)
        log_event("placement", placement.id, "created", f"{person.name} {clean['position']}")
        _follow_work_status(person.id)
    return get_placement(placement.id)


def move_stage(
    placement_id: str,
    stage: str,
    on: dt.date | str | None = None,
    notes: str = "",
    monthly_pay: int | str | None = None,
    reason: str = "",
) -> dict:
    """Move a placement to its next stage on a date (not in the future, not before the last);
    a job that ends (已离岗) may say why (vocab_jobs.LEAVE_REASON)."""
    with database.atomic():
        placement = get_live(Placement, placement_id, "就业跟踪")
        if stage not in NEXT_STAGES.get(placement.stage, ()):
            allowed = "、".join(label(PLACEMENT_STAGE, s) for s in NEXT_STAGES[placement.stage])
            now = label(PLACEMENT_STAGE, placement.stage)
            raise v.ValidationError(
                {"stage": f"目前为{now}，下一步只能是：{allowed or '（已结束）'}"}
            )
        restart = placement.stage == "left" and stage == "working"
        when = _checked("on", _stage_date, on, placement.stage_date, restart)
        values = {"stage": stage, "stage_date": when}
        if stage in STAGE_COLUMN:
            values[STAGE_COLUMN[stage]] = when
        if stage == "working":
            values["end_date"] = None
        if monthly_pay not in (None, ""):
            values["monthly_pay"] = _checked("monthly_pay", v.money, monthly_pay, "月收入")
        if apply_changes(placement, values, "placement"):
            placement.save()
        PlacementEvent.create(
            placement=placement_id,
            stage=stage,
            event_date=when,
            notes=_checked("notes", v.text, notes, "说明", 200),
            reason=_checked("reason", v.choice, reason, LEAVE_REASON, "离岗原因")
            if stage == "left"
            else "",
        )
        _follow_work_status(placement.person_id)
    return get_placement(placement_id)


def update_placement(placement_id: str, data: dict) -> dict:
    """Edit what is not a stage: organised, monthly_pay, place, position, employer_name, notes."""
    check = v.FieldCollector()
    with database.atomic():
        placement = get_live(Placement, placement_id, "就业跟踪")
        fields = {
            "organised": bool(data.get("organised", placement.organised)),
            "monthly_pay": check.check(
                "monthly_pay", v.money, data.get("monthly_pay"), "月收入", 100_000
            ),
            "place": check.check(
                "place", v.choice, data.get("place") or placement.place, DESTINATION, "工作地点"
            ),
            "position": check.check(
                "position", v.text, data.get("position", placement.position), "岗位", 60
            ),
            "employer_name": check.check(
                "employer_name",
                v.text,
                data.get("employer_name", placement.employer_name),
                "用工单位",
                100,
                True,
            ),
            "notes": check.check("notes", v.text, data.get("notes"), "备注", 1000),
        }
        check.raise_if_any()
        if apply_changes(placement, fields, "placement"):
            placement.save()
        if placement.stage == "working":
            _follow_work_status(placement.person_id)
    return get_placement(placement_id)


def _follow_work_status(person_id: str) -> None:
    """Set the person's work situation from their placements (inside the caller's transaction).

    Called when a placement starts, stops, moves or is deleted: at work somewhere → that
    place; no job at work but one ended → unemployed; only recommendations → unchanged.
    """
    placements = list(
        Placement.select(Placement.place, Placement.stage)
        .where(Placement.person == person_id, Placement.deleted_at.is_null())
        .order_by(Placement.start_date.desc(nulls="LAST"), Placement.created_at.desc())
    )
    working = [p for p in placements if p.stage == "working"]
    _follow_wish_status(person_id, placements)
    if working:
        status = WORK_STATUS_FOR_PLACE.get(working[0].place, "")
    elif any(p.stage == "left" for p in placements):
        status = "unemployed"
    else:
        return
    person = Person.get_by_id(person_id)
    if status and apply_changes(person, {"work_status": status}, "person"):
        # Only these columns: a full save would rewrite the search index for nothing.
        person.save(only=[Person.work_status, Person.updated_at])


def _follow_wish_status(person_id: str, placements: list) -> None:
    """The latest wish says where the person stands: 已推荐 while a placement is open,
    已就业 while at work, back to 有意愿待推荐 when nothing is open any more.

    A wish marked 暂缓 or 无意愿 is the person's own word and is left alone.
    """
    wish = (
        EmploymentWish.select()
        .where(EmploymentWish.person == person_id, EmploymentWish.deleted_at.is_null())
        .order_by(EmploymentWish.recorded_on.desc(), EmploymentWish.created_at.desc())
        .first()
    )
    if wish is None or wish.status not in ("active", "recommended", "employed"):
        return
    stages = {p.stage for p in placements}
    if "working" in stages:
        status = "employed"
    elif stages & set(OPEN_STAGES) - {"working"}:
        status = "recommended"
    else:
        status = "active"
    if apply_changes(wish, {"status": status}, "wish"):
        wish.save(only=[EmploymentWish.status, EmploymentWish.updated_at])


def delete_placement(placement_id: str) -> str:
    """Put a placement, its stage history, subsidy payments and follow-ups in the recycle bin."""
    from casework.services.register.trash import delete_record

    with database.atomic():
        placement = get_live(Placement, placement_id, "就业跟踪")
        person = Person.get_by_id(placement.person_id)
        label_text = f"{person.name} {placement.employer_name} {placement.position}".strip()
        deletion = delete_record(
            "placement",
            placement,
            label_text,
            [
                (PlacementEvent, PlacementEvent.placement == placement_id),
                (SubsidyPayment, SubsidyPayment.placement == placement_id),
                (WorkCheck, WorkCheck.placement == placement_id),
            ],
        )
        if placement.stage in ("working", "left"):
            _follow_work_status(placement.person_id)
        return deletion
