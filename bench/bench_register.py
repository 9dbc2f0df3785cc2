"""Benchmark of the household register at county scale: prints the figures of issue #2.

    python bench/bench_register.py [--households 30000] [--db PATH] [--keep]

Generates the demo caseload (or reuses --db if it already holds one), then measures:
start-up to a usable window, the first page of the household list, search per
keystroke (p50/p95, from the keystroke to rows shown in the list) next to the bare
full-text query, sorting by a heading next to the bare ORDER BY, opening a household,
and saving a visit next to one bare committed insert (with the statements it runs).
GUI figures need a display (run under `xvfb-run -a`).
Figures, not assertions: this is not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentiles(samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):6.1f} ms   p95 {p95:6.1f} ms   (n={len(ordered)})"


def timed(fn, repeat: int = 1) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def generate(path: Path, households: int) -> None:
    from casework.db import close_database, open_database
    from casework.services.demo import demo

    open_database(path)
    start = time.perf_counter()
    counts = demo.generate(households=households, seed=1)
    elapsed = time.perf_counter() - start
    close_database()
    print(
        f"demo --households {households}: {elapsed:.1f} s "
        f"({counts.get('people', '?')} people, {counts.get('visits', '?')} visits)"
    )


def ensure_current_cadre(path: Path) -> None:
    """The window is measured as a returning user sees it, not behind the first-run dialog."""
    from casework.db import close_database, open_database
    from casework.services.register import cadres

    open_database(path)
    if cadres.current_cadre() is None:
        cadres.set_current_cadre(cadres.list_cadres()[0]["id"])
    close_database()


def startup(path: Path) -> None:
    """A fresh process: from interpreter start to the first page shown in the window."""
    code = (
        "import time; t0 = time.perf_counter()\n"
        "import tkinter, sys\n"
        "from pathlib import Path\n"
        "from casework.ui.kit.theme import enable_dpi_awareness\n"
        "enable_dpi_awareness()\n"
        "root = tkinter.Tk()\n"
        "from casework.ui.app import build_app\n"
        f"app = build_app(root, Path({str(path)!r}))\n"
        "root.update()\n"
        "print(f'{(time.perf_counter() - t0) * 1000:.0f}')\n"
        "root.destroy()\n"
    )
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        )
        wall = (time.perf_counter() - start) * 1000
        samples.append((float(out.stdout.strip().splitlines()[-1]), wall))
    inside = statistics.median(s[0] for s in samples)
    wall = statistics.median(s[1] for s in samples)
    print(
        f"start-up to usable window: {inside:.0f} ms after imports began "
        f"({wall:.0f} ms wall clock for the whole process, incl. interpreter start and exit)"
    )


def sample_queries(rng: random.Random) -> dict[str, list[str]]:
    """Realistic search strings drawn from the data itself."""
    from casework.db import database

    rows = database.execute_sql(
        "SELECT name, name_initials, id_number FROM person WHERE deleted_at IS NULL "
        "ORDER BY random() LIMIT 400"
    ).fetchall()
    names = [r[0] for r in rows if len(r[0]) >= 3]
    return {
        "1-char Chinese": [n[0] for n in names[:40]] + [n[-1] for n in names[40:80]],
        "2-char Chinese": [n[:2] for n in names[:40]] + [n[-2:] for n in names[40:80]],
        "3-char Chinese": [n[:3] for n in names[:80]],
        "pinyin initials": [r[1] for r in rows[:80] if len(r[1]) >= 2],
        "ID fragment (last 6)": [r[2][-6:] for r in rows[:80] if r[2]],
        "ID fragment (birth date)": [r[2][6:14] for r in rows[:80] if r[2]],
        # The start of every ID number in the banner: the broadest query there is.
        "broad ID prefix (1505…)": ["150", "1505", "15052", "150521"] * 5,
    }


def bare_ms(sql: str, params: list | tuple = ()) -> float:
    """One run of `sql` with every row fetched: the anchor a screen's figure stands beside."""
    from casework.db import database

    start = time.perf_counter()
    database.execute_sql(sql, params).fetchall()
    return (time.perf_counter() - start) * 1000


def search_anchor(query: str) -> float:
    """The bare full-text query that finds the people matching `query`, in one pass."""
    from casework.services.register import search

    match = search.person_match_sql(query)
    return bare_ms(*match) if match else 0.0


