"""Resume drafts (简历): pre-filled from the person's record, edited, entries kept in order.

A person may have several drafts (one per kind of job applied for). The person's own
facts (name, gender, age, ethnicity, education, health) are not copied into the draft:
they are read from the person's record when a document is made, so a corrected name
or birth date shows in every resume. A resume never carries the ID number, and prints
health only as the draft's `health_print` says (HEALTH_PRINT). Entries (education,
work, certificates, training, skills) live in casework.services.documents.resume_entries and are
re-exported here.
"""

from __future__ import annotations

import re

from peewee import fn

from casework import validation as v
from casework.db import database
from casework.models import EmploymentWish, Person, Resume, ResumeEntry
from casework.services.common import (
    apply_changes,
    get_live,
    log_event,
    log_field_changes,
    row_dict,
)
from casework.services.documents.resume_entries import (
    ENTRY_KIND,
    PRESENT,
    add_entry,
    clean_entry,
    get_entry,
    list_entries,
    move_entry,
    period,
    period_text,
    remove_entry,
    reorder_entries,
    update_entry,
)
from casework.services.register import people, wishes
from casework.services.register.trash import delete_record
from casework.services.sync.record_values import photo_digest

DEFAULT_TEMPLATE = "个人简历-表格"
# Whether a resume prints the person's health: sensitive personal information, so by
# default only a plain 健康 is printed, and otherwise only as the applicant chooses.
HEALTH_PRINT = {"if_healthy": "仅在“健康”时打印（默认）", "always": "打印", "never": "不打印"}
DEFAULT_HEALTH_PRINT = "if_healthy"
_DESTINATION_PLACE = {"beijing": "北京", "in_region": "内蒙古自治区内", "in_county": "本县"}


def clean_resume(data: dict) -> dict:
    """Validate the draft's own fields; raises ValidationError keyed by field."""
    check = v.FieldCollector()
    clean = {
        "title": check.check("title", v.text, data.get("title"), "简历名称", 60),
        "target_job": check.check("target_job", v.text, data.get("target_job"), "求职岗位", 100),
        "target_place": check.check(
            "target_place", v.text, data.get("target_place"), "期望工作地点", 60
        ),
        "expected_pay": check.check(
            "expected_pay", v.money, data.get("expected_pay"), "期望月薪", 100_000
        ),
        "available_from": check.check(
            "available_from", v.date, data.get("available_from"), label="可到岗日期"
        ),
        "phone": check.check("phone", v.phone, data.get("phone") or ""),
        "self_description": check.check(
            "self_description", v.text, data.get("self_description"), "自我评价", 1000
        ),
        "template": check.check("template", v.text, data.get("template"), "简历模板", 60),
        "health_print": check.check(
            "health_print", v.choice, data.get("health_print"), HEALTH_PRINT, "健康状况打印"
        ),
    }
    check.raise_if_any()
    clean["template"] = clean["template"] or DEFAULT_TEMPLATE
    clean["health_print"] = clean["health_print"] or DEFAULT_HEALTH_PRINT
    return clean


def health_on_resume(person: dict, choice: str | None) -> str:
    """The health a resume prints for `person` (people.get_person) under the draft's choice."""
    choice = choice or DEFAULT_HEALTH_PRINT
    if choice == "always" or (choice == "if_healthy" and person["health"] == "healthy"):
        return person["health_label"]
    return ""


# ---------------------------------------------------------------- drafts


def prefill(person_id: str) -> dict:
    """What a new draft starts with: the latest employment wish and the person's skills."""
    person = people.get_person(person_id)
    history = wishes.wish_history(person_id)
    wish = history[0] if history else None
    data = {
        "title": "",
        "target_job": (wish or {}).get("job_kinds", ""),
        "target_place": _target_place(wish),
        "expected_pay": (wish or {}).get("expected_pay"),
        "available_from": (wish or {}).get("available_from"),
        "phone": person["phone"],
        "self_description": _self_description(person, wish),
        "template": DEFAULT_TEMPLATE,
        "health_print": DEFAULT_HEALTH_PRINT,
    }
    data["title"] = f"{data['target_job'][:20]}简历" if data["target_job"] else "求职简历"
    # No education entry: the level alone (初中) is already the 学历 of the facts, and a row
    # without school or dates would print above the real entry the cadre adds.
    entries = []
    for skill in re.split(r"[、,，;；/\s]+", person["skills"] or ""):
        if skill:
            entries.append({"kind": "skill", "title": skill[:100]})
    data["entries"] = entries
    return data


def _target_place(wish: dict | None) -> str:
    if not wish or not wish.get("destinations"):
        return ""
    codes = [c for c in wish["destinations"].split(",") if c]
    return "、".join(_DESTINATION_PLACE.get(c, "家乡附近") for c in codes)


def _self_description(person: dict, wish: dict | None) -> str:
    """A factual first line the cadre rewrites with the applicant; nothing invented."""
    parts = []
    if person["health"] == "healthy":
        parts.append("身体健康")
    if person["labour_ability"] == "skilled":
        parts.append("有一技之长")
    if wish and wish["willing_to_go_out"]:
        place = _target_place(wish)
        parts.append(f"愿意到{place}务工" if place else "愿意外出务工")
    if wish and wish.get("job_kinds"):
        parts.append(f"希望从事{wish['job_kinds']}工作")
    return "，".join(parts) + "。" if parts else ""


