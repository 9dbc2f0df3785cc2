"""Members: ID numbers checked, derived facts, duplicates refused, history kept."""

import pytest

from casework.models import Change
from casework.services.register import people, trash
from casework.validation import ValidationError
from tests.factories import add_person, make_cadre, make_household, make_village, valid_id


@pytest.fixture
def household(db, today):
    make_cadre()
    return make_household(make_village())


def test_birth_date_and_gender_come_from_the_id_number(household):
    number = valid_id("19960305", male=False)
    person = add_person(household, "乌云其木格", relation="daughter", id_number=number)
    assert person["birth_date"].isoformat() == "1996-03-05"
    assert person["gender"] == "female" and person["gender_label"] == "女"
    assert person["age"] == 30


def test_lowercase_x_and_fullwidth_digits_are_normalised(household):
    number = next(n for n in (valid_id() for _ in range(200)) if n.endswith("X"))
    typed = number[:-1].translate(str.maketrans("0123456789", "０１２３４５６７８９")) + "x"
    person = add_person(household, "包巴特尔", id_number=typed)
    assert person["id_number"] == number


def test_a_duplicate_id_number_names_its_holder(household):
    number = valid_id()
    add_person(household, "白福生", id_number=number)
    with pytest.raises(ValidationError) as refused:
        add_person(household, "白福来", id_number=number)
    message = refused.value.errors["id_number"]
    assert "白福生" in message and household["code"] in message


def test_an_id_number_is_free_again_once_its_holder_is_deleted(household):
    number = valid_id()
    holder = add_person(household, "白福生", id_number=number)
    trash.delete_person(holder["id"])
    again = add_person(household, "白福生", id_number=number)
    assert again["id_number"] == number


def test_every_bad_field_is_reported_at_once_and_nothing_is_saved(household):
    before = len(people.list_members(household["id"]))
    with pytest.raises(ValidationError) as refused:
        people.add_member(
            household["id"], {"relation": "", "name": "", "id_number": "123", "phone": "12345"}
        )
    assert set(refused.value.errors) >= {"relation", "name", "id_number", "phone"}
    assert "18位" in refused.value.errors["id_number"]
    assert len(people.list_members(household["id"])) == before


def test_a_second_head_is_refused(household):
    with pytest.raises(ValidationError) as refused:
        add_person(household, "韩国庆", relation="head")
    assert "已有户主" in refused.value.errors["relation"]


def test_editing_a_member_keeps_a_change_history(household):
    person = add_person(household, "白福生", phone="13800138000")
    data = {**person, "phone": "139 0013 9000", "skills": "驾驶"}
    people.update_member(person["id"], data)
    changes = {
        c.field: (c.old_value, c.new_value)
        for c in Change.select().where(Change.record_id == person["id"])
    }
    assert changes["phone"] == ("13800138000", "13900139000")
    assert changes["skills"] == ("", "驾驶")
    assert "name" not in changes


def test_head_name_and_member_count_follow_the_members(household):
    from casework.services.register import households

    son = add_person(household, "韩国庆")
    assert households.get_household(household["id"])["member_count"] == 2
    trash.delete_person(son["id"])
    refreshed = households.get_household(household["id"])
    assert refreshed["member_count"] == 1 and refreshed["head_name"] == "韩令春"
