"""Migration 6 (resume health): a version-5 file's drafts gain the health choice, at its default."""

from __future__ import annotations

import peewee
import pytest

from casework.db import PRAGMAS, close_database, open_database
from casework.migrations import LATEST, upgrade
from casework.services.documents import resumes


def _resume_columns(database) -> set[str]:
    return {column.name for column in database.get_columns("resume")}


@pytest.fixture
def version_5_file(tmp_path):
    path = tmp_path / "v5.db"
    database = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS)
    database.connect()
    assert upgrade(database, target=5) == 5
    assert "health_print" not in _resume_columns(database)
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
        "VALUES ('h1', ?, ?, 'KZ-0001', 'a1', '', '', 'registered', '', '韩令春', 2)",
        (stamp, stamp),
    )
    person = (
        "INSERT INTO person (id, created_at, updated_at, household_id, relation, name, "
        "name_pinyin, name_initials, gender, ethnicity, phone, education, health, "
        "health_notes, labour_ability, skills, work_status, notes, birth_date) "
        "VALUES (?, ?, ?, 'h1', ?, ?, '', '', 'male', 'mongol', '', 'junior', ?, '', "
        "'ordinary', '', 'unemployed', '', '1985-05-01')"
    )
    sql(person, ("p1", stamp, stamp, "head", "韩令春", "healthy"))
    sql(person, ("p2", stamp, stamp, "son", "韩福", "chronic"))
    draft = (
        "INSERT INTO resume (id, created_at, updated_at, person_id, title, target_job, "
        "target_place, expected_pay, available_from, phone, self_description, photo, template) "
        "VALUES (?, ?, ?, ?, ?, '保安', '北京', 6000, NULL, '', '能吃苦', NULL, '个人简历-表格')"
    )
    sql(draft, ("r1", stamp, stamp, "p1", "保安简历"))
    sql(draft, ("r2", stamp, stamp, "p2", "厨师简历"))
    database.close()
    return path


def test_upgrading_keeps_the_drafts_and_prints_health_only_when_healthy(version_5_file):
    database = open_database(version_5_file)
    try:
        assert database.execute_sql("PRAGMA user_version").fetchone()[0] == LATEST
        assert "health_print" in _resume_columns(database)
        rows = database.execute_sql(
            "SELECT id, title, target_job, expected_pay, health_print FROM resume ORDER BY id"
        ).fetchall()
        assert rows == [
            ("r1", "保安简历", "保安", 6000, "if_healthy"),
            ("r2", "厨师简历", "保安", 6000, "if_healthy"),
        ]
        from casework.exports.resume import resume_data

        healthy = resume_data(resumes.get_resume("r1"), cadre={})
        chronic = resume_data(resumes.get_resume("r2"), cadre={})
        assert healthy["person"]["health"] == "健康" and chronic["person"]["health"] == ""
        # The old drafts take the new choice like any other.
        resumes.update_resume("r2", resumes.get_resume("r2") | {"health_print": "always"})
        assert resume_data(resumes.get_resume("r2"), cadre={})["person"]["health"] == "长期慢性病"
    finally:
        close_database()


def test_the_column_has_its_default_in_the_file(db):
    # So a row written by an older copy of Casework, unaware of the column, prints safely.
    default = db.execute_sql(
        "SELECT dflt_value, \"notnull\" FROM pragma_table_info('resume') "
        "WHERE name = 'health_print'"
    ).fetchone()
    assert default == ("'if_healthy'", 1)
