"""The demo's jobs and training: every screen has rows, and the rows agree with each other.

After `demo` a newcomer sees employers and workshops, postings open and expired,
candidates for a posting, placements at every stage, subsidies owed and paid, and classes
with enrolments and certificates; and a person at work in Beijing is one who wished to
go there and whose register entry says so.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict

import pytest

from casework import cli
from casework.db import database
from casework.models import (
    Change,
    Employer,
    EmploymentWish,
    Enrollment,
    FieldHead,
    JobPosting,
    Person,
    Placement,
    SubsidyPayment,
    TrainingClass,
)
from casework.services.common import _as_text
from casework.services.demo import demo
from casework.services.demo.demo_history import History
from casework.services.demo.demo_jobs import JobBoard, Posting
from casework.services.jobs import employers, matching, placements, postings, subsidy
from casework.services.safety import integrity
from casework.services.training import training
from casework.vocab_jobs import OPEN_STAGES, WORK_STATUS_FOR_PLACE, job_kind_codes

HOUSEHOLDS = 50


@pytest.fixture
def demo_db(db, today):
    demo.generate(HOUSEHOLDS, seed=7)
    return today


def latest_wishes() -> dict[str, EmploymentWish]:
    latest = {}
    for wish in EmploymentWish.select().order_by(
        EmploymentWish.recorded_on, EmploymentWish.created_at
    ):
        latest[wish.person_id] = wish
    return latest


def by_person() -> dict[str, list[Placement]]:
    found = defaultdict(list)
    for placement in Placement.select():
        found[placement.person_id].append(placement)
    return found


def test_the_jobs_screens_have_employers_postings_and_candidates(demo_db):
    today = demo_db
    rows, total = employers.list_employers()
    assert total == Employer.select().count() and rows
    kinds = Counter(r["kind"] for r in employers.list_employers(page_size=500)[0])
    assert kinds["beijing"] >= 6 and kinds["workshop"] >= 1
    assert any(r["posting_count"] for r in rows)
    listed, count = postings.list_postings(page_size=1000)
    assert count == JobPosting.select().count() > 20
    assert {r["status"] for r in listed} == {"open", "filled", "closed"}
    assert any(r["valid_until"] < today for r in listed)
    assert any(r["valid_until"] >= today for r in listed)
    open_now = postings.open_postings()
    assert open_now and {p["place"] for p in open_now} >= {"beijing", "local"}
    ranked = [matching.candidates_for_posting(p["id"]) for p in open_now]
    assert max(len(candidates) for candidates in ranked) >= 5
    assert postings.demand_rows()


def test_placements_reach_every_stage_and_the_subsidy_is_owed_and_paid(demo_db):
    for stage in ("recommended", "interviewed", "hired", "working", "left", "rejected"):
        assert placements.list_placements(stage=stage)[1] > 0, stage
    assert placements.working_rows("beijing")
    rows = subsidy.subsidy_rows()
    labels = Counter(r["status_label"] for r in rows)
    assert labels["已发放"] and labels["未发放"] and labels["不符合条件"]
    assert subsidy.eligible_unpaid() and subsidy.roster_rows()
    left_early = [r for r in rows if r["stage"] == "left" and not r["eligible"]]
    assert left_early and all(r["reason"] == "离岗时不满3个月" for r in left_early)
    reasons = [
        e["notes"]
        for r in left_early
        for e in placements.get_placement(r["id"])["events"]
        if e["stage"] == "left"
    ]
    assert all(reasons)


def test_subsidy_is_paid_only_for_eligible_placements_after_they_qualify(demo_db):
    payments = list(SubsidyPayment.select())
    assert payments
    for payment in payments:
        status = subsidy.placement_subsidy(payment.placement_id)
        assert status["eligible"] and status["paid"]
        assert status["eligible_on"] <= payment.paid_on < demo_db
        assert payment.person_id == Placement.get_by_id(payment.placement_id).person_id
        assert payment.amount == subsidy.settings()["amount"]


def test_the_training_screen_has_classes_with_enrolments_and_certificates(demo_db):
    today = demo_db
    classes, total = training.list_classes(page_size=500)
    assert total == TrainingClass.select().count() >= 8
    assert all(c["enrolled"] for c in classes if c["start_date"] < today)
    assert any(c["certified"] for c in classes)
    past = [c for c in classes if c["end_date"] < today]
    upcoming = [c for c in classes if c["start_date"] > today]
    assert past and upcoming
    for course in upcoming:
        assert not any(e["attended"] for e in training.list_enrollments(course["id"]))
    enrolled = training.list_enrollments(max(past, key=lambda c: c["certified"])["id"])
    certified = [e for e in enrolled if e["certificate"]]
    assert certified and all(e["certificate_name"] and e["completed"] for e in certified)
    assert (
        training.training_totals()["certified"]
        == Enrollment.select()
        .where(
            Enrollment.certificate == True  # noqa: E712
        )
        .count()
    )


def test_people_at_work_are_where_their_wishes_and_the_register_say(demo_db):
    wishes = latest_wishes()
    people = {p.id: p for p in Person.select()}
    for person_id, jobs in by_person().items():
        person, wish = people[person_id], wishes.get(person_id)
        working = [p for p in jobs if p.stage == "working"]
        if working:
            newest = max(working, key=lambda p: p.start_date)
            assert person.work_status == WORK_STATUS_FOR_PLACE[newest.place]
        elif any(p.stage == "left" for p in jobs):
            assert person.work_status == "unemployed"
        for job in jobs:
            if job.place == "beijing" and job.stage in OPEN_STAGES:
                assert wish is None or wish.willing_to_go_out
                assert person.work_status == "beijing" or wish.willing_to_go_out
            if wish is not None and wish.willing_to_go_out and job.stage in OPEN_STAGES:
                assert job.place in wish.destinations.split(",")
                assert job.job_kind in job_kind_codes(wish.job_kinds)


def test_a_willing_persons_wish_status_follows_their_placements(demo_db):
    jobs = by_person()
    statuses = Counter()
    for person_id, wish in latest_wishes().items():
        if not wish.willing_to_go_out:
            assert wish.status in ("on_hold", "withdrawn")
            continue
        stages = {p.stage for p in jobs.get(person_id, [])}
        expected = (
            "employed"
            if "working" in stages
            else "recommended"
            if stages & {"recommended", "interviewed", "hired"}
            else "active"
        )
        assert wish.status == expected, person_id
        statuses[expected] += 1
    assert statuses["employed"] and statuses["recommended"] and statuses["active"]


def test_placements_fit_their_postings_and_their_stage_history(demo_db):
    today = demo_db
    hired = Counter(
        p.posting_id for p in Placement.select().where(Placement.hired_on.is_null(False))
    )
    for posting in JobPosting.select():
        assert hired[posting.id] <= posting.headcount
    for placement in Placement.select():
        record = placements.get_placement(placement.id)
        events = record["events"]
        assert events[-1]["stage"] == placement.stage
        assert events[-1]["event_date"] == placement.stage_date < today
        dates = [e["event_date"] for e in events]
        assert dates == sorted(dates)
        if placement.posting_id is None:
            assert not placement.organised and placement.stage == "working"
            continue
        posting = JobPosting.get_by_id(placement.posting_id)
        assert posting.created_at.date() <= placement.recommended_on
        assert placement.recommended_on <= posting.valid_until
        assert placement.job_kind == posting.job_kind and placement.place == posting.place
        person = Person.get_by_id(placement.person_id)
        assert posting.gender in ("", person.gender)
        if placement.monthly_pay:
            assert posting.pay_min <= placement.monthly_pay <= posting.pay_max


def test_enrolments_are_of_live_working_age_people(demo_db):
    rows = database.execute_sql(
        "SELECT p.deleted_at, p.birth_date, c.start_date FROM enrollment e "
        "JOIN person p ON p.id = e.person_id JOIN training_class c ON c.id = e.training_class_id"
    ).fetchall()
    assert rows
    for deleted_at, birth, start in rows:
        assert deleted_at is None
        age = (dt.date.fromisoformat(start) - dt.date.fromisoformat(birth)).days // 365
        assert 15 <= age <= 62


def test_every_record_passes_the_services_own_checks(demo_db):
    for employer in Employer.select():
        values = {f: getattr(employer, f) for f in ("name", "kind", "place", "contact", "phone")}
        clean = employers.clean_employer({**values, "uscc": employer.uscc}, employer.id)
        assert clean["uscc"] == employer.uscc and clean["phone"] == employer.phone
    fields = [f for f in postings.FIELDS if f != "employer"]
    for posting in JobPosting.select():
        data = {f: getattr(posting, f) for f in fields}
        clean = postings.clean_posting({**data, "employer_id": posting.employer_id})
        assert {f: clean[f] for f in fields} == data
    for course in TrainingClass.select():
        fields = ("kind", "name", "start_date", "end_date", "place", "organiser", "notes")
        training.clean_class({f: getattr(course, f) for f in fields})
    assert integrity.check().ok


def test_history_has_each_record_created_and_each_field_as_it_now_stands(demo_db):
    created = {(c.entity, c.record_id) for c in Change.select().where(Change.field == "created")}
    for entity, model in [
        ("employer", Employer),
        ("posting", JobPosting),
        ("placement", Placement),
        ("subsidy", SubsidyPayment),
        ("training_class", TrainingClass),
        ("enrollment", Enrollment),
    ]:
        ids = {record_id for (record_id,) in model.select(model.id).tuples()}
        assert ids and {(entity, i) for i in ids} <= created, entity
    models = {"placement": Placement, "person": Person, "wish": EmploymentWish}
    models.update(posting=JobPosting, enrollment=Enrollment)
    heads = {(h.entity, h.record_id, h.field): h.change_id for h in FieldHead.select()}
    changes = {c.id: c for c in Change.select()}
    assert {changes[cid].entity for cid in heads.values()} == set(models)
    for (entity, record_id, field), change_id in heads.items():
        record = models[entity].get_by_id(record_id)
        assert _as_text(getattr(record, field)) == changes[change_id].new_value
        assert record.updated_at >= changes[change_id].changed_at
    seqs = sorted(c.seq for c in changes.values())
    assert seqs == list(range(1, len(seqs) + 1))
    stamps = [c.changed_at for c in sorted(changes.values(), key=lambda c: c.seq)]
    assert stamps == sorted(stamps) and stamps[-1] < dt.datetime.combine(demo_db, dt.time(10))


def test_a_person_changes_status_step_by_step(demo_db):
    history = defaultdict(list)
    query = Change.select().where(Change.entity == "person").order_by(Change.seq)
    for change in query:
        history[change.record_id].append(change)
    assert history
    for chain in history.values():
        for before, after in zip(chain, chain[1:], strict=False):
            assert after.old_value == before.new_value
            assert after.parents == before.id
        assert chain[0].parents == ""


def test_the_demo_command_names_every_count_in_chinese(tmp_path, today, capsys):
    assert cli.main(["--db", str(tmp_path / "demo.db"), "demo", "--households", "5"]) == 0
    out = capsys.readouterr().out
    assert not [key for key in demo.COUNTS if key in out]
    assert "用工单位" in out and "稳岗补贴发放" in out and "参训人次" in out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_small_demo_shows_every_stage_and_subsidy_status(db, today, seed):
    demo.generate(HOUSEHOLDS, seed=seed)
    stages = Counter(p.stage for p in Placement.select(Placement.stage))
    assert set(stages) == {"recommended", "interviewed", "hired", "working", "left", "rejected"}
    labels = Counter(r["status_label"] for r in subsidy.subsidy_rows())
    assert labels["已发放"] and labels["未发放"] and labels["不符合条件"]


def test_a_full_posting_gives_way_to_one_with_places_left(today):
    board = JobBoard(random.Random(1), today, lambda: "x" * 32, History(lambda: "y"), [])

    def posting(name: str, opened: int, closes: int, hired: int) -> Posting:
        days = dt.timedelta
        return Posting(name, "e", "北京顺安保安服务有限公司", "security", "beijing", "", "保安员",
                       today - days(opened), today - days(closes), (4500, 6000), (18, 50), "male",
                       headcount=2, hired=hired)  # fmt: skip

    def find(gender="male", hire=False):
        born = dt.date(1990, 5, 1)
        return board.find("beijing", ["security"], gender, born, around, "", hire)

    full, free = posting("full", 30, 1, hired=2), posting("free", 200, 100, hired=1)
    board.by_place_kind[("beijing", "security")] = [full, free]
    around = today - dt.timedelta(days=10)
    assert find() == (full, around)  # a recommendation only: the posting open that day
    assert find(hire=True) == (free, free.closes)  # a hire: the one with a place left
    free.hired = 2
    assert find(hire=True) is None  # all full: no one takes more than they asked for
    assert find(gender="female") is None  # 保安员 asks for men


def test_in_work_follow_ups_are_on_schedule_some_due_and_the_early_leavers_say_why(demo_db):
    from casework.models import PlacementEvent, WorkCheck
    from casework.services.jobs import work_checks

    checks = list(WorkCheck.select())
    assert checks
    for check in checks:
        placement = Placement.get_by_id(check.placement_id)
        starts = [e["event_date"] for e in placements.get_placement(placement.id)["events"]
                  if e["stage"] == "working"]  # fmt: skip
        assert min(starts) < check.checked_on < demo_db
        if not check.still_working:
            assert check.left_reason and check.left_on < check.checked_on
            event = PlacementEvent.get(
                placement=placement.id, stage="left", event_date=check.left_on
            )
            assert event.reason == check.left_reason
    assert work_checks.due_rows(within_days=7)  # the reminders have people due this week
    left = work_checks.left_early_rows()
    assert left and all(r["reason"] for r in left)
    assert {r["status_label"] for r in subsidy.roster_rows()} and any(
        r["evidence"].startswith("在岗回访") for r in subsidy.roster_rows()
    )
