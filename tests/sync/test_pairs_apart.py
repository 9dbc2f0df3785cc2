"""不是同一户 / 不是同一个人: a pair a merge found is two records after all, on every laptop."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.db import database
from casework.models import Change, Deletion, DuplicatePair, Household, Person, Visit
from casework.services.common import NotFoundError
from casework.services.register import cadres, visits
from casework.services.sync import duplicates, identity, pairs
from casework.validation import ValidationError
from tests.factories import add_person, make_household, valid_id

CODE = "150521777001"


def _everywhere(laptops, names=("a", "b")):
    for sender in names:
        for receiver in names:
            if sender != receiver:
                laptops.exchange(sender, receiver)


def _the_pair(laptops, name):
    laptops.use(name)
    [pair] = pairs.list_pairs()
    return pair


def _pairs_again() -> int:
    """The pairs a merge would make now (what hold_clashes finds), left unmade."""
    with database.atomic() as transaction:
        dropped = duplicates.drop_live_unique_indexes()
        made = duplicates.hold_clashes(identity.replica_id(), dropped)
        transaction.rollback()
    return made


@pytest.fixture
def two_households(laptops):
    """Two families, one code: a registers 包金山户 with a visit, b 乌力吉户 with a son."""
    county, _son = laptops.start_county()
    village = {"id": county["village_id"]}
    laptops.use("a")
    on_a = make_household(village, code=CODE, head="包金山")
    cadre = cadres.current_cadre()
    visits.record_visit(
        on_a["id"], {"visit_date": "2026-11-20", "situation": "在家", "cadre_ids": [cadre["id"]]}
    )
    laptops.use("b")
    on_b = make_household(village, code=CODE, head="乌力吉")
    add_person(on_b, "乌力吉巴特尔")
    _everywhere(laptops)
    return laptops, {on_a["id"], on_b["id"]}


def test_a_household_kept_apart_with_a_new_code_on_a_is_two_households_on_b(two_households):
    laptops, ids = two_households
    pair = _the_pair(laptops, "a")
    assert (pair["entity"], pair["reason"]) == ("household", "户编号相同")
    other_id = pair["other_id"]
    assert Household.get_by_id(other_id).deleted_at is not None  # hidden while it waits
    done = pairs.keep_apart(pair["id"], " 150521777002 ")
    assert done["field"] == "code"
    _everywhere(laptops)
    for name in ("a", "b"):
        laptops.use(name)
        assert pairs.list_pairs() == []
        assert DuplicatePair.get_by_id(pair["id"]).status == "distinct"
        assert Deletion.get_by_id(pair["id"]).restored_at is not None
        live = Household.select().where(Household.id.in_(ids), Household.deleted_at.is_null())
        codes = {h.id: h.code for h in live}
        assert codes == {other_id: "150521777002", pair["kept_id"]: CODE}
        # Their members and visits are theirs, and live.
        members = Person.select().where(Person.household.in_(ids), Person.deleted_at.is_null())
        assert sorted(p.name for p in members) == ["乌力吉", "乌力吉巴特尔", "包金山"]
        assert Visit.select().where(Visit.household.in_(ids), Visit.deleted_at.is_null()).count()
        assert Household.get_by_id(other_id).member_count >= 1
        assert _pairs_again() == 0
    laptops.use("b")  # a later merge, after more work, pairs nothing again
    add_person({"id": other_id}, "乌力吉其其格", relation="daughter")
    _everywhere(laptops)
    for name in ("a", "b"):
        laptops.use(name)
        assert pairs.list_pairs() == []
        assert Household.get_by_id(other_id).deleted_at is None
        assert Household.get_by_id(pair["kept_id"]).deleted_at is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [("", "请填写户编号"), (CODE, f"户编号 {CODE} 已被另一户使用"), ("1" * 31, "户编号最多30个字")],
)
def test_a_refused_code_leaves_everything_as_it_was(two_households, typed, message):
    laptops, _ids = two_households
    pair = _the_pair(laptops, "a")
    changes = Change.select().count()
    with pytest.raises(ValidationError) as refused:
        pairs.keep_apart(pair["id"], typed)
    assert list(refused.value.errors) == ["code"]
    assert refused.value.errors["code"].startswith(message)
    assert Change.select().count() == changes
    other = Household.get_by_id(pair["other_id"])
    assert (other.code, other.deleted_by) == (CODE, pair["id"])
    assert Deletion.get_by_id(pair["id"]).restored_at is None
    assert [p["id"] for p in pairs.list_pairs()] == [pair["id"]]


def test_a_code_another_household_holds_is_refused(two_households):
    laptops, _ids = two_households
    pair = _the_pair(laptops, "a")
    third = Household.get(Household.code != CODE, Household.deleted_at.is_null())
    with pytest.raises(ValidationError) as refused:
        pairs.keep_apart(pair["id"], third.code)
    assert refused.value.errors == {"code": f"户编号 {third.code} 已被另一户使用"}
    assert Household.get_by_id(pair["other_id"]).deleted_at is not None


@pytest.fixture
def two_people(laptops):
    """One ID number typed for two people: 包金花 on a, 包金莲 on b, one digit mistyped."""
    household, _son = laptops.start_county()
    number = valid_id("19900512", male=False)
    laptops.use("a")
    add_person(household, "包金花", relation="daughter", id_number=number)
    laptops.use("b")
    add_person(household, "包金莲", relation="daughter", id_number=number)
    _everywhere(laptops)
    return laptops, number


def test_a_person_kept_apart_with_a_corrected_id_number_is_two_people_everywhere(two_people):
    laptops, number = two_people
    pair = _the_pair(laptops, "b")
    assert pair["reason"] == "身份证号相同"
    corrected = valid_id("19930208", male=True)
    done = pairs.keep_apart(pair["id"], corrected)
    assert done["field"] == "id_number"
    _everywhere(laptops)
    for name in ("a", "b"):
        laptops.use(name)
        assert pairs.list_pairs() == []
        kept, other = Person.get_by_id(pair["kept_id"]), Person.get_by_id(pair["other_id"])
        assert kept.deleted_at is None and other.deleted_at is None
        assert (kept.id_number, other.id_number) == (number, corrected)
        # The birth date and gender come from the corrected number, as the form sets them.
        assert (other.birth_date, other.gender) == (dt.date(1993, 2, 8), "male")
        assert _pairs_again() == 0


def test_a_refused_id_number_leaves_the_person_hidden(two_people):
    laptops, number = two_people
    pair = _the_pair(laptops, "a")
    changes = Change.select().count()
    for typed, said in [
        (number, "该身份证号已登记为"),
        (number[:17] + ("0" if number[17] != "0" else "1"), "身份证号码校验位不对"),
        ("", "请填写身份证号码"),
    ]:
        with pytest.raises(ValidationError) as refused:
            pairs.keep_apart(pair["id"], typed)
        assert refused.value.errors["id_number"].startswith(said)
    assert Change.select().count() == changes
    other = Person.get_by_id(pair["other_id"])
    assert (other.id_number, other.deleted_by) == (number, pair["id"])


def test_a_likely_pair_is_marked_not_the_same_person_and_not_offered_again(laptops):
    household, _son = laptops.start_county()
    laptops.use("a")
    birth = "19880315"
    first = add_person(household, "包玉兰", "daughter", valid_id(birth, male=False))
    second = add_person(household, "包玉兰", "daughter", valid_id(birth, male=False))
    [group] = pairs.likely_duplicates()
    pair_id = pairs.pair_likely(*group["ids"])
    pairs.keep_apart(pair_id)
    assert pairs.list_pairs() == [] and pairs.likely_duplicates() == []
    with pytest.raises(NotFoundError):
        pairs.keep_apart(pair_id)  # settled already
    _everywhere(laptops)
    for name in ("a", "b"):
        laptops.use(name)
        assert DuplicatePair.get_by_id(pair_id).status == "distinct"
        assert pairs.list_pairs() == [] and pairs.likely_duplicates() == []
        live = Person.select().where(Person.id.in_([first["id"], second["id"]]))
        assert all(p.deleted_at is None for p in live) and live.count() == 2
    # A third 包玉兰 born that day may still be one of them: she is offered, first.
    third = add_person(household, "包玉兰", "daughter", valid_id(birth, male=False))
    [group] = pairs.likely_duplicates()
    assert len(group["ids"]) == 3 and third["id"] in group["ids"][:2]
