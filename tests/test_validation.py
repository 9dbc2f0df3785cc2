"""Field validators: what a cadre may type in each field, and the Chinese answer when wrong."""

from __future__ import annotations

import datetime as dt

import pytest
from stdnum.cn import ric

from casework import validation, vocab
from casework.validation import FieldCollector, FieldError, ValidationError

TODAY = dt.date(2026, 11, 27)


def make_id(first17: str) -> str:
    """A valid ID number: the 17 given digits plus their GB 11643 check digit."""
    # stdnum's calc_check_digit expects the whole number, check digit slot included.
    return first17 + ric.calc_check_digit(first17 + "0")


def wrong_check_digit(number: str) -> str:
    right = number[-1]
    return number[:-1] + ("0" if right != "0" else "1")


# A Horqin Left Middle Banner woman born 1990-03-07 whose check digit is X.
WITH_X = make_id("15052119900307106")
MALE = make_id("15052119850615001")  # 17th digit 1: odd, male
FEMALE = make_id("15052119850615002")  # 17th digit 2: even, female


def refused(validator, *args, **kwargs) -> str:
    with pytest.raises(FieldError) as caught:
        validator(*args, **kwargs)
    message = caught.value.message
    assert message == str(caught.value)
    return message


class TestIdNumber:
    def test_valid_number_gives_birth_date_and_gender(self):
        result = validation.id_number(MALE, today=TODAY)
        assert result.number == MALE
        assert result.birth_date == dt.date(1985, 6, 15)
        assert result.gender == "male"
        assert validation.id_number(FEMALE, today=TODAY).gender == "female"

    def test_check_digit_x_in_either_case(self):
        assert WITH_X.endswith("X")
        assert validation.id_number(WITH_X, today=TODAY).number == WITH_X
        assert validation.id_number(WITH_X.lower(), today=TODAY).number == WITH_X
        assert validation.id_number(WITH_X, today=TODAY).birth_date == dt.date(1990, 3, 7)

    def test_full_width_digits_and_spaces_are_cleaned(self):
        full_width = MALE.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        assert full_width.startswith("１５０５")
        assert validation.id_number(full_width, today=TODAY).number == MALE
        spaced = f" {MALE[:6]} {MALE[6:14]} {MALE[14:]} "
        assert validation.id_number(spaced, today=TODAY).number == MALE
        assert validation.id_number(MALE[:6] + "-" + MALE[6:], today=TODAY).number == MALE
        full_width_x = WITH_X[:-1] + "ｘ"
        assert validation.id_number(full_width_x, today=TODAY).number == WITH_X

    def test_born_today_is_accepted(self):
        newborn = make_id("150521" + TODAY.strftime("%Y%m%d") + "002")
        assert validation.id_number(newborn, today=TODAY).birth_date == TODAY

    def test_wrong_check_digit(self):
        message = refused(validation.id_number, wrong_check_digit(MALE), today=TODAY)
        assert "校验位" in message
        assert "校验位" in refused(validation.id_number, WITH_X[:-1] + "1", today=TODAY)

    @pytest.mark.parametrize("birth", ["19900230", "19901301", "19900000", "20230229"])
    def test_impossible_birth_date(self, birth):
        message = refused(validation.id_number, make_id("150521" + birth + "123"), today=TODAY)
        assert "出生日期" in message
        assert birth in message

    def test_future_birth_date(self):
        message = refused(validation.id_number, make_id("15052120270101123"), today=TODAY)
        assert "出生日期" in message
        assert "2027-01-01" in message
        tomorrow = make_id("150521" + "20261128" + "123")
        assert "出生日期" in refused(validation.id_number, tomorrow, today=TODAY)

    def test_birth_before_1900(self):
        assert "出生日期" in refused(
            validation.id_number, make_id("15052118991231123"), today=TODAY
        )

    @pytest.mark.parametrize("length", [17, 19])
    def test_wrong_length(self, length):
        number = (MALE + "1")[:length]
        message = refused(validation.id_number, number, today=TODAY)
        assert "18位" in message
        assert f"{length}位" in message

    def test_old_15_digit_number(self):
        message = refused(validation.id_number, "150521850615123", today=TODAY)
        assert "15位" in message
        assert "18位" in message

    @pytest.mark.parametrize("number", ["15052119850615A01X", "1505211985O615001X", "X" * 18])
    def test_letters_in_the_body(self, number):
        message = refused(validation.id_number, number, today=TODAY)
        assert "前17位" in message
        assert "数字" in message

    def test_unknown_province(self):
        message = refused(validation.id_number, make_id("99052119850615001"), today=TODAY)
        assert "99" in message
        assert "地区代码" in message

    def test_blank_asks_for_it(self):
        assert "请填写身份证号码" in refused(validation.id_number, "  ", today=TODAY)
        assert "请填写身份证号码" in refused(validation.id_number, None, today=TODAY)

    def test_default_today_comes_from_the_clock(self, set_now):
        set_now(dt.date(2000, 1, 1))
        born_2010 = make_id("15052120100101123")
        assert "出生日期" in refused(validation.id_number, born_2010)


