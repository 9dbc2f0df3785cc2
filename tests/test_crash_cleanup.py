"""Killed mid-export (kill -9): the next start leaves no trace of the temporary files.

A real export runs in a subprocess on a database of 20,000 people willing to go out,
with TMPDIR pointed at an empty folder; it is killed once its temporary files exist.
The next start (`clean_at_start()` in a fresh process) must delete the hidden file
beside the target and the sheet XML in the private folder, and the system temp folder
must never have received anything.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from casework import paths
from casework.tempfiles import TEMP_PREFIX

ROOT = Path(__file__).resolve().parent.parent
WILLING_ROWS = 20_000
# Runs main.py with every fsync slowed down, so that the moment a resume's temporary
# file exists lasts long enough for the test to see it and kill the process there.
SLOW_FSYNC = """
import os, runpy, sys, time
fsync = os.fsync
os.fsync = lambda fd: (time.sleep(0.3), fsync(fd))[1]
sys.argv = ["main.py", *sys.argv[1:]]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def run_main(*args: str, env: dict, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        **options,
    )


def multiply_willing(db_path: Path, wanted: int) -> None:
    """Copy the demo's willing people (and their wishes) until `wanted` are willing."""
    with sqlite3.connect(db_path) as con:
        people = con.execute(
            "SELECT p.*, w.id FROM person p JOIN employment_wish w ON w.person_id = p.id "
            "WHERE w.willing_to_go_out = 1 AND p.deleted_at IS NULL AND w.deleted_at IS NULL"
        ).fetchall()
        person_columns = [r[1] for r in con.execute("PRAGMA table_info(person)")]
        wish_columns = [r[1] for r in con.execute("PRAGMA table_info(employment_wish)")]
        wishes = {
            row[0]: row
            for row in con.execute(f"SELECT {', '.join(wish_columns)} FROM employment_wish")
        }
        id_at = person_columns.index("id_number")
        person_sql = (
            f"INSERT INTO person ({', '.join(person_columns)}) "
            f"VALUES ({', '.join('?' * len(person_columns))})"
        )
        wish_sql = (
            f"INSERT INTO employment_wish ({', '.join(wish_columns)}) "
            f"VALUES ({', '.join('?' * len(wish_columns))})"
        )
        copies, wish_copies, number = [], [], 0
        while len(people) + len(copies) < wanted:
            for row in people:
                number += 1
                person = list(row[: len(person_columns)])
                person[0] = uuid.uuid4().hex
                person[id_at] = f"1505219{number:010d}X"
                copies.append(person)
                wish = list(wishes[row[-1]])
                wish[0], wish[wish_columns.index("person_id")] = uuid.uuid4().hex, person[0]
                wish_copies.append(wish)
                if len(people) + len(copies) >= wanted:
                    break
        con.executemany(person_sql, copies)
        con.executemany(wish_sql, wish_copies)


@pytest.fixture(scope="module")
def big_database(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    db_path = folder / "casework.db"
    env = {**os.environ, "CASEWORK_DB": str(db_path), "XDG_DATA_HOME": str(folder / "xdg")}
    run_main("demo", "--households", "300", env=env)
    # A few copies are of people whose latest wish is not to go out: copy some extra.
    multiply_willing(db_path, WILLING_ROWS + 500)
    return db_path


@pytest.fixture
def crash_env(big_database, tmp_path) -> dict:
    """The environment of the process to kill: its own copy of the database, TMPDIR empty."""
    db_path = tmp_path / "casework.db"
    db_path.write_bytes(big_database.read_bytes())
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    return {**os.environ, "CASEWORK_DB": str(db_path), "TMPDIR": str(system_temp)}


def kill_when(process: subprocess.Popen, ready, timeout: float = 60) -> None:
    """SIGKILL `process` as soon as `ready()` holds; fail if it ends or takes too long."""
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            pytest.fail(f"the export ended before it could be killed: {output}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("the export's temporary files never appeared")
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def files_in(folder: Path) -> list[Path]:
    if not folder.exists():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != ".lock")


def next_start(env: dict) -> int:
    """What `clean_at_start()` removes when Casework starts again."""
    code = "from casework.tempfiles import clean_at_start; print(clean_at_start())"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return int(done.stdout)


def test_a_list_export_killed_mid_write_leaves_nothing_after_the_next_start(crash_env, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    private = paths.private_temp_dir()
    process = subprocess.Popen(
        [sys.executable, "main.py", "export", "list", "willing", "-o", str(out / "w.xlsx")],
        cwd=ROOT,
        env=crash_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    beside = lambda: list(out.glob(TEMP_PREFIX + "*"))  # noqa: E731
    sheets = lambda: [p for p in files_in(private) if p.name.startswith("openpyxl.")]  # noqa: E731
    kill_when(process, lambda: beside() and sheets() and sheets()[0].stat().st_size > 0)
    assert beside() and sheets()  # the kill left both behind, ID numbers in clear in one

    assert next_start(crash_env) == 2
    assert list(out.iterdir()) == []
    assert files_in(private) == []
    assert list(Path(crash_env["TMPDIR"]).iterdir()) == []


def test_a_batch_resume_export_killed_mid_write_leaves_nothing_after_the_next_start(
    crash_env, tmp_path
):
    out = tmp_path / "resumes"
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_FSYNC, "export", "resumes", "--willing", "-o", str(out)],
        cwd=ROOT,
        env=crash_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    beside = lambda: list(out.glob(TEMP_PREFIX + "*")) if out.exists() else []  # noqa: E731
    whole = lambda: [p for p in out.glob("*.docx") if not p.name.startswith(TEMP_PREFIX)]  # noqa: E731
    kill_when(process, lambda: len(whole()) >= 2 and beside())
    written = sorted(p for p in out.iterdir() if not p.name.startswith(TEMP_PREFIX))
    assert beside()

    assert next_start(crash_env) == 1
    assert sorted(out.iterdir()) == written  # the whole resumes stay, the half one is gone
    assert files_in(paths.private_temp_dir()) == []
    assert list(Path(crash_env["TMPDIR"]).iterdir()) == []
