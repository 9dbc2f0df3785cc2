"""Home visits (入户走访): record and edit visits with who went, who was met and wishes heard."""

from __future__ import annotations

from casework import clock
from casework import validation as v
from casework.db import database
from casework.models import (
    Cadre,
    EmploymentWish,
    Household,
    Person,
    Visit,
    VisitCadre,
    VisitPerson,
    new_id,
)
from casework.services.common import (
    apply_changes,
    current_cadre_id,
    get_live,
    log_event,
    log_field_changes,
    row_dict,
)
from casework.services.register import household_summary
from casework.services.register.wishes import clean_wish
from casework.vocab import VISIT_KIND, label


def _clean(data: dict, household_id: str) -> dict:
    check = v.FieldCollector()
    today = clock.today()
    visit_date = check.check(
        "visit_date",
        v.date,
        data.get("visit_date"),
        required=True,
        label="走访日期",
        not_after=today,
    )
    clean = {
        "visit_date": visit_date,
        "kind": check.check(
            "kind", v.choice, data.get("kind") or "home", VISIT_KIND, "走访类型", required=True
        ),
        "place": check.check("place", v.text, data.get("place"), "走访地点", 100),
        "situation": check.check("situation", v.text, data.get("situation"), "了解情况", 4000),
        "requests": check.check("requests", v.text, data.get("requests"), "群众诉求", 4000),
        "actions": check.check("actions", v.text, data.get("actions"), "帮扶措施", 4000),
        "next_visit_date": check.check(
            "next_visit_date", v.next_visit_date, data.get("next_visit_date"), visit_date
        ),
    }
    cadre_ids = list(dict.fromkeys(data.get("cadre_ids") or []))
    cadres = _named("SELECT id, name FROM cadre WHERE id IN ({marks})", cadre_ids)
    if not cadre_ids:
        check.add("cadre_ids", "请至少选择一名走访干部")
    elif len(cadres) != len(cadre_ids):
        check.add("cadre_ids", "所选干部不存在")
    person_ids = list(dict.fromkeys(data.get("person_ids") or []))
    members = _named(
        "SELECT id, name FROM person WHERE id IN ({marks}) AND household_id = ? "
        "AND deleted_at IS NULL",
        person_ids,
        household_id,
    )
    if len(members) != len(person_ids):
        check.add("person_ids", "见到的人必须是本户的家庭成员")
    if not (clean["situation"] or clean["requests"] or clean["actions"]) and not check.errors:
        check.add("situation", "请至少填写了解情况、群众诉求或帮扶措施中的一项")
    check.raise_if_any()
    return clean | {"cadre_ids": cadre_ids, "person_ids": person_ids}, cadres, members


def _named(sql: str, ids: list[str], *params: str) -> list[tuple[str, str]]:
    """(id, name) of the records of `ids` that `sql` finds, in the order a visit lists
    them: by name. Plain SQL: it runs on every save."""
    if not ids:
        return []
    sql = sql.format(marks=", ".join("?" * len(ids))) + " ORDER BY name, id"
    return [tuple(row) for row in database.execute_sql(sql, [*ids, *params])]


LINK_SQL = {
    "cadre_ids": "INSERT INTO visit_cadre (visit_id, cadre_id) VALUES (?, ?)",
    "person_ids": "INSERT INTO visit_person (visit_id, person_id) VALUES (?, ?)",
}


def _insert_links(visit_id: str, links: dict[str, list[str]]) -> None:
    """The visit's cadres and people met: one prepared statement for each kind of link."""
    cursor = database.cursor()
    for key, ids in links.items():
        if ids:
            cursor.executemany(LINK_SQL[key], [(visit_id, i) for i in ids])


def _replace_links(visit_id: str, links: dict[str, list[str]]) -> None:
    VisitCadre.delete().where(VisitCadre.visit == visit_id).execute()
    VisitPerson.delete().where(VisitPerson.visit == visit_id).execute()
    _insert_links(visit_id, links)


def _log_link_changes(visit_id: str, links: dict[str, list[str]]) -> None:
    """Who went and who was met are fields of the visit in its history (and in a merge)."""
    before = {
        "cadre_ids": [
            c
            for (c,) in VisitCadre.select(VisitCadre.cadre)
            .where(VisitCadre.visit == visit_id)
            .tuples()
        ],
        "person_ids": [
            p
            for (p,) in VisitPerson.select(VisitPerson.person)
            .where(VisitPerson.visit == visit_id)
            .tuples()
        ],
    }
    changed = [
        (field, ",".join(sorted(before[field])), ",".join(sorted(links[field])))
        for field in ("cadre_ids", "person_ids")
        if sorted(before[field]) != sorted(links[field])
    ]
    if changed:
        log_field_changes("visit", visit_id, changed)


