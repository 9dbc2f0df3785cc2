"""Migration 6 (resume health): schema 5's drafts gain the health choice, at its default."""

from __future__ import annotations

from casework.db import close_database, open_database
from casework.exports.resume import resume_data
from casework.services.documents import resume_entries, resumes
from casework.services.register import people
from tests.test_migration_fixtures import released_file

DRAFT = "e427f474114d4fcebf3f3f8cfe53b312"  # 海凤芝's 保安简历 in schema5.db


def health_default(database) -> tuple:
    return database.execute_sql(
        "SELECT dflt_value, \"notnull\" FROM pragma_table_info('resume') "
        "WHERE name = 'health_print'"
    ).fetchone()


def test_a_schema_5_draft_prints_health_only_when_healthy(tmp_path):
    database = open_database(released_file(tmp_path))
    try:
        draft = resumes.get_resume(DRAFT)
        assert (draft["title"], draft["target_job"]) == ("保安简历", "保安")
        assert draft["expected_pay"] == 6000
        assert draft["health_print"] == "if_healthy"
        assert [entry["organisation"] for entry in resume_entries.list_entries(DRAFT)] == [
            "",
            "通辽市某物业公司",
        ]
        assert resume_data(draft, cadre={})["person"]["health"] == "健康"
        person = people.get_person(draft["person_id"])
        people.update_member(person["id"], person | {"health": "chronic"})
        assert resume_data(draft, cadre={})["person"]["health"] == ""
        # The old draft takes the new choice like any other.
        resumes.update_resume(DRAFT, draft | {"health_print": "always"})
        assert resume_data(resumes.get_resume(DRAFT), cadre={})["person"]["health"] == "长期慢性病"
        assert health_default(database) == ("'if_healthy'", 1)
    finally:
        close_database()


def test_the_column_has_its_default_in_a_new_file(db):
    # A row inserted without naming the column, as every row before step 6 was, prints safely.
    assert health_default(db) == ("'if_healthy'", 1)