# (the screen's column, the household column it sorts by, the heading)
SORTS = [
    ("code", "code", "户编号"),
    ("head_name", "head_name", "户主"),
    ("member_count", "member_count", "人口"),
    ("status_label", "status", "类型"),
    ("last_visit_date", "last_visit_date", "最近走访"),
    ("next_visit_date", "next_visit_date", "下次走访"),
]


def sort_measures(root, screen) -> None:
    """Clicking a heading: from the click to the first page shown, next to the bare query."""
    for key, column, heading in SORTS:
        for descending in (False, True):
            shown, anchor = [], []
            direction = "DESC" if descending else "ASC"
            order = f"{column} {direction}" + (f", code {direction}" if column != "code" else "")
            sql = f"SELECT * FROM household WHERE deleted_at IS NULL ORDER BY {order} LIMIT 50"
            for _ in range(20):
                shown += timed(
                    lambda k=key, d=descending: (
                        screen.table.sort_by(k, d),
                        root.update_idletasks(),
                    )
                )
                anchor.append(bare_ms(sql))
            label = f"sort by {heading}{'▼' if descending else '▲'}"
            print(f"{label:<16} shown  {percentiles(shown)}")
            print(f"{'':<16} anchor {percentiles(anchor)}  (bare ORDER BY … LIMIT 50)")
    screen.table.sort_by("code", False)


def settle(root, timeout: float = 120.0) -> None:
    """Pump the window until its background work is done: a worker would share the
    interpreter with what is measured."""
    import threading

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        root.update()
        if not any(t.name.startswith("casework-") for t in threading.enumerate()):
            root.update()
            return
        time.sleep(0.02)
    print("(background work still running after the wait: figures may be high)")


def gui_measures(path: Path) -> None:
    """Keystroke-to-rows, sorting, first page and opening a household, in a real window."""
    import tkinter

    from casework.db import open_database
    from casework.ui.app import build_app

    root = tkinter.Tk()
    app = build_app(root, path)
    settle(root)  # the overview it opens on computes its figures in a worker
    app.show_screen("households")
    root.update()
    screen = app.screens["households"]
    rng = random.Random(7)

    first = timed(lambda: (screen.table.refresh(reset_page=True), root.update_idletasks()), 20)
    print(f"first page of the household list:        {percentiles(first)}")
    print(
        "search, keystroke to rows shown (of which Tk drawing the rows); "
        "anchor: the bare full-text query for the matches"
    )
    for label, queries in sample_queries(rng).items():
        samples, drawing, anchor = [], [], []
        for query in queries:
            screen.search.set(query)
            start = time.perf_counter()
            screen.search.search_now()
            fetched = time.perf_counter()
            root.update_idletasks()
            samples.append((time.perf_counter() - start) * 1000)
            drawing.append((time.perf_counter() - fetched) * 1000)
            anchor.append(search_anchor(query))
        print(f"search {label:<24} {percentiles(samples)}")
        print(f"       {'of which drawing':<24} {percentiles(drawing)}")
        print(f"       {'anchor':<24} {percentiles(anchor)}")
    screen.search.set("")
    screen.search.search_now()
    sort_measures(root, screen)

    from casework.db import database

    ids = [
        r[0]
        for r in database.execute_sql(
            "SELECT id FROM household WHERE deleted_at IS NULL ORDER BY random() LIMIT 30"
        )
    ]
    opening = []
    for household_id in ids:
        opening += timed(lambda h=household_id: (app.open_household(h), root.update_idletasks()))
        app.back()
    print(f"open a household (detail screen shown):  {percentiles(opening)}")
    root.destroy()
    open_database(path)


def bare_visit_insert(household_id: str, cadre_id: str, visit_id: str = "") -> None:
    """The anchor for saving a visit: its one row inserted in a transaction of its own."""
    from casework.db import database
    from casework.models import new_id

    with database.atomic():
        database.execute_sql(
            "INSERT INTO visit (id, created_at, updated_at, household_id, visit_date, kind, "
            "place, situation, requests, actions, next_visit_date, recorded_by_id) "
            "VALUES (?, datetime('now'), datetime('now'), ?, '2026-11-20', 'home', '', "
            "'入户了解就业意愿', '', '', '2026-12-20', ?)",
            (visit_id or new_id(), household_id, cadre_id),
        )


