"""Benchmark of the headline figures: `stats` and the dashboard (工作概况) at county scale.

    xvfb-run -a python3 bench/bench_overview.py [--db /tmp/bench/plain30k.db] [--repeat 3]

Works on a copy of --db (a 30,000-household demo county by default). When the copy has
no placements or classes (a demo made before the demo had jobs), jobs, payments and
training are added to it with plain SQL: Beijing and workshop employers, postings,
placements at work and left for people whose register says they work, subsidy payments,
classes with enrolments. Then, in the same run:

  stats (in-process)   casework.services.figures.compute for the county, this month
  stats (command)      `python main.py --db COPY stats`, the whole process
  python alone         `python main.py --version`, the process without the figures
  dashboard shown      OverviewScreen made until its figures are on screen (worker thread),
                       then until its charts and follow-ups are too
  bars / trend         one more figure by township, one more by month (a chart's choice)
  work report          casework.exports.report.export_report, the county, this month
  bare SQL             the same figures as hand-written counts with no area joins: the
                       floor for this data (the anchor)

Times are the best of --repeat runs. Figures, not assertions: not part of the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DB = Path("/tmp/bench/plain30k.db")

_TOP_UP = [
    # Employers: 40 in Beijing, 15 assistance workshops.
    """INSERT INTO employer (id, created_at, updated_at, name, kind, place, contact, phone, notes)
       SELECT lower(hex(randomblob(16))), :now, :now,
              CASE WHEN n <= 40 THEN '北京用工单位' || n ELSE '帮扶车间' || n END,
              CASE WHEN n <= 40 THEN 'beijing' ELSE 'workshop' END,
              CASE WHEN n <= 40 THEN '顺义区' ELSE '本旗' END, '', '', ''
       FROM (WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 55)
             SELECT n FROM c)""",
    # Three postings per Beijing employer, open, 5 to 24 people each.
    """INSERT INTO job_posting (id, created_at, updated_at, employer_id, position, job_kind,
           place, address, headcount, gender, education_min, certificates, board, lodging,
           status, notes)
       SELECT lower(hex(randomblob(16))), :now, :now, e.id, '保安', 'security', 'beijing', '',
              5 + abs(random()) % 20, '', '', '', 1, 1, 'open', ''
       FROM employer e, (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3)
       WHERE e.kind = 'beijing'""",
    # Everyone the register puts in Beijing or close to home, at work through a placement
    # for one in two of them, started in the last 14 months; 80% organised.
    """INSERT INTO placement (id, created_at, updated_at, person_id, employer_id, employer_name,
           position, job_kind, place, organised, stage, stage_date, start_date, monthly_pay, notes)
       SELECT lower(hex(randomblob(16))), :now, :now, p.id, e.id, e.name, '保安', 'security',
              CASE p.work_status WHEN 'beijing' THEN 'beijing' ELSE 'local' END,
              abs(random()) % 5 != 0, 'working', d, d, 5000, ''
       FROM (SELECT id, work_status, date(:today, '-' || (abs(random()) % 420) || ' days') AS d,
                    abs(random()) % 15 AS pick
             FROM person WHERE work_status IN ('beijing', 'local') AND abs(random()) % 2 = 0) p
       JOIN employer e ON e.name = CASE p.work_status
            WHEN 'beijing' THEN '北京用工单位' || (1 + p.pick * 40 / 15)
            ELSE '帮扶车间' || (41 + p.pick) END""",
    """INSERT INTO placement_event (id, created_at, updated_at, placement_id, stage, event_date,
           notes)
       SELECT lower(hex(randomblob(16))), :now, :now, id, 'working', start_date, ''
       FROM placement""",
    # One in ten of those at work left again, 30 days after starting.
    """UPDATE placement SET stage = 'left', end_date = date(start_date, '+30 days'),
           stage_date = date(start_date, '+30 days')
       WHERE abs(random()) % 10 = 0 AND start_date <= date(:today, '-30 days')""",
    """INSERT INTO placement_event (id, created_at, updated_at, placement_id, stage, event_date,
           notes)
       SELECT lower(hex(randomblob(16))), :now, :now, id, 'left', end_date, ''
       FROM placement WHERE stage = 'left'""",
    # The subsidy paid to half of those organised in Beijing for four months or more.
    """INSERT INTO subsidy_payment (id, created_at, updated_at, placement_id, person_id, paid_on,
           amount, paid_by, notes)
       SELECT lower(hex(randomblob(16))), :now, :now, id, person_id,
              date(start_date, '+100 days'), 2000, '', ''
       FROM placement WHERE organised AND place = 'beijing' AND stage = 'working'
         AND start_date <= date(:today, '-120 days') AND abs(random()) % 2 = 0""",
    # 80 classes over the last year, 40 people each, 9 in 10 of them attending.
    """INSERT INTO training_class (id, created_at, updated_at, kind, name, start_date, end_date,
           place, organiser, notes)
       SELECT lower(hex(randomblob(16))), :now, :now, 'cooking', '中式烹饪班' || n,
              date(:today, '-' || (n * 4) || ' days'), date(:today, '-' || (n * 4 - 3) || ' days'),
              '旗职业学校', '旗人社局', ''
       FROM (WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 80)
             SELECT n FROM c)""",
    """INSERT INTO enrollment (id, created_at, updated_at, training_class_id, person_id, attended,
           completed, certificate, certificate_name, certificate_number, notes)
       SELECT lower(hex(randomblob(16))), :now, :now, c.id, p.id, abs(random()) % 10 != 0, 0, 0,
              '', '', ''
       FROM (SELECT id, row_number() OVER (ORDER BY start_date) AS k FROM training_class) c
       JOIN (SELECT id, row_number() OVER (ORDER BY id) AS k FROM person
             WHERE work_status IN ('unemployed', 'farming')) p
         ON p.k > (c.k - 1) * 40 AND p.k <= c.k * 40""",
]


def prepare(source: Path, folder: Path) -> Path:
    """A copy of `source`, opened once (migrated), with jobs and training if it had none."""
    from casework import clock
    from casework.db import close_database, database, open_database

    path = folder / "county.db"
    shutil.copyfile(source, path)
    open_database(path)
    if database.execute_sql("SELECT count(*) FROM placement").fetchone()[0] == 0:
        values = {"now": clock.now().isoformat(" "), "today": clock.today().isoformat()}
        with database.atomic():
            for sql in _TOP_UP:
                database.execute_sql(sql, values)
        print("jobs and training added to the copy:", end=" ")
    for table in ("placement", "subsidy_payment", "training_class", "enrollment"):
        count = database.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0]
        print(f"{table} {count:,}", end="  ")
    print()
    close_database()
    return path


def best(repeat: int, action) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return min(times), result


_BARE = {
    "households": "SELECT count(*) FROM household WHERE deleted_at IS NULL",
    "people": "SELECT count(*) FROM person WHERE deleted_at IS NULL",
    "in_beijing": """SELECT (SELECT count(DISTINCT person_id) FROM placement
          WHERE stage = 'working' AND place = 'beijing' AND deleted_at IS NULL)
        + (SELECT count(*) FROM person p WHERE work_status = 'beijing' AND deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM placement w WHERE w.person_id = p.id
                           AND +w.stage = 'working' AND w.deleted_at IS NULL))""",
    "placed_in_beijing": """SELECT count(DISTINCT pl.person_id) FROM placement_event ev
        JOIN placement pl ON pl.id = ev.placement_id WHERE ev.stage = 'working'
        AND pl.place = 'beijing' AND ev.event_date BETWEEN :start AND :end""",
    "local_employment": """SELECT (SELECT count(DISTINCT person_id) FROM placement
          WHERE stage = 'working' AND place IN ('local', 'in_county') AND deleted_at IS NULL)
        + (SELECT count(*) FROM person p WHERE work_status IN ('local', 'in_county')
           AND deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM placement w
           WHERE w.person_id = p.id AND +w.stage = 'working' AND w.deleted_at IS NULL))""",
    "willing": """SELECT count(*) FROM employment_wish w WHERE w.deleted_at IS NULL
        AND w.willing_to_go_out = 1 AND w.status != 'withdrawn' AND w.id = (
        SELECT w2.id FROM employment_wish w2 WHERE w2.person_id = w.person_id
        AND w2.deleted_at IS NULL ORDER BY w2.recorded_on DESC, w2.created_at DESC LIMIT 1)""",
    "trained_people": """SELECT count(DISTINCT e.person_id) FROM enrollment e
        JOIN training_class c ON c.id = e.training_class_id WHERE e.attended = 1
        AND c.start_date BETWEEN :start AND :end""",
    "subsidy_paid": "SELECT count(*), sum(amount) FROM subsidy_payment WHERE paid_on BETWEEN "
    ":start AND :end",
    "visits": "SELECT count(*) FROM visit WHERE deleted_at IS NULL AND visit_date BETWEEN "
    ":start AND :end",
    "follow_ups_due": "SELECT count(*) FROM household WHERE deleted_at IS NULL "
    "AND next_visit_date <= :today",
    "open_postings": "SELECT count(*), sum(headcount) FROM job_posting WHERE status = 'open'",
}


def bare_counts(period) -> dict:
    from casework import clock
    from casework.db import database

    values = {**period.params(), "today": clock.today().isoformat()}
    return {key: database.execute_sql(sql, values).fetchone() for key, sql in _BARE.items()}


def write_report(folder: Path, period) -> Path:
    from casework.exports import report

    return report.export_report(folder / "report.docx", period=period, overwrite=True)


def in_process(path: Path, repeat: int) -> None:
    from casework import clock
    from casework.db import close_database, open_database
    from casework.services import figures

    open_database(path)
    period = figures.preset("month", clock.today())
    ours, overview = best(repeat, lambda: figures.compute(figures.Scope(), period))
    bare, counts = best(repeat, lambda: bare_counts(period))
    bars, _ = best(repeat, lambda: figures.counting.breakdown("people", period=period))
    trend, _ = best(repeat, lambda: figures.trends(["visits"], period=period))
    township = figures.Scope(area_id=overview.groups[0][0]) if overview.groups else None
    narrow, _ = best(repeat, lambda: figures.compute(township, period))
    written, _ = best(repeat, lambda: write_report(path.parent, period))
    close_database()
    print(f"figures ({len(overview.values)}), county, this month   {ours * 1000:7.0f} ms")
    print(f"  bare SQL, {len(_BARE)} of them, no area joins       {bare * 1000:7.0f} ms")
    print(f"figures, one township                    {narrow * 1000:7.0f} ms")
    print(f"bar chart: 家庭成员 by township          {bars * 1000:7.0f} ms")
    print(f"trend: 走访 by month, 12 months          {trend * 1000:7.0f} ms")
    print(f"work report (工作简报), county, month   {written * 1000:7.0f} ms")
    print("  values:", {k: overview.values[k] for k in list(_BARE)[:6]}, "bare:",
          {k: counts[k][0] for k in list(_BARE)[:6]})  # fmt: skip


def command_line(path: Path, repeat: int) -> None:
    def run(*args: str) -> None:
        subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--db", str(path), *args],
            check=True, capture_output=True,
        )  # fmt: skip

    stats, _ = best(repeat, lambda: run("stats"))
    alone, _ = best(repeat, lambda: run("--version"))
    print(f"stats, the whole command                 {stats * 1000:7.0f} ms")
    print(f"  python main.py --version (no figures)  {alone * 1000:7.0f} ms")


def _wait_in_mainloop(root, done) -> None:
    """Tk's own event loop until `done()`, as in the app: a loop of update() and short
    sleeps would take the GIL from the worker threads hundreds of times a second."""

    def check() -> None:
        if done():
            root.quit()
        else:
            root.after(5, check)

    root.after(5, check)
    root.mainloop()


def dashboard(path: Path, repeat: int) -> None:
    import tkinter as tk

    from casework.db import close_database, open_database
    from casework.ui.kit.theme import apply_theme
    from casework.ui.overview.overview_screen import OverviewScreen
    from tests.ui.fake_app import FakeApp

    open_database(path)
    root = tk.Tk()
    root.geometry("1280x760")
    app = FakeApp(root, theme=apply_theme(root))
    made, figures_in, shown = [], [], []
    for _ in range(repeat):
        started = time.perf_counter()
        screen = OverviewScreen(root, app)
        screen.pack(fill="both", expand=True)
        root.update()
        made.append(time.perf_counter() - started)
        _wait_in_mainloop(root, lambda s=screen: s.shown_after is not None)
        root.update()
        figures_in.append(time.perf_counter() - started)
        _wait_in_mainloop(root, lambda s=screen: not s.computing)
        root.update()
        shown.append(time.perf_counter() - started)
        screen.destroy()
    root.destroy()
    close_database()
    print(f"dashboard: screen made and drawn          {min(made) * 1000:7.0f} ms")
    print(f"dashboard shown with its figures         {min(figures_in) * 1000:7.0f} ms")
    print(f"  and its charts and follow-ups          {min(shown) * 1000:7.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-overview-") as folder:
        path = prepare(args.db, Path(folder))
        in_process(path, args.repeat)
        command_line(path, args.repeat)
        dashboard(path, args.repeat)


if __name__ == "__main__":
    main()
