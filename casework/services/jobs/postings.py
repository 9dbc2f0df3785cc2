"""Job postings (岗位 / 用工需求): what employers ask for, and the labour-demand list.

Public API (stable; the screens, the import, matching and the lists call these):
- clean_posting(data: dict) -> dict          # validate without saving
- create_posting(data: dict) -> dict
- update_posting(posting_id: str, data: dict) -> dict
- get_posting(posting_id: str) -> dict
- set_posting_status(posting_id: str, status: str) -> dict
- list_postings(text: str = "", status: str | None = None, employer_id: str | None = None,
  place: str | None = None, page: int = 0, page_size: int = 50) -> tuple[list[dict], int]
- open_postings() -> list[dict]              # status open and not expired, for matching
- demand_rows(include_closed: bool = False) -> list[dict]   # 用工需求清单
- delete_posting(posting_id: str) -> str
- pay_text(pay_min, pay_max) -> str ; age_text(age_min, age_max) -> str

Raw `data` keys: employer_id, position, job_kind (vocab_jobs.JOB_KIND), place
(vocab.DESTINATION), address, headcount, pay_min, pay_max, age_min, age_max, gender
(vocab.GENDER or ""), education_min (vocab.EDUCATION or ""), certificates (text, 、-separated),
board, lodging (bool), valid_until, status (vocab_jobs.POSTING_STATUS), notes. Returned
dicts add employer_name, employer_kind, *_label, pay_text, age_text, requirements_text,
board_lodging_text and placed_count (placements hired or working).
"""

from __future__ import annotations

from peewee import fn

from casework import clock
from casework import validation as v
from casework.db import database
from casework.models import Employer, JobPosting, Placement
from casework.services.common import apply_changes, get_live, log_event, row_dict
from casework.vocab import DESTINATION, EDUCATION, GENDER, label
from casework.vocab_jobs import (
    ACTIVE_STAGES,
    EMPLOYER_KIND,
    JOB_KIND,
    POSTING_STATUS,
    split_list,
)

FIELDS = [
    "employer",
    "position",
    "job_kind",
    "place",
    "address",
    "headcount",
    "pay_min",
    "pay_max",
    "age_min",
    "age_max",
    "gender",
    "education_min",
    "certificates",
    "board",
    "lodging",
    "valid_until",
    "status",
    "notes",
]


