"""How a list sheet prints: column widths from its content, A4 landscape, never below 8 pt.

A write-only sheet writes its column widths before its first row, so the widths come
from the header and a sample of the first rows (SAMPLE_ROWS), which the writer holds
back and then writes first. A hanzi counts two, as it is twice as wide as a digit;
text wider than its column's cap wraps instead of widening the column, while numbers
and dates (which cannot wrap) always get the width they need.

Fit-to-width shrinks a wide list until it fits, which can leave a 22-column list at
5 pt. So the columns are packed onto pages as they would print at the smallest
acceptable scale (MIN_PRINTED_PT over BODY_PT), and the sheet is fitted to that many
pages wide; on such a list the first column (序号) repeats on every page so each
row can be followed across.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Sequence

from openpyxl.worksheet.page import PageMargins

SAMPLE_ROWS = 1000
BODY_PT = 10
MIN_PRINTED_PT = 8
FONT_NAME = "宋体"
FOOTER = "第 &P 页 共 &N 页"
PADDING = 2  # a character's room either side of the text
MIN_WIDTH = 4
# Text this wide never wraps, whatever its column's cap: the vocabularies' labels
# (建档立卡户, 有意愿待推荐) and names stay on one line.
ALWAYS_FITS = 14
MARGIN_IN = 0.5
PAPER_A4 = "9"  # the paper size code (ECMA-376), as openpyxl stores it
# A4 landscape is 842 pt wide; what the left and right margins leave for the table.
PRINTABLE_PT = 842 - 2 * 72 * MARGIN_IN
# An Excel width unit is one digit of the workbook's default font (Calibri 11: 7 px at
# 96 dpi), and every column has 5 px of padding on top.
_DIGIT_PX, _COLUMN_PX, _PT_PER_PX = 7, 5, 0.75
UNWRAPPED = frozenset({"int", "money", "date"})
# Neither LibreOffice nor Excel grows a row to fit wrapped text when it opens a file,
# so a row that wraps is given its height: a line of 10 pt CJK text takes about 14.5 pt.
LINE_PT, ROW_PAD_PT = 14.5, 2


def display_width(text: str) -> int:
    """Columns of digits `text` takes: a hanzi (or a full-width sign) counts 2."""
    if text.isascii():
        return max(map(len, text.split("\n")))
    return max(
        sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        for line in text.split("\n")
    )


def shown(value: object, kind: str) -> str:
    """Roughly the text Excel shows for `value` in a column of `kind`."""
    if isinstance(value, bool):
        return "是"
    if isinstance(value, dt.date):
        return "2026-01-01"
    if kind == "money" and isinstance(value, (int, float)):
        return f"{value:,.0f}"
    return str(value)


def heading_width(heading: str) -> int:
    """A long heading wraps onto two lines rather than widen a narrow column."""
    width = display_width(heading)
    return width if width <= 8 else math.ceil(width / 4) * 2


def column_widths(columns: Sequence, sample: Sequence[Sequence]) -> list[float]:
    """Each column's width: its heading's and its widest sampled value's, text capped."""
    widths = []
    for index, column in enumerate(columns):
        values = (row[index] for row in sample if index < len(row))
        needed = max(
            (display_width(shown(v, column.kind)) for v in values if v is not None and v != ""),
            default=0,
        )
        if column.kind not in UNWRAPPED:
            needed = min(needed, max(column.max_width - PADDING, ALWAYS_FITS))
        widths.append(max(MIN_WIDTH, heading_width(column.heading), needed) + PADDING)
    return widths


def room(width: float) -> float:
    """How much text (in digits) one line of a column of `width` holds."""
    return width - PADDING


def lines_needed(text: str, room: float) -> int:
    """Lines `text` wraps onto in a column holding `room` digits a line."""
    return sum(max(1, math.ceil(display_width(line) / room)) for line in text.split("\n"))


def row_height(lines: int) -> float:
    return lines * LINE_PT + ROW_PAD_PT


def header_height(columns: Sequence, widths: Sequence[float]) -> float:
    """The header row's height: its longest heading wrapped in its column."""
    lines = (
        lines_needed(column.heading, room(width))
        for column, width in zip(columns, widths, strict=True)
    )
    return row_height(max(lines, default=1))


def points(width: float) -> float:
    """A column's printed width in points at 100 %."""
    return (width * _DIGIT_PX + _COLUMN_PX) * _PT_PER_PX


def page_columns(
    widths: Sequence[float], room: float = PRINTABLE_PT * BODY_PT / MIN_PRINTED_PT
) -> list[int]:
    """How many columns each page across holds in `room` points (by default, printed at
    the smallest acceptable scale).

    Pages break between columns, so this packs whole columns; pages after the first
    also carry the repeated first column.
    """
    repeated = points(widths[0]) if widths else 0
    pages: list[int] = []
    used, count = 0.0, 0
    for width in map(points, widths):
        if count and used + width > room:
            pages.append(count)
            used, count = repeated, 0
        used += width
        count += 1
    return [*pages, count] if count else pages or [0]


def set_up_printing(ws, widths: Sequence[float]) -> int:
    """Widths, paper, margins, footer, repeated header and fit.

    Returns how many columns the title may centre over: all of them on a list one page
    wide, else those surely on the first page (as many as fit at 100 %).
    """
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    pages = page_columns(widths)
    # A row of one line: a little air around 10 pt text, where Excel's default is tight.
    ws.sheet_format.defaultRowHeight = row_height(1)
    ws.sheet_format.customHeight = True
    ws.print_title_rows = "2:2"  # the header row; the title prints once, at the top
    if len(pages) > 1:
        ws.print_title_cols = "A:A"
    setup = ws.page_setup
    setup.paperSize = PAPER_A4
    setup.orientation = "landscape"
    setup.fitToWidth = len(pages)
    setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(
        left=MARGIN_IN, right=MARGIN_IN, top=0.6, bottom=0.7, header=0.3, footer=0.3
    )
    ws.oddFooter.center.text = FOOTER
    ws.oddFooter.center.font = f"{FONT_NAME},Regular"
    ws.oddFooter.center.size = 9
    if len(pages) == 1:
        return len(widths)
    return max(1, page_columns(widths, PRINTABLE_PT)[0])