def create_resume(person_id: str, data: dict | None = None) -> dict:
    """A new draft pre-filled from the person's record and latest wish; `data` overrides."""
    with database.atomic():
        get_live(Person, person_id, "家庭成员")
        start = prefill(person_id)
        entries = start.pop("entries")
        clean = clean_resume(start | (data or {}))
        resume = Resume.create(person=person_id, **clean)
        for position, entry in enumerate(entries):
            ResumeEntry.create(resume=resume.id, position=position, **clean_entry(entry))
        log_event("resume", resume.id, "created", clean["title"])
    return get_resume(resume.id)


def update_resume(resume_id: str, data: dict) -> dict:
    """Save the draft's own fields (not its entries or photo)."""
    with database.atomic():
        resume = get_live(Resume, resume_id, "简历")
        if apply_changes(resume, clean_resume(data), "resume"):
            resume.save()
    return get_resume(resume_id)


def set_photo(resume_id: str, jpeg: bytes | None) -> None:
    """Attach a portrait made by casework.services.documents.photos, or remove it with None."""
    with database.atomic():
        resume = get_live(Resume, resume_id, "简历")
        # History names the picture by its digest, so a merge can tell which one is meant.
        before, after = photo_digest(resume.photo), photo_digest(jpeg)
        resume.photo = jpeg
        if before != after:
            resume.updated_at = log_field_changes("resume", resume_id, [("photo", before, after)])
        resume.save()


def get_resume(resume_id: str) -> dict:
    """One draft with its photo and its live entries in resume order."""
    resume = get_live(Resume, resume_id, "简历")
    data = row_dict(resume)
    data["photo"] = bytes(resume.photo) if resume.photo is not None else None
    data["entries"] = list_entries(resume_id)
    return data


def list_resumes(person_id: str) -> list[dict]:
    """A person's drafts, last edited first, without their photos (for a list)."""
    entry_count = (
        ResumeEntry.select(fn.COUNT(ResumeEntry.id))
        .where(ResumeEntry.resume == Resume.id, ResumeEntry.deleted_at.is_null())
        .alias("entry_count")
    )
    query = (
        Resume.select(
            Resume.id,
            Resume.person,
            Resume.title,
            Resume.target_job,
            Resume.template,
            Resume.updated_at,
            Resume.photo.is_null(False).alias("has_photo"),
            entry_count,
        )
        .where(Resume.person == person_id, Resume.deleted_at.is_null())
        .order_by(Resume.updated_at.desc(), Resume.created_at.desc())
        .dicts()
    )
    return [
        row | {"person_id": row.pop("person"), "has_photo": bool(row["has_photo"])} for row in query
    ]


def latest_resume_id(person_id: str) -> str | None:
    """The draft last edited, which a batch export uses for the person."""
    rows = list_resumes(person_id)
    return rows[0]["id"] if rows else None


def delete_resume(resume_id: str) -> str:
    """Move a draft and its entries to the recycle bin; returns the deletion id."""
    with database.atomic():
        resume = get_live(Resume, resume_id, "简历")
        person = Person.get_by_id(resume.person_id)
        label = f"{person.name}的简历：{resume.title or resume.target_job or '未命名'}"
        return delete_record(
            "resume", resume, label, [(ResumeEntry, ResumeEntry.resume == resume_id)]
        )


def willing_people() -> list[dict]:
    """Live people whose latest live employment wish is to go out to work, by name.

    Rows: person_id, name, household_id, resume_id (the draft last edited, or None).
    """
    newer = EmploymentWish.alias()
    latest_willing = EmploymentWish.select(EmploymentWish.person).where(
        EmploymentWish.deleted_at.is_null(),
        EmploymentWish.willing_to_go_out == True,  # noqa: E712 (peewee expression)
        ~fn.EXISTS(
            newer.select(newer.id).where(
                newer.person == EmploymentWish.person,
                newer.deleted_at.is_null(),
                (newer.recorded_on > EmploymentWish.recorded_on)
                | (
                    (newer.recorded_on == EmploymentWish.recorded_on)
                    & (newer.created_at > EmploymentWish.created_at)
                ),
            )
        ),
    )
    query = (
        Person.select(Person.id, Person.name, Person.household)
        .where(Person.id.in_(latest_willing), Person.deleted_at.is_null())
        .order_by(Person.name_pinyin, Person.name)
        .tuples()
    )
    drafts = _latest_drafts()
    return [
        {"person_id": pid, "name": name, "household_id": hid, "resume_id": drafts.get(pid)}
        for pid, name, hid in query
    ]


def _latest_drafts() -> dict[str, str]:
    query = (
        Resume.select(Resume.person, Resume.id)
        .where(Resume.deleted_at.is_null())
        .order_by(Resume.updated_at, Resume.created_at)
        .tuples()
    )
    return dict(query)  # later rows (newer drafts) win


__all__ = [
    "DEFAULT_HEALTH_PRINT",
    "DEFAULT_TEMPLATE",
    "ENTRY_KIND",
    "HEALTH_PRINT",
    "PRESENT",
    "add_entry",
    "clean_entry",
    "clean_resume",
    "create_resume",
    "delete_resume",
    "get_entry",
    "get_resume",
    "health_on_resume",
    "latest_resume_id",
    "list_entries",
    "list_resumes",
    "move_entry",
    "period",
    "period_text",
    "prefill",
    "remove_entry",
    "reorder_entries",
    "set_photo",
    "update_entry",
    "update_resume",
    "willing_people",
]
