"""A cadre's households, and the lists narrowed to them and to a village."""

from __future__ import annotations

import pytest

from casework.services.figures.scope import Scope
from casework.services.register import cadres, listing, trash, visits
from casework.services.register.listing import HouseholdFilter
from tests.factories import make_cadre, make_household, make_village


def visit(household: dict, *who: dict, day: str = "2026-10-01", next_day: str = "") -> dict:
    return visits.record_visit(
        household["id"],
        {"visit_date": day, "next_visit_date": next_day, "situation": "入户了解情况",
         "cadre_ids": [c["id"] for c in who]},
    )  # fmt: skip


@pytest.fixture
def county(db, today):
    """杨 visited 韩 and 包 (together with 王 at 包's); 王 alone visited 白 (in 哈日干图)."""
    yang = make_cadre("杨志勇")
    wang = cadres.create_cadre({"name": "王建军", "unit": "北京市顺义区人社局"})
    big, other = make_village("大新艾力嘎查"), make_village("哈日干图嘎查")
    han = make_household(big, code="15052100000001", head="韩令春")
    bao = make_household(big, code="15052100000002", head="包金山")
    bai = make_household(other, code="15052100000003", head="白福生")
    make_household(big, code="15052100000004", head="陈秀英")  # nobody has been
    visit(han, yang, next_day="2026-11-01")
    visit(bao, yang, wang, next_day="2026-11-10")
    visit(bai, wang, next_day="2026-11-20")
    return {"yang": yang, "wang": wang, "big": big, "other": other, "han": han, "bai": bai}


def heads(rows: list[dict]) -> list[str]:
    return [row["head_name"] for row in rows]


def test_the_list_keeps_a_cadres_households(county):
    rows, total = listing.list_households(HouseholdFilter(cadre_id=county["yang"]["id"]))
    assert (heads(rows), total) == (["韩令春", "包金山"], 2)
    rows, _ = listing.list_households(HouseholdFilter(cadre_id=county["wang"]["id"]))
    assert heads(rows) == ["包金山", "白福生"]
    both = HouseholdFilter(cadre_id=county["wang"]["id"], village_id=county["big"]["id"])
    assert heads(listing.list_households(both)[0]) == ["包金山"]
    searched = HouseholdFilter(text="韩", cadre_id=county["wang"]["id"])
    assert listing.list_households(searched) == ([], 0)


def test_a_new_visit_or_a_deleted_one_changes_them_at_once(county):
    only_yang = HouseholdFilter(cadre_id=county["yang"]["id"])
    made = visit(county["bai"], county["yang"])
    assert heads(listing.list_households(only_yang)[0]) == ["韩令春", "包金山", "白福生"]
    trash.delete_visit(made["id"])
    assert heads(listing.list_households(only_yang)[0]) == ["韩令春", "包金山"]


def test_the_reminders_are_narrowed_to_a_village_and_a_cadre(county):
    wang = HouseholdFilter(cadre_id=county["wang"]["id"])
    rows, total = listing.follow_ups_due(within=wang)
    assert (heads(rows), total) == (["包金山", "白福生"], 2)
    village = HouseholdFilter(village_id=county["big"]["id"])
    assert heads(listing.follow_ups_due(within=village)[0]) == ["韩令春", "包金山"]
    assert heads(listing.not_visited_for(30, within=village)[0]) == ["陈秀英", "韩令春", "包金山"]
    assert heads(listing.not_visited_for(30, within=wang)[0]) == ["包金山", "白福生"]


def test_the_dashboard_counts_the_same_households(county):
    from casework.db import database

    scope = Scope(cadre_id=county["wang"]["id"])
    scope.prepare()
    joins, _column = scope.join("h.id")
    sql = f"SELECT hh.head_name FROM household h{joins} ORDER BY hh.code"
    listed = heads(listing.list_households(HouseholdFilter(cadre_id=county["wang"]["id"]))[0])
    assert [name for (name,) in database.execute_sql(sql)] == listed