class TestMobile:
    @pytest.mark.parametrize(
        "raw",
        [
            "13800138000",
            "138 0013 8000",
            "138-0013-8000",
            "+86 138 0013 8000",
            "+8613800138000",
            "１３８００１３８０００",
            " 13800138000 ",
        ],
    )
    def test_accepted_forms(self, raw):
        assert validation.mobile(raw) == "13800138000"

    @pytest.mark.parametrize("prefix", ["13", "14", "15", "16", "17", "18", "19"])
    def test_every_mobile_prefix(self, prefix):
        assert validation.mobile(prefix + "912345678") == prefix + "912345678"

    def test_must_start_13_to_19(self):
        assert "13至19" in refused(validation.mobile, "12345678901")
        assert "13至19" in refused(validation.mobile, "23800138000")

    def test_wrong_length(self):
        assert "11位" in refused(validation.mobile, "1380013800")
        assert "现在是12位" in refused(validation.mobile, "138001380001")

    def test_letters(self):
        assert "数字" in refused(validation.mobile, "1380013800a")

    def test_blank(self):
        assert validation.mobile("") == ""
        assert validation.mobile(None) == ""
        assert "请填写手机号码" in refused(validation.mobile, " ", required=True)


class TestDate:
    @pytest.mark.parametrize(
        "raw",
        [
            "2026-11-27",
            "2026/11/27",
            "2026.11.27",
            "2026年11月27日",
            "2026年11月27",
            "20261127",
            " 2026-11-27 ",
            "２０２６－１１－２７",
        ],
    )
    def test_accepted_forms(self, raw):
        assert validation.date(raw) == dt.date(2026, 11, 27)

    def test_single_digit_month_and_day(self):
        assert validation.date("2026-3-5") == dt.date(2026, 3, 5)
        assert validation.date("2026年3月5日") == dt.date(2026, 3, 5)

    def test_a_date_object_passes_through(self):
        assert validation.date(dt.date(2026, 1, 2)) == dt.date(2026, 1, 2)

    @pytest.mark.parametrize("raw", ["2026-02-30", "2025-02-29", "2026-13-01", "2026-04-31"])
    def test_impossible_dates(self, raw):
        message = refused(validation.date, raw, label="走访日期")
        assert "走访日期" in message
        assert "不存在" in message

    def test_leap_day_exists(self):
        assert validation.date("2024-02-29") == dt.date(2024, 2, 29)

    @pytest.mark.parametrize("raw", ["27/11/2026", "11-27", "昨天", "2026-11", "2026 11 27"])
    def test_unreadable_forms(self, raw):
        assert "格式" in refused(validation.date, raw)

    def test_blank(self):
        assert validation.date("") is None
        assert validation.date(None) is None
        assert refused(validation.date, "", required=True, label="走访日期") == "请填写走访日期"

    def test_not_after(self):
        assert validation.date("2026-11-27", not_after=TODAY) == TODAY
        message = refused(validation.date, "2026-11-28", label="走访日期", not_after=TODAY)
        assert "走访日期不能晚于" in message
        assert "2026-11-27" in message
        assert "不能晚于" in refused(validation.date, dt.date(2027, 1, 1), not_after=TODAY)


class TestNextVisitDate:
    def test_before_the_visit_is_refused(self):
        message = refused(validation.next_visit_date, "2026-11-26", TODAY)
        assert "下次走访日期不能早于本次走访日期" == message

    def test_same_day_or_later_is_accepted(self):
        assert validation.next_visit_date("2026-11-27", TODAY) == TODAY
        assert validation.next_visit_date("2026-12-27", TODAY) == dt.date(2026, 12, 27)

    def test_optional_and_checked_for_existence(self):
        assert validation.next_visit_date("", TODAY) is None
        assert validation.next_visit_date("2026-01-01", None) == dt.date(2026, 1, 1)
        assert "下次走访日期" in refused(validation.next_visit_date, "2026-02-30", TODAY)


class TestText:
    def test_trimmed(self):
        assert validation.text("  家中有一位尿毒症患者  ", "情况", 100) == "家中有一位尿毒症患者"
        assert validation.text(None, "备注", 10) == ""

    def test_required(self):
        assert refused(validation.text, "   ", "诉求", 100, required=True) == "请填写诉求"

    def test_length_counts_characters_not_bytes(self):
        assert validation.text("一" * 10, "技能", 10) == "一" * 10
        message = refused(validation.text, "一" * 11, "技能", 10)
        assert "技能最多10个字" in message
        assert "11个字" in message

    def test_person_name(self):
        assert validation.person_name(" 乌云其木格 ") == "乌云其木格"
        assert "姓名" in refused(validation.person_name, "")
        assert "数字" in refused(validation.person_name, "韩令春2")
        assert "30" in refused(validation.person_name, "巴" * 31)


