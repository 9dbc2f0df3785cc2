"""Temporary files with personal data in them: each run's own folder, swept when it is dead.

Two kinds of temporary file can hold a person's data: the work files in the app's own
temporary folder (openpyxl's sheet XML, full ID numbers included), and the
`.~casework-*` file an export writes beside its target before renaming it into place. A
process killed mid-export leaves both behind. So each running program (a window, a
command) works in a folder of its own inside `paths.private_temp_dir()`, `run-<pid>-…`,
which it holds an OS lock on while it lives; each temp file beside a target is recorded
there by a marker naming it while the write is in flight. At start `clean_at_start()`
takes every other run's folder whose lock it can get (its program has died, and the OS
dropped the lock), deletes the temp files its markers name, and removes the folder. A
folder still locked belongs to a program running now and is left alone, so a second
window never breaks the first one's export.

Nothing here imports a heavy library: the window and the command line call
`clean_at_start()` before anything else.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from casework import os_lock
from casework.paths import TEMP_PREFIX, private_temp_dir

JOURNAL_DIR = "journal"
MARKER_SUFFIX = ".json"
RUN_PREFIX = "run-"
LOCK_NAME = ".lock"

# Loose files (not in a run folder) older than this belong to an earlier version's run.
PROCESS_STARTED = time.time()

log = logging.getLogger(__name__)

_run: tuple[Path, os_lock.HeldLock] | None = None


def run_dir() -> Path:
    """This program's own temporary folder, made and locked on first use."""
    global _run
    private = private_temp_dir()
    if _run is None or _run[0].parent != private or not _run[0].is_dir():
        if _run is not None:
            _run[1].release()  # the user data folder moved (tests do this)
        folder = private / f"{RUN_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"
        folder.mkdir(parents=True, exist_ok=True)
        lock = os_lock.try_lock(folder / LOCK_NAME)
        if lock is None:  # the name is this process's own: nobody else can hold it
            raise OSError(f"{folder / LOCK_NAME} is locked by another program")
        _run = (folder, lock)
    return _run[0]


def journal_dir() -> Path:
    """The folder of markers, one per temporary file in flight beside a target."""
    folder = run_dir() / JOURNAL_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextlib.contextmanager
def in_flight(temp_path: str | os.PathLike[str]) -> Iterator[None]:
    """Record `temp_path` in the journal for the duration of the `with` block.

    Enter it before the file is created, so that no moment exists when the file is on
    disk but unrecorded; the marker goes when the block ends, however it ends.
    """
    name = Path(temp_path).name
    if not name.startswith(TEMP_PREFIX):
        raise ValueError(f"not a Casework temporary file: {name}")
    marker = journal_dir() / f"{uuid.uuid4().hex}{MARKER_SUFFIX}"
    marker.write_text(json.dumps({"path": os.fspath(temp_path)}), encoding="utf-8")
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            marker.unlink()


def clean_at_start(started: float | None = None) -> int:
    """Delete the temporary files dead runs left behind; return how many.

    That is, for each other run's folder whose program is no longer running, every temp
    file beside a target its journal names and everything in the folder; and loose files
    in the private folder last changed before `started` (default: this process's start).
    Never raises: a file that cannot be deleted now (held open, say) is left for the next
    start and noted in the log.
    """
    cutoff = PROCESS_STARTED if started is None else started
    folder = private_temp_dir(create=False)
    if not folder.is_dir():
        return 0  # nothing ever ran here
    try:
        entries = list(folder.iterdir())
    except OSError:
        log.warning("private temporary folder unavailable", exc_info=True)
        return 0
    mine = _run[0] if _run is not None else None
    removed = 0
    for entry in entries:
        if entry == mine:
            continue
        if entry.name.startswith(RUN_PREFIX) and entry.is_dir() and not entry.is_symlink():
            removed += _clean_dead_run(entry)
        else:
            removed += _remove_if_older(entry, cutoff)
    return removed


def _clean_dead_run(folder: Path) -> int:
    """Empty and remove another run's folder if its program has died; files removed."""
    try:
        probe = os_lock.try_lock(folder / LOCK_NAME)
    except OSError:
        log.warning("could not check %s", folder.name, exc_info=True)
        return 0
    if probe is None:
        return 0  # that program is running now
    try:
        removed = _clean_journal(folder / JOURNAL_DIR)
        files = [
            p
            for p in folder.rglob("*")
            if not p.is_dir() and p.name != LOCK_NAME and p.parent.name != JOURNAL_DIR
        ]
        # Windows deletes no file held open, the lock file included; and nobody else
        # takes a dead run's lock but another start cleaning up, as this one is.
        probe.release()
        shutil.rmtree(folder, ignore_errors=False)
        return removed + len(files)
    except OSError:
        log.warning("could not remove leftover %s", folder.name, exc_info=True)
        return 0
    finally:
        probe.release()


def _clean_journal(journal: Path) -> int:
    """Delete the temp file each marker names; return how many."""
    if not journal.is_dir():
        return 0
    removed = 0
    for marker in journal.iterdir():
        target = _named_temp_file(marker)
        if target is not None:
            try:
                target.unlink()
                removed += 1
            except FileNotFoundError:
                pass
            except OSError:
                log.warning("could not remove %s", target, exc_info=True)
    return removed


def _named_temp_file(marker: Path) -> Path | None:
    """The temp file a marker names; None for a marker that names nothing of ours."""
    try:
        named = json.loads(marker.read_text(encoding="utf-8")).get("path")
    except (ValueError, AttributeError):
        return None
    if not isinstance(named, str) or not Path(named).name.startswith(TEMP_PREFIX):
        return None
    return Path(named)


def _remove_if_older(entry: Path, cutoff: float) -> int:
    """Delete a leftover file or folder of the private folder; the number of files gone."""
    try:
        if entry.is_dir() and not entry.is_symlink():
            files = [p for p in entry.rglob("*") if not p.is_dir()]
            if all(p.stat().st_mtime < cutoff for p in files) and entry.stat().st_mtime < cutoff:
                shutil.rmtree(entry)
                return len(files)
            return 0
        if entry.lstat().st_mtime < cutoff:
            entry.unlink()
            return 1
    except OSError:
        log.warning("could not remove leftover %s", entry.name, exc_info=True)
    return 0
