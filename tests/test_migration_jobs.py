"""Migration 5 (jobs): a version-4 file with people in it gains the jobs tables, losing nothing."""

from __future__ import annotations

import datetime as dt

import peewee
import pytest

from casework.db import PRAGMAS, close_database, open_database
from casework.migrations import LATEST, upgrade
from casework.services.common import get_setting
from casework.services.jobs import placements, subsidy
from tests.jobs_factories import make_posting

JOB_TABLES = {"employer", "job_posting", "placement", "placement_event", "subsidy_payment"}


def _tables(database) -> set[str]:
    rows = database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {name for (name,) in rows.fetchall()}


@pytest.fixture
def version_4_file(tmp_path):
    path = tmp_path / "v4.db"
    database = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS)
    database.connect()
    assert upgrade(database, target=4) == 4
    assert not JOB_TABLES & _tables(database)
    stamp = "2026-03-01 09:00:00"
    sql = database.execute_sql
    sql(
        "INSERT INTO area (id, created_at, updated_at, level, name, code) "
        "VALUES ('a1', ?, ?, 'village', '好力保嘎查', '')",
        (stamp, stamp),
    )
    sql(
        "INSERT INTO household (id, created_at, updated_at, code, village_id, address, phone, "
        "status, notes, head_name, member_count) "
        "VALUES ('h1', ?, ?, 'KZ-0001', 'a1', '', '', 'registered', '', '韩令春', 1)",
        (stamp, stamp),
    )
    sql(
        "INSERT INTO person (id, created_at, updated_at, household_id, relation, name, "
        "name_pinyin, name_initials, gender, ethnicity, phone, education, health, "
        "health_notes, labour_ability, skills, work_status, notes, birth_date) "
        "VALUES ('p1', ?, ?, 'h1', 'head', '韩令春', 'hanlingchun', 'hlc', 'male', 'mongol', "
        "'', 'junior', 'healthy', '', 'ordinary', '中式烹饪', 'unemployed', '', '1985-05-01')",
        (stamp, stamp),
    )
    database.close()
    return path


def test_upgrading_adds_the_jobs_tables_and_keeps_the_people(version_4_file, set_now):
    set_now(dt.date(2026, 11, 27))
    database = open_database(version_4_file)
    try:
        assert database.execute_sql("PRAGMA user_version").fetchone()[0] == LATEST
        assert JOB_TABLES <= _tables(database)
        assert database.execute_sql("SELECT name FROM person").fetchall() == [("韩令春",)]
        # The old person can be placed, and the subsidy rules start at their defaults.
        placement = placements.recommend("p1", make_posting()["id"], on=dt.date(2026, 8, 1))
        placements.move_stage(placement["id"], "working", "2026-08-27")
        assert [r["name"] for r in subsidy.eligible_unpaid()] == ["韩令春"]
        assert get_setting("subsidy_amount") is None and subsidy.settings()["amount"] == 2000
        work = database.execute_sql("SELECT work_status FROM person WHERE id = 'p1'").fetchone()
        assert work == ("beijing",)
    finally:
        close_database()


def test_a_credit_code_belongs_to_one_live_employer(db):
    sql = db.execute_sql
    row = (
        "INSERT INTO employer VALUES "
        "(?, '2026-01-01', '2026-01-01', ?, NULL, ?, 'beijing', '', '', '', ?, '')"
    )
    sql(row, ("e1", None, "甲", "91110000600037341L"))
    with pytest.raises(peewee.IntegrityError):
        with db.atomic():
            sql(row, ("e2", None, "乙", "91110000600037341L"))
    sql(row, ("e3", "2026-02-01", "丙", "91110000600037341L"))  # a deleted one may share it
    sql(row, ("e4", None, "丁", None))
    sql(row, ("e5", None, "戊", None))
