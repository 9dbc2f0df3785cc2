"""One wording of errors: OS, database and library errors in Chinese, naming the file."""

from __future__ import annotations

import errno
import re
import sqlite3
import zipfile
from pathlib import Path

import peewee
import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from casework import db, error_text
from casework.error_text import describe
from casework.tempfiles import TEMP_PREFIX
from casework.validation import ValidationError

TARGET = "D:/导出/韩令春-简历-2026-11-27.docx"


# Names a Chinese sentence uses as they are.
PRODUCT_NAMES = ("Word", "WPS", "Excel", "U 盘")


def only_chinese(message: str, *allowed: str) -> bool:
    """No English left once the names the message is meant to show are taken out."""
    for name in (*allowed, *PRODUCT_NAMES):
        message = message.replace(name, "")
    return not re.search(r"[A-Za-z]", message)


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (errno.EACCES, "没有权限读写"),
        (errno.EPERM, "没有权限读写"),
        (errno.ENOSPC, "磁盘空间不足"),
        (errno.EROFS, "磁盘是只读的"),
        (errno.ENOENT, "找不到这个文件或文件夹"),
        (errno.EISDIR, "这是一个文件夹，不是文件"),
        (errno.ENOTDIR, "路径中有一段不是文件夹"),
        (errno.ENAMETOOLONG, "文件名或路径太长"),
        (errno.EBUSY, "正被系统或另一个程序占用"),
        (errno.EIO, "读写时磁盘出错"),
    ],
)
def test_each_os_error_has_its_own_chinese_reason_and_names_the_file(number, words):
    error = OSError(number, "English text from the system", TARGET)
    message = describe(error)
    assert message.startswith(f"文件 {TARGET}：") and words in message
    assert only_chinese(message, TARGET)


def test_without_a_file_name_the_sentence_still_reads():
    assert describe(OSError(errno.ENOSPC, "No space left on device")) == (
        "文件操作失败：磁盘空间不足，请清理磁盘后再试"
    )


def test_the_callers_path_is_named_when_the_error_names_none():
    full = OSError(errno.ENOSPC, "No space left on device")
    assert describe(full, Path(TARGET)).startswith(f"文件 {TARGET}：磁盘空间不足")
    # The error's own file wins: it is the one the system could not use.
    denied = PermissionError(errno.EACCES, "Permission denied", "E:/备份")
    assert describe(denied, TARGET).startswith("文件 E:/备份：没有权限读写")


def test_permission_denied_mentions_a_file_left_open_in_word():
    message = describe(PermissionError(errno.EACCES, "Permission denied", TARGET))
    assert "如果文件正在 Word、WPS 或 Excel 中打开，请先关闭它再试" in message


@pytest.mark.parametrize("winerror", [32, 33])
def test_a_windows_sharing_violation_says_another_program_has_the_file(winerror):
    # On Windows, a file open in Word raises PermissionError with winerror 32 (or 33).
    error = PermissionError(errno.EACCES, "The process cannot access the file", TARGET)
    error.winerror = winerror
    message = describe(error)
    assert message == (
        f"文件 {TARGET}：正被另一个程序使用（可能在 Word、WPS 或 Excel 中打开着），请先关闭它再试"
    )


def test_a_write_protected_usb_stick_is_named_as_such():
    error = PermissionError(errno.EACCES, "The media is write protected", "F:/简历.docx")
    error.winerror = 19
    assert "写保护" in describe(error)


def test_an_unusual_system_error_keeps_its_own_words_as_a_detail():
    message = describe(OSError(errno.ELOOP, "Too many levels of symbolic links", TARGET))
    assert message == f"文件 {TARGET}：读写失败（系统错误：Too many levels of symbolic links）"


def test_a_temporary_file_is_never_named():
    hidden = f"D:/导出/{TEMP_PREFIX}ab12.docx"
    assert TEMP_PREFIX not in describe(OSError(errno.EIO, "I/O error", hidden))
    assert describe(OSError(errno.EIO, "I/O error", hidden), TARGET).startswith(f"文件 {TARGET}")


DATABASE = "C:/Users/韩/AppData/Local/casework/casework.db"


