"""What the dashboard (工作概况) shows, in one call a worker thread can make.

The figures' totals, one figure by sub-area (the bar chart) and one dated figure by
month (the trend), all from casework.services.figures.counting: the same numbers
`stats` prints for the same scope and period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casework import clock
from casework.periods import Period
from casework.services.figures import counting
from casework.services.figures.counting import Overview
from casework.services.figures.scope import Scope

Bars = list[tuple[str, str, int]]  # (sub-area id, name, value), in the sub-areas' order
Trend = list[tuple[str, int]]  # ('YYYY-MM', value), oldest first


@dataclass
class Board:
    overview: Overview
    bars_key: str
    bars: Bars
    trend_key: str
    trend: Trend


def board(
    scope: Scope,
    period: Period,
    bars_key: str,
    trend_key: str,
    today: dt.date | None = None,
) -> Board:
    """Every figure, `bars_key` by sub-area and `trend_key` by month."""
    today = today or clock.today()
    overview = counting.compute(scope, period, today, by_group=[bars_key])
    trend = counting.trends([trend_key], scope, period, today).get(trend_key, [])
    return Board(overview, bars_key, bars_of(overview, bars_key), trend_key, trend)


def bars_of(overview: Overview, key: str) -> Bars:
    groups = overview.by_group.get(key, {})
    return [(area_id, name, groups.get(area_id, 0)) for area_id, name in overview.groups]


def bars(scope: Scope, period: Period, key: str, today: dt.date | None = None) -> Bars:
    """One figure by sub-area (another figure chosen for the bar chart)."""
    return bars_of(counting.breakdown(key, scope, period, today), key)


def trend(scope: Scope, period: Period, key: str, today: dt.date | None = None) -> Trend:
    """One dated figure by month (another figure chosen for the trend)."""
    return counting.trends([key], scope, period, today).get(key, [])
