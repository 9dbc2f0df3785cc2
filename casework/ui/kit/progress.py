"""Long work off the Tk thread: a worker thread, a queue polled with after(), a progress dialog.

(casework.ui.kit.kept_worker: one thread for a screen's repeated jobs, keeping its connection.)

    def work(report, cancelled):
        for i, person in enumerate(people):
            if cancelled():
                break
            ...
            report(i + 1, len(people), person["name"])
        return written

    run_with_progress(parent, "导出简历", work, on_done=show_result)

`work(report, cancelled)` runs in a worker thread and must not touch Tk; it calls
`report(done, total, text="")` as it goes and checks `cancelled()` between steps. What
it returns reaches `on_done(result)` on the Tk thread (also after a cancel: the work
decides what a partial result is; `dialog.cancelled` tells). An exception in the worker
is logged and shown in Chinese (`casework.logs.report`, `dialogs.show_error`), then
passed to `on_error`, never lost; raising `Cancelled` stops quietly and calls `on_cancel`.

Garbage is collected on the Tk thread only, never by the work: a collection in the
worker would run the finalizers of dead Tk objects (variables, images) off the Tk
thread, which can crash Tcl. So while any job runs, automatic collection is off (it
would run in whichever thread happens to allocate); the heap is collected and frozen
when the first job starts, and what the work leaves behind (docxtpl and lxml leave
reference cycles after each document) is collected by the Tk thread as it polls, when
a step is reported or the allocations since the last collection call for one. With the
old heap frozen, such a collection costs microseconds, not the ~0.1 s of a full one.
"""

from __future__ import annotations

import gc
import logging
import queue
import threading
import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import Any

from casework import logs
from casework.ui.kit import dialogs
from casework.ui.kit.theme import PAD, px

POLL_MS = 50
# A quiet job's result is looked for more often: it is shown the moment it comes (the
# dashboard's figures), and a look that finds nothing costs some 20 µs of the Tk thread.
RESULT_POLL_MS = 10

Report = Callable[..., None]
Work = Callable[[Report, Callable[[], bool]], Any]


class Cancelled(Exception):
    """Raised by work that stops because the cadre pressed 取消."""


def _close_thread_database() -> None:
    # peewee keeps one SQLite connection per thread; close the worker's own before it ends.
    # Imported lazily so this module stays free of the data layer at import time.
    try:
        from casework.services.safety import database_file

        database_file.close_thread_connection()
    except Exception:  # noqa: BLE001 - nothing opened in this thread, or no database at all
        logging.getLogger(__name__).debug("no thread connection to close", exc_info=True)


