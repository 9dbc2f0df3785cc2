"""Two laptops that started from one copied file, merging by package."""

from __future__ import annotations

from casework.models import Household, Person
from casework.services.register import households, people
from casework.services.sync import heads
from tests.factories import make_household, make_village


def _start(laptops):
    return laptops.start_county()


def test_edits_to_different_fields_merge_without_asking(laptops):
    household, son = _start(laptops)
    laptops.use("a")
    people.update_member(son["id"], {**son, "phone": "13900000001"})
    laptops.use("b")
    people.update_member(son["id"], {**son, "skills": "电焊"})
    summary = laptops.exchange("a", "b")
    assert summary.new_conflicts == 0 and summary.updated_fields == 1
    laptops.exchange("b", "a")
    for name in ("a", "b"):
        laptops.use(name)
        person = Person.get_by_id(son["id"])
        assert (person.phone, person.skills) == ("13900000001", "电焊")
        assert heads.open_conflicts() == []


def test_the_same_field_changed_on_both_is_a_conflict_that_keeps_the_local_value(laptops):
    household, son = _start(laptops)
    laptops.use("a")
    people.update_member(son["id"], {**son, "phone": "13900000001"})
    laptops.use("b")
    people.update_member(son["id"], {**son, "phone": "13900000002"})
    summary = laptops.exchange("a", "b")
    assert summary.new_conflicts == 1 and summary.waiting == 1
    assert Person.get_by_id(son["id"]).phone == "13900000002"
    laptops.exchange("b", "a")
    assert Person.get_by_id(son["id"]).phone == "13900000001"
    assert heads.open_conflicts() == [("person", son["id"], "phone")]


def test_a_new_household_travels_whole_and_twice_changes_nothing(laptops):
    _start(laptops)
    laptops.use("a")
    village = make_village("新村")
    made = make_household(village, code="150521009999", head="包金山")
    package = laptops.export("a")
    first = laptops.receive("b", package)
    assert first.new_records >= 3  # the village, the household, its head
    assert households.get_household(made["id"])["head_name"] == "包金山"
    again = laptops.receive("b", package)
    assert (again.new_records, again.updated_fields, again.new_conflicts) == (0, 0, 0)
    assert Household.select().count() == 2
