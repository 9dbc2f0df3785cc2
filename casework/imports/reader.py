"""Reading a roster workbook: every sheet with a recognisable header, merged cells filled in.

openpyxl's read-only mode streams rows cheaply but does not tell which cells are
merged; the merge list is read from the sheet's XML (<mergeCell ref="A3:A5"/>) so a
household code merged across its members' rows reaches every row. That same pass
(casework.spreadsheets) measures the workbook first: one too large to import in
reasonable time is refused before a row is read. Rows above the header (titles), blank
rows and repeated header rows (a header on every printed page) are passed over. A file
that is not an .xlsx workbook raises RosterFileError with a Chinese message; nothing
here ever lets a malformed file crash the import.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from casework import spreadsheets
from casework.imports.headers import LABELS, field_for, match_header, missing_columns


class RosterFileError(Exception):
    """The file as a whole cannot be read; the message says why, in Chinese."""


@dataclass
class SheetProblem:
    sheet: str
    message: str
    severity: str = "error"  # "warning" for a sheet that holds no roster at all


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
    problems: list[SheetProblem]


def read_roster(path: str | os.PathLike[str]) -> ReadResult:
    """Every usable sheet of the workbook at `path`, and what was wrong with the others."""
    book, sizes = _open(Path(path))
    sheets, problems = [], []
    any_data = False
    try:
        for ws, size in zip(book.worksheets, sizes, strict=True):
            if size is None:
                continue  # a chart sheet
            found, had_data, problem = _read_sheet(ws, size.merges)
            any_data = any_data or had_data
            if found is not None:
                sheets.append(found)
            if problem:
                problems.append(problem)
    except Exception as error:  # a damaged sheet can fail in many ways; none may crash us
        raise RosterFileError(
            f"读取工作簿时出错，文件可能已损坏（{type(error).__name__}）"
        ) from None
    finally:
        book.close()
    if not any_data:
        raise RosterFileError("工作簿中没有任何数据")
    return ReadResult(sheets, problems)


def _open(path: Path):
    """The workbook and its sheets' sizes; RosterFileError when it cannot or may not be read."""
    from openpyxl.utils.exceptions import InvalidFileException

    if not path.is_file():
        raise RosterFileError(f"找不到文件：{path}")
    suffix = path.suffix.lower()
    if suffix in (".xls", ".et"):
        raise RosterFileError(
            "这是旧版Excel（.xls）文件，请在Excel或WPS中“另存为”Excel工作簿（.xlsx）后再导入"
        )
    if suffix in (".csv", ".txt"):
        raise RosterFileError("请导入Excel工作簿（.xlsx）；CSV文件请先在Excel中另存为.xlsx")
    try:
        return spreadsheets.open_workbook(path)
    except spreadsheets.WorkbookTooLarge as error:
        raise RosterFileError(f"无法导入“{path.name}”：{error}") from None
    except PermissionError:
        raise RosterFileError(
            f"无法打开“{path.name}”：没有权限，或文件正在Excel/WPS中打开"
        ) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise RosterFileError(
            f"无法读取“{path.name}”：它不是有效的Excel工作簿（.xlsx），或文件已损坏"
            "（如果文件设置了打开密码，请先在Excel中取消密码）"
        ) from None
    except Exception as error:  # whatever else a damaged file provokes inside openpyxl
        raise RosterFileError(
            f"无法读取“{path.name}”：文件已损坏（{type(error).__name__}）"
        ) from None


def _read_sheet(ws, merged: list) -> tuple[SheetRows | None, bool, SheetProblem | None]:
    """(the sheet's rows or None, whether it holds anything, a problem to report)."""
    merges = _Merges(merged)
    sheet: SheetRows | None = None
    header_cells: list[str] = []
    had_data = False
    for number, values in enumerate(spreadsheets.row_values(ws), 1):
        values = merges.fill(number, values)
        if not any(_filled(v) for v in values):
            continue
        had_data = True
        if sheet is None:
            columns = match_header(values)
            if columns is None:
                continue
            missing = missing_columns(columns)
            if missing:
                names = "、".join(f"“{m}”" for m in missing)
                message = f"第{number}行的表头缺少{names}列，该工作表未导入"
                return None, True, SheetProblem(ws.title, message)
            sheet = SheetRows(ws.title, number, columns)
            header_cells = [str(v) if v is not None else "" for v in values]
            continue
        if _is_header_again(values, sheet.columns, header_cells):
            continue
        sheet.rows.append(
            (number, {f: values[i] for f, i in sheet.columns.items() if i < len(values)})
        )
    if sheet is None and had_data:
        wanted = "、".join(LABELS[f] for f in ("name", "id_number", "household_code"))
        message = f"没有找到表头（应有{wanted}等列），该工作表未导入"
        return None, True, SheetProblem(ws.title, message, "warning")
    return sheet, had_data, None


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _is_header_again(values: list, columns: dict[str, int], header: list[str]) -> bool:
    index = columns.get("name", columns.get("id_number"))
    cell = values[index] if index is not None and index < len(values) else None
    return isinstance(cell, str) and field_for(cell) in ("name", "id_number") and bool(header)


class _Merges:
    """Copies each merged range's top-left value into every cell of the range, row by row."""

    def __init__(self, ranges: list[tuple[int, int, int, int]]) -> None:
        self.starting: dict[int, list[tuple[int, int, int, int]]] = {}
        for first_col, first_row, last_col, last_row in ranges:
            # Cells beyond what a row is read up to are never looked at: no need to fill.
            bounds = (first_col, first_row, min(last_col, spreadsheets.MAX_COLUMNS), last_row)
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
