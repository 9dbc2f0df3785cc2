"""Matching (人岗匹配): candidates for a posting, and postings for a person, ranked by fit.

For a posting, SQL first keeps only people who could take it: a live person whose
latest live wish is still open (有意愿待推荐 or 已推荐), who is willing to go out when
the job is away from home (or named its place), inside the age range (from the birth
date; unknown birth dates stay in, flagged), of the required gender, not already hired
or at work anywhere, and not already recommended for this posting. Python then scores
only those (casework.services.jobs.matching_score) and words the reasons for the top few.
This keeps a ranking among 100,000 people to about a tenth of a second of work
(bench/bench_matching.py): the query reads two covering indexes in the same order, each
row becomes a Candidate in C, and only the top few are explained (named, placed, their
reasons worded). On an encrypted file, reading those indexes' pages afresh (decrypting
each) costs as much again: the window ranks on a connection it keeps, whose cache
(RANKING_CACHE_KIB) holds them (casework.ui.kit.kept_worker).

Public API (stable):
- candidates_for_posting(posting_id: str, limit: int = 100) -> list[dict]
    each: person_id, household_id, household_code, name, gender_label, age, phone,
    education_label, village_name, township_name, wish_summary, score (0-100),
    reasons (list[str]: what speaks for), concerns (list[str]: what against),
    missing (list[str]: requirements not met)
- postings_for_person(person_id: str, limit: int = 50) -> list[dict]
    each: the posting dict of postings.get_posting plus score, reasons, concerns, missing,
    placement_stage(_label) when the person is already recommended/at work there
- recommend: see casework.services.jobs.placements.recommend / recommend_many
"""

from __future__ import annotations

import datetime as dt
import heapq

from peewee import JOIN

from casework import clock
from casework.db import database
from casework.models import (
    Area,
    EmploymentWish,
    Enrollment,
    Household,
    Person,
    Placement,
    TrainingClass,
)
from casework.services.common import get_live, row_dict
from casework.services.jobs import postings
from casework.services.jobs.matching_score import Candidate, PostingNeeds, age_on, score
from casework.services.register.wishes import wish_summary
from casework.vocab import EDUCATION, GENDER, label
from casework.vocab_jobs import (
    ACTIVE_STAGES,
    AWAY_PLACES,
    OPEN_STAGES,
    PLACEMENT_STAGE,
    TRAINING_FOR_JOB,
)

LIVE_WISH = ("active", "recommended")
# Pages of the connection's cache (KiB, as PRAGMA cache_size takes it negated) for every
# page a ranking reads: about 20 MB at 30,000 households, more than the default 16 MB, and
# room for a larger county. A connection kept between rankings (the window's worker)
# then reads them from memory, on an encrypted file without decrypting them again.
RANKING_CACHE_KIB = 48_000

# The latest live wish per person is the one no later live wish supersedes. Most people
# have one wish: `recorded_on >=` bounds the index range and `rowid <>` drops the wish
# itself from the index alone, so that no table row is read to rule it out. The open
# wishes are walked in person order through migration 8's employment_wish_open, whose
# WHERE this query's must repeat word for word (SQLite uses a partial index only then),
# and each person is read from person_matching in the same order: neither table is read.
# The columns are Candidate's fields in order, empty text for NULL and dates as ISO days,
# so that a row becomes a Candidate without Python code per field.
CANDIDATES_SQL = """
SELECT w.person_id, ifnull(w.destinations, ''), ifnull(w.job_kinds, ''), w.expected_pay,
       ifnull(w.constraints, ''), w.willing_to_go_out, substr(w.available_from, 1, 10),
       substr(p.birth_date, 1, 10), ifnull(p.gender, ''), ifnull(p.education, ''),
       ifnull(p.skills, ''), ifnull(p.health, ''), ifnull(p.labour_ability, '')
FROM employment_wish w JOIN person p ON p.id = w.person_id
WHERE w.deleted_at IS NULL AND w.status IN ('active', 'recommended') AND p.deleted_at IS NULL
  {filters}
  AND NOT EXISTS (SELECT 1 FROM employment_wish w2
                  WHERE w2.person_id = w.person_id AND w2.recorded_on >= w.recorded_on
                    AND w2.rowid <> w.rowid AND w2.deleted_at IS NULL
                    AND (w2.recorded_on > w.recorded_on
                         OR (w2.recorded_on = w.recorded_on AND w2.created_at > w.created_at)))
  AND NOT EXISTS (SELECT 1 FROM placement pl
                  WHERE pl.person_id = w.person_id AND pl.deleted_at IS NULL
                    AND (pl.stage IN ({active}) OR (pl.posting_id = ? AND pl.stage IN ({open}))))
"""


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def _filters(posting: dict, today: dt.date) -> tuple[str, list]:
    """The hard requirements as SQL: place willingness, age range, gender."""
    sql, params = [], []
    if posting["place"] in AWAY_PLACES:
        sql.append("AND (w.willing_to_go_out = 1 OR w.destinations LIKE ?)")
        params.append(f"%{posting['place']}%")
    if posting.get("age_min"):
        sql.append("AND (p.birth_date IS NULL OR p.birth_date <= ?)")
        params.append(_years_before(today, posting["age_min"]).isoformat())
    if posting.get("age_max"):
        # Still age_max on the day before their (age_max + 1)th birthday.
        sql.append("AND (p.birth_date IS NULL OR p.birth_date > ?)")
        params.append(_years_before(today, posting["age_max"] + 1).isoformat())
    if posting.get("gender"):
        sql.append("AND p.gender IN (?, '')")
        params.append(posting["gender"])
    return "\n  ".join(sql), params


