"""The denormalised columns on Household that let lists sort and filter on an index.

head_name, member_count, last_visit_date and next_visit_date are recomputed from the
live rows whenever a member or a visit is saved, deleted, restored or imported. The rule
is written once, as SQL over the household row `h` (COLUMNS): `refresh` sets the columns
from it for any number of households in a few statements, and the integrity check
(services.safety.integrity) counts the households whose columns disagree with it.
"""

from __future__ import annotations

from collections.abc import Iterable

from casework.db import database

# Ties are broken by id, so that two heads created in the same instant (a bulk import)
# always give the same answer, whichever of these is asked.
_HEAD = (
    "SELECT p.name FROM person p WHERE p.household_id = h.id AND p.deleted_at IS NULL "
    "AND p.relation = 'head' ORDER BY p.created_at, p.id LIMIT 1"
)
_LATEST_VISIT = (
    "SELECT v.{column} FROM visit v WHERE v.household_id = h.id AND v.deleted_at IS NULL "
    "ORDER BY v.visit_date DESC, v.created_at DESC, v.id DESC LIMIT 1"
)
COLUMNS = {
    "head_name": f"coalesce(({_HEAD}), '')",
    "member_count": (
        "(SELECT count(*) FROM person p WHERE p.household_id = h.id AND p.deleted_at IS NULL)"
    ),
    "last_visit_date": f"({_LATEST_VISIT.format(column='visit_date')})",
    "next_visit_date": f"({_LATEST_VISIT.format(column='next_visit_date')})",
}
# All a new visit can change: its members are as they were.
VISIT_COLUMNS = ("last_visit_date", "next_visit_date")
BATCH = 500  # households a statement: well under SQLite's limit on parameters


def _update(columns: tuple[str, ...]) -> str:
    # Only households whose columns are wrong are written: an unchanged row is not a
    # change to send to colleagues (migration 7's triggers log every write).
    return (
        "UPDATE household AS h SET "
        + ", ".join(f"{column} = {COLUMNS[column]}" for column in columns)
        + " WHERE h.id IN ({marks}) AND ("
        + " OR ".join(f"h.{column} IS NOT {COLUMNS[column]}" for column in columns)
        + ")"
    )


_UPDATES = {tuple(COLUMNS): _update(tuple(COLUMNS)), VISIT_COLUMNS: _update(VISIT_COLUMNS)}


def refresh(household_ids: str | Iterable[str], columns: tuple[str, ...] = tuple(COLUMNS)) -> None:
    """Recompute the summary columns (all, or those named) of one household or many; call
    inside the caller's transaction."""
    ids = [household_ids] if isinstance(household_ids, str) else list(dict.fromkeys(household_ids))
    update = _UPDATES.get(columns) or _update(columns)
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        database.execute_sql(update.format(marks=", ".join("?" * len(batch))), batch)


def disagreeing(column: str) -> str:
    """A condition on household `h`: its `column` is not what the live rows say."""
    return f"h.{column} IS NOT {COLUMNS[column]}"