class TestMoney:
    @pytest.mark.parametrize(
        "raw, expected",
        [
            ("6000", 6000),
            ("6,000", 6000),
            ("6,000元", 6000),
            ("6，000 元", 6000),
            ("￥6000", 6000),
            ("¥6000", 6000),
            ("0.6万", 6000),
            ("0.6万元", 6000),
            ("1.25万", 12500),
            ("６０００", 6000),
            ("0", 0),
            (4500, 4500),
        ],
    )
    def test_accepted_forms(self, raw, expected):
        assert validation.money(raw) == expected

    def test_blank_is_none(self):
        assert validation.money("") is None
        assert validation.money(None) is None
        assert validation.money(" 元 ") is None

    def test_negative_refused(self):
        assert "负数" in refused(validation.money, "-500", label="期望月薪")
        assert "期望月薪不能是负数" == refused(validation.money, -1, label="期望月薪")

    @pytest.mark.parametrize("raw", ["六千", "abc", "5000-6000", "nan"])
    def test_not_a_number(self, raw):
        assert "期望月薪请填写数字" in refused(validation.money, raw, label="期望月薪")

    def test_over_the_maximum(self):
        assert "超过" in refused(validation.money, "200万")
        assert validation.money("8000", maximum=8000) == 8000
        assert "超过" in refused(validation.money, "8001", maximum=8000)

    @pytest.mark.parametrize("raw", ["inf", "1e400"])
    def test_infinity_is_a_field_error(self, raw):
        refused(validation.money, raw)


class TestChoice:
    def test_code_or_chinese_label(self):
        assert validation.choice("mongol", vocab.ETHNICITY, "民族") == "mongol"
        assert validation.choice("蒙古族", vocab.ETHNICITY, "民族") == "mongol"
        assert validation.choice(" 汉族 ", vocab.ETHNICITY, "民族") == "han"

    def test_unknown_refused(self):
        message = refused(validation.choice, "火星族", vocab.ETHNICITY, "民族")
        assert "民族" in message
        assert "火星族" in message
        assert "不在可选范围内" in message

    def test_blank(self):
        assert validation.choice("", vocab.ETHNICITY, "民族") == ""
        assert validation.choice(None, vocab.ETHNICITY, "民族") == ""
        assert (
            refused(validation.choice, "", vocab.ETHNICITY, "民族", required=True) == "请选择民族"
        )

    def test_choices_from_text_or_list(self):
        destinations = {"beijing": "赴京", "region": "区内", "county": "县内", "local": "就地就近"}
        assert validation.choices("赴京、县内", destinations, "去向") == "beijing,county"
        assert validation.choices("beijing, local，区内", destinations, "去向") == (
            "beijing,local,region"
        )
        assert validation.choices(["local", "就地就近", ""], destinations, "去向") == "local"
        assert validation.choices("", destinations, "去向") == ""
        assert validation.choices(None, destinations, "去向") == ""
        assert "不在可选范围内" in refused(validation.choices, "赴京、海外", destinations, "去向")


class TestCollector:
    def test_gathers_every_field_error(self):
        collector = FieldCollector()
        assert collector.check("phone", validation.mobile, "13800138000") == "13800138000"
        assert collector.check("id_number", validation.id_number, "123", today=TODAY) is None
        assert collector.check("phone2", validation.mobile, "12345678901") is None
        collector.add("name", "请填写姓名")
        with pytest.raises(ValidationError) as caught:
            collector.raise_if_any()
        errors = caught.value.errors
        assert set(errors) == {"id_number", "phone2", "name"}
        assert "18位" in errors["id_number"]
        assert "请填写姓名" in str(caught.value)

    def test_first_error_of_a_field_wins(self):
        collector = FieldCollector()
        collector.add("name", "请填写姓名")
        collector.add("name", "姓名中不应有数字")
        assert collector.errors == {"name": "请填写姓名"}

    def test_nothing_wrong_raises_nothing(self):
        FieldCollector().raise_if_any()


class TestPhone:
    def test_landline_with_area_code(self):
        assert validation.phone("0475-1234567") == "0475-1234567"
        assert validation.phone("(0475)1234567") == "0475-1234567"
        assert validation.phone("010 12345678") == "010-12345678"

    def test_mobile_rules_otherwise(self):
        assert validation.phone("+86 138 0013 8000") == "13800138000"
        assert "13至19" in refused(validation.phone, "12345678901")
        assert validation.phone("") == ""


def test_a_monthly_wage_may_be_typed_with_its_unit():
    assert validation.money("6000元/月") == 6000
    assert validation.money("每月6000元") == 6000


def test_pasted_control_characters_are_dropped_and_line_breaks_kept():
    typed = "负责门岗\x07值守\r\n第二行\x0b\t夜班\x00"
    assert validation.text(typed, "说明", 100) == "负责门岗值守\n第二行\t夜班"
