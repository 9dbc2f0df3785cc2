"""Step 7: each laptop an identity, changes that merge, and two more person fields.

- Every change carries the laptop (replica) that made it, that laptop's own sequence
  number, a Lamport time and the changes of the same field it replaced (its parents), so
  a merge orders changes without trusting clocks and can tell an edit from a conflict.
  The changes already recorded are numbered in the order they were made and chained
  field by field, the same way on every copy of one file.
- field_head: the change(s) a field's value now stands on; two or more = a conflict.
- row_log: the last local revision of every record, kept by triggers, so a package for
  a colleague holds what changed since they last acknowledged, whatever code wrote it.
- deletion_target: every record a delete hid (the set merges; a pointer on the record
  alone could not), and on deletion what the deleting laptop knew.
- peer, package_log, duplicate_pair: the laptops this one has exchanged with, the
  packages sent and received, and records two laptops registered twice.
- person.political_status, person.marital_status (政治面貌, 婚姻状况).

Frozen as SQL so that it means the same thing whatever the models say later.
"""

from __future__ import annotations

import uuid

from peewee import SqliteDatabase

# Tables whose records travel in packages. The visit link tables log their visit.
RECORD_TABLES = [
    "area",
    "cadre",
    "household",
    "person",
    "visit",
    "employment_wish",
    "deletion",
    "training_class",
    "enrollment",
    "employer",
    "job_posting",
    "placement",
    "placement_event",
    "subsidy_payment",
    "resume",
    "resume_entry",
    "duplicate_pair",
]
LINK_TABLES = ["visit_cadre", "visit_person"]

# History rows for whole-record events, not field values: they never head a field.
EVENTS = "('created', 'deleted', 'restored', 'photo')"

STATEMENTS = [
    'ALTER TABLE "change" ADD COLUMN "replica" VARCHAR(32) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "change" ADD COLUMN "seq" INTEGER NOT NULL DEFAULT 0',
    'ALTER TABLE "change" ADD COLUMN "lamport" INTEGER NOT NULL DEFAULT 0',
    'ALTER TABLE "change" ADD COLUMN "parents" TEXT NOT NULL DEFAULT \'\'',
    'ALTER TABLE "deletion" ADD COLUMN "replica" VARCHAR(32) NOT NULL DEFAULT \'\'',
    # JSON {replica: highest seq known} when the delete was made: an edit it did not know
    # of was made elsewhere, and the recycle bin says so.
    'ALTER TABLE "deletion" ADD COLUMN "known" TEXT NOT NULL DEFAULT \'{}\'',
    'ALTER TABLE "person" ADD COLUMN "political_status" VARCHAR(16) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "person" ADD COLUMN "marital_status" VARCHAR(16) NOT NULL DEFAULT \'\'',
    'CREATE TABLE "field_head" ("entity" VARCHAR(30) NOT NULL, "record_id" VARCHAR(32) NOT NULL, '
    '"field" VARCHAR(40) NOT NULL, "change_id" VARCHAR(32) NOT NULL, '
    'PRIMARY KEY ("entity", "record_id", "field", "change_id")) WITHOUT ROWID',
    'CREATE TABLE "row_log" ("tbl" VARCHAR(30) NOT NULL, "record_id" VARCHAR(32) NOT NULL, '
    '"rev" INTEGER NOT NULL, PRIMARY KEY ("tbl", "record_id")) WITHOUT ROWID',
    'CREATE INDEX "row_log_rev" ON "row_log" ("rev")',
    'CREATE TABLE "deletion_target" ("deletion_id" VARCHAR(32) NOT NULL, '
    '"tbl" VARCHAR(30) NOT NULL, "record_id" VARCHAR(32) NOT NULL, '
    'PRIMARY KEY ("deletion_id", "tbl", "record_id")) WITHOUT ROWID',
    'CREATE INDEX "deletion_target_record" ON "deletion_target" ("record_id")',
    # One row per laptop ever heard of, this one included. known_seq: their highest change
    # held here; received_rows/changes: their revisions received through; acked_rows/
    # changes: this laptop's revisions they have said they hold.
    'CREATE TABLE "peer" ("id" VARCHAR(32) NOT NULL PRIMARY KEY, "name" VARCHAR(60) NOT NULL, '
    '"is_office" INTEGER NOT NULL DEFAULT 0, "known_seq" INTEGER NOT NULL DEFAULT 0, '
    '"received_rows" INTEGER NOT NULL DEFAULT 0, "received_changes" INTEGER NOT NULL DEFAULT 0, '
    '"acked_rows" INTEGER NOT NULL DEFAULT 0, "acked_changes" INTEGER NOT NULL DEFAULT 0, '
    '"last_exchange" DATETIME)',
    'CREATE TABLE "package_log" ("id" VARCHAR(32) NOT NULL PRIMARY KEY, '
    '"direction" VARCHAR(8) NOT NULL, "peer_id" VARCHAR(32) NOT NULL, "peer_name" VARCHAR(60) '
    'NOT NULL, "file" TEXT NOT NULL, "at" DATETIME NOT NULL, "summary" TEXT NOT NULL)',
    'CREATE TABLE "duplicate_pair" ("id" VARCHAR(32) NOT NULL PRIMARY KEY, '
    '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted_at" DATETIME, '
    '"deleted_by" VARCHAR(32), "entity" VARCHAR(16) NOT NULL, "kept_id" VARCHAR(32) NOT NULL, '
    '"other_id" VARCHAR(32) NOT NULL, "reason" VARCHAR(16) NOT NULL, '
    '"status" VARCHAR(16) NOT NULL)',
    'CREATE INDEX "duplicate_pair_status" ON "duplicate_pair" ("status")',
    'CREATE INDEX "change_replica_seq" ON "change" ("replica", "seq")',
    'CREATE INDEX "change_lamport" ON "change" ("lamport")',
]


