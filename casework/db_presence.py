"""Who else has a database file open: one OS-locked file per running program beside it.

Each program that opens the database (a window, a command-line import) holds an
exclusive lock on a file of its own in `.casework.db.open/`. Another program counts the
files it cannot lock: those are live users. A file it can lock was left by a program that
died (the OS drops the lock with the process) and is removed. The window warns when
another user is there; replacing the whole file (restore, encryption) refuses while one is.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from casework import os_lock

log = logging.getLogger(__name__)


def presence_dir(db_path: str | os.PathLike[str]) -> Path:
    path = Path(db_path)
    return path.with_name(f".{path.name}.open")


class Presence:
    """This program's mark on a database file, held until `release()`."""

    def __init__(self, db_path: str | os.PathLike[str]) -> None:
        self.folder = presence_dir(db_path)
        # Eight random hex digits, as uuid4().hex[:8] gave: the window's start loads no uuid.
        self.path = self.folder / f"{os.getpid()}-{os.urandom(4).hex()}.lock"
        self._lock: os_lock.HeldLock | None = None
        try:
            self.folder.mkdir(exist_ok=True)
            self._lock = os_lock.try_lock(self.path)  # a name of its own: nobody else has it
        except OSError as error:
            # A read-only folder: the program still works, it just cannot be counted.
            log.warning("cannot mark %s as open: %s", self.folder, error)

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None
            with contextlib.suppress(OSError):
                self.path.unlink()
            with contextlib.suppress(OSError):
                self.folder.rmdir()  # only when no other program's file is left


def other_users(db_path: str | os.PathLike[str], mine: Presence | None = None) -> int:
    """How many other running programs have `db_path` open; stale marks are cleared."""
    folder = presence_dir(db_path)
    if not folder.is_dir():
        return 0
    count = 0
    for path in folder.glob("*.lock"):
        if mine is not None and path == mine.path:
            continue
        try:
            probe = os_lock.try_lock(path)
        except OSError as error:
            log.warning("cannot check %s: %s", path, error)
            continue
        if probe is None:
            count += 1
            continue
        probe.release()
        with contextlib.suppress(OSError):
            path.unlink()
    return count
