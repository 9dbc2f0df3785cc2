"""An exclusive lock on a file, taken without waiting, that the OS drops when its holder dies.

`try_lock(path)` is the whole of it: the lock, or None when another holder has it. POSIX
uses `flock`, which belongs to the open file (so a second `try_lock` in the same process
is refused too, as in another); Windows locks the file's first byte with `msvcrt`, which
belongs to the handle. Either way the lock goes with the process, however it ends: a
lock file left by a program that crashed can be taken at once. Used to tell the running
programs from the dead ones (casework/db_presence.py, casework/tempfiles.py); this
replaced the filelock package, whose import alone was some 20 ms of every start.
"""

from __future__ import annotations

import errno
import os

if os.name == "nt":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)  # msvcrt locks from the file position
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    # LK_NBLCK's "someone else holds it" (EDEADLOCK is what the CRT sets after its retries).
    _BUSY = {errno.EACCES, errno.EDEADLOCK}
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    _BUSY = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES}


class HeldLock:
    """A lock this process holds on `path` until `release()` (or until it ends)."""

    def __init__(self, path: str | os.PathLike[str], fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Give the lock up; the file stays (the holder removes it if it wants to)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)  # closing drops the lock anyway

    def __enter__(self) -> HeldLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def try_lock(path: str | os.PathLike[str]) -> HeldLock | None:
    """Lock `path` (made if missing) at once; None while another holder has it.

    Any other failure (a read-only folder, a missing one) raises OSError.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        _lock(fd)
    except OSError as error:
        os.close(fd)
        if error.errno in _BUSY:
            return None
        raise
    return HeldLock(path, fd)