def bare_visit_rows(household_id: str, cadre_id: str, person_ids: list[str]) -> None:
    """The second anchor: the rows a save writes (visit, links, history row, the household's
    visit dates), as bare SQL in one transaction, with nothing checked or looked up."""
    from casework.db import database
    from casework.models import new_id

    visit_id = new_id()
    with database.atomic():
        bare_visit_insert(household_id, cadre_id, visit_id)
        cursor = database.cursor()
        cursor.executemany(
            "INSERT INTO visit_cadre (visit_id, cadre_id) VALUES (?, ?)", [(visit_id, cadre_id)]
        )
        cursor.executemany(
            "INSERT INTO visit_person (visit_id, person_id) VALUES (?, ?)",
            [(visit_id, p) for p in person_ids],
        )
        database.execute_sql(
            "INSERT INTO change (id, created_at, updated_at, entity, record_id, field, "
            "new_value, changed_at, cadre_id) VALUES (?, datetime('now'), datetime('now'), "
            "'visit', ?, 'created', '2026-11-20', datetime('now'), ?)",
            (new_id(), visit_id, cadre_id),
        )
        database.execute_sql(
            "UPDATE household SET last_visit_date = '2026-11-20', next_visit_date = '2026-12-20' "
            "WHERE id = ?",
            (household_id,),
        )


def statements_run(fn) -> int:
    """How many SQL statements `fn` runs: each executemany row counts, a trigger does not
    (the trace repeats its statement's text for each trigger it fires)."""
    from casework.db import database

    seen: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(seen.append)
    try:
        fn()
    finally:
        connection.set_trace_callback(None)
    return sum(1 for i, sql in enumerate(seen) if i == 0 or sql != seen[i - 1])


def save_visit(path: Path) -> None:
    from casework.db import database, open_database
    from casework.services.register import cadres, visits

    open_database(path)
    cadre = cadres.list_cadres()[0]
    cadres.set_current_cadre(cadre["id"])
    rows = database.execute_sql(
        "SELECT h.id, (SELECT group_concat(p.id) FROM person p "
        "WHERE p.household_id = h.id AND p.deleted_at IS NULL) "
        "FROM household h WHERE h.deleted_at IS NULL ORDER BY random() LIMIT 50"
    ).fetchall()
    samples, anchor, rows_anchor, counts = [], [], [], []
    for household_id, members in rows:
        met = (members or "").split(",")[:2] if members else []
        data = {
            "visit_date": "2026-11-20",
            "kind": "home",
            "situation": "入户了解就业意愿",
            "cadre_ids": [cadre["id"]],
            "person_ids": met,
            "next_visit_date": "2026-12-20",
        }
        counts.append(statements_run(lambda h=household_id, d=data: visits.record_visit(h, d)))
        samples += timed(lambda h=household_id, d=data: visits.record_visit(h, d))
        anchor += timed(lambda h=household_id: bare_visit_insert(h, cadre["id"]))
        rows_anchor += timed(lambda h=household_id, m=met: bare_visit_rows(h, cadre["id"], m))
    median = statistics.median
    print(f"save a visit (synchronous=FULL, WAL):    {percentiles(samples)}")
    print(f"  anchor: one bare INSERT, committed     {percentiles(anchor)}")
    print(f"  anchor: its rows as bare SQL, one txn  {percentiles(rows_anchor)}")
    print(
        f"  {median(counts):.0f} statements a save (links met: up to 2); "
        f"{median(samples) / median(anchor):.1f}x the bare insert (target <= 3x), "
        f"{median(samples) / median(rows_anchor):.1f}x its rows written bare (medians)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=30000)
    parser.add_argument("--db", type=Path, help="reuse this database (generated if missing)")
    parser.add_argument("--keep", action="store_true", help="keep the generated database")
    parser.add_argument("--no-gui", action="store_true")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    if not path.exists():
        generate(path, args.households)
    ensure_current_cadre(path)
    if not args.no_gui and os.environ.get("DISPLAY"):
        startup(path)
        gui_measures(path)
    elif not args.no_gui:
        print("no DISPLAY: GUI figures skipped (run under xvfb-run -a)")
    save_visit(path)
    if not args.keep and not args.db:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
