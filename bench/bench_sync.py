"""Benchmark of merging laptops at county scale (issue #9).

    python bench/bench_sync.py --county PLAIN30K.db [--edits 200]

PLAIN30K.db is a demo county (`python main.py demo --households 30000`); it is copied,
never written. Figures, each next to its anchor measured in the same run:
- a full package written (`sync export`) next to a bare `VACUUM INTO` of the same file;
- that package imported by a copy of the file that already holds it all (the office's
  first exchange with a laptop it handed the roster to), and by a new laptop that holds
  nothing, next to the bare SQL: attaching the package and `INSERT INTO ... SELECT` of
  every table into an empty file of the same schema;
- a colleague's package of `--edits` edits (a delta), imported.
Figures, not assertions: this is not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "bench-exchange-1"


def seconds(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--county", required=True, type=Path)
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    os.environ.setdefault("XDG_DATA_HOME", str(work / "data"))
    os.environ.setdefault("CASEWORK_LOG_DIR", str(work / "logs"))
    from casework.db import close_database, database, open_database
    from casework.models import Cadre, Person
    from casework.services.register import cadres, people
    from casework.services.sync import export, identity, merge

    a, b = work / "a.db", work / "b.db"
    shutil.copyfile(args.county, a)
    took, _ = seconds(lambda: open_database(a))
    print(f"opening (with migration 7 when the file is older): {took:.1f} s")
    cadres.set_current_cadre(Cadre.select().first().id)
    identity.replica_id()
    close_database()
    shutil.copyfile(a, b)
    open_database(a)
    full = work / "full.cwp"
    took, made = seconds(lambda: export.export_package(full, PASSWORD))
    size = full.stat().st_size / 1e6
    bare, _ = seconds(lambda: database.execute_sql("VACUUM INTO ?", (str(work / "bare.db"),)))
    print(f"full package: {made.records} records, {made.changes} changes, {size:.0f} MB")
    print(f"  written in {took:.1f} s; anchor VACUUM INTO {bare:.1f} s ({took / bare:.1f}x)")
    close_database()

    open_database(b)
    took, summary = seconds(lambda: merge.import_package(full, PASSWORD))
    print(f"imported by a copy that holds it all: {took:.1f} s ({summary.sentence()})")
    b_replica = identity.replica_id()
    from_b = work / "from-b.cwp"
    export.export_package(from_b, PASSWORD)  # so that a knows what b holds
    close_database()

    fresh = work / "fresh.db"
    open_database(fresh)
    took, summary = seconds(lambda: merge.import_package(full, PASSWORD))
    anchor = _bare_insert(work, full)
    print(f"imported by a new laptop: {took:.1f} s, {summary.new_records} records new")
    print(f"  anchor ATTACH + INSERT ... SELECT of every table: {anchor:.1f} s "
          f"({took / anchor:.1f}x)")  # fmt: skip
    close_database()

    open_database(a)
    live = list(Person.select().where(Person.deleted_at.is_null()).limit(args.edits))
    took, _ = seconds(
        lambda: [
            people.update_member(p.id, {**people.get_person(p.id), "skills": "电焊"}) for p in live
        ]
    )
    print(f"{len(live)} edits on laptop a: {took:.1f} s")
    took, _ = seconds(lambda: merge.import_package(from_b, PASSWORD))
    print(f"b's full package imported by a (all known): {took:.1f} s")
    delta = work / "delta.cwp"
    took, made = seconds(lambda: export.export_package(delta, PASSWORD, receiver=b_replica))
    print(f"delta for b: {made.records} records, {made.changes} changes in {took:.2f} s")
    close_database()
    open_database(b)
    took, summary = seconds(lambda: merge.import_package(delta, PASSWORD))
    print(f"delta imported by b: {took:.2f} s ({summary.sentence()})")
    close_database()
    shutil.rmtree(work, ignore_errors=True)


def _bare_insert(work: Path, package: Path) -> float:
    """Attach the package to an empty file of the same schema; copy every table in."""
    from casework.db import close_database, database, open_database
    from casework.services.sync.tables import PACKAGE_TABLES

    close_database()
    target = work / "anchor.db"
    open_database(target)
    start = time.perf_counter()
    database.execute_sql("ATTACH DATABASE ? AS pkg KEY ?", (str(package), PASSWORD))
    with database.atomic():
        for table in PACKAGE_TABLES:
            if table in ("meta", "peer_state"):
                continue
            columns = [r[1] for r in database.execute_sql(f'PRAGMA pkg.table_info("{table}")')]
            names = ", ".join(f'"{c}"' for c in columns)
            database.execute_sql(
                f'INSERT OR IGNORE INTO main."{table}" ({names}) SELECT {names} FROM pkg."{table}"'
            )
    took = time.perf_counter() - start
    database.execute_sql("DETACH DATABASE pkg")
    close_database()
    open_database(work / "fresh.db")
    return took


if __name__ == "__main__":
    main()
