"""Benchmark of the roster import: 10,000 rows from a monitoring-system style workbook.

    python bench/bench_import.py [--rows 10000] [--repeat 3]

Each run starts from an empty database (only the county exists) and times:
  dry run          read the workbook, clean every row, plan against the register
  import (cold)    the same and the writing, in one transaction, without a dry run first
  dry run + import what the wizard does: preview, then import (the file is read once)
  re-import        the same file again: every row matched, nothing to change
Times are the best of --repeat runs. Figures, not assertions: not part of the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def fresh_database(folder: Path, name: str) -> None:
    from casework.db import open_database
    from casework.services.register import areas

    open_database(folder / name)
    areas.create_area(None, "科左中旗", "150521")


def forget_last_read() -> None:
    from casework.imports import roster

    roster._last_read = None  # a cold run reads the workbook again


def run_once(folder: Path, workbook: Path, index: int) -> dict[str, float]:
    from casework.imports import roster

    times = {}
    fresh_database(folder, f"a{index}.db")
    forget_last_read()
    start = time.perf_counter()
    plan = roster.import_roster(workbook, dry_run=True)
    times["dry run"] = time.perf_counter() - start
    assert not plan.refused, plan.problems[:3]

    fresh_database(folder, f"b{index}.db")
    forget_last_read()
    start = time.perf_counter()
    report = roster.import_roster(workbook, all_or_nothing=True)
    times["import (cold)"] = time.perf_counter() - start
    assert report.applied and report.counts["people_created"] == len(plan.rows)

    fresh_database(folder, f"c{index}.db")
    forget_last_read()
    start = time.perf_counter()
    roster.import_roster(workbook, dry_run=True)
    roster.import_roster(workbook, all_or_nothing=True)
    times["dry run + import"] = time.perf_counter() - start

    start = time.perf_counter()
    again = roster.import_roster(workbook, all_or_nothing=True)
    times["re-import (all unchanged)"] = time.perf_counter() - start
    assert again.counts["people_unchanged"] == len(plan.rows)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from tests.roster_builder import big_roster

    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    workbook = folder / "花名册.xlsx"
    big_roster(workbook, args.rows)
    print(f"roster: {args.rows:,} rows, {workbook.stat().st_size / 1024:.0f} KiB")
    runs = [run_once(folder, workbook, i) for i in range(args.repeat)]
    for key in runs[0]:
        samples = ", ".join(f"{r[key]:.2f}" for r in runs)
        print(f"  {key:<28} {min(r[key] for r in runs):5.2f} s   (runs {samples})")
    print("target: 10,000 rows with validation <= 5 s")
    from casework.db import close_database

    close_database()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
