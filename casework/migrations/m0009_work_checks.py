"""Step 9: in-work follow-ups (在岗回访) and why a job ended.

- work_check: one follow-up of a placement at work: when and how the cadre checked,
  whether the person was still at work, the pay and problems they reported, whether they
  need help, and, when they had left, when and why. It travels in packages like every
  record (row_log triggers), so the county's laptops merge their follow-ups.
- placement_event.reason: why a job ended (vocab_jobs.LEAVE_REASON), on the event that
  ended it, so the list of people who left early gives its reasons.

Frozen as SQL so that it means the same thing whatever the models say later.
"""

from __future__ import annotations

from peewee import SqliteDatabase

from casework.migrations import m0007_laptops

# Tables whose records travel in packages, as of this step.
RECORD_TABLES = [*m0007_laptops.RECORD_TABLES, "work_check"]

SOFT = (
    '"id" VARCHAR(32) NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, '
    '"updated_at" DATETIME NOT NULL, "deleted_at" DATETIME, "deleted_by" VARCHAR(32)'
)

STATEMENTS = [
    f'CREATE TABLE "work_check" ({SOFT}, "placement_id" VARCHAR(32) NOT NULL, '
    '"checked_on" DATE NOT NULL, "method" VARCHAR(16) NOT NULL, '
    '"still_working" INTEGER NOT NULL, "monthly_pay" INTEGER, "problems" TEXT NOT NULL, '
    '"needs_help" INTEGER NOT NULL, "left_on" DATE, "left_reason" VARCHAR(16) NOT NULL, '
    '"notes" TEXT NOT NULL, "cadre_id" VARCHAR(32), '
    'FOREIGN KEY ("placement_id") REFERENCES "placement" ("id"), '
    'FOREIGN KEY ("cadre_id") REFERENCES "cadre" ("id"))',
    # The latest follow-up of each placement, which decides when the next is due.
    'CREATE INDEX "work_check_placement" ON "work_check" ("placement_id", "checked_on") '
    'WHERE "deleted_at" IS NULL',
    'ALTER TABLE "placement_event" ADD COLUMN "reason" VARCHAR(16) NOT NULL DEFAULT \'\'',
]


def apply(db: SqliteDatabase) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
    for statement in m0007_laptops._triggers("work_check", "work_check", "id"):
        db.execute_sql(statement)
