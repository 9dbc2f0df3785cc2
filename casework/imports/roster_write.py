"""Writing a planned roster import: areas, households and people, inside the caller's
transaction.

New people and households go in with bulk inserts (the search-index triggers still fire
for every person), each creation is logged in the change history, updates go through
`apply_changes` like any edit, and the households' head and member count are refreshed
with one statement per few hundred households.
"""

from __future__ import annotations

from peewee import chunked

from casework import clock
from casework.db import database
from casework.imports.roster_plan import Plan, RowPlan
from casework.models import Change, Household, Person, new_id
from casework.search_keys import person_keys
from casework.services.common import apply_changes, current_cadre_id
from casework.services.register import areas

VALID = ("create", "update", "skip")
SOURCE = "花名册导入"


def _needed(plan: Plan) -> tuple[set[str], set[str]]:
    """Codes of households and keys of new areas that valid rows actually use."""
    codes = {r.household_code for r in plan.rows if r.action in VALID}
    parents = {a.key: a.parent_key for a in plan.areas}
    used: set[str] = set()
    for code in codes:
        household = plan.households[code]
        for key in (household.village_key, household.group_key):
            while key in parents and key not in used:
                used.add(key)
                key = parents[key]
    return codes, used


def planned_counts(plan: Plan) -> dict[str, int]:
    """What applying `plan` would create and update."""
    codes, area_keys = _needed(plan)
    households = [plan.households[c] for c in codes]
    return {
        "people_created": sum(r.action == "create" for r in plan.rows),
        "people_updated": sum(r.action == "update" for r in plan.rows),
        "people_unchanged": sum(r.action == "skip" for r in plan.rows),
        "refused": sum(r.action == "refuse" for r in plan.rows),
        "households_created": sum(h.existing_id is None for h in households),
        "households_updated": sum(bool(h.existing_id and h.changes) for h in households),
        "areas_created": len(area_keys),
    }


def apply(plan: Plan, progress=None) -> dict[str, int]:
    """Write the valid rows of `plan` (call inside a transaction); returns the counts."""
    counts = planned_counts(plan)
    codes, area_keys = _needed(plan)
    area_ids = _create_areas(plan, area_keys)
    household_ids = _write_households(plan, codes, area_ids)
    valid = [r for r in plan.rows if r.action in VALID]
    _create_people([r for r in valid if r.action == "create"], household_ids, progress)
    touched = set(household_ids.values())
    for row in valid:
        if row.action == "update":
            touched.add(_update_person(row, household_ids))
    _refresh_households(sorted(touched))
    return counts


def _create_areas(plan: Plan, keys: set[str]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for area in plan.areas:  # planned parents first, so a parent is always made before
        if area.key in keys:
            parent = ids.get(area.parent_key, area.parent_key)
            ids[area.key] = areas.create_area(parent, area.name)["id"]
    return ids


def _write_households(plan: Plan, codes: set[str], area_ids: dict[str, str]) -> dict[str, str]:
    now = clock.now()
    ids, new_rows = {}, []
    for code in sorted(codes):
        household = plan.households[code]
        village = area_ids.get(household.village_key, household.village_key)
        group = area_ids.get(household.group_key, household.group_key)
        values = {
            "village": village,
            "group": group,
            "status": household.status,
            "address": household.address,
        }
        if household.existing_id:
            ids[code] = household.existing_id
            if household.changes:
                record = Household.get_by_id(household.existing_id)
                changed = {k: values[k] for k in household.changes}
                if apply_changes(record, changed, "household"):
                    record.save()
            continue
        ids[code] = new_id()
        new_rows.append(
            {
                "id": ids[code],
                "created_at": now,
                "updated_at": now,
                "code": code,
                **values,
            }
        )
    _insert(Household, new_rows)
    _log_created("household", [(r["id"], r["code"]) for r in new_rows])
    return ids


def _create_people(rows: list[RowPlan], household_ids: dict[str, str], progress) -> None:
    now = clock.now()
    records = []
    for row in rows:
        person = {
            "relation": "other",
            "ethnicity": "",
            "phone": "",
            "education": "",
            "health": "",
            "labour_ability": "",
            "skills": "",
            "work_status": "",
            **row.item.person,
        }
        records.append(
            {
                "id": new_id(),
                "created_at": now,
                "updated_at": now,
                "household": household_ids[row.household_code],
                **person,
                **person_keys(person["name"]),
            }
        )
    _insert(Person, records, progress)
    _log_created("person", [(r["id"], r["name"]) for r in records])


def _update_person(row: RowPlan, household_ids: dict[str, str]) -> str:
    """Apply a row's changes to its person; returns the household the person was in."""
    person = Person.get_by_id(row.person_id)
    before = person.household_id
    values = dict(row.changes)
    if "household" in values:
        values["household"] = household_ids[values["household"]]
    if "name" in values:
        values.update(person_keys(values["name"]))
    if apply_changes(person, values, "person"):
        person.save()
    return before


def _log_created(entity: str, records: list[tuple[str, str]]) -> None:
    now, cadre = clock.now(), current_cadre_id()
    rows = [
        {
            "id": new_id(),
            "created_at": now,
            "updated_at": now,
            "entity": entity,
            "record_id": record_id,
            "field": "created",
            "new_value": f"{text}（{SOURCE}）",
            "changed_at": now,
            "cadre": cadre,
        }
        for record_id, text in records
    ]
    _insert(Change, rows)


def _insert(model, records: list[dict], progress=None) -> None:
    """Insert many rows of one shape with executemany: peewee builds one SQL text for a
    whole batch, which costs more than SQLite's work for 10,000 people."""
    if not records:
        return
    fields = model._meta.fields
    names = [name for name in fields if name in records[0] or fields[name].default is not None]
    columns = ", ".join(f'"{fields[n].column_name}"' for n in names)
    sql = (
        f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({", ".join("?" * len(names))})'
    )
    defaults = {n: fields[n].default for n in names if fields[n].default is not None}
    converters = [fields[n].db_value for n in names]
    cursor = database.cursor()
    for start in range(0, len(records), 1000):
        batch = [
            [
                convert(record[name] if name in record else _default(defaults.get(name)))
                for name, convert in zip(names, converters, strict=True)
            ]
            for record in records[start : start + 1000]
        ]
        cursor.executemany(sql, batch)
        if progress:
            progress(min(start + 1000, len(records)), len(records), "正在写入…")


def _default(value):
    return value() if callable(value) else value


_REFRESH = """
    UPDATE household SET
        head_name = coalesce((SELECT p.name FROM person p WHERE p.household_id = household.id
            AND p.relation = 'head' AND p.deleted_at IS NULL ORDER BY p.created_at LIMIT 1), ''),
        member_count = (SELECT count(*) FROM person p WHERE p.household_id = household.id
            AND p.deleted_at IS NULL)
    WHERE id IN ({marks})
"""


def _refresh_households(household_ids: list[str]) -> None:
    """head_name and member_count of every household touched (visits are unchanged)."""
    for batch in chunked(household_ids, 500):
        database.execute_sql(_REFRESH.format(marks=",".join("?" * len(batch))), batch)
