"""Benchmark of the 修改记录 lists with a county's history (issue #9).

    python bench/bench_history.py --county PLAIN30K.db [--per-person 10]

PLAIN30K.db is a demo county (`python main.py demo --households 30000`); it is copied,
never written. The copy is given `--per-person` phone changes for every person (about a
million rows with the default), spread over 2026 and over two laptops, then each list
is timed next to its anchor, the bare SQL the list cannot do without:
- 最近修改, one page with each filter (a count and 50 rows with their labels), next to
  `SELECT count(*) FROM change` and the newest 50 by the Lamport index;
- a household's 修改记录 tab and a person's window, next to the bare lookup of a
  record's changes by `record_id`.
Figures, not assertions: this is not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FILL = """
INSERT INTO change (id, created_at, updated_at, entity, record_id, field, old_value,
    new_value, changed_at, cadre_id, replica, seq, lamport, parents)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
SELECT lower(hex(randomblob(16))), '2026-01-01', '2026-01-01', 'person', p.id, 'phone',
    '1380000' || (p.rowid % 10000), '1390000' || (p.rowid % 10000),
    datetime('2026-01-01', '+' || ((p.rowid * 10 + n.i) % 330) || ' days'), NULL,
    CASE WHEN p.rowid % 2 THEN 'bench-laptop-a' ELSE 'bench-laptop-b' END,
    p.rowid * 100 + n.i, (SELECT coalesce(max(lamport), 0) FROM change) + p.rowid * 100 + n.i, ''
FROM person p, n
"""


def seconds(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--county", required=True, type=Path)
    parser.add_argument("--per-person", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-history-"))
    os.environ.setdefault("XDG_DATA_HOME", str(work / "data"))
    os.environ.setdefault("CASEWORK_LOG_DIR", str(work / "logs"))
    from casework.db import database, open_database
    from casework.models import Household, Person
    from casework.services.sync import history

    path = work / "county.db"
    shutil.copyfile(args.county, path)
    open_database(path)
    took, _ = seconds(lambda: database.execute_sql(FILL, (args.per_person,)))
    count = database.execute_sql("SELECT count(*) FROM change").fetchone()[0]
    print(f"{count:,} changes in all ({took:.0f} s to add the bench's)")
    bare = "SELECT * FROM change ORDER BY lamport DESC LIMIT 50"
    took, _ = seconds(lambda: database.execute_sql("SELECT count(*) FROM change").fetchone())
    print(f"  anchor: count(*) of every change                 {took * 1000:6.0f} ms")
    took, _ = seconds(lambda: database.execute_sql(bare).fetchall())
    print(f"  anchor: the newest 50 by the Lamport index       {took * 1000:6.0f} ms")
    cases = {
        "no filter": {},
        "no filter, page 1,000": {"page": 1000},
        "家庭成员 (nearly all match)": {"entity": "person"},
        "农户 (none match)": {"entity": "household"},
        "one laptop (half match)": {"laptop": "bench-laptop-a"},
        "one laptop and 农户 (none)": {"laptop": "bench-laptop-a", "entity": "household"},
        "a cadre with no changes": {"cadre_id": "0" * 32},
        "from 2026-11-01 (a tenth)": {"date_from": dt.date(2026, 11, 1)},
    }
    print("最近修改, one page of 50:")
    for label, options in cases.items():
        page = options.pop("page", 1)
        start = time.perf_counter()
        _rows, total = history.recent_changes(page, 50, **options)
        took = time.perf_counter() - start
        print(f"  {label:32s} {took * 1000:6.0f} ms  ({total:,} match)")
    household = Household.select().order_by(Household.code).first()
    person = Person.select().where(Person.household == household.id).first()
    took, rows = seconds(lambda: history.household_history(household.id))
    print(f"a household's 修改记录 tab  {took * 1000:6.0f} ms  ({len(rows)} changes)")
    took, rows = seconds(lambda: history.record_history("person", person.id))
    print(f"a person's 修改记录 window  {took * 1000:6.0f} ms  ({len(rows)} changes)")
    lookup = "SELECT * FROM change WHERE record_id = ?"
    took, _ = seconds(lambda: database.execute_sql(lookup, (person.id,)).fetchall())
    print(f"  anchor: a record's changes by record_id  {took * 1000:6.0f} ms")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
