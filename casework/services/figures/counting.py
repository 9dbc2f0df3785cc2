"""Counting the figures of casework.services.figures.definitions for a scope and a period.

Each figure is one aggregate query over its members, kept to the scope's live households
by Scope.join; figures `within` another are counted in that figure's pass. The totals
alone are what the dashboard and `stats` show first; a breakdown by sub-area (the bar
chart, the report's table) groups the same query, and the scope's figure is then the sum
of its sub-areas' (or, for a figure whose member can belong to several sub-areas, one
more count without the grouping). The figures that need a rule of calendar months (the
subsidy's eligibility, the in-work follow-ups' schedule, a job left before the subsidy's
count) are counted in Python from their services' own rows (PYTHON_FIGURES), each
source read once for all its figures.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from casework import clock
from casework.db import close_thread_connection, database
from casework.periods import Period, add_months, week_end
from casework.services.figures.definitions import FIGURES, Figure
from casework.services.figures.scope import Scope

Progress = Callable[[int, int], None]
# Figure → the service rows it is counted from (python_source); figures of one source
# share one pass.
PYTHON_FIGURES = {
    "subsidy_eligible": "subsidy",
    "subsidy_unpaid": "subsidy",
    "work_checks_due": "work_checks",
    "work_checks_this_week": "work_checks",
    "left_early": "left_early",
}


@dataclass
class Overview:
    """The figures of one scope and period, and each one by sub-area."""

    scope_label: str
    period: Period
    today: dt.date
    breakdown: str | None  # the level of `groups`: township, village, group or None
    groups: list[tuple[str, str]]  # (id, name) of the sub-areas, in order
    values: dict[str, int] = field(default_factory=dict)
    by_group: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        """Plain data for --json: English keys, ISO dates, sub-areas by name."""
        names = dict(self.groups)
        return {
            "scope": self.scope_label,
            "period": {
                "from": self.period.start.isoformat() if self.period.start else None,
                "to": self.period.end.isoformat() if self.period.end else None,
                "label": self.period.label(),
            },
            "as_of": self.today.isoformat(),
            "figures": dict(self.values),
            "by_area": {
                key: {names.get(g, g): n for g, n in groups.items()}
                for key, groups in self.by_group.items()
                if FIGURES[key].scoped
            },
        }


def params(period: Period, today: dt.date) -> dict:
    return {**period.params(), "today": today.isoformat(), "week_end": week_end(today).isoformat()}


def members_query(figure: Figure, period: Period) -> str:
    """The figure's members query with the period's condition on its dated column."""
    return figure.members.replace("{period}", period.condition(figure.dated))


def measure(figure: Figure) -> str:
    """The SQL aggregate that gives `figure` from its pass's rows m."""
    if figure.total == "sum":
        value = f"CASE WHEN {figure.condition} THEN m.value END" if figure.condition else "m.value"
        return f"SUM({value})"
    if figure.repeats:
        member = (
            f"CASE WHEN {figure.condition} THEN m.member END" if figure.condition else "m.member"
        )
        return f"COUNT(DISTINCT {member})"
    return f"COUNT(CASE WHEN {figure.condition} THEN 1 END)" if figure.condition else "COUNT(*)"


def passes(keys: Iterable[str]) -> dict[str, list[str]]:
    """The queries to run: each figure counted with, and after, the one it is `within`;
    the figures counted in Python share one pass over their source's rows."""
    found: dict[str, list[str]] = {}
    for key in keys:
        base = FIGURES[key].within or _python_base(key) or key
        found.setdefault(base, [])
        if base not in found[base]:
            found[base].insert(0, base)
        if key != base:
            found[base].append(key)
    return found


def _python_base(key: str) -> str | None:
    """The first figure of `key`'s Python source (its pass's name), None for SQL figures."""
    source = PYTHON_FIGURES.get(key)
    return next((k for k, s in PYTHON_FIGURES.items() if s == source), None) if source else None


