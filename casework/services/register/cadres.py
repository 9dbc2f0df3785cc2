"""Cadres (帮扶干部): who uses this laptop, and who went on each visit."""

from __future__ import annotations

from casework import validation as v
from casework.db import database
from casework.models import Cadre
from casework.services.common import (
    apply_changes,
    current_cadre_id,
    get_live,
    log_event,
    row_dict,
)
from casework.services.settings import save_setting, setting


def _clean(data: dict) -> dict:
    check = v.FieldCollector()
    clean = {
        "name": check.check("name", v.person_name, data.get("name")),
        "unit": check.check("unit", v.text, data.get("unit"), "单位", 60),
        "phone": check.check("phone", v.mobile, data.get("phone", "")),
    }
    check.raise_if_any()
    return clean


def create_cadre(data: dict, make_current: bool = False) -> dict:
    """Add a cadre; with make_current, this laptop's user from now on."""
    clean = _clean(data)
    with database.atomic():
        cadre = Cadre.create(**clean)
        log_event("cadre", cadre.id, "created", cadre.name)
        if make_current:
            save_setting("current_cadre_id", cadre.id)
    return row_dict(cadre)


def update_cadre(cadre_id: str, data: dict) -> dict:
    clean = _clean(data)
    with database.atomic():
        cadre = get_live(Cadre, cadre_id, "干部")
        if apply_changes(cadre, clean, "cadre"):
            cadre.save()
    return row_dict(cadre)


def set_current_cadre(cadre_id: str) -> None:
    get_live(Cadre, cadre_id, "干部")
    save_setting("current_cadre_id", cadre_id)


def current_cadre() -> dict | None:
    """The cadre using this laptop, or None on first run."""
    cadre_id = current_cadre_id()
    if not cadre_id:
        return None
    cadre = Cadre.get_or_none((Cadre.id == cadre_id) & Cadre.deleted_at.is_null())
    return row_dict(cadre) if cadre else None


def list_cadres() -> list[dict]:
    query = Cadre.select().where(Cadre.deleted_at.is_null()).order_by(Cadre.name)
    return [row_dict(c) for c in query]


def follow_up_days() -> int:
    """How many days without a visit make a household due for one (a per-laptop setting)."""
    return setting("follow_up_days")


def set_follow_up_days(raw: str | int) -> int:
    try:
        days = int(str(raw).strip())
    except ValueError:
        raise v.ValidationError({"days": "天数请填写整数，例如 90"}) from None
    if not 1 <= days <= 3650:
        raise v.ValidationError({"days": "天数应在1到3650之间"})
    save_setting("follow_up_days", days)
    return days
