"""Benchmark of the demo generator: the whole demo next to its register part alone.

    python3 bench/bench_demo.py [--households 30000] [--seed 1] [--repeat 1]

The anchor is the same run with the jobs and training switched off (no employers,
postings, placements, subsidies, classes, enrolments or their history): the demo as it
was before they were added, so the difference is what they cost (target: at most 30 %
more). Each run is a fresh process on a fresh file, the anchor and the whole demo in
turn; wall time and the process's CPU time are both printed, the second being less
sensitive to other work on the machine. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run(path: Path, households: int, seed: int, whole: bool) -> dict:
    from casework.db import close_database, open_database
    from casework.services.demo import demo

    if not whole:
        register_only()
    open_database(path)
    wall, cpu = time.perf_counter(), time.process_time()
    counts = demo.generate(households, seed)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    close_database()
    return {"wall": wall, "cpu": cpu, "counts": counts}


def register_only() -> None:
    """Switch the jobs and training off: no employers or classes, nobody placed or enrolled."""
    from casework.services.demo import demo_jobs, demo_placements, demo_training

    demo_jobs.JobBoard.choose_employers = lambda self, households, townships: None
    demo_placements.Careers.member = lambda self, rows, member, township: None
    demo_training.Training.class_rows = lambda self, households, townships: []
    demo_training.Training.member = lambda self, rows, member: None


def in_process(kind: str, households: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-demo-") as folder:
        command = [sys.executable, __file__, "--one", kind, "--households", str(households)]
        command += ["--seed", str(seed), "--file", str(Path(folder, f"{kind}.db"))]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--one", choices=["whole", "register"], help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        result = run(Path(args.file), args.households, args.seed, args.one == "whole")
        print(json.dumps(result))
        return 0
    runs: dict[str, list[dict]] = {"register": [], "whole": []}
    for _ in range(args.repeat):
        for kind in runs:
            runs[kind].append(in_process(kind, args.households, args.seed))
    wall = {k: statistics.median(r["wall"] for r in v) for k, v in runs.items()}
    cpu = {k: statistics.median(r["cpu"] for r in v) for k, v in runs.items()}
    print(f"demo at {args.households} households (seed {args.seed}), median of {args.repeat}")
    print(f"  whole demo             {wall['whole']:7.1f} s wall  {cpu['whole']:7.1f} s CPU")
    print(f"  register only (anchor) {wall['register']:7.1f} s wall  {cpu['register']:7.1f} s CPU")
    print(
        f"  jobs and training add  {wall['whole'] / wall['register'] - 1:+7.0%} wall  "
        f"{cpu['whole'] / cpu['register'] - 1:+7.0%} CPU"
    )
    anchor = runs["register"][0]["counts"]
    added = {k: v for k, v in runs["whole"][0]["counts"].items() if not anchor.get(k)}
    print("  rows they add: " + ", ".join(f"{k} {v}" for k, v in added.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
