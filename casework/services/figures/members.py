"""Who (or what) is behind a figure: its members, a page at a time, with what a list shows.

The rows come from the figure's own members query (casework.services.figures.definitions)
and the scope's join, grouped by member: so the list behind a figure has exactly as many
rows as the figure counts (for a sum, as many as it adds up), a person with two
placements is one row, and the row says where the person was found (来源).
"""

from __future__ import annotations

import datetime as dt

from casework import clock
from casework.db import database
from casework.periods import Period, week_end
from casework.services.figures import counting
from casework.services.figures.definitions import FIGURES, Figure
from casework.services.figures.scope import Scope
from casework.services.register.list_rows import age_on, as_date
from casework.vocab import GENDER, HOUSEHOLD_STATUS, VISIT_KIND, WORK_STATUS, label
from casework.vocab_training import TRAINING_KIND

_AREA = """
    JOIN household h ON h.id = {household}
    LEFT JOIN area va ON va.id = h.village_id LEFT JOIN area t ON t.id = va.parent_id
"""
_PLACE = "h.id AS household_id, h.code AS household_code, coalesce(va.name, '') AS village_name, "
_PLACE += "coalesce(t.name, '') AS township_name"
_BY_PLACE = "t.name, va.name, h.code"

# For each kind of member: the columns a list shows, its joins and its order.
DETAILS = {
    "person": (
        f"sel.note, p.name, p.gender, p.birth_date, p.id_number, p.phone, p.work_status, "
        f"p.relation, h.status AS household_status, {_PLACE}",
        "JOIN person p ON p.id = sel.member" + _AREA.format(household="p.household_id"),
        f"{_BY_PLACE}, p.relation != 'head', p.name",
    ),
    "household": (
        f"sel.n, h.head_name, h.status AS household_status, h.member_count, "
        f"h.last_visit_date, h.next_visit_date, {_PLACE}",
        _AREA.format(household="sel.member"),
        f"h.next_visit_date, {_BY_PLACE}",
    ),
    "visit": (
        f"v.visit_date, v.kind, h.head_name, {_PLACE}",
        "JOIN visit v ON v.id = sel.member" + _AREA.format(household="v.household_id"),
        f"v.visit_date DESC, {_BY_PLACE}",
    ),
    "class": (
        "sel.n, c.name, c.kind, c.start_date, c.end_date, c.place, c.organiser",
        "JOIN training_class c ON c.id = sel.member",
        "c.start_date DESC, c.name",
    ),
    "posting": (
        "sel.value AS still_wanted, e.name AS employer_name, jp.position, jp.headcount, "
        "jp.place, jp.valid_until",
        "JOIN job_posting jp ON jp.id = sel.member JOIN employer e ON e.id = jp.employer_id",
        "e.name, jp.position",
    ),
    "payment": (
        f"sp.paid_on, sp.amount, sp.paid_by, pl.employer_name, p.name, p.gender, {_PLACE}",
        "JOIN subsidy_payment sp ON sp.id = sel.member "
        "JOIN placement pl ON pl.id = sp.placement_id JOIN person p ON p.id = sp.person_id"
        + _AREA.format(household="p.household_id"),
        f"sp.paid_on DESC, {_BY_PLACE}",
    ),
}
DATES = ("birth_date", "last_visit_date", "next_visit_date", "visit_date", "start_date",
         "end_date", "valid_until", "paid_on")  # fmt: skip


def grouped_members(figure: Figure, scope: Scope, period: Period) -> str:
    """One row per member of `figure` in the scope: member, note, day, value, n (rows)."""
    joins, _column = scope.join("m.household_id")
    if not figure.scoped:
        joins = ""
    where = f" WHERE {figure.condition}" if figure.condition else ""
    return (
        "SELECT m.member, max(m.note) AS note, min(m.day) AS day, max(m.value) AS value, "
        f"count(*) AS n FROM ({counting.members_query(figure, period)}) m{joins}{where} "
        "GROUP BY m.member"
    )


def members_slice(
    key: str,
    scope: Scope | None = None,
    period: Period | None = None,
    today: dt.date | None = None,
    offset: int = 0,
    limit: int = 50,
) -> tuple[list[dict], int]:
    """`limit` members of the figure `key` from the `offset`-th, and how many there are."""
    scope, period = scope or Scope(), period or Period()
    today = today or clock.today()
    figure = FIGURES[key]
    values = {**scope.prepare(), **counting.params(period, today)}
    if key in counting.PYTHON_FIGURES:
        rows = _roster_members(key, scope, period, today)
        return rows[offset : offset + limit], len(rows)
    selected = grouped_members(figure, scope, period)
    total = database.execute_sql(f"SELECT count(*) FROM ({selected})", values).fetchone()[0]
    if limit <= 0 or offset >= total:
        return [], total
    columns, joins, order = DETAILS[figure.kind]
    cursor = database.execute_sql(
        f"SELECT sel.member AS id, {columns} FROM ({selected}) sel {joins} "
        f"ORDER BY {order} LIMIT :limit OFFSET :offset",
        {**values, "limit": limit, "offset": offset},
    )
    names = [d[0] for d in cursor.description]
    return [_described(dict(zip(names, row, strict=True)), today) for row in cursor], total


def _roster_members(key: str, scope: Scope, period: Period, today: dt.date) -> list[dict]:
    """The members of a figure counted in Python, as its service lists them."""
    from casework.services.jobs import subsidy, work_checks

    source = counting.PYTHON_FIGURES[key]
    if source == "subsidy":
        rows = counting.in_scope(
            counting.python_members(key, subsidy.subsidy_rows(today), period), scope
        )
        return sorted(rows, key=lambda r: (r["township_name"] or "", r["village_name"] or "",
                                           r["eligible_on"] or dt.date.max))  # fmt: skip
    if source == "work_checks":
        end = week_end(today)
        rows = work_checks.due_rows(scope, within_days=(end - today).days, today=today)
        due = key == "work_checks_due"
        return counting.once_each([r for r in rows if (r["due_on"] <= today) == due], "person_id")
    ended = work_checks.left_early_rows(scope, period, today)
    return counting.once_each(ended, "person_id")


def _described(row: dict, today: dt.date) -> dict:
    """Real dates, an age, and Chinese labels next to the codes of a member row."""
    for key in DATES:
        if key in row:
            row[key] = as_date(row[key])
    if row.get("birth_date"):
        row["age"] = age_on(row["birth_date"], today)
    elif "birth_date" in row:
        row["age"] = None
    for key, vocabulary in (
        ("gender", GENDER),
        ("household_status", HOUSEHOLD_STATUS),
        ("work_status", WORK_STATUS),
        ("kind", TRAINING_KIND if "organiser" in row else VISIT_KIND),
    ):
        if key in row:
            row[f"{key}_label"] = label(vocabulary, row[key])
    if "id_number" in row:
        row["id_number"] = row["id_number"] or ""
    return row


def pages_of(
    keys: list[str],
    scope: Scope | None = None,
    period: Period | None = None,
    today: dt.date | None = None,
    page: int = 0,
    page_size: int = 50,
) -> tuple[list[dict], int]:
    """One page of the members of several figures, one figure's after another's (the
    follow-ups already due, then those due this week), each row with its "figure"."""
    offset, rows, total = page * page_size, [], 0
    for key in keys:
        found, count = members_slice(key, scope, period, today, offset, page_size - len(rows))
        rows += [dict(row, figure=key) for row in found]
        offset, total = max(0, offset - count), total + count
    return rows, total
