"""Demo data: each person's way through the jobs, from their wish to work, and what follows.

A willing person's wish decides where they stand today: at work (a placement at work in
a place and a job kind they wished for), recommended (a placement still open), or
waiting, some after a job they left early or a recommendation that came to nothing.
People with no wish on record who work in Beijing mostly have a placement too, through
a posting or found on their own. The stages happen in order on real dates; the person's
work situation and their wish's status are then replayed through them by the rules of
casework.services.jobs.placements, with the history those rules write, the cadres'
in-work follow-ups are drawn (demo_work_checks), and the stable-employment subsidy is
paid to some of those it is owed to.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from casework.services.demo import demo_jobs_data as data
from casework.services.demo.demo_history import Part
from casework.services.demo.demo_jobs import JobBoard, Posting
from casework.services.demo.demo_people import Member, WishStub
from casework.services.demo.demo_rows import WISH_STATUS_AT, WISH_UPDATED_AT, Rows, moment
from casework.services.demo.demo_work_checks import follow_ups
from casework.services.jobs.placements import STAGE_COLUMN
from casework.services.jobs.subsidy import eligibility
from casework.vocab_jobs import OPEN_STAGES, WORK_STATUS_FOR_PLACE

GAP = {"interviewed": (2, 10), "hired": (1, 7), "working": (3, 14), "rejected": (3, 15)}
# How long before today each kind of story began (days).
BEGAN = {"working": (15, 690), "open": (2, 50), "left": (60, 690), "rejected": (10, 600)}
# Many of those at work went this season, so their monthly follow-ups are still running.
RECENT_START, RECENT_SHARE = (15, 200), 0.4
LIVE_WISH = ("active", "recommended", "employed")
# Taken in turn rather than drawn, so that even a small demo shows each: what came before
# for people waiting (a job left, a recommendation that failed), and where open
# placements stand (recommended, interviewed, hired).
WAITING_TURNS = ["left", "", "rejected", "", "", "left", ""]
OPEN_TURNS = [[], ["interviewed"], ["interviewed", "hired"], [], ["interviewed"], [], ["hired"]]


@dataclass
class _Track:
    """One placement as it is drawn: its events and, at the end, its row's values."""

    id: str
    place: str
    kind: str
    organised: bool
    cadre: str
    events: list[tuple[dt.datetime, str, dt.date, str]] = field(default_factory=list)
    values: dict = field(default_factory=dict)
    reasons: dict[int, str] = field(default_factory=dict)  # event index → why it ended


