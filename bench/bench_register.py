"""Benchmark of the household register at county scale: prints the figures of issue #2.

    python bench/bench_register.py [--households 30000] [--db PATH] [--keep]

Generates the demo caseload (or reuses --db if it already holds one), then measures:
start-up to a usable window, the first page of the household list, search per
keystroke (p50/p95, from the keystroke to rows shown in the list), opening a household
and saving a visit. GUI figures need a display (run under `xvfb-run -a`).
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


def gui_measures(path: Path) -> None:
    """Keystroke-to-rows, first page and opening a household, in a real window."""
    import tkinter

    from casework.db import open_database
    from casework.ui.app import build_app

    root = tkinter.Tk()
    app = build_app(root, path)
    root.update()
    screen = app.screens["households"]
    rng = random.Random(7)

    first = timed(lambda: (screen.table.refresh(reset_page=True), root.update_idletasks()), 20)
    print(f"first page of the household list:        {percentiles(first)}")
    for label, queries in sample_queries(rng).items():
        samples = []
        for query in queries:
            screen.search.set(query)
            samples += timed(lambda: (screen.search.search_now(), root.update_idletasks()))
        print(f"search {label:<24} {percentiles(samples)}")
    screen.search.set("")
    screen.search.search_now()

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


def save_visit(path: Path) -> None:
    from casework.db import database, open_database
    from casework.services.register import cadres, visits

    open_database(path)
    cadre = cadres.list_cadres()[0]
    cadres.set_current_cadre(cadre["id"])
    ids = [
        r[0]
        for r in database.execute_sql(
            "SELECT id FROM household WHERE deleted_at IS NULL ORDER BY random() LIMIT 50"
        )
    ]
    samples = []
    for household_id in ids:
        data = {
            "visit_date": "2026-11-20",
            "kind": "home",
            "situation": "入户了解就业意愿",
            "cadre_ids": [cadre["id"]],
            "next_visit_date": "2026-12-20",
        }
        samples += timed(lambda h=household_id, d=data: visits.record_visit(h, d))
    print(f"save a visit (synchronous=FULL, WAL):    {percentiles(samples)}")


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
