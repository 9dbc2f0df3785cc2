"""Opening a workbook from outside and reading its sheets: the first step of every import.

A file that is not an .xlsx workbook, is too large to import (casework.imports.limits,
checked before openpyxl reads a row), is locked or is damaged raises WorkbookError with a
Chinese message; nothing here lets a malformed file crash an import. On each sheet the
header row is found by its headings (casework.imports.headings); title rows above it,
blank rows, repeated header rows (a header on every printed page) and totals rows are
passed over. openpyxl's read-only mode does not say which cells are merged, so the merge
list comes from the sheet's XML (read while measuring it) and each merged range's value
reaches every cell of the range: a household code merged down its members' rows, an
employer merged down its postings.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from casework.imports import limits
from casework.imports.headings import SheetKind

TOTALS = ("合计", "总计", "小计")


class WorkbookError(Exception):
    """The file as a whole cannot be read; the message says why, in Chinese."""


@dataclass
class Problem:
    """One thing the cadre should know: where (sheet, row) and what, in Chinese."""

    sheet: str  # "" for the workbook as a whole
    row: int | None
    message: str
    severity: str = "error"  # "error": not imported; "warning": imported, or nothing to import

    def __str__(self) -> str:
        kind = "" if self.severity == "error" else "（提示）"
        if not self.sheet:  # the workbook as a whole
            return f"{kind}{self.message}"
        where = f"工作表“{self.sheet}”" + (f"第{self.row}行" if self.row else "")
        return f"{where}{kind}：{self.message}"


@dataclass
class SheetRows:
    name: str
    header_row: int
    columns: dict[str, int]
    # (row number as Excel shows it, {field: raw cell value})
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)


@dataclass
class ReadResult:
    sheets: list[SheetRows]
    problems: list[Problem]  # about sheets not read, or no rows at all; row None

    def rows(self) -> Iterator[tuple[str, int, dict[str, object]]]:
        """(sheet, row number, {field: raw cell value}) for every data row, in file order."""
        for sheet in self.sheets:
            for number, raw in sheet.rows:
                yield sheet.name, number, raw


def read_workbook(path: str | os.PathLike[str], kind: SheetKind) -> ReadResult:
    """Every sheet of the workbook at `path` that has a `kind` header, and what was wrong
    with the others. Raises WorkbookError for a file that cannot be read at all."""
    path = Path(path)
    book, sizes = _open(path)
    sheets, problems = [], []
    any_data = False
    try:
        for ws, size in zip(book.worksheets, sizes, strict=True):
            if size is None:
                continue  # a chart sheet
            found, had_data, problem = _read_sheet(ws, size.merges, kind)
            any_data = any_data or had_data
            if found is not None:
                sheets.append(found)
            if problem:
                problems.append(problem)
    except Exception as error:  # a damaged sheet can fail in many ways; none may crash us
        raise WorkbookError(
            f"读取“{path.name}”时出错，文件可能已损坏（{type(error).__name__}）"
        ) from None
    finally:
        book.close()
    if not any_data:
        raise WorkbookError(f"“{path.name}”中没有任何数据")
    if not any(sheet.rows for sheet in sheets):
        problems.append(Problem("", None, f"没有找到可以导入的{kind.noun}行"))
    return ReadResult(sheets, problems)


def _open(path: Path):
    """The workbook and its sheets' sizes; WorkbookError when it cannot or may not be read."""
    from openpyxl.utils.exceptions import InvalidFileException

    if not path.is_file():
        raise WorkbookError(f"找不到文件：{path}")
    suffix = path.suffix.lower()
    if suffix in (".xls", ".et"):
        raise WorkbookError(
            "这是旧版Excel（.xls）文件，请在Excel或WPS中“另存为”Excel工作簿（.xlsx）后再导入"
        )
    if suffix in (".csv", ".txt"):
        raise WorkbookError("请导入Excel工作簿（.xlsx）；CSV文件请先在Excel中另存为.xlsx")
    try:
        return limits.open_workbook(path)
    except limits.WorkbookTooLarge as error:
        raise WorkbookError(f"无法导入“{path.name}”：{error}") from None
    except PermissionError:
        raise WorkbookError(f"无法打开“{path.name}”：没有权限，或文件正在Excel/WPS中打开") from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise WorkbookError(
            f"无法读取“{path.name}”：它不是有效的Excel工作簿（.xlsx），或文件已损坏"
            "（如果文件设置了打开密码，请先在Excel中取消密码）"
        ) from None
    except Exception as error:  # whatever else a damaged file provokes inside openpyxl
        raise WorkbookError(
            f"无法读取“{path.name}”：文件已损坏（{type(error).__name__}）"
        ) from None


