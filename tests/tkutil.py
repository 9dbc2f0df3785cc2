"""Helpers for GUI tests: let Tk run its pending events and after() callbacks."""

from __future__ import annotations

import time
import tkinter
from collections.abc import Callable


def pump(root: tkinter.Misc, rounds: int = 3, seconds: float = 0.0) -> None:
    """Run pending events and due after() callbacks: at least `rounds` times, for `seconds`.

    Several rounds, because a callback often schedules another (after_idle, a redraw
    after a geometry change) that a single update() would leave pending. The last round
    runs after `seconds` have passed, however slowly the machine went, so every after()
    callback that was due by then has run. To wait for something to happen (a search
    fired, a worker finished), use `pump_until` instead: `seconds` is only for showing
    that nothing happens within a time the code itself names.
    """
    deadline = time.monotonic() + seconds
    done = 0
    while True:
        root.update()
        done += 1
        if done >= rounds and time.monotonic() >= deadline:
            return
        if done >= rounds:
            time.sleep(0.01)


def pump_until(root: tkinter.Misc, condition: Callable[[], object], timeout: float = 5.0) -> bool:
    """Pump events until `condition()` is true (e.g. a worker thread's result is shown).

    Returns whether it became true, so the test asserts with its own message.
    """
    deadline = time.monotonic() + timeout
    while True:
        root.update()
        if condition():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.01)
