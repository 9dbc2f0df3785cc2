"""The clock seam: every "today" and "now" in Casework comes from here, so tests can set it."""

from __future__ import annotations

import datetime as _dt


def now() -> _dt.datetime:
    return _dt.datetime.now().replace(microsecond=0)


def today() -> _dt.date:
    return now().date()
