"""Which member of a found household matched: the search result row says 匹配：张树林.

search_members compares the members' stored keys itself instead of asking the indexes
again; these tests hold it to the indexes' answers for every kind of query.
"""

from __future__ import annotations

import pytest

from casework.models import Household
from casework.services.register import search
from casework.services.register.search_members import matched_members
from tests.factories import add_person, make_cadre, make_household, make_village, valid_id


@pytest.fixture
def county(db, today):
    make_cadre()
    village = make_village()
    zhang = make_household(village, code="1505210101001", head="张德明")
    add_person(zhang, "张树林", id_number=valid_id("19960305"), phone="13904750001")
    add_person(zhang, "韩梅", relation="daughter_in_law")
    han = make_household(village, code="1505210101002", head="韩令春")
    add_person(han, "韩国庆", relation="son", phone="13904751234")
    make_household(make_village("哈日干图嘎查"), code="1505210202001", head="张慧")
    make_household(village, code="1505210303001", head="")  # no members yet
    return {"zhang": zhang, "han": han}


def all_households() -> list[str]:
    return [h.id for h in Household.select(Household.id)]


QUERIES = [
    "张树林", "张", "树林", "zsl", "zhsl", "zhangshulin", "shulin", "韩", "hm", "hanmei",
    "0475000", "1234", "13904751", "1505210101001", "150521010", "19960305", "德", "慧",
    "zh", "z", "1",
]  # fmt: skip


@pytest.mark.parametrize("query", QUERIES)
def test_it_finds_exactly_whom_the_index_finds(county, query):
    found = matched_members(query, all_households())
    by_index = {(p["household_id"], p["name"]) for p in search.search_people(query, limit=100)}
    by_keys = {(h, name) for h, match in found.items() for name in match.names}
    by_code = {h for h, match in found.items() if match.by_code}
    # A member found through the household's code (in every member's terms) is the
    # household found, not that member.
    assert by_keys == {(h, name) for h, name in by_index if h not in by_code}
    assert by_code <= {h for h, _name in by_index}


def test_the_row_names_the_member_who_matched(county):
    zhang = county["zhang"]["id"]
    assert matched_members("张树林", [zhang])[zhang].text("张德明") == "匹配：张树林"
    assert matched_members("zhsl", [zhang])[zhang].text("张德明") == "匹配：张树林"
    assert matched_members("13904750001", [zhang])[zhang].text("张德明") == "匹配：张树林"
    # The head alone: the row already shows the head.
    assert matched_members("张德明", [zhang])[zhang].text("张德明") == ""
    # Two or more: the first two (the head first), then how many.
    assert matched_members("张", [zhang])[zhang].text("张德明") == "匹配：张德明、张树林"
    assert matched_members("1505210101001", [zhang])[zhang].text("张德明") == "匹配：户编号"


def test_many_members_are_counted(db, today):
    household = make_household(make_village(), code="1505210909001", head="韩一")
    for name in ("韩二", "韩三", "韩四"):
        add_person(household, name)
    (match,) = matched_members("韩", [household["id"]]).values()
    assert match.text("韩一") == "匹配：韩一、韩二等4人"


def test_nothing_is_matched_by_too_short_a_query(county):
    assert matched_members("z", all_households()) == {}
    assert matched_members("", all_households()) == {}
