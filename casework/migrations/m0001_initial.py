"""Step 1: the first schema (areas, cadres, households, people, visits, wishes, trash, history).

Frozen as SQL so that it means the same thing whatever the models say later.
"""

from __future__ import annotations

from peewee import SqliteDatabase

SOFT = (
    '"id" VARCHAR(32) NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, '
    '"updated_at" DATETIME NOT NULL, "deleted_at" DATETIME, "deleted_by" VARCHAR(32)'
)
BASE = (
    '"id" VARCHAR(32) NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, '
    '"updated_at" DATETIME NOT NULL'
)

STATEMENTS = [
    'CREATE TABLE "setting" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    f'CREATE TABLE "area" ({SOFT}, "parent_id" VARCHAR(32), "level" VARCHAR(16) NOT NULL, '
    '"name" VARCHAR(50) NOT NULL, "code" VARCHAR(12) NOT NULL, '
    'FOREIGN KEY ("parent_id") REFERENCES "area" ("id"))',
    'CREATE INDEX "area_parent_id" ON "area" ("parent_id")',
    'CREATE INDEX "area_parent_id_name" ON "area" ("parent_id", "name")',
    f'CREATE TABLE "cadre" ({SOFT}, "name" VARCHAR(30) NOT NULL, "unit" VARCHAR(60) NOT NULL, '
    '"phone" VARCHAR(20) NOT NULL)',
    f'CREATE TABLE "household" ({SOFT}, "code" VARCHAR(30) NOT NULL, '
    '"village_id" VARCHAR(32) NOT NULL, "group_id" VARCHAR(32), "address" VARCHAR(100) NOT NULL, '
    '"phone" VARCHAR(20) NOT NULL, "status" VARCHAR(16) NOT NULL, "notes" TEXT NOT NULL, '
    '"head_name" VARCHAR(30) NOT NULL, "member_count" INTEGER NOT NULL, '
    '"last_visit_date" DATE, "next_visit_date" DATE, '
    'FOREIGN KEY ("village_id") REFERENCES "area" ("id"), '
    'FOREIGN KEY ("group_id") REFERENCES "area" ("id"))',
    'CREATE INDEX "household_code" ON "household" ("code")',
    'CREATE INDEX "household_village_id" ON "household" ("village_id")',
    'CREATE INDEX "household_group_id" ON "household" ("group_id")',
    'CREATE INDEX "household_status" ON "household" ("status")',
    'CREATE INDEX "household_last_visit_date" ON "household" ("last_visit_date")',
    'CREATE INDEX "household_next_visit_date" ON "household" ("next_visit_date")',
    'CREATE UNIQUE INDEX "household_live_code" ON "household" ("code") WHERE "deleted_at" IS NULL',
    f'CREATE TABLE "person" ({SOFT}, "household_id" VARCHAR(32) NOT NULL, '
    '"relation" VARCHAR(20) NOT NULL, "name" VARCHAR(30) NOT NULL, '
    '"name_pinyin" VARCHAR(120) NOT NULL, "name_initials" VARCHAR(30) NOT NULL, '
    '"gender" VARCHAR(8) NOT NULL, "birth_date" DATE, "ethnicity" VARCHAR(16) NOT NULL, '
    '"id_number" VARCHAR(18), "phone" VARCHAR(20) NOT NULL, "education" VARCHAR(16) NOT NULL, '
    '"health" VARCHAR(16) NOT NULL, "health_notes" VARCHAR(100) NOT NULL, '
    '"labour_ability" VARCHAR(16) NOT NULL, "skills" VARCHAR(200) NOT NULL, '
    '"work_status" VARCHAR(16) NOT NULL, "notes" TEXT NOT NULL, '
    'FOREIGN KEY ("household_id") REFERENCES "household" ("id"))',
    'CREATE INDEX "person_household_id" ON "person" ("household_id")',
    # An ID number belongs to one live person; a deleted holder frees it.
    'CREATE UNIQUE INDEX "person_live_id_number" ON "person" ("id_number") '
    'WHERE "deleted_at" IS NULL AND "id_number" IS NOT NULL',
    f'CREATE TABLE "visit" ({SOFT}, "household_id" VARCHAR(32) NOT NULL, '
    '"visit_date" DATE NOT NULL, "kind" VARCHAR(16) NOT NULL, "place" VARCHAR(100) NOT NULL, '
    '"situation" TEXT NOT NULL, "requests" TEXT NOT NULL, "actions" TEXT NOT NULL, '
    '"next_visit_date" DATE, "recorded_by_id" VARCHAR(32), '
    'FOREIGN KEY ("household_id") REFERENCES "household" ("id"), '
    'FOREIGN KEY ("recorded_by_id") REFERENCES "cadre" ("id"))',
    'CREATE INDEX "visit_recorded_by_id" ON "visit" ("recorded_by_id")',
    'CREATE INDEX "visit_household_id_visit_date" ON "visit" ("household_id", "visit_date")',
    'CREATE INDEX "visit_visit_date" ON "visit" ("visit_date")',
    # Link tables are keyed by the pair: no id or timestamps of their own (they merge with
    # their visit), WITHOUT ROWID so the key is the table.
    'CREATE TABLE "visit_cadre" ("visit_id" VARCHAR(32) NOT NULL, "cadre_id" VARCHAR(32) NOT NULL, '
    'PRIMARY KEY ("visit_id", "cadre_id"), FOREIGN KEY ("visit_id") REFERENCES "visit" ("id"), '
    'FOREIGN KEY ("cadre_id") REFERENCES "cadre" ("id")) WITHOUT ROWID',
    'CREATE INDEX "visit_cadre_cadre_id" ON "visit_cadre" ("cadre_id")',
    'CREATE TABLE "visit_person" ("visit_id" VARCHAR(32) NOT NULL, '
    '"person_id" VARCHAR(32) NOT NULL, PRIMARY KEY ("visit_id", "person_id"), '
    'FOREIGN KEY ("visit_id") REFERENCES "visit" ("id"), '
    'FOREIGN KEY ("person_id") REFERENCES "person" ("id")) WITHOUT ROWID',
    'CREATE INDEX "visit_person_person_id" ON "visit_person" ("person_id")',
    f'CREATE TABLE "employment_wish" ({SOFT}, "person_id" VARCHAR(32) NOT NULL, '
    '"visit_id" VARCHAR(32), "recorded_on" DATE NOT NULL, "willing_to_go_out" INTEGER NOT NULL, '
    '"destinations" VARCHAR(60) NOT NULL, "job_kinds" VARCHAR(200) NOT NULL, '
    '"expected_pay" INTEGER, "available_from" DATE, "constraints" VARCHAR(100) NOT NULL, '
    '"constraint_notes" VARCHAR(200) NOT NULL, "training_wanted" VARCHAR(200) NOT NULL, '
    '"status" VARCHAR(16) NOT NULL, "notes" TEXT NOT NULL, '
    'FOREIGN KEY ("person_id") REFERENCES "person" ("id"), '
    'FOREIGN KEY ("visit_id") REFERENCES "visit" ("id"))',
    'CREATE INDEX "employment_wish_person_id" ON "employment_wish" ("person_id")',
    'CREATE INDEX "employment_wish_visit_id" ON "employment_wish" ("visit_id")',
    'CREATE INDEX "employment_wish_person_id_recorded_on" ON "employment_wish" '
    '("person_id", "recorded_on")',
    f'CREATE TABLE "deletion" ({BASE}, "kind" VARCHAR(16) NOT NULL, '
    '"record_id" VARCHAR(32) NOT NULL, "label" VARCHAR(200) NOT NULL, '
    '"deleted_at" DATETIME NOT NULL, "cadre_id" VARCHAR(32), "restored_at" DATETIME, '
    'FOREIGN KEY ("cadre_id") REFERENCES "cadre" ("id"))',
    'CREATE INDEX "deletion_deleted_at" ON "deletion" ("deleted_at")',
    'CREATE INDEX "deletion_cadre_id" ON "deletion" ("cadre_id")',
    f'CREATE TABLE "change" ({BASE}, "entity" VARCHAR(30) NOT NULL, '
    '"record_id" VARCHAR(32) NOT NULL, "field" VARCHAR(40) NOT NULL, "old_value" TEXT, '
    '"new_value" TEXT, "changed_at" DATETIME NOT NULL, "cadre_id" VARCHAR(32), '
    'FOREIGN KEY ("cadre_id") REFERENCES "cadre" ("id"))',
    'CREATE INDEX "change_record_id" ON "change" ("record_id")',
    'CREATE INDEX "change_cadre_id" ON "change" ("cadre_id")',
]


def apply(db: SqliteDatabase) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