def _triggers(table: str, logged_as: str, key_column: str) -> list[str]:
    def stamp(row: str) -> str:
        return (
            f"INSERT OR REPLACE INTO row_log (tbl, record_id, rev) VALUES ('{logged_as}', "
            f"{row}.{key_column}, (SELECT COALESCE(MAX(rev), 0) + 1 FROM row_log));"
        )

    made = [
        f'CREATE TRIGGER "row_log_{table}_insert" AFTER INSERT ON "{table}" '
        f"BEGIN {stamp('NEW')} END",
        f'CREATE TRIGGER "row_log_{table}_update" AFTER UPDATE ON "{table}" '
        f"BEGIN {stamp('NEW')} END",
    ]
    if table in LINK_TABLES:  # a link removed changes its visit too
        made.append(
            f'CREATE TRIGGER "row_log_{table}_delete" AFTER DELETE ON "{table}" '
            f"BEGIN {stamp('OLD')} END"
        )
    return made


def apply(db: SqliteDatabase) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
    replica = uuid.uuid4().hex
    # The history so far, numbered in the order it was made (ties by id, so every copy of
    # one file numbers it alike) and chained field by field.
    db.execute_sql(
        'UPDATE "change" SET replica = ?, seq = ordered.n, lamport = ordered.n, '
        "parents = COALESCE(ordered.parent, '') FROM (SELECT id, "
        "ROW_NUMBER() OVER (ORDER BY changed_at, id) AS n, "
        "LAG(id) OVER (PARTITION BY entity, record_id, field ORDER BY changed_at, id) AS parent "
        'FROM "change") AS ordered WHERE "change".id = ordered.id',
        (replica,),
    )
    db.execute_sql(
        "INSERT INTO field_head (entity, record_id, field, change_id) SELECT entity, record_id, "
        "field, id FROM (SELECT entity, record_id, field, id, ROW_NUMBER() OVER (PARTITION BY "
        'entity, record_id, field ORDER BY lamport DESC) AS latest FROM "change" '
        f"WHERE field NOT IN {EVENTS} AND entity != 'export') WHERE latest = 1"
    )
    # What each delete so far hid, read off the records that still point at it.
    for table in RECORD_TABLES:
        if table == "deletion":
            continue
        db.execute_sql(
            f"INSERT OR IGNORE INTO deletion_target (deletion_id, tbl, record_id) "
            f"SELECT deleted_by, '{table}', id FROM \"{table}\" WHERE deleted_by IS NOT NULL"
        )
    db.execute_sql(
        "INSERT OR REPLACE INTO setting (key, value) VALUES ('replica_id', ?)", (replica,)
    )
    # Every record so far is revision 1: the first package holds them all anyway.
    for table in RECORD_TABLES:
        db.execute_sql(
            f"INSERT INTO row_log (tbl, record_id, rev) SELECT '{table}', id, 1 FROM \"{table}\""
        )
    for table in RECORD_TABLES:
        for statement in _triggers(table, table, "id"):
            db.execute_sql(statement)
    for table in LINK_TABLES:
        for statement in _triggers(table, "visit", "visit_id"):
            db.execute_sql(statement)