class Careers(Part):
    """Draws placements for the members of one household at a time."""

    def __init__(self, board: JobBoard, rules: dict, *part):
        super().__init__(*part)
        self.board = board
        self.rules = rules  # the subsidy's, as casework.services.jobs.subsidy.settings()
        self.offered = board.offered()
        self.open_turn = 0
        self.subsidy_turn = 0
        self.waiting_turn = 0

    def member(self, rows: Rows, member: Member, township: str) -> None:
        """Draw the member's placements into `rows`, then their work situation and wishes."""
        tracks = []
        for story, where in self.stories(member):
            latest = self.yesterday
            if tracks:  # an earlier job ended before the later one began
                latest = tracks[0].events[0][2] - dt.timedelta(days=1)
            track = self.placement(rows, member, story, where, township, latest)
            if track is not None:
                tracks.insert(0, track)
        if member.wishes and member.work == "beijing":
            # Someone whose wish the cadres follow is in Beijing through a placement only.
            member.work = self.rng.choice(["farming", "unemployed"])
        self.replay(rows, member, tracks)

    def stories(self, member: Member) -> list[tuple[str, str]]:
        """(story, where) for the member's placements, the latest first."""
        rng = self.rng
        wish = member.wishes[-1] if member.wishes else None
        roll = rng.random()
        if wish is not None and wish.willing:
            if wish.status == "employed":
                return [("working", "wish")] + ([("left", "wish")] if roll < 0.1 else [])
            if wish.status == "recommended":
                earlier = [("left", "wish")] if roll < 0.12 else [("rejected", "wish")]
                return [("open", "wish")] + (earlier if roll < 0.2 else [])
            story, self.waiting_turn = WAITING_TURNS[self.waiting_turn], self.waiting_turn + 1
            self.waiting_turn %= len(WAITING_TURNS)
            return [(story, "wish")] if story else []
        if wish is not None:
            return [("left", "beijing")] if roll < 0.12 else []
        if member.work == "beijing" and roll < 0.85:
            return [("working", "beijing" if roll < 0.5 else "self_found")]
        if member.work == "local" and roll < 0.25:
            return [("working", "local")]
        return []

    # ------------------------------------------------------------ one placement

    def placement(self, rows, member, story, where, township, latest) -> _Track | None:
        if where == "self_found":
            return self.self_found(rows, member)
        rng = self.rng
        began = BEGAN[story]
        if story == "working" and rng.random() < RECENT_SHARE:
            began = RECENT_START
        around = self.today - dt.timedelta(days=rng.randint(*began))
        around = min(around, latest - dt.timedelta(days=10 if story != "open" else 0))
        found = None
        # Where an open placement stands beyond its recommendation: its turn, taken if placed.
        reached = OPEN_TURNS[self.open_turn % len(OPEN_TURNS)] if story == "open" else []
        hire = story in ("working", "left") or "hired" in reached
        for place, kinds in self.choices(member, where):
            near = township if place == "local" else ""
            found = self.board.find(place, kinds, member.gender, member.birth, around, near, hire)
            if found is not None:
                break
        if found is None or found[1] > latest:
            return None
        posting, day = found
        posting.hired += hire
        self.open_turn += story == "open"
        track = _Track(self.uid(), posting.place, posting.kind, True, self.cadre()[0])
        self.pipeline(track, story, day, latest, member, reached)
        self.record(rows, member, track, posting)
        return track

    def choices(self, member: Member, where: str) -> list[tuple[str, list[str]]]:
        """(place, job kinds) to look for a posting in, the likeliest first."""
        rng = self.rng
        if where == "wish":
            wish = member.wishes[-1]
            places = list(wish.destinations)
            rng.shuffle(places)
            if "beijing" in places and rng.random() < 0.8:
                places.remove("beijing")
                places.insert(0, "beijing")
            return [(p, [k for k in wish.kinds if k in self.offered.get(p, ())]) for p in places]
        kinds = sorted(self.offered.get(where, ()))
        rng.shuffle(kinds)
        return [(where, kinds)]

    def pipeline(self, track, story: str, day: dt.date, latest: dt.date, member, reached) -> None:
        """The stages from recommendation on `day` to where the story ends, none after `latest`
        (an open placement's stages after the recommendation are `reached`)."""
        rng = self.rng
        stages = ["recommended"]
        if story == "rejected":
            stages += ["interviewed", "rejected"] if rng.random() < 0.5 else ["rejected"]
        elif story == "open":
            stages += reached
        else:
            stages += (["interviewed"] if rng.random() < 0.75 else []) + ["hired", "working"]
        for stage in stages:
            if stage != "recommended":
                day = self.later(day, GAP[stage], latest)
            self.event(track, stage, day, self.note(stage, track))
        if story == "left":
            worked = (7, 80) if rng.random() < 0.6 else (95, 420)
            note, reason = self.leave_reason(member)
            self.event(track, "left", self.later(day, worked, latest), note, reason)
        elif story == "working" and track.place == "beijing" and rng.random() < 0.05:
            stop = day + dt.timedelta(days=rng.randint(30, 200))
            back = stop + dt.timedelta(days=rng.randint(7, 45))
            if back <= latest:
                self.event(track, "left", stop, data.RESTART[0], data.RESTART_REASON)
                self.event(track, "working", back, data.RESTART[1])

    def later(self, day: dt.date, days: tuple[int, int], latest: dt.date) -> dt.date:
        """Some `days` after `day`; when that is past `latest`, any day up to `latest`."""
        then = day + dt.timedelta(days=self.rng.randint(*days))
        if then > latest:
            then = day + dt.timedelta(days=self.rng.randint(0, max(0, (latest - day).days)))
        return then

    def note(self, stage: str, track: _Track) -> str:
        if stage == "interviewed":
            return self.rng.choice(data.INTERVIEW_NOTES)
        if stage == "working" and track.place == "beijing":
            return self.rng.choice(data.WORK_NOTES)
        if stage == "rejected":
            return self.rng.choice(data.REJECT_REASONS)
        return ""

    def leave_reason(self, member: Member) -> tuple[str, str]:
        """(the stage's note, its vocab_jobs.LEAVE_REASON): one the wish foresaw, else any."""
        wish = member.wishes[-1] if member.wishes else None
        for constraint in wish.constraints if wish else ():
            if constraint in data.LEAVE_BY_CONSTRAINT:
                return data.LEAVE_BY_CONSTRAINT[constraint]
        return self.rng.choice(data.LEAVE_REASONS)

    def event(self, track: _Track, stage: str, day: dt.date, notes: str, reason: str = "") -> None:
        at = moment(self.rng, day, 9, 480)
        if track.events and at <= track.events[-1][0]:
            at = track.events[-1][0] + dt.timedelta(minutes=5)
        if reason:
            track.reasons[len(track.events)] = reason
        track.events.append((at, stage, day, notes))

    def self_found(self, rows: Rows, member: Member) -> _Track:
        """A job in Beijing found on one's own, recorded at work (create_placement)."""
        rng = self.rng
        employer, position, kind = rng.choice(data.SELF_FOUND)
        start = self.today - dt.timedelta(days=rng.randint(20, 700))
        track = _Track(self.uid(), "beijing", kind, False, self.cadre()[0])
        self.event(track, "working", start, "")
        pay = rng.randrange(4500, 8001, 100)
        track.values = {"stage": "working", "stage_date": start, "start_date": start}
        track.values["monthly_pay"] = pay
        at = track.events[0][0]
        self.history.created("placement", track.id, f"{member.name} {position}", at, track.cadre)
        self._rows(rows, member, track, None, employer, position)
        return track

    def record(self, rows: Rows, member: Member, track: _Track, posting: Posting) -> None:
        """The placement's row, its events and history, and any subsidy paid for it."""
        at, _stage, first, _notes = track.events[0]
        old = {"stage": "recommended", "stage_date": first, "recommended_on": first}
        detail = f"{member.name} {posting.title}"
        self.history.created("placement", track.id, detail, at, track.cadre)
        pay_set = False
        for at, stage, day, _notes in track.events[1:]:
            values = {"stage": stage, "stage_date": day}
            if stage in STAGE_COLUMN:
                values[STAGE_COLUMN[stage]] = day
            if stage == "working":
                values["end_date"] = None
                if not pay_set:
                    values["monthly_pay"] = _pay(self.rng, *posting.pay)
                    pay_set = True
            self.history.changed("placement", track.id, values, old, at, track.cadre)
        track.values = old
        self._rows(rows, member, track, posting, posting.employer_name, posting.title)
        if track.place == "beijing":
            self.subsidy(rows, member, track)

    def _rows(self, rows, member, track, posting, employer_name, position) -> None:
        v = track.values
        created, updated = track.events[0][0], track.events[-1][0]
        # fmt: off
        rows.placements.append((
            track.id, created, updated, member.id, posting.id if posting else None,
            posting.employer_id if posting else None,
            employer_name, position, track.kind, track.place, track.organised, v["stage"],
            v["stage_date"], v.get("recommended_on"), v.get("interviewed_on"), v.get("hired_on"),
            v.get("start_date"), v.get("end_date"), v.get("monthly_pay"), "",
        ))
        # fmt: on
        for index, (at, stage, day, notes) in enumerate(track.events):
            reason = track.reasons.get(index, "")
            rows.placement_events.append((self.uid(), at, at, track.id, stage, day, notes, reason))
        starts = [day for _at, stage, day, _n in track.events if stage == "working"]
        if starts:
            member.jobs.append((track.kind, starts[0]))
            follow_ups(self, rows, track)

    def subsidy(self, rows: Rows, member: Member, track: _Track) -> None:
        """Pay the subsidy to most placements that earned it a season ago or more, and to a
        few of those that earned it lately: the rest are the cadre's to pay."""
        events = [(stage, day) for _at, stage, day, _notes in track.events]
        status = eligibility(events, track.organised, track.place, self.rules, self.today)
        if not status["eligible"]:
            return
        # In turn rather than drawn, so that even a small demo has some of each.
        turn, self.subsidy_turn = self.subsidy_turn, self.subsidy_turn + 1
        waiting = (self.today - status["eligible_on"]).days
        if (turn % 5 == 1) if waiting > 90 else (turn % 3 != 0):
            return
        late = dt.timedelta(days=self.rng.randint(3, 60))
        paid_on = min(self.yesterday, status["eligible_on"] + late)
        if paid_on < status["eligible_on"]:
            return
        cadre_id, cadre_name = self.cadre()
        at = moment(self.rng, paid_on, 15, 90)
        payment_id = self.uid()
        amount = self.rules["amount"]
        notes = f"{paid_on.year}年第{(paid_on.month + 2) // 3}季度稳岗补贴"
        rows.subsidy_payments.append(
            (payment_id, at, at, track.id, member.id, paid_on, amount, cadre_name, notes)
        )
        self.history.created("subsidy", payment_id, f"{amount}元", at, cadre_id)

    # ------------------------------------------------------- what follows from them

    def replay(self, rows: Rows, member: Member, tracks: list[_Track]) -> None:
        """The work situation and wish statuses that the placements' stages set, in order."""
        timeline = [(w.at, 0, w) for w in member.wishes]
        timeline += [(e[0], 1, (t, e[1])) for t in tracks for e in t.events]
        timeline.sort(key=lambda item: (item[0], item[1]))
        person = {"work_status": member.work}
        stages: dict[str, str] = {}
        starts: dict[str, dt.date] = {}
        latest_wish: WishStub | None = None
        wish_values: dict[int, dict] = {}
        for at, what, item in timeline:
            if what == 0:
                latest_wish = item
                status = wish_status(stages) if item.willing else item.status
                wish_values[item.index] = {"status": status, "at": item.at}
                continue
            track, stage = item
            stages[track.id] = stage
            if stage == "working":
                starts[track.id] = at.date()
            cadre = track.cadre
            status = work_status(tracks, stages, starts, person["work_status"])
            if status != person["work_status"]:
                values = {"work_status": status}
                self.history.changed("person", member.id, values, person, at, cadre)
                member.updated = at
            if latest_wish is not None:
                values = wish_values[latest_wish.index]
                if values["status"] in LIVE_WISH:
                    new = wish_status(stages)
                    if new != values["status"]:
                        wish_id = rows.wishes[latest_wish.index][0]
                        self.history.changed("wish", wish_id, {"status": new}, values, at, cadre)
                        values["at"] = at
        member.work = person["work_status"]
        for index, values in wish_values.items():
            row = list(rows.wishes[index])
            row[WISH_STATUS_AT] = values["status"]
            row[WISH_UPDATED_AT] = values["at"]
            rows.wishes[index] = tuple(row)


def work_status(tracks: list[_Track], stages: dict, starts: dict, current: str) -> str:
    """The work situation placements in these stages give (_follow_work_status)."""
    working = [t for t in tracks if stages.get(t.id) == "working"]
    if working:
        newest = max(working, key=lambda t: starts[t.id])
        return WORK_STATUS_FOR_PLACE.get(newest.place, current)
    return "unemployed" if "left" in stages.values() else current


def wish_status(stages: dict[str, str]) -> str:
    """A willing person's wish status from their placements' stages (_follow_wish_status)."""
    now = set(stages.values())
    if "working" in now:
        return "employed"
    if now & (set(OPEN_STAGES) - {"working"}):
        return "recommended"
    return "active"


def _pay(rng: random.Random, low: int, high: int) -> int:
    return rng.randrange(low, high + 1, 100) if high > low else low
