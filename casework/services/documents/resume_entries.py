"""Resume entries: the schools, jobs, certificates, training and skills of a draft, in order.

Entries keep their order within their kind through `position`; a removed entry goes
to the recycle bin like everything else a cadre deletes. casework.services.documents.resumes
re-exports these functions, so callers use one module for drafts and entries alike.
"""

from __future__ import annotations

import re

from peewee import fn

from casework import clock
from casework import validation as v
from casework.db import database
from casework.models import Person, Resume, ResumeEntry
from casework.services.common import apply_changes, get_live, row_dict
from casework.services.register.trash import delete_record

# In the order a resume shows them.
ENTRY_KIND = {
    "education": "教育经历",
    "work": "工作经历",
    "certificate": "技能证书",
    "training": "培训经历",
    "skill": "技能特长",
}
PRESENT = "至今"


def period(raw: str | None, label: str, allow_present: bool = False) -> str:
    """A month or year typed as 2015-09, 2015.9, 2015/09, 2015年9月 or 2015 -> "2015-09"."""
    text = v._halfwidth(raw or "").strip()
    if not text:
        return ""
    if allow_present and text in (PRESENT, "今", "现在", "目前"):
        return PRESENT
    match = re.fullmatch(r"(\d{4})(?:\s*[-./年]\s*(\d{1,2})\s*月?)?", text)
    if not match:
        hint = "，或填“至今”" if allow_present else ""
        raise v.FieldError(f"{label}格式应为 年-月，例如 2015-09{hint}")
    year, month = int(match.group(1)), match.group(2)
    if not 1940 <= year <= clock.today().year + 10:
        raise v.FieldError(f"{label}的年份 {year} 不合理，请核对")
    if month is None:
        return str(year)
    if not 1 <= int(month) <= 12:
        raise v.FieldError(f"{label}的月份应为 1 到 12")
    return f"{year}-{int(month):02d}"


def period_text(start: str, end: str) -> str:
    """How a resume prints a period: 2015.09—2018.07, 2019.03—至今, or one end alone."""
    start, end = (start or "").replace("-", "."), (end or "").replace("-", ".")
    if start and end:
        return f"{start}—{end}"
    return start or end


def clean_entry(data: dict) -> dict:
    """Validate one entry; the kind decides nothing but its heading and order."""
    check = v.FieldCollector()
    kind = check.check("kind", v.choice, data.get("kind"), ENTRY_KIND, "条目类别", required=True)
    clean = {
        "kind": kind,
        "period_from": check.check("period_from", period, data.get("period_from"), "开始时间"),
        "period_to": check.check(
            "period_to", period, data.get("period_to"), "结束时间", allow_present=True
        ),
        "organisation": check.check(
            "organisation", v.text, data.get("organisation"), "单位或学校", 100
        ),
        "title": check.check("title", v.text, data.get("title"), "名称", 100),
        "detail": check.check("detail", v.text, data.get("detail"), "说明", 2000),
    }
    start, end = clean["period_from"], clean["period_to"]
    if start and end and end != PRESENT and end < start:
        check.add("period_to", "结束时间不能早于开始时间")
    if not check.errors and not (clean["organisation"] or clean["title"] or clean["detail"]):
        check.add("title", "请至少填写名称、单位或说明中的一项")
    check.raise_if_any()
    return clean


def list_entries(resume_id: str) -> list[dict]:
    """Live entries in resume order: by kind (ENTRY_KIND order), then by position."""
    query = ResumeEntry.select().where(
        ResumeEntry.resume == resume_id, ResumeEntry.deleted_at.is_null()
    )
    order = {kind: i for i, kind in enumerate(ENTRY_KIND)}
    rows = sorted(
        (row_dict(e) for e in query),
        key=lambda e: (order.get(e["kind"], 99), e["position"], e["created_at"]),
    )
    for row in rows:
        row["kind_label"] = ENTRY_KIND.get(row["kind"], row["kind"])
        row["period"] = period_text(row["period_from"], row["period_to"])
    return rows


