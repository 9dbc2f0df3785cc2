"""The file lock that tells running programs from dead ones: held, refused, freed by a crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from casework import os_lock

ROOT = Path(__file__).resolve().parent.parent

# Takes the lock, says so, then waits for a line on stdin (or for being killed).
HOLDER = """
import sys
from casework import os_lock
lock = os_lock.try_lock(sys.argv[1])
print("held" if lock is not None else "refused", flush=True)
sys.stdin.readline()
"""


def other_process(path: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def answer(process: subprocess.Popen) -> str:
    """What another process said when it tried the lock; it is then let go."""
    said = process.stdout.readline().strip()
    process.communicate("\n", timeout=30)
    return said


def test_a_second_process_cannot_take_a_held_lock_and_can_once_it_is_released(tmp_path):
    path = tmp_path / "run.lock"
    lock = os_lock.try_lock(path)
    assert lock is not None and lock.held
    assert answer(other_process(path)) == "refused"
    lock.release()
    assert not lock.held
    assert answer(other_process(path)) == "held"
    assert path.exists()  # releasing leaves the file to its owner


def test_the_same_process_cannot_take_its_own_lock_twice(tmp_path):
    path = tmp_path / "run.lock"
    with os_lock.try_lock(path):
        assert os_lock.try_lock(path) is None
    again = os_lock.try_lock(path)
    assert again is not None
    again.release()


def test_the_lock_of_a_program_that_was_killed_is_free_at_once(tmp_path):
    path = tmp_path / "run.lock"
    holder = other_process(path)
    assert holder.stdout.readline().strip() == "held"
    assert os_lock.try_lock(path) is None
    holder.kill()  # a crash: no release, no clean-up, the file stays
    holder.wait(timeout=30)
    assert path.exists()
    lock = os_lock.try_lock(path)
    assert lock is not None
    lock.release()


def test_a_lock_that_cannot_be_made_is_an_error_not_a_busy_lock(tmp_path):
    with pytest.raises(OSError):
        os_lock.try_lock(tmp_path / "no such folder" / "run.lock")


def test_release_twice_is_harmless(tmp_path):
    lock = os_lock.try_lock(tmp_path / "run.lock")
    lock.release()
    lock.release()
    assert not lock.held