def _whole(raw, label_text: str, low: int, high: int) -> int | None:
    """A whole number typed into a form (年龄, 人数), within sensible bounds."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = v._halfwidth(str(raw)).strip().rstrip("岁人名")
    try:
        value = int(text)
    except ValueError:
        raise v.FieldError(f"{label_text}请填写整数") from None
    if not low <= value <= high:
        raise v.FieldError(f"{label_text}应在{low}到{high}之间")
    return value


def _employer(raw: str | None) -> str:
    if not raw:
        raise v.FieldError("请选择用工单位")
    exists = Employer.get_or_none((Employer.id == raw) & Employer.deleted_at.is_null())
    if exists is None:
        raise v.FieldError("所选用工单位不存在或已删除")
    return raw


def clean_posting(data: dict) -> dict:
    """Validate raw posting values; raises ValidationError keyed by field."""
    check = v.FieldCollector()
    get = data.get
    clean = {
        "employer": check.check("employer_id", _employer, get("employer_id")),
        "position": check.check("position", v.text, get("position"), "岗位名称", 60, required=True),
        "job_kind": check.check("job_kind", v.choice, get("job_kind"), JOB_KIND, "工种"),
        "place": check.check(
            "place", v.choice, get("place") or "beijing", DESTINATION, "工作地点", required=True
        ),
        "address": check.check("address", v.text, get("address"), "详细地址", 100),
        "headcount": check.check("headcount", _whole, get("headcount"), "招聘人数", 1, 10000),
        "pay_min": check.check("pay_min", v.money, get("pay_min"), "月薪下限", 100_000),
        "pay_max": check.check("pay_max", v.money, get("pay_max"), "月薪上限", 100_000),
        "age_min": check.check("age_min", _whole, get("age_min"), "最低年龄", 16, 70),
        "age_max": check.check("age_max", _whole, get("age_max"), "最高年龄", 16, 70),
        "gender": check.check("gender", v.choice, get("gender"), GENDER, "性别要求"),
        "education_min": check.check(
            "education_min", v.choice, get("education_min"), EDUCATION, "最低学历"
        ),
        "certificates": "、".join(split_list(get("certificates"))),
        "board": bool(get("board")),
        "lodging": bool(get("lodging")),
        "valid_until": check.check("valid_until", v.date, get("valid_until"), label="有效期至"),
        "status": check.check(
            "status", v.choice, get("status") or "open", POSTING_STATUS, "招聘状态"
        ),
        "notes": check.check("notes", v.text, get("notes"), "备注", 1000),
    }
    if len(clean["certificates"]) > 200:
        check.add("certificates", "证书要求最多200个字")
    if clean["pay_min"] and clean["pay_max"] and clean["pay_min"] > clean["pay_max"]:
        check.add("pay_max", "月薪上限不能低于下限")
    if clean["age_min"] and clean["age_max"] and clean["age_min"] > clean["age_max"]:
        check.add("age_max", "最高年龄不能低于最低年龄")
    check.raise_if_any()
    return clean


def create_posting(data: dict) -> dict:
    with database.atomic():
        posting = JobPosting.create(**clean_posting(data))
        log_event("posting", posting.id, "created", posting.position)
    return get_posting(posting.id)


def update_posting(posting_id: str, data: dict) -> dict:
    with database.atomic():
        posting = get_live(JobPosting, posting_id, "岗位")
        if apply_changes(posting, clean_posting(data), "posting"):
            posting.save()
    return get_posting(posting_id)


def set_posting_status(posting_id: str, status: str) -> dict:
    with database.atomic():
        posting = get_live(JobPosting, posting_id, "岗位")
        code = v.choice(status, POSTING_STATUS, "招聘状态", required=True)
        if apply_changes(posting, {"status": code}, "posting"):
            posting.save()
    return get_posting(posting_id)


def get_posting(posting_id: str) -> dict:
    get_live(JobPosting, posting_id, "岗位")
    rows = _rows(_query().where(JobPosting.id == posting_id))
    return rows[0]


def _query():
    placed = (
        Placement.select(fn.COUNT(Placement.id))
        .where(
            Placement.posting == JobPosting.id,
            Placement.stage.in_(ACTIVE_STAGES),
            Placement.deleted_at.is_null(),
        )
        .alias("placed_count")
    )
    return (
        JobPosting.select(
            JobPosting,
            Employer.name.alias("employer_name"),
            Employer.kind.alias("employer_kind"),
            Employer.place.alias("employer_place"),
            Employer.contact.alias("contact"),
            Employer.phone.alias("phone"),
            Employer.uscc.alias("uscc"),
            placed,
        )
        .join(Employer)
        .where(JobPosting.deleted_at.is_null())
    )


def _rows(query) -> list[dict]:
    rows = []
    for record in query.objects():
        data = row_dict(record, FIELDS + ["id", "created_at", "updated_at"])
        for extra in ("employer_name", "employer_kind", "employer_place", "contact", "phone"):
            data[extra] = getattr(record, extra)
        data["uscc"] = record.uscc or ""
        data["placed_count"] = record.placed_count
        rows.append(with_labels(data))
    return rows


def with_labels(data: dict) -> dict:
    """Labels and one-line texts for a posting dict (also used by matching and the lists)."""
    data["job_kind_label"] = label(JOB_KIND, data.get("job_kind"))
    data["place_label"] = label(DESTINATION, data.get("place"))
    data["gender_label"] = label(GENDER, data.get("gender")) or "不限"
    data["education_label"] = label(EDUCATION, data.get("education_min")) or "不限"
    data["status_label"] = label(POSTING_STATUS, data.get("status"))
    data["employer_kind_label"] = label(EMPLOYER_KIND, data.get("employer_kind"))
    data["pay_text"] = pay_text(data.get("pay_min"), data.get("pay_max"))
    data["age_text"] = age_text(data.get("age_min"), data.get("age_max"))
    data["board_lodging_text"] = board_lodging_text(data.get("board"), data.get("lodging"))
    data["requirements_text"] = requirements_text(data)
    return data


def pay_text(pay_min: int | None, pay_max: int | None) -> str:
    if pay_min and pay_max:
        return f"{pay_min}元" if pay_min == pay_max else f"{pay_min}-{pay_max}元"
    if pay_min:
        return f"{pay_min}元以上"
    if pay_max:
        return f"{pay_max}元以下"
    return "面议"


def age_text(age_min: int | None, age_max: int | None) -> str:
    if age_min and age_max:
        return f"{age_min}-{age_max}岁"
    if age_min:
        return f"{age_min}岁以上"
    if age_max:
        return f"{age_max}岁以下"
    return "不限"


def board_lodging_text(board: bool | None, lodging: bool | None) -> str:
    if board and lodging:
        return "包吃住"
    if board:
        return "包吃"
    if lodging:
        return "包住"
    return "不包吃住"


def requirements_text(data: dict) -> str:
    """要求 in one line: 18-45岁、男、初中及以上、需健康证."""
    parts = []
    if data.get("age_min") or data.get("age_max"):
        parts.append(age_text(data.get("age_min"), data.get("age_max")))
    if data.get("gender"):
        parts.append(f"限{label(GENDER, data['gender'])}")
    if data.get("education_min"):
        parts.append(f"{label(EDUCATION, data['education_min'])}及以上")
    if data.get("certificates"):
        parts.append(f"需{data['certificates']}")
    return "、".join(parts) or "无特殊要求"


def list_postings(
    text: str = "",
    status: str | None = None,
    employer_id: str | None = None,
    place: str | None = None,
    page: int = 0,
    page_size: int = 50,
) -> tuple[list[dict], int]:
    """One page of live postings, the newest first."""
    query = _query()
    text = text.strip()
    if text:
        query = query.where(JobPosting.position.contains(text) | Employer.name.contains(text))
    if status:
        query = query.where(JobPosting.status == status)
    if employer_id:
        query = query.where(JobPosting.employer == employer_id)
    if place:
        query = query.where(JobPosting.place == place)
    total = query.count()
    order = (JobPosting.status != "open", JobPosting.created_at.desc())
    return _rows(query.order_by(*order).paginate(page + 1, page_size)), total


def open_postings() -> list[dict]:
    """Postings still recruiting: status open and not past their valid-until date."""
    today = clock.today()
    query = _query().where(
        JobPosting.status == "open",
        JobPosting.valid_until.is_null() | (JobPosting.valid_until >= today),
    )
    return _rows(query.order_by(Employer.name, JobPosting.position))


def demand_rows(include_closed: bool = False) -> list[dict]:
    """The labour-demand list (用工需求清单): live postings by employer, open ones unless asked."""
    query = _query()
    if not include_closed:
        query = query.where(JobPosting.status == "open")
    return _rows(query.order_by(Employer.name, JobPosting.position))


def delete_posting(posting_id: str) -> str:
    """Put a posting in the recycle bin; its placements stay on record."""
    from casework.services.register.trash import delete_record

    with database.atomic():
        posting = get_live(JobPosting, posting_id, "岗位")
        employer = Employer.get_by_id(posting.employer_id)
        return delete_record("posting", posting, f"{employer.name} {posting.position}", [])
