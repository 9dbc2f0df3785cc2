"""Demo data: families of 科左中旗 — who lives together, their names, ID numbers and situation.

Ages follow relations (a son is 20-38 years younger than his parents, a grandchild
younger again); education, health, labour ability and work follow age. ID numbers
carry the banner's code in force in the birth year, the birth date and the gender.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from stdnum.cn import ric

from casework.search_keys import person_keys
from casework.services.demo import demo_names as names
from casework.services.demo import demo_places as places

FAMILY_SIZE = ([2, 3, 4, 5, 6], [25, 55, 80, 92, 100])  # sizes, cumulative weights


def weighted(weights: dict[str, int]) -> tuple[list[str], list[int]]:
    """Population and cumulative weights, computed once for rng.choices(cum_weights=)."""
    total, cumulative = 0, []
    for weight in weights.values():
        total += weight
        cumulative.append(total)
    return list(weights), cumulative


EDUCATION_BY_AGE = [  # (up to this age, weights)
    (40, weighted({"junior": 40, "senior": 20, "vocational": 20, "college": 15, "bachelor": 5})),
    (60, weighted({"primary": 25, "junior": 50, "senior": 15, "vocational": 10})),
    (200, weighted({"none": 25, "primary": 50, "junior": 20, "senior": 5})),
]
WORK = weighted(
    {
        "farming": 35,
        "local": 12,
        "in_county": 8,
        "in_region": 8,
        "beijing": 7,
        "other_province": 5,
        "self_employed": 5,
        "unemployed": 20,
    }
)


@dataclass
class WishStub:
    """A wish as drawn, for the placements and classes that follow from it."""

    index: int  # its row in the batch's wishes
    at: dt.datetime  # when it was recorded
    willing: bool
    destinations: list[str]  # vocab.DESTINATION codes
    kinds: list[str]  # vocab_jobs.JOB_KIND codes
    status: str  # as drawn; placements decide it for a willing person
    constraints: list[str]
    training: str


@dataclass
class Member:
    id: str
    relation: str
    gender: str
    age: int
    surname: str
    ethnicity: str
    name: str = ""
    birth: dt.date | None = None
    id_number: str = ""
    phone: str = ""
    education: str = ""
    health: str = "healthy"
    health_notes: str = ""
    labour: str = ""
    skills: str = ""
    work: str = ""
    wishes: list[WishStub] = field(default_factory=list)  # oldest first
    jobs: list[tuple[str, dt.date]] = field(default_factory=list)  # (job kind, first day)
    updated: dt.datetime | None = None  # the last change to the work situation

    def person_row(self, household_id: str, created: dt.datetime) -> tuple:
        """The person's row, in the order of demo_rows.PERSON_FIELDS."""
        keys = person_keys(self.name)
        updated = max(created, self.updated) if self.updated else created
        # fmt: off
        return (
            self.id, created, updated, household_id, self.relation, self.name,
            keys["name_pinyin"], keys["name_initials"], keys["search_grams"], self.gender,
            self.birth, self.ethnicity, self.id_number, self.phone, self.education, self.health,
            self.health_notes, self.labour, self.skills, self.work, "",
        )
        # fmt: on


