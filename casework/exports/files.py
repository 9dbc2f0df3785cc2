"""Writing export files safely: Chinese file names, temp file + rename, no clobbering.

Every exporter (Word and Excel) writes through `write_atomic`: the document goes to a
temporary file in the destination folder and is renamed into place with os.replace,
which is atomic on one volume, so a crash or a cancelled batch never leaves a
half-written file under the real name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from pathvalidate import sanitize_filename
from pathvalidate.handler import ReservedNameHandler

from casework import error_text, tempfiles
from casework.paths import TEMP_PREFIX

# A name before its extension is kept to this many bytes of UTF-8: with "(12)" and ".xlsx"
# it stays under the 255 that Linux allows a file name, and so under Windows' 255
# characters (UTF-8 never takes fewer bytes than UTF-16 takes characters), with room left
# for the folder in Windows' 260-character path. About 60 Chinese characters.
MAX_STEM_BYTES = 180


def safe_name(text: str, fallback: str = "未命名") -> str:
    """`text` made usable as a file name (before its extension) on Windows and elsewhere.

    pathvalidate drops the characters Windows refuses (<>:"/\\|?* and control
    characters) and the trailing dots and spaces it would silently strip, puts "_" before
    a name Windows reserves whatever the extension (CON, PRN, AUX, NUL, COM1, LPT1…: CON.docx
    is still CON), and cuts the name to MAX_STEM_BYTES without splitting a character.
    Runs of spaces become one; Chinese stays as it is. Nothing left: `fallback`.
    """
    name = str(text)
    # pathvalidate mends one fault per call ("CON ." loses " ." and is then the reserved
    # CON), so the cleaning repeats until the name no longer changes.
    while True:
        cleaned = sanitize_filename(
            name,
            platform="universal",
            max_len=MAX_STEM_BYTES,
            fs_encoding="utf-8",
            reserved_name_handler=ReservedNameHandler.add_leading_underscore,
        )
        # No space before a dot either: Windows takes "CON .docx" for CON as well, and
        # pathvalidate checks only the name up to the dot.
        cleaned = " ".join(cleaned.split()).replace(" .", ".")
        if cleaned == name:
            break
        name = cleaned
    return name if name.strip(".") else fallback


def document_name(*parts: str | dt.date | None, suffix: str = ".docx") -> str:
    """Parts joined by '-': ("韩令春", "简历", date) -> "韩令春-简历-2026-11-27.docx".

    A part with nothing usable in it (a name of only "?") is left out, not left as "--".
    """
    words = []
    for part in parts:
        if part is None or part == "":
            continue
        word = part.isoformat() if isinstance(part, dt.date) else safe_name(str(part), "")
        if word:
            words.append(word)
    return safe_name("-".join(words)) + suffix


def unique_path(path: str | os.PathLike[str]) -> Path:
    """`path` if free, else the same name with (2), (3)... before the extension."""
    path = Path(path)
    if not path.exists():
        return path
    stem, suffix = path.stem, path.suffix
    number = 2
    while True:
        candidate = path.with_name(f"{stem}({number}){suffix}")
        if not candidate.exists():
            return candidate
        number += 1


def target_path(path: str | os.PathLike[str], overwrite: bool = False) -> Path:
    """Where to write: `path` itself when overwriting is allowed, else a free variant of it."""
    return Path(path) if overwrite else unique_path(path)


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str], mode: str = "wb") -> Iterator[IO]:
    """Open a temporary file next to `path`; on success it replaces `path`, on error it is gone.

    The temporary file is in the journal (casework.tempfiles) while it exists, so that
    the next start deletes it should this process be killed before it is renamed. An
    OSError names `path`, the file the user asked for, never the hidden temporary one.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _temporary_beside(path, mode) as (handle, temp_name):
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            os.replace(temp_name, path)
    except OSError as error:
        _name_the_target(error, path)
        raise


@contextlib.contextmanager
def _temporary_beside(path: Path, mode: str) -> Iterator[tuple[IO, str]]:
    """A new temporary file in `path`'s folder, journalled, and deleted unless renamed."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp_name = os.path.join(path.parent, f"{TEMP_PREFIX}{secrets.token_hex(6)}{path.suffix}")
        with tempfiles.in_flight(temp_name):
            try:
                fd = os.open(temp_name, flags, 0o600)
            except FileExistsError:
                continue
            try:
                with os.fdopen(fd, mode) as handle:
                    yield handle, temp_name
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temp_name)  # gone already when it was renamed into place
            return


def _name_the_target(error: OSError, path: Path) -> None:
    """Make `error` name `path` where it named the temporary file (or nothing)."""
    if error.filename is None or _is_temporary(error.filename):
        error.filename = str(path)
    if error.filename2 is not None and _is_temporary(error.filename2):
        error.filename2 = None


def _is_temporary(name: object) -> bool:
    return isinstance(name, (str, bytes, os.PathLike)) and os.path.basename(
        os.fsdecode(name)
    ).startswith(TEMP_PREFIX)


def write_atomic(
    path: str | os.PathLike[str],
    write: Callable[[IO[bytes]], object],
    overwrite: bool = False,
) -> Path:
    """Write a file through `write(handle)` into place atomically; return the path used.

    Without `overwrite`, an existing file is never replaced: a free name like
    `韩令春-简历-2026-11-27(2).docx` is chosen instead.
    """
    final = target_path(path, overwrite)
    with atomic_file(final) as handle:
        write(handle)
    return final


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes, overwrite: bool = False) -> Path:
    """`write_atomic` for content already in memory."""
    return write_atomic(path, lambda handle: handle.write(data), overwrite)


def leftover_temp_files(folder: str | os.PathLike[str]) -> list[Path]:
    """Temporary files an interrupted export left behind (tests and clean-up use it)."""
    return sorted(Path(folder).glob(TEMP_PREFIX + "*"))


def describe_error(error: BaseException) -> str:
    """A Chinese sentence for an export failure: casework.error_text's, as everywhere."""
    return error_text.describe(error)
