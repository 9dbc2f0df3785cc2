"""Demo data: the columns each demo table is filled in, a batch of rows, and the bulk INSERT.

Generators build rows as tuples in the order of these field lists; `insert` writes a
list of them with one prepared statement.
"""

from __future__ import annotations

import datetime as dt

from casework.db import database
from casework.models import (
    Area,
    Cadre,
    Employer,
    EmploymentWish,
    Enrollment,
    Household,
    JobPosting,
    Person,
    Placement,
    PlacementEvent,
    SubsidyPayment,
    TrainingClass,
    Visit,
    VisitCadre,
    VisitPerson,
    WorkCheck,
)

STAMPS = "id created_at updated_at "


def _fields(model, names: str) -> list:
    """Model fields in the order the generator builds row tuples."""
    return [model._meta.fields[name] for name in (STAMPS + names).split()]


AREA_FIELDS = _fields(Area, "parent level name code")
CADRE_FIELDS = _fields(Cadre, "name unit phone")
HOUSEHOLD_FIELDS = _fields(
    Household,
    "code village group address phone status notes head_name member_count last_visit_date "
    "next_visit_date",
)
PERSON_FIELDS = _fields(
    Person,
    "household relation name name_pinyin name_initials search_grams gender birth_date "
    "ethnicity id_number phone education health health_notes labour_ability skills "
    "work_status notes",
)
VISIT_FIELDS = _fields(
    Visit,
    "household visit_date kind place situation requests actions next_visit_date recorded_by",
)
# Link tables have no id or timestamps of their own.
VISIT_CADRE_FIELDS = [VisitCadre._meta.fields[n] for n in ("visit", "cadre")]
VISIT_PERSON_FIELDS = [VisitPerson._meta.fields[n] for n in ("visit", "person")]
WISH_FIELDS = _fields(
    EmploymentWish,
    "person visit recorded_on willing_to_go_out destinations job_kinds expected_pay "
    "available_from constraints constraint_notes training_wanted status notes",
)
# Where a wish row holds its last change and its status, which placements decide.
WISH_UPDATED_AT = 2
WISH_STATUS_AT = [field.name for field in WISH_FIELDS].index("status")
EMPLOYER_FIELDS = _fields(Employer, "name kind place contact phone uscc notes")
POSTING_FIELDS = _fields(
    JobPosting,
    "employer position job_kind place address headcount pay_min pay_max age_min age_max "
    "gender education_min certificates board lodging valid_until status notes",
)
PLACEMENT_FIELDS = _fields(
    Placement,
    "person posting employer employer_name position job_kind place organised stage stage_date "
    "recommended_on interviewed_on hired_on start_date end_date monthly_pay notes",
)
PLACEMENT_EVENT_FIELDS = _fields(PlacementEvent, "placement stage event_date notes reason")
WORK_CHECK_FIELDS = _fields(
    WorkCheck,
    "placement checked_on method still_working monthly_pay problems needs_help left_on "
    "left_reason notes cadre",
)
SUBSIDY_FIELDS = _fields(SubsidyPayment, "placement person paid_on amount paid_by notes")
CLASS_FIELDS = _fields(TrainingClass, "kind name start_date end_date place organiser notes")
ENROLLMENT_FIELDS = _fields(
    Enrollment,
    "training_class person attended completed certificate certificate_name "
    "certificate_number notes",
)

# Batch tables in the order foreign keys need them: (name in the counts, model, fields).
BATCH_TABLES = [
    ("households", Household, HOUSEHOLD_FIELDS),
    ("people", Person, PERSON_FIELDS),
    ("visits", Visit, VISIT_FIELDS),
    ("visit_cadres", VisitCadre, VISIT_CADRE_FIELDS),
    ("visit_people", VisitPerson, VISIT_PERSON_FIELDS),
    ("wishes", EmploymentWish, WISH_FIELDS),
    ("placements", Placement, PLACEMENT_FIELDS),
    ("placement_events", PlacementEvent, PLACEMENT_EVENT_FIELDS),
    ("work_checks", WorkCheck, WORK_CHECK_FIELDS),
    ("subsidy_payments", SubsidyPayment, SUBSIDY_FIELDS),
    ("enrollments", Enrollment, ENROLLMENT_FIELDS),
]


class Rows:
    """The rows of one batch of households, as tuples in the order of each table's fields."""

    def __init__(self) -> None:
        for name, _model, _fields in BATCH_TABLES:
            setattr(self, name, [])

    def insert(self, counts: dict[str, int]) -> None:
        for name, model, fields in BATCH_TABLES:
            rows = getattr(self, name)
            insert(model, fields, rows)
            counts[name] = counts.get(name, 0) + len(rows)


def insert(model, fields: list, rows: list[tuple]) -> None:
    """Insert rows (tuples in the order of `fields`) with one prepared statement.

    sqlite3's executemany binds the rows; building one multi-row INSERT per chunk with
    peewee's insert_many() spent three quarters of the time rendering SQL in Python.
    Values reach SQLite through the same sqlite3 adapters either way (dates and
    datetimes as ISO text, booleans as 0/1); a column left out takes its SQL default.
    """
    if rows:
        columns = ", ".join(f'"{field.column_name}"' for field in fields)
        marks = ", ".join("?" * len(fields))
        table = model._meta.table_name
        database.cursor().executemany(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', rows)


def moment(rng, day: dt.date, hour: int, spread: int) -> dt.datetime:
    """A time on `day`, from `hour` o'clock up to `spread` minutes later."""
    return dt.datetime.combine(day, dt.time(hour)) + dt.timedelta(minutes=rng.randint(0, spread))
