"""Migration 4 (training): a version-3 file with people in it upgrades and takes classes."""

from __future__ import annotations

import peewee
import pytest

from casework.db import close_database, open_database
from casework.migrations import LATEST, upgrade
from casework.models import Enrollment, Person, TrainingClass
from tests.test_migrations import _insert_version_1_rows, raw_database, tables


@pytest.fixture
def version_3_file(tmp_path):
    path = tmp_path / "v3.db"
    database = raw_database(path)
    upgrade(database, target=1)
    _insert_version_1_rows(database)
    assert upgrade(database, target=3) == 3
    assert "training_class" not in tables(database)
    return path, database


def test_upgrade_keeps_the_people_and_adds_the_training_tables(version_3_file):
    path, database = version_3_file
    assert upgrade(database) == LATEST
    assert {"training_class", "enrollment"} <= tables(database)
    assert database.execute_sql("SELECT count(*) FROM person").fetchone()[0] == 2
    database.close()
    open_database(path)
    try:
        course = TrainingClass.create(kind="cooking", name="中式烹饪班")
        Enrollment.create(training_class=course, person=Person.get_by_id("p1"))
        assert [e.person.name for e in course.enrollments] == ["韩令春"]
        # One live enrolment per person and class, enforced by the database itself.
        with pytest.raises(peewee.IntegrityError):
            with Enrollment._meta.database.atomic():
                Enrollment.create(training_class=course, person="p1")
    finally:
        close_database()
