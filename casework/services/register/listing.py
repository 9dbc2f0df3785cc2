"""The household list: filters, sorting, search and paging straight from the database.

A page is one query with LIMIT/OFFSET on indexed columns; no list ever loads every
household into Python.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, replace

from peewee import DateField, DateTimeField

from casework import clock
from casework.db import database
from casework.models import Household
from casework.services.register import cadre_households, search
from casework.vocab import HOUSEHOLD_STATUS, label

# The sortable fields: the list's headings and the ends of the follow-up lists. Each has
# an index of live households to walk, the code breaking ties (migration 8).
SORTS = ("code", "head_name", "status", "member_count", "last_visit_date", "next_visit_date")


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

# The list reads households in plain SQL, as the search does: on every keystroke,
# peewee's building of the query and of 50 row dicts cost more than the queries.
_FIELDS = Household._meta.sorted_fields
_PAGE_SQL = (
    "SELECT "
    + ", ".join(f"h.{f.column_name}" for f in _FIELDS)
    + ' FROM "household" h WHERE {where} ORDER BY {order}'
)
# The names of a page's places (each area, and its parent's), asked after the page: joined
# into it, they would be looked up for every match a search sorts, not for 50.
_PLACES_SQL = (
    "SELECT a.id, a.name, coalesce(p.name, '') FROM area a LEFT JOIN area p ON p.id = a.parent_id "
    "WHERE a.id IN (SELECT value FROM json_each(?))"
)


def _where(f: HouseholdFilter, found: list[str] | None = None, scan: bool = False):
    """(SQL condition on household `h`, its parameters): live households passing `f`;
    `found`: the ids its text found."""
    where, params = ["h.deleted_at IS NULL"], []
    if found is not None:
        # The ids travel as one JSON parameter, however many a broad search finds. With
        # `scan`, `id || ''` keeps SQLite from driving the query from the matches, so
        # that it walks the sort's index instead.
        column = "h.id || ''" if scan else "h.id"
        where.append(f"{column} IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(found))
    if f.village_id:
        where.append("h.village_id = ?")
        params.append(f.village_id)
    elif f.township_id:
        where.append("h.village_id IN (SELECT id FROM area WHERE parent_id = ?)")
        params.append(f.township_id)
    if f.status:
        where.append("h.status = ?")
        params.append(f.status)
    if f.visited_since:
        where.append("h.last_visit_date >= ?")
        params.append(f.visited_since.isoformat())
    if f.not_visited_since:
        where.append("(h.last_visit_date IS NULL OR h.last_visit_date < ?)")
        params.append(f.not_visited_since.isoformat())
    if f.due_by:
        where.append("h.next_visit_date <= ?")
        params.append(f.due_by.isoformat())
    if f.cadre_id:
        visited = cadre_households.table(f.cadre_id)
        where.append(f"h.id IN (SELECT household_id FROM {visited})")
    return " AND ".join(where), params


def _order(sort: str, descending: bool) -> str:
    column = f"h.{sort if sort in SORTS else 'code'}"
    order = f"{column} DESC NULLS LAST" if descending else f"{column} ASC NULLS FIRST"
    if column != "h.code":
        order += ", h.code DESC" if descending else ", h.code ASC"
    return order


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
    order = _order(sort, descending)
    found = search.find(f.text) if f.text else None
    ids = found.household_ids() if found else None
    if ids is not None and _only_text(f):
        # Every indexed person is live and so is their household.
        total = len(ids)
    else:
        where, params = _where(f, ids)
        sql = f'SELECT count(*) FROM "household" h WHERE {where}'
        total = database.execute_sql(sql, params).fetchone()[0]
    # Every sort has an index to walk, the code breaking ties in the same direction.
    scan = ids is not None and total >= SCAN_FROM
    if scan and _only_text(f):
        chosen = _walk(set(ids), order, page * page_size, page_size)
        sql = _PAGE_SQL.format(where="h.id IN (SELECT value FROM json_each(?))", order=order)
        params = [json.dumps(chosen)]
    elif ids is not None and not scan:
        # The few matches are looked up and sorted: by their ids and sort keys alone, and
        # only the page's rows read whole (half the time for a few hundred matches).
        where, params = _where(f, ids)
        chosen = f'SELECT h.id FROM "household" h WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?'
        sql = _PAGE_SQL.format(where=f"h.id IN ({chosen})", order=order)
        params += [page_size, page * page_size]
    else:
        where, params = _where(f, ids, scan)
        sql = _PAGE_SQL.format(where=where, order=order) + " LIMIT ? OFFSET ?"
        params += [page_size, page * page_size]
    rows = database.execute_sql(sql, params).fetchall()
    return HouseholdPage(_describe(rows), total, bool(found and found.too_broad))


def _walk(found: set[str], order: str, skip: int, count: int) -> list[str]:
    """The ids of `count` households of `found` after the first `skip`, in `order`: the
    sort's index is walked a stretch at a time and each id looked up in the set here,
    which is cheaper than handing SQLite thousands of ids for the first page or two.

    Each step of the walk reads a household's row (for its id), so the first stretch is
    as long as the share of households found says the page needs, and seldom a second.
    """
    # A stretch's ids come back as one string: a row each would be thousands of objects.
    stretch_sql = (
        "SELECT group_concat(id, ',') FROM (SELECT h.id FROM \"household\" h "
        f"WHERE h.deleted_at IS NULL ORDER BY {order} LIMIT ? OFFSET ?)"
    )
    # The highest rowid: as many households as were ever added, cheaper than counting.
    households = database.execute_sql('SELECT max(rowid) FROM "household"').fetchone()[0] or 0
    kept: list[str] = []
    offset, stretch = 0, (skip + count) * max(households, 1) * 5 // (4 * len(found)) + count
    while len(kept) < skip + count:
        joined = database.execute_sql(stretch_sql, [stretch, offset]).fetchone()[0]
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


def _reader(field) -> Callable | None:
    """How the text SQLite hands back for `field` becomes the value its model gives."""
    if not isinstance(field, DateField | DateTimeField):
        return None  # text and numbers come back as they are stored

    def read(value):
        # peewee tries its formats with strptime, ten times the cost for 50 rows.
        try:
            parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is not None:
            return field.python_value(value)
        return parsed if isinstance(field, DateTimeField) else parsed.date()

    return read


_READERS = [(f.name, _reader(f)) for f in _FIELDS]


def _describe(rows: list[tuple]) -> list[dict]:
    """Row dicts keyed as the model names its fields, with the place's names and labels."""
    described = []
    for values in rows:
        row = {
            name: read(value) if read and value is not None else value
            for (name, read), value in zip(_READERS, values, strict=True)
        }
        row["village_id"], row["group_id"] = row.pop("village"), row.pop("group")
        described.append(row)
    area_ids = {r["village_id"] for r in described} | {r["group_id"] for r in described}
    area_ids.discard(None)
    # {area id: (its name, its parent's name)}, in one query for the page.
    names = {
        area_id: (name, parent_name)
        for area_id, name, parent_name in database.execute_sql(
            _PLACES_SQL, [json.dumps(sorted(area_ids))]
        )
    }
    today = clock.today()
    for row in described:
        village_name, township_name = names.get(row["village_id"], ("", ""))
        group_name = names[row["group_id"]][0] if row["group_id"] in names else ""
        row["village_name"], row["township_name"] = village_name, township_name
        row["area_label"] = " ".join(n for n in (township_name, village_name, group_name) if n)
        row["status_label"] = label(HOUSEHOLD_STATUS, row["status"])
        next_visit = row["next_visit_date"]
        row["days_overdue"] = (today - next_visit).days if next_visit and next_visit <= today else 0
        last = row["last_visit_date"]
        row["days_since_visit"] = (today - last).days if last else None
    return described


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
