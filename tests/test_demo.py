"""The demo generator: valid people, consistent households, reproducible rows, searchable names."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from casework import validation, vocab
from casework.db import database, open_database
from casework.models import Area, EmploymentWish, Household, Person, Visit
from casework.services.demo import demo
from casework.services.safety import integrity

HOUSEHOLDS = 50
TABLES = [
    "area",
    "cadre",
    "household",
    "person",
    "visit",
    "visit_cadre",
    "visit_person",
    "employment_wish",
    "search_key",
    "employer",
    "job_posting",
    "placement",
    "placement_event",
    "subsidy_payment",
    "training_class",
    "enrollment",
    "field_head",
]
# The history, but not the laptop's id: each new file is a laptop of its own.
CHANGE_COLUMNS = "id, entity, record_id, field, old_value, new_value, changed_at, cadre_id, seq"


@pytest.fixture
def demo_counts(db, today):
    return demo.generate(HOUSEHOLDS, seed=7)


def dump() -> dict[str, list[tuple]]:
    rows = {
        table: database.execute_sql(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        for table in TABLES
    }
    history = f'SELECT {CHANGE_COLUMNS}, parents FROM "change" ORDER BY seq'
    rows["change"] = database.execute_sql(history).fetchall()
    return rows


def test_counts_match_the_rows_and_progress_reaches_the_end(db, today):
    calls = []
    counts = demo.generate(
        HOUSEHOLDS, seed=7, progress=lambda done, total: calls.append((done, total))
    )
    assert calls[-1] == (HOUSEHOLDS, HOUSEHOLDS)
    assert counts["households"] == Household.select().count() == HOUSEHOLDS
    assert counts["people"] == Person.select().count()
    assert counts["visits"] == Visit.select().count() > HOUSEHOLDS * 3
    assert counts["wishes"] == EmploymentWish.select().count() > 0


def test_id_numbers_are_valid_unique_and_of_the_banner(demo_counts, today):
    people = list(Person.select(Person.id_number, Person.birth_date, Person.gender))
    numbers = [p.id_number for p in people]
    assert len(set(numbers)) == len(numbers)
    for person in people:
        parsed = validation.id_number(person.id_number, today)
        assert parsed.birth_date == person.birth_date
        assert parsed.gender == person.gender
        # 科左中旗 was 152322 under 哲里木盟 until 1999 and is 150521 since; stdnum
        # accepts each code only for birth years of its period.
        expected = "150521" if person.birth_date.year >= 1999 else "152322"
        assert person.id_number[:6] == expected


def test_every_household_has_two_to_six_members_and_one_head(demo_counts):
    sizes = Counter(p.household_id for p in Person.select(Person.household))
    heads = Counter(
        p.household_id for p in Person.select(Person.household).where(Person.relation == "head")
    )
    assert len(sizes) == HOUSEHOLDS
    assert all(2 <= size <= 6 for size in sizes.values())
    assert set(heads.values()) == {1} and len(heads) == HOUSEHOLDS


def test_household_summary_columns_agree_with_members_and_visits(demo_counts):
    for household in Household.select():
        members = list(Person.select().where(Person.household == household))
        visits = list(Visit.select().where(Visit.household == household).order_by(Visit.visit_date))
        assert household.member_count == len(members)
        assert household.head_name == next(m.name for m in members if m.relation == "head")
        assert household.last_visit_date == (visits[-1].visit_date if visits else None)
        assert household.next_visit_date == (visits[-1].next_visit_date if visits else None)
    assert integrity.check().ok


def test_ages_follow_relations(demo_counts):
    for household in Household.select():
        members = {m.relation: m for m in Person.select().where(Person.household == household)}
        head = members["head"]
        for relation in ("son", "daughter"):
            if relation in members:
                assert (members[relation].birth_date - head.birth_date).days > 18 * 365
        if "father" in members:
            assert (head.birth_date - members["father"].birth_date).days > 18 * 365


def test_visits_are_in_the_two_years_before_today(demo_counts, today):
    now = dt.datetime.combine(today, dt.time(10))
    visits = list(Visit.select(Visit.visit_date, Visit.created_at))
    assert max(v.visit_date for v in visits) < today
    assert min(v.visit_date for v in visits) >= today - dt.timedelta(days=730)
    assert max(v.created_at for v in visits) < now
    assert max(p.created_at for p in Person.select(Person.created_at)) < now
    due = Household.select().where(Household.next_visit_date <= today).count()
    upcoming = Household.select().where(Household.next_visit_date > today).count()
    assert due and upcoming  # some follow-ups overdue, some still ahead


def test_every_code_has_a_chinese_label(demo_counts):
    vocabularies = {
        (Person, "relation"): vocab.RELATION,
        (Person, "gender"): vocab.GENDER,
        (Person, "ethnicity"): vocab.ETHNICITY,
        (Person, "education"): vocab.EDUCATION,
        (Person, "health"): vocab.HEALTH,
        (Person, "labour_ability"): vocab.LABOUR_ABILITY,
        (Person, "work_status"): vocab.WORK_STATUS,
        (Household, "status"): vocab.HOUSEHOLD_STATUS,
        (Visit, "kind"): vocab.VISIT_KIND,
        (EmploymentWish, "status"): vocab.WISH_STATUS,
        (Area, "level"): vocab.AREA_LEVEL,
    }
    for (model, column), vocabulary in vocabularies.items():
        used = {row[0] for row in model.select(getattr(model, column)).distinct().tuples()}
        assert used <= set(vocabulary), (model, column, used - set(vocabulary))
    for wish in EmploymentWish.select():
        assert validation.choices(wish.destinations, vocab.DESTINATION, "") == wish.destinations
        assert validation.choices(wish.constraints, vocab.CONSTRAINT, "") == wish.constraints
        assert wish.destinations or not wish.willing_to_go_out


def test_phones_are_valid_mobiles(demo_counts):
    phones = [p.phone for p in Person.select(Person.phone) if p.phone]
    assert phones
    assert all(validation.mobile(phone) == phone for phone in phones)


def test_areas_form_one_banner(demo_counts):
    county = Area.get(Area.level == "county")
    assert (county.name, county.code) == ("科左中旗", "150521")
    township = Area.get(Area.name == "架玛吐镇")
    assert township.parent_id == county.id
    village = Area.get(Area.name == "大新艾力嘎查")
    assert village.parent_id == township.id
    groups = Counter(a.parent_id for a in Area.select().where(Area.level == "group"))
    assert all(2 <= n <= 6 for n in groups.values())
    assert Household.select().where(Household.village == village).exists()


def test_the_same_seed_gives_identical_rows_and_another_seed_different(tmp_path, db, today):
    demo.generate(HOUSEHOLDS, seed=7)
    first = dump()
    open_database(tmp_path / "same.db")
    demo.generate(HOUSEHOLDS, seed=7)
    assert dump() == first
    open_database(tmp_path / "other.db")
    demo.generate(HOUSEHOLDS, seed=8)
    other = dump()
    assert other["person"] != first["person"]
    assert other["visit"] != first["visit"]
    assert other["placement"] != first["placement"]
    assert first["placement"] and first["enrollment"] and first["change"]


def test_demo_people_are_found_by_their_pinyin(demo_counts):
    for person in Person.select().limit(20):
        assert len(person.name_pinyin) >= 3
        found = database.execute_sql(
            "SELECT k.person_id FROM person_fts f JOIN search_key k ON k.rowid = f.rowid "
            "WHERE person_fts MATCH ?",
            (f'"{person.name_pinyin}"',),
        ).fetchall()
        assert (person.id,) in found


def test_demo_refuses_a_register_that_has_households(demo_counts):
    with pytest.raises(ValueError, match="空的数据库"):
        demo.generate(5)
