"""导出Excel清单 dialog: the suggested name, a progress bar, overwriting asked, open afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from casework.services.register import list_rows, wishes
from casework.services.settings import setting
from casework.ui.documents.export_lists_dialog import ExportListsDialog
from casework.ui.kit import dialogs
from tests.factories import add_person, make_cadre, make_household, make_village
from tests.tkutil import pump, pump_until
from tests.ui.fake_app import FakeApp


@pytest.fixture
def dialog(tk_root, db, today, tmp_path, monkeypatch):
    make_cadre()
    household = make_household(make_village())
    son = add_person(household, "韩国庆")
    wishes.record_wish(son["id"], {"willing_to_go_out": True, "destinations": ["beijing"]})
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    opened = []
    monkeypatch.setattr(dialogs, "open_path", lambda path: opened.append(Path(path)) or True)
    dialog = ExportListsDialog(tk_root, FakeApp(tk_root))
    dialog.opened = opened
    pump(tk_root)
    return dialog


def export(tk_root, dialog) -> None:
    dialog.button_ok.invoke()
    assert pump_until(tk_root, lambda: dialog.job.finished, 20)
    pump(tk_root)


def test_the_file_name_follows_the_chosen_list(dialog, tmp_path):
    assert dialog.path.get() == str(tmp_path / "科左中旗-有意愿外出务工清单-2026-11-27.xlsx")
    dialog.buttons["training"].invoke()
    assert dialog.path.get() == str(tmp_path / "科左中旗-技能培训台账-2026-11-27.xlsx")
    assert dialog.button_open_file.instate(["disabled"])


def test_exporting_writes_the_list_and_offers_to_open_it(tk_root, dialog, tmp_path):
    export(tk_root, dialog)
    target = tmp_path / "科左中旗-有意愿外出务工清单-2026-11-27.xlsx"
    ws = load_workbook(target).active
    assert ws["F3"].value == "韩国庆"
    assert "已导出（有意愿外出务工 1 行）" in dialog.message.cget("text")
    assert dialog.app.notifications[-1] == f"已导出 {target.name}"
    assert setting("export_folder") == str(tmp_path)
    dialog.button_open_file.invoke()
    dialog.button_open_folder.invoke()
    assert dialog.opened == [target, tmp_path]


def test_an_existing_file_is_kept_unless_the_cadre_agrees(tk_root, dialog, tmp_path, monkeypatch):
    target = tmp_path / "科左中旗-有意愿外出务工清单-2026-11-27.xlsx"
    target.write_bytes(b"old")
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: False)
    export(tk_root, dialog)
    assert target.read_bytes() == b"old"
    assert dialog.result.path.name == "科左中旗-有意愿外出务工清单-2026-11-27(2).xlsx"
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: True)
    export(tk_root, dialog)
    assert dialog.result.path == target and target.read_bytes()[:2] == b"PK"


def exported_ids(dialog) -> list[str]:
    ws = load_workbook(dialog.result.path).active
    column = [c.value for c in ws[2]].index("身份证号码")
    return [row[column] for row in ws.iter_rows(min_row=3, values_only=True)]


def test_id_numbers_are_masked_unless_the_box_is_ticked(tk_root, dialog, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: False)
    assert not dialog.full_ids.get() and dialog.check_full_ids.instate(["!selected"])
    export(tk_root, dialog)
    [masked] = exported_ids(dialog)
    assert len(masked) == 18 and masked[6:14] == "********"
    assert list_rows.full_ids_exports() == []
    assert "完整身份证号" not in dialog.message.cget("text")

    dialog.check_full_ids.invoke()
    assert dialog.full_ids.get()
    export(tk_root, dialog)
    [full] = exported_ids(dialog)
    assert "*" not in full and full[:6] + "*" * 8 + full[-4:] == masked
    assert "含完整身份证号和电话" in dialog.message.cget("text")
    [event] = list_rows.full_ids_exports()
    assert "有意愿外出务工清单" in event["detail"] and dialog.result.path.name in event["detail"]
