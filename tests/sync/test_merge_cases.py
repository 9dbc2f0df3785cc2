"""The named cases of merging: the same person twice, delete against edit, a resolved
conflict travelling back, deltas for one colleague, a copied file becoming a laptop."""

from __future__ import annotations

from casework.models import Deletion, DuplicatePair, EmploymentWish, Person, Setting
from casework.services.register import people, trash, wishes
from casework.services.sync import conflicts, heads, identity, pairs
from tests.factories import add_person, valid_id


def _start(laptops):
    return laptops.start_county()


def _everywhere(laptops, names=("a", "b")):
    for sender in names:
        for receiver in names:
            if sender != receiver:
                laptops.exchange(sender, receiver)


def test_a_copied_file_becomes_a_laptop_of_its_own(laptops):
    _start(laptops)
    ids = {}
    for name in ("office", "a", "b"):
        laptops.use(name)
        ids[name] = identity.replica_id()
    assert len(set(ids.values())) == 3
    laptops.use("a")
    assert identity.replica_id() == ids["a"]  # and stays so on this laptop
    stored = Setting.get_by_id("replica_binding").value
    assert stored.endswith("a.db")


def test_the_same_person_registered_on_two_laptops_waits_as_one_pair(laptops):
    household, _son = _start(laptops)
    number = valid_id()
    laptops.use("a")
    on_a = add_person(household, "包金花", relation="daughter", id_number=number)
    wishes.record_wish(on_a["id"], {"willing_to_go_out": True, "destinations": ["beijing"]})
    laptops.use("b")
    on_b = add_person(
        household, "包金花", relation="daughter", id_number=number, phone="13900000009"
    )
    _everywhere(laptops)
    seen = {}
    for name in ("a", "b"):
        laptops.use(name)
        live = Person.select().where(Person.id_number == number, Person.deleted_at.is_null())
        assert live.count() == 1
        [pair] = pairs.list_pairs()
        seen[name] = (pair["id"], pair["kept_id"], live.get().id)
    assert seen["a"] == seen["b"]
    pair_id, kept_id, _ = seen["a"]
    other_id = on_b["id"] if kept_id == on_a["id"] else on_a["id"]
    laptops.use("a")
    pairs.merge_pair(pair_id, {"phone": "other" if other_id == on_b["id"] else "kept"})
    _everywhere(laptops)
    for name in ("a", "b"):
        laptops.use(name)
        assert pairs.list_pairs() == []
        assert DuplicatePair.get_by_id(pair_id).status == "merged"
        kept = Person.get_by_id(kept_id)
        assert kept.phone == "13900000009" and kept.deleted_at is None
        assert Person.get_by_id(other_id).deleted_at is not None
        assert EmploymentWish.select().where(EmploymentWish.person == kept_id).count() == 1


def test_a_record_deleted_on_one_laptop_and_edited_on_the_other_stays_deleted(laptops):
    _household, son = _start(laptops)
    laptops.use("a")
    trash.delete_person(son["id"])
    laptops.use("b")
    people.update_member(son["id"], {**son, "skills": "电焊"})
    _everywhere(laptops)
    for name in ("a", "b"):
        laptops.use(name)
        person = Person.get_by_id(son["id"])
        assert person.deleted_at is not None and person.skills == "电焊"
        [row] = [r for r in trash.list_deleted()[0] if r["label"].startswith("韩春明")]
        assert row["edited_elsewhere"] is True
    laptops.use("b")
    deletion = Deletion.get(Deletion.record_id == son["id"])
    trash.restore(deletion.id)
    _everywhere(laptops)
    laptops.use("a")
    assert Person.get_by_id(son["id"]).deleted_at is None


def test_a_resolved_conflict_travels_back_and_settles_everywhere(laptops):
    _household, son = _start(laptops)
    for name, phone in (("a", "13900000001"), ("b", "13900000002")):
        laptops.use(name)
        people.update_member(son["id"], {**son, "phone": phone})
    _everywhere(laptops)
    laptops.use("b")
    [conflict] = conflicts.list_conflicts()
    assert {alt["value"] for alt in conflict["alternatives"]} == {"13900000001", "13900000002"}
    assert conflict["local_value"] == "13900000002"
    conflicts.resolve_conflict("person", son["id"], "phone", "13900000001")
    assert conflicts.list_conflicts() == []
    summary = laptops.exchange("b", "a")
    assert summary.waiting == 0
    laptops.use("a")
    assert conflicts.list_conflicts() == [] and Person.get_by_id(son["id"]).phone == "13900000001"


