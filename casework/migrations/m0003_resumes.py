"""Step 3: resume drafts (简历) and their entries (education, work, certificates...).

Frozen as SQL so that it means the same thing whatever the models say later.
"""

from __future__ import annotations

from peewee import SqliteDatabase

SOFT = (
    '"id" VARCHAR(32) NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, '
    '"updated_at" DATETIME NOT NULL, "deleted_at" DATETIME, "deleted_by" VARCHAR(32)'
)

STATEMENTS = [
    f'CREATE TABLE "resume" ({SOFT}, "person_id" VARCHAR(32) NOT NULL, '
    '"title" VARCHAR(60) NOT NULL, "target_job" VARCHAR(100) NOT NULL, '
    '"target_place" VARCHAR(60) NOT NULL, "expected_pay" INTEGER, "available_from" DATE, '
    '"phone" VARCHAR(20) NOT NULL, "self_description" TEXT NOT NULL, "photo" BLOB, '
    '"template" VARCHAR(60) NOT NULL, '
    'FOREIGN KEY ("person_id") REFERENCES "person" ("id"))',
    'CREATE INDEX "resume_person_id" ON "resume" ("person_id")',
    f'CREATE TABLE "resume_entry" ({SOFT}, "resume_id" VARCHAR(32) NOT NULL, '
    '"kind" VARCHAR(16) NOT NULL, "period_from" VARCHAR(10) NOT NULL, '
    '"period_to" VARCHAR(10) NOT NULL, "organisation" VARCHAR(100) NOT NULL, '
    '"title" VARCHAR(100) NOT NULL, "detail" TEXT NOT NULL, "position" INTEGER NOT NULL, '
    'FOREIGN KEY ("resume_id") REFERENCES "resume" ("id"))',
    'CREATE INDEX "resume_entry_resume_id_position" ON "resume_entry" ("resume_id", "position")',
]


def apply(db: SqliteDatabase) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