def record_visit(household_id: str, data: dict) -> dict:
    """Save a visit, its cadres, the people met and any wishes heard, all or nothing.

    `data["wishes"]` maps person id -> raw wish values, recorded with this visit.
    What the checks read (the cadres' and members' names) describes the saved visit: a
    save reads nothing back, and of the household's summary only the visit dates, all a
    visit can change, are recomputed.
    """
    with database.atomic():
        _require_live_household(household_id)
        clean, cadres, members = _clean(data, household_id)
        wishes = _clean_wishes(data.get("wishes") or {}, household_id)
        links = {k: clean.pop(k) for k in ("cadre_ids", "person_ids")}
        stamp, cadre_id = clock.now(), current_cadre_id()
        row = {
            "id": new_id(),
            "created_at": stamp,
            "updated_at": stamp,
            "deleted_at": None,
            "deleted_by": None,
            "household_id": household_id,
            **clean,
            "recorded_by_id": cadre_id,
        }
        _insert_visit(row)
        _insert_links(row["id"], links)
        for person_id, wish in wishes.items():
            EmploymentWish.create(
                person=person_id, visit=row["id"], **(wish | {"recorded_on": clean["visit_date"]})
            )
        log_event("visit", row["id"], "created", clean["visit_date"].isoformat(), cadre_id)
        household_summary.refresh(household_id, household_summary.VISIT_COLUMNS)
    return _described(row, cadres, members)


def _require_live_household(household_id: str) -> None:
    """Refuse a visit to a household deleted meanwhile. Asked in plain SQL, as a save
    needs no more than yes or no (a model read costs a save 0.7 ms); get_live words the
    refusal."""
    sql = "SELECT 1 FROM household WHERE id = ? AND deleted_at IS NULL"
    if database.execute_sql(sql, (household_id,)).fetchone() is None:
        get_live(Household, household_id, "农户")


def _insert_visit(row: dict) -> None:
    """One INSERT of the visit's row (keys: its columns), each value as its field stores it."""
    columns = Visit._meta.columns
    database.execute_sql(
        f"INSERT INTO visit ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        [columns[name].db_value(value) for name, value in row.items()],
    )


def _clean_wishes(raw: dict, household_id: str) -> dict:
    wishes = {}
    for person_id, data in raw.items():
        person = get_live(Person, person_id, "家庭成员")
        if person.household_id != household_id:
            raise v.ValidationError({"wishes": "只能为本户成员登记就业意愿"})
        try:
            wishes[person_id] = clean_wish(data)
        except v.ValidationError as error:
            detail = "；".join(error.errors.values())
            raise v.ValidationError({"wishes": f"{person.name}的就业意愿：{detail}"}) from None
    return wishes


def update_visit(visit_id: str, data: dict) -> dict:
    with database.atomic():
        visit = get_live(Visit, visit_id, "走访")
        clean, _cadres, _members = _clean(data, visit.household_id)
        links = {k: clean.pop(k) for k in ("cadre_ids", "person_ids")}
        if apply_changes(visit, clean, "visit"):
            visit.save()
        _log_link_changes(visit.id, links)
        _replace_links(visit.id, links)
        household_summary.refresh(visit.household_id)
    return get_visit(visit_id)


def get_visit(visit_id: str) -> dict:
    visit = get_live(Visit, visit_id, "走访")
    return describe_visits([row_dict(visit)])[0]


def list_visits(household_id: str) -> list[dict]:
    """A household's live visits, newest first, with cadre names and people met."""
    query = (
        Visit.select()
        .where(Visit.household == household_id, Visit.deleted_at.is_null())
        .order_by(Visit.visit_date.desc(), Visit.created_at.desc())
    )
    return describe_visits([row_dict(vt) for vt in query])


def describe_visits(rows: list[dict]) -> list[dict]:
    """Add cadre names, people met and the kind's label to visit rows (three queries in all)."""
    ids = [r["id"] for r in rows]
    cadres = (
        VisitCadre.select(VisitCadre.visit, Cadre.id, Cadre.name)
        .join(Cadre)
        .where(VisitCadre.visit.in_(ids))
        .order_by(Cadre.name, Cadre.id)
        .tuples()
    )
    people = (
        VisitPerson.select(VisitPerson.visit, Person.id, Person.name)
        .join(Person)
        .where(VisitPerson.visit.in_(ids))
        .order_by(Person.name, Person.id)
        .tuples()
    )
    links: dict[str, tuple[list, list]] = {i: ([], []) for i in ids}
    for visit_id, cadre_id, name in cadres:
        links[visit_id][0].append((cadre_id, name))
    for visit_id, person_id, name in people:
        links[visit_id][1].append((person_id, name))
    return [_described(row, *links[row["id"]]) for row in rows]


def _described(row: dict, cadres: list[tuple[str, str]], people: list[tuple[str, str]]) -> dict:
    """A visit row with its cadres and the people met ((id, name) each, by name)."""
    row["cadre_ids"] = [i for i, _name in cadres]
    row["cadre_names"] = [name for _i, name in cadres]
    row["person_ids"] = [i for i, _name in people]
    row["person_names"] = [name for _i, name in people]
    row["kind_label"] = label(VISIT_KIND, row["kind"])
    return row
