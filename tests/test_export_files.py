"""Export files: Chinese names safe on Windows, atomic writes, no clobbering."""

from __future__ import annotations

import datetime as dt
import errno

import pytest

from casework import tempfiles
from casework.exports import files


def test_document_name_is_chinese_and_dated():
    name = files.document_name("韩令春", "简历", dt.date(2026, 11, 27))
    assert name == "韩令春-简历-2026-11-27.docx"


def test_write_atomic_picks_a_free_name(tmp_path):
    first = files.write_bytes_atomic(tmp_path / "韩令春-简历.docx", b"one")
    second = files.write_bytes_atomic(tmp_path / "韩令春-简历.docx", b"two")
    third = files.write_bytes_atomic(tmp_path / "韩令春-简历.docx", b"three")
    assert first.name == "韩令春-简历.docx"
    assert second.name == "韩令春-简历(2).docx"
    assert third.name == "韩令春-简历(3).docx"
    assert first.read_bytes() == b"one" and second.read_bytes() == b"two"


def test_write_atomic_overwrites_only_when_asked(tmp_path):
    path = tmp_path / "日志.docx"
    path.write_bytes(b"old")
    assert files.write_bytes_atomic(path, b"new", overwrite=True) == path
    assert path.read_bytes() == b"new"


def journal() -> list:
    return sorted(tempfiles.journal_dir().iterdir())


def test_failed_write_leaves_nothing_behind(tmp_path):
    path = tmp_path / "out" / "户档案.docx"
    path.parent.mkdir()
    path.write_bytes(b"old and whole")

    def explode(handle):
        handle.write(b"half")
        assert len(journal()) == 1  # the temporary file is journalled while it exists
        raise RuntimeError("crash mid-write")

    with pytest.raises(RuntimeError):
        files.write_atomic(path, explode, overwrite=True)
    assert path.read_bytes() == b"old and whole"
    assert files.leftover_temp_files(path.parent) == []
    assert sorted(p.name for p in path.parent.iterdir()) == ["户档案.docx"]
    assert journal() == []


def test_a_finished_write_leaves_no_journal_entry(tmp_path):
    seen = []
    files.write_atomic(
        tmp_path / "a.docx", lambda handle: seen.extend(m.read_text("utf-8") for m in journal())
    )
    [marker] = seen
    assert files.TEMP_PREFIX in marker and str(tmp_path) in marker
    assert journal() == []


def test_an_error_names_the_file_asked_for_not_the_temporary_one(tmp_path, monkeypatch):
    target = tmp_path / "科左中旗-有意愿外出务工清单.xlsx"

    def refuse(source, destination):
        # What Windows says when the target is open in Excel: it names both files.
        raise PermissionError(errno.EACCES, "Permission denied", source, None, destination)

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(PermissionError) as raised:
        files.write_bytes_atomic(target, b"x", overwrite=True)
    assert raised.value.filename == str(target)
    message = files.describe_error(raised.value)
    assert "科左中旗-有意愿外出务工清单.xlsx" in message and files.TEMP_PREFIX not in message
    assert files.leftover_temp_files(tmp_path) == [] and journal() == []


def test_a_temporary_name_is_never_shown():
    hidden = OSError(errno.EIO, "I/O error", f"D:/导出/{files.TEMP_PREFIX}ab12.xlsx")
    assert files.describe_error(hidden).startswith("文件操作失败：读写时磁盘出错")


def test_write_atomic_creates_the_folder(tmp_path):
    path = files.write_bytes_atomic(tmp_path / "新文件夹" / "a.docx", b"x")
    assert path.read_bytes() == b"x"


def test_errors_are_described_in_chinese():
    denied = PermissionError(errno.EACCES, "Permission denied", "a.docx")
    assert "正在 Word、WPS 或 Excel 中打开" in files.describe_error(denied)
    assert "磁盘空间不足" in files.describe_error(OSError(errno.ENOSPC, "No space"))
    assert files.describe_error(ValueError("模板有误")) == "模板有误"
    assert "意外错误" in files.describe_error(KeyError("x"))
