"""Visits: dates checked, cadres and people linked, wishes saved with the visit or not at all."""

import datetime as dt

import pytest

from casework.models import EmploymentWish, Visit
from casework.services.register import listing, people, visits, wishes
from casework.validation import ValidationError
from tests.factories import add_person, make_cadre, make_household, make_village


@pytest.fixture
def setup(db, today):
    cadre = make_cadre()
    household = make_household(make_village())
    son = add_person(household, "韩国庆")
    return cadre, household, son


def _visit(cadre, **extra):
    return {
        "visit_date": "2026-11-20",
        "kind": "home",
        "situation": "家中一切正常",
        "cadre_ids": [cadre["id"]],
        **extra,
    }


def test_a_visit_with_a_wish_is_saved_together(setup):
    cadre, household, son = setup
    visit = visits.record_visit(
        household["id"],
        _visit(
            cadre,
            person_ids=[son["id"]],
            next_visit_date="2026-12-20",
            wishes={
                son["id"]: {
                    "willing_to_go_out": True,
                    "destinations": ["beijing", "in_region"],
                    "job_kinds": "保安",
                    "expected_pay": "6,000元",
                }
            },
        ),
    )
    assert visit["cadre_names"] == ["杨志勇"] and visit["person_names"] == ["韩国庆"]
    wish = wishes.wish_history(son["id"])[0]
    assert wish["visit_id"] == visit["id"] and wish["expected_pay"] == 6000
    assert wish["recorded_on"] == dt.date(2026, 11, 20)
    assert wish["destinations_label"] == "赴京、区内"
    row = listing.list_households()[0][0]
    assert row["last_visit_date"] == dt.date(2026, 11, 20)
    assert row["next_visit_date"] == dt.date(2026, 12, 20)


def test_a_bad_wish_saves_neither_the_wish_nor_the_visit(setup):
    cadre, household, son = setup
    with pytest.raises(ValidationError) as refused:
        visits.record_visit(
            household["id"],
            _visit(cadre, wishes={son["id"]: {"willing_to_go_out": True, "destinations": []}}),
        )
    assert "韩国庆" in refused.value.errors["wishes"]
    assert Visit.select().count() == 0 and EmploymentWish.select().count() == 0


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("visit_date", "2026-11-28", "不能晚于今天"),
        ("visit_date", "2026-02-30", "不存在"),
        ("visit_date", "", "请填写走访日期"),
        ("next_visit_date", "2026-11-01", "不能早于本次走访日期"),
        ("cadre_ids", [], "至少选择一名"),
    ],
)
def test_bad_visit_fields_are_refused_in_chinese(setup, field, value, words):
    cadre, household, _ = setup
    with pytest.raises(ValidationError) as refused:
        visits.record_visit(household["id"], _visit(cadre, **{field: value}))
    assert words in refused.value.errors[field]


def test_people_met_must_belong_to_the_household(setup):
    cadre, household, _ = setup
    stranger = make_household(make_village("义兴元村", "哈乐镇"), head="兰熙璋")
    outsider = people.list_members(stranger["id"])[0]
    with pytest.raises(ValidationError) as refused:
        visits.record_visit(household["id"], _visit(cadre, person_ids=[outsider["id"]]))
    assert "person_ids" in refused.value.errors


def test_editing_a_visit_replaces_its_links_and_recomputes_dates(setup):
    cadre, household, son = setup
    visit = visits.record_visit(household["id"], _visit(cadre, person_ids=[son["id"]]))
    updated = visits.update_visit(
        visit["id"], _visit(cadre, visit_date="2026-11-25", person_ids=[])
    )
    assert updated["person_names"] == [] and updated["visit_date"] == dt.date(2026, 11, 25)
    assert listing.list_households()[0][0]["last_visit_date"] == dt.date(2026, 11, 25)


def test_wish_history_is_kept_newest_first(setup):
    _, _, son = setup
    wishes.record_wish(son["id"], {"recorded_on": "2025-05-01", "willing_to_go_out": False})
    wishes.record_wish(
        son["id"], {"recorded_on": "2026-11-01", "willing_to_go_out": True, "destinations": "赴京"}
    )
    history = wishes.wish_history(son["id"])
    assert [w["willing_to_go_out"] for w in history] == [True, False]
    assert history[0]["summary"].startswith("愿意外出·赴京")


def test_a_saved_visit_describes_itself_as_it_reads_back(setup):
    cadre, household, son = setup
    daughter = add_person(household, "韩梅", relation="daughter")
    other = make_cadre("包金花")
    data = _visit(
        cadre, cadre_ids=[other["id"], cadre["id"]], person_ids=[son["id"], daughter["id"]]
    )
    saved = visits.record_visit(household["id"], data)
    assert saved == visits.get_visit(saved["id"])
    assert saved["cadre_names"] == sorted(["杨志勇", "包金花"])


def test_saving_a_visit_leaves_the_members_summary_alone(setup, db):
    cadre, household, son = setup
    seen: list[str] = []
    db.connection().set_trace_callback(seen.append)
    try:
        visits.record_visit(household["id"], _visit(cadre, person_ids=[son["id"]]))
    finally:
        db.connection().set_trace_callback(None)
    [update] = {sql for sql in seen if sql.startswith("UPDATE household")}
    assert "last_visit_date" in update and "member_count" not in update
    assert not [sql for sql in seen if sql.startswith("DELETE")]  # a new visit has no links


def test_a_visit_to_a_deleted_household_is_refused(setup):
    from casework.services.common import NotFoundError
    from casework.services.register import trash

    cadre, household, _ = setup
    trash.delete_household(household["id"])
    with pytest.raises(NotFoundError) as refused:
        visits.record_visit(household["id"], _visit(cadre))
    assert "已被删除" in str(refused.value) and Visit.select().count() == 0