def get_entry(entry_id: str) -> dict:
    entry = row_dict(get_live(ResumeEntry, entry_id, "简历条目"))
    entry["kind_label"] = ENTRY_KIND.get(entry["kind"], entry["kind"])
    entry["period"] = period_text(entry["period_from"], entry["period_to"])
    return entry


def add_entry(resume_id: str, data: dict) -> dict:
    """Add an entry at the end of its kind."""
    with database.atomic():
        resume = get_live(Resume, resume_id, "简历")
        clean = clean_entry(data)
        last = (
            ResumeEntry.select(fn.MAX(ResumeEntry.position))
            .where(ResumeEntry.resume == resume_id, ResumeEntry.kind == clean["kind"])
            .scalar()
        )
        entry = ResumeEntry.create(
            resume=resume_id, position=(last + 1 if last is not None else 0), **clean
        )
        _touch(resume)
    return get_entry(entry.id)


def update_entry(entry_id: str, data: dict) -> dict:
    with database.atomic():
        entry = get_live(ResumeEntry, entry_id, "简历条目")
        clean = clean_entry(data)
        if clean["kind"] != entry.kind:
            # Moving to another kind puts it at the end of that kind.
            last = (
                ResumeEntry.select(fn.MAX(ResumeEntry.position))
                .where(ResumeEntry.resume == entry.resume_id, ResumeEntry.kind == clean["kind"])
                .scalar()
            )
            clean["position"] = last + 1 if last is not None else 0
        if apply_changes(entry, clean, "resume_entry"):
            entry.save()
            _touch(Resume.get_by_id(entry.resume_id))
    return get_entry(entry_id)


def remove_entry(entry_id: str) -> str:
    """Move one entry to the recycle bin; returns the deletion id."""
    with database.atomic():
        entry = get_live(ResumeEntry, entry_id, "简历条目")
        resume = Resume.get_by_id(entry.resume_id)
        person = Person.get_by_id(resume.person_id)
        what = " ".join(
            part
            for part in (
                period_text(entry.period_from, entry.period_to),
                entry.organisation,
                entry.title,
            )
            if part
        )
        label = f"{person.name}的简历条目：{ENTRY_KIND.get(entry.kind, '')} {what}"
        deletion = delete_record("resume_entry", entry, label.strip(), [])
        _touch(resume)
        return deletion


def move_entry(entry_id: str, offset: int) -> list[dict]:
    """Move an entry up (-1) or down (+1) within its kind; returns the resume's entries."""
    with database.atomic():
        entry = get_live(ResumeEntry, entry_id, "简历条目")
        same_kind = [e for e in list_entries(entry.resume_id) if e["kind"] == entry.kind]
        ids = [e["id"] for e in same_kind]
        index = ids.index(entry_id)
        target = max(0, min(len(ids) - 1, index + offset))
        if target != index:
            ids.insert(target, ids.pop(index))
            _renumber(ids)
            _touch(Resume.get_by_id(entry.resume_id))
        return list_entries(entry.resume_id)


def reorder_entries(resume_id: str, kind: str, ordered_ids: list[str]) -> list[dict]:
    """Put the entries of one kind in the given order (ids not listed keep theirs, after)."""
    with database.atomic():
        resume = get_live(Resume, resume_id, "简历")
        current = [e["id"] for e in list_entries(resume_id) if e["kind"] == kind]
        unknown = set(ordered_ids) - set(current)
        if unknown:
            raise v.ValidationError({"entries": "只能调整本简历中同一类别的条目"})
        rest = [i for i in current if i not in ordered_ids]
        _renumber(list(ordered_ids) + rest)
        _touch(resume)
    return list_entries(resume_id)


def _renumber(ids: list[str]) -> None:
    # Through the history like any edit, so the order merges with the entries.
    entries = {e.id: e for e in ResumeEntry.select().where(ResumeEntry.id.in_(ids))}
    for position, entry_id in enumerate(ids):
        entry = entries[entry_id]
        if apply_changes(entry, {"position": position}, "resume_entry"):
            entry.save(only=[ResumeEntry.position, ResumeEntry.updated_at])


def _touch(resume: Resume) -> None:
    # The draft list shows drafts last edited first; editing an entry edits the draft.
    Resume.update(updated_at=clock.now()).where(Resume.id == resume.id).execute()
