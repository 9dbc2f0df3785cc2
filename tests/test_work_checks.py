"""In-work follow-ups (在岗回访): the monthly schedule to the subsidy and at six months, what
a follow-up records, one that finds the person left, and the list of people who left early."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.models import PlacementEvent, WorkCheck
from casework.periods import Period
from casework.services.common import ConflictError
from casework.services.figures.scope import Scope
from casework.services.jobs import placements, subsidy, work_checks
from casework.services.register import trash
from casework.validation import ValidationError
from tests.factories import make_cadre
from tests.jobs_factories import make_posting, make_willing

D = dt.date


def test_due_each_month_to_the_subsidy_and_at_six_months():
    start = D(2026, 1, 31)
    assert work_checks.schedule(start, 3) == [
        (D(2026, 2, 28), 1),  # the subsidy's own month rule: February's last day
        (D(2026, 3, 31), 2),
        (D(2026, 4, 30), 3),
        (D(2026, 7, 31), 6),
    ]
    # A longer count has a follow-up each month up to it; six months is one of them.
    assert [d.month for d in work_checks.schedule(start, 8)] == [1, 2, 3, 4, 5, 6, 7, 8]


@pytest.mark.parametrize(
    "last_check, due",
    [
        (None, (D(2026, 2, 15), 1)),
        (D(2026, 1, 20), (D(2026, 2, 15), 1)),  # too early for the first month
        (D(2026, 2, 8), (D(2026, 3, 15), 2)),  # a week early counts
        (D(2026, 2, 7), (D(2026, 2, 15), 1)),  # eight days early does not
        (D(2026, 4, 1), (D(2026, 4, 15), 3)),  # a late call covers the months it was late for
        (D(2026, 4, 20), (D(2026, 7, 15), 6)),
        (D(2026, 7, 10), None),  # all done
    ],
)
def test_the_next_follow_up_is_the_first_date_the_latest_one_leaves_open(last_check, due):
    assert work_checks.next_due(D(2026, 1, 15), 3, last_check, D(2026, 1, 20)) == due


def test_of_several_missed_the_latest_is_the_one_overdue():
    # No follow-up since the start: months 1 and 2 have come; a call now covers both.
    assert work_checks.next_due(D(2026, 1, 15), 3, None, D(2026, 3, 20)) == (D(2026, 3, 15), 2)
    assert work_checks.next_due(D(2026, 1, 15), 3, D(2026, 2, 16), D(2027, 1, 1)) == (
        D(2026, 7, 15),
        6,
    )


@pytest.fixture
def at_work(db, today, set_now):
    """Two people at work in Beijing: 韩国庆 since 2026-10-20, 包金花 since 2026-11-25."""
    make_cadre()
    posting = make_posting()
    placed = {}
    for name, start in [("韩国庆", "2026-10-20"), ("包金花", "2026-11-25")]:
        person = make_willing(name)
        placement = placements.recommend(person["id"], posting["id"], on=D(2026, 10, 1))
        placed[name] = placements.move_stage(placement["id"], "working", start)["id"]
    return placed


def test_due_rows_list_who_is_due_this_week_most_overdue_first(at_work, today):
    assert today == D(2026, 11, 27)
    rows = work_checks.due_rows(within_days=7)
    assert [(r["name"], r["due_on"], r["due_label"], r["overdue_days"]) for r in rows] == [
        ("韩国庆", D(2026, 11, 20), "第1个月回访", 7)
    ]
    assert rows[0]["employer_name"] == "北京嘉裕集团" and rows[0]["place_label"] == "北京"
    # Within a month, the newcomer's first month comes due too.
    assert [r["name"] for r in work_checks.due_rows(within_days=30)] == ["韩国庆", "包金花"]


def test_a_follow_up_still_at_work_moves_the_next_date_and_updates_the_pay(at_work):
    status = work_checks.record_check(
        at_work["韩国庆"],
        {"method": "phone", "monthly_pay": "6500", "problems": "宿舍离工地远", "needs_help": True},
    )
    assert status["due"] == D(2026, 12, 20) and status["due_label"] == "第2个月回访"
    (check,) = status["checks"]
    assert check["checked_on"] == D(2026, 11, 27) and check["outcome_label"] == "在岗"
    assert check["method_label"] == "电话" and check["needs_help_label"] == "需要帮助"
    assert check["cadre_name"] == "杨志勇"
    assert placements.get_placement(at_work["韩国庆"])["monthly_pay"] == 6500
    assert work_checks.due_rows(within_days=7) == []


def test_a_follow_up_that_finds_the_person_left_ends_the_job_with_the_reason(at_work):
    status = work_checks.record_check(
        at_work["韩国庆"],
        {"still_working": False, "left_on": "2026-11-15", "left_reason": "environment"},
    )
    assert status["due"] is None
    placement = placements.get_placement(at_work["韩国庆"])
    assert placement["stage"] == "left" and placement["end_date"] == D(2026, 11, 15)
    event = PlacementEvent.get(PlacementEvent.placement == at_work["韩国庆"], stage="left")
    assert event.reason == "environment"
    (row,) = work_checks.left_early_rows()
    assert row["name"] == "韩国庆" and row["reason_label"] == "不适应工作或生活环境"
    assert row["start_date"] == D(2026, 10, 20) and row["days_worked"] == 27
    # Nobody at work there any more: no follow-up due, and none can be recorded.
    assert [r["name"] for r in work_checks.due_rows(within_days=60)] == ["包金花"]
    with pytest.raises(ConflictError, match="只有在岗"):
        work_checks.record_check(at_work["韩国庆"], {})


def test_a_follow_up_says_in_chinese_what_is_wrong_and_saves_nothing(at_work):
    with pytest.raises(ValidationError) as caught:
        work_checks.record_check(
            at_work["包金花"],
            {"checked_on": "2026-11-01", "method": "carrier pigeon", "monthly_pay": "很多"},
        )
    errors = caught.value.errors
    assert errors["checked_on"] == "回访日期不能早于上岗日期 2026-11-25"
    assert errors["method"].startswith("回访方式")
    assert "monthly_pay" in errors
    with pytest.raises(ValidationError) as caught:
        work_checks.record_check(
            at_work["包金花"], {"still_working": False, "left_on": "2026-11-26"}
        )
    assert set(caught.value.errors) == {"left_reason"}
    with pytest.raises(ValidationError) as caught:
        work_checks.record_check(
            at_work["包金花"],
            {"still_working": False, "left_on": "2026-11-28", "left_reason": "pay"},
        )
    assert "left_on" in caught.value.errors
    assert WorkCheck.select().count() == 0
    assert placements.get_placement(at_work["包金花"])["stage"] == "working"


def test_leaving_after_the_whole_count_is_not_early_and_the_period_narrows(at_work, set_now):
    set_now(D(2027, 3, 1))
    placements.move_stage(at_work["韩国庆"], "left", "2027-02-20", reason="family")
    placements.move_stage(at_work["包金花"], "left", "2027-01-10", reason="pay")
    assert [r["name"] for r in work_checks.left_early_rows()] == ["包金花"]
    december = Period(D(2026, 12, 1), D(2026, 12, 31))
    assert work_checks.left_early_rows(period=december) == []
    january = Period(D(2027, 1, 1), D(2027, 1, 31))
    assert [r["reason_label"] for r in work_checks.left_early_rows(period=january)] == [
        "工资待遇不满意"
    ]


def test_the_lists_narrow_to_an_area(at_work):
    from casework.models import Person, Placement

    person = Person.get_by_id(Placement.get_by_id(at_work["韩国庆"]).person_id)
    village = person.household.village_id
    rows = work_checks.due_rows(Scope(area_id=village), within_days=60)
    assert [r["name"] for r in rows] == ["韩国庆"]


def test_a_deleted_follow_up_goes_to_the_recycle_bin_and_comes_back(at_work):
    status = work_checks.record_check(at_work["韩国庆"], {})
    check_id = status["checks"][0]["id"]
    deletion = work_checks.delete_check(check_id)
    assert work_checks.placement_status(at_work["韩国庆"])["checks"] == []
    rows, _total = trash.list_deleted()
    assert rows[0]["kind_label"] == "在岗回访"
    trash.restore(deletion)
    assert [c["id"] for c in work_checks.placement_status(at_work["韩国庆"])["checks"]] == [
        check_id
    ]


def test_deleting_the_placement_takes_its_follow_ups_along(at_work):
    work_checks.record_check(at_work["韩国庆"], {})
    deletion = placements.delete_placement(at_work["韩国庆"])
    assert WorkCheck.select().where(WorkCheck.deleted_at.is_null()).count() == 0
    trash.restore(deletion)
    assert WorkCheck.select().where(WorkCheck.deleted_at.is_null()).count() == 1


def test_the_subsidy_months_setting_sets_how_many_monthly_follow_ups(at_work):
    subsidy.save_settings({"amount": "2000", "months": "1", "region": "beijing"})
    work_checks.record_check(at_work["韩国庆"], {})
    status = work_checks.placement_status(at_work["韩国庆"])
    assert status["due"] == D(2027, 4, 20) and status["due_label"] == "满6个月回访"


def test_the_subsidy_roster_shows_the_follow_ups_as_its_evidence(at_work, set_now):
    work_checks.record_check(at_work["韩国庆"], {})
    set_now(D(2026, 12, 21))
    work_checks.record_check(at_work["韩国庆"], {})
    set_now(D(2027, 1, 25))
    (row,) = [r for r in subsidy.roster_rows() if r["name"] == "韩国庆"]
    assert row["eligible"] and row["evidence"] == "在岗回访2次，最近2026-12-21 在岗"
    assert subsidy.placement_subsidy(at_work["包金花"])["evidence"] == "无在岗回访记录"


def test_the_figures_count_who_is_due_and_who_left_early_as_their_lists_show(at_work, set_now):
    from casework.services.figures import compute
    from casework.services.figures import members as figure_members

    keys = ["work_checks_due", "work_checks_this_week", "work_checks_made", "left_early"]
    set_now(D(2026, 12, 21))  # a Monday: 韩国庆 due 12-20 (overdue), 包金花 due 12-25
    overview = compute(keys=keys)
    assert overview.values == {
        "work_checks_due": 1, "work_checks_this_week": 1, "work_checks_made": 0, "left_early": 0
    }  # fmt: skip
    (due,), total = figure_members.members_slice("work_checks_due")
    assert total == 1 and due["name"] == "韩国庆" and due["overdue_days"] == 1
    work_checks.record_check(at_work["韩国庆"], {})
    work_checks.record_check(
        at_work["包金花"], {"still_working": False, "left_on": "2026-12-18", "left_reason": "pay"}
    )
    december = Period(D(2026, 12, 1), D(2026, 12, 31))
    overview = compute(period=december, keys=keys)
    assert overview.values == {
        "work_checks_due": 0, "work_checks_this_week": 0, "work_checks_made": 2, "left_early": 1
    }  # fmt: skip
    (left,), total = figure_members.members_slice("left_early", period=december)
    assert total == 1 and left["reason_label"] == "工资待遇不满意"
    november = Period(D(2026, 11, 1), D(2026, 11, 30))
    assert compute(period=november, keys=keys).values["left_early"] == 0


def test_the_work_report_says_who_is_due_and_why_people_left_early(at_work, set_now):
    from casework.exports import report

    set_now(D(2026, 12, 21))
    work_checks.record_check(
        at_work["包金花"], {"still_working": False, "left_on": "2026-12-18", "left_reason": "pay"}
    )
    december = Period(D(2026, 12, 1), D(2026, 12, 31))
    texts = [s["text"] for s in report.report_data(period=december)["sentences"]]
    (follow,) = [t for t in texts if t.startswith("在岗回访")]
    assert follow == (
        "在岗回访1人；截至2026年12月21日在岗回访到期1人，本周内还将到期0人。"
        "提前离岗1人，主要原因：工资待遇不满意1人。"
    )
