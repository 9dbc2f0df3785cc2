"""Employers (用工单位): Beijing employers, local assistance workshops and others.

Public API (stable; the postings screen, the import and the lists call these):
- create_employer(data: dict) -> dict
- update_employer(employer_id: str, data: dict) -> dict
- get_employer(employer_id: str) -> dict
- list_employers(text: str = "", kind: str | None = None, page: int = 0,
  page_size: int = 50) -> tuple[list[dict], int]
- employer_choices() -> list[dict]            # id, name, kind_label: for pickers
- find_employer(name: str = "", uscc: str = "") -> dict | None
- work_place(employer_id: str) -> str         # where its jobs are (vocab.DESTINATION), or ""
- delete_employer(employer_id: str) -> str    # the deletion id; hides its postings too

`data` holds raw form values: name, kind (vocab_jobs.EMPLOYER_KIND code or label), place,
contact, phone, uscc (统一社会信用代码, checked with python-stdnum), notes. Returned dicts
have the model's fields plus kind_label and posting_count (live postings).
"""

from __future__ import annotations

from peewee import fn

from casework import validation as v
from casework.db import database
from casework.models import Employer, JobPosting
from casework.services.common import apply_changes, get_live, log_event, row_dict
from casework.vocab import label
from casework.vocab_jobs import EMPLOYER_KIND


def clean_employer(data: dict, employer_id: str | None = None) -> dict:
    """Validate raw employer values; raises ValidationError keyed by field."""
    check = v.FieldCollector()
    clean = {
        "name": check.check("name", v.text, data.get("name"), "单位名称", 100, required=True),
        "kind": check.check(
            "kind", v.choice, data.get("kind") or "beijing", EMPLOYER_KIND, "单位类别"
        ),
        "place": check.check("place", v.text, data.get("place"), "所在区县或地点", 60),
        "contact": check.check("contact", v.text, data.get("contact"), "联系人", 30),
        "phone": check.check("phone", v.phone, data.get("phone", "")),
        "uscc": check.check("uscc", v.credit_code, data.get("uscc")),
        "notes": check.check("notes", v.text, data.get("notes"), "备注", 1000),
    }
    if clean["uscc"]:
        holder = _uscc_holder(clean["uscc"], employer_id)
        if holder:
            check.add("uscc", f"该统一社会信用代码已登记为“{holder}”，同一单位不能登记两次")
    check.raise_if_any()
    return clean


def _uscc_holder(code: str, except_id: str | None) -> str | None:
    query = Employer.select(Employer.name).where(
        Employer.uscc == code, Employer.deleted_at.is_null()
    )
    if except_id:
        query = query.where(Employer.id != except_id)
    return query.scalar()


def create_employer(data: dict) -> dict:
    with database.atomic():
        employer = Employer.create(**clean_employer(data))
        log_event("employer", employer.id, "created", employer.name)
    return get_employer(employer.id)


def update_employer(employer_id: str, data: dict) -> dict:
    with database.atomic():
        employer = get_live(Employer, employer_id, "用工单位")
        if apply_changes(employer, clean_employer(data, employer_id), "employer"):
            employer.save()
    return get_employer(employer_id)


def get_employer(employer_id: str) -> dict:
    employer = get_live(Employer, employer_id, "用工单位")
    data = _with_labels(row_dict(employer))
    data["posting_count"] = (
        JobPosting.select()
        .where(JobPosting.employer == employer_id, JobPosting.deleted_at.is_null())
        .count()
    )
    return data


def _with_labels(data: dict) -> dict:
    data["kind_label"] = label(EMPLOYER_KIND, data.get("kind"))
    data["uscc"] = data.get("uscc") or ""
    return data


def list_employers(
    text: str = "", kind: str | None = None, page: int = 0, page_size: int = 50
) -> tuple[list[dict], int]:
    """One page of live employers whose name, place, contact or code contains `text`."""
    postings = (
        JobPosting.select(fn.COUNT(JobPosting.id))
        .where(JobPosting.employer == Employer.id, JobPosting.deleted_at.is_null())
        .alias("posting_count")
    )
    query = Employer.select(Employer, postings).where(Employer.deleted_at.is_null())
    text = text.strip()
    if text:
        pattern = f"%{text}%"
        query = query.where(
            Employer.name.contains(text)
            | Employer.place**pattern
            | Employer.contact**pattern
            | (Employer.uscc == text.upper())
        )
    if kind:
        query = query.where(Employer.kind == kind)
    total = query.count()
    rows = []
    for employer in query.order_by(Employer.name).paginate(page + 1, page_size):
        data = _with_labels(row_dict(employer))
        data["posting_count"] = employer.posting_count
        rows.append(data)
    return rows, total


def employer_choices() -> list[dict]:
    query = (
        Employer.select(Employer.id, Employer.name, Employer.kind)
        .where(Employer.deleted_at.is_null())
        .order_by(Employer.name)
    )
    return [{"id": e.id, "name": e.name, "kind_label": label(EMPLOYER_KIND, e.kind)} for e in query]


# Where an employer's people work when none of its postings says: a Beijing employer in
# Beijing, an assistance workshop close to home.
PLACE_OF_KIND = {"beijing": "beijing", "workshop": "local"}


def work_place(employer_id: str) -> str:
    """Where a job with this employer is (a vocab.DESTINATION code): the place of its
    latest live posting, else what its kind says; "" when neither tells."""
    employer = get_live(Employer, employer_id, "用工单位")
    latest = (
        JobPosting.select(JobPosting.place)
        .where(JobPosting.employer == employer_id, JobPosting.deleted_at.is_null())
        .order_by(JobPosting.created_at.desc())
        .scalar()
    )
    return latest or PLACE_OF_KIND.get(employer.kind, "")


def find_employer(name: str = "", uscc: str = "") -> dict | None:
    """The live employer with this credit code, else the one with exactly this name."""
    employer = None
    if uscc:
        employer = Employer.get_or_none(
            (Employer.uscc == uscc.strip().upper()) & Employer.deleted_at.is_null()
        )
    if employer is None and name.strip():
        employer = (
            Employer.select()
            .where(Employer.name == name.strip(), Employer.deleted_at.is_null())
            .order_by(Employer.created_at)
            .first()
        )
    return get_employer(employer.id) if employer else None


def delete_employer(employer_id: str) -> str:
    """Put an employer and its postings in the recycle bin; placements stay on record."""
    from casework.services.register.trash import delete_record

    with database.atomic():
        employer = get_live(Employer, employer_id, "用工单位")
        return delete_record(
            "employer", employer, employer.name, [(JobPosting, JobPosting.employer == employer_id)]
        )
