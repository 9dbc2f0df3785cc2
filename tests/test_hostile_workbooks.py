"""Hostile workbooks are refused quickly, in Chinese, before a row is read, with nothing saved.

Each workbook is built here by putting hand-written sheet XML into a small real
workbook, so that a million rows take a second to make rather than minutes in openpyxl.
A test that hangs fails by its timeout, well under the 30 s an import may take.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from casework.imports import limits, roster
from casework.imports.postings import import_postings
from casework.imports.workbook import WorkbookError
from casework.models import Area, Employer, Household, JobPosting, Person
from tests.factories import make_cadre, valid_id
from tests.roster_builder import MONITORING_HEADER

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
QUICK = pytest.mark.timeout(20)


def cell(ref: str, text: str, prefix: str = "") -> str:
    p = prefix
    return f'<{p}c r="{ref}" t="inlineStr"><{p}is><{p}t>{text}</{p}t></{p}is></{p}c>'


def header_row(prefix: str = "") -> str:
    columns = "ABCDEFGHIJKLMNO"
    cells = "".join(
        cell(f"{c}1", h, prefix) for c, h in zip(columns, MONITORING_HEADER, strict=True)
    )
    return f'<{prefix}row r="1">{cells}</{prefix}row>'


def person_row(number: int, id_text: str, extra: str = "") -> str:
    """A head of household in row `number`, with `id_text` as the ID number."""
    values = ["科左中旗", "架玛吐镇", "大新艾力嘎查", "150521001001", "韩令春", "户主", "韩令春"]
    values += ["女", "蒙古族", id_text]
    cells = "".join(cell(f"{c}{number}", v) for c, v in zip("ABCDEFGHIJ", values, strict=True))
    return f'<row r="{number}">{cells}{extra}</row>'


def person_rows(count: int, start: int = 2, prefix: str = "") -> str:
    """`count` rows of one cell each: cheap to make, and each a row to read."""
    p = prefix
    return "".join(
        f'<{p}row r="{n}"><{p}c r="G{n}"><{p}v>{n}</{p}v></{p}c></{p}row>'
        for n in range(start, start + count)
    )


def hostile_workbook(
    path: Path,
    rows: str,
    *,
    merges: list[str] = (),
    dimension: str | None = None,
    prefix: str = "",
) -> Path:
    """A real workbook whose first sheet's XML is `rows` (and merges, and a dimension tag)."""
    base = path.with_suffix(".base.xlsx")
    book = Workbook()
    book.active.title = "脱贫人口"
    book.save(base)
    declared = f"xmlns:{prefix[:-1]}" if prefix else "xmlns"
    merged = (
        f'<{prefix}mergeCells count="{len(merges)}">'
        + "".join(f'<{prefix}mergeCell ref="{m}"/>' for m in merges)
        + f"</{prefix}mergeCells>"
        if merges
        else ""
    )
    size = f'<{prefix}dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        f'<{prefix}worksheet {declared}="{NS}">{size}<{prefix}sheetData>{rows}'
        f"</{prefix}sheetData>{merged}</{prefix}worksheet>"
    )
    with (
        zipfile.ZipFile(base) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        for part in source.infolist():
            data = source.read(part.filename)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = sheet.encode()
            target.writestr(part.filename, data)
    base.unlink()
    return path


def register_counts() -> tuple[int, ...]:
    return tuple(m.select().count() for m in (Person, Household, Area, Employer, JobPosting))


@pytest.fixture
def register(db, today):
    make_cadre()
    return register_counts()


def refused_roster(path: Path) -> str:
    for attempt in (lambda p: roster.import_roster(p, dry_run=True), roster.import_roster):
        with pytest.raises(WorkbookError) as raised:
            attempt(path)
    message = str(raised.value)
    assert re.search(r"[\u4e00-\u9fff]", message) and "Error" not in message
    return message


@QUICK
def test_a_million_rows_are_refused_before_any_is_read(register, tmp_path):
    path = hostile_workbook(tmp_path / "百万行.xlsx", header_row() + person_rows(1_000_000))
    message = refused_roster(path)
    assert "工作表“脱贫人口”有1,000,001行" in message and "一次最多导入50,000行" in message
    assert "拆成几个文件" in message
    assert register_counts() == register


@QUICK
def test_a_dimension_tag_that_lies_does_not_hide_the_rows(register, tmp_path):
    rows = header_row() + person_rows(limits.MAX_ROWS + 10)
    path = hostile_workbook(tmp_path / "尺寸不实.xlsx", rows, dimension="A1:O3")
    assert "一次最多导入50,000行" in refused_roster(path)
    assert register_counts() == register


@QUICK
def test_rows_written_with_a_namespace_prefix_are_counted_too(register, tmp_path):
    rows = header_row("x:") + person_rows(limits.MAX_ROWS + 10, prefix="x:")
    path = hostile_workbook(tmp_path / "前缀.xlsx", rows, prefix="x:")
    assert "一次最多导入50,000行" in refused_roster(path)


@QUICK
def test_a_merge_over_the_whole_sheet_is_refused(register, tmp_path):
    path = hostile_workbook(
        tmp_path / "整表合并.xlsx", header_row() + person_rows(5), merges=["A1:XFD1048576"]
    )
    message = refused_roster(path)
    assert "合并单元格太大（如A1:XFD1048576" in message and "取消这些合并单元格" in message
    assert register_counts() == register


@QUICK
def test_many_merges_adding_up_are_refused(register, tmp_path):
    merges = [f"{c}2:{c}1048576" for c in "ABCDEFGHIJ"]  # each alone would pass
    path = hostile_workbook(
        tmp_path / "多处合并.xlsx", header_row() + person_rows(5), merges=merges
    )
    assert "合并单元格太大" in refused_roster(path)


@QUICK
def test_a_sheet_that_unpacks_too_large_is_refused_from_the_zip_directory(
    register, tmp_path, monkeypatch
):
    monkeypatch.setattr(limits, "MAX_SHEET_BYTES", 2**20)
    path = hostile_workbook(tmp_path / "解压过大.xlsx", header_row() + person_rows(40_000))
    message = refused_roster(path)
    assert "“xl/worksheets/sheet1.xml”解压后有" in message and "超过了可以导入的1 MB" in message


@QUICK
def test_too_many_cells_are_refused(register, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CELLS", 1000)
    path = hostile_workbook(tmp_path / "单元格过多.xlsx", header_row() + person_rows(2000))
    assert "个单元格，一次最多导入1,000个" in refused_roster(path)


@QUICK
def test_the_labour_demand_import_is_held_to_the_same_limits(register, tmp_path):
    path = hostile_workbook(tmp_path / "用工需求.xlsx", person_rows(1_000_000))
    with pytest.raises(WorkbookError, match="一次最多导入50,000行"):
        import_postings(path)
    assert register_counts() == register


@QUICK
def test_a_stray_cell_far_right_on_every_row_still_imports_quickly(register, tmp_path):
    head = valid_id("19680305")
    strays = "".join(f'<row r="{n}"><c r="XFD{n}"><v>0</v></c></row>' for n in range(3, 20_000))
    rows = header_row() + person_row(2, head, cell("XFD2", "x")) + strays
    report = roster.import_roster(hostile_workbook(tmp_path / "远处.xlsx", rows))
    assert report.applied and [r.id_number for r in report.rows] == [head]


@QUICK
def test_empty_formatted_rows_do_not_count_against_the_limit(register, tmp_path):
    head = valid_id("19680305")
    formatted = "".join(
        f'<row r="{n}" s="1" customFormat="1"/>' for n in range(3, limits.MAX_ROWS * 2)
    )
    rows = header_row() + person_row(2, head) + formatted
    report = roster.import_roster(hostile_workbook(tmp_path / "格式行.xlsx", rows))
    assert report.applied and [r.id_number for r in report.rows] == [head]


def test_an_id_number_in_another_scripts_digits_is_refused_with_its_row(register, tmp_path):
    head = valid_id("19680305")
    arabic = "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in head)
    superscript = head[:6] + "\u00b9" + head[7:]
    rows = header_row() + person_row(2, arabic) + person_row(3, superscript)
    report = roster.import_roster(hostile_workbook(tmp_path / "数字.xlsx", rows), dry_run=True)
    assert [r.action for r in report.rows] == ["refused", "refused"]
    messages = [str(p) for p in report.problems]
    assert any("第2行" in m and "不是0-9的数字" in m for m in messages)
    assert any("第3行" in m and "“¹”" in m for m in messages)
