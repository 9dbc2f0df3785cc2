"""How well one person fits one posting (人岗匹配): a score out of 100 with reasons in Chinese.

Pure: no database. `PostingNeeds` is built once per posting; `score()` runs for every
candidate with explain=False (numbers only, it must be quick for tens of thousands)
and again with explain=True for the few shown, to word the reasons and what is missing.

Weights: place 30, job kind 30, related skill 10, training done 10, pay 10, education 5,
plus certificates (±), and deductions for constraints (caring for family away from home,
health), a late start and requirements not met.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from casework.vocab import CONSTRAINT, DESTINATION, EDUCATION, GENDER, label, labels
from casework.vocab_jobs import (
    AWAY_PLACES,
    EDUCATION_RANK,
    JOB_KIND,
    JOB_KIND_WORDS,
    PLACE_NAME,
    RELATED_KINDS,
    split_list,
)

# Nearby places count half for a job close to home: a wish for 县内 fits a 就地就近 job.
NEAR = {"local": "in_county", "in_county": "local"}


class _FirstWord(dict):
    """{text: the first of `words` it contains, or ""}, worked out on first asking.

    A county's tens of thousands of candidates write their job kinds and skills in a few
    hundred ways, so nearly every look-up is a plain dict hit, without a Python call.
    """

    def __init__(self, words: tuple[str, ...]) -> None:
        super().__init__()
        self.words = words

    def __missing__(self, text: str) -> str:
        self[text] = found = next((word for word in self.words if word in text), "")
        return found


@dataclass(slots=True)
class PostingNeeds:
    """What a posting asks for, prepared for fast comparison."""

    place: str
    job_kind: str
    position: str
    pay_min: int | None = None
    pay_max: int | None = None
    age_min: int | None = None
    age_max: int | None = None
    gender: str = ""
    education_min: str = ""
    certificates: list[str] = field(default_factory=list)
    today: dt.date = dt.date(2000, 1, 1)
    kind_words: tuple[str, ...] = ()
    related_words: tuple[str, ...] = ()
    away: bool = False
    # Starting after this day is a late start; ISO text, as candidates' dates are.
    late_after: str = "2000-01-31"
    kind_seen: _FirstWord = field(init=False, repr=False, compare=False)
    related_seen: _FirstWord = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.kind_seen = _FirstWord(self.kind_words)
        self.related_seen = _FirstWord(self.related_words)

    @classmethod
    def of(cls, posting: dict, today: dt.date) -> PostingNeeds:
        kind = posting.get("job_kind") or ""
        words = _words(kind) if kind and kind != "other" else ()
        position = (posting.get("position") or "").strip()
        if position and position not in words:
            words = (*words, position)
        related = tuple(w for k in RELATED_KINDS.get(kind, ()) for w in _words(k))
        return cls(
            place=posting.get("place") or "",
            job_kind=kind,
            position=position,
            pay_min=posting.get("pay_min"),
            pay_max=posting.get("pay_max"),
            age_min=posting.get("age_min"),
            age_max=posting.get("age_max"),
            gender=posting.get("gender") or "",
            education_min=posting.get("education_min") or "",
            certificates=split_list(posting.get("certificates")),
            today=today,
            kind_words=words,
            related_words=related,
            away=(posting.get("place") or "") in AWAY_PLACES,
            late_after=(today + dt.timedelta(days=30)).isoformat(),
        )

    @property
    def kind_label(self) -> str:
        return label(JOB_KIND, self.job_kind) or self.position


def _words(kind: str) -> tuple[str, ...]:
    return (JOB_KIND[kind], *JOB_KIND_WORDS.get(kind, ()))


class Candidate(NamedTuple):
    """One person with their latest wish, as the matcher reads them.

    A tuple in the order of the candidates query's columns, dates as ISO text
    ("2026-11-27", which compares as the dates do): a ranking makes one for each of tens
    of thousands of rows straight from the row, with no Python code per field.
    """

    person_id: str
    destinations: str = ""
    job_kinds: str = ""
    expected_pay: int | None = None
    constraints: str = ""
    willing: bool = False
    available_from: str | None = None
    birth_date: str | None = None
    gender: str = ""
    education: str = ""
    skills: str = ""
    health: str = ""
    labour_ability: str = ""
    training: frozenset = frozenset()  # training kinds completed that suit the posting
    certificates: str = ""  # certificate names from completed training


def age_on(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


class _Notes:
    """Collects what speaks for, what against, and what is missing, only when explaining."""

    def __init__(self, explain: bool) -> None:
        self.explain = explain
        self.reasons: list[str] = []
        self.concerns: list[str] = []
        self.missing: list[str] = []


# Notes that are never written (explain=False): one for every candidate, not one each.
_QUIET = _Notes(False)


def score(c: Candidate, need: PostingNeeds, explain: bool = False):
    """The fit of `c` for `need`: an int 0-100, or with explain=True a dict of
    score, reasons (what speaks for), concerns (what against) and missing (requirements
    not met), each a list of Chinese sentences."""
    notes = _Notes(True) if explain else _QUIET
    total = _place(c, need, notes) + _kind(c, need, notes) + _pay(c, need, notes)
    total += _requirements(c, need, notes) + _constraints(c, need, notes)
    total = 0 if total < 0 else 100 if total > 100 else total  # (no call: runs per candidate)
    if not explain:
        return total
    return {
        "score": total,
        "reasons": notes.reasons,
        "concerns": notes.concerns,
        "missing": notes.missing,
    }


def _place(c: Candidate, need: PostingNeeds, notes: _Notes) -> int:
    # Labels are looked up only when explaining: this runs for every candidate.
    if need.place and need.place in c.destinations:
        if notes.explain:
            notes.reasons.append(f"意向务工地含{_place_label(need)}")
        return 30
    if not need.away and NEAR.get(need.place, "-") in c.destinations:
        if notes.explain:
            wished = labels(DESTINATION, c.destinations)
            notes.reasons.append(f"意向务工地为{wished}，离{_place_label(need)}岗位不远")
        return 20
    if need.away and c.willing:
        if notes.explain:
            wished = labels(DESTINATION, c.destinations)
            notes.concerns.append(f"愿意外出，但意向务工地为{wished or '未填'}")
        return 10
    if notes.explain:
        wished = labels(DESTINATION, c.destinations)
        text = f"意向务工地为{wished}" if c.destinations else "未填意向务工地"
        notes.concerns.append(f"{text}，与岗位所在地（{_place_label(need)}）不符")
    return 0


def _place_label(need: PostingNeeds) -> str:
    return PLACE_NAME.get(need.place, need.place)


def _kind(c: Candidate, need: PostingNeeds, notes: _Notes) -> int:
    total = 0
    if need.kind_seen[c.job_kinds]:
        total += 30
        if notes.explain:
            notes.reasons.append(f"意向工种“{c.job_kinds}”与岗位（{need.kind_label}）相符")
    elif need.related_seen[c.job_kinds]:
        total += 15
        if notes.explain:
            notes.reasons.append(f"意向工种“{c.job_kinds}”与{need.kind_label}相近")
    elif not c.job_kinds:
        total += 8
        if notes.explain:
            notes.concerns.append("未填意向工种")
    elif notes.explain:
        notes.concerns.append(f"意向工种为“{c.job_kinds}”，与{need.kind_label}不同")
    if c.skills and need.kind_seen[c.skills]:
        total += 10
        if notes.explain:
            notes.reasons.append(f"有相关技能：{c.skills}")
    if c.training:
        total += 10
        if notes.explain:
            from casework.vocab_training import TRAINING_KIND

            done = "、".join(label(TRAINING_KIND, k) for k in sorted(c.training))
            notes.reasons.append(f"已完成{done}培训")
    return total


def _pay(c: Candidate, need: PostingNeeds, notes: _Notes) -> int:
    top = need.pay_max or need.pay_min
    if c.expected_pay is None:
        if notes.explain:
            notes.concerns.append("未填期望薪资")
        return 5
    if top is None:
        return 5
    if c.expected_pay <= top:
        if notes.explain:
            notes.reasons.append(f"期望{c.expected_pay}元/月，岗位可以满足")
        return 10
    if notes.explain:
        notes.concerns.append(f"期望{c.expected_pay}元/月，高于岗位最高{top}元")
    points = 10 - (c.expected_pay - top) // 200
    return points if points > 0 else 0


def _requirements(c: Candidate, need: PostingNeeds, notes: _Notes) -> int:
    total = _age_gender(c, need, notes)
    if need.education_min:
        wanted = EDUCATION_RANK.get(need.education_min, 0)
        have = EDUCATION_RANK.get(c.education)
        wanted_label = f"{label(EDUCATION, need.education_min)}及以上"
        if have is None:
            if notes.explain:
                notes.missing.append(f"学历未登记（要求{wanted_label}）")
        elif have < wanted:
            total -= 10
            if notes.explain:
                notes.missing.append(f"学历要求{wanted_label}，本人{label(EDUCATION, c.education)}")
        else:
            total += 5
            if notes.explain:
                notes.reasons.append(f"学历{label(EDUCATION, c.education)}，符合要求")
    for certificate in need.certificates:
        if certificate in c.skills or certificate in c.certificates:
            total += 3
            if notes.explain:
                notes.reasons.append(f"有{certificate}")
        else:
            total -= 5
            if notes.explain:
                notes.missing.append(f"缺少{certificate}")
    return total


def _age_gender(c: Candidate, need: PostingNeeds, notes: _Notes) -> int:
    total = 0
    if need.age_min or need.age_max:
        if not c.birth_date:
            if notes.explain:
                notes.missing.append("未登记出生日期，无法核对年龄要求")
        else:
            age = age_on(dt.date.fromisoformat(c.birth_date), need.today)
            low, high = need.age_min or 0, need.age_max or 200
            if low <= age <= high:
                if notes.explain:
                    notes.reasons.append(f"{age}岁，符合年龄要求")
            else:
                total -= 40
                if notes.explain:
                    notes.missing.append(f"年龄{age}岁，不符合{_range(need)}的要求")
    if need.gender and c.gender != need.gender:
        total -= 40
        if notes.explain:
            wanted = label(GENDER, need.gender)
            notes.missing.append(f"岗位限{wanted}性" if c.gender else "性别未登记")
    return total


def _range(need: PostingNeeds) -> str:
    if need.age_min and need.age_max:
        return f"{need.age_min}-{need.age_max}岁"
    return f"{need.age_min}岁以上" if need.age_min else f"{need.age_max}岁以下"


def _constraints(c: Candidate, need: PostingNeeds, notes: _Notes) -> int:
    total = 0
    if need.away:
        for code in ("elders", "children"):
            if code in c.constraints:
                total -= 15
                if notes.explain:
                    notes.concerns.append(f"需{label(CONSTRAINT, code)}，外出务工受限")
        if "farming" in c.constraints:
            total -= 5
            if notes.explain:
                notes.concerns.append("农牧忙季需在家")
    if "health" in c.constraints or c.health in ("serious", "disabled"):
        total -= 10
        if notes.explain:
            notes.concerns.append("身体原因，需确认能否胜任")
    if c.labour_ability == "weak":
        total -= 5
        if notes.explain:
            notes.concerns.append("弱劳动力")
    if c.available_from and c.available_from > need.late_after:
        total -= 5
        if notes.explain:
            notes.concerns.append(f"{c.available_from}以后才能到岗")
    return total
