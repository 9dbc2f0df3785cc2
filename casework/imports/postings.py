"""Labour-demand import (用工需求表导入): postings from an employer's .xlsx sheet.

    report = import_postings("用工需求.xlsx", dry_run=True)   # what would happen, row by row
    report = import_postings("用工需求.xlsx")                 # save the rows without problems
    report = import_postings("用工需求.xlsx", all_or_nothing=True)

The options are those of the roster import (casework.imports.roster). The sheet is read
by the shared pipeline into rows (casework.imports.postings_rows); the jobs service
(services.jobs.postings_import) matches them to employers and postings and saves them.
Raises casework.imports.workbook.WorkbookError, in Chinese, for a file it cannot read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from casework.imports.postings_rows import read_postings
from casework.services.jobs import postings_import
from casework.services.jobs.postings_import import ImportReport, Progress


def import_postings(
    path: str | os.PathLike[str],
    *,
    dry_run: bool = False,
    all_or_nothing: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Check (and unless `dry_run`, save) the postings of the labour-demand sheet at `path`."""
    rows, problems = read_postings(path)
    report = postings_import.import_rows(
        rows,
        dry_run=dry_run,
        all_or_nothing=all_or_nothing,
        progress=progress,
        cancelled=cancelled,
        source=f"用工需求表 {Path(path).name}",
    )
    report.problems[:0] = [str(p) for p in problems]
    return report
