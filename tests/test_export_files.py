"""Export files: Chinese names safe on Windows, atomic writes, no clobbering."""

from __future__ import annotations

import datetime as dt
import errno

import pytest

from casework.exports import files


def test_document_name_is_chinese_and_dated():
    name = files.document_name("韩令春", "简历", dt.date(2026, 11, 27))
    assert name == "韩令春-简历-2026-11-27.docx"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('韩/令\\春:*?"<>|', "韩令春"),
        ("  走访日志.  ", "走访日志"),
        ("CON", "_CON"),
        ("a\x07b\tc", "abc"),
        ("", "未命名"),
        ("???", "未命名"),
    ],
)
def test_safe_name_strips_what_windows_forbids(raw, expected):
    assert files.safe_name(raw) == expected


def test_safe_name_is_capped():
    assert len(files.safe_name("长" * 500)) == files.MAX_STEM


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


def test_failed_write_leaves_nothing_behind(tmp_path):
    path = tmp_path / "户档案.docx"
    path.write_bytes(b"old and whole")

    def explode(handle):
        handle.write(b"half")
        raise RuntimeError("crash mid-write")

    with pytest.raises(RuntimeError):
        files.write_atomic(path, explode, overwrite=True)
    assert path.read_bytes() == b"old and whole"
    assert files.leftover_temp_files(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["户档案.docx"]


def test_write_atomic_creates_the_folder(tmp_path):
    path = files.write_bytes_atomic(tmp_path / "新文件夹" / "a.docx", b"x")
    assert path.read_bytes() == b"x"


def test_errors_are_described_in_chinese():
    denied = PermissionError(errno.EACCES, "Permission denied", "a.docx")
    assert "正在 Word/WPS 中打开" in files.describe_error(denied)
    assert "磁盘空间不足" in files.describe_error(OSError(errno.ENOSPC, "No space"))
    assert files.describe_error(ValueError("模板有误")) == "模板有误"
    assert "意外错误" in files.describe_error(KeyError("x"))
