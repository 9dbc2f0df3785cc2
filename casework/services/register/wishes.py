"""Employment wishes (就业意愿): each record is kept, so a person's wishes have a history."""

from __future__ import annotations

from casework import clock
from casework import validation as v
from casework.db import database
from casework.models import EmploymentWish, Person
from casework.services.common import apply_changes, get_live, log_event, row_dict
from casework.vocab import CONSTRAINT, DESTINATION, WISH_STATUS, label, labels

FIELDS = [
    "recorded_on",
    "willing_to_go_out",
    "destinations",
    "job_kinds",
    "expected_pay",
    "available_from",
    "constraints",
    "constraint_notes",
    "training_wanted",
    "status",
    "notes",
]


def clean_wish(data: dict) -> dict:
    """Validate raw wish values; raises ValidationError keyed by field."""
    check = v.FieldCollector()
    today = clock.today()
    clean = {
        "recorded_on": check.check(
            "recorded_on",
            v.date,
            data.get("recorded_on") or today,
            label="登记日期",
            not_after=today,
        ),
        "willing_to_go_out": bool(data.get("willing_to_go_out")),
        "destinations": check.check(
            "destinations", v.choices, data.get("destinations"), DESTINATION, "意向务工地"
        ),
        "job_kinds": check.check("job_kinds", v.text, data.get("job_kinds"), "意向工种", 200),
        "expected_pay": check.check(
            "expected_pay", v.money, data.get("expected_pay"), "期望月薪", 100_000
        ),
        "available_from": check.check(
            "available_from", v.date, data.get("available_from"), label="可到岗日期"
        ),
        "constraints": check.check(
            "constraints", v.choices, data.get("constraints"), CONSTRAINT, "制约因素"
        ),
        "constraint_notes": check.check(
            "constraint_notes", v.text, data.get("constraint_notes"), "制约说明", 200
        ),
        "training_wanted": check.check(
            "training_wanted", v.text, data.get("training_wanted"), "培训意愿", 200
        ),
        "status": check.check(
            "status",
            v.choice,
            data.get("status") or "active",
            WISH_STATUS,
            "意愿状态",
            required=True,
        ),
        "notes": check.check("notes", v.text, data.get("notes"), "备注", 1000),
    }
    if (
        clean["willing_to_go_out"]
        and not clean["destinations"]
        and "destinations" not in check.errors
    ):
        check.add("destinations", "愿意外出务工时，请至少选择一个意向务工地")
    check.raise_if_any()
    return clean


def record_wish(person_id: str, data: dict, visit_id: str | None = None) -> dict:
    """Add a new wish record for a person (the older ones stay as history)."""
    with database.atomic():
        get_live(Person, person_id, "家庭成员")
        clean = clean_wish(data)
        wish = EmploymentWish.create(person=person_id, visit=visit_id, **clean)
        log_event("wish", wish.id, "created", person_id)
    return get_wish(wish.id)


def update_wish(wish_id: str, data: dict) -> dict:
    with database.atomic():
        wish = get_live(EmploymentWish, wish_id, "就业意愿")
        if apply_changes(wish, clean_wish(data), "wish"):
            wish.save()
    return get_wish(wish_id)


def get_wish(wish_id: str) -> dict:
    return _with_labels(row_dict(get_live(EmploymentWish, wish_id, "就业意愿")))


def _with_labels(data: dict) -> dict:
    data["destinations_label"] = labels(DESTINATION, data["destinations"])
    data["constraints_label"] = labels(CONSTRAINT, data["constraints"])
    data["status_label"] = label(WISH_STATUS, data["status"])
    data["willing_label"] = "愿意外出" if data["willing_to_go_out"] else "不外出"
    data["summary"] = wish_summary(data)
    return data


def wish_summary(data: dict) -> str:
    """One line a cadre reads at a glance: 愿意外出·赴京·保安、厨师·期望6000元."""
    parts = [
        data["willing_label"]
        if "willing_label" in data
        else ("愿意外出" if data["willing_to_go_out"] else "不外出")
    ]
    if data.get("destinations"):
        parts.append(labels(DESTINATION, data["destinations"]))
    if data.get("job_kinds"):
        parts.append(data["job_kinds"])
    if data.get("expected_pay"):
        parts.append(f"期望{data['expected_pay']}元/月")
    return "·".join(parts)


def wish_history(person_id: str) -> list[dict]:
    """All live wishes of a person, newest first."""
    query = (
        EmploymentWish.select()
        .where(EmploymentWish.person == person_id, EmploymentWish.deleted_at.is_null())
        .order_by(EmploymentWish.recorded_on.desc(), EmploymentWish.created_at.desc())
    )
    return [_with_labels(row_dict(w)) for w in query]


def current_wishes(household_id: str) -> dict[str, dict]:
    """The latest live wish of each live member of a household, keyed by person id."""
    query = (
        EmploymentWish.select()
        .join(Person)
        .where(
            Person.household == household_id,
            Person.deleted_at.is_null(),
            EmploymentWish.deleted_at.is_null(),
        )
        .order_by(EmploymentWish.recorded_on, EmploymentWish.created_at)
    )
    latest = {}
    for wish in query:
        latest[wish.person_id] = _with_labels(row_dict(wish))
    return latest
