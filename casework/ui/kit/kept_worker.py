"""A worker thread kept for a screen's repeated jobs, with its database connection.

The jobs' results reach the Tk thread the way casework.ui.kit.progress.run_in_background's
do (a queue polled with after(), automatic collection paused while they run: see that
module's docstring).
"""

from __future__ import annotations

import queue
import threading
import tkinter as tk
from collections.abc import Callable
from typing import Any

from casework import logs
from casework.ui.kit.progress import (
    _close_thread_database,
    _deliver,
    _pause_automatic_gc,
    _resume_automatic_gc,
    _run_job,
)

# A kept worker closes its connection after this long without work: its page cache holds
# tens of megabytes of a county's indexes, worth keeping only while someone is at work.
RELEASE_AFTER_MS = 120_000
# How long stop() waits for the job under way (a ranking takes a fraction of a second).
STOP_WAIT_S = 2.0


class KeptWorker:
    """One worker thread for a screen's repeated jobs, which keeps its database connection.

    run_in_background opens a connection for each job and closes it after, so each job
    reads every page it needs from the file again (decrypting each, when the file is
    encrypted). Work that runs again and again over the same indexes (ranking candidates
    as the cadre goes down the postings) reads them from this connection's cache instead.
    Jobs run one at a time, in order, and reach `on_done` / `on_error` on the Tk thread as
    run_in_background's do, with automatic collection paused while they run.

    The connection is closed, the thread staying, by `release()` (the screen calls it when
    hidden: a restore or an encryption may replace the file only when no connection holds
    it, and those are started from another screen), after RELEASE_AFTER_MS without work,
    and before a job when another file has been opened since; `stop()` closes it and
    ends the thread (the screen's <Destroy>).
    """

    def __init__(self, widget: tk.Misc, release_after_ms: int = RELEASE_AFTER_MS) -> None:
        self.widget = widget
        self.release_after_ms = release_after_ms
        self.pending = 0  # jobs whose results have not reached the Tk thread yet
        self.stopped = False
        self._jobs: queue.Queue = queue.Queue()
        self._release_timer: str | None = None
        self._holding = False  # whether a job since the last release may have connected
        self.thread = threading.Thread(target=self._serve, name="casework-kept", daemon=True)
        self.thread.start()

    def submit(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run `work()` after the jobs already submitted; Tk objects stay untouched by it."""
        if self.stopped:
            raise RuntimeError("the worker has been stopped")
        self._cancel_release_timer()
        messages: queue.Queue = queue.Queue()

        # Once stopped, the screen that asked is gone: a result that arrives is not shown.
        def done(result: Any) -> None:
            self._finished()
            if on_done is not None and not self.stopped:
                on_done(result)

        def failed(error: BaseException) -> None:
            self._finished()
            if on_error is not None and not self.stopped:
                on_error(error)
            else:
                logs.report(error, "后台任务")

        self.pending += 1
        self._holding = True
        _pause_automatic_gc()  # for the reason the module docstring gives
        self._jobs.put((work, messages))
        _deliver(self.widget, messages, done, failed)

    def release(self) -> None:
        """Close the thread's connection once the jobs before have run (the next opens one)."""
        if not self.stopped:
            self.submit(_close_thread_database)
            self._holding = False

    def stop(self) -> None:
        """Close the connection and end the thread; jobs not yet begun are dropped.

        Waits (up to STOP_WAIT_S) for the job under way, with collection paused, rather
        than polling for the end: the screen is going, and the root may be going with it.
        """
        if self.stopped:
            return
        self.stopped = True
        self._cancel_release_timer()
        _pause_automatic_gc()
        try:
            self._jobs.put(None)
            self.thread.join(STOP_WAIT_S)
        finally:
            _resume_automatic_gc()

    def _serve(self) -> None:
        opened_for = _open_file()
        while True:
            job = self._jobs.get()
            if job is None:
                _close_thread_database()
                return
            work, messages = job
            if self.stopped:  # the screen went while this job waited its turn: not run
                messages.put(("done", None))  # (a stopped worker hands no result on)
                continue
            now_open = _open_file()
            if now_open is not opened_for:  # another file (or none) since the last job
                _close_thread_database()
                opened_for = now_open
            _run_job(work, messages)

    def _finished(self) -> None:
        self.pending -= 1
        if self.pending == 0 and self._holding and not self.stopped:
            try:
                self._release_timer = self.widget.after(self.release_after_ms, self.release)
            except tk.TclError:  # the widget is going
                self._release_timer = None

    def _cancel_release_timer(self) -> None:
        if self._release_timer is not None:
            try:
                self.widget.after_cancel(self._release_timer)
            except tk.TclError:
                pass
            self._release_timer = None


def _open_file() -> object:
    # Which file the program has open now (a new object each time one is opened); imported
    # lazily, as progress does, so this module stays free of the data layer at import time.
    from casework.services.safety import database_file

    return database_file.current()
