"""What travels in a package: the tables, the entity names their history uses, and which
columns merge field by field.

A column merges by its change history unless it is bookkeeping (ids, timestamps, the
soft-delete pointer, which the deletions decide) or derived from other rows (a
household's head and size, a person's search keys), which the merge recomputes.
"""

from __future__ import annotations

from dataclasses import dataclass

from casework.migrations.m0009_work_checks import RECORD_TABLES

BOOKKEEPING = {"id", "created_at", "updated_at", "deleted_at", "deleted_by"}


@dataclass(frozen=True)
class Table:
    name: str  # the SQL table
    entity: str  # Change.entity of its history
    derived: frozenset[str] = frozenset()
    # Values kept in the row and named in history by a digest (a photo).
    digested: frozenset[str] = frozenset()
    # Virtual fields: link sets kept in other tables, merged as fields of this record.
    links: tuple[tuple[str, str, str], ...] = ()  # (field, link table, other column)


TABLES = [
    Table("area", "area"),
    Table("cadre", "cadre"),
    Table(
        "household",
        "household",
        frozenset({"head_name", "member_count", "last_visit_date", "next_visit_date"}),
    ),
    Table("person", "person", frozenset({"name_pinyin", "name_initials", "search_grams"})),
    Table(
        "visit",
        "visit",
        links=(
            ("cadre_ids", "visit_cadre", "cadre_id"),
            ("person_ids", "visit_person", "person_id"),
        ),
    ),
    Table("employment_wish", "wish"),
    Table("deletion", "deletion"),
    Table("training_class", "training_class"),
    Table("enrollment", "enrollment"),
    Table("employer", "employer"),
    Table("job_posting", "posting"),
    Table("placement", "placement"),
    Table("placement_event", "placement_event"),
    Table("subsidy_payment", "subsidy"),
    Table("resume", "resume", digested=frozenset({"photo"})),
    Table("resume_entry", "resume_entry"),
    Table("duplicate_pair", "duplicate_pair"),
    Table("work_check", "work_check"),
]
BY_NAME = {table.name: table for table in TABLES}
BY_ENTITY = {table.entity: table for table in TABLES}
assert [t.name for t in TABLES] == RECORD_TABLES, "packages and row_log must list one set"

# Not records but what a package needs to merge them.
SUPPORT_TABLES = ["change", "deletion_target", "field_head", "visit_cadre", "visit_person"]
PACKAGE_TABLES = [*RECORD_TABLES, *SUPPORT_TABLES, "meta", "peer_state"]
