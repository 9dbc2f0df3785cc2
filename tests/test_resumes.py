"""Resume drafts: pre-filled from the record, edited, entries ordered, deleted to the bin."""

from __future__ import annotations

import pytest

from casework.services.common import NotFoundError
from casework.services.documents import resumes
from casework.services.register import trash, wishes
from casework.validation import ValidationError
from tests.docs_helpers import willing_applicant
from tests.factories import add_person


@pytest.fixture
def person(db, today):
    return willing_applicant()


def test_new_draft_is_prefilled_from_record_and_latest_wish(person):
    draft = resumes.create_resume(person["id"])
    assert draft["target_job"] == "保安"
    assert draft["target_place"] == "北京"
    assert draft["expected_pay"] == 6000
    assert draft["phone"] == "13800001111"
    assert draft["title"] == "保安简历"
    assert draft["template"] == resumes.DEFAULT_TEMPLATE
    assert "身体健康" in draft["self_description"] and "北京" in draft["self_description"]
    kinds = [(e["kind"], e["title"]) for e in draft["entries"]]
    # No education row holding only the level (初中 is the 学历 of the facts already).
    assert kinds == [("skill", "电焊"), ("skill", "驾驶")]


def test_latest_wish_wins(person, set_now):
    import datetime as dt

    set_now(dt.date(2026, 11, 28))
    wishes.record_wish(person["id"], {"willing_to_go_out": False, "job_kinds": "放牧"})
    assert resumes.create_resume(person["id"])["target_job"] == "放牧"


def test_several_drafts_per_person(person):
    first = resumes.create_resume(person["id"], {"title": "保安岗位"})
    second = resumes.create_resume(person["id"], {"title": "厨师岗位", "target_job": "厨师"})
    resumes.update_resume(first["id"], first | {"self_description": "改过"})
    listed = resumes.list_resumes(person["id"])
    assert [r["title"] for r in listed] == ["保安岗位", "厨师岗位"]
    assert listed[0]["entry_count"] == 2 and listed[0]["has_photo"] is False
    assert resumes.latest_resume_id(person["id"]) == first["id"]
    assert second["target_job"] == "厨师"


def test_update_validates_and_keeps_fields(person):
    draft = resumes.create_resume(person["id"])
    with pytest.raises(ValidationError) as error:
        resumes.update_resume(draft["id"], draft | {"expected_pay": "很多", "phone": "123"})
    assert set(error.value.errors) == {"expected_pay", "phone"}
    saved = resumes.update_resume(draft["id"], draft | {"expected_pay": "0.7万", "template": ""})
    assert saved["expected_pay"] == 7000 and saved["template"] == resumes.DEFAULT_TEMPLATE


def test_entries_add_edit_move_remove(person):
    draft = resumes.create_resume(person["id"])
    a = resumes.add_entry(
        draft["id"],
        {"kind": "work", "period_from": "2015.9", "period_to": "2018年7月", "organisation": "甲"},
    )
    b = resumes.add_entry(
        draft["id"], {"kind": "work", "period_from": "2019-03", "period_to": "至今", "title": "乙"}
    )
    assert a["period_from"] == "2015-09" and a["period_to"] == "2018-07"
    assert a["period"] == "2015.09—2018.07" and b["period"] == "2019.03—至今"
    work = [e["id"] for e in resumes.list_entries(draft["id"]) if e["kind"] == "work"]
    assert work == [a["id"], b["id"]]
    entries = resumes.move_entry(b["id"], -1)
    assert [e["id"] for e in entries if e["kind"] == "work"] == [b["id"], a["id"]]
    entries = resumes.reorder_entries(draft["id"], "work", [a["id"], b["id"]])
    assert [e["id"] for e in entries if e["kind"] == "work"] == [a["id"], b["id"]]
    resumes.update_entry(a["id"], {"kind": "work", "organisation": "甲公司", "detail": "搬运"})
    assert resumes.get_entry(a["id"])["organisation"] == "甲公司"
    deletion = resumes.remove_entry(a["id"])
    assert a["id"] not in [e["id"] for e in resumes.list_entries(draft["id"])]
    trash.restore(deletion)
    assert a["id"] in [e["id"] for e in resumes.list_entries(draft["id"])]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "work", "period_from": "去年", "title": "x"}, "period_from"),
        (
            {"kind": "work", "period_from": "2018-01", "period_to": "2017-01", "title": "x"},
            "period_to",
        ),
        ({"kind": "work", "period_from": "2018-13", "title": "x"}, "period_from"),
        ({"kind": "nonsense", "title": "x"}, "kind"),
        ({"kind": "skill"}, "title"),
    ],
)
def test_bad_entries_are_refused_by_field(person, data, field):
    draft = resumes.create_resume(person["id"])
    with pytest.raises(ValidationError) as error:
        resumes.add_entry(draft["id"], data)
    assert field in error.value.errors


def test_delete_goes_to_the_recycle_bin_with_entries(person):
    draft = resumes.create_resume(person["id"])
    deletion = resumes.delete_resume(draft["id"])
    assert resumes.list_resumes(person["id"]) == []
    with pytest.raises(NotFoundError):
        resumes.get_resume(draft["id"])
    rows, _ = trash.list_deleted()
    assert rows[0]["kind_label"] == "简历" and "韩令春" in rows[0]["label"]
    trash.restore(deletion)
    assert len(resumes.get_resume(draft["id"])["entries"]) == 2


def test_photo_set_and_cleared(person):
    draft = resumes.create_resume(person["id"])
    resumes.set_photo(draft["id"], b"\xff\xd8jpeg")
    assert resumes.get_resume(draft["id"])["photo"] == b"\xff\xd8jpeg"
    assert resumes.list_resumes(person["id"])[0]["has_photo"] is True
    resumes.set_photo(draft["id"], None)
    assert resumes.get_resume(draft["id"])["photo"] is None


def test_willing_people_follow_the_latest_wish(person, set_now):
    import datetime as dt

    household_id = person["household_id"]
    other = add_person({"id": household_id}, "白玉兰", relation="daughter")
    wishes.record_wish(other["id"], {"willing_to_go_out": False})
    draft = resumes.create_resume(person["id"])
    rows = resumes.willing_people()
    assert [(r["name"], r["resume_id"]) for r in rows] == [("韩令春", draft["id"])]
    set_now(dt.date(2026, 11, 28))
    wishes.record_wish(person["id"], {"willing_to_go_out": False})
    assert resumes.willing_people() == []
