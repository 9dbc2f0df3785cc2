"""Demo data: a realistic, reproducible caseload for one banner (科左中旗), to try and time the app.

Everything random comes from one `random.Random(seed)`, record ids included, and every
timestamp is derived from `clock.today()`, so a seed and a day give identical rows.
Rows go in a thousand households at a time through prepared INSERTs (executemany); the
SQL triggers of migration 0002 fill the search index as people are inserted. Employers,
postings and classes come first; each household's placements and enrolments follow from
its members' wishes (demo_placements, demo_training); the change history the services
would have written for them goes in last (demo_history).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from casework import clock
from casework.db import database
from casework.models import Area, Cadre, Employer, Household, JobPosting, TrainingClass
from casework.services.demo import demo_jobs_data as jobs_data
from casework.services.demo import demo_names as names
from casework.services.demo import demo_places as places
from casework.services.demo import demo_texts as texts
from casework.services.demo.demo_history import History
from casework.services.demo.demo_jobs import JobBoard
from casework.services.demo.demo_people import MemberFactory, WishStub, weighted
from casework.services.demo.demo_placements import Careers
from casework.services.demo.demo_rows import (
    AREA_FIELDS,
    CADRE_FIELDS,
    CLASS_FIELDS,
    EMPLOYER_FIELDS,
    POSTING_FIELDS,
    Rows,
    insert,
)
from casework.services.demo.demo_training import Training
from casework.services.jobs import subsidy
from casework.vocab import DESTINATION

# What generate() counts, in the order the command line prints it.
COUNTS = (
    "areas cadres households people visits visit_cadres visit_people wishes employers postings "
    "placements placement_events work_checks subsidy_payments training_classes enrollments history"
).split()
# The version (4) and variant (10) bits of a random UUID.
UUID4_CLEAR = ~((0xF000 << 64) | (0xC000 << 48)) & ((1 << 128) - 1)
UUID4_SET = (0x4000 << 64) | (0x8000 << 48)
MAX_HOUSEHOLDS = 100_000
BATCH_HOUSEHOLDS = 1000
HISTORY_DAYS = 730  # visits cover the two years before today

HOUSEHOLD_STATUS = weighted({"registered": 20, "lifted_out": 42, "monitored": 10, "ordinary": 28})
VISIT_KIND = weighted(
    {"home": 50, "follow_up": 20, "phone": 12, "policy": 7, "job_matching": 9, "other": 2}
)
# Where willing people stand, in turn: half waiting, a quarter recommended, a quarter at
# work (taken in turn rather than drawn, so that even a small demo has each).
WILLING_TURNS = ["active", "recommended", "employed", "active"]
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
    counts = dict.fromkeys(COUNTS, 0)
    with database.atomic():
        firsts = [(Area, AREA_FIELDS, "areas", generator.areas())]
        firsts.append((Cadre, CADRE_FIELDS, "cadres", generator.cadres()))
        generator.choose_villages(households)
        employers, postings, classes = generator.jobs_and_classes(households)
        firsts.append((Employer, EMPLOYER_FIELDS, "employers", employers))
        firsts.append((JobPosting, POSTING_FIELDS, "postings", postings))
        firsts.append((TrainingClass, CLASS_FIELDS, "training_classes", classes))
        for model, fields, name, rows in firsts:
            insert(model, fields, rows)
            counts[name] = len(rows)
        for start in range(0, households, BATCH_HOUSEHOLDS):
            end = min(households, start + BATCH_HOUSEHOLDS)
            batch = Rows()
            for number in range(start, end):
                generator.household(batch, number)
            batch.insert(counts)
            if progress is not None:
                progress(end, households)
        counts["history"] = generator.history.write()
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
        self.cadre_names: list[tuple[str, str]] = []  # (id, name), for the history
        self.history = History(self.uid)
        self.part = (self.rng, today, self.uid, self.history, self.cadre_names)
        self.board = JobBoard(*self.part)
        self.offered: dict[str, set[str]] = {}
        self.careers: Careers | None = None
        self.willing_turn = 0
        self.training = Training(*self.part)

    def uid(self) -> str:
        """A version-4 UUID's hex, as uuid.UUID(int=..., version=4).hex, a third the time."""
        return f"{(self.rng.getrandbits(128) & UUID4_CLEAR) | UUID4_SET:032x}"

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
        self.cadre_names[:] = [(row[0], row[3]) for row in rows]
        return rows

    def choose_villages(self, households: int) -> None:
        """Concentrate a small demo in a few villages (about 60 households or more each)."""
        count = min(len(self.villages), max(3, households // 60))
        first = next(v for v in self.villages if v.name == "大新艾力嘎查")
        others = [v for v in self.villages if v is not first]
        self.active = [first, *self.rng.sample(others, count - 1)]
        self.village_weights = [self.rng.uniform(0.5, 1.5) for _ in self.active]

    def jobs_and_classes(self, households: int) -> tuple[list, list, list]:
        """Employers, postings and classes for the townships the demo's villages are in."""
        townships = list(dict.fromkeys(v.township for v in self.active))
        self.board.choose_employers(households, townships)
        employers = self.board.employer_rows(self.base + dt.timedelta(days=5))
        postings = self.board.posting_rows()
        self.offered = self.board.offered()
        self.careers = Careers(self.board, subsidy.settings(), *self.part)
        return employers, postings, self.training.class_rows(households, townships)

    def household(self, rows: Rows, number: int) -> None:
        """Draw one household with its members, visits, wishes, jobs and classes into `rows`."""
        rng = self.rng
        village = rng.choices(self.active, weights=self.village_weights)[0]
        village.households += 1
        group_id, group = rng.choice(village.groups)
        household_id = self.uid()
        address = f"{village.township}{village.name}{group}{rng.randint(1, 150)}号"
        members = self.people.family()
        visits = self.visits(rows, household_id, members, village.name, address)
        self.wishes(rows, members, visits)
        for member in members:
            self.careers.member(rows, member, village.township)
            self.training.member(rows, member)
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
        self, rows: Rows, household_id: str, members: list, village: str, address: str
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

    def wishes(self, rows: Rows, members: list, visits: list[_VisitStub]) -> None:
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
            member.wishes = [self.wish(rows, member, visits[index]) for index in chosen]

    def wish(self, rows: Rows, member, visit: _VisitStub) -> WishStub:
        """One wish record, made on `visit`; its status is settled by the placements."""
        rng = self.rng
        willing = rng.random() < (0.3 if member.health != "healthy" else 0.55)
        if willing:
            chosen = {"beijing"} if rng.random() < 0.7 else set()
            chosen.update(rng.sample(DESTINATIONS, rng.randint(0 if chosen else 1, 2)))
            status = WILLING_TURNS[self.willing_turn % len(WILLING_TURNS)]
            self.willing_turn += 1
        else:
            chosen = set(rng.choice([(), ("local",), ("in_county", "local")]))
            status = rng.choices(WISH_STATUS_UNWILLING[0], cum_weights=WISH_STATUS_UNWILLING[1])[0]
        destinations = ",".join(code for code in DESTINATIONS if code in chosen)
        wants_work = bool(destinations)
        constraints = rng.sample(
            list(names.CONSTRAINT_NOTES),
            rng.randint(1, 2) if not willing else int(rng.random() < 0.3),
        )
        notes = rng.choice(names.CONSTRAINT_NOTES[constraints[0]]) if constraints else ""
        available = (
            visit.date + dt.timedelta(days=rng.randint(0, 90))
            if wants_work and rng.random() < 0.7
            else None
        )
        created = visit.created + dt.timedelta(minutes=10)
        kinds = self.wish_kinds(chosen, member) if wants_work else []
        kinds = self.board.likely(kinds, sorted(chosen), rng.randint(1, 2))
        job_kinds = "、".join(jobs_data.KIND_TEXT[kind] for kind in kinds)
        low = 4500 if "beijing" in chosen else 2000
        pay = rng.randrange(low, low + 3501, 500) if wants_work else None
        training = rng.choice(names.TRAININGS) if rng.random() < 0.4 else ""
        constraint_codes = ",".join(code for code in names.CONSTRAINT_NOTES if code in constraints)
        # fmt: off
        rows.wishes.append((
            self.uid(), created, created, member.id, visit.id, visit.date, willing, destinations,
            job_kinds, pay, available, constraint_codes, notes,
            training, status, "",
        ))
        # fmt: on
        return WishStub(
            len(rows.wishes) - 1,
            created,
            willing,
            destinations.split(",") if destinations else [],
            kinds,
            status,
            constraints,
            training,
        )

    def wish_kinds(self, destinations: set[str], member) -> list[str]:
        """Job kinds on offer in the wished places that take people of this gender and age."""
        kinds = set().union(*(self.offered.get(place, ()) for place in destinations))
        fitting = []
        for kind in sorted(kinds):
            position = jobs_data.POSITIONS.get(kind, jobs_data.WORKSHOP_POSITION)
            low, high = position.age
            if position.gender in ("", member.gender) and low <= member.age <= high:
                fitting.append(kind)
        return fitting
