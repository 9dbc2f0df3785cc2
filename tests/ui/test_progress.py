"""The progress dialog: work runs in a thread, progress shows, cancel stops it, errors surface."""

from __future__ import annotations

import threading
import time

from casework.ui.kit import dialogs, progress
from tests.tkutil import pump_until


def test_result_reaches_on_done_on_the_tk_thread(tk_root):
    seen = {}

    def work(report, cancelled):
        seen["worker"] = threading.current_thread()
        for i in range(5):
            report(i + 1, 5, f"第{i + 1}份")
        return "全部完成"

    def done(result):
        seen["result"] = result
        seen["done_thread"] = threading.current_thread()

    dialog = progress.run_with_progress(tk_root, "导出简历", work, on_done=done)
    assert pump_until(tk_root, lambda: dialog.finished)
    assert seen["result"] == "全部完成"
    assert seen["worker"] is not threading.main_thread()
    assert seen["done_thread"] is threading.main_thread()
    assert not dialog.winfo_exists()


def test_progress_is_shown_while_the_window_stays_responsive(tk_root):
    release = threading.Event()

    def work(report, cancelled):
        report(3, 10, "韩令春")
        release.wait(5)
        return None

    dialog = progress.run_with_progress(tk_root, "导出简历", work)
    assert pump_until(tk_root, lambda: "3/10" in str(dialog.detail.cget("text")))
    assert "韩令春" in str(dialog.detail.cget("text"))
    assert float(dialog.bar.cget("value")) == 3
    release.set()
    assert pump_until(tk_root, lambda: dialog.finished)


def test_cancel_stops_the_work_and_still_reports_the_partial_result(tk_root):
    started = threading.Event()

    def work(report, cancelled):
        done = 0
        started.set()
        while not cancelled() and done < 10_000:
            done += 1
            time.sleep(0.001)
        return done

    results = []
    dialog = progress.run_with_progress(tk_root, "导出简历", work, on_done=results.append)
    started.wait(5)
    dialog.button_cancel.invoke()
    assert str(dialog.button_cancel.cget("text")) == "正在取消…"
    assert pump_until(tk_root, lambda: dialog.finished)
    assert dialog.cancelled and results and results[0] < 10_000


def test_cancelled_exception_is_quiet(tk_root, monkeypatch):
    errors, cancels = [], []
    monkeypatch.setattr(dialogs, "show_error", lambda *a: errors.append(a))

    def work(report, cancelled):
        raise progress.Cancelled()

    dialog = progress.run_with_progress(tk_root, "导入", work, on_cancel=lambda: cancels.append(1))
    assert pump_until(tk_root, lambda: dialog.finished)
    assert cancels == [1] and errors == []


def test_an_exception_in_the_worker_is_shown_in_chinese(tk_root, monkeypatch):
    shown, passed = [], []
    monkeypatch.setattr(
        dialogs, "show_error", lambda parent, title, text: shown.append((title, text))
    )

    def work(report, cancelled):
        raise PermissionError(13, "Permission denied", "韩令春-简历.docx")

    dialog = progress.run_with_progress(tk_root, "导出简历", work, on_error=passed.append)
    assert pump_until(tk_root, lambda: dialog.finished)
    assert shown[0][0] == "导出简历失败"
    assert "韩令春-简历.docx" in shown[0][1] and "Word" in shown[0][1]
    assert isinstance(passed[0], PermissionError)


def test_closing_the_window_asks_the_work_to_stop(tk_root):
    def work(report, cancelled):
        while not cancelled():
            time.sleep(0.005)
        return "stopped"

    results = []
    dialog = progress.run_with_progress(tk_root, "导出", work, on_done=results.append)
    dialog.protocol("WM_DELETE_WINDOW")  # the handler is registered
    dialog.cancel()
    assert pump_until(tk_root, lambda: dialog.finished)
    assert results == ["stopped"]
