"""Step 8: indexes for sorting the household list on any of its columns, and for ranking.

- household (column, code) for each column the list sorts by besides the code (户主,
  人口, 类型, 最近走访, 下次走访), live households only: a page is a walk of 50 index
  entries instead of a sort of every live household (80-90 ms a page on a county of
  30,000, and growing with it); the code breaks ties as the list does. The member-count
  index also finds the households with no members yet whose code a search names.
- employment_wish, the open live wishes (有意愿待推荐, 已推荐) with every column that
  matching reads, in person order; person, every column matching reads, in id order.
  Ranking a posting walks the first and looks each person up in the second in the same
  order, reading neither table (bench/bench_matching.py).

Frozen as SQL so that it means the same thing whatever the models say later.
"""

from __future__ import annotations

from peewee import SqliteDatabase

SORTED = ["head_name", "member_count", "status", "last_visit_date", "next_visit_date"]

STATEMENTS = [
    *(
        f'CREATE INDEX "household_live_{column}" ON "household" ("{column}", "code") '
        'WHERE "deleted_at" IS NULL'
        for column in SORTED
    ),
    # The WHERE is the candidates query's own (casework.services.jobs.matching): SQLite
    # uses a partial index only for a query that says the same.
    'CREATE INDEX "employment_wish_open" ON "employment_wish" ("person_id", "recorded_on", '
    '"created_at", "destinations", "job_kinds", "expected_pay", "constraints", '
    '"willing_to_go_out", "available_from", "status", "deleted_at") '
    "WHERE \"deleted_at\" IS NULL AND \"status\" IN ('active', 'recommended')",
    'CREATE INDEX "person_matching" ON "person" ("id", "deleted_at", "birth_date", "gender", '
    '"education", "skills", "health", "labour_ability")',
]


def apply(db: SqliteDatabase) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
