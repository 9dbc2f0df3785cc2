"""What work in a worker thread leaves to the Tk thread: its errors, logged and shown in
Chinese, and its garbage, collected there rather than in the worker."""

from __future__ import annotations

import gc
import re
import threading
import time

import pytest

from casework import logs
from casework.exports import batch
from casework.ui.kit import progress
from tests.factories import add_person, make_cadre, make_household, make_village
from tests.tkutil import pump_until


def test_an_unexpected_error_in_the_worker_is_logged_and_shown_in_chinese(tk_root, errors_shown):
    log = logs.configure("window")
    passed = []

    def work(report, cancelled):
        report(1, 3, "韩令春")
        return {}["template"]  # a bug

    dialog = progress.run_with_progress(tk_root, "批量导出简历", work, on_error=passed.append)
    assert pump_until(tk_root, lambda: dialog.finished)
    [(title, message)] = errors_shown
    assert title == "批量导出简历失败"
    assert message.startswith("批量导出简历未完成：发生了意外错误。") and str(log) in message
    assert not re.search(r"[A-Za-z]", message.replace(str(log), ""))  # only Chinese
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "KeyError: 'template'" in text
    assert isinstance(passed[0], KeyError)


def test_a_background_error_nobody_asked_for_is_logged_not_lost(tk_root, errors_shown):
    log = logs.configure("window")
    thread = progress.run_in_background(tk_root, lambda: 1 / 0)
    assert pump_until(tk_root, lambda: "ZeroDivisionError" in log.read_text(encoding="utf-8"))
    thread.join(timeout=5)
    assert "后台任务" in log.read_text(encoding="utf-8") and errors_shown == []


@pytest.fixture
def three_people(db, today):
    from casework.services.register import wishes

    make_cadre()
    household = make_household(make_village(), head="韩老春")
    people = [
        add_person(household, name, relation="son") for name in ("韩春明", "韩夏亮", "韩秋红")
    ]
    for person in people:
        wishes.record_wish(
            person["id"],
            {"willing_to_go_out": True, "destinations": ["beijing"], "job_kinds": "保安"},
        )
    return batch.items_for_people([person["id"] for person in people])


@pytest.fixture
def collections(monkeypatch):
    """The threads that called gc.collect() (the real one still runs)."""
    seen: list[str] = []
    real = gc.collect

    def collect(*args):
        seen.append(threading.current_thread().name)
        return real(*args)

    monkeypatch.setattr(gc, "collect", collect)
    return seen


def test_a_batch_in_the_window_is_collected_on_the_tk_thread(
    tk_root, three_people, tmp_path, collections
):
    def work(report, cancelled):
        written = batch.export_batch(three_people, tmp_path, report=report, cancelled=cancelled)
        # With docx loaded already (the whole suite), three documents take less than a
        # poll: wait until the Tk thread has seen a step reported, as a county's batch is.
        deadline = time.monotonic() + 10
        while len(collections) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        return written

    results = []
    dialog = progress.run_with_progress(tk_root, "批量导出简历", work, on_done=results.append)
    assert pump_until(tk_root, lambda: dialog.finished, timeout=60)
    assert len(results[0].written) == 3
    assert collections and set(collections) == {"MainThread"}  # never "casework-progress"
    assert len(collections) >= 2  # at the start, and after the documents were reported
    assert gc.get_freeze_count() == 0  # the heap frozen for the job is thawed again


def test_a_batch_on_the_command_line_collects_after_each_document(
    three_people, tmp_path, collections
):
    result = batch.export_batch(three_people, tmp_path)
    assert len(result.written) == 3
    assert collections == ["MainThread"] * 3 and gc.get_freeze_count() == 0


def test_no_collection_ever_runs_in_the_worker_however_much_it_allocates(tk_root):
    # A collection in the worker could run a dead Tk object's finalizer off the Tk thread
    # (a crash in Tcl): while work runs, only the Tk thread collects.
    threads: list[str] = []

    def seen(phase, info):
        if phase == "start":
            threads.append(threading.current_thread().name)

    def work(report, cancelled):
        for step in range(5):
            cycles = []
            for _ in range(20_000):  # reference cycles, as docxtpl and lxml leave
                node = []
                node.append(node)
                cycles.append(node)
            del cycles
            report(step + 1, 5)
        return "done"

    gc.callbacks.append(seen)
    try:
        assert gc.isenabled()
        dialog = progress.run_with_progress(tk_root, "导出", work)
        assert not gc.isenabled()
        assert pump_until(tk_root, lambda: dialog.finished, timeout=60)
    finally:
        gc.callbacks.remove(seen)
    assert gc.isenabled()
    assert "casework-progress" not in threads
    assert threading.main_thread().name in threads
