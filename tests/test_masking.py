"""ID numbers and phones as lists show them: enough to tell people apart, never the whole."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from casework.masking import mask_id_number, mask_phone, masked_row, masked_rows


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("15052119900307106X", "150521********106X"),
        ("150521199003071234", "150521********1234"),
        ("150521900307123", "150521*****7123"),  # the old 15-digit number
        (" 150521199003071234 ", "150521********1234"),
        ("", ""),
        (None, ""),
        ("1505", "1**5"),  # a fragment: at most a quarter at each end
        ("15052119", "15****19"),
    ],
)
def test_id_numbers_keep_the_area_code_and_the_last_four(number, shown):
    assert mask_id_number(number) == shown


@pytest.mark.parametrize(
    ("phone", "shown"),
    [
        ("13904750001", "139****0001"),
        ("+8613904750001", "139****0001"),
        ("139 0475 0001", "139****0001"),
        ("0475-8123456", "0475-****456"),
        ("010-69441234", "010-*****234"),
        ("04758123456", "0475-****456"),
        ("01069441234", "010-*****234"),
        ("(0475)8123456", "0475-****456"),
        ("", ""),
        (None, ""),
        ("110", "***"),
    ],
)
def test_phones_keep_the_prefix_or_area_code_and_the_last_digits(phone, shown):
    assert mask_phone(phone) == shown


@given(st.text(alphabet="0123456789X", min_size=18, max_size=18))
def test_an_id_number_never_shows_its_birth_date(number):
    shown = mask_id_number(number)
    assert len(shown) == 18 and shown[6:14] == "*" * 8
    assert shown[:6] == number[:6] and shown[14:] == number[14:]


@given(st.text(alphabet="0123456789-+() X", max_size=24))
@example("0000000000")  # a 6-digit local number once kept 3 digits and hid only 3
def test_whatever_the_value_at_least_four_of_eight_or_more_characters_are_hidden(text):
    for mask in (mask_id_number, mask_phone):
        shown = mask(text)
        if len(re.sub(r"[\s()]", "", text)) >= 8:
            assert shown.count("*") >= 4


def test_a_row_is_copied_with_its_numbers_masked_and_nothing_else_touched():
    row = {"id": "a", "name": "韩令春", "id_number": "150521199003071234", "phone": "13904750001"}
    assert masked_row(row) == {
        "id": "a",
        "name": "韩令春",
        "id_number": "150521********1234",
        "phone": "139****0001",
    }
    assert row["id_number"] == "150521199003071234"  # the service's row is left whole
    assert masked_rows([{"name": "韩国庆"}]) == [{"name": "韩国庆"}]
