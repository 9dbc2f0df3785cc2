"""Search keys: what a cadre can type to find a person (pinyin, initials, one or two characters)."""

from __future__ import annotations

import pytest

from casework.search_keys import (
    name_pinyin,
    normalize_query,
    person_keys,
    query_forms,
    short_grams,
)


@pytest.mark.parametrize(
    "name, pinyin, initials",
    [
        ("韩令春", "hanlingchun", "hlc"),
        ("包巴特尔", "baobateer", "bbte"),
        ("乌云其木格", "wuyunqimuge", "wyqmg"),
        ("斯琴高娃", "siqingaowa", "sqgw"),
        ("阿拉坦·巴根", "alatanbagen", "altbg"),
    ],
)
def test_name_pinyin(name, pinyin, initials):
    assert name_pinyin(name) == (pinyin, initials)


def test_tones_and_umlauts_are_plain_letters():
    pinyin, initials = name_pinyin("吕绿")
    assert pinyin.isascii() and pinyin.isalpha()
    assert initials == "ll"


def test_short_grams_for_a_han_name():
    grams = short_grams("韩令春", "hanlingchun", "hlc").split()
    # A surname alone, and two adjacent characters, are common searches.
    assert {"韩", "令", "春", "韩令", "令春"} <= set(grams)
    assert {"ha", "an", "hl", "lc"} <= set(grams)
    # Three characters and more are left to the trigram index.
    assert "韩令春" not in grams
    assert "han" not in grams
    # One Latin letter would match a fifth of the county.
    assert not any(len(gram) == 1 and gram.isascii() for gram in grams)
    assert len(grams) == len(set(grams))


def test_short_grams_for_a_mongol_name():
    grams = set(short_grams("乌云其木格", *name_pinyin("乌云其木格")).split())
    assert {"乌云", "其木", "木格", "格", "wy", "mg", "wu", "ge"} <= grams
    assert "乌云其" not in grams


def test_short_grams_skip_the_middle_dot():
    grams = short_grams("阿拉坦·巴根", *name_pinyin("阿拉坦·巴根")).split()
    assert not any("·" in gram for gram in grams)
    assert {"坦", "巴根", "bg"} <= set(grams)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("ＨａｎＬｉｎｇ", "hanling"),
        ("HLC", "hlc"),
        ("　韩令春　", "韩令春"),
        ("韩-令·春", "韩令春"),
        ("１５０５２１", "150521"),
        ("150521 1990 0307 106x", "1505211990030710" + "6x"),
        ("138-0013-8000", "13800138000"),
        ("", ""),
        (None, ""),
        ("！？…", ""),
    ],
)
def test_normalize_query(typed, expected):
    assert normalize_query(typed) == expected


def test_person_keys_of_a_name_typed_with_spaces():
    keys = person_keys("　韩令春 ")
    assert keys == {
        "name_pinyin": "hanlingchun",
        "name_initials": "hlc",
        "search_grams": short_grams("韩令春", "hanlingchun", "hlc"),
    }


def test_a_query_and_the_stored_keys_meet():
    # What is stored and what is typed go through the same normalisation.
    keys = person_keys("包巴特尔")
    assert normalize_query("BaoBaTeEr") == keys["name_pinyin"]
    assert normalize_query("ＢＢＴＥ") == keys["name_initials"]
    assert normalize_query("巴特") in keys["search_grams"].split()


@pytest.mark.parametrize(
    "query, forms",
    [
        ("zhsl", ["zhsl", "zsl"]),
        ("chl", ["chl", "cl"]),
        ("shm", ["shm", "sm"]),
        ("zhsh", ["zhsh", "zhs", "zsh", "zs"]),
        ("hlc", ["hlc"]),  # no zh/ch/sh: as typed
        ("zhang", ["zhang"]),  # a vowel: full pinyin, not initials
        ("150521", ["150521"]),
        ("张树林", ["张树林"]),
    ],
)
def test_query_forms_read_zh_ch_sh_as_one_initial_or_two(query, forms):
    assert query_forms(query) == forms


@pytest.mark.parametrize("name", ["张树林", "陈红丽", "施明", "朱晓春", "韩令春"])
def test_initials_typed_with_zh_ch_sh_stand_for_the_stored_ones(name):
    from pypinyin import Style, lazy_pinyin

    typed = "".join(lazy_pinyin(name, style=Style.INITIALS))  # 张树林 -> "zhshl"
    assert name_pinyin(name)[1] in query_forms(typed)