def _read_sheet(ws, merged: list, kind: SheetKind) -> tuple[SheetRows | None, bool, Problem | None]:
    """(the sheet's rows or None, whether it holds anything, a problem to report)."""
    merges = _Merges(merged)
    sheet: SheetRows | None = None
    had_data = False
    for number, values in enumerate(row_values(ws), 1):
        values = merges.fill(number, values)
        if not any(_filled(v) for v in values):
            continue
        had_data = True
        if sheet is None:
            columns = kind.header(values)
            if columns is None:
                continue
            missing = kind.missing(columns)
            if missing:
                names = "、".join(f"“{m}”" for m in missing)
                message = f"第{number}行的表头缺少{names}列，该工作表未导入"
                return None, True, Problem(ws.title, None, message)
            sheet = SheetRows(ws.title, number, columns)
            continue
        if _is_header_again(values, sheet.columns, kind) or _is_totals(values):
            continue
        sheet.rows.append(
            (number, {f: values[i] for f, i in sheet.columns.items() if i < len(values)})
        )
    if sheet is None and had_data:
        wanted = "、".join(kind.labels[f] for f in kind.required)
        message = f"没有找到表头（应有{wanted}等列），该工作表未导入"
        return None, True, Problem(ws.title, None, message, "warning")
    return sheet, had_data, None


def row_values(ws) -> Iterator[list]:
    """The sheet's rows as lists of values, each cut to limits.MAX_COLUMNS cells.

    The cut keeps a stray cell in column XFD from turning each row it is on into 16,384
    values for the import to look at.
    """
    ws.reset_dimensions()  # some exporters write a wrong size; read every row there is
    for values in ws.iter_rows(values_only=True):
        yield list(values[: limits.MAX_COLUMNS])


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _is_header_again(values: list, columns: dict[str, int], kind: SheetKind) -> bool:
    for name in kind.identifying:
        index = columns.get(name)
        if index is not None and index < len(values) and kind.is_heading(values[index]):
            return True
    return False


def _is_totals(values: list) -> bool:
    """A 合计 / 总计 row at the foot of a table, in one of its first filled cells."""
    first = [v for v in values if _filled(v)][:3]
    return any(isinstance(v, str) and v.strip().replace(" ", "") in TOTALS for v in first)


class _Merges:
    """Copies each merged range's top-left value into every cell of the range, row by row."""

    def __init__(self, ranges: list[tuple[int, int, int, int]]) -> None:
        self.starting: dict[int, list[tuple[int, int, int, int]]] = {}
        for first_col, first_row, last_col, last_row in ranges:
            # Cells beyond what a row is read up to are never looked at: no need to fill.
            bounds = (first_col, first_row, min(last_col, limits.MAX_COLUMNS), last_row)
            if bounds[0] <= bounds[2]:
                self.starting.setdefault(first_row, []).append(bounds)
        self.active: list[tuple[tuple[int, int, int, int], object]] = []

    def fill(self, number: int, values: list) -> list:
        if not self.starting and not self.active:
            return values
        self.active = [(b, v) for b, v in self.active if b[3] >= number]
        for bounds in self.starting.pop(number, []):
            first = bounds[0] - 1
            self.active.append((bounds, values[first] if first < len(values) else None))
        for (col1, _r1, col2, _r2), value in self.active:
            if len(values) < col2:
                values.extend([None] * (col2 - len(values)))
            for index in range(col1 - 1, col2):
                values[index] = value
        return values