class MemberFactory:
    """Draws families from the generator's random stream; remembers ID numbers already used."""

    def __init__(self, rng: random.Random, today: dt.date, uid: Callable[[], str]):
        self.rng = rng
        self.today = today
        self.uid = uid
        self.used_id_numbers: set[str] = set()

    def phone_number(self) -> str:
        return f"{self.rng.choice(names.PHONE_PREFIXES)}{self.rng.randrange(10**8):08d}"

    def family(self) -> list[Member]:
        """A household's members, the head first."""
        rng = self.rng
        size = rng.choices(FAMILY_SIZE[0], cum_weights=FAMILY_SIZE[1])[0]
        head_age = rng.randint(26, 78)
        ethnicity = (
            "mongol"
            if rng.random() < 0.72
            else "han"
            if rng.random() < 0.92
            else rng.choice(["manchu", "hui"])
        )
        head_gender = "male" if rng.random() < 0.82 else "female"
        head = self.member("head", head_gender, head_age, self.surname(ethnicity), ethnicity)
        members = [head]
        spouse = None
        if rng.random() < 0.85:
            spouse_ethnicity = ethnicity if rng.random() < 0.85 else self.other(ethnicity)
            spouse_age = max(20, head_age + rng.randint(-5, 5))
            spouse = self.member(
                "spouse",
                self.opposite(head_gender),
                spouse_age,
                self.surname(spouse_ethnicity),
                spouse_ethnicity,
            )
            members.append(spouse)
        father = head if head_gender == "male" else (spouse or head)
        # Children of a mixed Mongol-Han marriage are almost always registered Mongol.
        mongol_parent = any(m.ethnicity == "mongol" for m in members)
        children_ethnicity = "mongol" if mongol_parent else ethnicity
        if len(members) < size and head_age <= 50 and rng.random() < 0.4:
            self.add_parents(members, size, head)
        while len(members) < size:
            members.append(self.descendant(members, father.surname, children_ethnicity))
        return members[:size]

    def add_parents(self, members: list[Member], size: int, head: Member) -> None:
        age = min(95, head.age + self.rng.randint(22, 32))
        members.append(self.member("father", "male", age, head.surname, head.ethnicity))
        if len(members) < size and self.rng.random() < 0.6:
            mother_age = max(head.age + 20, age + self.rng.randint(-5, 2))
            members.append(
                self.member(
                    "mother", "female", mother_age, self.surname(head.ethnicity), head.ethnicity
                )
            )

    def descendant(self, members: list[Member], surname: str, ethnicity: str) -> Member:
        """A child, or (in an older household with a grown son) a daughter-in-law or grandchild."""
        rng = self.rng
        youngest_parent = min(m.age for m in members if m.relation in ("head", "spouse"))
        grown_sons = [m for m in members if m.relation == "son" and m.age >= 22]
        if grown_sons and rng.random() < 0.6:
            son = grown_sons[0]
            if not any(m.relation == "daughter_in_law" for m in members):
                age = max(20, son.age + rng.randint(-4, 3))
                return self.member(
                    "daughter_in_law", "female", age, self.surname(ethnicity), ethnicity
                )
            gender = rng.choice(["male", "female"])
            relation = "grandson" if gender == "male" else "granddaughter"
            age = max(0, son.age - rng.randint(20, 30))
            return self.member(relation, gender, age, surname, ethnicity)
        gender = rng.choice(["male", "female"])
        age = youngest_parent - rng.randint(20, 38)
        if age < 0:
            age = rng.randint(0, max(0, youngest_parent - 20))
        return self.member(
            "son" if gender == "male" else "daughter", gender, age, surname, ethnicity
        )

    def member(self, relation: str, gender: str, age: int, surname: str, ethnicity: str) -> Member:
        m = Member(self.uid(), relation, gender, age, surname, ethnicity)
        m.name = self.given_name(surname, gender, ethnicity)
        days = age * 365 + age // 4 + self.rng.randint(0, 364)
        m.birth = self.today - dt.timedelta(days=days)
        m.id_number = self.id_number(m.birth, gender)
        m.phone = self.phone_number() if age >= 16 and self.rng.random() < 0.88 else ""
        m.education = self.education(age)
        m.health, m.health_notes = self.health(age)
        self.work(m)
        return m

    def surname(self, ethnicity: str) -> str:
        pool = names.MONGOL_SURNAMES if ethnicity == "mongol" else names.HAN_SURNAMES
        return self.rng.choice(pool)

    def other(self, ethnicity: str) -> str:
        return "han" if ethnicity == "mongol" else "mongol"

    @staticmethod
    def opposite(gender: str) -> str:
        return "female" if gender == "male" else "male"

    def given_name(self, surname: str, gender: str, ethnicity: str) -> str:
        rng = self.rng
        if ethnicity == "mongol" and rng.random() < 0.7:
            pool = names.MONGOL_MALE if gender == "male" else names.MONGOL_FEMALE
        else:
            pool = names.HAN_MALE if gender == "male" else names.HAN_FEMALE
        given = rng.choice(pool)
        while given[0] == surname:  # 金金山 reads as a typing slip
            given = rng.choice(pool)
        if pool is names.MONGOL_MALE or pool is names.MONGOL_FEMALE:
            if len(given) >= 3 and rng.random() < 0.15:
                return given  # many Mongols go by their given name alone
        return surname + given

    def id_number(self, birth: dt.date, gender: str) -> str:
        """A unique, valid 18-digit number: banner code, birth date, sequence (odd = male)."""
        code = places.ID_CODE_SINCE_1999 if birth.year >= 1999 else places.ID_CODE_BEFORE_1999
        while True:
            sequence = self.rng.randrange(1000)
            if sequence % 2 != (gender == "male"):
                sequence ^= 1  # flip the last bit: the 17th digit's parity is the gender
            body = f"{code}{birth:%Y%m%d}{sequence:03d}"
            # stdnum expects the number with a (placeholder) check digit in place.
            number = body + ric.calc_check_digit(body + "0")
            if number not in self.used_id_numbers:
                self.used_id_numbers.add(number)
                return number

    def education(self, age: int) -> str:
        rng = self.rng
        if age < 6:
            return "preschool"
        if age <= 18:
            return "junior" if age >= 16 and rng.random() < 0.3 else "in_school"
        if age <= 22 and rng.random() < 0.4:
            return "in_school"
        for up_to, (codes, cumulative) in EDUCATION_BY_AGE:
            if age <= up_to:
                return rng.choices(codes, cum_weights=cumulative)[0]
        return "primary"

    def health(self, age: int) -> tuple[str, str]:
        roll = self.rng.random()
        if roll < 0.02:
            return "serious", self.rng.choice(names.SERIOUS)
        if roll < 0.05:
            return "disabled", self.rng.choice(names.DISABILITY)
        if age >= 30 and roll < 0.05 + (age - 30) * 0.005:
            return "chronic", self.rng.choice(names.CHRONIC)
        return "healthy", ""

    def work(self, m: Member) -> None:
        """Labour ability, skills and work situation, from age, schooling and health."""
        rng = self.rng
        if m.education in ("preschool", "in_school") or m.age < 16:
            m.labour = "none"
            m.work = "not_applicable" if m.education == "preschool" else "student"
            return
        if m.age > 70:
            m.labour = rng.choice(["none", "none", "weak", "unable"])
            m.work = "farming" if rng.random() < 0.3 else "not_applicable"
            return
        if m.health in ("serious", "disabled"):
            m.labour = rng.choice(["weak", "unable"])
            m.work = rng.choice(["unemployed", "farming", "not_applicable"])
            return
        if m.age <= 60 and rng.random() < 0.25:
            m.skills = "、".join(rng.sample(names.SKILLS, rng.randint(1, 2)))
        weak = m.age > 60 or m.health == "chronic"
        m.labour = "weak" if weak and rng.random() < 0.5 else "skilled" if m.skills else "ordinary"
        m.work = rng.choices(WORK[0], cum_weights=WORK[1])[0]
        if m.age > 60 and m.work not in ("farming", "unemployed"):
            m.work = "farming"
