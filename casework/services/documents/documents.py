"""What the Word documents need from the register: visits in a range, full place names, lookups.

The exports (casework/exports) build their documents from what these functions and
the other services return; nothing here knows about Word. Visits for a log are read
in one query with their household and place, and their cadres and people in two
more, so a log of hundreds of visits costs three queries, not hundreds.
"""

from __future__ import annotations

import datetime as dt

from peewee import JOIN

from casework import validation as v
from casework.models import Area, Cadre, Household, Person, Visit, VisitCadre
from casework.services.common import NotFoundError, row_dict
from casework.services.register import visits as visit_service


def area_index() -> dict[str, tuple[str, str | None]]:
    """Every area's (name, parent id): one query, for documents naming many places."""
    return {a: (n, p) for a, n, p in Area.select(Area.id, Area.name, Area.parent).tuples()}


def area_names(area_id: str | None, index: dict | None = None) -> list[str]:
    """Names from the county down to `area_id`: ["科左中旗", "架玛吐镇", "大新艾力嘎查"]."""
    names = []
    seen = set()
    while area_id and area_id not in seen:
        seen.add(area_id)
        if index is not None:
            found = index.get(area_id)
        else:
            area = Area.get_or_none(Area.id == area_id)
            found = (area.name, area.parent_id) if area else None
        if found is None:
            break
        names.append(found[0])
        area_id = found[1]
    return list(reversed(names))


def household_place(household_id: str, index: dict | None = None) -> str:
    """The household's full place name, county included: 科左中旗架玛吐镇大新艾力嘎查三组."""
    household = Household.get_or_none(Household.id == household_id)
    if household is None:
        return ""
    return "".join(area_names(household.group_id or household.village_id, index))


def visits_between(
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    household_id: str | None = None,
    village_id: str | None = None,
    cadre_id: str | None = None,
) -> list[dict]:
    """Live visits of live households in [date_from, date_to] (either end open), oldest first.

    Narrowed to one household, one village (its groups included) and/or visits one cadre
    went on. Each row is a visit dict (as visits.get_visit) plus household_code,
    head_name, village_name and area_path.
    """
    query = (
        Visit.select(
            Visit,
            Household.code,
            Household.head_name,
            Household.village.alias("village_ref"),
            Household.group.alias("group_ref"),
            Area.name.alias("village_name"),
        )
        .join(Household, on=(Visit.household == Household.id))
        .join(Area, JOIN.LEFT_OUTER, on=(Household.village == Area.id))
        .where(Visit.deleted_at.is_null(), Household.deleted_at.is_null())
    )
    if date_from:
        query = query.where(Visit.visit_date >= date_from)
    if date_to:
        query = query.where(Visit.visit_date <= date_to)
    if household_id:
        query = query.where(Visit.household == household_id)
    if village_id:
        query = query.where(Household.village == village_id)
    if cadre_id:
        went = VisitCadre.select(VisitCadre.visit).where(VisitCadre.cadre == cadre_id)
        query = query.where(Visit.id.in_(went))
    query = query.order_by(Visit.visit_date, Household.code, Visit.created_at)
    rows = []
    index = None
    for visit in query.objects():
        if index is None:
            index = area_index()
        row = row_dict(visit, list(Visit._meta.fields))
        row.update(
            household_code=visit.code,
            head_name=visit.head_name,
            village_name=visit.village_name or "",
            area_path="".join(area_names(visit.group_ref or visit.village_ref, index)),
        )
        rows.append(row)
    return visit_service.describe_visits(rows) if rows else []


# ---------------------------------------------------------------- lookups (CLI, dialogs)


def household_by_code(code: str) -> dict:
    household = Household.get_or_none(
        (Household.code == code.strip()) & Household.deleted_at.is_null()
    )
    if household is None:
        raise NotFoundError(f"没有户编号为 {code} 的农户")
    return row_dict(household)


def village_by_name(name: str) -> dict:
    """The live village called `name`; refused when several townships have one of that name."""
    rows = list(
        Area.select().where(
            Area.name == name.strip(), Area.level == "village", Area.deleted_at.is_null()
        )
    )
    if not rows:
        raise NotFoundError(f"没有名为“{name}”的嘎查村")
    if len(rows) > 1:
        towns = "、".join("".join(area_names(r.parent_id)) or "（无上级）" for r in rows)
        raise NotFoundError(f"有 {len(rows)} 个名为“{name}”的嘎查村（{towns}），请在窗口中选择")
    return row_dict(rows[0])


def cadre_by_name(name: str) -> dict:
    rows = list(Cadre.select().where(Cadre.name == name.strip(), Cadre.deleted_at.is_null()))
    if not rows:
        raise NotFoundError(f"没有名为“{name}”的干部")
    if len(rows) > 1:
        raise NotFoundError(f"有 {len(rows)} 位名为“{name}”的干部，请在窗口中选择")
    return row_dict(rows[0])


def person_by_id_number(id_number: str) -> dict:
    """The live person with this ID number (typed with spaces or a lower-case x is fine)."""
    try:
        number = v.id_number(id_number).number
    except v.FieldError as error:
        raise NotFoundError(f"身份证号有误：{error.message}") from None
    person = Person.get_or_none((Person.id_number == number) & Person.deleted_at.is_null())
    if person is None:
        raise NotFoundError(f"没有身份证号为 {number} 的人员")
    return row_dict(person, ["id", "name", "household"])
