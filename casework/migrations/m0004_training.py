"""Step 4: training classes and enrolments (培训班、参训人员).

Frozen as SQL so that it means the same thing whatever the models say later.
"""

from __future__ import annotations

from peewee import SqliteDatabase

SOFT = (
    '"id" VARCHAR(32) NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, '
    '"updated_at" DATETIME NOT NULL, "deleted_at" DATETIME, "deleted_by" VARCHAR(32)'
)

STATEMENTS = [
    f'CREATE TABLE "training_class" ({SOFT}, "kind" VARCHAR(16) NOT NULL, '
    '"name" VARCHAR(60) NOT NULL, "start_date" DATE, "end_date" DATE, '
    '"place" VARCHAR(100) NOT NULL, "organiser" VARCHAR(60) NOT NULL, "notes" TEXT NOT NULL)',
    'CREATE INDEX "training_class_start_date" ON "training_class" ("start_date")',
    f'CREATE TABLE "enrollment" ({SOFT}, "training_class_id" VARCHAR(32) NOT NULL, '
    '"person_id" VARCHAR(32) NOT NULL, "attended" INTEGER NOT NULL, '
    '"completed" INTEGER NOT NULL, "certificate" INTEGER NOT NULL, '
    '"certificate_name" VARCHAR(60) NOT NULL, "certificate_number" VARCHAR(40) NOT NULL, '
    '"notes" TEXT NOT NULL, '
    'FOREIGN KEY ("training_class_id") REFERENCES "training_class" ("id"), '
    'FOREIGN KEY ("person_id") REFERENCES "person" ("id"))',
    'CREATE INDEX "enrollment_training_class_id" ON "enrollment" ("training_class_id")',
    'CREATE INDEX "enrollment_person_id" ON "enrollment" ("person_id")',
    # A person is enrolled in a class once; a removed enrolment frees the place.
    'CREATE UNIQUE INDEX "enrollment_live_pair" ON "enrollment" ("training_class_id", '
    '"person_id") WHERE "deleted_at" IS NULL',
]


def apply(db: SqliteDatabase) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
