"""Shared fixtures: a fresh database, a fixed clock, and a real Tk root on a virtual display.

Fixtures
--------
db
    A new database file per test, `tmp_path / "casework.db"`, opened with
    `casework.db.open_database` (so fully migrated); yields `casework.db.database` and
    closes it afterwards. `CASEWORK_DB` points at the same file in every test, so
    code that opens "the default database" (the CLI, `main.py`) sees it too, and no
    test ever touches the real per-user data directory.
today
    Sets `casework.clock.now()` to 2026-11-27 10:00:00 and yields that date
    (`datetime.date(2026, 11, 27)`).
set_now
    A function to move the clock within a test: `set_now(datetime.datetime(...))`, or
    `set_now(datetime.date(...))` for 10:00 that day. Usable with or without `today`.
virtual_display
    Session-wide: if DISPLAY is unset, starts `Xvfb` on a free display number, sets
    DISPLAY, and stops it when the session ends. Started only when a GUI test first
    needs it. With neither a display nor Xvfb, GUI tests FAIL: CI never skips them.
tk_root
    A real, withdrawn `tkinter.Tk()` per test, destroyed afterwards. Any exception
    raised inside a Tk callback (a button command, an after() callback, an event
    binding) makes the test fail with its traceback, which Tk alone would only print.
    `mainloop()`, `wait_window()` and `wait_visibility()` return at once, so a screen
    that opens a modal dialog does not block: the test drives the dialog next.
    (`wait_visibility` too, because a dialog made transient to the withdrawn root is
    never mapped and would wait forever.) A real message box or file chooser, Tk's or
    Casework's own (casework.ui.kit.own_dialogs.wait_for_answer), fails the test unless
    the test replaced the seam or answers the dialog.
pump
    `pump(root, rounds=3, seconds=0.0)` runs pending events and due after() callbacks;
    `tests.tkutil.pump_until(root, condition, timeout=5.0)` waits for a worker thread.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import tempfile
import time
import traceback

import pytest

FIXED_NOW = datetime.datetime(2026, 11, 27, 10, 0, 0)


@pytest.fixture(autouse=True)
def _cheap_key_derivation(monkeypatch):
    # The seam the product never uses: PBKDF2 at 1,000 rounds instead of 256,000, so a
    # test that sets or checks a password costs milliseconds, not a third of a second.
    from casework import db_keys

    monkeypatch.setattr(db_keys, "KDF_ITERATIONS", 1000)


@pytest.fixture(autouse=True)
def _isolate_user_files(tmp_path, monkeypatch):
    # A test that forgets to choose a database must not write to the cadre's real one.
    monkeypatch.setenv("CASEWORK_DB", str(tmp_path / "casework.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    for name in ("CASEWORK_PASSWORD", "CASEWORK_NEW_PASSWORD", "CASEWORK_PACKAGE_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _isolate_logs(tmp_path_factory, monkeypatch):
    # Logging configured by a test (the window's run(), the CLI's main) writes here, and
    # is undone afterwards, so no test writes to the real log folder or to another's.
    # Outside tmp_path: tests that prove "no side effect" compare tmp_path's listing.
    monkeypatch.setenv("CASEWORK_LOG_DIR", str(tmp_path_factory.mktemp("logs")))
    yield
    from casework import logs

    logs.close()


@pytest.fixture
def db(tmp_path):
    from casework.db import close_database, database, open_database

    open_database(tmp_path / "casework.db")
    yield database
    close_database()


class _FakeClock:
    def __init__(self) -> None:
        self.current = FIXED_NOW

    def now(self) -> datetime.datetime:
        return self.current

    def set(self, value: datetime.datetime | datetime.date) -> datetime.datetime:
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time(10, 0, 0))
        self.current = value
        return value


@pytest.fixture
def _fake_clock(monkeypatch):
    from casework import clock

    fake = _FakeClock()
    monkeypatch.setattr(clock, "now", fake.now)
    return fake


@pytest.fixture
def today(_fake_clock):
    yield FIXED_NOW.date()


@pytest.fixture
def set_now(_fake_clock):
    return _fake_clock.set


def _start_xvfb(xvfb: str) -> tuple[subprocess.Popen, str]:
    """Start Xvfb on a free display number, trying the next one if another server wins it.

    The number is chosen here rather than with -displayfd: when several Xvfb servers
    start at once, -displayfd can report a number the server then loses, and the server
    dies writing the next one to a pipe nobody reads.
    """
    errors = ""
    for number in range(90, 190):
        if os.path.exists(f"/tmp/.X{number}-lock") or os.path.exists(f"/tmp/.X11-unix/X{number}"):
            continue
        # stderr to a file, not a pipe: a pipe nobody drains would block the server.
        log = tempfile.TemporaryFile()
        process = subprocess.Popen(
            [xvfb, f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and process.poll() is None:
            if os.path.exists(f"/tmp/.X11-unix/X{number}"):
                return process, f":{number}"
            time.sleep(0.05)
        if process.poll() is None:
            process.kill()
        process.wait(timeout=5)
        log.seek(0)
        errors = log.read().decode(errors="replace")
    pytest.fail(f"Xvfb did not start: {errors[-2000:]}")


@pytest.fixture(scope="session")
def virtual_display():
    """The X display GUI tests run on; yields its name."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.fail(
            "GUI test needs a display: DISPLAY is unset and Xvfb is not installed "
            "(apt-get install xvfb; .ci/run does this).",
            pytrace=False,
        )
    process, display = _start_xvfb(xvfb)
    os.environ["DISPLAY"] = display
    try:
        yield display
    finally:
        os.environ.pop("DISPLAY", None)
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _format_errors(errors: list[str]) -> str:
    return "Exception raised inside a Tk callback:\n" + "\n".join(errors)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    # Fail the test itself (not only its teardown) when a callback raised while it ran.
    result = yield
    errors = getattr(item, "_tk_callback_errors", None)
    if errors:
        reported = list(errors)
        errors.clear()
        pytest.fail(_format_errors(reported), pytrace=False)
    return result


