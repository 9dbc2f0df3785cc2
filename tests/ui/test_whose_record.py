"""Dialogs say whose record they are, and pickers tell two people of one name apart.

Two men called 张德明 live in two villages: every dialog about one of them names his
village in its title, and every list a person is picked from (登记就业's 查找人员,
技能培训's 添加人员, 人岗匹配's 按人找岗位) shows village, age and the masked ID number.
"""

from __future__ import annotations

import pytest

from casework.masking import mask_id_number
from casework.services.documents import resumes
from casework.services.jobs import placements
from casework.services.register import wishes
from casework.services.training import training
from casework.ui.documents.resume_editor import open_resume_editor
from casework.ui.documents.resume_entry_dialog import ResumeEntryDialog
from casework.ui.jobs.matching_panels import CandidatesDialog, PersonPostingsDialog
from casework.ui.jobs.matching_screen import MatchingScreen
from casework.ui.jobs.placement_forms import (
    NewPlacementDialog,
    PaymentDialog,
    PlacementEditDialog,
    StageDialog,
)
from casework.ui.jobs.work_check_dialog import WorkCheckDialog
from casework.ui.register.household_form import HouseholdForm
from casework.ui.register.member_form import MemberForm
from casework.ui.register.visit_form import VisitForm
from casework.ui.register.wish_form import WishForm, WishHistoryWindow
from casework.ui.training.training_dialogs import AddPeopleDialog, CertificateDialog
from tests.factories import add_person, make_cadre, make_household, make_village, valid_id
from tests.jobs_factories import make_posting
from tests.tkutil import pump
from tests.ui.fake_app import FakeApp

COURSE = {"kind": "cooking", "name": "中式烹饪班", "start_date": "2026-09-01"}


@pytest.fixture
def namesakes(db, today):
    """张德明 of 大新艾力嘎查 (born 1981) and 张德明 of 哈日干图嘎查 (born 1990)."""
    make_cadre()
    found = {}
    for village, code, birth in (
        ("大新艾力嘎查", "150521001001", "19810305"),
        ("哈日干图嘎查", "150521001002", "19900812"),
    ):
        household = make_household(make_village(village), code=code, head=None)
        found[village] = add_person(household, "张德明", "head", valid_id(birth))
        found[village]["household_id"] = household["id"]
    return found


@pytest.fixture
def app(tk_root, namesakes):
    return FakeApp(tk_root)


def test_the_register_dialogs_name_the_person_and_village(tk_root, app, namesakes):
    first = namesakes["大新艾力嘎查"]
    whose = "张德明（大新艾力嘎查）"
    assert WishHistoryWindow(tk_root, app, first["id"]).title() == f"就业意愿历史 — {whose}"
    assert WishForm(tk_root, app, first["id"]).title() == f"登记就业意愿 — {whose}"
    wish = wishes.record_wish(first["id"], {"willing_to_go_out": False})
    edit = WishForm(tk_root, app, first["id"], wish_id=wish["id"])
    assert edit.title() == f"修改就业意愿 — {whose}"
    member = MemberForm(tk_root, app, first["household_id"], first["id"])
    assert member.title() == f"编辑家庭成员 — {whose}"
    new_member = MemberForm(tk_root, app, first["household_id"])
    assert new_member.title() == "新增家庭成员 — 150521001001 张德明户（大新艾力嘎查）"
    visit = VisitForm(tk_root, app, first["household_id"])
    assert visit.title() == "新增走访记录 — 张德明户（大新艾力嘎查）"
    household = HouseholdForm(tk_root, app, first["household_id"])
    assert household.title() == "编辑农户信息 — 150521001001 张德明户（大新艾力嘎查）"


def test_the_resume_windows_name_the_person_and_village(tk_root, app, namesakes):
    second = namesakes["哈日干图嘎查"]
    editor = open_resume_editor(tk_root, app, second["id"])
    assert editor.title() == "简历 — 张德明（哈日干图嘎查）"
    draft = resumes.create_resume(second["id"])
    entry = ResumeEntryDialog(tk_root, app, draft["id"])
    assert entry.title() == "添加简历条目 — 张德明（哈日干图嘎查）"
    editor.destroy()


