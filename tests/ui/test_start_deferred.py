"""What the window's start leaves until it is drawn (the icon, the log's rotation, the
modules it defers), and what it does not: a dialog before the window still has the app
icon."""

from __future__ import annotations

import logging
import logging.handlers
import os
import subprocess
import sys
from pathlib import Path

from casework import db, logs
from casework.ui.app import settle_start
from casework.ui.kit import first_draw
from casework.ui.kit.first_draw import when_drawn
from casework.ui.safety.key_dialogs import UnlockDialog
from casework.ui.safety.startup import StartupGate
from tests.factories import make_cadre
from tests.tkutil import pump, pump_until

REPO = Path(__file__).resolve().parents[2]

# The window's start as main.py makes it, reporting the deferred modules whose code has
# run by the time it is drawn, and those still deferred once it has settled; and whether
# Tk uses input methods then.
REAL_START = """
import os, sys
from casework.ui.kit import deferred_modules as deferred
deferred.defer()  # as casework.cli.window does first
import casework.cli, casework.ui.app as app
def has_run():
    return sorted(n for n in deferred.WINDOW_DEFERRED if not deferred.is_deferred(n))
def report(root):
    def input_methods():
        return bool(root.tk.call("tk", "useinputmethods"))
    def settled():
        print("settled:", [n for n in deferred.WINDOW_DEFERRED if deferred.is_deferred(n)])
        print("input methods once settled:", input_methods())
        sys.stdout.flush()
        os._exit(0)
    def drawn():
        print("drawn:", has_run())
        print("input methods when drawn:", input_methods())
        root.after_idle(settled)
    app.first_draw.when_drawn(root, drawn)
app.report_first_idle = report
casework.cli.main(["--db", sys.argv[1]])
"""


def test_the_start_runs_none_of_the_modules_it_defers_until_drawn(
    tk_root, virtual_display, tmp_path, today
):
    # Tk gives no widget of the first screen an input context until it is drawn (two X
    # round trips each), and uses input methods again from then on.
    used = bool(tk_root.tk.call("tk", "useinputmethods"))
    path = tmp_path / "county.db"
    db.create_database(path, None)
    make_cadre()
    db.close_database()
    run = subprocess.run(
        [sys.executable, "-c", REAL_START, str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ
        | {"CASEWORK_LOG_DIR": str(tmp_path / "logs"), "XDG_DATA_HOME": str(tmp_path / "data")},
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "drawn: []",
        "input methods when drawn: False",
        "settled: []",
        f"input methods once settled: {used}",
    ], run.stderr


def test_input_methods_paused_for_the_first_drawing_come_back_as_they_were(tk_root):
    used = tk_root.tk.call("tk", "useinputmethods")
    try:
        first_draw.pause_input_methods(tk_root)
        assert not tk_root.tk.call("tk", "useinputmethods")
        first_draw.pause_input_methods(tk_root)  # paused already: what was before stays
        first_draw.resume_input_methods(tk_root)
        assert tk_root.tk.call("tk", "useinputmethods") == used
        first_draw.resume_input_methods(tk_root)  # resumed already: nothing changes
        assert tk_root.tk.call("tk", "useinputmethods") == used
    finally:
        tk_root.tk.call("tk", "useinputmethods", used)  # one display: the next tests' too


def icon_set(root) -> bool:
    return getattr(root, "_casework_icon", None) is not None


def rotating() -> bool:
    return isinstance(logs._handler, logging.handlers.RotatingFileHandler)


def test_the_icon_and_the_log_rotation_wait_until_the_window_is_drawn(themed):
    path = logs.configure("window", quick=True)
    when_drawn(themed, lambda: settle_start(themed))
    logging.getLogger("casework.test").info("开始")
    for _ in range(20):
        themed.update()
    assert not icon_set(themed) and not rotating(), "settled while the window was not shown"
    themed.deiconify()
    assert pump_until(themed, lambda: icon_set(themed))
    assert rotating() and logs.log_file() == path
    text = path.read_text(encoding="utf-8")
    assert text.count("window started: Casework") == 1 and "开始" in text
    assert text.count("INFO casework.logs") == 2, "the platform is logged once, when settled"


def test_a_dialog_before_the_window_has_the_icon_already(themed, tmp_path, today):
    path = tmp_path / "casework.db"
    db.create_database(path, "草原上的羊123")
    db.close_database()
    seen = []

    def before_dialog():
        seen.append([w for w in themed.winfo_children() if isinstance(w, UnlockDialog)])

    gate = StartupGate(
        themed, path, on_ready=lambda: None, on_quit=lambda code: None, before_dialog=before_dialog
    )
    gate.begin()
    pump(themed)
    assert isinstance(gate.dialog, UnlockDialog)
    assert seen == [[]], "asked for once, before the password dialog was made"


def test_a_file_that_opens_at_once_asks_for_nothing_before_the_window(themed, tmp_path, today):
    path = tmp_path / "casework.db"
    db.create_database(path, None)
    make_cadre()
    db.close_database()
    seen, ready = [], []
    gate = StartupGate(
        themed,
        path,
        on_ready=lambda: ready.append(1),
        on_quit=lambda code: None,
        before_dialog=lambda: seen.append(1),
    )
    gate.begin()
    pump(themed)
    assert ready == [1] and seen == []


def test_while_the_window_starts_the_first_screens_work_waits_until_it_is_drawn(themed):
    done = []
    first_draw.after_start(themed, lambda: done.append("at once"))
    assert done == ["at once"], "outside the start nothing is held"
    first_draw.hold(themed)
    first_draw.after_start(themed, lambda: done.append("figures"))
    first_draw.when_drawn(themed, lambda: done.append("reported"))
    first_draw.release_when_drawn(themed)
    for _ in range(20):
        themed.update()
    assert done == ["at once"]
    themed.deiconify()
    assert pump_until(themed, lambda: len(done) == 3)
    assert done == ["at once", "reported", "figures"], "the report first, then the work"
    first_draw.after_start(themed, lambda: done.append("later"))
    assert done[-1] == "later"
