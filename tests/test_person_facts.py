"""person_fact, kept by triggers (migration 10), says what the data say after any write.

Each test changes the data the way the app does (services), or as a merge or the recycle
bin does (plain SQL, rows in any order), and compares the table with the facts found
afresh from the placements, wishes and employers (m0010's own query over everyone), and
with what a cadre would say of each person.
"""

from __future__ import annotations

import datetime as dt

import pytest

from casework.db import database
from casework.migrations import m0010_person_facts
from casework.services import figures
from casework.services.jobs import employers, placements
from casework.services.register import list_rows, people, trash, wishes
from tests.factories import add_person, make_household, make_village

FACTS = m0010_person_facts.COLUMNS
COLUMNS = ["person_id", *m0010_person_facts.PERSON_COLUMNS, *FACTS]


def stored() -> dict[str, tuple]:
    cursor = database.execute_sql(f"SELECT {', '.join(COLUMNS)} FROM person_fact")
    return {row[0]: tuple(row[1:]) for row in cursor}


def fresh() -> dict[str, tuple]:
    return {
        row[0]: tuple(row[1:]) for row in database.execute_sql(m0010_person_facts.rows_of(None))
    }


def facts(person: dict) -> dict:
    """The stored facts of `person`, after checking the whole table against a fresh count."""
    assert stored() == fresh()
    return dict(zip(COLUMNS[1:], stored()[person["id"]], strict=True))


def fact_of(person: dict) -> dict:
    return {column: facts(person)[column] for column in FACTS}


NOTHING = dict.fromkeys(FACTS, 0)
WILLING = {"willing_to_go_out": True, "destinations": ["beijing"]}


def at_work(**where) -> dict:
    return {**NOTHING, "at_work": 1, **where}


@pytest.fixture
def person(db, set_now):
    set_now(dt.date(2026, 11, 27))
    return add_person(make_household(make_village(), head="韩令春"), "韩国庆")


def job(person: dict, place: str = "beijing", **more) -> dict:
    data = {"person_id": person["id"], "employer_name": "北京嘉宇集团", "position": "保安",
            "place": place, "organised": True, "stage": "working",
            "stage_date": "2026-11-02"}  # fmt: skip
    return placements.create_placement({**data, **more})


def test_a_placement_at_work_makes_a_person_at_work_where_it_is_until_they_leave(person):
    assert fact_of(person) == NOTHING
    placement = job(person)
    assert fact_of(person) == at_work(at_work_beijing=1)
    placements.move_stage(placement["id"], "left", "2026-11-20")
    assert fact_of(person) == NOTHING


def test_two_jobs_make_one_row_and_deleting_one_leaves_the_other(person):
    first = job(person)
    job(person, place="local")
    assert fact_of(person) == at_work(at_work_beijing=1, at_work_local=1)
    assert len(stored()) == 2  # the head and 韩国庆, one row each
    placements.delete_placement(first["id"])
    assert fact_of(person) == at_work(at_work_local=1)


def test_an_employer_made_a_workshop_makes_its_people_local(person):
    workshop = employers.create_employer({"name": "光明帮扶车间", "kind": "beijing"})
    job(person, place="in_region", employer_id=workshop["id"])
    assert fact_of(person) == at_work()
    employers.update_employer(workshop["id"], {**workshop, "kind": "workshop"})
    assert fact_of(person) == at_work(at_work_local=1, at_work_workshop=1)


def test_the_latest_wish_decides_whether_a_person_is_willing(person):
    wishes.record_wish(person["id"], {"recorded_on": "2026-10-01", **WILLING})
    assert fact_of(person) == {**NOTHING, "willing": 1}
    later = wishes.record_wish(person["id"], {"recorded_on": "2026-11-01"})
    assert fact_of(person) == NOTHING  # the latest says not willing
    # An older wish typed in today does not override the latest one.
    wishes.record_wish(person["id"], {"recorded_on": "2026-09-01", **WILLING})
    assert fact_of(person) == NOTHING
    wishes.update_wish(later["id"], {"recorded_on": "2026-11-01", **WILLING})
    assert fact_of(person) == {**NOTHING, "willing": 1}
    wishes.update_wish(later["id"], {"recorded_on": "2026-11-01", **WILLING, "status": "withdrawn"})
    assert fact_of(person) == NOTHING


