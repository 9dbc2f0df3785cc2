"""Schema migrations: a new file is complete, a schema-1 file is indexed, a failed step undone."""

from __future__ import annotations

import threading

import peewee
import pytest

from casework import migrations
from casework.db import PRAGMAS, NewerSchemaError, close_database, open_database, schema_version
from casework.migrations import LATEST, m0002_search, upgrade
from casework.models import ALL_MODELS, Area, Household, Person


def raw_database(path) -> peewee.SqliteDatabase:
    """A database object of the test's own, as an older Casework would have opened the file."""
    database = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS)
    database.connect()
    return database


def tables(database) -> set[str]:
    rows = database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {name for (name,) in rows.fetchall()}


class TestNewDatabase:
    def test_is_at_the_latest_version(self, db):
        assert schema_version(db) == LATEST
        assert LATEST == len(migrations.STEP_NAMES)

    @pytest.mark.parametrize("model", ALL_MODELS, ids=lambda model: model.__name__)
    def test_every_model_field_is_a_column(self, db, model):
        table = model._meta.table_name
        columns = {column.name: column for column in db.get_columns(table)}
        fields = {field.column_name: field for field in model._meta.sorted_fields}
        assert set(columns) == set(fields), f"table {table} and model {model.__name__} differ"
        for name, field in fields.items():
            if field.primary_key:
                continue
            # A model that allows None where the column refuses NULL fails on save.
            assert columns[name].null == field.null, f"{table}.{name}: NULL allowed differs"

    def test_opening_again_changes_nothing(self, tmp_path):
        path = tmp_path / "casework.db"
        open_database(path)
        close_database()
        database = open_database(path)
        assert schema_version(database) == LATEST
        close_database()


