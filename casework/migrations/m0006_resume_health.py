"""Step 6: each resume says whether its health line is printed (only when 健康, by default).

Health is sensitive personal information: a resume prints it only as the applicant
chooses. Drafts made before this step take the default. Frozen as SQL so that it means
the same thing whatever the models say later.
"""

from __future__ import annotations

from peewee import SqliteDatabase

STATEMENTS = [
    'ALTER TABLE "resume" ADD COLUMN "health_print" VARCHAR(16) NOT NULL DEFAULT \'if_healthy\'',
]


def apply(db: SqliteDatabase) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
