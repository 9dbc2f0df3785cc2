"""Demo data: employers and their job postings over the two years before today.

Each position an employer hires for is posted in rounds (招聘批次) of three to six months,
one after another, the last still open today for most; a round that has ended is
closed or filled. Placements then pick a posting that was open on the day a person was
recommended (JobBoard.find).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stdnum.cn import uscc

from casework.services.demo import demo_jobs_data as data
from casework.services.demo import demo_names as names
from casework.services.demo.demo_history import Part
from casework.services.demo.demo_rows import moment

FIRST_DAY = 720  # the first postings are this many days old
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@dataclass
class Posting:
    id: str
    employer_id: str
    employer_name: str
    kind: str
    place: str  # vocab.DESTINATION code
    township: str  # a workshop's township, else ""
    title: str
    opened: dt.date
    closes: dt.date  # the last day a recommendation can be made on it
    pay: tuple[int, int]
    age: tuple[int, int]
    gender: str
    headcount: int
    hired: int = 0  # people who took a place on it


@dataclass
class _Employer:
    id: str
    name: str
    kind: str  # vocab_jobs.EMPLOYER_KIND
    place: str  # where the employer is (a district, a township)
    code: str  # administrative code for the credit code
    address: str
    destination: str  # where its jobs are (vocab.DESTINATION)
    positions: list[tuple[str, str, tuple[int, int]]]  # (title, kind, pay)
    township: str = ""


class JobBoard(Part):
    """The demo's employers and postings, and the postings open on a given day."""

    def __init__(self, *part):
        super().__init__(*part)
        self.employers: list[_Employer] = []
        self.by_place_kind: dict[tuple[str, str], list[Posting]] = {}
        self.seats: dict[tuple[str, str], int] = {}  # headcounts by (place, kind), once posted
        self.codes: set[str] = set()
        self.scale = 1.0  # headcounts grow with the caseload; employers run out

    # ------------------------------------------------------------ employers

    def choose_employers(self, households: int, townships: list[str]) -> None:
        """More employers for a bigger caseload; a workshop or two in each township served."""
        rng = self.rng
        self.scale = max(1.0, households / 8_000)
        beijing = min(len(data.BEIJING_EMPLOYERS), 6 + households // 1000)
        for name, district, code, address, kinds in rng.sample(data.BEIJING_EMPLOYERS, beijing):
            self._add(name, "beijing", district, code, address, "beijing", kinds)
        region = min(len(data.REGION_EMPLOYERS), 2 + households // 5000)
        for name, place, code, kinds in rng.sample(data.REGION_EMPLOYERS, region):
            self._add(name, "other", place, code, place, "in_region", kinds)
        county = min(len(data.COUNTY_EMPLOYERS), 2 + households // 5000)
        for name, place, code, kinds in rng.sample(data.COUNTY_EMPLOYERS, county):
            self._add(name, "other", place, code, place, "in_county", kinds)
        name, place, code, kinds = data.ROAD_EMPLOYER
        self._add(name, "other", place, code, "科左中旗各苏木镇嘎查村", "local", kinds)
        for township in townships:
            for product, positions in rng.sample(data.WORKSHOPS, rng.randint(1, 2)):
                employer = _Employer(
                    self.uid(),
                    f"科左中旗{township}{product}",
                    "workshop",
                    township,
                    "150521",
                    f"科左中旗{township}",
                    "local",
                    positions,
                    township,
                )
                self.employers.append(employer)

    def _add(self, name, kind, place, code, address, destination, kinds: str) -> None:
        positions = []
        for job_kind in kinds.split():
            position = data.POSITIONS[job_kind]
            # Road posts pay the banner's one public-welfare rate wherever they are.
            share = 1.0 if job_kind == "road" else data.PAY_SHARE[destination]
            pay = (_hundreds(position.pay[0] * share), _hundreds(position.pay[1] * share))
            positions.append((position.title, job_kind, pay))
        self.employers.append(
            _Employer(self.uid(), name, kind, place, code, address, destination, positions)
        )

    def offered(self) -> dict[str, set[str]]:
        """The job kinds on offer at each destination."""
        kinds: dict[str, set[str]] = {}
        for employer in self.employers:
            for _title, kind, _pay in employer.positions:
                kinds.setdefault(employer.destination, set()).add(kind)
        return kinds

    def employer_rows(self, base: dt.datetime) -> list[tuple]:
        rows = []
        for employer in self.employers:
            at = base + dt.timedelta(minutes=self.rng.randint(0, 600))
            contact = self.rng.choice(names.HAN_SURNAMES) + self.rng.choice(
                names.HAN_MALE + names.HAN_FEMALE
            )
            if employer.destination == "beijing":
                phone = f"010-{self.rng.choice('68')}{self.rng.randrange(10**7):07d}"
            else:
                phone = f"{self.rng.choice(names.PHONE_PREFIXES)}{self.rng.randrange(10**8):08d}"
            notes = "京蒙协作就业帮扶车间" if employer.kind == "workshop" else ""
            # fmt: off
            rows.append((
                employer.id, at, at, employer.name, employer.kind, employer.place, contact,
                phone, self.credit_code(employer), notes,
            ))
            # fmt: on
            cadre = self.cadre()[0]
            self.history.created("employer", employer.id, employer.name, at, cadre)
        return rows

    def credit_code(self, employer: _Employer) -> str:
        """A valid, unused 统一社会信用代码: companies 91, cooperatives 93, offices 11."""
        kind = (
            "93" if employer.kind == "workshop" else "11" if employer.name.endswith("局") else "91"
        )
        while True:
            body = f"{kind}{employer.code}MA" + "".join(
                self.rng.choice(USCC_ALPHABET) for _ in range(7)
            )
            code = body + uscc.calc_check_digit(body)
            if code not in self.codes:
                self.codes.add(code)
                return code

    # ------------------------------------------------------------- postings

    def posting_rows(self) -> list[tuple]:
        """Each position posted in rounds from about two years ago until today."""
        rows = []
        for employer in self.employers:
            for title, kind, pay in employer.positions:
                day = self.today - dt.timedelta(days=FIRST_DAY - self.rng.randint(0, 90))
                while day < self.today - dt.timedelta(days=5):
                    closes = day + dt.timedelta(days=self.rng.randint(90, 180))
                    rows.append(self._posting(employer, title, kind, pay, day, closes))
                    day = closes + dt.timedelta(days=self.rng.randint(1, 60))
                    if self.rng.random() < 0.04:
                        break  # the employer stopped recruiting for this position
        return rows

    def _posting(self, employer, title, kind, pay, opened, valid_until) -> tuple:
        rng = self.rng
        position = data.POSITIONS.get(kind)
        if position is None or employer.kind == "workshop":
            position = data.WORKSHOP_POSITION
        low = max(1000, pay[0] + rng.choice((-200, 0, 0, 200)))
        high = max(low, pay[1] + rng.choice((-500, 0, 0, 500)))
        headcount = round(rng.randint(*position.headcount) * self.scale)
        yesterday = self.today - dt.timedelta(days=1)
        posting = Posting(
            self.uid(),
            employer.id,
            employer.name,
            kind,
            employer.destination,
            employer.township,
            title,
            opened,
            min(valid_until, yesterday),
            (low, high),
            position.age,
            position.gender,
            headcount,
        )
        self.by_place_kind.setdefault((posting.place, kind), []).append(posting)
        created = moment(rng, opened, 9, 480)
        cadre = self.cadre()[0]
        self.history.created("posting", posting.id, title, created, cadre)
        status, updated = "open", created
        if valid_until < self.today:
            status = "filled" if rng.random() < 0.45 else "closed"
        elif rng.random() < 0.1:
            status = "filled"
        if status != "open":
            # An ended round closes on its last day; a current one filled some days ago.
            day = min(valid_until, max(opened, self.today - dt.timedelta(days=rng.randint(1, 30))))
            updated = moment(rng, day, 16, 90)
            old = {"status": "open"}
            self.history.changed("posting", posting.id, {"status": status}, old, updated, cadre)
        # fmt: off
        return (
            posting.id, created, updated, employer.id, title, kind, employer.destination,
            employer.address, headcount, low, high, position.age[0], position.age[1],
            position.gender, position.education, position.certificates, position.board,
            position.lodging, valid_until, status, position.notes,
        )
        # fmt: on

    def find(
        self,
        place: str,
        kinds: list[str],
        gender: str,
        birth: dt.date,
        around: dt.date,
        township: str = "",
        hire: bool = False,
    ) -> tuple[Posting, dt.date] | None:
        """A posting of one of `kinds` at `place` the person may take, and the day they were
        recommended: `around` when the posting was open then, else its nearest open day.

        Someone who will be hired (`hire`) needs a posting with a place left, even one
        further off in time; when every one is full there is none. The caller counts the
        hire (Posting.hired).
        """
        age = _age(birth, around)
        fitting = [
            posting
            for kind in kinds
            for posting in self.by_place_kind.get((place, kind), ())
            if posting.gender in ("", gender) and posting.age[0] <= age <= posting.age[1]
        ]
        if hire:
            fitting = [p for p in fitting if p.hired < p.headcount]
        if township:  # a workshop of the township first, else the banner's own posts
            fitting = [p for p in fitting if p.township == township] or [
                p for p in fitting if not p.township
            ]
        if not fitting:
            return None
        open_then = [p for p in fitting if p.opened <= around <= p.closes]
        if open_then:
            posting = self.rng.choice(open_then)
            day = around
        else:
            posting = min(
                fitting,
                key=lambda p: min(abs((p.opened - around).days), abs((p.closes - around).days)),
            )
            day = min(max(around, posting.opened), posting.closes)
        return posting, day

    def likely(self, kinds: list[str], places, count: int) -> list[str]:
        """`count` of `kinds` (fewer if there are fewer), each as likely as the places
        the postings of that kind offer in `places`: people ask for the jobs there are."""
        if not self.seats:
            for key, postings in self.by_place_kind.items():
                self.seats[key] = sum(p.headcount for p in postings)
        weights = {
            kind: sum(self.seats.get((place, kind), 0) for place in places) for kind in kinds
        }
        picked: list[str] = []
        while len(picked) < count and len(picked) < len(kinds):
            pool = [kind for kind in kinds if kind not in picked]
            picked.append(self.rng.choices(pool, [weights[kind] or 1 for kind in pool])[0])
        return picked


def _hundreds(value: float) -> int:
    return int(round(value / 100.0)) * 100


def _age(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
