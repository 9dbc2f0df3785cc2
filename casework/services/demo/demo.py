"""Demo data: a realistic, reproducible caseload for one banner (科左中旗), to try and time the app.

Everything random comes from one `random.Random(seed)`, record ids included, and every
timestamp is derived from `clock.today()`, so a seed and a day give identical rows.
Rows go in a thousand households at a time through prepared INSERTs (executemany); the
SQL triggers of migration 0002 fill the search index as people are inserted.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from casework import clock
from casework.db import database
from casework.models import (
    Area,
    Cadre,
    EmploymentWish,
    Household,
    Person,
    Visit,
    VisitCadre,
    VisitPerson,
)
from casework.services.demo import demo_names as names
from casework.services.demo import demo_places as places
from casework.services.demo import demo_texts as texts
from casework.services.demo.demo_people import MemberFactory, weighted
from casework.vocab import DESTINATION

MAX_HOUSEHOLDS = 100_000
BATCH_HOUSEHOLDS = 1000
HISTORY_DAYS = 730  # visits cover the two years before today

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


HOUSEHOLD_STATUS = weighted({"registered": 20, "lifted_out": 42, "monitored": 10, "ordinary": 28})
VISIT_KIND = weighted(
    {"home": 50, "follow_up": 20, "phone": 12, "policy": 7, "job_matching": 9, "other": 2}
)
WISH_STATUS_WILLING = weighted({"active": 50, "recommended": 25, "employed": 25})
WISH_STATUS_UNWILLING = weighted({"on_hold": 50, "withdrawn": 50})
DESTINATIONS = list(DESTINATION)


@dataclass
class _Village:
    id: str
    name: str
    township: str
    code_prefix: str  # county + township + village digits, e.g. 1505210601
    groups: list[tuple[str, str]]  # (area id, group name)
    households: int = 0


@dataclass
class _VisitStub:
    id: str
    date: dt.date
    created: dt.datetime
    next_date: dt.date | None


# Batch tables in the order foreign keys need them: (name in the counts, model, fields).
BATCH_TABLES = [
    ("households", Household, HOUSEHOLD_FIELDS),
    ("people", Person, PERSON_FIELDS),
    ("visits", Visit, VISIT_FIELDS),
    ("visit_cadres", VisitCadre, VISIT_CADRE_FIELDS),
    ("visit_people", VisitPerson, VISIT_PERSON_FIELDS),
    ("wishes", EmploymentWish, WISH_FIELDS),
]


class _Rows:
    """The rows of one batch of households, as tuples in the order of each table's fields."""

    def __init__(self) -> None:
        self.households: list[tuple] = []
        self.people: list[tuple] = []
        self.visits: list[tuple] = []
        self.visit_cadres: list[tuple] = []
        self.visit_people: list[tuple] = []
        self.wishes: list[tuple] = []

    def insert(self, counts: dict[str, int]) -> None:
        for name, model, fields in BATCH_TABLES:
            rows = getattr(self, name)
            _insert(model, fields, rows)
            counts[name] += len(rows)


def _insert(model, fields: list, rows: list[tuple]) -> None:
    """Insert rows (tuples in the order of `fields`) with one prepared statement.

    peewee writes the statement; sqlite3's executemany binds the rows. Building one
    multi-row INSERT per chunk with insert_many() spent three quarters of the time
    rendering SQL in Python. Values reach SQLite through the same sqlite3 adapters
    either way (dates and datetimes as ISO text, booleans as 0/1).
    """
    if rows:
        # Written here, not by insert_many(): peewee adds every field with a default that
        # `fields` leaves out, and the rows would no longer match the statement.
        columns = ", ".join(f'"{field.column_name}"' for field in fields)
        marks = ", ".join("?" * len(fields))
        sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
        database.cursor().executemany(sql, [_adapted(fields, row) for row in rows])


def _adapted(fields: list, row: tuple) -> list:
    return [field.db_value(value) for field, value in zip(fields, row, strict=True)]


