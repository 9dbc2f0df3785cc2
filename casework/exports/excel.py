"""The one Excel writer behind every list: title row, frozen bold header, text IDs, real dates.

Rows stream through openpyxl's write-only mode, so a 100,000-row list never sits in
memory as cells. Each column has a kind: "text" cells (ID numbers, phones, codes) are
strings in cells formatted "@", so Excel never turns 18 digits into 1.5E+17 and keeps
them text when someone edits them; "date" cells are real dates shown as yyyy-mm-dd;
"int" and "money" are numbers. The file is written to a temporary name and renamed into
place (casework.exports.files), so a crash never leaves half a workbook; the sheets
stream through files in the app's private temporary folder, never the system one
(casework.openpyxl_internals).

One styled cell per column is reused for every row: a write-only sheet writes a row
as soon as it is appended, so the same cell objects can carry the next row's values.
That keeps the cost per cell at what bare openpyxl pays for an unstyled one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from casework import openpyxl_internals as internals
from casework.exports.files import write_atomic

DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
MONEY_FORMAT = "#,##0"
FONT_NAME = "宋体"
# openpyxl refuses these control characters; they creep in from pasted text.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
PROGRESS_EVERY = 2000
MAX_SHEET_ROWS = 1_048_576


class ExportCancelled(Exception):
    """The cadre cancelled; nothing was written under the real name."""


@dataclass(frozen=True)
class Column:
    """One column: its heading, width in characters, and kind (text/date/int/money/general)."""

    heading: str
    width: float = 12
    kind: str = "general"


@dataclass
class Sheet:
    """One worksheet: a name, a title line, the columns and the rows (tuples in column order)."""

    name: str
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence]
    total: int | None = None  # rows expected, for the progress bar
    written: int = field(default=0, init=False)


@dataclass(frozen=True)
class WriteResult:
    path: Path
    rows: dict[str, int]  # rows written per sheet name

    @property
    def total(self) -> int:
        return sum(self.rows.values())


Progress = Callable[[int, int | None], None]


def clean_text(value: object) -> str:
    """Text safe for a cell: control characters dropped."""
    text = value if isinstance(value, str) else str(value)
    return _ILLEGAL.sub("", text)


def write_workbook(
    path: str | os.PathLike[str],
    sheets: Sequence[Sheet],
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    overwrite: bool = True,
) -> WriteResult:
    """Write `sheets` to `path` (atomically); `progress(done, total)` every few thousand rows."""
    expected = sum(s.total for s in sheets if s.total is not None) or None
    counter = _Counter(progress, cancelled, expected)

    internals.keep_temp_files_private()

    def write(handle) -> None:
        book = Workbook(write_only=True)
        try:
            for sheet in sheets:
                _write_sheet(book, sheet, counter)
        except BaseException:
            internals.discard_sheets(book)
            raise
        book.save(handle)

    final = write_atomic(path, write, overwrite=overwrite)
    return WriteResult(final, {s.name: s.written for s in sheets})


def write_list(
    path: str | os.PathLike[str],
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence],
    sheet_name: str = "清单",
    **options,
) -> WriteResult:
    """A workbook of one sheet: the usual shape of a list sent to the county."""
    return write_workbook(path, [Sheet(sheet_name, title, columns, rows)], **options)


class _Counter:
    def __init__(self, progress, cancelled, total) -> None:
        self.progress, self.cancelled, self.total = progress, cancelled, total
        self.done = 0

    def step(self, rows: int) -> None:
        self.done += rows
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled("已取消导出")
        if self.progress is not None:
            self.progress(self.done, self.total)


def _write_sheet(book: Workbook, sheet: Sheet, counter: _Counter) -> None:
    ws = book.create_sheet(_sheet_title(sheet.name))
    columns = list(sheet.columns)
    _set_up_page(ws, columns)
    internals.stream_cells_as_given(ws)
    ws.append(_title_row(ws, sheet.title, len(columns)))
    ws.append(_header_row(ws, columns))
    fill = _row_filler(ws, columns)
    written = 0
    for values in sheet.rows:
        if written + 2 >= MAX_SHEET_ROWS:
            break  # Excel cannot show more; the count tells the caller how many fitted
        ws.append(fill(values))
        written += 1
        if written % PROGRESS_EVERY == 0:
            counter.step(PROGRESS_EVERY)
    counter.step(written % PROGRESS_EVERY)
    sheet.written = written


def _set_up_page(ws, columns: list[Column]) -> None:
    for index, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A3"  # title and header stay in view while scrolling
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.merged_cells.add(f"A1:{get_column_letter(max(1, len(columns)))}1")
    ws.row_dimensions[1].height = 28


def _sheet_title(name: str) -> str:
    # Excel sheet names: at most 31 characters, none of []:*?/\
    return re.sub(r"[\[\]:*?/\\]", "", name)[:31] or "清单"


def _title_row(ws, title: str, width: int) -> list:
    cell = WriteOnlyCell(ws, clean_text(title))
    cell.font = Font(name=FONT_NAME, bold=True, size=14)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    return [cell] + [None] * (width - 1)


_THIN = Side(style="thin", color="808080")


def _header_row(ws, columns: list[Column]) -> list:
    cells = []
    for column in columns:
        cell = WriteOnlyCell(ws, clean_text(column.heading))
        cell.font = Font(name=FONT_NAME, bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
        cells.append(cell)
    return cells


def _row_filler(ws, columns: list[Column]) -> Callable[[Sequence], list]:
    """A function turning a row of values into the row of cells to append."""
    cells = [_body_cell(ws, column.kind) for column in columns]
    setters = [_SETTERS.get(column.kind, _set_general) for column in columns]
    pairs = list(zip(cells, setters, strict=True))

    def fill(values: Sequence) -> list:
        row: list = []
        for (cell, setter), value in zip(pairs, values, strict=False):
            if value is None or value == "":
                row.append(None)
            else:
                setter(cell, value)
                row.append(cell)
        return row

    return fill


def _body_cell(ws, kind: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws)
    if kind == "text":
        cell.number_format = TEXT_FORMAT
    elif kind == "date":
        cell.number_format = DATE_FORMAT
    elif kind == "money":
        cell.number_format = MONEY_FORMAT
    return cell


# The value's type is known from the column, so it is set directly instead of guessed.
def _set_text(cell: WriteOnlyCell, value: object) -> None:
    if isinstance(value, bool):
        value = "是" if value else "否"
    # Strings stay strings: a note starting with "=" is not a formula.
    internals.set_value(cell, clean_text(value)[:32767], "s")


def _set_number(cell: WriteOnlyCell, value: object) -> None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        internals.set_value(cell, value, "n")
    else:
        _set_text(cell, value)


def _set_date(cell: WriteOnlyCell, value: object) -> None:
    if isinstance(value, dt.date):
        internals.set_value(cell, value, "d")
    else:
        _set_text(cell, value)


_SETTERS = {"text": _set_text, "int": _set_number, "money": _set_number, "date": _set_date}
_set_general = _set_number
