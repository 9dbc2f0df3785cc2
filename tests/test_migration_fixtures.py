"""Upgrades start from files the released schemas wrote (tests/fixtures/migrations, README).

Each test copies a committed file to its own folder first: the committed files stand for
registers already on cadres' laptops and are never written to.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import peewee
import pytest

from casework import migrations
from casework.db import close_database, open_database, raw_connection, schema_version
from casework.migrations import LATEST
from casework.models import Enrollment
from casework.services.jobs import placements, subsidy
from casework.services.register import cadres, people, search
from casework.services.training import training

FIXTURES = Path(__file__).parent / "fixtures" / "migrations"
FIRST_KEPT = 5  # schemas 1 to 4 were released before a file was kept for each


def _kept_schemas() -> list[int]:
    names = (re.fullmatch(r"schema(\d+)\.db", path.name) for path in FIXTURES.glob("*.db"))
    return sorted(int(match.group(1)) for match in names if match)


KEPT = _kept_schemas()
# The file of the last release before the current schema: an upgrade a cadre will make.
SCHEMA_5 = "schema5.db"


def released_file(tmp_path: Path, name: str = SCHEMA_5) -> Path:
    """A copy of a committed file, in the test's own folder."""
    target = tmp_path / "released" / name
    target.parent.mkdir()
    shutil.copyfile(FIXTURES / name, target)
    return target


def header_version(path: Path) -> int:
    # PRAGMA user_version is bytes 60-63 of a plain file's header; reading them opens no
    # connection, which could leave -wal and -shm files beside the committed one.
    return int.from_bytes(path.read_bytes()[60:64], "big")


def row_counts(path: Path) -> dict[str, int]:
    """Rows per table, leaving out the search indexes' own storage (FTS5 manages it)."""
    with raw_connection(path, None) as conn:
        query = "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
        virtual = [name for (name,) in conn.execute(query)]
        names = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            if not any(name.startswith(table + "_") for table in virtual)
        ]
        count = 'SELECT count(*) FROM "{}"'
        return {name: conn.execute(count.format(name)).fetchone()[0] for name in names}


def schema_of(path: Path) -> set[tuple]:
    with raw_connection(path, None) as conn:
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return set(rows)


def test_there_is_a_file_for_every_released_schema():
    # A new migration step fails here until a file made by its release is added.
    expected = list(range(FIRST_KEPT, LATEST + 1))
    assert KEPT == expected, (
        f"tests/fixtures/migrations holds schemas {KEPT}, expected {expected}: add "
        f"schema{LATEST}.db made by the release (see the README there); never remake an old one"
    )
    for number in KEPT:
        assert header_version(FIXTURES / f"schema{number}.db") == number


@pytest.mark.parametrize("number", KEPT)
def test_upgrading_keeps_every_row(tmp_path, number):
    path = released_file(tmp_path, f"schema{number}.db")
    before = row_counts(path)
    assert all(before.values()), f"schema{number}.db should hold a row in every table: {before}"
    open_database(path)
    assert schema_version() == LATEST
    close_database()
    after = row_counts(path)
    # The one table that may grow: a file takes its laptop identity on upgrade or first
    # use (services/sync/identity.py).
    assert after.pop("setting") - before.pop("setting") in (0, 1, 2)
    assert {table: after[table] for table in before} == before
    with raw_connection(path, None) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.parametrize("number", KEPT)
def test_an_upgraded_file_has_the_schema_of_a_new_one(tmp_path, number):
    # Every table, column, index and trigger as a new file has them, so a step edited
    # after its release (new files right, old files different) fails here.
    path = released_file(tmp_path, f"schema{number}.db")
    open_database(path)
    close_database()
    open_database(tmp_path / "new.db")
    close_database()
    assert schema_of(path) == schema_of(tmp_path / "new.db")


def test_a_file_opened_twice_is_upgraded_once(tmp_path, monkeypatch):
    applied, backups = [], []
    for number in range(1, migrations.LATEST + 1):
        step = migrations.load_step(number)
        real = step.apply
        monkeypatch.setattr(
            step, "apply", lambda db, real=real, number=number: applied.append(number) or real(db)
        )
    path = released_file(tmp_path)
    for _ in range(2):
        open_database(path, before_upgrade=lambda old, new: backups.append((old, new)))
        assert schema_version() == LATEST
        close_database()
    assert applied == list(range(6, LATEST + 1))
    assert backups == [(5, LATEST)]


