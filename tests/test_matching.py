"""Matching (人岗匹配): candidates ranked for a posting, postings ranked for a person."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.services.jobs import matching, placements
from casework.services.jobs.matching_score import Candidate, PostingNeeds, score
from casework.services.training import training
from tests.jobs_factories import make_employer, make_posting, make_willing


@pytest.fixture
def kitchen(db, today):
    return make_posting(make_employer("北京嘉裕集团"), position="中餐厨师", job_kind="cook")


def _names(rows):
    return [r["name"] for r in rows]


def test_beijing_willing_cook_ranks_above_a_local_only_cook(kitchen):
    local = make_willing("包金花", destinations=["local"], job_kinds="厨师")
    beijing = make_willing("韩国庆", destinations=["beijing"], job_kinds="厨师")
    rows = matching.candidates_for_posting(kitchen["id"])
    assert _names(rows) == ["韩国庆", "包金花"]
    top, lower = rows
    assert top["person_id"] == beijing["id"] and lower["person_id"] == local["id"]
    assert top["score"] > lower["score"]
    assert "意向务工地含北京" in top["reasons"]
    assert any("厨师" in r and "相符" in r for r in top["reasons"])
    assert "愿意外出，但意向务工地为就地就近" in lower["concerns"]


def test_people_not_willing_to_go_out_are_not_offered_a_beijing_job(kitchen):
    make_willing("包金花", destinations=["local"], willing=False)
    make_willing("韩国庆")
    assert _names(matching.candidates_for_posting(kitchen["id"])) == ["韩国庆"]


def test_only_the_latest_live_wish_counts(kitchen, set_now):
    person = make_willing("韩国庆", wish={"recorded_on": "2026-10-01"})
    from casework.services.register import wishes

    wishes.record_wish(person["id"], {"recorded_on": "2026-11-20", "status": "withdrawn"})
    assert matching.candidates_for_posting(kitchen["id"]) == []


def test_age_and_gender_requirements_filter_and_missing_ones_are_listed(db, today):
    posting = make_posting(age_min="18", age_max="45", gender="male", education_min="senior")
    make_willing("年轻人", birth="19950101", education="junior")
    make_willing("年长者", birth="19700101")
    make_willing("女士", birth="19950101", male=False)
    rows = matching.candidates_for_posting(posting["id"])
    assert _names(rows) == ["年轻人"]
    assert "学历要求高中及以上，本人初中" in rows[0]["missing"]
    assert "31岁，符合年龄要求" in rows[0]["reasons"]


def test_the_age_limit_holds_until_the_day_before_the_next_birthday(db, today):
    posting = make_posting(age_max="45")
    # Today is 2026-11-27: born 1980-11-28 is still 45, born 1980-11-27 turned 46 today.
    make_willing("四十五岁", birth="19801128")
    make_willing("四十六岁", birth="19801127")
    assert _names(matching.candidates_for_posting(posting["id"])) == ["四十五岁"]


def test_people_already_placed_or_recommended_are_left_out(kitchen):
    working = make_willing("在岗者")
    recommended = make_willing("已推荐")
    make_willing("待推荐")
    other = make_posting(make_employer("北京物业公司"), position="保安", job_kind="security")
    placements.move_stage(placements.recommend(working["id"], other["id"])["id"], "working")
    placements.recommend(recommended["id"], kitchen["id"])
    assert _names(matching.candidates_for_posting(kitchen["id"])) == ["待推荐"]


def test_caring_for_family_lowers_the_fit_for_a_job_away_from_home(kitchen):
    make_willing("照顾老人", wish={"constraints": ["elders"]})
    make_willing("无牵挂")
    rows = matching.candidates_for_posting(kitchen["id"])
    assert _names(rows) == ["无牵挂", "照顾老人"]
    assert "需照顾老人，外出务工受限" in rows[1]["concerns"]


def test_completed_training_and_certificates_count(db, today):
    posting = make_posting(certificates="健康证")
    trained = make_willing("学过烹饪")
    make_willing("没学过")
    klass = training.create_class(
        {"kind": "cooking", "name": "中式烹饪班", "start_date": "2026-09-01"}
    )
    enrolment = training.enrol(klass["id"], [trained["id"]])[0]
    training.update_enrollment(
        enrolment["id"],
        {"attended": True, "completed": True, "certificate": True, "certificate_name": "健康证"},
    )
    rows = matching.candidates_for_posting(posting["id"])
    assert _names(rows) == ["学过烹饪", "没学过"]
    assert "已完成中式烹饪培训" in rows[0]["reasons"] and "有健康证" in rows[0]["reasons"]
    assert "缺少健康证" in rows[1]["missing"]


def test_postings_for_a_person_are_ranked_with_reasons(kitchen):
    person = make_willing("韩国庆", job_kinds="保安")
    guard = make_posting(make_employer("北京保安公司"), position="小区保安", job_kind="security")
    local = make_posting(
        make_employer("帮扶车间", kind="workshop"),
        position="编织工",
        job_kind="factory",
        place="local",
    )
    rows = matching.postings_for_person(person["id"])
    assert [r["id"] for r in rows] == [guard["id"], kitchen["id"], local["id"]]
    assert any("保安" in r for r in rows[0]["reasons"])
    placements.recommend(person["id"], guard["id"])
    assert matching.postings_for_person(person["id"])[0]["placement_stage_label"] == "已推荐"


def test_scoring_is_bounded_and_explains_the_same_number():
    need = PostingNeeds.of(
        {"place": "beijing", "job_kind": "cook", "position": "厨师", "pay_max": 7000},
        dt.date(2026, 11, 27),
    )
    best = Candidate(
        "a",
        destinations="beijing",
        job_kinds="厨师",
        expected_pay=6000,
        willing=True,
        skills="中式烹饪",
        training=frozenset({"cooking"}),
    )
    worst = Candidate(
        "b",
        destinations="local",
        job_kinds="保安",
        constraints="elders,children,health",
        health="serious",
    )
    assert score(best, need) == score(best, need, explain=True)["score"] == 90
    assert score(worst, need) == 0


def test_an_unknown_birth_date_keeps_the_person_in_with_a_note(db, today):
    from casework.models import Person

    posting = make_posting(age_min="18", age_max="45")
    person = make_willing("无生日")
    Person.update(birth_date=None).where(Person.id == person["id"]).execute()
    rows = matching.candidates_for_posting(posting["id"])
    assert _names(rows) == ["无生日"] and rows[0]["age"] is None
    assert "未登记出生日期，无法核对年龄要求" in rows[0]["missing"]


def test_ranking_reads_the_covering_indexes_not_the_tables(kitchen):
    # The open-wish index is partial: it serves the query only while the query's WHERE
    # says what the index's does (migration 8), which a change to either could undo.
    from casework import clock
    from casework.db import database
    from casework.services.jobs import postings

    sql, params = matching.candidate_rows_sql(postings.get_posting(kitchen["id"]), clock.today())
    plan = [row[3] for row in database.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params)]
    assert "SCAN w USING COVERING INDEX employment_wish_open" in plan, plan
    assert any(step.startswith("SEARCH p USING COVERING INDEX person_matching") for step in plan)


def test_a_person_ranked_for_a_posting_scores_as_the_posting_ranked_for_them(db, today):
    # Two roads to a Candidate: the candidates query's row (empty text for NULL, dates as
    # ISO days) and the person's and wish's records. Both must come to the same words.
    from casework.models import EmploymentWish, Person

    posting = make_posting(age_min="18", age_max="45", education_min="senior", pay_max="5000")
    person = make_willing(
        "韩国庆",
        birth="19850315",
        wish={"available_from": "2027-02-01", "constraints": ["farming", "health"]},
    )
    Person.update(education="").where(Person.id == person["id"]).execute()
    EmploymentWish.update(expected_pay=None).where(EmploymentWish.person == person["id"]).execute()
    [ranked] = matching.candidates_for_posting(posting["id"])
    mine = next(r for r in matching.postings_for_person(person["id"]) if r["id"] == posting["id"])
    for key in ("score", "reasons", "concerns", "missing"):
        assert ranked[key] == mine[key], key
    assert "2027-02-01以后才能到岗" in ranked["concerns"]
    assert "41岁，符合年龄要求" in ranked["reasons"]
    assert "学历未登记（要求高中及以上）" in ranked["missing"]
    assert "未填期望薪资" in ranked["concerns"]
