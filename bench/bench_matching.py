"""Benchmark of matching (人岗匹配) at county scale: ranking candidates among ~100,000 people.

    python3 main.py --db /tmp/j30k.db demo --households 30000     # once, ~30 s
    python3 bench/bench_matching.py [--db /tmp/j30k.db] [--repeat 20]
    CASEWORK_PASSWORD=... python3 bench/bench_matching.py --db /tmp/encrypted30k.db

Adds a few employers and postings to the database (once; they are reused on later runs),
recommends and places some people so the exclusions have work to do, then times
candidates_for_posting for each posting (target p95 ≤ 200 ms) as the window runs it: in
one worker thread kept for the screen, automatic collection paused (see
casework.ui.kit.kept_worker). Twice: on a new connection each time (the first ranking
after the screen is shown, or after a save, which empties a kept connection's cache), and
on the connection kept from the ranking before. Each next to its anchor, the bare SQL
query that fetches the same candidate rows, run the same way; and postings_for_person.
Wall-clock ms (what the cadre waits) and the worker's CPU ms (what the machine's other
load does not change much); the load average says how busy the machine was.
Figures, not assertions: this is not part of the test suite.
"""

from __future__ import annotations

import argparse
import gc
import os
import queue
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

POSTINGS = [
    ("北京嘉裕集团（测试）", "中餐厨师", "cook", "beijing", {"pay_min": 5000, "pay_max": 7000}),
    (
        "北京京城物业（测试）",
        "小区保安",
        "security",
        "beijing",
        {"age_min": 18, "age_max": 50, "gender": "male", "pay_min": 4500, "pay_max": 5500},
    ),
    (
        "北京家政服务公司（测试）",
        "育婴员",
        "nanny",
        "beijing",
        {"gender": "female", "certificates": "健康证、育婴员证", "education_min": "junior"},
    ),
    ("通辽物流园（测试）", "快递分拣", "sorting", "in_region", {"age_max": 45}),
    ("架玛吐镇帮扶车间（测试）", "编织工", "factory", "local", {"pay_min": 2500}),
]


def percentiles(samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):6.1f}  p95 {p95:6.1f}"


def figures(timed: list[tuple[float, float]]) -> str:
    """Wall-clock and CPU percentiles of (wall ms, cpu ms) samples."""
    wall, cpu = [w for w, _c in timed], [c for _w, c in timed]
    return f"wall {percentiles(wall)}   cpu {percentiles(cpu)}   (n={len(timed)})"


def ensure_postings() -> list[dict]:
    from casework.services.jobs import employers, postings

    made = []
    for employer_name, position, kind, place, extra in POSTINGS:
        employer = employers.find_employer(employer_name) or employers.create_employer(
            {"name": employer_name, "kind": "workshop" if place == "local" else "beijing"}
        )
        existing = postings.list_postings(text=position, employer_id=employer["id"])[0]
        made.append(
            existing[0]
            if existing
            else postings.create_posting(
                {
                    "employer_id": employer["id"],
                    "position": position,
                    "job_kind": kind,
                    "place": place,
                    "headcount": 20,
                    **extra,
                }
            )
        )
    return made


def ensure_placements(posting: dict) -> None:
    """Recommend the top 30 and put 10 of them to work, once, as a cadre would."""
    from casework.services.jobs import matching, placements

    if placements.list_placements(page_size=1)[1]:
        return
    chosen = matching.candidates_for_posting(posting["id"], limit=30)
    made = placements.recommend_many(posting["id"], [c["person_id"] for c in chosen])
    for placement in made[:10]:
        placements.move_stage(placement["id"], "working")


class Worker:
    """One thread kept for all the rankings, as the window's matching screen keeps one."""

    def __init__(self) -> None:
        self.jobs: queue.Queue = queue.Queue()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            work, done = self.jobs.get()
            start, cpu = time.perf_counter(), time.thread_time()
            work()
            done.put(((time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000))

    def time(self, work) -> tuple[float, float]:
        """(wall ms, CPU ms) that `work()` takes in the thread, automatic collection paused."""
        done: queue.Queue = queue.Queue()
        gc.collect()
        gc.disable()
        try:
            self.jobs.put((work, done))
            return done.get()
        finally:
            gc.enable()

    def release(self) -> None:
        from casework.db import close_thread_connection

        self.time(close_thread_connection)

    def longest_wait(self, work) -> float:
        """The longest ms the main thread (the window's) waits for the interpreter while
        `work()` runs here: it asks every 5 ms, as a Tk loop handling events would."""
        done: queue.Queue = queue.Queue()
        longest, last = 0.0, time.perf_counter()
        self.jobs.put((work, done))
        while done.empty():
            time.sleep(0.005)
            now = time.perf_counter()
            longest, last = max(longest, (now - last) * 1000 - 5), now
        return longest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/j30k.db")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    if not Path(args.db).exists():
        print(f"{args.db} 不存在：先运行 python3 main.py --db {args.db} demo --households 30000")
        return 1

    from casework import clock
    from casework.db import close_database, current_file, database, open_database
    from casework.services.jobs import matching

    open_database(args.db, password=os.environ.get("CASEWORK_PASSWORD") or None)
    people = database.execute_sql(
        "SELECT count(*) FROM person WHERE deleted_at IS NULL"
    ).fetchone()[0]
    wishes = database.execute_sql(
        "SELECT count(*) FROM employment_wish WHERE deleted_at IS NULL"
    ).fetchone()[0]
    kind = "encrypted" if current_file().encrypted else "plain"
    print(f"{args.db} ({kind}): {people} people, {wishes} wishes")
    made = ensure_postings()
    ensure_placements(made[0])
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print("ranking as the window runs it; anchor: the bare SQL query for the same rows, run alike")
    today = clock.today()
    worker = Worker()
    for posting in made:
        sql, params = matching.candidate_rows_sql(posting, today)
        rows = matching.candidates_for_posting(posting["id"], limit=100)
        fetched = database.execute_sql(sql, params).fetchall()

        def rank(p=posting):
            matching.candidates_for_posting(p["id"], limit=100)

        def bare(q=sql, a=params):
            database.execute_sql(q, a).fetchall()

        new = {"ranking": [], "anchor": []}
        for _ in range(args.repeat):
            for name, work in (("anchor", bare), ("ranking", rank)):
                worker.release()
                new[name].append(worker.time(work))
        kept = {"ranking": [], "anchor": []}
        worker.time(rank)  # the ranking before, which leaves the pages in the cache
        for _ in range(args.repeat):
            for name, work in (("anchor", bare), ("ranking", rank)):
                kept[name].append(worker.time(work))
        waits = [worker.longest_wait(rank) for _ in range(5)]
        label = f"{posting['position']}（{posting['place_label']}）"
        print(f"{label:<14} {len(fetched):>6} candidates, top score {rows[0]['score']}")
        print(f"  new connection   ranking  {figures(new['ranking'])}")
        print(f"                   anchor   {figures(new['anchor'])}")
        print(f"  kept connection  ranking  {figures(kept['ranking'])}")
        print(f"                   anchor   {figures(kept['anchor'])}")
        print(f"  the window's thread waited at most {max(waits):.1f} ms during a ranking")
    worker.release()
    person_id = rows[0]["person_id"]
    samples = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        matching.postings_for_person(person_id)
        samples.append((time.perf_counter() - start) * 1000)
    print(f"postings_for_person  wall {percentiles(samples)}   (n={len(samples)})")
    close_database()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