def _iso_day(value) -> str | None:
    """A date as a Candidate holds it (ISO text), from a model's date or SQLite's text."""
    if not value:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]


def _trained(person_ids: list[str] | None = None) -> dict[str, tuple[frozenset, str]]:
    """Completed training: {person id: (training kinds, certificate names)}.

    Enrolments are few next to people (a class holds dozens), so reading them all once
    is cheaper than asking about thousands of candidates in chunks.
    """
    query = (
        Enrollment.select(Enrollment.person, TrainingClass.kind, Enrollment.certificate_name)
        .join(TrainingClass, on=(Enrollment.training_class == TrainingClass.id))
        .where(
            Enrollment.completed == True,  # noqa: E712 (peewee expression)
            Enrollment.deleted_at.is_null(),
            TrainingClass.deleted_at.is_null(),
        )
    )
    if person_ids is not None:
        query = query.where(Enrollment.person.in_(person_ids))
    found: dict[str, tuple[set, list]] = {}
    for person_id, kind, certificate in query.tuples():
        kinds_done, certificates = found.setdefault(person_id, (set(), []))
        kinds_done.add(kind)
        if certificate:
            certificates.append(certificate)
    return {p: (frozenset(k), "、".join(c)) for p, (k, c) in found.items()}


NOTHING = (frozenset(), "")


def _candidates(rows: list[tuple], trained: dict, useful: frozenset) -> list[Candidate]:
    """Candidates from rows of CANDIDATES_SQL's columns (Candidate's first fields, in order)
    and the training done, of which only the kinds that suit the posting count."""
    make = tuple.__new__
    suited = {
        person_id: (done & useful, certificates)
        for person_id, (done, certificates) in trained.items()
    }
    # Runs for each of tens of thousands of rows: a tuple from a tuple, in C.
    return [make(Candidate, row + suited.get(row[0], NOTHING)) for row in rows]


def candidate_rows_sql(posting: dict, today: dt.date) -> tuple[str, list]:
    """The query for the people who could take `posting` (the rows ranking scores)."""
    filters, params = _filters(posting, today)
    sql = CANDIDATES_SQL.format(
        filters=filters,
        active=", ".join(f"'{s}'" for s in ACTIVE_STAGES),
        open=", ".join(f"'{s}'" for s in OPEN_STAGES),
    )
    return sql, [*params, posting["id"]]


def candidates_for_posting(posting_id: str, limit: int = 100) -> list[dict]:
    """People ranked by how well they fit a posting, best first, with reasons in Chinese."""
    posting = postings.get_posting(posting_id)
    today = clock.today()
    need = PostingNeeds.of(posting, today)
    database.execute_sql(f"PRAGMA cache_size = -{RANKING_CACHE_KIB}")
    rows = database.execute_sql(*candidate_rows_sql(posting, today)).fetchall()
    useful = frozenset(TRAINING_FOR_JOB.get(posting["job_kind"], ()))
    candidates = _candidates(rows, _trained(), useful)
    # Ties go to the person with the earlier id, so the order is the same every time.
    # Plain tuples compare in C, which a key function would not.
    best = heapq.nsmallest(limit, [(-score(c, need), c[0], i) for i, c in enumerate(candidates)])
    return _explain([candidates[i] for _score, _id, i in best], need)