def compute(
    scope: Scope | None = None,
    period: Period | None = None,
    today: dt.date | None = None,
    keys: Iterable[str] | None = None,
    progress: Progress | None = None,
    by_group: bool | Iterable[str] = False,
) -> Overview:
    """The figures `keys` (default: all of FIGURES) for `scope` and `period`; with
    `by_group` (True, or the keys wanted so), also by sub-area (Overview.by_group).

    The passes are shared between this thread and one more, each with its own
    connection: SQLite works while Python waits, so on two cores they take about half
    as long.
    """
    scope, period = scope or Scope(), period or Period()
    today = today or clock.today()
    wanted = list(keys or FIGURES)
    grouped = set(wanted if by_group is True else by_group or ())
    todo = list(passes(wanted).items())
    results: dict[str, tuple[int, dict]] = {}
    done = [0]

    def run(share: list[tuple[str, list[str]]], report: Progress | None) -> None:
        values = {**scope.prepare(), **params(period, today)}
        for base, together in share:
            in_groups = bool(grouped & set(together))
            results.update(_pass(base, together, scope, period, today, values, in_groups))
            done[0] += 1
            if report:
                report(done[0], len(todo))

    mine, theirs = _share(todo)
    helper = _Helper(lambda: run(theirs, None)) if theirs else None
    try:
        run(mine, progress)
        overview = Overview(scope.label(), period, today, scope.breakdown(), scope.groups())
    finally:
        if helper:
            helper.thread.join()  # never left running behind an error of this thread's
    if helper:
        helper.finish()
    for key in wanted:
        overview.values[key], groups = results[key]
        if key in grouped:
            overview.by_group[key] = groups
    if progress:
        progress(len(todo), len(todo))
    return overview


def _share(todo: list) -> tuple[list, list]:
    """Two shares of the passes of about the same work (by each base figure's weight)."""
    shares: tuple[list, list] = ([], [])
    loads = [0, 0]
    for item in sorted(todo, key=lambda item: -FIGURES[item[0]].weight):
        lighter = loads.index(min(loads))
        shares[lighter].append(item)
        loads[lighter] += FIGURES[item[0]].weight
    return shares


class _Helper:
    """`work` in another thread with its own connection; finish() waits, raising its error."""

    def __init__(self, work: Callable[[], None]) -> None:
        self.error: BaseException | None = None

        def run() -> None:
            try:
                work()
            except BaseException as error:  # raised again in the caller's thread
                self.error = error
            finally:
                close_thread_connection()

        self.thread = threading.Thread(target=run, name="casework-figures", daemon=True)
        self.thread.start()

    def finish(self) -> None:
        self.thread.join()
        if self.error is not None:
            raise self.error


def _pass(base, together, scope, period, today, values, in_groups) -> dict[str, tuple]:
    """One pass: the figures `together` (the first is their base), totals and by group."""
    if base in PYTHON_FIGURES:
        source = python_source(PYTHON_FIGURES[base], today)
        found = {}
        for key in together:
            rows = in_scope(python_members(key, source, period), scope)
            found[key] = (len(rows), dict(Counter(r["scope_group"] for r in rows)))
        return found
    return _count([FIGURES[key] for key in together], scope, period, values, in_groups)


def breakdown(
    key: str, scope: Scope | None = None, period: Period | None = None, today=None
) -> Overview:
    """One figure for the scope and for each of its sub-areas (the bar chart)."""
    return compute(scope, period, today, keys=[key], by_group=True)


def _count(
    together: list[Figure], scope: Scope, period: Period, values: dict, by_group: bool
) -> dict[str, tuple[int, dict]]:
    base = together[0]
    measures = ", ".join(measure(f) for f in together)
    members = members_query(base, period)
    if not base.scoped:
        row = database.execute_sql(f"SELECT {measures} FROM ({members}) m", values).fetchone()
        return {f.key: (int(n or 0), {}) for f, n in zip(together, row, strict=True)}
    joins, column = scope.join("m.household_id", grouped=by_group)
    totals: dict[str, int] = {}
    if not by_group or not base.additive:
        row = database.execute_sql(
            f"SELECT {measures} FROM ({members}) m{_live_only(scope, measures, joins)}", values
        )
        totals = {f.key: int(n or 0) for f, n in zip(together, row.fetchone(), strict=True)}
    if not by_group:
        return {f.key: (totals[f.key], {}) for f in together}
    rows = database.execute_sql(
        f"SELECT {column}, {measures} FROM ({members}) m{joins} GROUP BY 1", values
    )
    groups: dict[str, dict[str, int]] = {f.key: {} for f in together}
    for grp, *numbers in rows:
        for f, n in zip(together, numbers, strict=True):
            groups[f.key][grp] = int(n or 0)
    if base.additive:
        totals = {f.key: sum(groups[f.key].values()) for f in together}
    return {f.key: (totals[f.key], groups[f.key]) for f in together}


def _live_only(scope: Scope, measures: str, joins: str) -> str:
    """`joins`, or the cheaper condition of Scope.live when the measures read nothing of
    the household (hh)."""
    live = None if "hh." in measures else scope.live("m.household_id")
    return f" WHERE {live}" if live else joins


