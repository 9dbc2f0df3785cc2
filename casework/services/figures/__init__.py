"""The headline figures, in one place: each defined once, for any area, cadre and period.

    from casework.services.figures import FIGURES, Period, Scope, compute
    overview = compute(Scope(area_id=township_id), Period(start, end))
    overview.values["in_beijing"], overview.by_group["in_beijing"]

definitions.py holds every figure's rule (in Chinese words and as SQL), scope.py the
areas, cadres and periods, counting.py the counting, members.py the people (households,
visits, ...) behind a figure, for the dashboard's lists and the Excel lists. The
dashboard, `stats`, the work report and the lists all read their numbers from here.
"""

from casework.periods import PRESETS, Period, preset
from casework.services.figures.definitions import FIGURES, SECTIONS, TREND_KEYS, Figure
from casework.services.figures.scope import Scope, find_area

# The counting is imported when first asked for (PEP 562): the dashboard's first drawing
# needs the definitions only, and the window's start is timed (issue #12).
_COUNTING = ("Overview", "compute", "trends")


def __getattr__(name: str):
    if name in _COUNTING:
        from casework.services.figures import counting

        return getattr(counting, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FIGURES",
    "PRESETS",
    "SECTIONS",
    "TREND_KEYS",
    "Figure",
    "Overview",
    "Period",
    "Scope",
    "compute",
    "find_area",
    "preset",
    "trends",
]
