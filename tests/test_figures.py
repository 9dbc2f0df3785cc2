"""The headline figures, each on hand-built data: who counts, once, where, and in which period."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.exports import lists
from casework.services import figures
from casework.services.figures import lists as figure_lists
from casework.services.figures import members
from casework.services.jobs import employers, placements, postings, subsidy
from casework.services.register import areas, people, trash, visits, wishes
from casework.services.training import training
from tests.factories import add_person, make_cadre, make_household, make_village
from tests.jobs_factories import make_employer

NOVEMBER = figures.Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))


@pytest.fixture
def county(db, today):
    """Two townships: 架玛吐镇 (two villages) and 宝龙山镇 (one)."""
    cadre = make_cadre()
    north = make_village("大新艾力嘎查", "架玛吐镇")
    south = make_village("哈日干图嘎查", "架玛吐镇")
    far = make_village("宝龙山嘎查", "宝龙山镇")
    return {"cadre": cadre, "north": north, "south": south, "far": far}


def values(scope=None, period=None, **kwargs):
    return figures.compute(scope, period, **kwargs).values


def work(person, place="beijing", on="2026-11-01", employer=None, organised=True, **extra):
    return placements.create_placement(
        {
            "person_id": person["id"],
            "employer_id": (employer or {}).get("id"),
            "employer_name": "北京嘉宇集团" if employer is None else "",
            "position": "保安",
            "place": place,
            "organised": organised,
            "stage": "working",
            "stage_date": on,
            **extra,
        }
    )


def test_a_person_with_two_placements_in_beijing_counts_once(county, tmp_path):
    household = make_household(county["north"], head="韩令春")
    person = add_person(household, "韩国庆")
    work(person, on="2026-06-01")
    work(person, on="2026-11-02")
    got = values(period=NOVEMBER)
    assert got["in_beijing"] == 1
    assert got["placed_in_beijing"] == 1
    assert got["organised_outbound"] == 1
    rows = list(figure_lists.beijing_rows())
    assert [(r["name"], r["source"]) for r in rows] == [("韩国庆", "就业登记")]
    assert rows[0]["start_date"] == dt.date(2026, 11, 2)  # the latest started
    page, total = members.members_slice("in_beijing")
    assert total == 1 and [r["name"] for r in page] == ["韩国庆"]


def test_the_register_status_counts_where_no_placement_is_at_work(county):
    household = make_household(county["north"], head="包金山")
    add_person(household, "包青松", work_status="beijing")
    by_placement = add_person(household, "包青山")
    work(by_placement)
    # Typed as 赴京务工 on the form, but at work locally through a placement: counts local.
    local = add_person(household, "包青云")
    work(local, place="local")
    people.update_member(local["id"], {**people.get_person(local["id"]), "work_status": "beijing"})
    assert people.get_person(local["id"])["work_status"] == "beijing"

    got = values()
    assert got["in_beijing"] == 2
    assert got["local_employment"] == 1
    rows = {r["name"]: r for r in figure_lists.beijing_rows()}
    assert {name: r["source"] for name, r in rows.items()} == {
        "包青松": "台账状态",
        "包青山": "就业登记",
    }
    assert rows["包青松"]["employer_name"] is None and rows["包青松"]["organised_label"] == ""
    assert rows["包青山"]["employer_name"] == "北京嘉宇集团"


def test_someone_who_left_beijing_is_no_longer_in_beijing_but_was_placed_there(county):
    household = make_household(county["north"], head="白福生")
    person = add_person(household, "白玉")
    placement = work(person, on="2026-10-10")
    placements.move_stage(placement["id"], "left", on="2026-11-20")
    got = values(period=figures.Period())
    assert got["in_beijing"] == 0  # the work status followed the placement: 未就业
    assert got["placed_in_beijing"] == 1  # ever placed in Beijing
    assert values(period=NOVEMBER)["placed_in_beijing"] == 0  # started in October


def test_the_period_includes_its_first_and_last_day_only(county, set_now):
    household = make_household(county["north"], head="韩令春")
    cadre_ids = [county["cadre"]["id"]]
    for day, name in (("2026-10-31", "韩甲"), ("2026-11-01", "韩乙"), ("2026-11-30", "韩丙")):
        set_now(dt.date.fromisoformat(day))
        visits.record_visit(
            household["id"], {"visit_date": day, "cadre_ids": cadre_ids, "situation": "了解情况"}
        )
        work(add_person(household, name), on=day)
    set_now(dt.date(2026, 12, 1))
    december = figures.Period(dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    november = values(period=NOVEMBER)
    assert (november["visits"], november["placed_in_beijing"]) == (2, 2)
    assert values(period=figures.Period(end=dt.date(2026, 10, 31)))["visits"] == 1
    assert values(period=december)["visits"] == 0
    assert values(period=figures.Period())["visits"] == 3
    assert values(period=NOVEMBER)["households_visited"] == 1
    # The stock figures do not depend on the period.
    assert values(period=december)["in_beijing"] == 3


def test_willing_and_not_yet_placed(county):
    household = make_household(county["far"], head="乌云")
    waiting = add_person(household, "乌力吉")
    hired = add_person(household, "乌兰")
    withdrawn = add_person(household, "乌日娜")
    stays = add_person(household, "乌恩")
    for person in (waiting, hired, withdrawn):
        wishes.record_wish(person["id"], {"willing_to_go_out": True, "destinations": ["beijing"]})
    wishes.record_wish(stays["id"], {"willing_to_go_out": True, "destinations": ["local"]})
    wishes.record_wish(stays["id"], {"willing_to_go_out": False})  # the latest wish counts
    wish = wishes.record_wish(
        withdrawn["id"], {"willing_to_go_out": True, "destinations": ["local"]}
    )
    wishes.update_wish(wish["id"], {**wish, "willing_to_go_out": True, "status": "withdrawn"})
    work(hired)
    got = values()
    assert (got["willing"], got["willing_unplaced"]) == (2, 1)
    page, total = members.members_slice("willing_unplaced")
    assert total == 1 and page[0]["name"] == "乌力吉"


def test_training_counts_classes_people_once_and_the_registered_poor(county):
    poor = make_household(county["north"], status="registered", head="韩令春")
    ordinary = make_household(county["far"], status="ordinary", head="宝音")
    twice = add_person(poor, "韩国庆")
    once = add_person(ordinary, "宝力德")
    absent = add_person(ordinary, "宝山")
    cooking = training.create_class(
        {"kind": "cooking", "name": "中式烹饪班", "start_date": "2026-11-03"}
    )
    sewing = training.create_class({"kind": "sewing", "name": "缝纫班", "start_date": "2026-11-20"})
    october = training.create_class(
        {"kind": "sewing", "name": "十月班", "start_date": "2026-10-20"}
    )
    for course, who in ((cooking, [twice, once, absent]), (sewing, [twice]), (october, [once])):
        for enrolment in training.enrol(course["id"], [p["id"] for p in who]):
            if enrolment["person_id"] != absent["id"]:
                training.update_enrollment(enrolment["id"], {"attended": True})
    got = values(period=NOVEMBER)
    assert got["training_classes"] == 2
    assert got["trained_people"] == 2
    assert got["trained_registered"] == 1
    township = figures.Scope(area_id=county["north"]["parent_id"])
    assert values(township, NOVEMBER)["training_classes"] == 2
    assert values(figures.Scope(area_id=county["far"]["id"]), NOVEMBER)["training_classes"] == 1
    by = figures.counting.breakdown("training_classes", period=NOVEMBER).by_group
    assert sum(by["training_classes"].values()) == 3  # a class in two townships is in both


def test_subsidy_eligible_unpaid_paid_and_amount(county, set_now):
    set_now(dt.date(2026, 6, 1))
    household = make_household(county["north"], head="韩令春")
    paid = work(add_person(household, "甲"), on="2026-06-01")
    unpaid = work(add_person(household, "乙"), on="2026-06-01")
    work(add_person(household, "丙"), on="2026-06-01", organised=False)
    set_now(dt.date(2026, 11, 27))
    subsidy.record_payment(paid["id"], {"paid_on": "2026-11-20", "amount": "2000"})
    got = values(period=NOVEMBER)
    assert got["subsidy_eligible"] == 0  # both became eligible on 2026-09-01
    assert values(period=figures.Period())["subsidy_eligible"] == 2
    assert got["subsidy_unpaid"] == 1
    assert (got["subsidy_paid"], got["subsidy_amount"]) == (1, 2000)
    september = figures.Period(dt.date(2026, 9, 1), dt.date(2026, 9, 30))
    assert values(period=september)["subsidy_eligible"] == 2
    roster = subsidy.roster_rows()
    assert len(roster) == values(period=figures.Period())["subsidy_eligible"]
    page, total = members.members_slice("subsidy_unpaid")
    assert total == 1 and page[0]["placement_id"] == unpaid["id"]


def test_follow_ups_due_and_due_this_week(county):
    cadre_ids = [county["cadre"]["id"]]
    for code, next_visit in (("A", "2026-11-20"), ("B", "2026-11-27"), ("C", "2026-11-29"),
                             ("D", "2026-11-30")):  # fmt: skip
        household = make_household(county["north"], code=f"1505210000{code}", head="某")
        visits.record_visit(
            household["id"],
            {"visit_date": "2026-11-01", "cadre_ids": cadre_ids, "situation": "了解",
             "next_visit_date": next_visit},
        )  # fmt: skip
    got = values()  # today is Friday 2026-11-27; the week ends on Sunday the 29th
    assert (got["follow_ups_due"], got["follow_ups_this_week"]) == (2, 1)
    page, _total = members.members_slice("follow_ups_due")
    assert [r["household_code"] for r in page] == ["1505210000A", "1505210000B"]


def test_open_demand_is_the_headcount_not_yet_filled(county, tmp_path):
    employer = make_employer()
    base = {"employer_id": employer["id"], "position": "保安", "place": "beijing"}
    five = postings.create_posting({**base, "headcount": "5"})
    postings.create_posting(
        {**base, "position": "厨师", "headcount": "2", "valid_until": "2026-11-26"}
    )
    closed = postings.create_posting({**base, "position": "保洁", "headcount": "3"})
    postings.set_posting_status(closed["id"], "closed")
    person = add_person(make_household(county["north"], head="甲"), "乙")
    placements.recommend(person["id"], five["id"])
    hired = placements.recommend(add_person(make_household(county["far"], head="丙"), "丁")["id"],
                                 five["id"])  # fmt: skip
    placements.move_stage(hired["id"], "hired")
    got = values(figures.Scope(area_id=county["far"]["id"]))
    assert (got["open_postings"], got["open_demand"]) == (1, 4)  # the same in every area
    assert len(postings.open_postings()) == got["open_postings"]
    written = lists.export_list("demand", tmp_path / "demand.xlsx")
    assert written.total == got["open_postings"]  # the expired and the closed are not listed


def test_scopes_township_village_and_cadre(county):
    north = make_household(county["north"], head="甲")
    south = make_household(county["south"], head="乙")
    far = make_household(county["far"], head="丙")
    for household, name in ((north, "甲一"), (south, "乙一"), (far, "丙一")):
        add_person(household, name, work_status="beijing")
    other = make_cadre("王建国")
    visits.record_visit(
        south["id"], {"visit_date": "2026-11-02", "cadre_ids": [other["id"]], "situation": "了解"}
    )
    township = county["north"]["parent_id"]
    assert values(figures.Scope(area_id=township))["in_beijing"] == 2
    assert values(figures.Scope(area_id=county["north"]["id"]))["in_beijing"] == 1
    assert values(figures.Scope(cadre_id=other["id"]))["in_beijing"] == 1
    county_id = areas.children(None)[0]["id"]
    assert values(figures.Scope(area_id=county_id))["in_beijing"] == 3
    overview = figures.counting.breakdown("in_beijing")
    names = dict(overview.groups)
    assert {names[g]: n for g, n in overview.by_group["in_beijing"].items()} == {
        "架玛吐镇": 2,
        "宝龙山镇": 1,
    }
    village_level = figures.counting.breakdown("households", figures.Scope(area_id=township))
    assert sorted(village_level.by_group["households"].values()) == [1, 1]
    trash.delete_household(north["id"])
    assert values()["in_beijing"] == 2 and values()["households"] == 2
    assert figures.find_area("架玛吐镇 大新艾力嘎查") == county["north"]["id"]


def test_the_monthly_trend_counts_each_month(county, set_now):
    household = make_household(county["north"], head="韩令春")
    cadre_ids = [county["cadre"]["id"]]
    for day in ("2026-09-05", "2026-11-01", "2026-11-15"):
        visits.record_visit(
            household["id"], {"visit_date": day, "cadre_ids": cadre_ids, "situation": "了解"}
        )
    trend = figures.trends(["visits", "in_beijing"], period=NOVEMBER)
    assert "in_beijing" not in trend  # not dated: no trend
    months = dict(trend["visits"])
    assert list(months)[0] == "2025-12" and list(months)[-1] == "2026-11"
    assert (months["2026-09"], months["2026-10"], months["2026-11"]) == (1, 0, 2)
    trash.delete_household(household["id"])  # its visits go with it, from every count
    assert sum(n for _month, n in figures.trends(["visits"], period=NOVEMBER)["visits"]) == 0
    assert values(period=NOVEMBER)["visits"] == 0


def test_every_figure_has_a_rule_a_unit_and_a_section():
    assert set(figures.FIGURES) >= {
        "in_beijing", "placed_in_beijing", "organised_outbound", "local_employment",
        "in_workshops", "willing_unplaced", "training_classes", "trained_people",
        "trained_registered", "subsidy_eligible", "subsidy_paid", "subsidy_amount", "visits",
        "follow_ups_due", "open_demand",
    }  # fmt: skip
    for figure in figures.FIGURES.values():
        assert figure.definition.endswith("。") and figure.unit and figure.section
        assert bool(figure.dated) == (figure.key in figures.TREND_KEYS)


def test_workshop_employment_is_local(county):
    workshop = employers.create_employer({"name": "雪菊茶帮扶车间", "kind": "workshop"})
    person = add_person(make_household(county["far"], head="甲"), "乙")
    work(person, place="in_county", employer=workshop)
    got = values()
    assert (got["local_employment"], got["in_workshops"], got["in_beijing"]) == (1, 1, 0)


def test_deleted_records_do_not_count(county):
    household = make_household(county["north"], head="那顺")
    moved = add_person(household, "那仁")
    placement = work(moved)  # in Beijing through a placement, then the placement deleted
    gone = add_person(household, "那木汗", work_status="local")
    wishes.record_wish(gone["id"], {"willing_to_go_out": True, "destinations": ["beijing"]})
    changed = add_person(household, "那日苏")
    wishes.record_wish(changed["id"], {"willing_to_go_out": True, "destinations": ["beijing"]})
    latest = wishes.record_wish(changed["id"], {"willing_to_go_out": False})
    got = values()
    assert (got["in_beijing"], got["local_employment"], got["willing"]) == (1, 1, 1)
    placements.delete_placement(placement["id"])
    trash.delete_person(gone["id"])
    trash.delete_wish(latest["id"])  # the earlier wish is the latest again
    got = values()
    assert (got["people"], got["in_beijing"], got["local_employment"]) == (3, 1, 0)
    assert (got["willing"], got["willing_unplaced"]) == (1, 1)
    # 赴京务工 since the placement started: now found by the register, not the placement
    page, total = members.members_slice("in_beijing")
    assert total == 1 and (page[0]["name"], page[0]["note"]) == ("那仁", "台账状态")
    assert [r["name"] for r in members.members_slice("willing")[0]] == ["那日苏"]
