"""The GUI test harness: real widgets work, and an exception in a Tk callback fails a test."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tkinter
from pathlib import Path
from tkinter import ttk

REPO = Path(__file__).resolve().parent.parent

SAMPLE_TESTS = """
import tkinter


def test_command_raises(tk_root):
    button = tkinter.Button(tk_root, command=lambda: 1 / 0)
    button.invoke()


def test_after_callback_raises_and_is_never_pumped(tk_root):
    tk_root.after(0, lambda: {}["missing key"])


def test_quiet_button(tk_root, pump):
    clicks = []
    tkinter.Button(tk_root, command=lambda: clicks.append(1)).invoke()
    pump(tk_root)
    assert clicks == [1]
"""


def _outcomes(output: str) -> dict[str, int]:
    summary = output.strip().splitlines()[-1]
    return {word: int(n) for n, word in re.findall(r"(\d+) (failed|passed|errors?)", summary)}


def test_exception_in_a_callback_fails_the_test(tmp_path, virtual_display):
    (tmp_path / "test_sample.py").write_text(SAMPLE_TESTS, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO), DISPLAY=virtual_display)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-p",
            "tests.conftest",
            "-q",
            "test_sample.py",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    # The command's exception fails the test itself; the late after() one fails teardown.
    assert _outcomes(output) == {"failed": 1, "passed": 2, "error": 1}, output
    assert "ZeroDivisionError" in output
    assert "KeyError: 'missing key'" in output
    assert "Exception raised inside a Tk callback" in output


def test_button_invoke_and_entry(tk_root, pump):
    typed = tkinter.StringVar(tk_root)
    entry = ttk.Entry(tk_root, textvariable=typed)
    saved = []
    button = ttk.Button(tk_root, text="保存", command=lambda: saved.append(typed.get()))
    entry.pack()
    button.pack()
    entry.insert(0, "韩令春")
    button.invoke()
    pump(tk_root)
    assert saved == ["韩令春"]


def test_after_callbacks_run_when_pumped(tk_root, pump):
    ran = []
    tk_root.after(0, ran.append, "now")
    tk_root.after(30, ran.append, "later")
    pump(tk_root, seconds=0.2)
    assert ran == ["now", "later"]


def test_modal_waits_do_not_block(tk_root):
    dialog = tkinter.Toplevel(tk_root)
    dialog.transient(tk_root)
    dialog.wait_visibility()
    dialog.wait_window()
    tk_root.mainloop()
    assert dialog.winfo_exists()
