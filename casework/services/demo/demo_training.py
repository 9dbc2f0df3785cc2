"""Demo data: skills classes over the last two years and the people who took them.

People enrol in a class of the training their wish asks for, or of the kind that
prepares for a job they later took (so some find work after the class, as the
training ledger shows); a few others join any class. Past classes have attendance,
completion and certificates; a class under way has attendance only; a class still to
come has its enrolments and nothing else. Marks are set as update_enrollment sets them,
with their history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casework.services.demo.demo_history import Part
from casework.services.demo.demo_people import Member
from casework.services.demo.demo_rows import Rows, moment
from casework.vocab_jobs import TRAINING_FOR_JOB
from casework.vocab_training import TRAINING_KIND, kind_matches_text

MINUTES_5 = dt.timedelta(minutes=5)
FULL = 12  # people a class fills up to with those who did not ask for it
KIND_WEIGHTS = {
    "domestic": 25,
    "cooking": 20,
    "live_selling": 15,
    "appliance": 12,
    "sewing": 10,
    "road": 8,
    "other": 10,
}
DAYS = {
    "domestic": (10, 15),
    "cooking": (10, 20),
    "appliance": (7, 15),
    "live_selling": (5, 10),
    "sewing": (7, 15),
    "road": (3, 5),
    "other": (10, 20),
}
# The class's subject in its name; "other" classes are the welders'.
SUBJECT = {**TRAINING_KIND, "other": "电焊工"}
ORGANISERS = {
    "domestic": ["科左中旗妇女联合会", "科左中旗人力资源和社会保障局"],
    "cooking": ["科左中旗人力资源和社会保障局", "北京市顺义区人力资源和社会保障局"],
    "appliance": ["科左中旗人力资源和社会保障局"],
    "live_selling": ["科左中旗商务局"],
    "sewing": ["科左中旗妇女联合会"],
    "road": ["科左中旗交通运输局"],
    "other": ["科左中旗人力资源和社会保障局"],
}
PLACES = ["科左中旗职业技能实训基地", "科左中旗职业教育中心"]
CLASS_NOTES = [
    "京蒙协作资金支持，学员免费参加",
    "培训期间每人每天发放误工补贴50元",
    "结业考核合格颁发职业技能等级证书",
    "",
]
CERTIFICATES = {
    "domestic": "家政服务员职业技能等级证书（五级）",
    "cooking": "中式烹调师职业技能等级证书（五级）",
    "appliance": "家用电器产品维修工职业技能等级证书（五级）",
    "live_selling": "互联网营销师职业技能等级证书（五级）",
    "sewing": "缝纫工培训合格证书",
    "road": "护路员岗前培训合格证",
    "other": "焊工职业技能等级证书（五级）",
}


@dataclass
class _Class:
    id: str
    kind: str
    number: int
    start: dt.date
    end: dt.date
    opened: dt.datetime  # when the class was entered
    capacity: int
    enrolled: int = 0


class Training(Part):
    """The demo's classes, and the enrolments of one member at a time."""

    def __init__(self, *part):
        super().__init__(*part)
        self.by_kind: dict[str, list[_Class]] = {}
        self.classes: list[_Class] = []
        self.fill_chance = 0.0

    def class_rows(self, households: int, townships: list[str]) -> list[tuple]:
        """A class per 250 households or so (eight at least), one of each kind first."""
        rng = self.rng
        count = min(150, max(8, households // 250))
        # Enough others join the smallest classes for each to have about FULL people.
        self.fill_chance = min(0.3, count * FULL / (households * 1.8))
        kinds = rng.sample(list(KIND_WEIGHTS), min(count, len(KIND_WEIGHTS)))
        kinds += rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()), k=count - len(kinds))
        # One class still to come and one under way, the rest in the two years before today.
        offsets = [-rng.randint(5, 25), rng.randint(2, 4)]
        offsets += [rng.randint(20, 700) for _ in range(count - 2)]
        numbers: dict[tuple[int, str], int] = {}
        rows = []
        for kind, ago in sorted(zip(kinds, offsets, strict=True), key=lambda pair: -pair[1]):
            start = self.today - dt.timedelta(days=ago)
            end = start + dt.timedelta(days=rng.randint(*DAYS[kind]) - 1)
            number = numbers[(start.year, kind)] = numbers.get((start.year, kind), 0) + 1
            entered = min(self.yesterday, start - dt.timedelta(days=rng.randint(15, 40)))
            opened = moment(rng, entered, 10, 360)
            course = _Class(self.uid(), kind, number, start, end, opened, rng.randint(25, 50))
            self.by_kind.setdefault(kind, []).append(course)
            self.classes.append(course)
            name = f"{start.year}年{SUBJECT[kind]}培训班（第{number}期）"
            place = self.place(kind, townships)
            organiser = rng.choice(ORGANISERS[kind])
            # fmt: off
            rows.append((
                course.id, opened, opened, kind, name, start, end, place, organiser,
                rng.choice(CLASS_NOTES),
            ))
            # fmt: on
            self.history.created("training_class", course.id, name, opened, self.cadre()[0])
        return rows

    def place(self, kind: str, townships: list[str]) -> str:
        if kind == "live_selling":
            return "科左中旗电子商务公共服务中心"
        if kind == "road":
            return "科左中旗交通运输局培训室"
        if townships and self.rng.random() < 0.3:
            return f"{self.rng.choice(townships)}党群服务中心"
        return self.rng.choice(PLACES)

    def member(self, rows: Rows, member: Member) -> None:
        """Enrol a working-age member in the classes their wish or their later job suggests,
        or in the class with fewest people so far."""
        rng = self.rng
        if not 16 <= member.age <= 60 or member.labour in ("none", "unable"):
            return
        wish = member.wishes[-1] if member.wishes else None
        wanted: list[tuple[str, dt.date | None, dt.date | None]] = []
        if wish is not None and wish.training and rng.random() < 0.5:
            wanted.append((training_kind(wish.training), wish.at.date(), None))
        for job_kind, began in member.jobs:
            kinds = TRAINING_FOR_JOB.get(job_kind)
            if kinds and rng.random() < 0.25:
                wanted.append((kinds[0], None, began))
        taken: set[str] = set()
        for kind, after, before in wanted[:2]:
            course = self.choose(kind, after, before, taken | self.too_early(member))
            if course is not None:
                taken.add(course.id)
                self.enrol(rows, member, course)
        if not taken and rng.random() < self.fill_chance:
            early = self.too_early(member)
            smallest = min(self.classes, key=lambda c: (c.id in early, c.enrolled))
            if smallest.enrolled < FULL and smallest.id not in early:
                self.enrol(rows, member, smallest)

    def too_early(self, member: Member) -> set[str]:
        """Classes that began before the member turned 16."""
        if member.age >= 19:  # the classes are at most two years old
            return set()
        birth = member.birth
        sixteen = dt.date(birth.year + 16, birth.month, min(birth.day, 28))
        return {c.id for c in self.classes if c.start < sixteen}

    def choose(self, kind, after, before, taken) -> _Class | None:
        """A class of `kind` with room, ended before a job began, or soon after the wish."""
        open_classes = [
            c
            for c in self.by_kind.get(kind, ())
            if c.enrolled < c.capacity and c.id not in taken and (before is None or c.end < before)
        ]
        if after is not None:
            later = [c for c in open_classes if c.start >= after - dt.timedelta(days=30)]
            open_classes = later or open_classes
        return self.rng.choice(open_classes) if open_classes else None

    def enrol(self, rows: Rows, member: Member, course: _Class) -> None:
        rng = self.rng
        course.enrolled += 1
        day = max(course.opened.date(), course.start - dt.timedelta(days=rng.randint(2, 20)))
        at = max(moment(rng, min(day, self.yesterday), 10, 400), course.opened + MINUTES_5)
        enrolment_id = self.uid()
        cadre = self.cadre()[0]
        self.history.created("enrollment", enrolment_id, member.id, at, cadre)
        marks = {
            "attended": False,
            "completed": False,
            "certificate": False,
            "certificate_name": "",
            "certificate_number": "",
        }
        updated = at
        if course.start <= self.yesterday and rng.random() < 0.93:
            updated = self.mark(enrolment_id, {"attended": True}, marks, course.start, cadre, at)
            if course.end < self.today and rng.random() < 0.88:
                done = {"completed": True}
                if rng.random() < 0.75:
                    done.update(
                        certificate=True,
                        certificate_name=CERTIFICATES[course.kind],
                        certificate_number=self.certificate_number(course),
                    )
                handed = min(self.yesterday, course.end + dt.timedelta(days=rng.randint(0, 7)))
                updated = self.mark(enrolment_id, done, marks, handed, cadre, updated)
        # fmt: off
        rows.enrollments.append((
            enrolment_id, at, updated, course.id, member.id, marks["attended"],
            marks["completed"], marks["certificate"], marks["certificate_name"],
            marks["certificate_number"], "",
        ))
        # fmt: on

    def mark(self, record_id, values, marks, day, cadre, after: dt.datetime) -> dt.datetime:
        at = max(moment(self.rng, day, 17, 120), after + MINUTES_5)
        self.history.changed("enrollment", record_id, values, marks, at, cadre)
        return at

    def certificate_number(self, course: _Class) -> str:
        kind_number = list(KIND_WEIGHTS).index(course.kind) + 1
        return f"{course.start:%Y}150521{kind_number:02d}{course.number:02d}{course.enrolled:03d}"


def training_kind(text: str) -> str:
    """The class kind a wish's 培训意愿 asks for (焊工 and the like are "other")."""
    return next((kind for kind in TRAINING_KIND if kind_matches_text(kind, text)), "other")