class ProgressDialog(tk.Toplevel):
    """A small modal window: what is being done, a progress bar and a 取消 button."""

    def __init__(self, parent: tk.Misc, title: str, can_cancel: bool = True) -> None:
        super().__init__(parent)
        self.withdraw()
        self.title(title)
        self.transient(parent.winfo_toplevel())
        self.resizable(False, False)
        self.cancel_event = threading.Event()
        self.can_cancel = can_cancel
        self.finished = False
        self.create_widgets(title, can_cancel)
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self.bind("<Escape>", lambda _e: self.cancel())
        self._place(parent)
        self.deiconify()
        try:
            self.grab_set()
        except tk.TclError:  # not viewable yet (e.g. a withdrawn parent in tests)
            pass

    def create_widgets(self, title: str, can_cancel: bool) -> None:
        body = ttk.Frame(self, padding=px(self, PAD * 2))
        body.pack(fill="both", expand=True)
        heading = title if title.startswith("正在") else f"正在{title}…"
        self.label = ttk.Label(body, text=heading)
        self.label.pack(anchor="w")
        self.bar = ttk.Progressbar(body, mode="indeterminate", length=px(self, 360), maximum=1)
        self.bar.pack(fill="x", pady=px(self, PAD))
        self.bar.start(15)
        self.detail = ttk.Label(body, text="", style="Hint.TLabel", width=48)
        self.detail.pack(anchor="w")
        self.button_cancel = ttk.Button(body, text="取消", command=self.cancel)
        if can_cancel:
            self.button_cancel.pack(anchor="e", pady=(px(self, PAD), 0))

    def _place(self, parent: tk.Misc) -> None:
        top = parent.winfo_toplevel()
        self.update_idletasks()
        if top.winfo_viewable():
            x = top.winfo_rootx() + (top.winfo_width() - self.winfo_reqwidth()) // 2
            y = top.winfo_rooty() + (top.winfo_height() - self.winfo_reqheight()) // 3
            self.geometry(f"+{max(0, x)}+{max(0, y)}")

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def cancel(self) -> None:
        """Ask the worker to stop; the window closes when it has."""
        if self.finished or self.cancel_event.is_set() or not self.can_cancel:
            return
        self.cancel_event.set()
        self.button_cancel.configure(text="正在取消…", state="disabled")
        self.detail.configure(text="正在停止，已写好的文件会保留")

    def show_progress(self, done: int, total: int | None, text: str = "") -> None:
        """Move the bar; under it "2,000 / 10,000" and what is being done."""
        if total:
            if str(self.bar.cget("mode")) != "determinate":
                self.bar.stop()
                self.bar.configure(mode="determinate", maximum=total)
            self.bar.configure(value=min(done, total))
            line = f"{min(done, total):,} / {total:,}"
            self.detail.configure(text=f"{line}　{text}" if text else line)
        elif text:
            self.detail.configure(text=text)

    def close(self) -> None:
        self.finished = True
        try:
            self.bar.stop()
            self.grab_release()
            self.destroy()
        except tk.TclError:
            pass


class ProgressJob:
    """Runs `work` in a thread and carries its messages back to the Tk thread."""

    def __init__(
        self,
        dialog: ProgressDialog,
        work: Work,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_cancel: Callable[[], None] | None,
    ) -> None:
        self.dialog = dialog
        self.work = work
        self.on_done, self.on_error, self.on_cancel = on_done, on_error, on_cancel
        self.messages: queue.Queue = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="casework-progress", daemon=True)

    def start(self) -> None:
        _pause_automatic_gc()  # see the module docstring
        self.thread.start()
        self.dialog.after(POLL_MS, self._poll)

    def _run(self) -> None:
        def report(done: int, total: int | None = None, text: str = "") -> None:
            self.messages.put(("progress", (done, total, text)))

        try:
            result = self.work(report, self.dialog.cancel_event.is_set)
        except Cancelled:
            self.messages.put(("cancelled", None))
        except BaseException as error:  # shown to the cadre on the Tk thread, never lost
            self.messages.put(("error", error))
        else:
            self.messages.put(("done", result))
        finally:
            _close_thread_database()

    def _poll(self) -> None:
        latest = None
        while True:
            try:
                kind, payload = self.messages.get_nowait()
            except queue.Empty:
                break
            if kind == "progress":
                latest = payload  # only the newest counts are worth drawing
                continue
            self._finish(kind, payload)
            return
        if latest is not None:
            self.dialog.show_progress(*latest)
        _collect_if_due(latest is not None)
        try:
            self.dialog.after(POLL_MS, self._poll)
        except tk.TclError:  # the application is closing
            _resume_automatic_gc()

    def _finish(self, kind: str, payload: Any) -> None:
        _resume_automatic_gc()
        parent = self.dialog.master
        title = self.dialog.title()
        self.dialog.close()
        if kind == "done":
            if self.on_done:
                self.on_done(payload)
        elif kind == "cancelled":
            if self.on_cancel:
                self.on_cancel()
        else:
            message = logs.report(payload, title.removeprefix("正在"))
            dialogs.show_error(parent, f"{title}失败", message)
            if self.on_error:
                self.on_error(payload)


