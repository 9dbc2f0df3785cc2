"""The household file (一户一档): a household's facts, members, employment wishes and visits."""

from __future__ import annotations

import os
from pathlib import Path

from casework import clock
from casework.exports import files
from casework.exports.render import render
from casework.exports.resume import cadre_data, chinese_date
from casework.exports.templates import load_template
from casework.exports.visit_log import NEXT_VISIT_UNSET, visit_fields
from casework.masking import mask_phone
from casework.services.documents import documents
from casework.services.register import households, people, wishes


def _member(person: dict, wish: dict | None) -> dict:
    return {
        "name": person["name"],
        "relation": person["relation_label"],
        "gender": person["gender_label"],
        "age": person["age"] if person["age"] is not None else "",
        "birth_date": chinese_date(person["birth_date"]),
        "ethnicity": person["ethnicity_label"],
        "id_number": person["id_number"] or "",
        # The file goes round the village office: a member's phone is shown as lists show it.
        "phone": mask_phone(person["phone"]),
        "education": person["education_label"],
        "health": person["health_label"]
        + (f"（{person['health_notes']}）" if person["health_notes"] else ""),
        "labour_ability": person["labour_ability_label"],
        "skills": person["skills"],
        "work_status": person["work_status_label"],
        "wish": wish["summary"] if wish else "",
    }


def _short_date(value) -> str:
    return value.isoformat() if value else ""


def _wish(name: str, wish: dict) -> dict:
    pay = wish["expected_pay"]
    return {
        "name": name,
        # Tables use the short form: a date in full does not fit a narrow column.
        "recorded_on": _short_date(wish["recorded_on"]),
        "willing": wish["willing_label"],
        "destinations": wish["destinations_label"],
        "job_kinds": wish["job_kinds"],
        "expected_pay": f"{pay}元" if pay else "",
        "available_from": _short_date(wish["available_from"]),
        "constraints": "、".join(
            p for p in (wish["constraints_label"], wish["constraint_notes"]) if p
        ),
        "training_wanted": wish["training_wanted"],
        "status": wish["status_label"],
        "notes": wish["notes"],
    }


def household_file_data(household_id: str, cadre: dict | None = None) -> dict:
    """Template fields for one household: facts, members, every wish (newest first), visits."""
    household = households.get_household(household_id)
    members = people.list_members(household_id)
    latest = wishes.current_wishes(household_id)
    wish_rows = []
    for person in members:
        for wish in wishes.wish_history(person["id"]):
            wish_rows.append(_wish(person["name"], wish))
    visits = documents.visits_between(household_id=household_id)
    return {
        "household": {
            "code": household["code"],
            "head_name": household["head_name"],
            "status": household["status_label"],
            "area": household["area_path"],
            "area_full": documents.household_place(household_id),
            "address": household["address"],
            "phone": household["phone"],
            "member_count": household["member_count"],
            "last_visit": chinese_date(household["last_visit_date"]),
            "next_visit": chinese_date(household["next_visit_date"]) or NEXT_VISIT_UNSET,
            "notes": household["notes"],
        },
        "members": [_member(p, latest.get(p["id"])) for p in members],
        "wishes": wish_rows,
        "visits": [visit_fields(v, i) for i, v in enumerate(visits, 1)],
        "cadre": cadre if cadre is not None else cadre_data(),
        "today": chinese_date(clock.today()),
    }


def file_name(data: dict) -> str:
    """韩令春户-一户一档-2026-11-27.docx"""
    head = data["household"]["head_name"]
    who = f"{head}户" if head else data["household"]["code"]
    return files.document_name(who, "一户一档", clock.today())


def export_household_file(
    household_id: str,
    target: str | os.PathLike[str],
    template_name: str | None = None,
    overwrite: bool = False,
) -> Path:
    """Write the household file to `target` (a .docx path or a folder)."""
    template = load_template(template_name, "household")
    data = household_file_data(household_id)
    content = render(template, data)
    path = Path(target)
    if path.is_dir() or not path.suffix:
        path = path / file_name(data)
    return files.write_bytes_atomic(path, content, overwrite)