def generate(
    households: int = 200,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Fill an empty register with `households` demo households; return row counts by table.

    Runs as one transaction: an interrupted run leaves the register empty, never half-filled.
    """
    if not 1 <= households <= MAX_HOUSEHOLDS:
        raise ValueError(f"演示户数应在 1 到 {MAX_HOUSEHOLDS} 之间")
    if Household.select().exists() or Area.select().exists():
        raise ValueError(
            "数据库中已有农户或地区数据。演示数据只能生成到空的数据库中，"
            "请换用一个新的数据库文件（命令行中用 --db 指定）。"
        )
    generator = _Generator(seed, clock.today())
    counts = dict.fromkeys(["areas", "cadres"] + [name for name, _, _ in BATCH_TABLES], 0)
    with database.atomic():
        areas = generator.areas()
        cadres = generator.cadres()
        _insert(Area, AREA_FIELDS, areas)
        _insert(Cadre, CADRE_FIELDS, cadres)
        counts.update(areas=len(areas), cadres=len(cadres))
        generator.choose_villages(households)
        for start in range(0, households, BATCH_HOUSEHOLDS):
            end = min(households, start + BATCH_HOUSEHOLDS)
            rows = _Rows()
            for number in range(start, end):
                generator.household(rows, number)
            rows.insert(counts)
            if progress is not None:
                progress(end, households)
    return counts


class _Generator:
    """Draws one banner's areas, cadres and households from a seeded random stream."""

    def __init__(self, seed: int, today: dt.date):
        self.rng = random.Random(seed)
        self.today = today
        start = today - dt.timedelta(days=HISTORY_DAYS + 30)
        # Records that exist before the first visit were "entered" from this moment on.
        self.base = dt.datetime.combine(start, dt.time(9, 0))
        self.people = MemberFactory(self.rng, today, self.uid)
        self.villages: list[_Village] = []
        self.active: list[_Village] = []
        self.village_weights: list[float] = []
        self.cadre_ids: list[str] = []

    def uid(self) -> str:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4).hex

    def areas(self) -> list[tuple]:
        """The county, its townships, villages and village groups, as Area rows."""
        at = self.base - dt.timedelta(days=1)
        county = self.uid()
        rows = [(county, at, at, None, "county", places.COUNTY_NAME, places.COUNTY_CODE)]
        for t_number, (township, t_code, villages) in enumerate(places.TOWNSHIPS, 1):
            township_id = self.uid()
            rows.append((township_id, at, at, county, "township", township, t_code))
            for v_number, village in enumerate(villages, 1):
                village_id = self.uid()
                code = f"{t_code}{200 + v_number:03d}"
                rows.append((village_id, at, at, township_id, "village", village, code))
                groups = [
                    (self.uid(), group) for group in places.GROUP_NAMES[: self.rng.randint(2, 6)]
                ]
                rows.extend((gid, at, at, village_id, "group", group, "") for gid, group in groups)
                prefix = f"{places.COUNTY_CODE}{t_number:02d}{v_number:02d}"
                self.villages.append(_Village(village_id, village, township, prefix, groups))
        return rows

    def cadres(self) -> list[tuple]:
        at = self.base - dt.timedelta(days=1)
        rows = []
        for name, unit in names.CADRES[: self.rng.randint(3, 5)]:
            rows.append((self.uid(), at, at, name, unit, self.people.phone_number()))
        self.cadre_ids = [row[0] for row in rows]
        return rows

    def choose_villages(self, households: int) -> None:
        """Concentrate a small demo in a few villages (about 60 households or more each)."""
        count = min(len(self.villages), max(3, households // 60))
        first = next(v for v in self.villages if v.name == "大新艾力嘎查")
        others = [v for v in self.villages if v is not first]
        self.active = [first, *self.rng.sample(others, count - 1)]
        self.village_weights = [self.rng.uniform(0.5, 1.5) for _ in self.active]

    def household(self, rows: _Rows, number: int) -> None:
        """Draw one household with its members, visits and wishes into `rows`."""
        rng = self.rng
        village = rng.choices(self.active, weights=self.village_weights)[0]
        village.households += 1
        group_id, group = rng.choice(village.groups)
        household_id = self.uid()
        address = f"{village.township}{village.name}{group}{rng.randint(1, 150)}号"
        members = self.people.family()
        visits = self.visits(rows, household_id, members, village.name, address)
        self.wishes(rows, members, visits)
        created = self.base + dt.timedelta(minutes=number)
        rows.people.extend(member.person_row(household_id, created) for member in members)
        head = members[0]
        phone = head.phone or next((m.phone for m in members if m.phone), "")
        status = rng.choices(HOUSEHOLD_STATUS[0], cum_weights=HOUSEHOLD_STATUS[1])[0]
        latest = visits[-1] if visits else None
        # fmt: off
        rows.households.append((
            household_id, created, created, f"{village.code_prefix}{village.households:03d}",
            village.id, group_id, address, phone, status, "", head.name, len(members),
            latest.date if latest else None, latest.next_date if latest else None,
        ))
        # fmt: on

    def visits(
        self, rows: _Rows, household_id: str, members: list, village: str, address: str
    ) -> list[_VisitStub]:
        """Several visits over the last two years, oldest first; a few households have none."""
        rng = self.rng
        if rng.random() < 0.03:
            return []  # newly registered, not visited yet
        count = rng.randint(4, 16)
        days_ago = sorted(rng.sample(range(1, HISTORY_DAYS + 1), count), reverse=True)
        adults = [m for m in members if m.age >= 16] or members
        stubs = []
        for index, ago in enumerate(days_ago):
            day = self.today - dt.timedelta(days=ago)
            kind = rng.choices(VISIT_KIND[0], cum_weights=VISIT_KIND[1])[0]
            # A cadre writes up the visit that evening.
            created = dt.datetime.combine(day, dt.time(17, 0)) + dt.timedelta(
                minutes=rng.randint(0, 240)
            )
            chance_of_next = 0.6 if index == count - 1 else 0.4
            next_date = (
                day + dt.timedelta(days=rng.randint(14, 90))
                if rng.random() < chance_of_next
                else None
            )
            stub = _VisitStub(self.uid(), day, created, next_date)
            met = rng.sample(adults, 1 if kind == "phone" else min(len(adults), rng.randint(1, 2)))
            cadres = rng.sample(self.cadre_ids, 1 if kind == "phone" or rng.random() < 0.6 else 2)
            place = {"phone": "电话", "policy": f"{village}党群服务中心"}.get(kind, address)
            situation, requests, actions = self.visit_text(kind, members, met[0])
            # fmt: off
            rows.visits.append((
                stub.id, created, created, household_id, day, kind, place, situation, requests,
                actions, next_date, cadres[0],
            ))
            # fmt: on
            rows.visit_cadres.extend((stub.id, c) for c in cadres)
            rows.visit_people.extend((stub.id, m.id) for m in met)
            stubs.append(stub)
        return stubs

    def visit_text(self, kind: str, members: list, met) -> tuple[str, str, str]:
        """Situation, requests and actions for one visit, from the templates."""
        rng = self.rng
        # Sentences about jobs and training are about a working-age member, if there is one.
        workers = [m for m in members if 18 <= m.age <= 50] or [met]
        context = {
            "head": members[0].name,
            "name": met.name,
            "worker": rng.choice(workers).name,
            "n": len(members),
            "job": rng.choice(names.JOB_KINDS),
            "pay": rng.randrange(4500, 8001, 500),
            "local_pay": rng.randrange(1800, 3601, 200),
            "workplace": rng.choice(places.LOCAL_WORKPLACES),
            "training": rng.choice(names.TRAININGS),
            "illness": met.health_notes or rng.choice(names.CHRONIC),
            "cattle": rng.randint(2, 30),
            "sheep": rng.randint(10, 120),
            "mu": rng.randint(10, 80),
        }
        situation = rng.choice(texts.SITUATIONS[kind]).format(**context)
        requests = rng.choice(texts.REQUESTS).format(**context)
        actions = "" if kind == "phone" else rng.choice(texts.ACTIONS).format(**context)
        return situation, requests, actions

    def wishes(self, rows: _Rows, members: list, visits: list[_VisitStub]) -> None:
        """Wishes of about half the working-age members; a quarter of them with history."""
        rng = self.rng
        if not visits:
            return  # wishes are recorded on visits
        for member in members:
            if not 16 <= member.age <= 60 or member.labour in ("unable", "none"):
                continue
            if member.work == "student" or rng.random() > 0.55:
                continue
            if len(visits) >= 2 and rng.random() < 0.25:
                chosen = sorted(rng.sample(range(len(visits)), 2))
            else:
                chosen = [rng.randrange(len(visits) // 2, len(visits))]
            for index in chosen:
                willing, status, destinations = self.wish(rows, member, visits[index])
            if willing and status == "employed":
                # Destination codes are also work-status codes: placed where they wished.
                member.work = destinations.split(",")[0]

    def wish(self, rows: _Rows, member, visit: _VisitStub) -> tuple[bool, str, str]:
        """One wish record, made on `visit`; returns (willing, status, destinations)."""
        rng = self.rng
        willing = rng.random() < (0.3 if member.health != "healthy" else 0.55)
        if willing:
            chosen = {"beijing"} if rng.random() < 0.7 else set()
            chosen.update(rng.sample(DESTINATIONS, rng.randint(0 if chosen else 1, 2)))
            status_weights = WISH_STATUS_WILLING
        else:
            chosen = set(rng.choice([(), ("local",), ("in_county", "local")]))
            status_weights = WISH_STATUS_UNWILLING
        destinations = ",".join(code for code in DESTINATIONS if code in chosen)
        wants_work = bool(destinations)
        constraints = rng.sample(
            list(names.CONSTRAINT_NOTES),
            rng.randint(1, 2) if not willing else int(rng.random() < 0.3),
        )
        notes = rng.choice(names.CONSTRAINT_NOTES[constraints[0]]) if constraints else ""
        status = rng.choices(status_weights[0], cum_weights=status_weights[1])[0]
        available = (
            visit.date + dt.timedelta(days=rng.randint(0, 90))
            if wants_work and rng.random() < 0.7
            else None
        )
        created = visit.created + dt.timedelta(minutes=10)
        job_kinds = "、".join(rng.sample(names.JOB_KINDS, rng.randint(1, 2))) if wants_work else ""
        pay = rng.randrange(3000, 8001, 500) if wants_work else None
        training = rng.choice(names.TRAININGS) if rng.random() < 0.4 else ""
        constraint_codes = ",".join(code for code in names.CONSTRAINT_NOTES if code in constraints)
        # fmt: off
        rows.wishes.append((
            self.uid(), created, created, member.id, visit.id, visit.date, willing, destinations,
            job_kinds, pay, available, constraint_codes, notes,
            training, status, "",
        ))
        # fmt: on
        return willing, status, destinations