def run_with_progress(
    parent: tk.Misc,
    title: str,
    work: Work,
    on_done: Callable[[Any], None] | None = None,
    *,
    on_error: Callable[[BaseException], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    can_cancel: bool = True,
) -> ProgressDialog:
    """Run `work(report, cancelled)` in a worker thread behind a progress dialog; returns it.

    Tests wait for the result with `tests.tkutil.pump_until(root, lambda: dialog.finished)`.
    """
    dialog = ProgressDialog(parent, title, can_cancel)
    job = ProgressJob(dialog, work, on_done, on_error, on_cancel)
    dialog.job = job
    job.start()
    return dialog


def run_in_background(
    widget: tk.Misc,
    work: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> threading.Thread:
    """Run `work()` in a worker thread with no dialog; its result or error reaches the Tk
    thread through a queue polled with after() (a quiet daily backup, a list filling in).

    Without `on_error`, an error is logged (casework.logs.report) and nothing is shown.
    """
    messages: queue.Queue = queue.Queue()

    def run() -> None:
        try:
            _run_job(work, messages)
        finally:
            _close_thread_database()

    _pause_automatic_gc()  # for the reason the module docstring gives
    thread = threading.Thread(target=run, name="casework-background", daemon=True)
    thread.start()
    _deliver(widget, messages, on_done, on_error)
    return thread


def _run_job(work: Callable[[], Any], messages: queue.Queue) -> None:
    try:
        messages.put(("done", work()))
    except BaseException as error:  # handed to the Tk thread, never lost
        messages.put(("error", error))


def _deliver(
    widget: tk.Misc,
    messages: queue.Queue,
    on_done: Callable[[Any], None] | None,
    on_error: Callable[[BaseException], None] | None,
) -> None:
    """On the Tk thread: poll `messages` for the job's result and hand it on; automatic
    collection, paused for the job, resumes when it arrives."""

    def poll() -> None:
        try:
            kind, payload = messages.get_nowait()
        except queue.Empty:
            _collect_if_due()
            try:
                root.after(RESULT_POLL_MS, poll)
            except tk.TclError:  # the window has closed meanwhile
                _resume_automatic_gc()
            return
        _resume_automatic_gc()
        if kind == "done":
            if on_done is not None:
                on_done(payload)
        elif on_error is not None:
            on_error(payload)
        else:
            logs.report(payload, "后台任务")

    # Polled from the root, not the widget: a widget destroyed meanwhile (a screen
    # closed while its list fills) deletes its callbacks, and a poll that never runs
    # again would leave automatic collection paused for the rest of the session.
    root = widget.nametowidget(".")
    try:
        root.after(RESULT_POLL_MS, poll)
    except tk.TclError:  # the application is closing: nobody waits for the result
        _resume_automatic_gc()


# How many jobs are running with automatic collection paused (they may overlap: a daily
# backup under an export). Only the Tk thread changes it.
_paused = 0


def _pause_automatic_gc() -> None:
    global _paused
    if _paused == 0:
        gc.collect()
        gc.freeze()
        gc.disable()
    _paused += 1


def _resume_automatic_gc() -> None:
    global _paused
    if _paused == 0:
        return
    _paused -= 1
    if _paused == 0:
        gc.enable()
        gc.unfreeze()


def resume_collection_of_abandoned_jobs() -> None:
    """Give automatic collection back when the Tk root went away with jobs running.

    Their polls die with the root, so no job will ever resume it itself. The app's process
    ends with its root; the tests, which make a root per test, call this after each.
    """
    global _paused
    if _paused:
        _paused = 0
        gc.enable()
        gc.unfreeze()


def _collect_if_due(step_reported: bool = False) -> None:
    """On the Tk thread: collect what the work left, as automatic collection would have."""
    if _paused and (step_reported or gc.get_count()[0] >= gc.get_threshold()[0]):
        gc.collect()
