"""Benchmark of start-up: the figures of issue #12.

    python bench/bench_startup.py --db COUNTY.db [--built dist/casework] [--rounds 7]

From the moment the process is started to the moment its window is first on screen and
drawn, with no idle work left (the app writes the time to the file named by
CASEWORK_STARTUP_REPORT; casework/ui/window_start.py's report_first_idle), for: a bare Tk window
(the anchor, reported the same way), the app from source, and the built app when
--built is given; all in one run, the medians side by side, with the built folder's
size. COUNTY.db is a plain demo county (`python main.py demo --households 30000`); the
app opens a copy of it in which one of its cadres is this laptop's, as on every start
after the first (the first opens the first-run dialog over the window). Needs a display
(`xvfb-run -a`). Figures, not assertions: this is not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT_ENV = "CASEWORK_STARTUP_REPORT"  # casework/ui/window_start.py writes it when idle

BARE_TK = """
import os, sys, time, tkinter
root = tkinter.Tk()
root.title("bare")
root.geometry("1200x760")
def idle():
    root.update_idletasks()
    if root.winfo_ismapped():
        with open(os.environ["CASEWORK_STARTUP_REPORT"], "w") as report:
            report.write(repr(time.time()))
    else:
        root.bind("<Map>", lambda event: root.after_idle(idle))
root.after_idle(idle)
root.mainloop()
"""


def first_idle(command: list[str], env: dict[str, str], timeout: float = 60) -> float:
    """Milliseconds from starting `command` to the time it writes in the report file."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "ready.txt"
        env = env | {REPORT_ENV: str(report)}
        started = time.time()
        process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        try:
            deadline = time.monotonic() + timeout
            while not (report.exists() and report.read_text()):
                if process.poll() is not None:
                    raise RuntimeError(f"{command[0]} ended: {process.stderr.read().decode()}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{command[0]} not idle after {timeout} s")
                time.sleep(0.005)
            return (float(report.read_text()) - started) * 1000
        finally:
            process.kill()
            process.wait()


def everyday_copy(county: Path, folder: Path) -> Path:
    """A copy of `county` (upgraded, if need be) in which one of its cadres is this laptop's."""
    sys.path.insert(0, str(ROOT))
    from casework.services.register import cadres
    from casework.services.safety import database_file

    copy = folder / county.name
    shutil.copyfile(county, copy)
    database_file.open_file(copy)
    try:
        if cadres.current_cadre() is None:
            cadres.set_current_cadre(cadres.list_cadres()[0]["id"])
    finally:
        database_file.close()
    return copy


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--built", type=Path, help="the built folder (dist/casework)")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        measure(args, everyday_copy(args.db, Path(folder)))


def measure(args: argparse.Namespace, county: Path) -> None:
    env = dict(os.environ)
    env.pop("CASEWORK_PASSWORD", None)
    # As installed: compiled once, then loaded from __pycache__ (some machines set
    # PYTHONDONTWRITEBYTECODE, which would charge every start for compiling casework).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "casework")], check=True)
    runs = {
        "bare Tk window": [sys.executable, "-c", BARE_TK],
        "Casework from source": [sys.executable, str(ROOT / "main.py"), "--db", str(county)],
    }
    if args.built:
        runs["Casework built"] = [str(args.built / "劳务协作工作台"), "--db", str(county)]
    samples: dict[str, list[float]] = {name: [] for name in runs}
    for command in runs.values():
        first_idle(command, env)  # warm the disk cache; not counted
    for _ in range(args.rounds):  # interleaved, so drift on a shared machine hits all alike
        for name, command in runs.items():
            samples[name].append(first_idle(command, env))
    bare = statistics.median(samples["bare Tk window"])
    bare_best = min(samples["bare Tk window"])
    print(f"start to the window drawn, median of {args.rounds} (database: {args.db.name})")
    for name, values in samples.items():
        median, best = statistics.median(values), min(values)
        spread = f"{best:.0f}–{max(values):.0f}"
        # The fastest run is the one the machine disturbed least: on a shared machine its
        # ratio is the steadier figure.
        print(
            f"  {name:<22} {median:7.0f} ms   {median / bare:4.2f}× bare Tk   ({spread} ms;"
            f" fastest {best / bare_best:4.2f}×)"
        )
    if args.built:
        print(f"built folder: {folder_size(args.built) / 1e6:.0f} MB ({args.built})")


if __name__ == "__main__":
    main()
