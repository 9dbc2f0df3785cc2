"""The recycle bin: deletes hide, restores bring back exactly what was hidden."""

import pytest

from casework.services.common import ConflictError, NotFoundError
from casework.services.register import listing, people, trash, visits, wishes
from tests.factories import add_person, make_cadre, make_household, make_village


@pytest.fixture
def family(db, today):
    cadre = make_cadre()
    household = make_household(make_village())
    son = add_person(household, "韩国庆")
    members = people.list_members(household["id"])
    visit = visits.record_visit(
        household["id"],
        {
            "visit_date": "2026-11-20",
            "situation": "了解就业意愿",
            "cadre_ids": [cadre["id"]],
            "person_ids": [m["id"] for m in members],
        },
    )
    wishes.record_wish(son["id"], {"willing_to_go_out": True, "destinations": ["beijing"]})
    return household, son, visit


def test_deleting_and_restoring_a_household_brings_back_members_and_visits(family):
    household, son, visit = family
    deletion = trash.delete_household(household["id"])
    assert listing.list_households()[1] == 0
    assert people.list_members(household["id"]) == []
    assert visits.list_visits(household["id"]) == []
    rows, total = trash.list_deleted()
    assert total == 1 and rows[0]["kind_label"] == "农户" and household["code"] in rows[0]["label"]

    trash.restore(deletion)
    assert listing.list_households()[1] == 1
    assert {m["name"] for m in people.list_members(household["id"])} == {"韩令春", "韩国庆"}
    assert [v["id"] for v in visits.list_visits(household["id"])] == [visit["id"]]
    assert wishes.wish_history(son["id"])[0]["destinations"] == "beijing"
    assert trash.list_deleted()[1] == 0


def test_a_member_deleted_before_the_household_stays_deleted_after_restore(family):
    household, son, _ = family
    trash.delete_person(son["id"])
    deletion = trash.delete_household(household["id"])
    trash.restore(deletion)
    assert [m["name"] for m in people.list_members(household["id"])] == ["韩令春"]
    assert trash.list_deleted()[1] == 1  # the son's own deletion is still in the bin


def test_restoring_refuses_an_id_number_now_held_by_someone_else(family):
    household, son, _ = family
    deletion = trash.delete_person(son["id"])
    other = make_household(make_village("乌兰不浪村", "大青山乡"), head="白福生")
    add_person(other, "韩国庆", id_number=son["id_number"])
    with pytest.raises(ConflictError) as refused:
        trash.restore(deletion)
    assert son["id_number"] in str(refused.value)
    assert len(people.list_members(household["id"])) == 1


def test_a_member_cannot_be_restored_into_a_deleted_household(family):
    household, son, _ = family
    person_deletion = trash.delete_person(son["id"])
    trash.delete_household(household["id"])
    with pytest.raises(ConflictError):
        trash.restore(person_deletion)


def test_restoring_twice_is_refused(family):
    household, _, _ = family
    deletion = trash.delete_household(household["id"])
    trash.restore(deletion)
    with pytest.raises(NotFoundError):
        trash.restore(deletion)


def test_deleting_a_visit_updates_the_household_visit_dates(family):
    household, _, visit = family
    trash.delete_visit(visit["id"])
    row = listing.list_households()[0][0]
    assert row["last_visit_date"] is None and row["next_visit_date"] is None
