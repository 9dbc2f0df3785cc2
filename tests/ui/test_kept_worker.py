"""KeptWorker: one thread for a screen's repeated jobs, keeping its database connection."""

from __future__ import annotations

import gc
import threading

from casework.db import close_database, database, open_database
from casework.ui.kit.kept_worker import KeptWorker
from tests.tkutil import pump, pump_until


def _run(root, worker: KeptWorker, work):
    results = []
    worker.submit(work, results.append)
    assert pump_until(root, lambda: results), "the job never came back"
    return results[0]


def _connection():
    return threading.current_thread(), database.connection()


def test_jobs_share_one_connection_until_it_is_released(tk_root, db):
    worker = KeptWorker(tk_root)
    try:
        first, second = _run(tk_root, worker, _connection), _run(tk_root, worker, _connection)
        assert first == second and first[0] is not threading.main_thread()
        worker.release()
        thread, connection = _run(tk_root, worker, _connection)
        assert thread is first[0] and connection is not first[1]
    finally:
        worker.stop()
    assert not worker.thread.is_alive()


def test_a_file_opened_again_is_read_through_a_new_connection(tk_root, db):
    worker = KeptWorker(tk_root)
    try:
        _thread, before = _run(tk_root, worker, _connection)
        path = database.database
        close_database()  # as a restore does before it replaces the file
        open_database(path)
        _thread, after = _run(tk_root, worker, _connection)
        assert after is not before
        assert _run(tk_root, worker, lambda: database.database) == path
    finally:
        worker.stop()


def test_the_connection_goes_after_a_while_without_work(tk_root, db):
    worker = KeptWorker(tk_root, release_after_ms=50)
    try:
        _thread, before = _run(tk_root, worker, _connection)
        assert pump_until(tk_root, lambda: worker.pending == 1), "no release was started"
        assert pump_until(tk_root, lambda: worker.pending == 0), "the release never ran"
        pump(tk_root, seconds=0.2)
        assert worker.pending == 0  # released once, not again and again
        _thread, after = _run(tk_root, worker, _connection)
        assert after is not before
    finally:
        worker.stop()


def test_an_error_reaches_the_tk_thread(tk_root, db):
    worker = KeptWorker(tk_root)
    errors = []
    try:
        worker.submit(lambda: 1 / 0, on_error=errors.append)
        assert pump_until(tk_root, lambda: errors), "the error was lost"
        assert isinstance(errors[0], ZeroDivisionError)
        assert _run(tk_root, worker, lambda: "still serving") == "still serving"
    finally:
        worker.stop()


def test_no_collection_runs_in_the_kept_thread(tk_root, db):
    # A collection there could run a dead Tk object's finalizer off the Tk thread.
    threads: list[str] = []

    def seen(phase, info):
        if phase == "start":
            threads.append(threading.current_thread().name)

    def work():
        for _ in range(5):
            cycles = []
            for _ in range(20_000):
                node = []
                node.append(node)
                cycles.append(node)
            del cycles
        return "done"

    worker = KeptWorker(tk_root)
    gc.callbacks.append(seen)
    try:
        assert _run(tk_root, worker, work) == "done"
        worker.release()
        assert pump_until(tk_root, lambda: worker.pending == 0)
    finally:
        worker.stop()
        gc.callbacks.remove(seen)
    assert gc.isenabled()
    assert "casework-kept" not in threads


def test_a_result_that_arrives_after_the_stop_is_not_handed_on(tk_root, db):
    # The screen that asked has been destroyed: its widgets must not be touched.
    started, release = threading.Event(), threading.Event()
    shown = []

    def slow():
        started.set()
        release.wait(5)
        return "late"

    worker = KeptWorker(tk_root)
    worker.submit(slow, shown.append)
    worker.submit(lambda: "never run", shown.append)
    assert started.wait(5)
    threading.Timer(0.1, release.set).start()
    worker.stop()
    assert pump_until(tk_root, lambda: worker.pending == 0), "the jobs never came back"
    assert shown == [] and not worker.thread.is_alive()
    assert gc.isenabled()
