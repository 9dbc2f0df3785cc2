"""Search: every way a cadre looks for someone, short queries included."""

import datetime as dt

import pytest

from casework.services.register import listing, search, trash
from casework.services.register.listing import HouseholdFilter
from tests.factories import add_person, make_cadre, make_household, make_village, valid_id


@pytest.fixture
def county(db, today):
    make_cadre()
    village = make_village()
    han = make_household(village, code="1505210101001", head="")
    number = valid_id("19960305", male=False)
    add_person(han, "韩令春", relation="head", id_number=number, phone="13904750001")
    add_person(han, "韩国庆", relation="father")
    others = ["白福生", "兰熙璋", "王洪岩", "白托雅", "孙毛眼", "包巴特尔", "令狐春生", "韩梅"]
    for i, name in enumerate(others):
        make_household(
            make_village(f"村{i}", "舍伯吐镇") if i % 2 else village,
            code=f"15052102020{i:02d}",
            head=name,
        )
    return {"household": han, "id_number": number}


def names(query: str) -> set[str]:
    return {p["name"] for p in search.search_people(query)}


@pytest.mark.parametrize(
    "query", ["韩令", "令春", "hlc", "hanlingchun", "HanLingChun", "ｈｌｃ", "韩 令春"]
)
def test_han_lingchun_is_found_every_way(county, query):
    assert "韩令春" in names(query)


def test_by_the_last_six_digits_of_her_id_number(county):
    fragment = county["id_number"][-6:]
    found = search.search_people(fragment)
    assert "韩令春" in {p["name"] for p in found}
    # Anyone else found holds the same digits in their ID number, phone or household code.
    for person in found:
        keys = f"{person['id_number']}|{person['phone']}|{person['household_code']}"
        assert fragment in keys


def test_by_phone_and_household_code(county):
    assert names("0475000") == {"韩令春"}
    assert names("1505210101001") == {"韩令春", "韩国庆"}


def test_one_character_finds_exactly_those_with_it(county):
    assert names("韩") == {"韩令春", "韩国庆", "韩梅"}
    assert names("春") == {"韩令春", "令狐春生"}
    assert names("托") == {"白托雅"}


def test_two_characters_find_exact_substrings_only(county):
    assert names("令春") == {"韩令春"}
    assert names("福生") == {"白福生"}
    assert names("白福") == {"白福生"}
    assert names("hl") == {"韩令春"}  # initials h-l; 令狐春生 is l-h-c-s
    assert names("lh") == {"令狐春生"}


def test_one_latin_letter_is_too_broad_to_filter(county):
    assert search.search_people("h") == []
    assert listing.list_households(HouseholdFilter(text="h"))[1] == 9


def test_deleted_people_are_not_found(county):
    person = search.search_people("韩国庆")[0]
    trash.delete_person(person["id"])
    assert names("韩国") == set()


def test_search_quotes_are_harmless(county):
    assert names('"韩') == {"韩令春", "韩国庆", "韩梅"}
    assert names('AND OR "') == set()


def test_household_list_search_filters_and_pages(county):
    rows, total = listing.list_households(HouseholdFilter(text="韩"))
    assert total == 2 and {r["head_name"] for r in rows} == {"韩令春", "韩梅"}
    page0, total = listing.list_households(page=0, page_size=4)
    page2, _ = listing.list_households(page=2, page_size=4)
    assert total == 9 and len(page0) == 4 and len(page2) == 1
    codes = [r["code"] for r in listing.list_households(page_size=100)[0]]
    assert codes == sorted(codes)
    descending = listing.list_households(sort="head_name", descending=True, page_size=100)[0]
    assert [r["head_name"] for r in descending] == sorted(
        (r["head_name"] for r in descending), reverse=True
    )


def test_filters_by_village_township_and_status(county):
    village_id = county["household"]["village_id"]
    assert listing.list_households(HouseholdFilter(village_id=village_id))[1] == 5
    township = listing.list_households(HouseholdFilter(village_id=village_id))[0][0]
    assert township["area_label"].startswith("架玛吐镇 大新艾力嘎查")
    assert listing.list_households(HouseholdFilter(status="registered"))[1] == 9
    assert listing.list_households(HouseholdFilter(status="monitored"))[1] == 0


def test_follow_ups_and_not_visited(county, today):
    from casework.services.register import cadres, visits

    cadre = cadres.current_cadre()
    han = county["household"]
    visits.record_visit(
        han["id"],
        {
            "visit_date": "2026-10-01",
            "situation": "回访",
            "cadre_ids": [cadre["id"]],
            "next_visit_date": "2026-11-01",
        },
    )
    due, total = listing.follow_ups_due()
    assert total == 1 and due[0]["days_overdue"] == 26
    assert listing.list_households(HouseholdFilter(visited_since=dt.date(2026, 9, 1)))[1] == 1
    never, total = listing.not_visited_for(60)
    assert total == 8 and han["id"] not in {r["id"] for r in never}
    assert listing.not_visited_for(30)[1] == 9


@pytest.fixture
def initials(db, today):
    make_cadre()
    household = make_household(make_village(), code="1505210101001", head="")
    for name in ["张树林", "赵森林", "张慧", "陈红丽", "常乐", "施明", "孙毛眼"]:
        add_person(household, name)


@pytest.mark.parametrize(
    "query, found",
    [
        ("zhsl", {"张树林", "赵森林"}),  # zh typed in full, stored as z: zsl
        ("zhs", {"张树林", "赵森林"}),
        # Both zh and sh typed in full; 森 is s, which the stored initials do not tell apart.
        ("zhshl", {"张树林", "赵森林"}),
        ("zsl", {"张树林", "赵森林"}),  # plain initials as before
        ("zh", {"张慧", "张树林", "赵森林"}),  # initials z-h (张慧), and pinyin zhang, zhao
        ("chl", {"陈红丽", "常乐"}),  # ch-h-l, and ch-l read as c-l
        ("shm", {"施明", "孙毛眼"}),  # sh-m stored as s-m; 孙 is s too
    ],
)
def test_initials_with_zh_ch_sh_typed_in_full(initials, query, found):
    assert names(query) == found
    assert search.count_people(query) == len(found)  # each person counted once


def test_a_full_pinyin_query_is_not_widened(initials):
    # "zhang" has vowels: it is pinyin, not initials, so 赵 (zao) is not found as "zang".
    assert names("zhangshu") == {"张树林"}
    assert names("zhang") == {"张树林", "张慧"}


def test_the_household_list_finds_households_by_mixed_initials(initials):
    rows, total = listing.list_households(HouseholdFilter(text="zhsl"))
    assert total == 1 and rows[0]["code"] == "1505210101001"
