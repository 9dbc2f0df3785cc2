"""Bulk path for the roster import: plan rows against the register and write them, in one
transaction.

`import_rows` is what casework.imports.roster calls with the rows it read. The plan is
made inside the writing transaction, so what is written matches the register as it is
at that moment. New people and households go in with bulk inserts (the search-index
triggers still fire for every person), each creation is logged in the change history,
updates go through `apply_changes` like any edit, and the households' head and member
count are refreshed by household_summary, a few hundred households a statement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from casework import clock
from casework.db import database
from casework.models import Change, Household, Person, new_id
from casework.search_keys import person_keys
from casework.services.common import apply_changes, current_cadre_id
from casework.services.sync.identity import stamped_events
from casework.services.register import areas, household_summary
from casework.services.register.roster_plan import Plan, Planner, RowInput, RowPlan
from casework.services.safety import backups

VALID = ("create", "update", "unchanged")
SOURCE = "花名册导入"

Progress = Callable[[int, int | None, str], None]


@dataclass
class BulkResult:
    """What `import_rows` planned for each row, and what it wrote (or would have)."""

    rows: list[RowPlan]
    counts: dict[str, int] = field(default_factory=dict)
    applied: bool = False
    cancelled: bool = False


def import_rows(
    rows: Sequence[RowInput],
    *,
    dry_run: bool = False,
    all_or_nothing: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    source: str = "花名册",
) -> BulkResult:
    """Plan `rows` and, unless `dry_run`, write the valid ones; with `all_or_nothing`, a
    single refused row means nothing is written. A backup labelled `source` comes first."""
    if not dry_run:
        _say(progress, 0, None, "正在备份数据…")
        backups.before("import", source)
    with database.atomic():
        _say(progress, 0, len(rows), "正在核对数据…")
        plan = Planner(rows).plan(
            rows, (lambda done, total: _say(progress, done, total, "正在核对数据…"))
        )
        result = BulkResult(plan.rows, planned_counts(plan))
        result.cancelled = bool(cancelled and cancelled())
        refused = result.counts["refused"]
        if dry_run or result.cancelled or (all_or_nothing and refused):
            return result
        result.counts = apply(plan, progress)
        result.applied = True
    return result


def _say(progress: Progress | None, done: int, total: int | None, text: str) -> None:
    if progress is not None:
        progress(done, total, text)


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
        "people_unchanged": sum(r.action == "unchanged" for r in plan.rows),
        "refused": sum(r.action == "refused" for r in plan.rows),
        "households_created": sum(h.existing_id is None for h in households),
        "households_updated": sum(bool(h.existing_id and h.changes) for h in households),
        "areas_created": len(area_keys),
    }


def apply(plan: Plan, progress: Progress | None = None) -> dict[str, int]:
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
    household_summary.refresh(sorted(touched))
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
    _insert(Change, stamped_events(rows))


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
