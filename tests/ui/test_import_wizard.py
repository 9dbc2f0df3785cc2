"""导入农户花名册 wizard: choose a file, preview, pick the mode, import with a progress bar."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from casework.models import Person
from casework.services.register import areas
from casework.ui.exchange.import_wizard import ImportWizard
from casework.ui.kit import dialogs
from tests.factories import make_cadre, make_village, valid_id
from tests.roster_builder import MONITORING_HEADER, messy_workbook
from tests.tkutil import pump, pump_until
from tests.ui.fake_app import FakeApp


@pytest.fixture
def wizard(tk_root, db, today, tmp_path, monkeypatch):
    make_cadre()
    path = tmp_path / "花名册.xlsx"
    messy_workbook(path)
    monkeypatch.setattr(dialogs, "ask_open_filename", lambda *a, **k: str(path))
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda *a: errors.append(a))
    wizard = ImportWizard(tk_root, FakeApp(tk_root))
    wizard.errors = errors
    pump(tk_root)
    return wizard


def wait(tk_root, wizard) -> None:
    assert pump_until(tk_root, lambda: wizard.job is not None and wizard.job.finished, 20)
    pump(tk_root)


def shown(wizard) -> list[tuple]:
    return [wizard.table.tree.item(i, "values") for i in wizard.table.tree.get_children()]


def test_choosing_a_file_previews_it_without_writing(tk_root, wizard):
    wizard.button_choose.invoke()
    wait(tk_root, wizard)
    assert Person.select().count() == 0
    assert "新增 7 人" in wizard.summary.cget("text")
    assert "工作表“说明”（提示）" in wizard.sheet_notes.cget("text")
    # With refused rows, the table opens on them.
    assert wizard.filter.get() == "refused"
    (refused,) = shown(wizard)
    assert refused[:4] == ("脱贫人口", "10", "不导入", "白秀兰")
    # The refused row's ID as Excel shows it (its digits are lost), to find the row by.
    assert refused[4] == "1.50521E+17"
    assert "1.50521E+17" in refused[7]
    # ... and selected, its problem in full below the table.
    assert wizard.table.selected_id() == "脱贫人口:10"
    detail = wizard.row_detail.get()
    assert detail.startswith("工作表“脱贫人口”第10行  白秀兰  1.50521E+17\n不导入")
    assert "请在原表中把该列设为“文本”后重新填写" in detail
    wizard.filter.set("")
    wizard.table.refresh(reset_page=True)
    assert len(shown(wizard)) == 8
    # ID numbers are masked in the preview as in every list.
    assert [row[4][6:14] for row in shown(wizard) if row[0] != "说明"][:3] == ["********"] * 3
    assert sum(row[4][6:14] == "********" for row in shown(wizard)) == 7
    wizard.table.select("脱贫人口:11")
    pump(tk_root)
    assert "• 提示：文化程度“私塾”无法识别" in wizard.row_detail.get()
    assert wizard.button_import.instate(["!disabled"])


def test_all_or_nothing_imports_nothing_and_says_so(tk_root, wizard, monkeypatch):
    wizard.button_choose.invoke()
    wait(tk_root, wizard)
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: True)
    wizard.mode_buttons["all"].invoke()
    wizard.button_import.invoke()
    wait(tk_root, wizard)
    assert Person.select().count() == 0
    assert "没有导入任何数据" in wizard.summary.cget("text")
    assert wizard.app.data_changed_calls == 0


def test_importing_the_valid_rows_tells_the_app(tk_root, wizard, monkeypatch):
    wizard.button_choose.invoke()
    wait(tk_root, wizard)
    asked = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: asked.append(a[1:]) or True)
    wizard.button_import.invoke()
    wait(tk_root, wizard)
    assert Person.select().count() == 7
    # A first import into an empty area tree creates every area: asked first.
    ((title, question),) = asked
    assert title == "新建地区" and "以下 6 个地区不在地区列表中" in question
    assert "已导入" in wizard.summary.cget("text")
    assert wizard.area_notes.cget("text") == ""
    assert wizard.button_import.instate(["disabled"])
    assert wizard.app.notifications[-1] == "已导入花名册：新增 7 人，更新 0 人"
    assert wizard.app.data_changed_calls == 1


def test_a_file_that_is_not_a_workbook_is_explained(tk_root, wizard, tmp_path):
    bad = tmp_path / "坏文件.xlsx"
    bad.write_text("not a workbook")
    wizard.path.set(str(bad))
    wizard.button_preview.invoke()
    wait(tk_root, wizard)
    ((_parent, title, message),) = wizard.errors
    assert title == "读取花名册失败" and "不是有效的Excel工作簿" in message
    assert wizard.button_import.instate(["disabled"])


# Names the area tree does not have -------------------------------------------------


@pytest.fixture
def typo_wizard(tk_root, db, today, tmp_path, monkeypatch):
    make_cadre()
    make_village("大新艾力嘎查")
    path = tmp_path / "花名册.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "人员"
    sheet.append(MONITORING_HEADER[:11])
    place = ["科左中旗", "架玛吐镇"]
    sheet.append(
        [*place, "大新艾力嘎擦", "150521009001", "", "户主", "韩令春", "", "蒙古族"]
        + [valid_id("19680305"), "初中"]
    )
    sheet.append(
        [*place, "大新艾力嘎查", "150521009002", "", "户主", "白福生", "", "汉族"]
        + [valid_id("19750620"), "初中"]
    )
    book.save(path)
    monkeypatch.setattr(dialogs, "ask_open_filename", lambda *a, **k: str(path))
    wizard = ImportWizard(tk_root, FakeApp(tk_root))
    wizard.button_choose.invoke()
    wait(tk_root, wizard)
    return wizard


def test_an_unknown_village_is_listed_with_the_nearest_name(tk_root, typo_wizard):
    notes = typo_wizard.area_notes.cget("text")
    assert notes == (
        "不在地区列表中、导入时将新建的地区（导入前会请您确认）："
        "“大新艾力嘎擦”（是否应为“大新艾力嘎查”？）"
    )
    typo_wizard.filter.set("warning")
    typo_wizard.table.refresh(reset_page=True)
    (warned,) = shown(typo_wizard)
    assert warned[3] == "韩令春" and "是否应为“大新艾力嘎查”？" in warned[7]


def test_declining_the_new_village_imports_nothing(tk_root, typo_wizard, monkeypatch):
    asked = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: asked.append(a[2]) or False)
    typo_wizard.button_import.invoke()
    pump(tk_root)
    assert (
        "  · 嘎查村“大新艾力嘎擦”（工作表“人员”第2行），最接近的已有名称：“大新艾力嘎查”"
        in asked[0]
    )
    assert asked[0].endswith("如果是笔误，请先改正花名册再导入。确定新建这些地区并导入吗？")
    assert Person.select().count() == 0
    assert [a["name"] for a in areas.villages()] == ["大新艾力嘎查"]


def test_confirming_the_new_village_creates_it(tk_root, typo_wizard, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: True)
    typo_wizard.button_import.invoke()
    wait(tk_root, typo_wizard)
    assert Person.select().count() == 2
    assert sorted(a["name"] for a in areas.villages()) == ["大新艾力嘎擦", "大新艾力嘎查"]


# The report to send back -----------------------------------------------------------


def test_the_preview_is_saved_as_excel_row_by_row(tk_root, wizard, tmp_path, monkeypatch):
    target = tmp_path / "报告.xlsx"
    asked = {}

    def save_as(parent, title, filetypes, **options):
        asked.update(options, title=title)
        return str(target)

    monkeypatch.setattr(dialogs, "ask_save_filename", save_as)
    assert wizard.button_save_report.instate(["disabled"])
    wizard.button_choose.invoke()
    wait(tk_root, wizard)
    wizard.button_save_report.invoke()
    wait(tk_root, wizard)
    assert asked["title"] == "保存导入报告"
    assert asked["initialfile"] == "花名册-导入问题-20261127.xlsx"
    book = load_workbook(target)
    assert book.sheetnames == ["有问题的行", "全部行"]
    problems = [[c.value for c in r] for r in book["有问题的行"].iter_rows(min_row=3)]
    heading = [c.value for c in book["有问题的行"][2]]
    assert heading == ["工作表", "行号", "处理", "姓名", "身份证号码", "户编号", "说明", "问题"]
    assert book["有问题的行"]["A1"].value == "花名册“花名册.xlsx”导入报告：有问题的行"
    by_row = {(r[0], r[1]): r for r in problems}
    assert by_row[("说明", None)][6] == "整张工作表" and by_row[("说明", None)][7]
    refused = by_row[("脱贫人口", 10)]
    assert refused[2:5] == ["不导入", "白秀兰", "1.50521E+17"]
    assert "无法还原" in refused[7]
    assert "提示：文化程度“私塾”无法识别" in by_row[("脱贫人口", 11)][7]
    everything = list(book["全部行"].iter_rows(min_row=3, values_only=True))
    assert len(everything) == 8
    assert all(r[4] is None or "********" in r[4] or r[4] == "1.50521E+17" for r in everything)
    assert wizard.app.notifications[-1] == "已导出 报告.xlsx"
