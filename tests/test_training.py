"""Training classes: enrolment, marks, the link to wishes, and who found work afterwards."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.services.common import NotFoundError
from casework.services.register import people, trash, wishes
from casework.services.training import training as tr
from casework.validation import ValidationError
from tests.factories import add_person, make_cadre, make_household, make_village


@pytest.fixture
def setup(db, today):
    make_cadre()
    household = make_household(make_village())
    head = people.list_members(household["id"])[0]
    son = add_person(household, "韩国庆")
    course = tr.create_class(
        {
            "kind": "cooking",
            "name": "2026年中式烹饪培训班",
            "start_date": "2026-09-01",
            "end_date": "2026-09-20",
            "place": "保康镇职业学校",
            "organiser": "科左中旗人社局",
        }
    )
    return household, head, son, course


def test_a_class_is_validated_with_chinese_messages(db, today):
    with pytest.raises(ValidationError) as refused:
        tr.create_class({"kind": "", "name": "", "start_date": "2026-09-10", "end_date": "9/1"})
    errors = refused.value.errors
    assert errors["kind"] == "请选择培训类别"
    assert errors["name"] == "请填写培训班名称"
    assert "格式" in errors["end_date"]
    with pytest.raises(ValidationError) as refused:
        tr.create_class(
            {"kind": "sewing", "name": "缝纫", "start_date": "2026-09-10", "end_date": "2026-09-01"}
        )
    assert refused.value.errors == {"end_date": "结业日期不能早于开班日期"}


def test_classes_are_listed_newest_first_with_counts(setup):
    _household, head, son, course = setup
    older = tr.create_class({"kind": "家政服务", "name": "家政班", "start_date": "2026-03-01"})
    assert older["kind"] == "domestic" and older["kind_label"] == "家政服务"
    tr.enrol(course["id"], [head["id"], son["id"], son["id"]])
    rows, total = tr.list_classes()
    assert total == 2
    assert [r["name"] for r in rows] == ["2026年中式烹饪培训班", "家政班"]
    assert rows[0]["enrolled"] == 2 and rows[1]["enrolled"] == 0
    assert tr.list_classes(text="职业学校")[1] == 1
    assert tr.list_classes(kind="domestic")[0][0]["id"] == older["id"]


def test_enrolling_twice_does_not_duplicate(setup):
    _household, head, _son, course = setup
    assert len(tr.enrol(course["id"], [head["id"]])) == 1
    assert tr.enrol(course["id"], [head["id"]]) == []
    assert len(tr.list_enrollments(course["id"])) == 1


def test_marks_imply_each_other_and_certificate_details_are_kept(setup):
    _household, head, _son, course = setup
    (enrolment,) = tr.enrol(course["id"], [head["id"]])
    assert (enrolment["attended"], enrolment["completed"], enrolment["certificate"]) == (
        False,
        False,
        False,
    )
    marked = tr.update_enrollment(
        enrolment["id"],
        {"certificate": True, "certificate_name": "中式烹调师（五级）", "certificate_number": "Z1"},
    )
    assert marked["attended"] and marked["completed"] and marked["certificate"]
    assert marked["certificate_name"] == "中式烹调师（五级）"
    # A partial update keeps the other fields.
    again = tr.update_enrollment(enrolment["id"], {"notes": "表现好"})
    assert again["certificate_number"] == "Z1" and again["notes"] == "表现好"
    assert tr.completed_training([head["id"], "nobody"]) == {head["id"]: {"cooking"}}


def test_completed_training_only_counts_completed_live_enrolments(setup):
    _household, head, son, course = setup
    sewing = tr.create_class({"kind": "sewing", "name": "缝纫班", "start_date": "2026-05-01"})
    tr.enrol(course["id"], [head["id"], son["id"]])
    tr.enrol(sewing["id"], [head["id"]])
    by_id = {e["person_id"]: e for e in tr.list_enrollments(course["id"])}
    tr.update_enrollment(by_id[head["id"]]["id"], {"completed": True})
    tr.update_enrollment(by_id[son["id"]]["id"], {"attended": True})
    (sewing_row,) = tr.list_enrollments(sewing["id"])
    tr.update_enrollment(sewing_row["id"], {"completed": True})
    assert tr.completed_training([head["id"], son["id"]]) == {head["id"]: {"cooking", "sewing"}}
    tr.delete_class(sewing["id"])
    assert tr.completed_training([head["id"]]) == {head["id"]: {"cooking"}}


def test_the_wish_for_training_is_shown_and_matched(setup):
    _household, head, son, course = setup
    wishes.record_wish(son["id"], {"training_wanted": "想学厨师", "recorded_on": "2026-05-01"})
    wishes.record_wish(head["id"], {"training_wanted": "电商直播"})
    tr.enrol(course["id"], [head["id"], son["id"]])
    rows = {r["person_name"]: r for r in tr.list_enrollments(course["id"])}
    assert rows["韩国庆"]["training_wanted"] == "想学厨师"
    assert rows["韩国庆"]["wish_matches"] is True
    assert rows["韩令春"]["wish_matches"] is False
    found = tr.candidates(course["id"], "韩国庆")
    assert found[0]["enrolled"] is True and found[0]["wish_matches"] is True


def test_who_found_work_after_training_comes_from_placements(setup, set_now):
    from casework.services.jobs import placements

    _household, head, son, course = setup
    tr.enrol(course["id"], [head["id"], son["id"]])
    # Hired before the class ended: not work found "after training".
    placements.create_placement(
        {
            "person_id": head["id"],
            "employer_name": "北京嘉和物业",
            "place": "beijing",
            "stage": "working",
            "stage_date": "2026-09-10",
        }
    )
    placements.create_placement(
        {
            "person_id": son["id"],
            "employer_name": "北京嘉宇集团",
            "position": "厨师",
            "place": "beijing",
            "organised": True,
            "stage": "working",
            "stage_date": "2026-10-08",
        }
    )
    rows = {r["person_name"]: r for r in tr.list_enrollments(course["id"])}
    assert rows["韩国庆"]["found_work"] is True
    assert rows["韩国庆"]["found_work_label"] == "2026-10-08 上岗 北京嘉宇集团"
    assert rows["韩令春"]["found_work"] is False
    assert [r["person_name"] for r in tr.worked_after_training(course["id"])] == ["韩国庆"]


def test_without_placements_the_work_status_tells(setup):
    household, head, son, course = setup
    people.update_member(son["id"], {**people.get_person(son["id"]), "work_status": "local"})
    tr.enrol(course["id"], [son["id"], head["id"]])
    rows = {r["person_name"]: r for r in tr.list_enrollments(course["id"])}
    assert rows["韩国庆"]["found_work_label"] == "现就地就近就业"
    assert rows["韩令春"]["found_work"] is False


def test_deleting_a_class_goes_to_the_recycle_bin_and_comes_back(setup):
    _household, head, _son, course = setup
    tr.enrol(course["id"], [head["id"]])
    deletion = tr.delete_class(course["id"])
    assert tr.list_classes()[1] == 0
    with pytest.raises(NotFoundError):
        tr.list_enrollments(course["id"])
    rows, _ = trash.list_deleted()
    assert rows[0]["kind_label"] == "培训班" and "中式烹饪" in rows[0]["label"]
    trash.restore(deletion)
    assert [e["person_name"] for e in tr.list_enrollments(course["id"])] == ["韩令春"]


def test_a_removed_enrolment_comes_back_with_its_marks_when_added_again(setup):
    _household, head, _son, course = setup
    (enrolment,) = tr.enrol(course["id"], [head["id"]])
    tr.update_enrollment(enrolment["id"], {"completed": True})
    tr.remove_enrollment(enrolment["id"])
    assert tr.list_enrollments(course["id"]) == []
    (back,) = tr.enrol(course["id"], [head["id"]])
    assert back["id"] == enrolment["id"] and back["completed"] is True


def test_people_deleted_from_the_register_drop_out_of_the_class(setup):
    _household, head, son, course = setup
    tr.enrol(course["id"], [head["id"], son["id"]])
    trash.delete_person(son["id"])
    assert [e["person_name"] for e in tr.list_enrollments(course["id"])] == ["韩令春"]
    assert tr.get_class(course["id"])["enrolled"] == 1
    assert tr.training_totals() == {"trained": 1, "completed": 0, "certified": 0}


def test_person_training_lists_their_classes(setup):
    _household, head, _son, course = setup
    later = tr.create_class(
        {"kind": "road", "name": "护路员培训", "start_date": dt.date(2026, 10, 1)}
    )
    tr.enrol(course["id"], [head["id"]])
    tr.enrol(later["id"], [head["id"]])
    assert [r["class_name"] for r in tr.person_training(head["id"])] == [
        "护路员培训",
        "2026年中式烹饪培训班",
    ]
