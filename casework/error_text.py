"""The one wording of errors: OS, database and library errors as one short Chinese sentence.

The window, the command line and the exports all call `describe()`, so a full disk or a
file open in Word reads the same wherever it happens. Nothing here logs, shows or
imports a heavy library (or peewee, which `exports` must not reach): database and
library errors are recognised by the module their class comes from.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from casework.paths import TEMP_PREFIX

# Windows' own codes for "another program has the file open" (Word, WPS, Excel, a virus
# scanner): Python reports them as PermissionError, but the cure is to close the program.
_SHARING_VIOLATIONS = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
_WRITE_PROTECTED = 19  # ERROR_WRITE_PROTECT: a USB stick's lock switch

_PERMISSION = (
    "没有权限读写（文件或文件夹是只读的，或属于别的用户）；"
    "如果文件正在 Word、WPS 或 Excel 中打开，请先关闭它再试"
)
_IN_USE = "正被另一个程序使用（可能在 Word、WPS 或 Excel 中打开着），请先关闭它再试"
_READ_ONLY_DISK = "所在的磁盘是只读的（U 盘的写保护开关是否打开？），无法写入"
_NOT_A_FOLDER = "路径中有一段不是文件夹"

# errno -> the reason, worded to follow "文件 <name>：" or "文件操作失败：".
OS_REASONS = {
    errno.EACCES: _PERMISSION,
    errno.EPERM: _PERMISSION,
    errno.ENOSPC: "磁盘空间不足，请清理磁盘后再试",
    errno.EROFS: _READ_ONLY_DISK,
    errno.ENOENT: "找不到这个文件或文件夹（可能已被移动、删除，或 U 盘已拔出）",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: _NOT_A_FOLDER,
    errno.EEXIST: _NOT_A_FOLDER,  # mkdir where a file has the folder's name
    errno.ENAMETOOLONG: "文件名或路径太长，请换一个短一些的文件夹或文件名",
    errno.EBUSY: "正被系统或另一个程序占用，请稍后再试",
    errno.EIO: "读写时磁盘出错（文件所在的 U 盘或移动硬盘是否已拔出？）",
}

# SQLite's messages (lower case) -> (kind, reason). casework.db turns the kind into its
# DatabaseFileError classes, so the database file's errors read the same everywhere.
_DAMAGED = "文件已损坏（数据页无法读取）"
_READ_ONLY_FILE = "文件是只读的，工作台需要能写入它。请检查文件属性（取消“只读”）或文件夹的权限"
_BUSY = "文件正被另一个程序占用（可能正在加密、恢复或导入），请稍后再试"
DATABASE_REASONS = [
    (("not a database",), "damaged", "文件头已损坏，无法读取"),
    (("malformed", "corrupt"), "damaged", _DAMAGED),
    (("disk i/o",), "damaged", "读取文件时磁盘出错（文件已损坏，或所在的 U 盘、移动硬盘已拔出）"),
    (("readonly", "read-only"), "read_only", _READ_ONLY_FILE),
    (("locked", "busy"), "busy", _BUSY),
    (("unable to open",), "cannot_open", "无法打开：所在文件夹不存在，或没有权限"),
    (("full",), "full", "磁盘空间不足，请清理磁盘后再试"),
]
WRONG_SECRET = "密码或恢复密钥与这个文件不符，或者文件已损坏，无法解密"

_DATABASE_MODULES = {"peewee", "sqlite3", "_sqlite3", "sqlcipher3"}
# Library errors for a file that is not the Word or Excel file it claims to be.
_NOT_AN_OFFICE_FILE = {
    ("zipfile", "BadZipFile"),
    ("zipfile", "LargeZipFile"),
    ("openpyxl", "InvalidFileException"),
    ("docx", "PackageNotFoundError"),
}
# A Chinese character, as [\u3400-\u9fff] would match: not a regex, whose compiling (the
# range's character class) was 5 ms of every start.
_HANZI = ("\u3400", "\u9fff")

UNEXPECTED = "发生了意外错误"


def describe(error: BaseException, path: Path | str | None = None) -> str:
    """`error` as one short Chinese sentence, naming the file when it is known.

    `path` is the file the caller was working on (the database, an export's target): it
    is named for a database or library error, and for an OS error that names no file of
    its own (a full disk while writing). The program's own errors (a DatabaseFileError,
    a ValidationError, a TemplateError) already speak Chinese and pass through. Anything
    not recognised is `UNEXPECTED`: see `is_unexpected`.
    """
    if isinstance(error, OSError) and not is_database_error(error):
        return _describe_os_error(error, path)
    if is_database_error(error):
        found = database_reason(error)
        if found is not None:
            name = _shown_name(path)
            return f"数据库文件 {name}：{found[1]}" if name else f"数据库出错：{found[1]}"
        return UNEXPECTED
    if _is_not_an_office_file(error):
        name = _shown_name(path)
        reason = "不是有效的 Word 或 Excel 文件（可能已损坏，或只是改了扩展名）"
        return f"文件 {name}：{reason}" if name else f"无法打开文件：{reason}"
    return _own_words(error) or UNEXPECTED


def is_unexpected(error: BaseException) -> bool:
    """True when `describe` has nothing specific to say: a bug, whose traceback is wanted."""
    return describe(error) == UNEXPECTED


def database_reason(error: BaseException, secret_given: bool = False) -> tuple[str, str] | None:
    """What a SQLite error says about the database file: (kind, Chinese reason), or None.

    Kinds: damaged, wrong_secret (only when a password or recovery key was given, since
    then "not a database" means the key does not fit), read_only, busy, cannot_open, full.
    """
    text = str(error).lower()
    if "not a database" in text and secret_given:
        return "wrong_secret", WRONG_SECRET
    for phrases, kind, reason in DATABASE_REASONS:
        if any(phrase in text for phrase in phrases):
            return kind, reason
    return None


def _describe_os_error(error: OSError, path: Path | str | None) -> str:
    name = _shown_name(error.filename) or _shown_name(path)
    winerror = getattr(error, "winerror", None)
    if winerror in _SHARING_VIOLATIONS:
        reason = _IN_USE
    elif winerror == _WRITE_PROTECTED:
        reason = _READ_ONLY_DISK
    elif error.errno in OS_REASONS:
        reason = OS_REASONS[error.errno]
    else:
        # An unusual system error: its own words (in English) are the best detail there is.
        reason = f"读写失败（系统错误：{error.strerror or error}）"
    return f"文件 {name}：{reason}" if name else f"文件操作失败：{reason}"


def _own_words(error: BaseException) -> str | None:
    """The program's own Chinese message, if the error carries one."""
    errors = getattr(error, "errors", None)
    if isinstance(errors, dict) and errors:  # ValidationError: one message per field
        return "；".join(str(message) for message in errors.values())
    text = str(error)
    low, high = _HANZI
    return text if any(low <= char <= high for char in text) else None


def _shown_name(name: object) -> str | None:
    """A path fit to show: never the hidden temporary file an export was writing."""
    if not isinstance(name, (str, bytes, os.PathLike)) or not os.fspath(name):
        return None
    text = os.fsdecode(name)
    if os.path.basename(text).startswith(TEMP_PREFIX):
        return None
    return text


def _root_modules(error: BaseException) -> set[str]:
    return {cls.__module__.split(".")[0] for cls in type(error).__mro__}


def is_database_error(error: BaseException) -> bool:
    """An error of SQLite, SQLCipher or peewee (recognised without importing them)."""
    return bool(_root_modules(error) & _DATABASE_MODULES)


def _is_not_an_office_file(error: BaseException) -> bool:
    return any(
        (cls.__module__.split(".")[0], cls.__name__) in _NOT_AN_OFFICE_FILE
        for cls in type(error).__mro__
    )
