"""Opening a workbook from outside: its size checked before openpyxl reads a single row.

A workbook is a zip of XML parts, and a hostile or broken one can declare a million
rows, merge A1:XFD1048576, or unpack a few megabytes into gigabytes of XML; any of
those would keep an import busy for minutes. So, before any row is read:

- the zip's directory: how many parts, and how large each says it is once unpacked
  (zipfile never reads a part past that size, so the figure bounds all that follows);
- one pass over each sheet's XML, counting its rows and cells and collecting its merged
  ranges. The dimension tag (<dimension ref="A1:C3"/>) is not trusted for this:
  exporters get it wrong, and a hostile file lies. This happens before openpyxl opens
  the workbook, which for a sheet without that tag parses the whole sheet to size it.

A workbook over a limit raises WorkbookTooLarge, whose message says in Chinese which
limit and why. The limits keep an import well within about 30 seconds on a modest
laptop (a 10,000-row roster: about 6 s to check and import). Every import opens its
workbook through casework.imports.workbook, which calls `open_workbook` here and reads
no more than MAX_COLUMNS cells of a row; openpyxl is imported only when a file is opened.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass, field

from casework import openpyxl_internals

MAX_ROWS = 50_000  # rows in the whole workbook; a county splits a larger roster by township
MAX_CELLS = 2_000_000
MAX_COLUMNS = 256  # what a row is read up to; a roster's columns are the first few dozen
MAX_MERGED_CELLS = 5_000_000
MAX_PARTS = 10_000
MAX_SHEET_BYTES = 512 * 2**20
MAX_XML_BYTES = 128 * 2**20  # any other XML part (shared strings, styles ...)

SPLIT_ADVICE = "请在Excel或WPS中按苏木乡镇拆成几个文件，分别导入"
CHUNK = 1 << 20
# A tag split by a chunk boundary is carried into the next chunk, up to this length.
MAX_TAG = 1 << 16

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
# A row with cells ends in </row> (or </x:row>); an empty, formatted row is <row .../>,
# which costs next to nothing to read and is not counted.
_ROW_TAGS = (b"row>",)
_CELL_TAGS = (b"<c ", b"<c>", b"<c/", b":c ", b":c>", b":c/")

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

Bounds = tuple[int, int, int, int]  # first column, first row, last column, last row


class WorkbookTooLarge(Exception):
    """The workbook is too large to import; the message says why, in Chinese."""


@dataclass
class SheetSize:
    """What one pass over a sheet's XML found, before any row is read."""

    title: str
    rows: int = 0
    cells: int = 0
    merges: list[Bounds] = field(default_factory=list)

    @property
    def merged_cells(self) -> int:
        """Cells the merged ranges cover (up to MAX_COLUMNS across): the work of filling them."""
        total = 0
        for first_col, first_row, last_col, last_row in self.merges:
            width = min(last_col, MAX_COLUMNS) - first_col + 1
            total += max(width, 0) * max(last_row - first_row + 1, 0)
        return total


def open_workbook(path: str | os.PathLike[str]):
    """openpyxl's read-only workbook at `path`, and each sheet's SheetSize (None: a chart).

    Raises WorkbookTooLarge before openpyxl parses anything of a workbook too large;
    whatever openpyxl raises for a file that is not a workbook passes through.
    """
    from openpyxl import load_workbook

    measured = check_workbook(path)
    book = load_workbook(os.fspath(path), read_only=True, data_only=True)
    try:
        sizes = [
            measured.get(ws.title) or measure_sheet(ws) if hasattr(ws, "iter_rows") else None
            for ws in book.worksheets
        ]
    except BaseException:
        book.close()
        raise
    return book, sizes