@pytest.fixture
def tk_root(virtual_display, monkeypatch, request):
    import tkinter

    errors: list[str] = []
    request.node._tk_callback_errors = errors

    def record(self, exc_type, exc_value, exc_traceback):
        errors.append("".join(traceback.format_exception(exc_type, exc_value, exc_traceback)))

    # On the class as well, so a second Tk() made by the code under test is covered.
    monkeypatch.setattr(tkinter.Tk, "report_callback_exception", record)
    monkeypatch.setattr(tkinter.Misc, "mainloop", lambda self, n=0: None)
    monkeypatch.setattr(tkinter, "mainloop", lambda n=0: None)
    monkeypatch.setattr(tkinter.Misc, "wait_window", lambda self, window=None: None)
    monkeypatch.setattr(tkinter.Misc, "wait_visibility", lambda self, window=None: None)

    # A real message box or file chooser waits for a person inside Tcl, where no timeout
    # reaches it: one the test did not replace fails the test instead of hanging the run.
    import tkinter.filedialog
    import tkinter.messagebox

    def unreplaced(*args, **kwargs):
        raise AssertionError(f"a real dialog was opened (replace the seam): {args} {kwargs}")

    monkeypatch.setattr(tkinter.messagebox, "_show", unreplaced)
    for name in ("askopenfilename", "asksaveasfilename", "askdirectory"):
        monkeypatch.setattr(tkinter.filedialog, name, unreplaced)
    # On X11 the seam shows Casework's own Chinese dialogs; they wait here. A test that
    # means to drive one replaces this with a function that fills and answers it.
    monkeypatch.setattr("casework.ui.kit.own_dialogs.wait_for_answer", unreplaced)

    root = tkinter.Tk()
    root.withdraw()
    root.report_callback_exception = record.__get__(root)
    yield root
    try:
        # Callbacks still pending (an after(0, ...)) get their chance to fail the test.
        root.update()
    except tkinter.TclError:
        pass  # the test destroyed the root itself
    try:
        # Tk keeps one focus record per display for every interpreter in the process: a
        # focus left on a window of this root would dangle once it is destroyed, and the
        # next test's focus -force would crash Tcl. Hand the focus back to the root first.
        held = root.grab_current()
        if held is not None:
            held.grab_release()
        root.deiconify()  # focus -force reaches only a window on screen
        root.focus_force()
        root.update()
    except tkinter.TclError:
        pass
    try:
        root.destroy()
    except tkinter.TclError:
        pass
    from casework.ui.kit import progress

    # A job whose poll died with this root must not leave collection paused for the next.
    progress.resume_collection_of_abandoned_jobs()
    if errors:
        pytest.fail(_format_errors(errors), pytrace=False)


@pytest.fixture
def pump():
    from tests.tkutil import pump as pump_events

    return pump_events
