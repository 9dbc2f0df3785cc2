"""Export dialogs on a real Tk root: visit logs by scope and date, household files, batches."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from casework.exports import batch, files
from casework.services.documents import resumes
from casework.services.register import cadres, visits, wishes
from casework.ui.documents.export_common import ExportDoneDialog, export_household_file
from casework.ui.documents.export_dialogs import (
    BatchResumeDialog,
    open_batch_resumes,
    open_visit_log_dialog,
    quick_range,
)
from casework.ui.kit import dialogs
from tests.docs_helpers import full_text, open_docx
from tests.factories import add_person, make_cadre, make_household, make_village
from tests.tkutil import pump_until
from tests.ui.fake_app import FakeApp


@pytest.mark.parametrize(
    ("kind", "today", "expected"),
    [
        ("last_month", dt.date(2026, 11, 27), (dt.date(2026, 10, 1), dt.date(2026, 10, 31))),
        ("last_month", dt.date(2026, 1, 15), (dt.date(2025, 12, 1), dt.date(2025, 12, 31))),
        ("last_month", dt.date(2026, 3, 31), (dt.date(2026, 2, 1), dt.date(2026, 2, 28))),
        ("this_month", dt.date(2026, 11, 27), (dt.date(2026, 11, 1), dt.date(2026, 11, 27))),
        ("this_quarter", dt.date(2026, 11, 27), (dt.date(2026, 10, 1), dt.date(2026, 11, 27))),
        ("this_quarter", dt.date(2026, 3, 2), (dt.date(2026, 1, 1), dt.date(2026, 3, 2))),
        ("this_year", dt.date(2026, 11, 27), (dt.date(2026, 1, 1), dt.date(2026, 11, 27))),
        ("all", dt.date(2026, 11, 27), (None, None)),
    ],
)
def test_quick_ranges(kind, today, expected):
    assert quick_range(kind, today) == expected


@pytest.fixture
def register(db, today):
    me = make_cadre("杨志勇")
    village = make_village("大新艾力嘎查")
    home = make_household(village, code="150521000101", head="韩福")
    son = add_person(home, "韩令春", relation="son")
    wishes.record_wish(son["id"], {"willing_to_go_out": True, "destinations": ["beijing"]})
    for day in (dt.date(2026, 9, 30), dt.date(2026, 10, 12), dt.date(2026, 11, 2)):
        visits.record_visit(
            home["id"], {"visit_date": day, "situation": f"记号{day}", "cadre_ids": [me["id"]]}
        )
    return {"me": me, "village": village, "home": home, "son": son}


def children_of_type(root, cls):
    found = []
    for child in root.winfo_children():
        if isinstance(child, cls):
            found.append(child)
        found.extend(children_of_type(child, cls))
    return found


def test_visit_log_for_last_month_of_one_household(tk_root, register, monkeypatch, tmp_path):
    app = FakeApp(tk_root)
    target = tmp_path / "日志.docx"
    asked = []
    monkeypatch.setattr(
        dialogs,
        "ask_save_filename",
        lambda parent, title, types, initialfile, **k: asked.append(initialfile) or str(target),
    )
    dialog = open_visit_log_dialog(tk_root, app, household_id=register["home"]["id"])
    assert dialog.scope_var.get() == "household"
    assert (dialog.date_from.get(), dialog.date_to.get()) == ("2026-10-01", "2026-10-31")
    dialog.button_ok.invoke()
    assert asked == ["走访日志-韩福户-2026-10-01至2026-10-31.docx"]
    assert pump_until(tk_root, lambda: dialog.progress.finished, timeout=20)
    text = full_text(open_docx(target))
    assert "记号2026-10-12" in text and "记号2026-09-30" not in text
    assert app.notifications == ["已导出 日志.docx"]
    assert children_of_type(tk_root, ExportDoneDialog)


def test_visit_log_by_village_or_cadre_with_quick_ranges(tk_root, register, monkeypatch, tmp_path):
    app = FakeApp(tk_root)
    target = tmp_path / "村.docx"
    monkeypatch.setattr(dialogs, "ask_save_filename", lambda *a, **k: str(target))
    dialog = open_visit_log_dialog(tk_root, app)
    assert dialog.scope_var.get() == "all"
    assert dialog.cadre_combo.get() == "杨志勇"  # the laptop's cadre is preselected
    dialog.scope_var.set("village")
    dialog.village_combo.current(0)
    dialog.quick_buttons["this_year"].invoke()
    assert dialog.date_from.get() == "2026-01-01"
    dialog.button_ok.invoke()
    assert pump_until(tk_root, lambda: dialog.progress.finished, timeout=20)
    text = full_text(open_docx(target))
    assert text.count("记号") == 3 and "（大新艾力嘎查　2026年1月1日至2026年11月27日）" in text


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: (d.scope_var.set("village"), d.village_combo.set("")), "请选择嘎查村或干部"),
        (lambda d: d.date_from.set("2026-13-01"), "不存在"),
        (lambda d: (d.date_from.set("2026-11-02"), d.date_to.set("2026-11-01")), "不能早于"),
    ],
)
def test_visit_log_options_are_checked(tk_root, register, monkeypatch, setup, message):
    monkeypatch.setattr(dialogs, "ask_save_filename", lambda *a, **k: pytest.fail("asked"))
    dialog = open_visit_log_dialog(tk_root, FakeApp(tk_root))
    dialog.village_combo.set("")
    setup(dialog)
    dialog.button_ok.invoke()
    assert message in str(dialog.message.cget("text")) and dialog.winfo_exists()


def test_cancelled_save_dialog_keeps_the_options_open(tk_root, register, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_filename", lambda *a, **k: "")
    dialog = open_visit_log_dialog(tk_root, FakeApp(tk_root))
    dialog.button_ok.invoke()
    assert dialog.winfo_exists()
    dialog.button_cancel.invoke()
    assert not dialog.winfo_exists()


def test_household_file_export_and_open_folder(tk_root, register, monkeypatch, tmp_path):
    app = FakeApp(tk_root)
    names = []
    monkeypatch.setattr(
        dialogs,
        "ask_save_filename",
        lambda parent, title, types, initialfile, **k: (
            names.append(initialfile) or str(tmp_path / initialfile)
        ),
    )
    opened = []
    monkeypatch.setattr(dialogs, "open_path", lambda path: opened.append(path) or True)
    progress = export_household_file(tk_root, app, register["home"]["id"])
    assert names == ["韩福户-一户一档-2026-11-27.docx"]
    assert pump_until(tk_root, lambda: progress.finished, timeout=20)
    assert "一户一档" in full_text(open_docx(tmp_path / names[0]))
    children_of_type(tk_root, ExportDoneDialog)[-1].button_open_folder.invoke()
    assert opened == [tmp_path]


def test_batch_for_the_willing_into_a_folder(tk_root, register, tmp_path):
    app = FakeApp(tk_root)
    dialog = open_batch_resumes(tk_root, app)
    assert dialog.who_var.get() == "willing" and "disabled" in dialog.radio_selected.state()
    assert pump_until(tk_root, lambda: not dialog.loading, timeout=20)
    assert "（1 人）" in str(dialog.radio_willing.cget("text"))
    dialog.folder.set(str(tmp_path / "简历"))
    dialog.button_ok.invoke()
    assert pump_until(tk_root, lambda: dialog.progress.finished, timeout=30)
    assert (tmp_path / "简历" / "韩令春-简历-2026-11-27.docx").is_file()
    assert app.notifications[-1].startswith("已导出 1 份简历")
    done = children_of_type(tk_root, ExportDoneDialog)[-1]
    assert done.button_open_file is None and "已导出 1 份简历" in str(done.label.cget("text"))


def test_the_batch_dialog_opens_before_the_willing_are_counted(
    tk_root, register, tmp_path, monkeypatch
):
    real, release = resumes.willing_people, threading.Event()

    def slow_willing():
        assert release.wait(30), "the test never let the list be read"
        return real()

    monkeypatch.setattr(resumes, "willing_people", slow_willing)
    dialog = open_batch_resumes(tk_root, FakeApp(tk_root))
    tk_root.update()
    # Shown and usable while the list is read: only 导出 waits for it.
    assert dialog.winfo_viewable() and dialog.loading
    assert "正在统计" in str(dialog.radio_willing.cget("text"))
    assert "disabled" in dialog.button_ok.state()
    dialog.folder.set(str(tmp_path / "简历"))
    dialog.event_generate("<Return>")  # the key does no more than the greyed-out button
    tk_root.update()
    assert dialog.winfo_exists() and not hasattr(dialog, "progress")
    release.set()
    assert pump_until(tk_root, lambda: not dialog.loading, timeout=20)
    assert "（1 人）" in str(dialog.radio_willing.cget("text"))
    assert "disabled" not in dialog.button_ok.state()


def test_chosen_people_are_exported_without_waiting_for_the_willing(
    tk_root, register, tmp_path, monkeypatch
):
    release = threading.Event()
    monkeypatch.setattr(resumes, "willing_people", lambda: release.wait(30) and [])
    dialog = open_batch_resumes(tk_root, FakeApp(tk_root), [register["son"]["id"]])
    assert dialog.loading and "disabled" not in dialog.button_ok.state()
    dialog.folder.set(str(tmp_path))
    dialog.button_ok.invoke()
    assert pump_until(tk_root, lambda: dialog.progress.finished, timeout=30)
    release.set()
    assert (tmp_path / "韩令春-简历-2026-11-27.docx").is_file()


def test_batch_can_be_cancelled_leaving_whole_files(tk_root, register, tmp_path, monkeypatch):
    village = register["village"]
    household = make_household(village, head="包巴特尔")
    chosen = []
    for name in ("包一", "包二", "包三", "包四", "包五", "包六", "包七", "包八"):
        chosen.append(add_person(household, name, relation="son")["id"])
    real = batch.render_resume
    rendered, pressed = [], threading.Event()

    def third_waits_for_cancel(*args, **kwargs):
        # The third resume is held until 取消 has been pressed: the cancel lands mid-batch
        # however fast or slow the machine is.
        rendered.append(1)
        if len(rendered) == 3:
            assert pressed.wait(30), "取消 was never pressed"
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "render_resume", third_waits_for_cancel)
    app = FakeApp(tk_root)
    dialog = BatchResumeDialog(tk_root, app, chosen)
    assert dialog.who_var.get() == "selected"
    dialog.folder.set(str(tmp_path))
    dialog.button_ok.invoke()
    progress = dialog.progress
    assert pump_until(tk_root, lambda: "2 / 8" in str(progress.detail.cget("text")), timeout=20)
    progress.button_cancel.invoke()
    pressed.set()
    assert pump_until(tk_root, lambda: progress.finished, timeout=20)
    written = sorted(tmp_path.glob("*.docx"))
    # The resume being written when 取消 came is finished; none after it is begun.
    assert len(written) == 3 and len(rendered) == 3
    assert files.leftover_temp_files(tmp_path) == []
    for path in written:
        open_docx(path)
    assert "已取消" in app.notifications[-1]


def test_batch_needs_a_folder(tk_root, register, tmp_path):
    blocker = tmp_path / "文件"
    blocker.write_text("x")
    dialog = open_batch_resumes(tk_root, FakeApp(tk_root), [register["son"]["id"]])
    dialog.folder.set(str(blocker))
    dialog.button_ok.invoke()
    assert "文件夹" in str(dialog.message.cget("text")) and dialog.winfo_exists()
    assert cadres.current_cadre()["name"] == "杨志勇"
