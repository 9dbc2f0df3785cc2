"""Roster import (花名册导入): the county's register from the monitoring system's Excel export.

    report = import_roster("花名册.xlsx", dry_run=True)   # what would happen, row by row
    report = import_roster("花名册.xlsx")                 # import the valid rows
    report = import_roster("花名册.xlsx", all_or_nothing=True)

The options are those of the labour-demand import (casework.imports.postings): by
default the valid rows are imported and the refused ones reported; `all_or_nothing`
imports nothing while any row is refused. The workbook is read here (the shared
pipeline: casework.imports.workbook, headings, cells) into clean rows; the register's
bulk path (services.register.roster_bulk) plans them against the register and writes
them in ONE transaction. People are matched on their ID number and households on their
code, so importing the same file twice updates and never duplicates.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from casework import clock
from casework.imports.roster_rows import ROSTER, RowInput, parse_row
from casework.imports.workbook import Problem, WorkbookError, read_workbook
from casework.masking import mask_id_number
from casework.services.register import roster_bulk
from casework.services.register.roster_areas import NewArea
from casework.services.register.roster_bulk import Progress
from casework.services.register.roster_plan import RowPlan

# How the window offers the one option (all_or_nothing) by its two values.
MODES = {
    "all": "全部无误才导入（有一行不能导入就全部不导入）",
    "valid": "只导入无误的行（有问题的行跳过）",
}

__all__ = [
    "MODES",
    "Problem",
    "RosterReport",
    "WorkbookError",
    "import_roster",
]


@dataclass
class RosterReport:
    path: Path
    rows: list[RowPlan]
    problems: list[Problem]
    dry_run: bool = False
    all_or_nothing: bool = False
    applied: bool = False
    cancelled: bool = False
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def refused(self) -> int:
        return sum(r.action == "refused" for r in self.rows)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def new_areas(self) -> list[NewArea]:
        """The 旗县, 苏木乡镇 and 嘎查村 the import would create for its valid rows: names the
        area tree does not have, each to be confirmed (often a typo)."""
        found: dict[str, NewArea] = {}
        for row in self.rows:
            if row.action != "refused":
                for area in row.new_areas:
                    if area.needs_confirming:
                        found.setdefault(area.key, area)
        return list(found.values())

    def shown_rows(self) -> list[dict]:
        """Each row as the preview and the saved report show it: the ID number masked (or,
        refused over it, the cell as written, masked too) and every problem in words."""
        return [_shown(row) for row in self.rows]

    def action_counts(self) -> dict[str, int]:
        counts = {"create": 0, "update": 0, "unchanged": 0, "refused": 0}
        for row in self.rows:
            counts[row.action] += 1
        return counts

    def summary(self) -> str:
        """A few Chinese lines: what was (or would be) done."""
        c = self.action_counts()
        lines = [
            f"共读取 {len(self.rows)} 行：新增 {c['create']} 人，更新 {c['update']} 人，"
            f"无变化 {c['unchanged']} 人，不能导入 {c['refused']} 行。"
        ]
        if self.counts:
            k = self.counts
            lines.append(
                f"新建户 {k.get('households_created', 0)} 户，更新户 "
                f"{k.get('households_updated', 0)} 户，新建地区 {k.get('areas_created', 0)} 个。"
            )
        if self.dry_run:
            lines.append("这是预览，尚未导入任何数据。")
        elif self.applied:
            lines.append("已导入。")
        elif self.cancelled:
            lines.append("已取消，没有导入任何数据。")
        else:
            lines.append("有不能导入的行，按“全部无误才导入”的选择，本次没有导入任何数据。")
        return "\n".join(lines)


def import_roster(
    path: str | os.PathLike[str],
    *,
    dry_run: bool = False,
    all_or_nothing: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RosterReport:
    """Import the roster at `path` (see the module's docstring for the options).

    Raises WorkbookError for a file that cannot be read at all.
    """
    path = Path(path)
    if progress:
        progress(0, None, "正在读取工作簿…")
    items, sheet_problems = _read(path)
    result = roster_bulk.import_rows(
        items,
        dry_run=dry_run,
        all_or_nothing=all_or_nothing,
        progress=progress,
        cancelled=cancelled,
        source=f"花名册 {path.name}",
    )
    problems = list(sheet_problems)
    for row in result.rows:
        problems.extend(Problem(row.sheet, row.row, m) for m in row.errors)
        problems.extend(Problem(row.sheet, row.row, m, "warning") for m in row.warnings)
    return RosterReport(
        path,
        result.rows,
        problems,
        dry_run=dry_run,
        all_or_nothing=all_or_nothing,
        applied=result.applied,
        cancelled=result.cancelled,
        counts=result.counts,
    )


_ROUNDED = re.compile(r"\d(\.\d+)?E\+?\d+", re.IGNORECASE)


def _id_shown(plan: RowPlan) -> str:
    text = plan.id_as_written
    if not plan.id_number and _ROUNDED.fullmatch(text):
        return text  # Excel's rounded 1.50521E+17: six digits, nobody's number
    return mask_id_number(text)


def _shown(plan: RowPlan) -> dict:
    return {
        "id": f"{plan.sheet}:{plan.row}",
        "sheet": plan.sheet,
        "row": plan.row,
        "action": plan.action,
        "action_label": plan.action_label,
        "name": plan.name,
        "id_number": _id_shown(plan),
        "household_code": plan.household_code,
        "detail": plan.detail,
        "problems": [*plan.errors, *(f"提示：{w}" for w in plan.warnings)],
        "warnings": list(plan.warnings),
    }


# The last file read, so that importing right after its dry run does not read it again.
_last_read: tuple[tuple, list[RowInput], list[Problem]] | None = None


def _read(path: Path) -> tuple[list[RowInput], list[Problem]]:
    """The parsed rows and sheet problems of `path`; reused while the file is unchanged."""
    global _last_read
    try:
        stat = path.stat()
    except OSError:
        stat = None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, clock.today()) if stat else None
    if key is not None and _last_read is not None and _last_read[0] == key:
        return _last_read[1], _last_read[2]
    read = read_workbook(path, ROSTER)
    items = [parse_row(sheet, number, raw) for sheet, number, raw in read.rows()]
    _last_read = (key, items, read.problems) if key else None
    return items, read.problems
