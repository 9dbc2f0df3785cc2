"""Settings are read and written typed; a bad stored value gives the default and a warning."""

from __future__ import annotations

import logging

import pytest

from casework.services.jobs import subsidy
from casework.services.register import cadres
from casework.services.settings import SETTINGS, save_setting, setting


def stored(db, name: str) -> list[str]:
    rows = db.execute_sql("SELECT value FROM setting WHERE key = ?", (name,)).fetchall()
    return [value for (value,) in rows]


def store_text(db, name: str, text: str) -> None:
    """What a hand edit, or a broken copy of the program, may leave in the file."""
    db.execute_sql("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", (name, text))


def test_a_new_database_has_every_default(db):
    assert {name: setting(name) for name in SETTINGS} == {
        "current_cadre_id": None,
        "follow_up_days": 90,
        "subsidy_amount": 2000,
        "subsidy_months": 3,
        "subsidy_region": "beijing",
        "subsidy_sum_periods": False,
        "export_folder": None,
        "laptop_name": None,
        "is_office": False,
    }
    # Only the laptop's identity (services/sync/identity.py) is written at creation.
    rows = db.execute_sql("SELECT key FROM setting").fetchall()
    assert rows == [("replica_id",)]


@pytest.mark.parametrize(
    ("name", "value", "text"),
    [
        ("follow_up_days", 30, "30"),
        ("subsidy_amount", 0, "0"),
        ("subsidy_sum_periods", True, "1"),
        ("subsidy_sum_periods", False, "0"),
        ("subsidy_region", "in_region", "in_region"),
        ("export_folder", "D:\\清单", "D:\\清单"),
    ],
)
def test_a_saved_value_reads_back_typed_and_is_stored_as_older_copies_read_it(
    db, name, value, text
):
    # Older releases read this same table ("1" for on, digits for numbers): the text
    # written must stay what they expect.
    save_setting(name, value)
    assert setting(name) == value and type(setting(name)) is type(value)
    assert stored(db, name) == [text]


def test_saving_again_replaces_the_value(db):
    save_setting("follow_up_days", 30)
    save_setting("follow_up_days", 45)
    assert stored(db, "follow_up_days") == ["45"] and setting("follow_up_days") == 45


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("follow_up_days", "九十"),
        ("follow_up_days", "９０"),  # int() would take full-width digits
        ("follow_up_days", " 90"),
        ("follow_up_days", "0"),
        ("subsidy_amount", "2,000"),
        ("subsidy_amount", "-5"),
        ("subsidy_months", "3.5"),
        ("subsidy_sum_periods", "yes"),
        ("subsidy_region", "火星"),
        ("current_cadre_id", ""),
    ],
)
def test_a_corrupted_value_gives_the_default_and_a_warning(db, caplog, name, text):
    store_text(db, name, text)
    with caplog.at_level(logging.WARNING, logger="casework.services.settings"):
        assert setting(name) == SETTINGS[name].default
    assert [record.levelno for record in caplog.records] == [logging.WARNING]
    assert name in caplog.text and repr(text) in caplog.text
    assert stored(db, name) == [text]  # left for someone to look at, not overwritten


def test_the_screens_still_get_their_rules_from_a_corrupted_file(db, caplog):
    store_text(db, "follow_up_days", "abc")
    store_text(db, "subsidy_amount", "两千")
    store_text(db, "subsidy_months", "6")
    assert cadres.follow_up_days() == 90
    rules = subsidy.settings()
    assert (rules["amount"], rules["months"], rules["region_label"]) == (2000, 6, "北京")


def test_the_services_save_typed_values(db):
    subsidy.save_settings({"amount": "3,000元", "months": "2个月", "region": "beijing"})
    assert stored(db, "subsidy_amount") == ["3000"] and stored(db, "subsidy_sum_periods") == ["0"]
    assert setting("subsidy_months") == 2
    assert cadres.set_follow_up_days(" 60 ") == 60 and setting("follow_up_days") == 60


@pytest.mark.parametrize(
    ("name", "value", "error"),
    [
        ("follow_up_days", "90", TypeError),
        ("follow_up_days", True, TypeError),  # a bool is not a number of days
        ("subsidy_sum_periods", 1, TypeError),
        ("export_folder", None, TypeError),
        ("follow_up_days", 0, ValueError),
        ("subsidy_region", "火星", ValueError),
        ("current_cadre_id", "", ValueError),
    ],
)
def test_a_value_of_the_wrong_type_or_unusable_is_refused_and_not_stored(db, name, value, error):
    with pytest.raises(error, match=name):
        save_setting(name, value)
    assert stored(db, name) == []


def test_an_undeclared_setting_is_a_programming_error(db):
    before = db.execute_sql("SELECT count(*) FROM setting").fetchone()[0]
    with pytest.raises(KeyError, match="follow_up"):
        setting("follow_up")
    with pytest.raises(KeyError, match="follow_up"):
        save_setting("follow_up", 30)
    assert db.execute_sql("SELECT count(*) FROM setting").fetchone()[0] == before
