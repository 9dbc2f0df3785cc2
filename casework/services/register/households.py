"""Households (户): create, edit and read one household with its place in the area tree."""

from __future__ import annotations

from casework import clock
from casework import validation as v
from casework.db import database
from casework.models import Area, Household
from casework.services.common import apply_changes, get_live, log_event, row_dict
from casework.services.register import areas
from casework.vocab import HOUSEHOLD_STATUS, label

EDITABLE = ["code", "village", "group", "address", "phone", "status", "notes"]


def _clean(data: dict, household_id: str | None = None) -> dict:
    check = v.FieldCollector()
    code = check.check("code", clean_code, data.get("code"), household_id)
    clean = {
        "village": data.get("village_id") or None,
        "group": data.get("group_id") or None,
        "address": check.check("address", v.text, data.get("address"), "地址", 100),
        "phone": check.check("phone", v.phone, data.get("phone", "")),
        "status": check.check(
            "status", v.choice, data.get("status"), HOUSEHOLD_STATUS, "农户类型", required=True
        ),
        "notes": check.check("notes", v.text, data.get("notes"), "备注", 1000),
    }
    village = Area.get_or_none((Area.id == clean["village"]) & Area.deleted_at.is_null())
    if village is None or village.level != "village":
        check.add("village_id", "请选择所在嘎查村")
    elif clean["group"]:
        group = Area.get_or_none((Area.id == clean["group"]) & Area.deleted_at.is_null())
        if group is None or group.parent_id != village.id:
            check.add("group_id", "所选村民小组不属于该嘎查村")
    if code is not None:
        clean["code"] = code
    check.raise_if_any()
    return clean


def clean_code(raw: str | None, household_id: str | None, required: bool = False) -> str:
    """A household code as the form takes it: up to 30 characters, made up when left blank
    (unless `required`), held by no other live household; FieldError otherwise."""
    code = v.text(raw, "户编号", 30, required=required) or _next_code()
    if _code_taken(code, household_id):
        raise v.FieldError(f"户编号 {code} 已被另一户使用")
    return code


def _code_taken(code: str, except_id: str | None) -> bool:
    query = Household.select().where(Household.code == code, Household.deleted_at.is_null())
    if except_id:
        query = query.where(Household.id != except_id)
    return query.exists()


def _next_code() -> str:
    """A code for a household the monitoring system has not numbered: X + date + sequence."""
    prefix = "X" + clock.today().strftime("%Y%m%d")
    taken = Household.select().where(Household.code.startswith(prefix)).count()
    number = taken + 1
    while _code_taken(f"{prefix}{number:03d}", None):
        number += 1
    return f"{prefix}{number:03d}"


def create_household(data: dict) -> dict:
    """Add a household; `data` holds raw form values (village_id, group_id, codes, text)."""
    with database.atomic():
        clean = _clean(data)
        household = Household.create(**clean)
        log_event("household", household.id, "created", household.code)
    return get_household(household.id)


def update_household(household_id: str, data: dict) -> dict:
    with database.atomic():
        household = get_live(Household, household_id, "农户")
        clean = _clean(data, household_id)
        if apply_changes(household, clean, "household"):
            household.save()
    return get_household(household_id)


def get_household(household_id: str) -> dict:
    """One live household with labels and its area path, for the detail screen and forms."""
    household = get_live(Household, household_id, "农户")
    data = row_dict(household)
    village = Area.get_by_id(household.village_id)
    data["village_name"] = village.name
    data["township_name"] = Area.get_by_id(village.parent_id).name if village.parent_id else ""
    data["group_name"] = Area.get_by_id(household.group_id).name if household.group_id else ""
    data["area_path"] = areas.area_path(household.group_id or household.village_id)
    data["status_label"] = label(HOUSEHOLD_STATUS, household.status)
    return data


def caption(household: dict) -> str:
    """Whose household a dialog is about: "张德明户（大新艾力嘎查）", from `get_household`."""
    who = f"{household['head_name']}户" if household.get("head_name") else household["code"]
    village = household.get("village_name")
    return f"{who}（{village}）" if village else who
