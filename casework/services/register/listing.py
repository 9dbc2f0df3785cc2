"""The household list: filters, sorting, search and paging straight from the database.

A page is one query with LIMIT/OFFSET on indexed columns; no list ever loads every
household into Python.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace

from peewee import JOIN, SQL

from casework import clock
from casework.db import database
from casework.models import Area, Household
from casework.services.register import cadre_households, search
from casework.vocab import HOUSEHOLD_STATUS, label

SORTS = {
    "code": Household.code,
    "head_name": Household.head_name,
    "status": Household.status,
    "member_count": Household.member_count,
    "last_visit_date": Household.last_visit_date,
    "next_visit_date": Household.next_visit_date,
}


@dataclass
class HouseholdFilter:
    text: str = ""
    township_id: str | None = None
    village_id: str | None = None
    status: str | None = None
    visited_since: dt.date | None = None  # last visit on or after this date
    not_visited_since: dt.date | None = None  # never visited, or last visit before this date
    due_by: dt.date | None = None  # next-visit date on or before this date
    cadre_id: str | None = None  # households this cadre has visited (cadre_households)


# Above this many matching households, a page sorted on an index walks that index and
# keeps the matches (a few hundred index steps for a page); below it, the matches are
# looked up and sorted. Measured on 30,000 households: both ways stay near 5 ms on
# their side of it.
SCAN_FROM = 1000


def _where(query, f: HouseholdFilter, found: list[str] | None = None, scan: bool = False):
    """`query` narrowed to live households passing `f`; `found`: the ids its text found."""
    query = query.where(Household.deleted_at.is_null())
    if found is not None:
        # The ids travel as one JSON parameter, however many a broad search finds. With
        # `scan`, `id || ''` keeps SQLite from driving the query from the matches, so
        # that it walks the sort's index instead.
        column = Household.id.concat("") if scan else Household.id
        ids = SQL("(SELECT value FROM json_each(?))", [json.dumps(found)])
        query = query.where(column.in_(ids))
    if f.village_id:
        query = query.where(Household.village == f.village_id)
    elif f.township_id:
        villages = Area.select(Area.id).where(Area.parent == f.township_id)
        query = query.where(Household.village.in_(villages))
    if f.status:
        query = query.where(Household.status == f.status)
    if f.visited_since:
        query = query.where(Household.last_visit_date >= f.visited_since)
    if f.not_visited_since:
        query = query.where(
            Household.last_visit_date.is_null() | (Household.last_visit_date < f.not_visited_since)
        )
    if f.due_by:
        query = query.where(Household.next_visit_date <= f.due_by)
    if f.cadre_id:
        visited = cadre_households.table(f.cadre_id)
        query = query.where(Household.id.in_(SQL(f"(SELECT household_id FROM {visited})")))
    return query


def _only_text(f: HouseholdFilter) -> bool:
    return f == HouseholdFilter(text=f.text)


@dataclass
class HouseholdPage:
    rows: list[dict]
    total: int
    # The search text matched more people than search.MATCH_LIMIT: only the first of
    # them are listed, and the screen asks for a longer query.
    too_broad: bool = False


def household_page(
    f: HouseholdFilter | None = None,
    sort: str = "code",
    descending: bool = False,
    page: int = 0,
    page_size: int = 50,
) -> HouseholdPage:
    """One page of live households matching `f`, and how many match in all.

    The search text is looked up once (search.find); the households it found are
    counted, filtered and paged from that one answer.
    """
    f = f or HouseholdFilter()
    column = SORTS.get(sort, Household.code)
    order = [column.desc(nulls="LAST") if descending else column.asc(nulls="FIRST")]
    if column is not Household.code:
        order.append(Household.code.desc() if descending else Household.code)
    found = search.find(f.text) if f.text else None
    ids = found.household_ids() if found else None
    if ids is not None and _only_text(f):
        # Every indexed person is live and so is their household.
        total = len(ids)
    else:
        total = _where(Household.select(), f, ids).count()
    # Every sort has an index to walk, the code breaking ties in the same direction
    # (migration 8).
    scan = ids is not None and total >= SCAN_FROM
    if scan and _only_text(f):
        chosen = _walk(set(ids), order, page * page_size, page_size)
        query = Household.select().where(Household.id.in_(chosen)).order_by(*order)
    else:
        query = _where(Household.select(), f, ids, scan).order_by(*order)
        query = query.limit(page_size).offset(page * page_size)
    return HouseholdPage(_describe(list(query.dicts())), total, bool(found and found.too_broad))


def _walk(found: set[str], order: list, skip: int, count: int) -> list[str]:
    """The ids of `count` households of `found` after the first `skip`, in `order`: the
    sort's index is walked a stretch at a time and each id looked up in the set here,
    which is cheaper than handing SQLite thousands of ids for the first page or two."""
    walk = Household.select(Household.id).where(Household.deleted_at.is_null()).order_by(*order)
    sql, params = walk.sql()
    # A stretch's ids come back as one string: a row each would be thousands of objects.
    stretch_sql = f"SELECT group_concat(id, ',') FROM ({sql} LIMIT ? OFFSET ?)"
    kept: list[str] = []
    offset, stretch = 0, 4 * (skip + count)
    while len(kept) < skip + count:
        joined = database.execute_sql(stretch_sql, [*params, stretch, offset]).fetchone()[0]
        stretch_ids = joined.split(",") if joined else []
        kept += [i for i in stretch_ids if i in found]
        if len(stretch_ids) < stretch:
            break
        offset, stretch = offset + stretch, stretch * 2
    return kept[skip : skip + count]


def list_households(
    f: HouseholdFilter | None = None,
    sort: str = "code",
    descending: bool = False,
    page: int = 0,
    page_size: int = 50,
) -> tuple[list[dict], int]:
    """(rows, total) of household_page, for callers that need no more."""
    result = household_page(f, sort, descending, page, page_size)
    return result.rows, result.total


def _describe(rows: list[dict]) -> list[dict]:
    area_ids = {r["village"] for r in rows} | {r["group"] for r in rows if r["group"]}
    parent = Area.alias()
    # {area id: (its name, its parent's name)}, in one query for the page.
    names = {
        area_id: (name, parent_name or "")
        for area_id, name, parent_name in Area.select(Area.id, Area.name, parent.name)
        .join(parent, JOIN.LEFT_OUTER, on=(Area.parent == parent.id))
        .where(Area.id.in_(list(area_ids)))
        .tuples()
    }
    today = clock.today()
    for row in rows:
        village_name, township_name = names.get(row["village"], ("", ""))
        group_name = names[row["group"]][0] if row["group"] in names else ""
        row["village_id"], row["group_id"] = row.pop("village"), row.pop("group")
        row["village_name"], row["township_name"] = village_name, township_name
        row["area_label"] = " ".join(n for n in (township_name, village_name, group_name) if n)
        row["status_label"] = label(HOUSEHOLD_STATUS, row["status"])
        next_visit = row["next_visit_date"]
        row["days_overdue"] = (today - next_visit).days if next_visit and next_visit <= today else 0
        last = row["last_visit_date"]
        row["days_since_visit"] = (today - last).days if last else None
    return rows


def follow_ups_due(
    page: int = 0,
    page_size: int = 50,
    today: dt.date | None = None,
    within: HouseholdFilter | None = None,
) -> tuple[list[dict], int]:
    """Households whose next-visit date has come, most overdue first; `within` narrows
    them (a village, a cadre's households)."""
    f = replace(within or HouseholdFilter(), due_by=today or clock.today())
    return list_households(f, sort="next_visit_date", page=page, page_size=page_size)


def not_visited_for(
    days: int,
    page: int = 0,
    page_size: int = 50,
    today: dt.date | None = None,
    within: HouseholdFilter | None = None,
) -> tuple[list[dict], int]:
    """Households with no visit in the last `days` days (never visited first); `within`
    narrows them as for follow_ups_due."""
    since = (today or clock.today()) - dt.timedelta(days=days)
    f = replace(within or HouseholdFilter(), not_visited_since=since)
    return list_households(f, sort="last_visit_date", page=page, page_size=page_size)