def test_a_package_for_one_colleague_holds_only_what_they_lack(laptops):
    _household, son = _start(laptops)
    _everywhere(laptops)  # now each knows what the other holds
    laptops.use("a")
    people.update_member(son["id"], {**son, "skills": "瓦工"})
    laptops.use("b")
    b_name = identity.laptop_name()
    laptops.use("a")
    from casework.services.sync import export

    peer = export.find_peer(b_name)
    package = laptops.folder / "for-b.cwp"
    made = export.export_package(package, "county-exchange-2026", receiver=peer.id)
    assert made.changes == 1 and made.records == 1  # the edit and the person it is on
    summary = laptops.receive("b", package)
    assert summary.updated_fields == 1
    assert Person.get_by_id(son["id"]).skills == "瓦工"


def test_losses_and_repeats_do_not_matter(laptops):
    _household, son = _start(laptops)
    _everywhere(laptops)
    laptops.use("a")
    people.update_member(son["id"], {**son, "skills": "瓦工"})
    laptops.export("a")  # lost on the way
    people.update_member(
        son["id"], {**Person.get_by_id(son["id"]).__data__, "phone": "13911112222"}
    )
    package = laptops.export("a")
    laptops.receive("b", package)
    laptops.receive("b", package)
    person = Person.get_by_id(son["id"])
    assert (person.skills, person.phone) == ("瓦工", "13911112222")
    assert heads.open_conflicts() == []


def test_the_office_collects_everyones_work_and_hands_back_the_county(laptops):
    household, _son = _start(laptops)
    laptops.use("office")
    from casework.services.settings import save_setting

    save_setting("is_office", True)
    made = {}
    for name in ("a", "b"):
        laptops.use(name)
        made[name] = add_person(household, f"{name}的新成员")["id"]
        laptops.receive("office", laptops.export(name))
    county = laptops.export("office")
    for name in ("a", "b"):
        summary = laptops.receive(name, county)
        assert summary.sender_name and summary.waiting == 0
        assert all(Person.get_or_none(Person.id == i) for i in made.values())
    laptops.use("a")
    from casework.models import Peer

    assert Peer.get_by_id(summary.sender).is_office


def test_a_restored_backup_becomes_a_new_laptop(laptops):
    from casework.db import close_database, open_database
    from casework.services.safety import backups

    _household, son = _start(laptops)
    laptops.use("a")
    before = identity.replica_id()
    backup = backups.create_backup("manual")
    people.update_member(son["id"], {**son, "skills": "瓦工"})  # numbered after the backup
    backups.restore(backup, laptops.path("a"), None)
    laptops.current = None
    close_database()
    open_database(laptops.path("a"))
    laptops.current = "a"
    assert identity.replica_id() != before  # its next numbers are never the lost ones'


def test_a_follow_up_made_on_one_laptop_reaches_the_other_and_ends_the_job_there(laptops):
    from casework.models import Placement
    from casework.services.jobs import placements, work_checks
    from tests.jobs_factories import make_posting

    _household, son = _start(laptops)
    laptops.use("a")
    placement = placements.create_placement(
        {"person_id": son["id"], "employer_name": "北京嘉裕集团", "place": "beijing",
         "organised": True, "stage_date": "2026-10-20"}
    )  # fmt: skip
    _everywhere(laptops)
    laptops.use("b")
    make_posting()  # b's own work meanwhile
    work_checks.record_check(
        placement["id"], {"still_working": False, "left_on": "2026-11-10", "left_reason": "health"}
    )
    _everywhere(laptops)
    laptops.use("a")
    assert Placement.get_by_id(placement["id"]).stage == "left"
    (check,) = work_checks.placement_status(placement["id"])["checks"]
    assert check["left_reason_label"] == "身体原因" and check["cadre_name"] == "杨志勇"
    assert [r["reason_label"] for r in work_checks.left_early_rows()] == ["身体原因"]
