"""Periods for the figures: a first and a last day, and the ones a cadre picks by name.

Figures that count events (visits, people starting work, classes, payments) count those
dated inside the period; figures that describe people as they are (in Beijing now,
willing to go out, follow-ups due) are as of today whatever the period. Pure dates, no
database: the command line offers PRESETS without loading the data layer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Period:
    """First and last day (both included); None leaves that side open."""

    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def is_open(self) -> bool:
        return self.start is None and self.end is None

    def contains(self, day: dt.date | None) -> bool:
        if day is None:
            return self.is_open
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def label(self) -> str:
        """ "2026年11月", "2026年1月1日至2026年11月27日", "2026年3月1日起", "全部"."""
        if self.is_open:
            return "全部"
        if self.start and self.end and _is_whole_month(self.start, self.end):
            return f"{self.start.year}年{self.start.month}月"
        if self.start and self.end:
            return f"{_day(self.start)}至{_day(self.end)}"
        if self.start:
            return f"{_day(self.start)}起"
        return f"截至{_day(self.end)}"

    def params(self) -> dict[str, str | None]:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }

    def condition(self, column: str) -> str:
        """The SQL that keeps `column` (an ISO date) inside the period; "" when open."""
        parts = []
        if self.start:
            parts.append(f"{column} >= :start")
        if self.end:
            parts.append(f"{column} <= :end")
        return "".join(f" AND {part}" for part in parts)


def _day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _is_whole_month(start: dt.date, end: dt.date) -> bool:
    last = _days_in_month(start)
    return start.day == 1 and (end.year, end.month, end.day) == (start.year, start.month, last)


def month_of(day: dt.date) -> Period:
    return Period(day.replace(day=1), day.replace(day=_days_in_month(day)))


def _days_in_month(day: dt.date) -> int:
    # Not calendar.monthrange: the dashboard's first period would load calendar (and
    # locale) into the window's start for this one sum.
    if day.month == 12:
        return 31  # and no first of January after 9999-12
    return (dt.date(day.year, day.month + 1, 1) - dt.timedelta(days=1)).day


def add_months(day: dt.date, months: int) -> dt.date:
    """The first of the month `months` months after `day`'s month (negative: before)."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


# The periods offered on the dashboard and by name on the command line.
PRESETS = {
    "month": "本月",
    "last_month": "上月",
    "quarter": "本季度",
    "year": "本年",
    "twelve_months": "近12个月",
    "all": "全部",
}


def preset(name: str, today: dt.date) -> Period:
    """One of PRESETS as dates around `today`."""
    if name == "month":
        return month_of(today)
    if name == "last_month":
        return month_of(add_months(today, -1))
    if name == "quarter":
        first = dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        return Period(first, add_months(first, 3) - dt.timedelta(days=1))
    if name == "year":
        return Period(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))
    if name == "twelve_months":
        return Period(add_months(today, -11), month_of(today).end)
    if name == "all":
        return Period()
    raise ValueError(f"没有这种期间：{name}")


def week_end(today: dt.date) -> dt.date:
    """The Sunday that ends today's week (today itself on a Sunday)."""
    return today + dt.timedelta(days=6 - today.weekday())
