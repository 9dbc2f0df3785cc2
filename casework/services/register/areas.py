"""Areas: county → township (苏木/镇) → village (嘎查/村) → group (组), kept by the users."""

from __future__ import annotations

from casework import validation as v
from casework.db import database
from casework.models import Area, Household
from casework.services.common import ConflictError, apply_changes, get_live, log_event, row_dict
from casework.vocab import AREA_LEVEL

CHILD_LEVEL = {None: "county", "county": "township", "township": "village", "village": "group"}


def create_area(parent_id: str | None, name: str, code: str = "") -> dict:
    """Add an area under `parent_id` (None for a county); its level follows the parent's."""
    with database.atomic():
        parent = get_live(Area, parent_id, "地区") if parent_id else None
        level = (
            CHILD_LEVEL[parent.level if parent else None]
            if (parent is None or parent.level in CHILD_LEVEL)
            else None
        )
        if level is None:
            raise ConflictError("村民小组下不能再添加下级地区")
        clean_name = _clean_name(name, level)
        _refuse_sibling_name(parent_id, clean_name)
        area = Area.create(
            parent=parent_id, level=level, name=clean_name, code=v.text(code, "地区代码", 12)
        )
        log_event("area", area.id, "created", clean_name)
    return row_dict(area)


def rename_area(area_id: str, name: str) -> dict:
    with database.atomic():
        area = get_live(Area, area_id, "地区")
        clean_name = _clean_name(name, area.level)
        _refuse_sibling_name(area.parent_id, clean_name, except_id=area.id)
        if apply_changes(area, {"name": clean_name}, "area"):
            area.save()
    return row_dict(area)


def _clean_name(name: str, level: str) -> str:
    try:
        return v.text(name, AREA_LEVEL[level] + "名称", 50, required=True)
    except v.FieldError as error:
        raise v.ValidationError({"name": error.message}) from None


def _refuse_sibling_name(parent_id: str | None, name: str, except_id: str | None = None) -> None:
    query = Area.select().where(
        (Area.parent == parent_id) if parent_id else Area.parent.is_null(),
        Area.name == name,
        Area.deleted_at.is_null(),
    )
    if except_id:
        query = query.where(Area.id != except_id)
    if query.exists():
        raise v.ValidationError({"name": f"同一上级下已有“{name}”"})


def children(parent_id: str | None) -> list[dict]:
    """Live areas directly under `parent_id` (counties when None), by name."""
    where = (Area.parent == parent_id) if parent_id else Area.parent.is_null()
    query = Area.select().where(where, Area.deleted_at.is_null()).order_by(Area.name)
    return [row_dict(a) for a in query]


def area_tree() -> list[dict]:
    """Every live area as a flat list ordered for a tree: id, parent_id, level, name."""
    rows = (
        Area.select(Area.id, Area.parent, Area.level, Area.name)
        .where(Area.deleted_at.is_null())
        .order_by(Area.name)
        .tuples()
    )
    return [{"id": i, "parent_id": p, "level": lv, "name": n} for i, p, lv, n in rows]


def townships_and_villages() -> list[dict]:
    """The rows of area_tree() at those two levels (the dashboard's pickers), by name.

    In plain SQL, as the dashboard reads them on every start: peewee's building of the
    county's every area, groups included, cost ten times the query.
    """
    rows = database.execute_sql(
        "SELECT id, parent_id, level, name FROM area"
        " WHERE deleted_at IS NULL AND level IN ('township', 'village') ORDER BY name"
    )
    return [{"id": i, "parent_id": p, "level": lv, "name": n} for i, p, lv, n in rows]


def villages() -> list[dict]:
    """Villages with their township's name, for the household form's picker."""
    township = Area.alias()
    rows = (
        Area.select(Area.id, Area.name, township.name)
        .join(township, on=(Area.parent == township.id))
        .where(Area.level == "village", Area.deleted_at.is_null(), township.deleted_at.is_null())
        .order_by(township.name, Area.name)
        .tuples()
    )
    return [{"id": i, "name": n, "township": t, "label": f"{t} {n}"} for i, n, t in rows]


def groups(village_id: str) -> list[dict]:
    return children(village_id)


def area_path(area_id: str | None) -> str:
    """ "架玛吐镇 大新艾力嘎查 三组" style path, county left out."""
    names = []
    while area_id:
        area = Area.get_or_none(Area.id == area_id)
        if area is None:
            break
        if area.level != "county":
            names.append(area.name)
        area_id = area.parent_id
    return " ".join(reversed(names))


def delete_area(area_id: str) -> None:
    """Hide an area with no live households or sub-areas beneath it."""
    from casework.services.register.trash import delete_record

    with database.atomic():
        area = get_live(Area, area_id, "地区")
        in_use = (
            Household.select()
            .where(
                ((Household.village == area_id) | (Household.group == area_id)),
                Household.deleted_at.is_null(),
            )
            .exists()
        )
        if in_use:
            raise ConflictError(f"“{area.name}”下还有农户，不能删除")
        if Area.select().where(Area.parent == area_id, Area.deleted_at.is_null()).exists():
            raise ConflictError(f"“{area.name}”下还有下级地区，不能删除")
        delete_record("area", area, area.name, [])
