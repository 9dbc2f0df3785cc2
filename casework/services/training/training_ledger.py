"""Training read-outs: enrolment rows with the person, their wish and the work found later."""

from __future__ import annotations

from collections.abc import Iterator

from peewee import JOIN

from casework.models import Area, EmploymentWish, Enrollment, Household, Person, TrainingClass
from casework.services.common import get_live, row_dict
from casework.services.training import training_outcomes
from casework.vocab import GENDER, label
from casework.vocab_training import TRAINING_KIND, kind_matches_text


def _chunks(items: list, size: int = 900):
    # SQLite limits the bound parameters of one statement.
    for start in range(0, len(items), size):
        yield items[start : start + size]


def person_training(person_id: str) -> list[dict]:
    """A person's live enrolments, newest class first (for the member's page and resume)."""
    rows = enrollment_rows(Enrollment.person == person_id)
    return sorted(rows, key=lambda r: r["class_start_date"] or r["created_at"].date(), reverse=True)


def enrollment_rows(condition, order=None) -> list[dict]:
    """Live enrolments matching `condition`, with person, household, area and class facts."""
    village, township = Area.alias(), Area.alias()
    query = (
        Enrollment.select(
            Enrollment,
            Person.name.alias("person_name"),
            Person.gender.alias("gender"),
            Person.id_number.alias("id_number"),
            Person.phone.alias("phone"),
            Household.code.alias("household_code"),
            village.name.alias("village_name"),
            township.name.alias("township_name"),
            TrainingClass.name.alias("class_name"),
            TrainingClass.kind.alias("class_kind"),
            TrainingClass.start_date.alias("class_start_date"),
            TrainingClass.end_date.alias("class_end_date"),
            TrainingClass.place.alias("class_place"),
            TrainingClass.organiser.alias("class_organiser"),
        )
        .join(Person, on=(Enrollment.person == Person.id))
        .join(Household, on=(Person.household == Household.id))
        .join(village, JOIN.LEFT_OUTER, on=(Household.village == village.id))
        .join(township, JOIN.LEFT_OUTER, on=(village.parent == township.id))
        .switch(Enrollment)
        .join(TrainingClass, on=(Enrollment.training_class == TrainingClass.id))
        .where(
            condition,
            Enrollment.deleted_at.is_null(),
            Person.deleted_at.is_null(),
            TrainingClass.deleted_at.is_null(),
        )
        .order_by(*(order or (Person.name_pinyin, Person.name)))
        .dicts()
    )
    rows = []
    for row in query:
        row["person_id"] = row.pop("person")
        row["training_class_id"] = row.pop("training_class")
        row["id_number"] = row["id_number"] or ""
        row["gender_label"] = label(GENDER, row["gender"])
        row["village_name"] = row["village_name"] or ""
        row["township_name"] = row["township_name"] or ""
        row["class_kind_label"] = label(TRAINING_KIND, row["class_kind"])
        rows.append(row)
    _add_wishes(rows)
    _add_outcomes(rows)
    return rows


def ledger_rows() -> Iterator[dict]:
    """Every live enrolment, class by class (oldest class first), for the training ledger."""
    classes = (
        TrainingClass.select(TrainingClass.id)
        .where(TrainingClass.deleted_at.is_null())
        .order_by(TrainingClass.start_date.asc(nulls="last"), TrainingClass.name)
        .tuples()
    )
    for (class_id,) in list(classes):
        yield from enrollment_rows(Enrollment.training_class == class_id)


def _add_wishes(rows: list[dict]) -> None:
    wanted = latest_training_wanted([r["person_id"] for r in rows])
    for row in rows:
        text = wanted.get(row["person_id"], "")
        row["training_wanted"] = text
        row["wish_matches"] = kind_matches_text(row["class_kind"], text)
        row["wish_label"] = ("✓ " if row["wish_matches"] else "") + text


def _add_outcomes(rows: list[dict]) -> None:
    work = training_outcomes.work_after(
        [(r["person_id"], r["class_end_date"] or r["class_start_date"]) for r in rows]
    )
    for row in rows:
        found = work.get((row["person_id"], row["class_end_date"] or row["class_start_date"]))
        row["found_work"] = bool(found)
        row["found_work_label"] = found or ""


def latest_training_wanted(person_ids: list[str]) -> dict[str, str]:
    """The training_wanted text of each person's latest live wish."""
    result: dict[str, str] = {}
    for chunk in _chunks(list(dict.fromkeys(person_ids))):
        query = (
            EmploymentWish.select(EmploymentWish.person, EmploymentWish.training_wanted)
            .where(EmploymentWish.person.in_(chunk), EmploymentWish.deleted_at.is_null())
            .order_by(EmploymentWish.recorded_on, EmploymentWish.created_at)
            .tuples()
        )
        for person_id, text in query:
            result[person_id] = text
    return result


def candidates(class_id: str, text: str, limit: int = 50) -> list[dict]:
    """People found by name/ID/phone to add to a class, with their village and age and
    whether they are already in it."""
    from casework.services.register.people import with_place_and_age
    from casework.services.register.search import search_people

    course = get_live(TrainingClass, class_id, "培训班")
    found = with_place_and_age(search_people(text, limit=limit))
    ids = [p["id"] for p in found]
    enrolled = {
        p
        for (p,) in Enrollment.select(Enrollment.person)
        .where(
            Enrollment.training_class == class_id,
            Enrollment.person.in_(ids),
            Enrollment.deleted_at.is_null(),
        )
        .tuples()
    }
    wanted = latest_training_wanted(ids)
    for person in found:
        person["enrolled"] = person["id"] in enrolled
        person["training_wanted"] = wanted.get(person["id"], "")
        person["wish_matches"] = kind_matches_text(course.kind, person["training_wanted"])
    return found


def worked_after_training(class_id: str | None = None) -> list[dict]:
    """Enrolled people who found work after their class ended (found_work_label says how)."""
    condition = (
        (Enrollment.training_class == class_id) if class_id else Enrollment.id.is_null(False)
    )
    return [row for row in enrollment_rows(condition) if row["found_work"]]


def class_summaries() -> list[dict]:
    """Every live class (oldest first) with how many enrolled, attended, finished, were
    certified and found work afterwards."""
    query = (
        TrainingClass.select()
        .where(TrainingClass.deleted_at.is_null())
        .order_by(TrainingClass.start_date.asc(nulls="last"), TrainingClass.name)
    )
    summaries = []
    for course in query:
        row = row_dict(course)
        row["kind_label"] = label(TRAINING_KIND, course.kind)
        enrolled = enrollment_rows(Enrollment.training_class == course.id)
        row["enrolled"] = len(enrolled)
        for key, mark in (
            ("attended", "attended"),
            ("completed", "completed"),
            ("certified", "certificate"),
            ("found_work", "found_work"),
        ):
            row[key] = sum(1 for e in enrolled if e[mark])
        summaries.append(row)
    return summaries
