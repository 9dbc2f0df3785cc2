"""The one Excel writer behind every list: title row, frozen bold header, text IDs, real dates.

Rows stream through openpyxl's write-only mode, so a 100,000-row list never sits in
memory as cells. Each column has a kind: "text" cells (ID numbers, phones, codes) are
strings in cells formatted "@", so Excel never turns 18 digits into 1.5E+17 and keeps
them text when someone edits them; "date" cells are real dates shown as yyyy-mm-dd;
"int" and "money" are numbers. The file is written to a temporary name and renamed into
place (casework.exports.files), so a crash never leaves half a workbook; the sheets
stream through files in the app's private temporary folder, never the system one
(casework.openpyxl_internals).

Every list prints on A4 landscape with thin borders, 宋体 throughout, wrapped text and
"第 1 页 共 N 页" in the footer; casework.exports.excel_print sizes the columns from
the content and decides how many pages wide it prints.

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
from itertools import chain, islice
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from casework import openpyxl_internals as internals
from casework.exports import excel_print
from casework.exports.excel_print import BODY_PT, FONT_NAME
from casework.exports.files import write_atomic

DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
MONEY_FORMAT = "#,##0"
# openpyxl refuses these control characters; they creep in from pasted text.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
PROGRESS_EVERY = 2000
MAX_SHEET_ROWS = 1_048_576


class ExportCancelled(Exception):
    """The cadre cancelled; nothing was written under the real name."""


@dataclass(frozen=True)
class Column:
    """One column: its heading, the width (in digits) past which its text wraps, and its kind
    (text/date/int/money/general); the width itself comes from the content."""

    heading: str
    max_width: float = 30
    kind: str = "general"


@dataclass(frozen=True)
class RowChart:
    """A native Excel bar chart of one row's values across columns (在京务工 by township),
    drawn below the table; it stays tied to the cells, so it follows an edit in Excel."""

    title: str
    row: int  # the data row (0: the first below the header)
    first_column: int  # 0-based columns of the values; the header names them
    last_column: int


@dataclass
class Sheet:
    """One worksheet: a name, a title line, the columns and the rows (tuples in column order)."""

    name: str
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence]
    total: int | None = None  # rows expected, for the progress bar
    chart: RowChart | None = None
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
    rows = iter(sheet.rows)
    sample = list(islice(rows, excel_print.SAMPLE_ROWS))  # written first, below
    widths = excel_print.column_widths(columns, sample)
    title_span = excel_print.set_up_printing(ws, widths)
    ws.freeze_panes = "A3"  # title and header stay in view while scrolling
    ws.merged_cells.add(f"A1:{get_column_letter(max(1, title_span))}1")
    ws.row_dimensions[1].height = 28
    ws.row_dimensions[2].height = excel_print.header_height(columns, widths)
    internals.stream_cells_as_given(ws)
    ws.append(_title_row(ws, sheet.title, len(columns)))
    ws.append(_header_row(ws, columns))
    fill = _row_filler(ws, columns, widths)
    written = 0
    for values in chain(sample, rows):
        if written + 2 >= MAX_SHEET_ROWS:
            break  # Excel cannot show more; the count tells the caller how many fitted
        cells, lines = fill(values)
        if lines > 1:
            row = written + 3
            ws.row_dimensions[row].height = excel_print.row_height(lines)
            ws.append(cells)
            del ws.row_dimensions[row]  # written; 100,000 of them need not stay
        else:
            ws.append(cells)
        written += 1
        if written % PROGRESS_EVERY == 0:
            counter.step(PROGRESS_EVERY)
    counter.step(written % PROGRESS_EVERY)
    sheet.written = written
    if sheet.chart is not None and sheet.chart.row < written:
        _add_chart(ws, sheet.chart, written)


def _add_chart(ws, spec: RowChart, written: int) -> None:
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.title = spec.title
    chart.legend = None
    first, last, row = spec.first_column + 1, spec.last_column + 1, spec.row + 3
    values = Reference(ws, min_col=first, max_col=last, min_row=row, max_row=row)
    chart.add_data(values, from_rows=True, titles_from_data=False)
    chart.set_categories(Reference(ws, min_col=first, max_col=last, min_row=2, max_row=2))
    chart.width, chart.height = 24, 9  # cm
    ws.add_chart(chart, f"B{written + 5}")


def _sheet_title(name: str) -> str:
    # Excel sheet names: at most 31 characters, none of []:*?/\
    return re.sub(r"[\[\]:*?/\\]", "", name)[:31] or "清单"


def _title_row(ws, title: str, width: int) -> list:
    cell = WriteOnlyCell(ws, clean_text(title))
    cell.font = Font(name=FONT_NAME, bold=True, size=16)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    return [cell] + [None] * (width - 1)


_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _header_row(ws, columns: list[Column]) -> list:
    cells = []
    for column in columns:
        cell = WriteOnlyCell(ws, clean_text(column.heading))
        cell.font = Font(name=FONT_NAME, bold=True, size=BODY_PT)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        cells.append(cell)
    return cells


def _row_filler(
    ws, columns: list[Column], widths: list[float]
) -> Callable[[Sequence], tuple[list, int]]:
    """A function turning a row of values into the row of cells to append and the number
    of lines its tallest cell wraps onto."""
    cells = [_body_cell(ws, column.kind) for column in columns]
    setters = [_SETTERS.get(column.kind, _set_general) for column in columns]
    # Digits a line holds, for the columns whose text wraps; 0 for numbers and dates.
    rooms = [
        0 if column.kind in excel_print.UNWRAPPED else excel_print.room(width)
        for column, width in zip(columns, widths, strict=True)
    ]
    triples = list(zip(cells, setters, rooms, strict=True))

    def fill(values: Sequence) -> tuple[list, int]:
        lines = 1
        # Empty cells are written too, so the table's borders have no gaps.
        for (cell, setter, room), value in zip(triples, chain(values, _NONE), strict=False):
            if value is None or value == "":
                internals.set_value(cell, None, "n")
                continue
            setter(cell, value)
            # A hanzi is at most two digits wide, so most text is seen to fit at a glance.
            if room and isinstance(value, str) and (len(value) * 2 > room or "\n" in value):
                lines = max(lines, excel_print.lines_needed(value, room))
        return cells, lines

    return fill


_NONE = (None,) * 256  # pads a short row to every column


def _body_cell(ws, kind: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws)
    cell.font = Font(name=FONT_NAME, size=BODY_PT)
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    cell.border = _BORDER
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