def python_source(source: str, today: dt.date):
    """The rows a source of PYTHON_FIGURES gives, as lean as counting needs (members.py
    lists the whole rows): the subsidy's placements with their status, the people at
    work due a follow-up, the jobs left before the subsidy's count."""
    from casework.services.jobs import subsidy, work_checks

    if source == "subsidy":
        return subsidy.statuses(today)
    if source == "work_checks":
        return work_checks.figure_members(today, week_end(today))
    if source == "left_early":
        return work_checks.left_early_members()
    raise ValueError(source)


def python_members(key: str, rows, period: Period) -> list[dict]:
    """The rows of its source a Python-counted figure counts (see definitions), each with
    its household_id and, for a dated figure, its "day"; people once each."""
    if key == "subsidy_eligible":
        return [
            dict(r, day=r["eligible_on"])
            for r in rows
            if (r["eligible"] or r["paid"]) and period.contains(r["eligible_on"])
        ]
    if key == "subsidy_unpaid":
        return [r for r in rows if r["eligible"] and not r["paid"]]
    if key in ("work_checks_due", "work_checks_this_week"):
        return once_each(rows[key], "member")
    if key == "left_early":
        ended = [dict(r, day=r["left_on"]) for r in rows if period.contains(r["left_on"])]
        return once_each(ended, "person_id")
    raise ValueError(key)


def once_each(rows: list[dict], member: str) -> list[dict]:
    """A person in several rows (two jobs) counts once: the first of their rows."""
    seen: dict[str, dict] = {}
    for row in rows:
        seen.setdefault(row[member], row)
    return list(seen.values())


def in_scope(rows: list[dict], scope: Scope) -> list[dict]:
    """The rows (each with a household_id) whose household is live and in `scope`, each
    with its sub-area as "scope_group" (scope.prepare() has been called)."""
    joins, column = scope.join("x.id", grouped=True)
    groups: dict[str, str] = {}
    unique = list(dict.fromkeys(r["household_id"] for r in rows))
    for start in range(0, len(unique), 900):
        chunk = {f"h{n}": value for n, value in enumerate(unique[start : start + 900])}
        marks = ",".join(f":{name}" for name in chunk)
        cursor = database.execute_sql(
            f"SELECT x.id, {column} FROM household x{joins} WHERE x.id IN ({marks})",
            {**chunk, "scope_area": scope.area_id},
        )
        groups.update(dict(cursor))
    return [
        dict(r, scope_group=groups[r["household_id"]]) for r in rows if r["household_id"] in groups
    ]


def trend_months(period: Period, today: dt.date, months: int = 12) -> list[str]:
    """The `months` months ('YYYY-MM') ending with the period's last month, or with
    today's when the period is open or ends later."""
    last = period.end if period.end and period.end < today else today
    first = add_months(last, -(months - 1))
    return [add_months(first, n).isoformat()[:7] for n in range(months)]


def trends(
    keys: Iterable[str],
    scope: Scope | None = None,
    period: Period | None = None,
    today: dt.date | None = None,
    months: int = 12,
) -> dict[str, list[tuple[str, int]]]:
    """For each dated figure of `keys`: (month, value) for the 12 months ending with the
    period's end (see trend_months); a member counts once in each month it is counted in."""
    scope, period = scope or Scope(), period or Period()
    today = today or clock.today()
    labels = trend_months(period, today, months)
    first = dt.date.fromisoformat(labels[0] + "-01")
    window = Period(first, add_months(first, months) - dt.timedelta(days=1))
    values = {**scope.prepare(), **params(window, today)}
    result = {}
    sources: dict[str, object] = {}
    for key in keys:
        figure = FIGURES[key]
        if not figure.dated:
            continue
        if key in PYTHON_FIGURES:
            source = PYTHON_FIGURES[key]
            if source not in sources:
                sources[source] = python_source(source, today)
            rows = in_scope(python_members(key, sources[source], window), scope)
            counted = Counter(r["day"].isoformat()[:7] for r in rows)
        else:
            counted = _count_by_month(figure, scope, window, values)
        result[key] = [(month, int(counted.get(month) or 0)) for month in labels]
    return result


def _count_by_month(figure: Figure, scope: Scope, window: Period, values: dict) -> dict:
    joins, _column = scope.join("m.household_id")
    joins = _live_only(scope, measure(figure), joins)
    cursor = database.execute_sql(
        f"SELECT substr(m.day, 1, 7), {measure(figure)} "
        f"FROM ({members_query(figure, window)}) m{joins} GROUP BY 1",
        values,
    )
    return dict(cursor.fetchall())
