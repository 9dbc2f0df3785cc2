"""Stable-employment subsidy: the calendar-month rule at month ends, stops and restarts, payment."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.services.common import ConflictError
from casework.services.jobs import placements, subsidy
from casework.validation import ValidationError
from tests.jobs_factories import make_posting, make_willing

D = dt.date
RULES = {"amount": 2000, "months": 3, "region": "beijing", "sum_periods": False}


@pytest.mark.parametrize(
    "start, months, due",
    [
        (D(2026, 1, 31), 3, D(2026, 4, 30)),  # April has no 31st: its last day
        (D(2026, 1, 30), 3, D(2026, 4, 30)),
        (D(2026, 5, 15), 3, D(2026, 8, 15)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),  # February of a common year
        (D(2027, 11, 30), 3, D(2028, 2, 29)),  # February of the leap year 2028
        (D(2027, 11, 29), 3, D(2028, 2, 29)),
        (D(2027, 12, 31), 2, D(2028, 2, 29)),
        (D(2028, 2, 29), 3, D(2028, 5, 29)),  # a start on the leap day keeps the 29th
        (D(2028, 2, 29), 12, D(2029, 2, 28)),
        (D(2026, 10, 31), 1, D(2026, 11, 30)),
        (D(2026, 12, 1), 3, D(2027, 3, 1)),
    ],
)
def test_the_count_lands_on_the_same_day_or_the_months_last_day(start, months, due):
    assert subsidy.add_months(start, months) == due


def _check(events, today, **rules):
    return subsidy.eligibility(events, True, "beijing", {**RULES, **rules}, today)


def test_eligible_on_the_day_the_months_are_complete_not_the_day_before():
    events = [("working", D(2026, 1, 31))]
    before = _check(events, D(2026, 4, 29))
    assert not before["eligible"] and before["eligible_on"] == D(2026, 4, 30)
    assert before["reason"] == "预计2026-04-30满3个月"
    on_the_day = _check(events, D(2026, 4, 30))
    assert on_the_day["eligible"] and on_the_day["eligible_on"] == D(2026, 4, 30)
    assert on_the_day["months_worked"] == 3


def test_leaving_on_the_eligible_day_counts_leaving_the_day_before_does_not():
    start = ("working", D(2027, 11, 30))
    assert _check([start, ("left", D(2028, 2, 29))], D(2028, 6, 1))["eligible"]
    short = _check([start, ("left", D(2028, 2, 28))], D(2028, 6, 1))
    assert not short["eligible"] and short["reason"] == "离岗时不满3个月"


def test_a_stop_and_restart_starts_the_count_again():
    events = [
        ("working", D(2026, 1, 10)),
        ("left", D(2026, 2, 20)),
        ("working", D(2026, 3, 1)),
    ]
    waiting = _check(events, D(2026, 5, 31))
    assert not waiting["eligible"] and waiting["eligible_on"] == D(2026, 6, 1)
    assert _check(events, D(2026, 6, 1))["eligible"]


def test_with_summing_allowed_the_days_off_push_the_date_back():
    events = [
        ("working", D(2026, 1, 10)),
        ("left", D(2026, 2, 20)),  # last day worked; back on 03-01: 8 days off
        ("working", D(2026, 3, 1)),
    ]
    result = _check(events, D(2026, 4, 18), sum_periods=True)
    assert result["eligible"] and result["eligible_on"] == D(2026, 4, 18)
    assert not _check(events, D(2026, 4, 17), sum_periods=True)["eligible"]


def test_an_earlier_period_that_reached_the_count_stays_eligible():
    events = [
        ("working", D(2026, 1, 1)),
        ("left", D(2026, 5, 31)),
        ("working", D(2026, 7, 1)),
    ]
    result = _check(events, D(2026, 7, 10))
    assert result["eligible"] and result["eligible_on"] == D(2026, 4, 1)


def test_only_organised_placements_in_the_region_qualify():
    events = [("working", D(2026, 1, 1))]
    today = D(2026, 11, 27)
    assert subsidy.eligibility(events, False, "beijing", RULES, today)["reason"] == "非有组织输出"
    local = subsidy.eligibility(events, True, "local", RULES, today)
    assert not local["eligible"] and local["reason"] == "工作地点不在北京"
    assert subsidy.eligibility([], True, "beijing", RULES, today)["reason"] == "尚未上岗"


@pytest.fixture
def three_people(db, today, set_now):
    """At work in Beijing since 08-27 (eligible 11-27), 09-10 (due 12-10) and 10-30 (later)."""
    posting = make_posting()
    placed = {}
    for name, start in [("韩国庆", "2026-08-27"), ("包金花", "2026-09-10"), ("乌云", "2026-10-30")]:
        person = make_willing(name)
        placement = placements.recommend(person["id"], posting["id"], on=dt.date(2026, 8, 1))
        placed[name] = placements.move_stage(placement["id"], "working", start)["id"]
    return placed


def test_eligible_and_unpaid_due_soon_and_paid(three_people):
    assert [r["name"] for r in subsidy.eligible_unpaid()] == ["韩国庆"]
    soon = subsidy.due_soon(30)
    assert [(r["name"], r["eligible_on"]) for r in soon] == [("包金花", D(2026, 12, 10))]

    paid = subsidy.record_payment(three_people["韩国庆"], {"paid_on": "2026-11-27"})
    assert paid["paid"] and paid["paid_amount"] == 2000 and paid["paid_by"] == ""
    assert subsidy.eligible_unpaid() == []
    assert [r["name"] for r in subsidy.paid_list()] == ["韩国庆"]
    roster = subsidy.roster_rows()
    assert [(r["name"], r["status_label"]) for r in roster] == [("韩国庆", "已发放")]
    with pytest.raises(ConflictError, match="已于2026-11-27发放过"):
        subsidy.record_payment(three_people["韩国庆"], {})


def test_payment_is_refused_before_eligibility(three_people):
    with pytest.raises(ConflictError, match="预计2026-12-10满3个月"):
        subsidy.record_payment(three_people["包金花"], {})


def test_a_payment_date_before_the_eligible_day_is_refused(three_people):
    with pytest.raises(ValidationError) as caught:
        subsidy.record_payment(three_people["韩国庆"], {"paid_on": "2026-11-26", "amount": "2000"})
    assert caught.value.errors["paid_on"] == "发放日期不能早于符合条件之日 2026-11-27"


def test_the_rules_are_settings_of_this_laptop(three_people):
    assert subsidy.settings()["amount"] == 2000 and subsidy.settings()["months"] == 3
    subsidy.save_settings({"amount": "3000", "months": "2", "region": "beijing"})
    names = [r["name"] for r in subsidy.eligible_unpaid()]
    assert names == ["韩国庆", "包金花"]
    assert subsidy.eligible_unpaid()[0]["amount"] == 3000
    with pytest.raises(ValidationError) as caught:
        subsidy.save_settings({"amount": "", "months": "0", "region": "火星"})
    assert set(caught.value.errors) == {"amount", "months", "region"}


def test_a_stopped_placement_is_not_due(three_people, set_now):
    placements.move_stage(three_people["包金花"], "left", "2026-11-20")
    assert subsidy.due_soon(30) == []
    placements.move_stage(three_people["包金花"], "working", "2026-11-25")
    set_now(D(2027, 2, 25))
    assert [r["name"] for r in subsidy.due_soon(30)] == []
    assert {r["name"] for r in subsidy.eligible_unpaid()} == {"韩国庆", "包金花", "乌云"}