def check_workbook(path: str | os.PathLike[str]) -> dict[str, SheetSize]:
    """Each sheet's size by its title, or WorkbookTooLarge; {} for a file that is no zip."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return {}  # not a zip: openpyxl says so in its own words
    with archive:
        _check_parts(archive.infolist())
        sizes = {}
        for part, title in _sheet_parts(archive).items():
            with archive.open(part) as stream:
                sizes[title] = _measure(SheetSize(title), stream)
    check_sizes(list(sizes.values()))
    return sizes


def _check_parts(parts: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip with too many parts, or parts too large once unpacked."""
    if len(parts) > MAX_PARTS:
        raise WorkbookTooLarge(f"文件内部有{len(parts):,}个部件，不像正常的Excel工作簿，未导入")
    for part in parts:
        name = part.filename
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            limit = MAX_SHEET_BYTES
        elif name.endswith((".xml", ".rels")):
            limit = MAX_XML_BYTES
        else:
            continue  # pictures and the like: a read-only workbook never opens them
        if part.file_size > limit:
            raise WorkbookTooLarge(
                f"工作簿中的“{name}”解压后有{_mib(part.file_size)}，超过了可以导入的"
                f"{_mib(limit)}（读取要花很长时间）。{SPLIT_ADVICE}"
            )


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """{part name: sheet title} for every worksheet in the zip, titles from workbook.xml."""
    from xml.etree import ElementTree

    names = set(archive.namelist())
    parts = sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    titles = dict.fromkeys(parts, "")
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        links = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile):
        return {part: part for part in parts}  # openpyxl will have its say about this file
    targets = {}
    for link in links:
        target = link.get("Target", "")
        targets[link.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    for sheet in book.iter(f"{{{_MAIN}}}sheet"):
        part = targets.get(sheet.get(f"{{{_RELATIONSHIPS}}}id"))
        if part in titles:
            titles[part] = sheet.get("name") or part
    return {part: title or part for part, title in titles.items()}


def check_sizes(measured: list[SheetSize]) -> None:
    """Refuse a workbook whose rows, cells or merged cells are too many."""
    for size in measured:
        if size.merged_cells > MAX_MERGED_CELLS:
            widest = max(size.merges, key=lambda b: (b[2] - b[0] + 1) * (b[3] - b[1] + 1))
            raise WorkbookTooLarge(
                f"工作表“{size.title}”的合并单元格太大（如{_range(widest)}，共约"
                f"{size.merged_cells:,}个单元格），逐格展开要花很长时间，未导入；"
                "请取消这些合并单元格后再导入"
            )
    if sum(s.rows for s in measured) > MAX_ROWS:
        raise WorkbookTooLarge(
            f"{_amount(measured, 'rows', '行')}，一次最多导入{MAX_ROWS:,}行"
            f"（再多导入要超过半分钟），未导入。{SPLIT_ADVICE}"
        )
    if sum(s.cells for s in measured) > MAX_CELLS:
        raise WorkbookTooLarge(
            f"{_amount(measured, 'cells', '个单元格')}，一次最多导入{MAX_CELLS:,}个"
            f"（再多导入要超过半分钟），未导入。{SPLIT_ADVICE}，或删去用不到的列"
        )


def measure_sheet(ws) -> SheetSize:
    """Rows, cells and merged ranges of an open sheet that `check_workbook` did not see."""
    size = SheetSize(ws.title)
    stream = openpyxl_internals.open_sheet_xml(ws)
    if stream is None:  # a sheet already in memory knows its merges and size
        ranges = getattr(ws, "merged_cells", None)
        size.merges = [r.bounds for r in ranges.ranges] if ranges else []
        size.rows, size.cells = ws.max_row, ws.max_row * ws.max_column
        return size
    with stream:
        return _measure(size, stream)


def _measure(size: SheetSize, stream) -> SheetSize:
    """One streaming pass over a sheet's XML: its rows, cells and merged ranges."""
    carried = b""
    while chunk := stream.read(CHUNK):
        data = carried + chunk
        # Keep an unfinished tag for the next chunk, so that no tag is counted in half.
        cut = data.rfind(b"<")
        carried = data[cut:] if cut >= 0 and b">" not in data[cut:] else b""
        if len(carried) > MAX_TAG:
            carried = b""
        _count(size, data[: len(data) - len(carried)])
    _count(size, carried)
    return size


def _count(size: SheetSize, data: bytes) -> None:
    from openpyxl.utils import column_index_from_string

    size.rows += sum(data.count(tag) for tag in _ROW_TAGS)
    size.cells += sum(data.count(tag) for tag in _CELL_TAGS)
    for a, r1, b, r2 in _MERGE.findall(data):
        try:
            first, last = column_index_from_string(a.decode()), column_index_from_string(b.decode())
        except ValueError:
            continue  # a column beyond XFD: openpyxl ignores the range too
        size.merges.append((first, int(r1), last, int(r2)))


def _amount(sizes: list[SheetSize], what: str, unit: str) -> str:
    """ "工作表“脱贫人口”有1,000,000行", or for several sheets the total and the largest."""
    if len(sizes) == 1:
        return f"工作表“{sizes[0].title}”有{getattr(sizes[0], what):,}{unit}"
    total = sum(getattr(s, what) for s in sizes)
    largest = max(sizes, key=lambda s: getattr(s, what))
    return f"工作簿共有{total:,}{unit}（其中“{largest.title}”{getattr(largest, what):,}{unit}）"


def _range(bounds: Bounds) -> str:
    from openpyxl.utils import get_column_letter

    first_col, first_row, last_col, last_row = bounds
    return f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}"


def _mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MB"
