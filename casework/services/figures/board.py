"""What the dashboard (工作概况) shows, in two calls a worker thread can make.

First the figures (counting.compute: the same numbers `stats` prints for the same scope
and period), so they are on screen as soon as they are counted; then the rest: one
figure by sub-area (the bar chart), one dated figure by month (the trend), and the first
page of the follow-ups due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casework import clock
from casework.periods import Period
from casework.services.figures import counting, members
from casework.services.figures.counting import Overview
from casework.services.figures.scope import Scope

Bars = list[tuple[str, str, int]]  # (sub-area id, name, value), in the sub-areas' order
Trend = list[tuple[str, int]]  # ('YYYY-MM', value), oldest first
FOLLOW_UPS = ["follow_ups_due", "follow_ups_this_week"]


@dataclass
class Extras:
    """The charts' data and the first page of follow-ups, for one scope and period."""

    breakdown: str | None  # the level the bars are by: township, village, group
    bars_key: str
    bars: Bars
    trend_key: str
    trend: Trend
    follow_ups: tuple[list[dict], int]  # the first page of FOLLOW_UPS, and how many


def figures(scope: Scope, period: Period, today: dt.date | None = None) -> Overview:
    """Every figure for the scope and period (their totals)."""
    return counting.compute(scope, period, today)


def extras(
    scope: Scope,
    period: Period,
    bars_key: str,
    trend_key: str,
    follow_up_rows: int,
    today: dt.date | None = None,
) -> Extras:
    """`bars_key` by sub-area, `trend_key` by month, the follow-ups' first page."""
    today = today or clock.today()
    overview = counting.breakdown(bars_key, scope, period, today)
    return Extras(
        overview.breakdown,
        bars_key,
        bars_of(overview, bars_key),
        trend_key,
        trend(scope, period, trend_key, today),
        follow_ups_page(scope, 0, follow_up_rows, today),
    )


def bars_of(overview: Overview, key: str) -> Bars:
    groups = overview.by_group.get(key, {})
    return [(area_id, name, groups.get(area_id, 0)) for area_id, name in overview.groups]


def bars(scope: Scope, period: Period, key: str, today: dt.date | None = None) -> Bars:
    """One figure by sub-area (another figure chosen for the bar chart)."""
    return bars_of(counting.breakdown(key, scope, period, today), key)


def trend(scope: Scope, period: Period, key: str, today: dt.date | None = None) -> Trend:
    """One dated figure by month (another figure chosen for the trend)."""
    return counting.trends([key], scope, period, today).get(key, [])


def follow_ups_page(
    scope: Scope, page: int, page_size: int, today: dt.date | None = None
) -> tuple[list[dict], int]:
    """Households due a visit (today or earlier), then those due this week; one page."""
    return members.pages_of(FOLLOW_UPS, scope, Period(), today, page, page_size)
