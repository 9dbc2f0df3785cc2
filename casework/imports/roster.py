"""Roster import (花名册导入): the county's register from the monitoring system's Excel export.

    report = plan_roster("花名册.xlsx")            # dry run: what would happen, row by row
    report = import_roster("花名册.xlsx", "all")    # or "valid"

A dry run returns a per-row plan (create / update / skip / refuse) and every problem
in Chinese with its sheet and row. The import plans again (the register may have
changed since) and then writes, in ONE transaction, either every valid row ("valid")
or — when any row is refused — nothing at all ("all"). People are matched on their ID
number and households on their code, so importing the same file twice updates and
never duplicates.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from casework import clock
from casework.db import database
from casework.imports import roster_write
from casework.imports.reader import RosterFileError, read_roster
from casework.imports.roster_plan import Plan, Planner, RowPlan
from casework.imports.roster_rows import RowInput, parse_row
from casework.services.safety import backups

MODES = {
    "all": "全部无误才导入（有一行不能导入就全部不导入）",
    "valid": "只导入无误的行（有问题的行跳过）",
}

Progress = Callable[[int, int | None, str], None]

__all__ = ["MODES", "Problem", "RosterFileError", "RosterReport", "import_roster", "plan_roster"]


@dataclass
class Problem:
    """One thing the cadre should know: where (sheet, row) and what, in Chinese."""

    sheet: str
    row: int | None
    message: str
    severity: str = "error"  # "error": the row is not imported; "warning": imported anyway

    def __str__(self) -> str:
        where = f"工作表“{self.sheet}”" + (f"第{self.row}行" if self.row else "")
        kind = "" if self.severity == "error" else "（提示）"
        return f"{where}{kind}：{self.message}"


@dataclass
class RosterReport:
    path: Path
    mode: str  # "dry-run", "all" or "valid"
    rows: list[RowPlan]
    problems: list[Problem]
    applied: bool = False
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def refused(self) -> list[RowPlan]:
        return [r for r in self.rows if r.action == "refuse"]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def action_counts(self) -> dict[str, int]:
        counts = {"create": 0, "update": 0, "skip": 0, "refuse": 0}
        for row in self.rows:
            counts[row.action] += 1
        return counts

    def summary(self) -> str:
        """A few Chinese lines: what was (or would be) done."""
        c = self.action_counts()
        lines = [
            f"共读取 {len(self.rows)} 行：新增 {c['create']} 人，更新 {c['update']} 人，"
            f"无变化 {c['skip']} 人，不能导入 {c['refuse']} 行。"
        ]
        if self.counts:
            k = self.counts
            lines.append(
                f"新建户 {k.get('households_created', 0)} 户，更新户 "
                f"{k.get('households_updated', 0)} 户，新建地区 {k.get('areas_created', 0)} 个。"
            )
        if self.mode == "dry-run":
            lines.append("这是预览，尚未导入任何数据。")
        elif self.applied:
            lines.append("已导入。")
        else:
            lines.append("有不能导入的行，按“全部无误才导入”的选择，本次没有导入任何数据。")
        return "\n".join(lines)


def plan_roster(path: str | os.PathLike[str], progress: Progress | None = None) -> RosterReport:
    """Dry run: read the workbook and say what importing it would do. Writes nothing."""
    report, _plan = _prepare(Path(path), "dry-run", progress)
    return report


def import_roster(
    path: str | os.PathLike[str], mode: str = "all", progress: Progress | None = None
) -> RosterReport:
    """Import the roster at `path`; mode "all" (all or nothing) or "valid" (the valid rows)."""
    if mode not in MODES:
        raise ValueError(f"导入方式只能是 {'、'.join(MODES)}")
    path = Path(path)
    _say(progress, 0, None, "正在备份数据…")
    backups.before("import", f"花名册 {path.name}")
    with database.atomic():
        report, plan = _prepare(path, mode, progress)
        if mode == "all" and report.refused:
            return report
        report.counts = roster_write.apply(plan, progress)
        report.applied = True
    return report


def _prepare(path: Path, mode: str, progress: Progress | None) -> tuple[RosterReport, Plan]:
    _say(progress, 0, None, "正在读取工作簿…")
    items, sheet_problems = _read(path)
    problems = [Problem(p.sheet, None, p.message, p.severity) for p in sheet_problems]
    if not items:
        problems.append(Problem(path.name, None, "没有找到可以导入的人员行"))
    _say(progress, 0, len(items), "正在核对数据…")
    plan = Planner(items).plan(
        items, (lambda done, total: _say(progress, done, total, "正在核对数据…"))
    )
    for row in plan.rows:
        problems.extend(Problem(row.sheet, row.row, m) for m in row.errors)
        problems.extend(Problem(row.sheet, row.row, m, "warning") for m in row.warnings)
    report = RosterReport(path, mode, plan.rows, problems)
    report.counts = roster_write.planned_counts(plan)
    return report, plan


# The last file read, so that importing right after its dry run does not read it again.
_last_read: tuple[tuple, list[RowInput], list] | None = None


def _read(path: Path) -> tuple[list[RowInput], list]:
    """The parsed rows and sheet problems of `path`; reused while the file is unchanged."""
    global _last_read
    try:
        stat = path.stat()
    except OSError:
        stat = None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, clock.today()) if stat else None
    if key is not None and _last_read is not None and _last_read[0] == key:
        return _last_read[1], _last_read[2]
    read = read_roster(path)
    items = [
        parse_row(sheet.name, number, raw) for sheet in read.sheets for number, raw in sheet.rows
    ]
    _last_read = (key, items, read.problems) if key else None
    return items, read.problems


def _say(progress: Progress | None, done: int, total: int | None, text: str) -> None:
    if progress is not None:
        progress(done, total, text)