@pytest.mark.parametrize("kind", [sqlite3.OperationalError, sqlcipher.OperationalError])
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("database is locked", "正被另一个程序占用"),
        ("database table is locked", "正被另一个程序占用"),
        ("disk I/O error", "读取文件时磁盘出错"),
        ("database disk image is malformed", "文件已损坏"),
        ("file is not a database", "文件头已损坏"),
        ("attempt to write a readonly database", "文件是只读的"),
        ("database or disk is full", "磁盘空间不足"),
        ("unable to open database file", "所在文件夹不存在，或没有权限"),
    ],
)
def test_sqlite_messages_in_chinese_naming_the_database(kind, text, words):
    message = describe(kind(text), DATABASE)
    assert message.startswith(f"数据库文件 {DATABASE}：") and words in message
    assert only_chinese(message, DATABASE)


def test_peewee_wraps_sqlite_errors_and_reads_the_same():
    assert describe(peewee.OperationalError("database is locked"), DATABASE) == describe(
        sqlite3.OperationalError("database is locked"), DATABASE
    )
    assert describe(peewee.OperationalError("disk I/O error")).startswith("数据库出错：")


def test_an_unknown_database_error_is_unexpected():
    bug = peewee.IntegrityError("UNIQUE constraint failed: person.id")
    assert describe(bug) == error_text.UNEXPECTED and error_text.is_unexpected(bug)


def test_the_database_file_errors_read_as_describe_words_them(tmp_path):
    # casework.db raises its own errors with error_text's wording, and they pass through.
    path = tmp_path / "casework.db"
    for text in ("database is locked", "disk I/O error", "database or disk is full"):
        raised = db.describe_error(sqlcipher.OperationalError(text), path)
        assert isinstance(raised, db.DatabaseFileError)
        assert describe(raised) == str(raised) == describe(sqlcipher.OperationalError(text), path)
    assert isinstance(
        db.describe_error(sqlcipher.DatabaseError("database is locked"), path), db.FileBusyError
    )
    wrong = db.describe_error(sqlcipher.DatabaseError("file is not a database"), path, True)
    assert isinstance(wrong, db.WrongSecretError) and error_text.WRONG_SECRET in describe(wrong)


def test_a_damaged_file_met_while_opening_is_passed_through(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"just some notes, not a database " * 200)
    with pytest.raises(db.DatabaseFileError) as raised:
        db.open_database(path)
    assert describe(raised.value) == str(raised.value)
    assert describe(raised.value).startswith(f"数据库文件 {path}：")


def bad_zip(folder: Path) -> BaseException:
    return zipfile.BadZipFile("File is not a zip file")


def openpyxl_refusal(folder: Path) -> BaseException:
    import openpyxl

    with pytest.raises(Exception) as raised:
        openpyxl.load_workbook(folder / "名单.xls")  # the old .xls format
    return raised.value


def docx_refusal(folder: Path) -> BaseException:
    import docx

    with pytest.raises(Exception) as raised:
        docx.Document(str(folder / "没有这个.docx"))
    return raised.value


@pytest.mark.parametrize("make_error", [bad_zip, openpyxl_refusal, docx_refusal])
def test_a_file_that_is_not_really_word_or_excel(make_error, tmp_path):
    fake = tmp_path / "名单.xlsx"
    message = describe(make_error(tmp_path), fake)
    assert message == f"文件 {fake}：不是有效的 Word 或 Excel 文件（可能已损坏，或只是改了扩展名）"


def test_the_programs_own_chinese_errors_pass_through():
    from casework.exports.templates import TemplateError

    assert describe(TemplateError("模板“简历”有误：第 3 行")) == "模板“简历”有误：第 3 行"
    invalid = ValidationError({"phone": "手机号应为 11 位", "name": "请填写姓名"})
    assert describe(invalid) == "手机号应为 11 位；请填写姓名"
    assert not error_text.is_unexpected(invalid)


def test_anything_else_is_unexpected_and_shows_no_english():
    for bug in (KeyError("village"), TypeError("unsupported operand"), RuntimeError("")):
        assert describe(bug) == "发生了意外错误" and error_text.is_unexpected(bug)


def test_describe_has_no_side_effects(caplog):
    describe(KeyError("x"))
    describe(OSError(errno.EACCES, "denied", TARGET))
    assert caplog.records == []
