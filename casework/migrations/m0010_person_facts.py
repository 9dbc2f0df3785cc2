"""Step 10: what the work figures need to know of each person, kept by triggers.

- person_fact: one narrow row per person: its household, its work status (from the
  register), whether it is live, and whether the person is at work through a placement
  at work (就业跟踪, stage 在岗), and where (in Beijing, local or nearby, in an assistance
  workshop), and whether they are willing to go out. These facts were found afresh by
  every count of the figures, a pass over every placement and every wish (with the
  latest wish of each person looked up), then over the wide person rows: the figures'
  largest pass at county scale, 180 ms of its 300. Triggers on person, placement,
  employment_wish and employer keep the table as the data say whatever writes the data
  (a form, an import, a merge, the recycle bin), so reading it is reading the rule. It
  is this laptop's own derived data: it does not travel in packages (no row_log). (An
  index on person for the figures would do half as much, and drew other queries that
  join person into scanning it.)
- employment_wish (person_id, recorded_on, created_at), live wishes: a person's latest
  wish in one step.
- placement_event (stage, placement_id, event_date), live events: the subsidy's working
  periods and the jobs that ended read the events from it.

The rule (the same as casework.services.figures.definitions gave before this step): a
person is at work through a placement at work, in Beijing when its place is Beijing,
local when its place is local or in the county or its employer is an assistance
workshop; willing when their latest live wish (latest recorded, then latest entered) is
willing to go out and not withdrawn (the willing list, casework.services.register.list_rows,
reads it here too).
A later change to the rule is a later step that makes these triggers again and fills the
table again.

Frozen as SQL so that it means the same thing whatever the models say later.
"""

from __future__ import annotations

from peewee import SqliteDatabase

COLUMNS = ["at_work", "at_work_beijing", "at_work_local", "at_work_workshop", "willing"]
PERSON_COLUMNS = ["household_id", "work_status", "live"]

# Each column: its value on a placement at work pl (its employer e); a wish gives 0.
_AT_WORK = {
    "at_work_beijing": "pl.place = 'beijing'",
    "at_work_local": "pl.place IN ('local', 'in_county') OR e.kind = 'workshop'",
    "at_work_workshop": "e.kind = 'workshop'",
}


def facts_of(who: str | None) -> str:
    """The facts of the people whose ids `who` (SQL: a list or a query) gives, every
    person when None: one row per person with any.

    Each person's latest wish is looked up once, through employment_wish_latest, so a
    trigger's work stays small however many wishes a person has (a package from outside
    may bring thousands)."""
    # For a few people, their placements by person (the unary + keeps SQLite from reading
    # every placement at work instead); for everyone, the placements at work.
    placements = (
        f"pl.person_id IN ({who}) AND +pl.stage = 'working'" if who else "pl.stage = 'working'"
    )
    people = f"WHERE x.id IN ({who})" if who else ""
    maxima = ", ".join(f"max({column}) AS {column}" for column in COLUMNS)
    return f"""
    SELECT person_id, {maxima}
    FROM (
        SELECT pl.person_id, 1 AS at_work,
               {", ".join(f"({rule}) AS {c}" for c, rule in _AT_WORK.items())}, 0 AS willing
        FROM placement pl LEFT JOIN employer e ON e.id = pl.employer_id
        WHERE pl.deleted_at IS NULL AND {placements}
        UNION ALL
        SELECT w.person_id, 0, 0, 0, 0, 1
        FROM employment_wish w
        WHERE w.willing_to_go_out = 1 AND w.status != 'withdrawn' AND w.id IN (
            SELECT (
                SELECT w2.id FROM employment_wish w2
                WHERE w2.person_id = x.id AND w2.deleted_at IS NULL
                ORDER BY w2.recorded_on DESC, w2.created_at DESC LIMIT 1
            ) FROM person x {people}
        )
    ) GROUP BY person_id"""


def rows_of(who: str | None) -> str:
    """The person_fact rows of the people `who` names (every person when None)."""
    only = f"WHERE p.id IN ({who})" if who else ""
    return f"""
    SELECT p.id, p.household_id, p.work_status, p.deleted_at IS NULL,
           {", ".join(f"coalesce(f.{column}, 0)" for column in COLUMNS)}
    FROM person p LEFT JOIN ({facts_of(who)}) f ON f.person_id = p.id {only}"""


_ALL = ", ".join(f'"{column}"' for column in ["person_id", *PERSON_COLUMNS, *COLUMNS])


def _refresh(who: str) -> str:
    """The body of a trigger: the rows of the people `who` names made again."""
    return (
        f"DELETE FROM person_fact WHERE person_id IN ({who}); "
        f"INSERT INTO person_fact ({_ALL}) {rows_of(who)};"
    )


def _triggers(name: str, table: str, columns: str, who) -> list[str]:
    """After an insert, an update of `columns` and a delete on `table`: the rows of the
    people `who(row)` names for the new row, the old, or both, made again. (A list of
    values where a value will do: SQLite makes a table of a query's rows each time.)"""
    both = " UNION " if who("NEW").startswith("SELECT") else ", "
    return [
        f'CREATE TRIGGER "person_fact_{name}_{event_name}" AFTER {event} ON "{table}" '
        f"BEGIN {_refresh(whose)} END"
        for event_name, event, whose in (
            ("added", "INSERT", who("NEW")),
            ("changed", f"UPDATE OF {columns}", f"{who('OLD')}{both}{who('NEW')}"),
            ("removed", "DELETE", who("OLD")),
        )
    ]


# What a trigger looks at: the person's columns kept; the placement or wish columns the
# rule reads; an employer's kind (an insert too: a merge may bring a placement before
# its employer).
KEPT_BY = [
    ("person", "person", "household_id, work_status, deleted_at", "{}.id"),
    (
        "placement",
        "placement",
        "person_id, employer_id, place, stage, deleted_at",
        "{}.person_id",
    ),
    (
        "wish",
        "employment_wish",
        "person_id, recorded_on, created_at, deleted_at, willing_to_go_out, status",
        "{}.person_id",
    ),
    (
        "employer",
        "employer",
        "id, kind",
        "SELECT person_id FROM placement WHERE employer_id = {}.id",
    ),
]

STATEMENTS = [
    'CREATE TABLE "person_fact" ("person_id" VARCHAR(32) NOT NULL PRIMARY KEY, '
    '"household_id" VARCHAR(32) NOT NULL, "work_status" VARCHAR(16) NOT NULL, '
    '"live" INTEGER NOT NULL, '
    + ", ".join(f'"{column}" INTEGER NOT NULL' for column in COLUMNS)
    + ") WITHOUT ROWID",
    # A person's latest live wish (latest recorded, then latest entered), in one step.
    'CREATE INDEX "employment_wish_latest" ON "employment_wish" '
    '("person_id", "recorded_on", "created_at") WHERE "deleted_at" IS NULL',
    'CREATE INDEX "placement_event_stage" ON "placement_event" '
    '("stage", "placement_id", "event_date") WHERE "deleted_at" IS NULL',
    *(
        statement
        for name, table, columns, who in KEPT_BY
        for statement in _triggers(name, table, columns, who.format)
    ),
    f'INSERT INTO "person_fact" ({_ALL}) {rows_of(None)}',
]


def apply(db: SqliteDatabase) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