def _explain(candidates: list[Candidate], need: PostingNeeds) -> list[dict]:
    people = _people([c.person_id for c in candidates])
    results = []
    for c in candidates:
        # A candidate's wish is their latest live one: its summary needs no second read.
        wish = {
            "willing_to_go_out": c.willing,
            "destinations": c.destinations,
            "job_kinds": c.job_kinds,
            "expected_pay": c.expected_pay,
        }
        person = people[c.person_id] | {"wish_summary": wish_summary(wish)}
        results.append({**person, **score(c, need, explain=True)})
    return results


def _people(person_ids: list[str]) -> dict[str, dict]:
    """Who the top candidates are: name, household, village."""
    village = Area.alias()
    township = Area.alias()
    query = (
        Person.select(
            Person.id,
            Person.name,
            Person.gender,
            Person.birth_date,
            Person.phone,
            Person.education,
            Household.id.alias("household_id"),
            Household.code.alias("household_code"),
            village.name.alias("village_name"),
            township.name.alias("township_name"),
        )
        .join(Household, on=(Person.household == Household.id))
        .join(village, JOIN.LEFT_OUTER, on=(Household.village == village.id))
        .join(township, JOIN.LEFT_OUTER, on=(village.parent == township.id))
        .where(Person.id.in_(person_ids))
        .dicts()
    )
    today = clock.today()
    found = {}
    for row in query:
        birth = row.pop("birth_date")
        person_id = row.pop("id")
        found[person_id] = {
            "person_id": person_id,
            **row,
            "gender_label": label(GENDER, row["gender"]),
            "education_label": label(EDUCATION, row["education"]),
            "age": age_on(birth, today) if birth else None,
        }
    return found


def _latest_wishes(person_ids: list[str]) -> dict[str, dict]:
    query = (
        EmploymentWish.select()
        .where(EmploymentWish.person.in_(person_ids), EmploymentWish.deleted_at.is_null())
        .order_by(EmploymentWish.recorded_on, EmploymentWish.created_at)
    )
    return {w.person_id: row_dict(w) for w in query}


def postings_for_person(person_id: str, limit: int = 50) -> list[dict]:
    """Open postings ranked for one person the same way, best first, with reasons."""
    person = get_live(Person, person_id, "家庭成员")
    wish = _latest_wishes([person_id]).get(person_id) or {}
    if wish.get("status") not in LIVE_WISH:
        wish = {**wish, "destinations": "", "job_kinds": "", "expected_pay": None}
    today = clock.today()
    trained = _trained([person_id])
    stages = _open_placements(person_id)
    results = []
    for posting in postings.open_postings():
        need = PostingNeeds.of(posting, today)
        useful = frozenset(TRAINING_FOR_JOB.get(posting["job_kind"], ()))
        row = (
            person.id,
            wish.get("destinations") or "",
            wish.get("job_kinds") or "",
            wish.get("expected_pay"),
            wish.get("constraints") or "",
            bool(wish.get("willing_to_go_out")),
            _iso_day(wish.get("available_from")),
            _iso_day(person.birth_date),
            person.gender or "",
            person.education or "",
            person.skills or "",
            person.health or "",
            person.labour_ability or "",
        )
        stage = stages.get(posting["id"], "")
        results.append(
            {
                **posting,
                **score(_candidates([row], trained, useful)[0], need, explain=True),
                "placement_stage": stage,
                "placement_stage_label": label(PLACEMENT_STAGE, stage),
            }
        )
    results.sort(key=lambda r: (-r["score"], r["employer_name"], r["position"]))
    return results[:limit]


def _open_placements(person_id: str) -> dict[str, str]:
    """{posting id: stage} for the person's live placements still under way."""
    query = Placement.select(Placement.posting, Placement.stage).where(
        Placement.person == person_id,
        Placement.deleted_at.is_null(),
        Placement.stage.in_(OPEN_STAGES),
        Placement.posting.is_null(False),
    )
    return {posting_id: stage for posting_id, stage in query.tuples()}
