"""Help tooltips: the quiet dark tip that explains a field or button when hovered."""

from __future__ import annotations

import sys
import tkinter as tk
import types

from casework.ui.kit.theme import COLORS, px


def _skip_version_lookup() -> None:
    """tktooltip's __init__ asks importlib.metadata for its own version, which we never
    use: 18 ms of start-up, and a crash in a built app that lacks the package's metadata.
    A stand-in for that one module (pinned version in requirements.txt) avoids both."""
    if "tktooltip" not in sys.modules:
        stand_in = types.ModuleType("tktooltip.version")
        stand_in.__version__ = "3.1.2"
        sys.modules.setdefault("tktooltip.version", stand_in)


_skip_version_lookup()
from tktooltip import ToolTip  # noqa: E402 - after the stand-in above

TOOLTIP_DELAY = 0.4


def attach_tooltip(widget: tk.Widget, message: str) -> ToolTip:
    """A quiet dark tooltip explaining `widget`, shown after the pointer rests on it."""
    tip = ToolTip(
        widget,
        msg=message,
        delay=TOOLTIP_DELAY,
        follow=False,
        # An explicit master: tests make a new Tk root each time, and the default root
        # may already be gone.
        parent_kwargs={"master": widget, "bg": COLORS.tooltip, "padx": 1, "pady": 1},
        bg=COLORS.tooltip,
        fg="#ffffff",
        font="TkTooltipFont",
        width=px(widget, 320),
        padx=px(widget, 8),
        pady=px(widget, 5),
    )
    tip.bind("<Map>", lambda _event: _raise_on_screen(tip), add="+")
    return tip


def _raise_on_screen(tip: tk.Toplevel) -> None:
    # Showing a window does not raise it, so the tip could open behind the main window;
    # and by a field at the screen's edge it would run off the screen.
    tip.lift()
    width, height = tip.winfo_reqwidth(), tip.winfo_reqheight()
    x = max(0, min(tip.winfo_rootx(), tip.winfo_screenwidth() - width))
    y = max(0, min(tip.winfo_rooty(), tip.winfo_screenheight() - height))
    if (x, y) != (tip.winfo_rootx(), tip.winfo_rooty()):
        tip.geometry(f"+{x}+{y}")
