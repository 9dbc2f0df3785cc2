"""A damaged or strange file: a Chinese message naming it, a backup offered, nothing overwritten."""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casework import cli, db
from casework.services.safety import backups

REPO = Path(__file__).resolve().parent.parent
PAGE = 4096


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo(tmp_path, today, capsys) -> Path:
    """A plain demo database with one checked backup; closed, its WAL folded in."""
    path = tmp_path / "casework.db"
    assert cli.main(["--db", str(path), "demo", "--households", "40"]) == 0
    assert cli.main(["--db", str(path), "backup", "create"]) == 0
    with db.raw_connection(path, None) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")  # one file, so damage to it is damage
    capsys.readouterr()
    return path


def damage_pages(path: Path, share: float = 0.5, seed: int = 7) -> None:
    """Overwrite a share of the pages after the first few with random bytes."""
    rng = random.Random(seed)
    pages = path.stat().st_size // PAGE
    with open(path, "r+b") as handle:
        for number in range(3, pages):
            if rng.random() < share:
                handle.seek(number * PAGE)
                handle.write(rng.randbytes(PAGE))


def truncate(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 3)


def run_cli(capsys, *args: str) -> tuple[int, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("spoil", [damage_pages, truncate], ids=["random-pages", "truncated"])
def test_check_on_a_damaged_file_says_so_and_offers_the_backup(demo, capsys, spoil):
    spoil(demo)
    before = digest(demo)
    code, text = run_cli(capsys, "--db", str(demo), "check")
    assert code == 1
    assert "损坏" in text and str(demo) in text
    assert "backup restore latest" in text and "Traceback" not in text
    assert digest(demo) == before


@pytest.mark.parametrize("spoil", [damage_pages, truncate], ids=["random-pages", "truncated"])
@pytest.mark.parametrize("command", [["stats"], ["export", "list", "willing", "-o", "x.xlsx"]])
def test_figures_and_exports_refuse_a_damaged_file(demo, capsys, spoil, command, tmp_path):
    spoil(demo)
    before = digest(demo)
    command = [part.replace("x.xlsx", str(tmp_path / "x.xlsx")) for part in command]
    code, text = run_cli(capsys, "--db", str(demo), *command)
    assert code == 2, text
    assert "损坏" in text and "Traceback" not in text
    assert "农户" not in text  # no figures printed
    assert not (tmp_path / "x.xlsx").exists()
    assert digest(demo) == before


def test_a_damaged_file_is_restored_and_kept_under_a_new_name(demo, capsys, tmp_path):
    damage_pages(demo)
    spoiled = digest(demo)
    code, text = run_cli(capsys, "--db", str(demo), "backup", "restore", "latest")
    assert code == 0, text
    kept = next(tmp_path.glob("casework.db.damaged-*"))
    assert digest(kept) == spoiled
    code, text = run_cli(capsys, "--db", str(demo), "check")
    assert code == 0, text


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "0 字节"),
        (b"PK\x03\x04 this is a Word document, not a database" * 50, "不是劳务协作工作台的数据库"),
    ],
    ids=["zero-bytes", "not-a-database"],
)
def test_a_file_that_is_not_a_database_is_refused_not_replaced(tmp_path, capsys, content, words):
    path = tmp_path / "casework.db"
    path.write_bytes(content)
    for command in (["check"], ["stats"], ["demo", "--households", "2"]):
        code, text = run_cli(capsys, "--db", str(path), *command)
        assert code in (1, 2) and words in text and str(path) in text, text
        assert path.read_bytes() == content
    with pytest.raises(db.NotADatabaseError):
        db.open_database(path)
    assert path.read_bytes() == content


def test_only_a_path_with_no_file_makes_a_new_database(tmp_path):
    path = tmp_path / "new.db"
    db.open_database(path)
    assert db.inspect_file(path) is db.FileKind.PLAIN
    db.close_database()
    folder = tmp_path / "folder.db"
    folder.mkdir()
    with pytest.raises(db.DatabaseFileError, match="文件夹"):
        db.open_database(folder)


def test_a_file_from_a_newer_version_names_the_file(demo, capsys):
    with db.raw_connection(demo, None) as conn:
        conn.execute("PRAGMA user_version = 999")
    before = digest(demo)
    code, text = run_cli(capsys, "--db", str(demo), "stats")
    assert code == 2 and "请升级" in text and str(demo) in text
    assert digest(demo) == before


@contextlib.contextmanager
def read_only(path: Path):
    """The file made unwritable, even for root (chattr +i), as on a write-protected stick."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)


def test_a_read_only_file_is_explained(demo, capsys):
    before = digest(demo)
    with read_only(demo):
        code, text = run_cli(capsys, "--db", str(demo), "stats")
    assert code == 2 and "只读" in text and str(demo) in text and "Traceback" not in text
    assert digest(demo) == before


def test_a_locked_file_is_explained(demo, monkeypatch):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, sqlcipher3.dbapi2 as s\n"
            f"c = s.connect({str(demo)!r}, isolation_level=None)\n"
            "c.execute('PRAGMA locking_mode = EXCLUSIVE'); c.execute('BEGIN EXCLUSIVE')\n"
            # Holds the lock until the test kills it; the test waits on the print, not this.
            "print('locked', flush=True); time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 300)
        before = digest(demo)
        started = time.monotonic()
        with pytest.raises(db.FileBusyError) as caught:
            db.open_database(demo)
        # Gave up after its own 0.3 s, not the 30 s a window waits: 20 s is only a ceiling.
        assert time.monotonic() - started < 20
        assert "另一个程序占用" in str(caught.value) and str(demo) in str(caught.value)
    finally:
        holder.kill()
        holder.wait()
    assert digest(demo) == before


def test_newest_backup_is_what_the_message_offers(demo):
    newest = backups.newest(demo)
    assert newest is not None and newest.reason == "manual"