def test_pragmas_are_in_effect(db):
    def pragma(name):
        return db.execute_sql(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2  # FULL: a committed visit survives a power cut
    assert pragma("busy_timeout") == 30000  # waits out another process's import


def test_pragmas_hold_on_another_threads_connection(db):
    seen = {}

    def worker():
        # peewee gives each thread its own connection; it must be set up the same way.
        seen["synchronous"] = db.execute_sql("PRAGMA synchronous").fetchone()[0]
        seen["foreign_keys"] = db.execute_sql("PRAGMA foreign_keys").fetchone()[0]
        db.close()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(10)
    assert seen == {"synchronous": 2, "foreign_keys": 1}


def _insert_version_1_rows(database) -> None:
    """What Casework 1 wrote: no search columns existed yet, and no pinyin was stored."""
    stamp = "2026-03-01 09:00:00"
    database.execute_sql(
        "INSERT INTO area (id, created_at, updated_at, level, name, code) "
        "VALUES ('a1', ?, ?, 'village', '好力保嘎查', '')",
        (stamp, stamp),
    )
    database.execute_sql(
        "INSERT INTO household (id, created_at, updated_at, code, village_id, address, phone, "
        "status, notes, head_name, member_count) "
        "VALUES ('h1', ?, ?, 'KZ-0001', 'a1', '三组', '', 'registered', '', '韩令春', 2)",
        (stamp, stamp),
    )
    for person_id, name, relation in [("p1", "韩令春", "head"), ("p2", "包巴特尔", "spouse")]:
        database.execute_sql(
            "INSERT INTO person (id, created_at, updated_at, household_id, relation, name, "
            "name_pinyin, name_initials, gender, ethnicity, phone, education, health, "
            "health_notes, labour_ability, skills, work_status, notes) "
            "VALUES (?, ?, ?, 'h1', ?, ?, '', '', '', 'mongol', '', '', '', '', '', '', '', '')",
            (person_id, stamp, stamp, relation, name),
        )


def _names_found(database, table: str, query: str) -> list[str]:
    rows = database.execute_sql(
        f"SELECT p.name FROM {table} f JOIN search_key k ON k.rowid = f.rowid "
        f"JOIN person p ON p.id = k.person_id WHERE {table} MATCH ? ORDER BY p.name",
        (query,),
    )
    return [name for (name,) in rows.fetchall()]


class TestUpgradeFromVersion1:
    # No file of schema 1 was kept (tests/fixtures/migrations starts at 5); step 1 is
    # frozen SQL, so running it stands in for that release. Upgrades from the files
    # that were kept are in test_migration_fixtures.py.
    @pytest.fixture
    def old_file(self, tmp_path):
        path = tmp_path / "old.db"
        database = raw_database(path)
        assert upgrade(database, target=1) == 1
        assert "search_key" not in tables(database)
        _insert_version_1_rows(database)
        return path, database

    def test_rows_survive_and_are_indexed(self, old_file):
        _path, database = old_file
        assert upgrade(database) == LATEST
        assert schema_version(database) == LATEST
        sql = database.execute_sql
        assert sql("SELECT count(*) FROM area").fetchone()[0] == 1
        assert sql("SELECT count(*) FROM household").fetchone()[0] == 1
        rows = sql("SELECT name, name_pinyin, name_initials, search_grams FROM person ORDER BY id")
        han, bao = rows.fetchall()
        assert han[:3] == ("韩令春", "hanlingchun", "hlc")
        assert bao[:3] == ("包巴特尔", "baobateer", "bbte")
        assert "韩令" in han[3].split()
        assert _names_found(database, "person_fts", '"hanlingchun"') == ["韩令春"]
        assert _names_found(database, "person_fts", '"kz-0001"') == ["包巴特尔", "韩令春"]
        assert _names_found(database, "person_short", '"韩令"') == ["韩令春"]
        assert _names_found(database, "person_short", '"巴"') == ["包巴特尔"]
        database.close()

    def test_models_read_the_upgraded_file(self, old_file):
        path, database = old_file
        database.close()
        open_database(path)
        try:
            person = Person.get_by_id("p1")
            assert person.household.code == "KZ-0001"
            assert person.household.village.name == "好力保嘎查"
            assert person.name_pinyin == "hanlingchun"
            # The triggers work on the upgraded file: a rename is searchable at once.
            person.name = "韩玲春"
            person.name_pinyin, person.name_initials = "hanlingchun", "hlc"
            person.search_grams = "韩 玲 春 韩玲 玲春"
            person.save()
            found = _names_found(Person._meta.database, "person_short", '"韩玲"')
            assert found == ["韩玲春"]
            assert _names_found(Person._meta.database, "person_short", '"韩令"') == []
        finally:
            close_database()


def test_a_failing_step_leaves_the_previous_version(tmp_path, monkeypatch):
    database = raw_database(tmp_path / "old.db")
    upgrade(database, target=1)
    real_apply = m0002_search.apply

    def apply_then_fail(db):
        real_apply(db)
        db.execute_sql('CREATE TABLE "half_done" ("id" INTEGER PRIMARY KEY)')
        raise RuntimeError("power cut")

    monkeypatch.setattr(m0002_search, "apply", apply_then_fail)
    with pytest.raises(RuntimeError, match="power cut"):
        upgrade(database)
    assert schema_version(database) == 1
    assert not {"half_done", "search_key", "person_fts", "person_short"} & tables(database)
    columns = {column.name for column in database.get_columns("person")}
    assert "search_grams" not in columns

    monkeypatch.setattr(m0002_search, "apply", real_apply)
    assert upgrade(database) == LATEST
    database.close()


def test_a_file_from_a_newer_casework_is_refused(tmp_path):
    path = tmp_path / "newer.db"
    database = raw_database(path)
    database.execute_sql(f"PRAGMA user_version = {LATEST + 1}")
    database.close()
    with pytest.raises(NewerSchemaError) as caught:
        open_database(path)
    close_database()
    message = str(caught.value)
    assert "升级" in message and str(path) in message
    assert str(LATEST + 1) in message
    database = raw_database(path)
    assert schema_version(database) == LATEST + 1
    database.close()


def test_an_id_number_belongs_to_one_live_person(db):
    village = Area.create(level="village", name="好力保嘎查")
    household = Household.create(code="KZ-0001", village=village)
    first = Person.create(household=household, name="韩令春", id_number="150521199003071068")
    with pytest.raises(peewee.IntegrityError):
        with db.atomic():
            Person.create(household=household, name="韩令春", id_number="150521199003071068")
    first.deleted_at = first.created_at
    first.save()
    again = Person.create(household=household, name="韩令春", id_number="150521199003071068")
    assert Person.select().where(Person.id_number == again.id_number).count() == 2
    # People without an ID number on file do not collide with each other.
    Person.create(household=household, name="包巴特尔", id_number=None)
    Person.create(household=household, name="乌云其木格", id_number=None)
