"""The progress dialog: work runs in a thread, progress shows, cancel stops it, errors surface."""

from __future__ import annotations

import threading
import time

from casework.ui.kit import dialogs, progress
from tests.tkutil import pump, pump_until
from tests.ui.widget_helpers import focus_into, press


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
    assert pump_until(tk_root, lambda: "3 / 10" in str(dialog.detail.cget("text")))
    assert "韩令春" in str(dialog.detail.cget("text"))
    assert float(dialog.bar.cget("value")) == 3
    release.set()
    assert pump_until(tk_root, lambda: dialog.finished)


def test_the_bar_says_how_far_as_n_of_n(tk_root):
    dialog = progress.ProgressDialog(tk_root, "导出清单")
    dialog.show_progress(2000, 100_000)
    assert dialog.detail.cget("text") == "2,000 / 100,000"
    dialog.show_progress(100_001, 100_000, "正在核对数据…")  # never past the end
    assert dialog.detail.cget("text") == "100,000 / 100,000　正在核对数据…"
    assert float(dialog.bar.cget("value")) == 100_000
    dialog.show_progress(0, None, "正在读取工作簿…")  # no total known yet: words only
    assert dialog.detail.cget("text") == "正在读取工作簿…"
    dialog.close()


def work_until_cancelled(started: threading.Event, release: threading.Event | None = None):
    """Work that goes step by step until asked to stop, then waits for `release` to end.

    It returns how many steps it did, its partial result. Should no cancel ever come it
    gives up after half a minute, so a failing test does not leave it running.
    """

    def work(report, cancelled):
        steps, deadline = 0, time.monotonic() + 30
        started.set()
        while not cancelled() and time.monotonic() < deadline:
            steps += 1
            time.sleep(0.001)  # one step of the work, between two checks of cancelled()
        if release is not None:
            release.wait(30)
        return steps if cancelled() else "never cancelled"

    return work


def test_cancel_stops_the_work_and_still_reports_the_partial_result(tk_root):
    started = threading.Event()
    results = []
    work = work_until_cancelled(started)
    dialog = progress.run_with_progress(tk_root, "导出简历", work, on_done=results.append)
    assert started.wait(5)
    dialog.button_cancel.invoke()
    assert str(dialog.button_cancel.cget("text")) == "正在取消…"
    assert pump_until(tk_root, lambda: dialog.finished)
    assert dialog.cancelled and len(results) == 1 and isinstance(results[0], int)


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


def close_from_the_window_manager(window) -> None:
    """What the title bar's × does: the window manager asks, Tk runs the WM_DELETE_WINDOW
    handler. Xvfb has no window manager, so the test runs that same registered command."""
    command = window.protocol("WM_DELETE_WINDOW")
    assert command, "the window has no WM_DELETE_WINDOW handler: × would destroy it mid-work"
    window.tk.call(command)


def cancel_waits_for_the_work(tk_root, ask_to_stop) -> None:
    """`ask_to_stop(dialog)` asks a running job to stop; the window stays until it has."""
    started, release = threading.Event(), threading.Event()
    results = []
    work = work_until_cancelled(started, release)
    dialog = progress.run_with_progress(tk_root, "导出", work, on_done=results.append)
    assert started.wait(5)

    ask_to_stop(dialog)

    assert dialog.cancelled
    assert str(dialog.button_cancel.cget("text")) == "正在取消…"
    assert "disabled" in dialog.button_cancel.state()
    assert "已写好的文件会保留" in str(dialog.detail.cget("text"))
    pump(tk_root)
    # The work has not ended yet (it waits for `release`): the window must still be there.
    assert dialog.winfo_exists() and not dialog.finished and results == []
    release.set()
    assert pump_until(tk_root, lambda: dialog.finished)
    assert not dialog.winfo_exists()
    assert len(results) == 1 and isinstance(results[0], int)  # the partial result


def test_closing_the_window_asks_the_work_to_stop_and_waits_for_it(tk_root):
    cancel_waits_for_the_work(tk_root, close_from_the_window_manager)


def test_escape_asks_the_work_to_stop_and_waits_for_it(tk_root):
    def press_escape(dialog):
        focus_into(tk_root, dialog)
        press(tk_root, "<Escape>")

    cancel_waits_for_the_work(tk_root, press_escape)


def test_a_job_that_cannot_be_cancelled_ignores_close_and_escape(tk_root):
    release = threading.Event()
    dialog = progress.run_with_progress(
        tk_root, "正在备份数据", lambda report, cancelled: release.wait(30), can_cancel=False
    )
    close_from_the_window_manager(dialog)
    focus_into(tk_root, dialog)
    press(tk_root, "<Escape>")
    assert not dialog.cancelled and dialog.winfo_exists()
    assert not dialog.button_cancel.winfo_ismapped()
    release.set()
    assert pump_until(tk_root, lambda: dialog.finished)
