"""Export file names: safe on Windows (reserved names, trailing dots, forbidden characters,
length), Chinese kept as it is, something sensible when nothing usable is left."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.exports import files

# Windows' own rules, written out here rather than taken from the library under test.
FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)}
RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(10)}
TODAY = dt.date(2026, 11, 27)


def assert_windows_safe(stem: str) -> None:
    assert stem and not FORBIDDEN & set(stem), stem
    assert not stem.endswith((".", " ")), stem  # Windows would silently drop them
    assert stem.split(".")[0].strip().upper() not in RESERVED, stem
    assert len(stem.encode()) <= files.MAX_STEM_BYTES


def test_ordinary_names_are_left_as_they_are():
    assert files.document_name("韩令春", "简历", TODAY) == "韩令春-简历-2026-11-27.docx"
    assert files.safe_name("架玛吐镇 大新艾力嘎查") == "架玛吐镇 大新艾力嘎查"
    assert files.safe_name("科左中旗 脱贫户清单（截至2026-11-27）") == (
        "科左中旗 脱贫户清单（截至2026-11-27）"
    )
    assert files.safe_name("包·巴特尔") == "包·巴特尔"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("CON", "_CON"),
        ("CON.docx", "_CON.docx"),  # reserved whatever the extension
        ("nul", "_nul"),  # and whatever the case
        ("PRN", "_PRN"),
        ("AUX", "_AUX"),
        ("COM1", "_COM1"),
        ("LPT1.txt", "_LPT1.txt"),
        ("CON .", "_CON"),  # becomes CON only once " ." is gone
        ("CON .docx", "_CON.docx"),  # Windows ignores the space too
        ("CONTRACT", "CONTRACT"),  # only the whole name is reserved
    ],
)
def test_names_windows_reserves_are_changed(raw, expected):
    assert files.safe_name(raw) == expected


def test_a_reserved_name_as_a_whole_document_name():
    assert files.document_name("CON", suffix=".docx") == "_CON.docx"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a.", "a"),
        ("a. ", "a"),
        ("  走访日志.  ", "走访日志"),
        ("韩:令?春", "韩令春"),
        ('韩/令\\春:*?"<>|', "韩令春"),
        ("a\x07b\tc", "abc"),
        ("韩令春  简历", "韩令春 简历"),
        ("12:30 会议?", "1230 会议"),
    ],
)
def test_forbidden_characters_and_trailing_dots_are_dropped(raw, expected):
    assert files.safe_name(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "???", '<>:"/\\|?*', ".", "..", ". . ."])
def test_a_name_with_nothing_usable_left_gets_a_default(raw):
    assert files.safe_name(raw) == "未命名"
    assert files.document_name(raw, suffix=".xlsx") == "未命名.xlsx"


def test_an_unusable_part_of_a_document_name_is_left_out():
    assert files.document_name("???", "简历", TODAY) == "简历-2026-11-27.docx"


def test_a_300_character_chinese_name_is_cut_whole_and_can_be_written(tmp_path):
    long_name = ("韩令春包巴特尔" * 43)[:300]
    stem = files.safe_name(long_name)
    assert long_name.startswith(stem)  # cut at a character, nothing garbled
    assert len(stem.encode()) <= files.MAX_STEM_BYTES
    assert len(stem) == files.MAX_STEM_BYTES // 3  # as much as fits, three bytes each
    # The file system is the judge: 300 Chinese characters would be 900 bytes, where
    # Linux allows 255 (and Windows 255 characters).
    first = files.write_bytes_atomic(tmp_path / f"{stem}.docx", b"one")
    again = files.write_bytes_atomic(tmp_path / f"{stem}.docx", b"two")
    assert first.read_bytes() == b"one" and again.name == f"{stem}(2).docx"


@given(st.text(max_size=400))
def test_whatever_is_typed_the_name_is_windows_safe(text):
    assert_windows_safe(files.safe_name(text))
