"""No dialog is taller than 700 pixels: with its title bar it fits a 1366×768 laptop screen.

Each dialog is opened as the cadre opens it, on a register with content (long names, a
household of several members, a roster with notes on many sheets), and measured.
"""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from casework.services.documents import resumes
from casework.services.training import training
from casework.ui.documents.export_lists_dialog import ExportListsDialog
from casework.ui.documents.resume_entry_dialog import ResumeEntryDialog
from casework.ui.exchange.import_wizard import ImportWizard
from casework.ui.jobs.job_forms import EmployerForm, PostingForm
from casework.ui.jobs.matching_panels import CandidatesDialog, PersonPostingsDialog
from casework.ui.jobs.placement_forms import NewPlacementDialog, PlacementEditDialog
from casework.ui.jobs.work_check_dialog import WorkCheckDialog
from casework.ui.kit.file_chooser import FileChooser
from casework.ui.register.household_form import HouseholdForm
from casework.ui.register.member_form import MemberForm
from casework.ui.register.visit_form import VisitForm
from casework.ui.register.wish_form import WishForm, WishHistoryWindow
from casework.ui.training.training_dialogs import AddPeopleDialog, ClassFormDialog
from tests.factories import add_person, make_cadre
from tests.jobs_factories import make_employer, make_posting, make_willing
from tests.roster_builder import MONITORING_HEADER
from tests.tkutil import pump
from tests.ui.fake_app import FakeApp

TALLEST = 700


@pytest.fixture
def register(db, today):
    make_cadre()
    employer = make_employer("北京首都国际机场地面服务有限公司（顺义区天竺镇）")
    posting = make_posting(employer, position="行李分拣与装卸员（夜班）")
    person = make_willing("乌云其木格", job_kinds="保洁、保安、厨师、仓库分拣")
    household = {"id": person["household_id"]}
    for name in ("包巴特尔", "包金花", "包国庆", "包秀兰"):
        add_person(household, name)
    course = training.create_class(
        {"kind": "cooking", "name": "中式烹调师（五级）培训班", "start_date": "2026-09-01"}
    )
    return {"person": person, "posting": posting, "employer": employer, "course": course}


def height_of(tk_root, window) -> int:
    pump(tk_root)
    window.update_idletasks()
    return window.winfo_reqheight() * 96 // round(window.winfo_fpixels("1i"))


DIALOGS = {
    "新增农户": lambda root, app, r: HouseholdForm(root, app),
    "编辑家庭成员": lambda root, app, r: MemberForm(
        root, app, r["person"]["household_id"], r["person"]["id"]
    ),
    "新增走访记录": lambda root, app, r: VisitForm(root, app, r["person"]["household_id"]),
    "登记就业意愿": lambda root, app, r: WishForm(root, app, r["person"]["id"]),
    "就业意愿历史": lambda root, app, r: WishHistoryWindow(root, app, r["person"]["id"]),
    "简历条目": lambda root, app, r: ResumeEntryDialog(
        root, app, resumes.create_resume(r["person"]["id"])["id"]
    ),
    "导出清单": lambda root, app, r: ExportListsDialog(root, app),
    "用工单位": lambda root, app, r: EmployerForm(root, app, r["employer"]["id"]),
    "岗位": lambda root, app, r: PostingForm(root, app, r["posting"]["id"]),
    "登记就业": lambda root, app, r: NewPlacementDialog(root, app),
    "编辑就业信息": lambda root, app, r: PlacementEditDialog(root, app, _placement(r)),
    "在岗回访": lambda root, app, r: WorkCheckDialog(root, app, _at_work(r)),
    "找人选": lambda root, app, r: CandidatesDialog(root, app, r["posting"]["id"]),
    "推荐岗位": lambda root, app, r: PersonPostingsDialog(root, app, r["person"]["id"]),
    "培训班": lambda root, app, r: ClassFormDialog(root, app, r["course"]["id"]),
    "添加参训人员": lambda root, app, r: AddPeopleDialog(root, app, r["course"]),
    "保存文件": lambda root, app, r: FileChooser(root, "保存清单", "save"),
    "导入花名册": lambda root, app, r: ImportWizard(root, app),
}


def _placement(register: dict) -> str:
    from casework.services.jobs import placements

    return placements.recommend(register["person"]["id"], register["posting"]["id"])["id"]


def _at_work(register: dict) -> str:
    from casework.services.jobs import placements

    placement_id = _placement(register)  # recommended today: at work from today
    return placements.move_stage(placement_id, "working", monthly_pay=6000)["id"]


@pytest.mark.parametrize("name", list(DIALOGS))
def test_the_dialog_fits_a_768_pixel_screen(tk_root, register, name):
    window = DIALOGS[name](tk_root, FakeApp(tk_root), register)
    assert height_of(tk_root, window) <= TALLEST, name
    window.destroy()


def test_the_roster_preview_gives_up_rows_to_notes_and_still_fits(
    tk_root, register, tmp_path, monkeypatch
):
    path = tmp_path / "花名册.xlsx"
    book = Workbook()
    book.active.append(MONITORING_HEADER)
    for n in range(8):  # eight sheets of notes, each a line about the sheet above the table
        book.create_sheet(f"第{n + 1}页说明").append(["本表由乡镇填报，数据截至2026年10月。"])
    book.save(path)
    wizard = ImportWizard(tk_root, FakeApp(tk_root))
    wizard.path.set(str(path))
    wizard.preview()
    from tests.tkutil import pump_until

    assert pump_until(tk_root, lambda: wizard.job is not None and wizard.job.finished, 20)
    pump(tk_root)
    notes = wizard.sheet_notes.cget("text").splitlines()
    whole_sheets = sum(p.row is None for p in wizard.report.problems)
    assert whole_sheets >= 8  # one for each sheet of notes at least
    assert notes[2] == f"……另有 {whole_sheets - 2} 条关于整张工作表的提示，见“保存为Excel”"
    assert len(notes) == 3
    assert height_of(tk_root, wizard) <= TALLEST
    assert int(wizard.table.tree.cget("height")) < 6  # the table gave up rows, not the notes
