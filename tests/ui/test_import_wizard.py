"""导入农户花名册 wizard: choose a file, preview, pick the mode, import with a progress bar."""

from __future__ import annotations

import pytest

from casework.models import Person
from casework.ui.exchange.import_wizard import ImportWizard
from casework.ui.kit import dialogs
from tests.factories import make_cadre
from tests.roster_builder import messy_workbook
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
    assert "1.50521E+17" in refused[7]
    wizard.filter.set("")
    wizard.table.refresh(reset_page=True)
    assert len(shown(wizard)) == 8
    # ID numbers are masked in the preview as in every list (the 1.5E+17 one has none).
    assert [row[4][6:14] for row in shown(wizard) if row[4]] == ["********"] * 7
    wizard.table.select("脱贫人口:11")
    pump(tk_root)
    assert "文化程度“私塾”无法识别" in wizard.row_detail.cget("text")
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


def test_importing_the_valid_rows_tells_the_app(tk_root, wizard):
    wizard.button_choose.invoke()
    wait(tk_root, wizard)
    wizard.button_import.invoke()
    wait(tk_root, wizard)
    assert Person.select().count() == 7
    assert "已导入" in wizard.summary.cget("text")
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
