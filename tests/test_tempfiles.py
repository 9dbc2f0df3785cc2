"""Temporary files left by a crash are removed at the next start, and nothing else is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casework import paths, tempfiles
from casework.exports import files

ROOT = Path(__file__).resolve().parent.parent


def dead_run_journal() -> Path:
    """The journal of a run whose program died: its folder is there, nobody holds its lock."""
    journal = paths.private_temp_dir() / f"{tempfiles.RUN_PREFIX}99999-deadbeef" / "journal"
    journal.mkdir(parents=True, exist_ok=True)
    (journal.parent / tempfiles.LOCK_NAME).touch()
    return journal


def age(path, seconds: float = 3600) -> None:
    """Make `path` look as if an earlier run wrote it."""
    stamp = time.time() - seconds
    os.utime(path, (stamp, stamp))


def crashed_write(folder, name: str = "a.docx"):
    """What a process killed inside `atomic_file` leaves: the temp file and its marker."""
    temp = folder / f"{tempfiles.TEMP_PREFIX}dead{name}"
    temp.write_bytes(b"half a document")
    marker = dead_run_journal() / "dead.json"
    marker.write_text(json.dumps({"path": str(temp)}), encoding="utf-8")
    return temp, marker


def test_a_temp_file_whose_marker_survived_is_removed(tmp_path):
    out = tmp_path / "导出"
    out.mkdir()
    temp, marker = crashed_write(out)
    (out / "韩令春-简历.docx").write_bytes(b"whole")
    assert tempfiles.clean_at_start() == 1
    assert [p.name for p in out.iterdir()] == ["韩令春-简历.docx"]
    assert not marker.exists()


def test_old_work_files_in_the_private_folder_are_removed(tmp_path):
    private = paths.private_temp_dir()
    sheet = private / "openpyxl.abc123"
    sheet.write_text("<row>150521199001011234</row>")
    nested = private / "photo-work"
    nested.mkdir()
    (nested / "crop.jpg").write_bytes(b"jpeg")
    for path in (sheet, nested / "crop.jpg", nested):
        age(path)
    assert tempfiles.clean_at_start() == 2
    assert sorted(p.name for p in private.iterdir()) == []


def test_files_of_this_run_and_writes_in_flight_are_kept(tmp_path):
    private = paths.private_temp_dir()
    current = private / "openpyxl.now"
    current.write_text("being written")
    with files.atomic_file(tmp_path / "a.xlsx") as handle:
        handle.write(b"x")
        assert tempfiles.clean_at_start(started=time.time() - 60) == 0
        assert current.exists() and len(files.leftover_temp_files(tmp_path)) == 1
    assert (tmp_path / "a.xlsx").read_bytes() == b"x"


def test_a_marker_never_deletes_a_file_that_is_not_a_temp_file(tmp_path):
    precious = tmp_path / "户档案.docx"
    precious.write_bytes(b"keep me")
    journal = dead_run_journal()
    marker = journal / "forged.json"
    marker.write_text(json.dumps({"path": str(precious)}), encoding="utf-8")
    garbled = journal / "garbled.json"
    garbled.write_text("{not json", encoding="utf-8")
    assert tempfiles.clean_at_start() == 0
    assert precious.read_bytes() == b"keep me"
    assert not journal.exists()


def test_a_temp_file_already_gone_only_loses_its_marker(tmp_path):
    temp, marker = crashed_write(tmp_path)
    temp.unlink()
    assert tempfiles.clean_at_start() == 0 and not marker.exists()


def test_only_casework_temp_names_can_be_journalled(tmp_path):
    with pytest.raises(ValueError):
        with tempfiles.in_flight(tmp_path / "户档案.docx"):
            pass


def test_a_running_programs_files_are_left_alone(tmp_path):
    # Another window, mid-export: its run folder is locked, so a second start keeps it.
    code = (
        "import sys, time\n"
        "from casework import tempfiles\n"
        "work = tempfiles.run_dir() / 'openpyxl.sheet'\n"
        "work.write_text('150521199001011234')\n"
        "print(work, flush=True)\n"
        "time.sleep(60)\n"  # mid-export until the test kills it; the test waits on the print
    )
    other = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    try:
        work = Path(other.stdout.readline().strip())
        assert tempfiles.clean_at_start(started=time.time() + 60) == 0
        assert work.exists()
    finally:
        other.kill()
        other.wait()
    assert tempfiles.clean_at_start() == 1  # dead now: its work file goes
    assert not work.parent.exists()