@pytest.fixture
def upgraded(tmp_path):
    """The schema-5 register, opened (so upgraded) by today's Casework."""
    open_database(released_file(tmp_path))
    yield
    close_database()


def names_found(text: str) -> list[str]:
    return [row["name"] for row in search.search_people(text)]


def test_the_register_reads_as_it_was_written(upgraded):
    head = people.get_person("b5de8693c1e943be974ac3fae4f88277")
    assert (head["name"], head["id_number"]) == ("吕振华", "152322199302060237")
    spouse = people.get_person("76181cc4ad424a2b88d68c823ec39c4f")
    assert (spouse["name"], spouse["name_pinyin"], spouse["work_status"]) == (
        "海凤芝",
        "haifengzhi",
        "beijing",
    )
    assert cadres.current_cadre()["name"] == "赵鹏"
    # The settings as that release stored them ("1", digits) read as typed values.
    assert cadres.follow_up_days() == 60
    rules = subsidy.settings()
    assert (rules["amount"], rules["months"], rules["region"]) == (2500, 3, "beijing")
    assert rules["sum_periods"] is True
    [paid] = subsidy.paid_list()
    assert (paid["name"], paid["paid_amount"]) == ("海凤芝", 2500)
    assert paid["paid_on"] == dt.date(2026, 11, 20)


def test_search_finds_the_live_people_of_the_upgraded_file(upgraded):
    assert names_found("haifengzhi") == ["海凤芝"]  # pinyin, trigram index
    assert names_found("海凤") == ["海凤芝"]  # two characters, n-gram index
    assert names_found("hfz") == ["海凤芝"]  # initials
    assert names_found("1505210707001") == ["海凤芝", "吕振华"]  # the household code
    assert names_found("3246666") == ["海凤芝"]  # part of an ID number
    assert names_found("吕") == ["吕振华"]  # 吕巴根 was deleted before the upgrade
    assert names_found("吕巴根") == []


def test_the_search_triggers_work_on_the_upgraded_file(upgraded):
    person = people.get_person("b5de8693c1e943be974ac3fae4f88277")
    people.update_member(person["id"], person | {"name": "吕振国"})
    assert names_found("吕振国") == ["吕振国"] and names_found("lvzhenguo") == ["吕振国"]
    assert names_found("振华") == []


def test_the_upgraded_register_takes_new_work(upgraded, set_now):
    set_now(dt.date(2026, 12, 2))
    head = "b5de8693c1e943be974ac3fae4f88277"
    placement = placements.recommend(head, "5d5428b382da41389b1ba5b4960e55ce")
    placements.move_stage(placement["id"], "working", "2026-12-02")
    working = [row["name"] for row in subsidy.subsidy_rows()]
    assert sorted(working) == ["吕振华", "海凤芝"]
    course = "4dfc3c3b18c1402ba946a04e9ff35ab3"
    training.enrol(course, [head])
    enrolled = [row["person_name"] for row in training.list_enrollments(course)]
    assert sorted(enrolled) == ["吕振华", "海凤芝"]
    # One live enrolment per person and class, enforced by the file itself.
    with pytest.raises(peewee.IntegrityError):
        with Enrollment._meta.database.atomic():
            Enrollment.create(training_class=course, person=head)


def test_the_people_at_work_in_an_upgraded_file_come_due_for_follow_ups(upgraded, set_now):
    from casework.services.jobs import work_checks

    set_now(dt.date(2026, 12, 2))
    # 海凤芝 at work since 2026-07-15 and never followed up: the latest due date that has
    # come (the third month) is the one overdue; a follow-up now leaves the six-month one.
    [due] = work_checks.due_rows(within_days=7)
    assert (due["name"], due["due_on"], due["due_label"]) == (
        "海凤芝",
        dt.date(2026, 10, 15),
        "第3个月回访",
    )
    placement_id = due["placement_id"]
    status = work_checks.record_check(placement_id, {"monthly_pay": "6200"})
    assert status["due"] == dt.date(2027, 1, 15) and status["due_label"] == "满6个月回访"
    assert "在岗回访1次" in subsidy.placement_subsidy(placement_id)["evidence"]
