"""Rows for the lists sent to the county, streamed from the database a cursor at a time.

A county's willing list can hold tens of thousands of people; these generators yield
one plain dict per person, so an export never holds the whole list in memory. A list
exported with full ID numbers and phones is recorded here in the change history.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

from casework import clock
from casework.db import database
from casework.models import Change
from casework.services.common import log_event
from casework.vocab import (
    CONSTRAINT,
    DESTINATION,
    EDUCATION,
    ETHNICITY,
    GENDER,
    HEALTH,
    HOUSEHOLD_STATUS,
    WISH_STATUS,
    label,
    labels,
)


def latest_wish_sql(person: str) -> str:
    """The id of the latest live wish of the person `person` (an SQL column) names: latest
    recorded, then latest entered; found through the (person_id, recorded_on) index."""
    return f"""(
    SELECT w2.id FROM employment_wish w2
    WHERE w2.person_id = {person} AND w2.deleted_at IS NULL
    ORDER BY w2.recorded_on DESC, w2.created_at DESC LIMIT 1
)"""


# On the willing list: people whose latest wish is willing to go out to work and not
# withdrawn, as person_fact keeps it (the rule is in casework/migrations/m0010_person_facts.py;
# the figure 有外出务工意愿 counts the same people); their latest wish gives the columns.
_WILLING_FROM = f"""
    FROM household h
    JOIN person p ON p.household_id = h.id AND p.deleted_at IS NULL
    JOIN person_fact f ON f.person_id = p.id AND f.willing
    JOIN employment_wish l ON l.id = {latest_wish_sql("p.id")}
    WHERE h.deleted_at IS NULL
"""

WILLING_KEYS = (
    "household_code household_status name gender birth_date "
    "ethnicity id_number phone education health destinations job_kinds expected_pay "
    "available_from training_wanted constraints constraint_notes recorded_on status notes"
).split()

# One village at a time: each query sorts a few hundred rows, where one query over the
# county would sort 100,000 in memory (about 80 MiB more at the peak).
_WILLING_SQL = f"""
    SELECT h.code, h.status, p.name, p.gender, p.birth_date,
           p.ethnicity, p.id_number, p.phone, p.education, p.health, l.destinations,
           l.job_kinds, l.expected_pay, l.available_from, l.training_wanted, l.constraints,
           l.constraint_notes, l.recorded_on, l.status, l.notes
    {_WILLING_FROM} AND h.village_id = ?
    ORDER BY h.code, p.relation != 'head', p.birth_date, p.name
"""

_VILLAGES = """
    SELECT v.id, v.name, coalesce(t.name, '') FROM area v LEFT JOIN area t ON t.id = v.parent_id
    WHERE v.level = 'village' AND v.id IN (SELECT village_id FROM household)
    ORDER BY t.name, v.name, v.id
"""


def count_willing() -> int:
    """How many people the willing list holds (for the progress bar)."""
    return database.execute_sql(f"SELECT count(*) {_WILLING_FROM}").fetchone()[0]


def willing_rows(today: dt.date | None = None) -> Iterator[dict]:
    """People whose latest wish is to go out to work (not withdrawn), by township and village.

    Each row carries Chinese labels for the codes, the age today and real dates.
    """
    today = today or clock.today()
    villages = database.execute_sql(_VILLAGES).fetchall()
    for village_id, village, township in villages:
        cursor = database.execute_sql(_WILLING_SQL, (village_id,))
        for values in cursor:
            row = dict(zip(WILLING_KEYS, values, strict=True))
            row["township_name"], row["village_name"] = township, village
            yield _willing_row(row, today)


def _willing_row(row: dict, today: dt.date) -> dict:
    birth = as_date(row["birth_date"])
    row["birth_date"] = birth
    row["age"] = age_on(birth, today) if birth else None
    row["available_from"] = as_date(row["available_from"])
    row["recorded_on"] = as_date(row["recorded_on"])
    row["household_status"] = label(HOUSEHOLD_STATUS, row["household_status"])
    row["gender"] = label(GENDER, row["gender"])
    row["ethnicity"] = label(ETHNICITY, row["ethnicity"])
    row["education"] = label(EDUCATION, row["education"])
    row["health"] = label(HEALTH, row["health"])
    row["destinations"] = labels(DESTINATION, row["destinations"])
    constraints = labels(CONSTRAINT, row["constraints"])
    if row["constraint_notes"]:
        constraints = "；".join(filter(None, [constraints, row["constraint_notes"]]))
    row["constraints"] = constraints
    row["status"] = label(WISH_STATUS, row["status"])
    row["id_number"] = row["id_number"] or ""
    return row


def as_date(value) -> dt.date | None:
    # Raw SQL hands dates back as the ISO text SQLite stores.
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def age_on(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


FULL_IDS_EVENT = "exported_full_ids"


def record_full_ids_export(what: str, file_name: str) -> None:
    """Note in the change history that a list left with full ID numbers and phones."""
    with database.atomic():
        log_event("export", uuid.uuid4().hex, FULL_IDS_EVENT, f"{what}：{file_name}")


def full_ids_exports() -> list[dict]:
    """Every list exported with full ID numbers and phones, the latest first."""
    query = (
        Change.select()
        .where((Change.entity == "export") & (Change.field == FULL_IDS_EVENT))
        .order_by(Change.changed_at.desc(), Change.id.desc())
    )
    return [
        {"detail": c.new_value or "", "changed_at": c.changed_at, "cadre_id": c.cadre_id}
        for c in query
    ]
