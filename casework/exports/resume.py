"""One resume as a Word document: the draft and the person's record made into template fields.

`resume_data` gathers plain values from the services (the person's facts are read
now, so a corrected record shows in every resume; the ID number never, the health
only as the draft chooses; the facts that have a value also come two to a row, for a
table that prints no label alone); `render_resume` fills a template
with them; `export_resume` writes the file atomically under a Chinese name.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path
from typing import Any

from casework import clock
from casework.exports import files
from casework.exports.render import new_template, render
from casework.exports.templates import load_template
from casework.services.documents import documents, resumes
from casework.services.register import cadres, people

PHOTO_MM = (25, 35)


def chinese_date(value: dt.date | None, day: bool = True) -> str:
    """2026年11月27日 (or 2026年11月 without the day); "" for no date."""
    if not value:
        return ""
    return (
        f"{value.year}年{value.month}月{value.day}日" if day else f"{value.year}年{value.month}月"
    )


def _entry(entry: dict) -> dict:
    return {
        key: entry.get(key) or ""
        for key in (
            "kind",
            "kind_label",
            "period",
            "period_from",
            "period_to",
            "organisation",
            "title",
            "detail",
        )
    }


def cadre_data() -> dict:
    """The cadre using this laptop, named on documents as who recommends or reports."""
    cadre = cadres.current_cadre() or {}
    return {key: cadre.get(key) or "" for key in ("name", "unit", "phone")}


def person_data(person: dict, health_print: str | None = None) -> dict:
    """The person's facts as a resume prints them: never the ID number, health as chosen."""
    age = person.get("age")
    return {
        "name": person["name"],
        "gender": person["gender_label"],
        "age": age if age is not None else "",
        "age_text": f"{age}岁" if age is not None else "",
        "birth_month": chinese_date(person.get("birth_date"), day=False),
        "birth_date": chinese_date(person.get("birth_date")),
        "ethnicity": person["ethnicity_label"],
        "education": person["education_label"],
        "health": resumes.health_on_resume(person, health_print),
        "phone": person["phone"],
        "hometown": documents.household_place(person["household_id"]),
        "political_status": person.get("political_status_label") or "",
        "marital_status": person.get("marital_status_label") or "",
    }


def pair_rows(facts: list[tuple[str, str]]) -> list[dict]:
    """The facts that have a value, two to a row (label1, value1, label2, value2): a table
    resume prints no label with nothing beside it. The last row may hold one fact."""
    shown = [(label, value) for label, value in facts if value]
    rows = []
    for index in range(0, len(shown), 2):
        (label1, value1), (label2, value2) = (shown[index : index + 2] + [("", "")])[:2]
        rows.append({"label1": label1, "value1": value1, "label2": label2, "value2": value2})
    return rows


def fact_and_job_rows(person: dict, resume: dict) -> dict:
    """fact_rows (政治面貌, 婚姻状况, 健康状况, 联系电话) and job_rows (求职意向) of a resume."""
    return {
        "fact_rows": pair_rows(
            [
                ("政治面貌", person["political_status"]),
                ("婚姻状况", person["marital_status"]),
                ("健康状况", person["health"]),
                ("联系电话", resume["phone"]),
            ]
        ),
        "job_rows": pair_rows(
            [
                ("求职岗位", resume["target_job"]),
                ("期望地点", resume["target_place"]),
                ("期望月薪", resume["expected_pay"]),
                ("到岗时间", resume["available_from"]),
            ]
        ),
    }


def _worth_a_row(entry: dict, person: dict) -> bool:
    """Not an education entry holding only the level the facts already print (drafts made
    before new drafts stopped starting with one)."""
    return not (
        entry["kind"] == "education"
        and entry["title"] == person["education_label"]
        and not (entry["period"] or entry["organisation"] or entry["detail"])
    )


def resume_data(draft: dict, person: dict | None = None, cadre: dict | None = None) -> dict:
    """Template fields for a draft (a saved one from resumes.get_resume, or resumes.prefill).

    The photo stays as JPEG bytes under "photo"; render_resume turns it into an image.
    """
    person = person or people.get_person(draft["person_id"])
    entries = [_entry(e) for e in draft.get("entries", [])]
    for entry in entries:
        if not entry["kind_label"]:
            entry["kind_label"] = resumes.ENTRY_KIND.get(entry["kind"], "")
        if not entry["period"]:
            entry["period"] = resumes.period_text(entry["period_from"], entry["period_to"])
    entries = [e for e in entries if _worth_a_row(e, person)]
    by_kind = {kind: [e for e in entries if e["kind"] == kind] for kind in resumes.ENTRY_KIND}
    pay = draft.get("expected_pay")
    facts = person_data(person, draft.get("health_print"))
    resume = {
        "title": draft.get("title") or "",
        "target_job": draft.get("target_job") or "",
        "target_place": draft.get("target_place") or "",
        "expected_pay": f"{pay}元/月" if pay else "面议",
        "available_from": chinese_date(draft.get("available_from")) or "随时到岗",
        "phone": draft.get("phone") or person["phone"],
        "self_description": draft.get("self_description") or "",
    }
    return {
        "person": facts,
        "resume": resume,
        "photo": draft.get("photo"),
        **fact_and_job_rows(facts, resume),
        **{f"{kind}_entries": rows for kind, rows in by_kind.items()},
        "skills_text": "、".join(
            e["title"] + (f"（{e['detail']}）" if e["detail"] else "") for e in by_kind["skill"]
        ),
        "cadre": cadre if cadre is not None else cadre_data(),
        "today": chinese_date(clock.today()),
        "template": draft.get("template") or "",
    }


def render_resume(data: dict, template_name: str | None = None) -> bytes:
    """The .docx bytes of a resume; the template is the draft's unless one is named."""
    from docx.shared import Mm
    from docxtpl import InlineImage

    template = load_template(template_name or data.get("template") or None, "resume")
    document = new_template(template)
    context: dict[str, Any] = dict(data)
    context.pop("template", None)
    photo = data.get("photo")
    context["photo"] = (
        InlineImage(document, io.BytesIO(photo), width=Mm(PHOTO_MM[0]), height=Mm(PHOTO_MM[1]))
        if photo
        else ""
    )
    return render(template, context, document)


def file_name(data: dict) -> str:
    """韩令春-简历-2026-11-27.docx"""
    return files.document_name(data["person"]["name"], "简历", clock.today())


def export_resume(
    resume_id: str,
    target: str | os.PathLike[str],
    template_name: str | None = None,
    overwrite: bool = False,
) -> Path:
    """Write one saved draft to `target` (a .docx path, or a folder to name the file in)."""
    data = resume_data(resumes.get_resume(resume_id))
    return write_resume(data, target, template_name, overwrite)


def write_resume(
    data: dict,
    target: str | os.PathLike[str],
    template_name: str | None = None,
    overwrite: bool = False,
) -> Path:
    content = render_resume(data, template_name)
    path = Path(target)
    if path.is_dir() or not path.suffix:
        path = path / file_name(data)
    return files.write_bytes_atomic(path, content, overwrite)
