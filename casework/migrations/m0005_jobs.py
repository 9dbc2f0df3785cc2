"""Step 5: employers, job postings, placements with their stage history, subsidy payments.

Frozen as SQL so that it means the same thing whatever the models say later.
"""

from __future__ import annotations

from peewee import SqliteDatabase

SOFT = (
    '"id" VARCHAR(32) NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, '
    '"updated_at" DATETIME NOT NULL, "deleted_at" DATETIME, "deleted_by" VARCHAR(32)'
)

STATEMENTS = [
    f'CREATE TABLE "employer" ({SOFT}, "name" VARCHAR(100) NOT NULL, '
    '"kind" VARCHAR(16) NOT NULL, "place" VARCHAR(60) NOT NULL, "contact" VARCHAR(30) NOT NULL, '
    '"phone" VARCHAR(20) NOT NULL, "uscc" VARCHAR(18), "notes" TEXT NOT NULL)',
    'CREATE INDEX "employer_name" ON "employer" ("name")',
    # A credit code names one live employer; a deleted one frees it.
    'CREATE UNIQUE INDEX "employer_live_uscc" ON "employer" ("uscc") '
    'WHERE "deleted_at" IS NULL AND "uscc" IS NOT NULL',
    f'CREATE TABLE "job_posting" ({SOFT}, "employer_id" VARCHAR(32) NOT NULL, '
    '"position" VARCHAR(60) NOT NULL, "job_kind" VARCHAR(16) NOT NULL, '
    '"place" VARCHAR(16) NOT NULL, "address" VARCHAR(100) NOT NULL, "headcount" INTEGER, '
    '"pay_min" INTEGER, "pay_max" INTEGER, "age_min" INTEGER, "age_max" INTEGER, '
    '"gender" VARCHAR(8) NOT NULL, "education_min" VARCHAR(16) NOT NULL, '
    '"certificates" VARCHAR(200) NOT NULL, "board" INTEGER NOT NULL, "lodging" INTEGER NOT NULL, '
    '"valid_until" DATE, "status" VARCHAR(16) NOT NULL, "notes" TEXT NOT NULL, '
    'FOREIGN KEY ("employer_id") REFERENCES "employer" ("id"))',
    'CREATE INDEX "job_posting_employer_id" ON "job_posting" ("employer_id")',
    'CREATE INDEX "job_posting_place" ON "job_posting" ("place")',
    'CREATE INDEX "job_posting_status" ON "job_posting" ("status")',
    f'CREATE TABLE "placement" ({SOFT}, "person_id" VARCHAR(32) NOT NULL, '
    '"posting_id" VARCHAR(32), "employer_id" VARCHAR(32), "employer_name" VARCHAR(100) NOT NULL, '
    '"position" VARCHAR(60) NOT NULL, "job_kind" VARCHAR(16) NOT NULL, '
    '"place" VARCHAR(16) NOT NULL, "organised" INTEGER NOT NULL, "stage" VARCHAR(16) NOT NULL, '
    '"stage_date" DATE NOT NULL, "recommended_on" DATE, "interviewed_on" DATE, "hired_on" DATE, '
    '"start_date" DATE, "end_date" DATE, "monthly_pay" INTEGER, "notes" TEXT NOT NULL, '
    'FOREIGN KEY ("person_id") REFERENCES "person" ("id"), '
    'FOREIGN KEY ("posting_id") REFERENCES "job_posting" ("id"), '
    'FOREIGN KEY ("employer_id") REFERENCES "employer" ("id"))',
    'CREATE INDEX "placement_person_id" ON "placement" ("person_id")',
    'CREATE INDEX "placement_posting_id" ON "placement" ("posting_id")',
    'CREATE INDEX "placement_employer_id" ON "placement" ("employer_id")',
    'CREATE INDEX "placement_stage" ON "placement" ("stage")',
    f'CREATE TABLE "placement_event" ({SOFT}, "placement_id" VARCHAR(32) NOT NULL, '
    '"stage" VARCHAR(16) NOT NULL, "event_date" DATE NOT NULL, "notes" VARCHAR(200) NOT NULL, '
    'FOREIGN KEY ("placement_id") REFERENCES "placement" ("id"))',
    'CREATE INDEX "placement_event_placement_id" ON "placement_event" ("placement_id")',
    f'CREATE TABLE "subsidy_payment" ({SOFT}, "placement_id" VARCHAR(32) NOT NULL, '
    '"person_id" VARCHAR(32) NOT NULL, "paid_on" DATE NOT NULL, "amount" INTEGER NOT NULL, '
    '"paid_by" VARCHAR(30) NOT NULL, "notes" VARCHAR(200) NOT NULL, '
    'FOREIGN KEY ("placement_id") REFERENCES "placement" ("id"), '
    'FOREIGN KEY ("person_id") REFERENCES "person" ("id"))',
    'CREATE INDEX "subsidy_payment_placement_id" ON "subsidy_payment" ("placement_id")',
    'CREATE INDEX "subsidy_payment_person_id" ON "subsidy_payment" ("person_id")',
]


def apply(db: SqliteDatabase) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
