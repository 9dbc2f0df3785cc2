"""Placements: stages with dates in order, and the person's work situation following them."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.models import Change
from casework.services.common import ConflictError
from casework.services.jobs import placements
from casework.services.register import people, trash
from casework.validation import ValidationError
from tests.jobs_factories import make_employer, make_posting, make_willing


@pytest.fixture
def recommended(db, today):
    posting = make_posting()
    person = make_willing("韩国庆", work_status="unemployed")
    return placements.recommend(person["id"], posting["id"], on=dt.date(2026, 8, 1)), person


def test_recommending_copies_the_posting_and_refuses_a_duplicate(recommended):
    placement, person = recommended
    assert placement["stage_label"] == "已推荐"
    assert placement["employer_name"] == "北京嘉裕集团" and placement["position"] == "中餐厨师"
    assert placement["place_label"] == "赴京" and placement["organised_label"] == "有组织输出"
    assert [e["stage"] for e in placement["events"]] == ["recommended"]
    with pytest.raises(ConflictError, match="已推荐到该岗位"):
        placements.recommend(person["id"], placement["posting_id"])


def test_the_pipeline_moves_on_with_dates_and_work_status_follows(recommended):
    placement, person = recommended
    pid = placement["id"]
    placements.move_stage(pid, "interviewed", "2026-08-05")
    placements.move_stage(pid, "hired", "2026-08-10")
    assert people.get_person(person["id"])["work_status"] == "unemployed"
    moved = placements.move_stage(pid, "working", "2026-08-15", monthly_pay="6500")
    assert moved["start_date"] == dt.date(2026, 8, 15) and moved["monthly_pay"] == 6500
    assert moved["hired_on"] == dt.date(2026, 8, 10)
    assert people.get_person(person["id"])["work_status_label"] == "赴京务工"
    history = Change.select().where(Change.record_id == person["id"], Change.field == "work_status")
    assert [(c.old_value, c.new_value) for c in history] == [("unemployed", "beijing")]

    left = placements.move_stage(pid, "left", "2026-10-31", notes="家里有事")
    assert left["end_date"] == dt.date(2026, 10, 31)
    assert people.get_person(person["id"])["work_status"] == "unemployed"
    assert [e["stage"] for e in left["events"]] == [
        "recommended",
        "interviewed",
        "hired",
        "working",
        "left",
    ]


def test_stopping_and_restarting_keeps_every_working_period(recommended):
    pid = recommended[0]["id"]
    placements.move_stage(pid, "working", "2026-08-10")
    placements.move_stage(pid, "left", "2026-09-15")
    again = placements.move_stage(pid, "working", "2026-10-01")
    assert again["start_date"] == dt.date(2026, 10, 1) and again["end_date"] is None
    events = placements.events_of([pid])[pid]
    assert placements.working_periods(events) == [
        (dt.date(2026, 8, 10), dt.date(2026, 9, 15)),
        (dt.date(2026, 10, 1), None),
    ]


@pytest.mark.parametrize(
    "stage, on, message",
    [
        ("working", "2026-07-31", "不能早于上一环节的日期 2026-08-01"),
        ("working", "2026-11-28", "不能晚于今天2026-11-27"),
        ("left", "2026-08-02", "下一步只能是：已面试、已录用、在岗、未成功"),
    ],
)
def test_dates_must_be_in_order_and_not_in_the_future(recommended, stage, on, message):
    with pytest.raises(ValidationError) as caught:
        placements.move_stage(recommended[0]["id"], stage, on)
    assert message in str(caught.value)
    assert placements.get_placement(recommended[0]["id"])["stage"] == "recommended"


def test_a_restart_must_come_after_the_leaving_day(recommended):
    pid = recommended[0]["id"]
    placements.move_stage(pid, "working", "2026-08-10")
    placements.move_stage(pid, "left", "2026-09-15")
    with pytest.raises(ValidationError, match="应晚于上一环节的日期 2026-09-15"):
        placements.move_stage(pid, "working", "2026-09-15")


def test_a_job_found_alone_is_recorded_directly_and_sets_the_work_status(db, today):
    person = make_willing("包金花", destinations=["local"])
    placement = placements.create_placement(
        {
            "person_id": person["id"],
            "employer_name": "舍伯吐镇燕麦面加工车间",
            "position": "包装工",
            "place": "local",
            "stage": "working",
            "stage_date": "2026-11-01",
            "monthly_pay": "2800",
        }
    )
    assert placement["organised_label"] == "自主就业"
    assert people.get_person(person["id"])["work_status"] == "local"
    assert [r["name"] for r in placements.working_rows(place="local")] == ["包金花"]
    assert placements.working_rows() == []


def test_lists_filter_by_stage_and_text_and_deleting_goes_to_the_recycle_bin(recommended):
    placement, _person = recommended
    other = make_willing("包巴特尔")
    guard = make_posting(make_employer("北京保安公司"), position="保安", job_kind="security")
    placements.move_stage(placements.recommend(other["id"], guard["id"])["id"], "working")
    rows, total = placements.list_placements(stage="working")
    assert total == 1 and rows[0]["name"] == "包巴特尔"
    assert placements.list_placements(text="嘉裕")[1] == 1
    deletion = placements.delete_placement(placement["id"])
    assert placements.list_placements()[1] == 1
    trash.restore(deletion)
    assert placements.list_placements()[1] == 2


def test_the_wish_status_follows_the_placement(recommended):
    from casework.services.register import wishes

    placement, person = recommended
    pid = placement["id"]

    def current() -> str:
        return wishes.wish_history(person["id"])[0]["status"]

    assert current() == "recommended"
    placements.move_stage(pid, "interviewed", "2026-08-05")
    placements.move_stage(pid, "hired", "2026-08-10")
    placements.move_stage(pid, "working", "2026-08-15")
    assert current() == "employed"
    placements.move_stage(pid, "left", "2026-10-01")
    assert current() == "active"  # looking again


def test_a_wish_the_person_put_on_hold_is_left_alone(db, today):
    from casework.services.register import wishes

    person = make_willing("白福生", wish={"status": "on_hold"})
    placements.recommend(person["id"], make_posting()["id"])
    assert wishes.wish_history(person["id"])[0]["status"] == "on_hold"
