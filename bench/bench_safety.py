"""Benchmark of encryption and backups at county scale: the figures of issue #7.

    python bench/bench_safety.py --plain PLAIN.db [--encrypted ENC.db] [--rounds 30]

PLAIN.db is a demo county (`python main.py demo --households 30000`). ENC.db is made
from a copy of it with `encrypt` when missing (password "bench-password-1"). Each figure
is printed next to its anchor measured in the same run: the encrypted file next to the
plain one (open with and without key derivation, first page, a 3-character search,
saving a visit), and a checked backup next to a bare `VACUUM INTO`.
Figures, not assertions: this is not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "bench-password-1"


def p50(samples: list[float]) -> float:
    return statistics.median(samples)


def timed(fn, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def ensure_encrypted(plain: Path, encrypted: Path) -> None:
    from casework import db_files

    if encrypted.exists():
        return
    shutil.copyfile(plain, encrypted)
    start = time.perf_counter()
    db_files.encrypt_file(encrypted, PASSWORD)
    print(f"encrypting the county file (once): {time.perf_counter() - start:.1f} s")


def open_times(path: Path, encrypted: bool, rounds: int) -> tuple[list[float], list[float]]:
    """(open with key derivation, open with the key already derived) in ms."""
    from casework import db

    key = None
    if encrypted:
        key = db.database_key_for(path, PASSWORD)

    def open_with_password() -> None:
        db.open_database(path, password=PASSWORD if encrypted else None, migrate=False)
        db.close_database()

    def open_with_key() -> None:
        db.open_database(path, database_key=key, migrate=False)
        db.close_database()

    return timed(open_with_password, rounds), timed(open_with_key, rounds)


def work_times(path: Path, encrypted: bool, rounds: int) -> dict[str, list[float]]:
    from casework import db
    from casework.services.register import cadres, listing, visits
    from casework.services.register.listing import HouseholdFilter

    db.open_database(path, password=PASSWORD if encrypted else None)
    cadre = cadres.list_cadres()[0]
    cadres.set_current_cadre(cadre["id"])
    ids = [
        r[0]
        for r in db.database.execute_sql(
            "SELECT id FROM household WHERE deleted_at IS NULL ORDER BY id LIMIT ?", (rounds,)
        )
    ]
    names = [
        r[0]
        for r in db.database.execute_sql(
            "SELECT name FROM person WHERE length(name) = 3 ORDER BY id LIMIT ?", (rounds,)
        )
    ]
    figures = {
        "first page": timed(lambda: listing.household_page(page=0), rounds),
        "3-character search": [],
        "save a visit": [],
    }
    for name in names:
        figures["3-character search"] += timed(
            lambda n=name: listing.household_page(HouseholdFilter(text=n)), 1
        )
    visit = {
        "visit_date": "2026-11-20",
        "kind": "home",
        "situation": "入户了解就业意愿",
        "cadre_ids": [cadre["id"]],
        "next_visit_date": "2026-12-20",
    }
    for household_id in ids:
        figures["save a visit"] += timed(lambda h=household_id: visits.record_visit(h, visit), 1)
    db.close_database()
    return figures


def backup_times(path: Path, encrypted: bool) -> tuple[float, float]:
    """(bare VACUUM INTO, checked backup) in seconds, on the same open file."""
    from casework import db
    from casework.services.safety import backups

    db.open_database(path, password=PASSWORD if encrypted else None)
    target = Path(tempfile.mkdtemp()) / "bare.db"
    start = time.perf_counter()
    db.database.execute_sql("VACUUM INTO ?", (str(target),))
    bare = time.perf_counter() - start
    target.unlink()
    start = time.perf_counter()
    made = backups.create_backup("manual")
    checked = time.perf_counter() - start
    made.path.unlink()
    Path(f"{made.path}.json").unlink()
    db.close_database()
    return bare, checked


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plain", type=Path, required=True)
    parser.add_argument("--encrypted", type=Path)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    encrypted = args.encrypted or args.plain.with_name(args.plain.stem + "-encrypted.db")
    ensure_encrypted(args.plain, encrypted)
    sizes = [p.stat().st_size / 1e6 for p in (args.plain, encrypted)]
    print(f"plain file {sizes[0]:.0f} MB, encrypted {sizes[1]:.0f} MB")

    plain_kdf, plain_key = open_times(args.plain, False, 10)
    enc_kdf, enc_key = open_times(encrypted, True, 10)
    print(f"{'':28}{'plain':>10}{'encrypted':>12}{'ratio':>8}   (p50, ms)")
    print(
        f"{'open, key derivation incl.':28}{p50(plain_kdf):10.1f}{p50(enc_kdf):12.1f}"
        f"{p50(enc_kdf) / p50(plain_kdf):8.2f}"
    )
    print(
        f"{'open, key already derived':28}{p50(plain_key):10.1f}{p50(enc_key):12.1f}"
        f"{p50(enc_key) / p50(plain_key):8.2f}"
    )
    print(f"{'key derivation alone':28}{'':10}{p50(enc_kdf) - p50(enc_key):12.1f}")
    plain = work_times(args.plain, False, args.rounds)
    secret = work_times(encrypted, True, args.rounds)
    for label in plain:
        a, b = p50(plain[label]), p50(secret[label])
        print(f"{label:28}{a:10.2f}{b:12.2f}{b / a:8.2f}")
    for label, path, flag in (("plain", args.plain, False), ("encrypted", encrypted, True)):
        bare, checked = backup_times(path, flag)
        print(
            f"backup of the {label} county file: bare VACUUM INTO {bare:.2f} s, "
            f"checked backup (copy + quick_check + counts) {checked:.2f} s, {checked / bare:.2f}×"
        )
    os.environ.pop("CASEWORK_PASSWORD", None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
