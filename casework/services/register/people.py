"""Household members (家庭成员): add and edit people, with ID numbers checked and keys derived."""

from __future__ import annotations

from casework import clock
from casework import validation as v
from casework.db import database
from casework.masking import mask_id_number
from casework.models import Area, Household, Person
from casework.search_keys import person_keys
from casework.services.common import apply_changes, get_live, log_event, row_dict
from casework.services.register import household_summary
from casework.vocab import (
    EDUCATION,
    ETHNICITY,
    GENDER,
    HEALTH,
    LABOUR_ABILITY,
    MARITAL_STATUS,
    POLITICAL_STATUS,
    RELATION,
    WORK_STATUS,
    label,
)

LABELLED = {
    "relation": RELATION,
    "gender": GENDER,
    "ethnicity": ETHNICITY,
    "education": EDUCATION,
    "health": HEALTH,
    "labour_ability": LABOUR_ABILITY,
    "work_status": WORK_STATUS,
    "political_status": POLITICAL_STATUS,
    "marital_status": MARITAL_STATUS,
}


def _clean(data: dict, household_id: str, person_id: str | None = None) -> dict:
    check = v.FieldCollector()
    clean = {
        "relation": check.check(
            "relation", v.choice, data.get("relation"), RELATION, "与户主关系", required=True
        ),
        "name": check.check("name", v.person_name, data.get("name")),
        "ethnicity": check.check("ethnicity", v.choice, data.get("ethnicity"), ETHNICITY, "民族"),
        "phone": check.check("phone", v.mobile, data.get("phone", "")),
        "education": check.check(
            "education", v.choice, data.get("education"), EDUCATION, "文化程度"
        ),
        "health": check.check("health", v.choice, data.get("health"), HEALTH, "健康状况"),
        "health_notes": check.check(
            "health_notes", v.text, data.get("health_notes"), "病情或残疾说明", 100
        ),
        "labour_ability": check.check(
            "labour_ability", v.choice, data.get("labour_ability"), LABOUR_ABILITY, "劳动能力"
        ),
        "skills": check.check("skills", v.text, data.get("skills"), "技能特长", 200),
        "work_status": check.check(
            "work_status", v.choice, data.get("work_status"), WORK_STATUS, "务工状况"
        ),
        "political_status": check.check(
            "political_status", v.choice, data.get("political_status"), POLITICAL_STATUS, "政治面貌"
        ),
        "marital_status": check.check(
            "marital_status", v.choice, data.get("marital_status"), MARITAL_STATUS, "婚姻状况"
        ),
        "notes": check.check("notes", v.text, data.get("notes"), "备注", 1000),
    }
    id_info = check.check("id_number", clean_id_number, data.get("id_number", ""), person_id)
    if id_info:
        clean.update(id_number=id_info.number, birth_date=id_info.birth_date, gender=id_info.gender)
    if clean["relation"] == "head":
        other_head = Person.get_or_none(
            (Person.household == household_id)
            & (Person.relation == "head")
            & Person.deleted_at.is_null()
            & (Person.id != (person_id or ""))
        )
        if other_head:
            check.add("relation", f"该户已有户主{other_head.name}，请先修改其与户主关系")
    check.raise_if_any()
    if clean["name"]:
        clean.update(person_keys(clean["name"]))
    return clean


def clean_id_number(raw: str | None, person_id: str | None) -> v.IdNumber:
    """An ID number as the member form takes it: valid, and held by no other live person
    (FieldError otherwise); with the birth date and gender it gives."""
    id_info = v.id_number(raw or "", clock.today())
    holder = _id_holder(id_info.number, person_id)
    if holder:
        raise v.FieldError(holder)
    return id_info


def _id_holder(number: str, except_id: str | None) -> str | None:
    """A Chinese message naming the live person who already holds `number`, if any."""
    query = (
        Person.select(Person.name, Household.code, Household.head_name)
        .join(Household)
        .where(Person.id_number == number, Person.deleted_at.is_null())
    )
    if except_id:
        query = query.where(Person.id != except_id)
    row = query.tuples().first()
    if row is None:
        return None
    name, code, head = row
    return f"该身份证号已登记为{code}户（户主{head or '未填'}）的{name}，同一号码不能登记两次"


def add_member(household_id: str, data: dict) -> dict:
    """Add a person to a live household; returns the saved person."""
    with database.atomic():
        get_live(Household, household_id, "农户")
        clean = _clean(data, household_id)
        person = Person.create(household=household_id, **clean)
        log_event("person", person.id, "created", person.name)
        household_summary.refresh(household_id)
    return get_person(person.id)


def update_member(person_id: str, data: dict) -> dict:
    with database.atomic():
        person = get_live(Person, person_id, "家庭成员")
        clean = _clean(data, person.household_id, person_id)
        if apply_changes(person, clean, "person"):
            person.save()
        household_summary.refresh(person.household_id)
    return get_person(person_id)


def get_person(person_id: str) -> dict:
    person = get_live(Person, person_id, "家庭成员")
    return _with_labels(row_dict(person))


def _with_labels(data: dict) -> dict:
    for field, vocabulary in LABELLED.items():
        data[field + "_label"] = label(vocabulary, data.get(field))
    birth = data.get("birth_date")
    data["age"] = _age(birth) if birth else None
    return data


def _age(birth) -> int:
    today = clock.today()
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def list_members(household_id: str) -> list[dict]:
    """Live members, the head first, then by age."""
    query = (
        Person.select()
        .where(Person.household == household_id, Person.deleted_at.is_null())
        .order_by((Person.relation != "head"), Person.birth_date, Person.name)
    )
    return [_with_labels(row_dict(p)) for p in query]


def _places_and_ages(person_ids: list[str]) -> dict[str, tuple[str, int | None]]:
    """Each person's village name and age, in one query."""
    village = Area.alias()
    query = (
        Person.select(Person.id, Person.birth_date, village.name)
        .join(Household)
        .join(village, on=(Household.village == village.id))
        .where(Person.id.in_(person_ids))
        .tuples()
    )
    return {pid: (name, _age(birth) if birth else None) for pid, birth, name in query}


def with_place_and_age(rows: list[dict]) -> list[dict]:
    """`rows` of people (each with its "id") given "village_name" and "age", so that two
    people of one name (张德明 and 张德明) can be told apart in a list or a picker."""
    found: dict[str, tuple[str, int | None]] = {}
    ids = [row["id"] for row in rows]
    for start in range(0, len(ids), 900):
        found.update(_places_and_ages(ids[start : start + 900]))
    for row in rows:
        row["village_name"], row["age"] = found.get(row["id"], ("", None))
    return rows


def choice_label(row: dict) -> str:
    """How a picker names a person: "张德明（大新艾力嘎查，45岁，150521********1234）"."""
    facts = [row.get("village_name") or ""]
    if row.get("age") is not None:
        facts.append(f"{row['age']}岁")
    facts.append(mask_id_number(row.get("id_number")))
    shown = "，".join(f for f in facts if f)
    return f"{row['name']}（{shown}）" if shown else row["name"]


def name_and_village(name: str, village: str | None) -> str:
    """Whose record a dialog is about: "张德明（大新艾力嘎查）"."""
    return f"{name}（{village}）" if village else name


def caption(person_id: str) -> str:
    """`name_and_village` of a person by id."""
    person = get_live(Person, person_id, "家庭成员")
    village = (
        Area.select(Area.name)
        .join(Household, on=(Household.village == Area.id))
        .where(Household.id == person.household_id)
        .scalar()
    )
    return name_and_village(person.name, village)
