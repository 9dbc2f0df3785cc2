"""Migration 3 (resume drafts) upgrades a version-2 database without losing its rows."""

from __future__ import annotations

from casework.db import close_database, open_database
from casework.migrations import LATEST, upgrade
from tests.test_migrations import _insert_version_1_rows, raw_database, tables


def test_version_2_file_gains_resume_tables_and_keeps_its_rows(tmp_path):
    path = tmp_path / "v2.db"
    database = raw_database(path)
    upgrade(database, target=1)
    _insert_version_1_rows(database)
    assert upgrade(database, target=2) == 2
    assert not {"resume", "resume_entry"} & tables(database)
    assert upgrade(database, target=3) == 3
    assert {"resume", "resume_entry"} <= tables(database)
    assert database.execute_sql("SELECT count(*) FROM person").fetchone()[0] == 2
    database.close()

    open_database(path)  # and on to whatever came after
    try:
        from casework.db import schema_version
        from casework.services.documents import resumes

        assert schema_version() == LATEST
        draft = resumes.create_resume("p1", {"target_job": "保安"})
        resumes.add_entry(draft["id"], {"kind": "work", "organisation": "某物业公司"})
        assert [r["target_job"] for r in resumes.list_resumes("p1")] == ["保安"]
        assert resumes.get_resume(draft["id"])["entries"][0]["organisation"] == "某物业公司"
    finally:
        close_database()