def test_the_jobs_dialogs_name_the_person_and_village(tk_root, app, namesakes):
    first = namesakes["大新艾力嘎查"]
    posting = make_posting(position="保安")
    placement = placements.recommend(first["id"], posting["id"])
    stage = StageDialog(tk_root, app, placement["id"])
    assert stage.title() == "下一环节 — 张德明（大新艾力嘎查） 北京嘉裕集团"
    edit = PlacementEditDialog(tk_root, app, placement["id"])
    assert edit.title() == "编辑就业信息 — 张德明（大新艾力嘎查）"
    new = NewPlacementDialog(tk_root, app, person_id=first["id"])
    assert new.title() == "登记就业 — 张德明（大新艾力嘎查）"
    placements.move_stage(placement["id"], "working")
    check = WorkCheckDialog(tk_root, app, placement["id"])
    assert check.title() == "在岗回访 — 张德明（大新艾力嘎查） 北京嘉裕集团 保安"
    # A subsidy row as the 稳岗补贴 list gives it.
    payment_row = {
        "name": "张德明",
        "village_name": "大新艾力嘎查",
        "placement_id": placement["id"],
    }
    assert PaymentDialog(tk_root, app, payment_row).title() == "登记发放 — 张德明（大新艾力嘎查）"
    assert PersonPostingsDialog(tk_root, app, first["id"]).title() == (
        "推荐岗位 — 张德明（大新艾力嘎查）"
    )
    assert CandidatesDialog(tk_root, app, posting["id"]).title() == "找人选 — 保安（北京嘉裕集团）"


def test_a_certificate_dialog_names_the_person_and_village(tk_root, app, namesakes):
    course = training.create_class(COURSE)
    training.enrol(course["id"], [namesakes["哈日干图嘎查"]["id"]])
    (enrollment,) = training.list_enrollments(course["id"])
    dialog = CertificateDialog(tk_root, app, enrollment)
    assert dialog.title() == "培训证书 — 张德明（哈日干图嘎查）"


def expected_labels(namesakes) -> set[str]:
    return {
        f"张德明（大新艾力嘎查，45岁，{mask_id_number(namesakes['大新艾力嘎查']['id_number'])}）",
        f"张德明（哈日干图嘎查，36岁，{mask_id_number(namesakes['哈日干图嘎查']['id_number'])}）",
    }


def test_the_new_job_picker_tells_namesakes_apart(tk_root, app, namesakes):
    dialog = NewPlacementDialog(tk_root, app)
    dialog.form["find"].set("张德明")
    dialog.form["find"]._changed()  # as typing does
    field = dialog.form["person_id"]
    shown = set(field.combo.cget("values")) - {""}
    assert shown == expected_labels(namesakes)
    assert all("********" in text for text in shown)


def test_the_training_picker_tells_namesakes_apart(tk_root, app, namesakes):
    course = training.create_class(COURSE)
    dialog = AddPeopleDialog(tk_root, app, course)
    dialog.search.set("zdm")
    dialog.search.search_now()
    pump(tk_root)
    rows = [dialog.table.tree.item(i, "values") for i in dialog.table.tree.get_children()]
    assert sorted(r[:4] for r in rows) == sorted(
        ("张德明", village, age, mask_id_number(namesakes[village]["id_number"]))
        for village, age in (("大新艾力嘎查", "45"), ("哈日干图嘎查", "36"))
    )


def test_the_matching_people_list_tells_namesakes_apart(tk_root, app, namesakes):
    screen = MatchingScreen(tk_root, app)
    screen.person_search.set("张德明")
    screen.person_search.search_now()
    pump(tk_root)
    table = screen.people_list
    rows = [table.tree.item(i, "values") for i in table.tree.get_children()]
    assert sorted(r[1:3] for r in rows) == [("哈日干图嘎查", "36"), ("大新艾力嘎查", "45")]
    assert all(r[3][6:14] == "********" for r in rows)
