"""Numbers may be typed in 0-9, half- or full-width; any other script's digits are refused.

`str.isdigit()`, `\\d`, int() and float() accept Arabic-Indic ٣, Devanagari ३ and (some of
them) superscript ³ or circled ③; a number stored with them would look right on screen
and match nothing. Found by fuzzing; the properties below keep it fixed.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework import validation
from casework.validation import FieldError
from tests.test_validation import MALE, TODAY, refused

ASCII = "0123456789"
FULL_WIDTH = "０１２３４５６７８９"
# Every character Python calls a digit that is not 0-9 (full-width ones are folded).
UNUSUAL = [
    chr(c)
    for c in range(0x110000)
    if chr(c).isdigit() and chr(c) not in ASCII and chr(c) not in FULL_WIDTH
]
unusual_digit = st.sampled_from(UNUSUAL)


def test_the_unusual_digits_include_the_ones_fuzzing_found():
    for char in "٣३³③۴":
        assert char in UNUSUAL


def to_fullwidth(text: str) -> str:
    return "".join(FULL_WIDTH[int(c)] if c in ASCII else c for c in text)


def spoil(text: str, data) -> tuple[str, str]:
    """`text` with one of its 0-9 digits replaced by an unusual one; and that digit."""
    places = [i for i, c in enumerate(text) if c in ASCII]
    index = data.draw(st.sampled_from(places))
    char = data.draw(unusual_digit)
    return text[:index] + char + text[index + 1 :], char


def assert_refused_naming(message: str, char: str) -> None:
    assert f"“{char}”" in message and "请用0-9输入" in message


@given(st.data())
def test_a_mobile_with_another_scripts_digit_is_refused(data):
    typed, char = spoil("13904750001", data)
    assert_refused_naming(refused(validation.mobile, typed), char)
    assert_refused_naming(refused(validation.phone, typed), char)


@given(st.data())
def test_a_landline_with_another_scripts_digit_is_refused(data):
    typed, char = spoil("0475-8123456", data)
    assert_refused_naming(refused(validation.phone, typed), char)


@given(st.data())
def test_an_id_number_with_another_scripts_digit_is_refused(data):
    typed, char = spoil(MALE, data)
    assert_refused_naming(refused(validation.id_number, typed, today=TODAY), char)


@given(st.data())
def test_a_date_with_another_scripts_digit_is_refused(data):
    typed, char = spoil(data.draw(st.sampled_from(["2026-11-27", "2026年11月27日"])), data)
    assert_refused_naming(refused(validation.date, typed, label="走访日期"), char)


@given(st.data())
def test_money_with_another_scripts_digit_is_refused(data):
    typed, char = spoil(data.draw(st.sampled_from(["6000", "0.6万", "6,500元"])), data)
    assert_refused_naming(refused(validation.money, typed, label="期望月薪"), char)


def test_the_message_is_chinese_and_names_the_character():
    message = refused(validation.mobile, "١٣٩٠٤٧٥٠٠٠١")
    assert message.startswith("手机号码中的“١”（ARABIC-INDIC DIGIT ONE）不是0-9的数字")


@given(st.text(alphabet=ASCII, min_size=9, max_size=9))
def test_full_width_mobiles_are_folded_to_ascii(tail):
    number = "13" + tail
    assert validation.mobile(to_fullwidth(number)) == number
    assert validation.phone(to_fullwidth(number)) == number


def test_full_width_id_numbers_dates_and_money_are_folded_to_ascii():
    assert validation.id_number(to_fullwidth(MALE), today=TODAY).number == MALE
    assert validation.date("２０２６－１１－２７") == dt.date(2026, 11, 27)
    assert validation.money("６０００元") == 6000
    assert validation.phone("０４７５－８１２３４５６") == "0475-8123456"


@given(st.text(max_size=30))
def test_whatever_is_typed_a_validator_answers_a_value_or_a_field_error(raw):
    for check in (
        validation.mobile,
        validation.phone,
        lambda text: validation.id_number(text, today=TODAY),
        validation.date,
        validation.money,
        validation.credit_code,
    ):
        try:
            value = check(raw)
        except FieldError as error:
            assert error.message
            continue
        # What is accepted is stored in plain 0-9.
        shown = value.number if isinstance(value, validation.IdNumber) else str(value or "")
        assert all(c in ASCII for c in shown if unicodedata.category(c) == "Nd")


@pytest.mark.parametrize("raw", ["1e4", "inf", "nan", "6_000", "1" * 400, "--5"])
def test_money_is_a_plain_decimal(raw):
    assert refused(validation.money, raw)
