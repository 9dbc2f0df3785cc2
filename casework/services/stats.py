"""The register's headline figures (households, people, visits, wishes, follow-ups), by SQL.

Every figure counts live records only: the record itself and its household are not
deleted. Each is one aggregate query on indexed columns, so the figures come back in
milliseconds on a county's caseload and no row is ever loaded into Python.
"""

from __future__ import annotations

import datetime as dt

from casework import clock
from casework.db import database

NOT_VISITED_DAYS = 90

# Chinese labels for the figures, in the order a table shows them.
LABELS = {
    "households": "农户",
    "people": "家庭成员",
    "visits": "走访记录",
    "people_with_wish": "登记了就业意愿的人",
    "willing_to_go_out": "愿意外出务工的人（按最新意愿）",
    "follow_ups_due": "到期应回访的农户",
    "not_visited_90_days": f"{NOT_VISITED_DAYS}天以上未走访的农户",
}

# Live people's live wishes.
_LIVE_WISHES = (
    "employment_wish w JOIN person p ON p.id = w.person_id "
    "JOIN household h ON h.id = p.household_id "
    "WHERE w.deleted_at IS NULL AND p.deleted_at IS NULL AND h.deleted_at IS NULL"
)

QUERIES = {
    "households": "SELECT COUNT(*) FROM household WHERE deleted_at IS NULL",
    "people": (
        "SELECT COUNT(*) FROM person p JOIN household h ON h.id = p.household_id "
        "WHERE p.deleted_at IS NULL AND h.deleted_at IS NULL"
    ),
    "visits": (
        "SELECT COUNT(*) FROM visit v JOIN household h ON h.id = v.household_id "
        "WHERE v.deleted_at IS NULL AND h.deleted_at IS NULL"
    ),
    "people_with_wish": f"SELECT COUNT(DISTINCT w.person_id) FROM {_LIVE_WISHES}",
    # A person's current wish is their latest live one: latest recorded_on, then latest
    # entered, the order services.wishes gives a person's history.
    "willing_to_go_out": f"""
        SELECT COUNT(*) FROM (
            SELECT w.willing_to_go_out, ROW_NUMBER() OVER (
                PARTITION BY w.person_id
                ORDER BY w.recorded_on DESC, w.created_at DESC, w.id DESC
            ) AS position
            FROM {_LIVE_WISHES}
        ) WHERE position = 1 AND willing_to_go_out
    """,
}


def summary(today: dt.date | None = None) -> dict[str, int | str]:
    """The headline figures as of `today` (default: the clock's today), keyed as in LABELS.

    Also returns "as_of", the ISO date the follow-up figures were computed for.
    """
    today = today or clock.today()
    figures: dict[str, int | str] = {"as_of": today.isoformat()}
    for key, sql in QUERIES.items():
        figures[key] = database.execute_sql(sql).fetchone()[0]
    # Dates are stored as ISO text, so they compare correctly as strings.
    figures["follow_ups_due"] = database.execute_sql(
        "SELECT COUNT(*) FROM household WHERE deleted_at IS NULL AND next_visit_date <= ?",
        (today.isoformat(),),
    ).fetchone()[0]
    cutoff = today - dt.timedelta(days=NOT_VISITED_DAYS)
    figures["not_visited_90_days"] = database.execute_sql(
        "SELECT COUNT(*) FROM household WHERE deleted_at IS NULL "
        "AND (last_visit_date IS NULL OR last_visit_date < ?)",
        (cutoff.isoformat(),),
    ).fetchone()[0]
    return figures
