"""Did a trained person find work after the class? From placements, else the work status.

The evidence is a live placement at stage hired or working that began after the class
ended (the start of work, or the hiring date while not yet at work). A person with no
such placement on record at all may still have found work on their own, so their
current work situation counts when it is a job, shown as "现赴京务工" rather than a date.
"""

from __future__ import annotations

import datetime as dt

from casework.models import Person, Placement
from casework.vocab import WORK_STATUS, label

EMPLOYED = {"local", "in_county", "in_region", "beijing", "other_province", "self_employed"}
WORKING_STAGES = ("hired", "working")
STAGE_WORD = {"hired": "录用", "working": "上岗"}


def work_after(pairs: list[tuple[str, dt.date | None]]) -> dict[tuple, str]:
    """For (person id, class end date) pairs: a Chinese note on the work found, if any."""
    if not pairs:
        return {}
    person_ids = list(dict.fromkeys(p for p, _ in pairs))
    starts = _placement_starts(person_ids)
    statuses = _work_statuses(person_ids)
    result: dict[tuple, str] = {}
    for person_id, ended in pairs:
        later = [
            (start, where, employer)
            for start, where, employer in starts.get(person_id, [])
            if ended is None or start > ended
        ]
        if later:
            start, where, employer = min(later)
            result[(person_id, ended)] = f"{start.isoformat()} {where} {employer}".strip()
        elif person_id not in starts and statuses.get(person_id) in EMPLOYED:
            result[(person_id, ended)] = "现" + label(WORK_STATUS, statuses[person_id])
    return result


def _chunks(items: list, size: int = 900):
    # SQLite limits the bound parameters of one statement.
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _work_statuses(person_ids: list[str]) -> dict[str, str]:
    found = {}
    for chunk in _chunks(person_ids):
        query = Person.select(Person.id, Person.work_status).where(Person.id.in_(chunk)).tuples()
        found.update(dict(query))
    return found


def _placement_starts(person_ids: list[str]) -> dict[str, list[tuple[dt.date, str, str]]]:
    """(start, stage word, employer) of each person's live hired/working placements."""
    found: dict[str, list[tuple[dt.date, str, str]]] = {}
    for chunk in _chunks(person_ids):
        query = (
            Placement.select(
                Placement.person,
                Placement.stage,
                Placement.start_date,
                Placement.hired_on,
                Placement.stage_date,
                Placement.employer_name,
            )
            .where(
                Placement.person.in_(chunk),
                Placement.stage.in_(WORKING_STAGES),
                Placement.deleted_at.is_null(),
            )
            .tuples()
        )
        for person_id, stage, start, hired, stage_date, employer in query:
            began = start or hired or stage_date
            found.setdefault(person_id, []).append((began, STAGE_WORD[stage], employer or ""))
    return found
