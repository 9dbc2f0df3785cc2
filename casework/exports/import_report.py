"""An import's preview saved as Excel, to send back to whoever made the sheet.

Two sheets: 有问题的行 (the rows refused or imported with a warning, and the problems of
whole worksheets) first, since that is what the sheet's maker has to correct, then
全部行, every row and what the import does with it. Rows come as the import shows them
(casework.imports.roster.RosterReport.shown_rows: ID numbers masked, the row number to
find each by); the workbook is written like every list (casework.exports.excel).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from casework.exports.excel import Column, Sheet, WriteResult, write_workbook

COLUMNS = [
    Column("工作表", 12, "text"),
    Column("行号", 6, "int"),
    Column("处理", 7, "text"),
    Column("姓名", 9, "text"),
    Column("身份证号码", 20, "text"),
    Column("户编号", 16, "text"),
    Column("说明", 30, "text"),
    Column("问题", 50, "text"),
]


def _values(row: dict) -> tuple:
    return (
        row["sheet"],
        row["row"],
        row["action_label"],
        row["name"],
        row["id_number"],
        row["household_code"],
        row["detail"],
        "\n".join(row["problems"]),
    )


def write_import_report(
    path: str | os.PathLike[str],
    title: str,
    rows: Sequence[dict],
    sheet_problems: Sequence[tuple[str, str]] = (),
) -> WriteResult:
    """Write the report to `path`; `sheet_problems` are (worksheet, problem) pairs."""
    with_problems = [_values(row) for row in rows if row["problems"]]
    whole_sheets = [
        (sheet, None, "", "", "", "", "整张工作表", text) for sheet, text in sheet_problems
    ]
    sheets = [
        Sheet("有问题的行", f"{title}：有问题的行", COLUMNS, whole_sheets + with_problems),
        Sheet("全部行", f"{title}：全部行", COLUMNS, [_values(row) for row in rows]),
    ]
    return write_workbook(path, sheets)
