"""Rows for the Excel lists that a figure stands behind: the people in Beijing (在京务工).

The list's rows are the members of the figure 在京务工 (definitions.FIGURES["in_beijing"]),
so its row count is the figure: a person at work in Beijing through a placement is one
row with that placement (the latest started, if several), a person whom only the
register's work status puts in Beijing is one row with the register's facts, and the
column 来源 says which.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from casework import clock
from casework.db import database
from casework.periods import Period
from casework.services.figures import counting
from casework.services.figures.definitions import FIGURES
from casework.services.figures.members import grouped_members
from casework.services.figures.scope import Scope
from casework.services.register.list_rows import age_on, as_date
from casework.vocab import GENDER, label
from casework.vocab_jobs import JOB_KIND

# The Beijing placement a person at work there is listed with: the latest started.
_PLACEMENT = """(
    SELECT w.id FROM placement w
    WHERE w.person_id = p.id AND +w.stage = 'working' AND w.place = 'beijing'
      AND w.deleted_at IS NULL
    ORDER BY w.start_date DESC, w.created_at DESC LIMIT 1
)"""

_BEIJING_SQL = """
    SELECT sel.note, p.name, p.gender, p.birth_date, p.id_number, p.phone,
           h.code, coalesce(va.name, ''), coalesce(t.name, ''),
           pl.employer_name, pl.position, pl.job_kind, pl.start_date, pl.monthly_pay,
           pl.organised, pl.notes
    FROM ({selected}) sel JOIN person p ON p.id = sel.member
    JOIN household h ON h.id = p.household_id
    LEFT JOIN area va ON va.id = h.village_id LEFT JOIN area t ON t.id = va.parent_id
    LEFT JOIN placement pl ON pl.id = {placement}
    ORDER BY t.name, va.name, h.code, p.relation != 'head', p.name
"""
BEIJING_KEYS = (
    "source name gender birth_date id_number phone household_code village_name "
    "township_name employer_name position job_kind start_date monthly_pay organised notes"
).split()


def beijing_rows(scope: Scope | None = None, today: dt.date | None = None) -> Iterator[dict]:
    """The people in Beijing now, one row each, by township, village and household."""
    scope, today = scope or Scope(), today or clock.today()
    values = {**scope.prepare(), **counting.params(Period(), today)}
    selected = grouped_members(FIGURES["in_beijing"], scope, Period())
    sql = _BEIJING_SQL.format(selected=selected, placement=_PLACEMENT)
    for values_row in database.execute_sql(sql, values).fetchall():
        row = dict(zip(BEIJING_KEYS, values_row, strict=True))
        birth = as_date(row["birth_date"])
        row["age"] = age_on(birth, today) if birth else None
        row["gender_label"] = label(GENDER, row["gender"])
        row["job_kind_label"] = label(JOB_KIND, row["job_kind"])
        row["start_date"] = as_date(row["start_date"])
        row["id_number"] = row["id_number"] or ""
        row["notes"] = row["notes"] or ""
        placed = row["employer_name"] is not None
        row["organised_label"] = (
            ("有组织输出" if row["organised"] else "自主就业") if placed else ""
        )
        yield row
