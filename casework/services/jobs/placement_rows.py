"""Reading placements: one placement with its stage history, pages of them, who is at work.

The write side (recommend, stages, the person's work status) is casework.services.jobs.placements,
which re-exports these functions, so callers need only that module.
"""

from __future__ import annotations

import datetime as dt

from peewee import JOIN

from casework import clock
from casework.db import database
from casework.models import Area, Household, Person, Placement, PlacementEvent
from casework.services.common import get_live, row_dict
from casework.vocab import DESTINATION, GENDER, WORK_STATUS, label
from casework.vocab_jobs import JOB_KIND, PLACEMENT_STAGE, WORK_STATUS_FOR_PLACE

# The events working periods are made of.
WORK_EVENTS = ("working", "left")


def working_periods(events: list[tuple[str, dt.date]]) -> list[tuple[dt.date, dt.date | None]]:
    """(stage, date) events in order → working periods (start, last day worked or None)."""
    periods: list[tuple[dt.date, dt.date | None]] = []
    start = None
    for stage, when in events:
        if stage == "working" and start is None:
            start = when
        elif stage == "left" and start is not None:
            periods.append((start, when))
            start = None
    if start is not None:
        periods.append((start, None))
    return periods


def events_of(placement_ids, stages: tuple[str, ...] = ()) -> dict[str, list[tuple[str, dt.date]]]:
    """Each placement's live events as (stage, date), oldest first, of the `stages` given
    (all when none: working periods need only WORK_EVENTS); the placements are a list of
    ids or a query selecting them (for thousands, quicker than their ids).

    Plain SQL: peewee's conversion of each row's date cost four times the query."""
    found: dict[str, list[tuple[str, dt.date]]] = {}
    if isinstance(placement_ids, list):
        chunks = [placement_ids[i : i + 900] for i in range(0, len(placement_ids), 900)]
        sources = [(", ".join("?" * len(chunk)), chunk) for chunk in chunks if chunk]
    else:
        sources = [placement_ids.sql()]
    days: dict[str, dt.date] = {}  # a county's events fall on a few hundred days
    only = f" AND stage IN ({', '.join(repr(stage) for stage in stages)})" if stages else ""
    for ids, params in sources:
        cursor = database.execute_sql(
            "SELECT placement_id, stage, event_date FROM placement_event "
            f"WHERE placement_id IN ({ids}) AND deleted_at IS NULL{only} "
            "ORDER BY event_date, created_at",
            params,
        )
        for placement_id, stage, when in cursor:
            day = days.get(when)
            if day is None:
                day = days[when] = dt.date.fromisoformat(str(when)[:10])
            found.setdefault(placement_id, []).append((stage, day))
    return found


def get_placement(placement_id: str) -> dict:
    get_live(Placement, placement_id, "就业跟踪")
    data = rows_of(base_query().where(Placement.id == placement_id))[0]
    events = (
        PlacementEvent.select()
        .where(PlacementEvent.placement == placement_id, PlacementEvent.deleted_at.is_null())
        .order_by(PlacementEvent.event_date, PlacementEvent.created_at)
    )
    data["events"] = [
        {
            "id": e.id,
            "stage": e.stage,
            "stage_label": label(PLACEMENT_STAGE, e.stage),
            "event_date": e.event_date,
            "notes": e.notes,
        }
        for e in events
    ]
    return data


def base_query():
    village = Area.alias()
    township = Area.alias()
    return (
        Placement.select(
            Placement,
            Person.name.alias("name"),
            Person.gender.alias("gender"),
            Person.id_number.alias("id_number"),
            Person.birth_date.alias("birth_date"),
            Person.phone.alias("phone"),
            Household.id.alias("household_id"),
            Household.code.alias("household_code"),
            village.name.alias("village_name"),
            township.name.alias("township_name"),
        )
        .join(Person, on=(Placement.person == Person.id))
        .join(Household, on=(Person.household == Household.id))
        .join(village, JOIN.LEFT_OUTER, on=(Household.village == village.id))
        .join(township, JOIN.LEFT_OUTER, on=(village.parent == township.id))
        .where(Placement.deleted_at.is_null(), Person.deleted_at.is_null())
    )


EXTRA = (
    "name gender id_number birth_date phone household_id household_code village_name township_name"
).split()


def rows_of(query) -> list[dict]:
    rows = []
    for record in query.objects():
        data = row_dict(record, list(Placement._meta.fields))
        for extra in EXTRA:
            data[extra] = getattr(record, extra)
        rows.append(with_labels(data))
    return rows


def with_labels(data: dict) -> dict:
    data["stage_label"] = label(PLACEMENT_STAGE, data["stage"])
    data["place_label"] = label(DESTINATION, data["place"])
    data["job_kind_label"] = label(JOB_KIND, data.get("job_kind"))
    data["organised_label"] = "有组织输出" if data["organised"] else "自主就业"
    data["gender_label"] = label(GENDER, data.get("gender"))
    data["id_number"] = data.get("id_number") or ""
    birth = data.get("birth_date")
    today = clock.today()
    data["age"] = (
        today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
        if birth
        else None
    )
    data["work_status_label"] = label(WORK_STATUS, WORK_STATUS_FOR_PLACE.get(data["place"]))
    return data


def list_placements(
    stage: str | None = None,
    text: str = "",
    place: str | None = None,
    page: int = 0,
    page_size: int = 50,
) -> tuple[list[dict], int]:
    """One page of live placements, the most recently changed stage first."""
    query = base_query()
    if stage:
        query = query.where(Placement.stage == stage)
    if place:
        query = query.where(Placement.place == place)
    text = text.strip()
    if text:
        query = query.where(
            Person.name.contains(text)
            | Placement.employer_name.contains(text)
            | Placement.position.contains(text)
            | (Person.id_number == text.upper())
        )
    total = query.count()
    order = (Placement.stage_date.desc(), Placement.updated_at.desc())
    return rows_of(query.order_by(*order).paginate(page + 1, page_size)), total


def person_placements(person_id: str) -> list[dict]:
    query = base_query().where(Placement.person == person_id)
    return rows_of(query.order_by(Placement.stage_date.desc(), Placement.created_at.desc()))


def working_rows(place: str | None = "beijing") -> list[dict]:
    """People at work now (stage working), at `place` or anywhere; for 在京务工人员清单."""
    query = base_query().where(Placement.stage == "working")
    if place:
        query = query.where(Placement.place == place)
    return rows_of(query.order_by(Household.code, Person.name))