def test_a_merge_that_brings_the_placement_before_its_employer_is_counted_right(person):
    # A package's rows arrive table by table, foreign keys checked at the end (as
    # casework.services.sync.merge applies them): the placement may come before its employer.
    with database.atomic():
        database.execute_sql("PRAGMA defer_foreign_keys = ON")
        database.execute_sql(
            "INSERT INTO placement (id, created_at, updated_at, person_id, employer_id, "
            "employer_name, position, job_kind, place, organised, stage, stage_date, notes) "
            "VALUES ('p1', '2026-11-01', '2026-11-01', ?, 'e1', '光明帮扶车间', '缝纫工', "
            "'other', 'in_region', 1, 'working', '2026-11-01', '')",
            (person["id"],),
        )
        assert fact_of(person) == at_work()
        database.execute_sql(
            "INSERT INTO employer (id, created_at, updated_at, name, kind, place, contact, "
            "phone, notes) VALUES ('e1', '2026-11-01', '2026-11-01', '光明帮扶车间', "
            "'workshop', '', '', '', '')"
        )
    assert fact_of(person) == at_work(at_work_local=1, at_work_workshop=1)
    database.execute_sql("UPDATE placement SET employer_id = NULL WHERE id = 'p1'")
    assert fact_of(person) == at_work()
    database.execute_sql("UPDATE placement SET employer_id = 'e1' WHERE id = 'p1'")
    database.execute_sql("UPDATE employer SET kind = 'beijing' WHERE id = 'e1'")
    assert fact_of(person) == at_work()
    database.execute_sql("DELETE FROM placement WHERE id = 'p1'")  # emptied from the bin
    assert fact_of(person) == NOTHING


def test_a_placement_moved_to_another_person_moves_its_fact(person):
    other = add_person(make_household(make_village("宝龙山嘎查", "宝龙山镇")), "包青山")
    placement = job(person)
    database.execute_sql(
        "UPDATE placement SET person_id = ? WHERE id = ?", (other["id"], placement["id"])
    )
    assert fact_of(person) == NOTHING and fact_of(other) == at_work(at_work_beijing=1)


def test_the_figures_and_the_willing_list_count_the_same_people(person):
    other = add_person(make_household(make_village("宝龙山嘎查", "宝龙山镇")), "包青山")
    for who in (person, other):
        wishes.record_wish(who["id"], {"recorded_on": "2026-10-01", **WILLING})
    deletion = trash.delete_person(other["id"])
    job(person)
    values = figures.compute(keys=["willing", "in_beijing"]).values
    assert values == {"willing": 1, "in_beijing": 1}
    assert list_rows.count_willing() == 1
    trash.restore(deletion)
    assert figures.compute(keys=["willing"]).values["willing"] == list_rows.count_willing() == 2
    assert stored() == fresh()


def test_a_persons_row_follows_their_household_work_status_and_deletion(person):
    assert facts(person)["live"] == 1 and facts(person)["work_status"] == person["work_status"]
    people.update_member(person["id"], {**person, "work_status": "beijing"})
    assert facts(person)["work_status"] == "beijing"
    deletion = trash.delete_person(person["id"])
    assert facts(person)["live"] == 0
    trash.restore(deletion)
    assert facts(person)["live"] == 1
    database.execute_sql("DELETE FROM person WHERE id = ?", (person["id"],))  # emptied
    assert person["id"] not in stored() and stored() == fresh()


def test_an_upgraded_file_has_every_persons_row(tmp_path):
    from casework.db import close_database, open_database
    from tests.test_migration_fixtures import released_file

    open_database(released_file(tmp_path, "schema9.db"))
    try:
        rows = stored()
        assert (
            rows == fresh()
            and len(rows) == database.execute_sql("SELECT count(*) FROM person").fetchone()[0]
        )
        assert any(row[COLUMNS.index("at_work") - 1] for row in rows.values())
    finally:
        close_database()


def test_the_check_finds_a_row_that_disagrees_with_the_records(person):
    from casework.services.safety import integrity

    job(person)
    assert integrity.check().ok
    database.execute_sql(
        "UPDATE person_fact SET at_work_beijing = 0 WHERE person_id = ?", (person["id"],)
    )
    problems = integrity.check().problems
    assert problems == [
        "有 1 位家庭成员的就业统计情况（在岗、外出意愿）与记录不符，统计数字会有出入"
    ]


def test_a_trigger_reads_one_persons_rows_however_many_wishes_they_have(person):
    # A package from outside may bring thousands of wishes (or jobs) for one person: each
    # row's trigger must look that person up by index, never scan every wish or placement.
    plan = " / ".join(
        row[3]
        for row in database.execute_sql(
            "EXPLAIN QUERY PLAN " + m0010_person_facts.rows_of("?"), (person["id"],) * 3
        )
    )
    assert "SEARCH w2 USING INDEX employment_wish_latest (person_id=?)" in plan
    assert "SEARCH pl USING INDEX placement_person_id (person_id=?)" in plan
    assert "SCAN w " not in plan + " " and "SCAN pl" not in plan
    for day in range(1, 29):  # and the facts still follow the latest of many
        wishes.record_wish(person["id"], {"recorded_on": f"2026-10-{day:02d}", **WILLING})
    wishes.record_wish(person["id"], {"recorded_on": "2026-11-01"})
    assert fact_of(person) == NOTHING
