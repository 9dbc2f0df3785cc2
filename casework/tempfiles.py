"""Temporary files with personal data in them: a journal of those in flight, swept at start.

Two kinds of temporary file can hold a person's data: the work files in the app's own
temporary folder (`paths.private_temp_dir()`: openpyxl's sheet XML, full ID numbers
included), and the `.~casework-*` file an export writes beside its target before
renaming it into place. A process killed mid-export leaves both behind. So each temp
file beside a target is recorded while it is in flight by a marker file in the journal
folder (inside the private folder) naming it, and the marker is deleted when the write
ends, whether it succeeded or failed. At the next start `clean_at_start()` deletes
every temp file whose marker survived, and everything in the private folder older than
the running process.

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

from casework.paths import private_temp_dir

#: How every temporary file beside a target starts; a marker never deletes anything else.
TEMP_PREFIX = ".~casework-"
JOURNAL_DIR = "journal"
MARKER_SUFFIX = ".json"

# Files older than this belong to an earlier run. Taken when Casework's temporary file
# handling is first imported, which both the window and the command line do at start.
PROCESS_STARTED = time.time()

log = logging.getLogger(__name__)


def journal_dir() -> Path:
    """The folder of markers, one per temporary file in flight beside a target."""
    folder = private_temp_dir() / JOURNAL_DIR
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
    """Delete the temporary files an interrupted run left behind; return how many.

    That is every temp file beside a target whose journal marker survived, and every
    file in the private temporary folder last changed before `started` (by default,
    when this process started). Never raises: a file that cannot be deleted now (held
    open, say) is left for the next start and noted in the log.
    """
    cutoff = PROCESS_STARTED if started is None else started
    try:
        folder = private_temp_dir()
    except OSError:
        log.warning("private temporary folder unavailable", exc_info=True)
        return 0
    removed = _clean_journal(folder / JOURNAL_DIR, cutoff)
    for entry in folder.iterdir():
        if entry.name != JOURNAL_DIR:
            removed += _remove_if_older(entry, cutoff)
    return removed


def _clean_journal(journal: Path, cutoff: float) -> int:
    """Delete the temp file each stale marker names, then the marker; return how many."""
    if not journal.is_dir():
        return 0
    removed = 0
    for marker in journal.iterdir():
        try:
            if marker.stat().st_mtime >= cutoff:
                continue  # a write of a process that started after this one
            target = _named_temp_file(marker)
            if target is not None:
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
                    removed += 1
            marker.unlink()
        except OSError:
            log.warning("could not clean up after %s", marker.name, exc_info=True)
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
