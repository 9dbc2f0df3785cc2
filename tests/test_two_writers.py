"""Two programs writing one file at once (the window and a command-line import): no save lost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from casework import db
from casework.services.register import visits
from tests.factories import make_cadre, make_household, make_village

REPO = Path(__file__).resolve().parent.parent
SAVES = 300

# Each writer records visits (read the household, then write the visit, its links and
# the household's summary: the read-then-write pattern that cannot upgrade a deferred
# transaction's lock) and edits its household's notes, counting what failed.
WRITER = """
import json, sys
from casework import db
from casework.services.register import households, visits
path, household_id, cadre_id, saves = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
db.open_database(path)
failures, errors = 0, []
for n in range(saves):
    try:
        if n % 2:
            data = households.get_household(household_id)
            households.update_household(household_id, data | {"notes": f"第 {n} 次修改"})
        else:
            visits.record_visit(household_id, {
                "visit_date": "2026-11-20", "kind": "home", "cadre_ids": [cadre_id],
                "person_ids": [], "situation": f"第 {n} 次走访",
            })
    except Exception as error:
        failures += 1
        errors.append(str(error))
print(json.dumps({"failures": failures, "errors": errors[:3]}))
"""


def test_two_processes_saving_300_times_each_lose_nothing(db, today, tmp_path):
    cadre = make_cadre()
    village = make_village()
    mine = make_household(village, head="韩令春")
    theirs = make_household(village, head="包金山")
    path = tmp_path / "casework.db"
    db.close()
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), household["id"], cadre["id"], str(SAVES)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for household in (mine, theirs)
    ]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=170)
        assert process.returncode == 0, err
        results.append(json.loads(out))
    assert [r["failures"] for r in results] == [0, 0], results
    db.connect()
    for household in (mine, theirs):
        saved = visits.list_visits(household["id"])
        assert len(saved) == SAVES // 2


def test_write_transactions_take_the_lock_when_they_begin():
    # The reason the test above passes: BEGIN IMMEDIATE, not a deferred BEGIN.
    assert db.database._lock_type == "IMMEDIATE"
