"""Benchmark of the Excel lists: a 100,000-row willing list against bare openpyxl.

    python bench/bench_lists.py [--rows 100000] [--db PATH] [--repeat 3]

Builds a county database (the demo caseload, then a willing wish for exactly --rows
people), and in the same run writes the same rows three ways:
  ours     casework.exports.lists.export_list("willing"): query, rows, styled writer
  bare     the same service rows, appended as plain tuples to a write-only openpyxl
           workbook with no title, styles, widths or freeze (the floor for this data)
  writer   both writers again on the rows already in memory, to show the writer alone
Times are the best of --repeat runs. Peak memory is measured for our export alone:
Python allocations with tracemalloc, and the whole process's maximum RSS in a child.
Figures, not assertions: this is not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MIB = 1024 * 1024


def build(path: Path, rows: int) -> None:
    """The demo county, then exactly `rows` people whose latest wish is to go out."""
    from casework import clock
    from casework.db import close_database, database, open_database
    from casework.services.demo import demo

    open_database(path)
    households = rows * 10 // 34 + 500  # the demo has about 3.4 people per household
    started = time.perf_counter()
    demo.generate(households=households, seed=1)
    today = clock.today().isoformat()
    with database.atomic():
        # Only the chosen people are willing; the demo's own wishes all say "stay".
        database.execute_sql("UPDATE employment_wish SET willing_to_go_out = 0")
        # Older wishes move a day back, so today's wish is every chosen person's latest.
        database.execute_sql(
            "UPDATE employment_wish SET recorded_on = date(?, '-1 day') WHERE recorded_on >= ?",
            (today, today),
        )
        database.execute_sql(
            "INSERT INTO employment_wish (id, created_at, updated_at, person_id, recorded_on, "
            "willing_to_go_out, destinations, job_kinds, expected_pay, available_from, "
            "constraints, constraint_notes, training_wanted, status, notes) "
            "SELECT lower(hex(randomblob(16))), ?, ?, id, ?, 1, 'beijing,in_region', "
            "'保安、厨师', 6000, ?, 'elders', '', '中式烹饪', 'active', '' "
            "FROM person WHERE deleted_at IS NULL ORDER BY id LIMIT ?",
            (today + " 09:00:00", today + " 09:00:00", today, today, rows),
        )
    close_database()
    print(f"built {path.name}: {households} households in {time.perf_counter() - started:.0f} s")


def service_rows():
    """The willing list's rows as the export sees them: (序号, values...) tuples."""
    from casework.exports import lists
    from casework.services.register import list_rows

    keys = [key for *_spec, key in lists.WILLING]
    for number, row in enumerate(list_rows.willing_rows(), 1):
        yield (number, *[row.get(key) for key in keys])


def ours(target: Path) -> int:
    from casework.exports import lists

    return lists.export_list("willing", target, overwrite=True).total


def bare(target: Path, rows) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("清单")
    count = 0
    for row in rows:
        sheet.append(row)
        count += 1
    book.save(target)
    return count


def ours_writer(target: Path, rows: list) -> int:
    from casework.exports import excel, lists

    columns = [excel.Column("序号", 6, "int")] + [
        excel.Column(h, w, k) for h, w, k, _key in lists.WILLING
    ]
    return excel.write_list(target, "标题", columns, iter(rows), overwrite=True).total


def best(label: str, fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        count = fn()
        times.append(time.perf_counter() - start)
    print(f"  {label:<44} {min(times):6.2f} s   ({count:,} rows; runs {_list(times)})")
    return min(times)


def _list(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


def child_peak(db: Path, target: Path) -> dict:
    """Run our export alone in a fresh interpreter: its peak RSS and tracemalloc peak.

    The peak is the kernel's high-water mark of this process image (VmHWM), which an
    exec resets; ru_maxrss would carry over the peak of the large parent that forked it.
    """
    code = f"""
import json, sys, tracemalloc
sys.path.insert(0, {str(ROOT)!r})
def status(key):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(key))
from casework.db import open_database
from casework.exports import lists
open_database({str(db)!r})
import openpyxl  # loaded before the baseline, as the running application has it
base = status("VmRSS:")
tracemalloc.start()
lists.export_list("willing", {str(target)!r}, overwrite=True)
traced = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(json.dumps({{"base_kib": base, "peak_kib": status("VmHWM:"), "traced": traced}}))
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="reuse (or build once) this database")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-lists-"))
    db = args.db or work / "county.db"
    if not db.exists():
        build(db, args.rows)
    from casework.db import open_database
    from casework.services.register import list_rows

    open_database(db)
    print(f"willing list: {list_rows.count_willing():,} rows")
    print("same run, same rows, best of", args.repeat)
    t_ours = best(
        "ours: export_list('willing') end to end", lambda: ours(work / "o.xlsx"), args.repeat
    )
    t_bare = best(
        "bare openpyxl write-only, same service rows",
        lambda: bare(work / "b.xlsx", service_rows()),
        args.repeat,
    )
    rows = list(service_rows())
    t_w_ours = best(
        "ours: writer alone, rows in memory",
        lambda: ours_writer(work / "w.xlsx", rows),
        args.repeat,
    )
    t_w_bare = best(
        "bare: writer alone, rows in memory", lambda: bare(work / "x.xlsx", rows), args.repeat
    )
    print(f"ratio end to end   ours / bare = {t_ours / t_bare:.2f}   (target <= 1.2)")
    print(f"ratio writer alone ours / bare = {t_w_ours / t_w_bare:.2f}")
    peak = child_peak(db, work / "m.xlsx")
    print(
        f"peak memory of our export: tracemalloc {peak['traced'] / MIB:.1f} MiB; process max RSS "
        f"{peak['peak_kib'] / 1024:.1f} MiB (of which {peak['base_kib'] / 1024:.1f} MiB before "
        "exporting: Python, peewee, openpyxl loaded)   (target <= 100 MiB)"
    )
    size = (work / "o.xlsx").stat().st_size
    print(f"file size {size / MIB:.1f} MiB; files in {work}")


if __name__ == "__main__":
    main()
