"""Help tooltips: the quiet dark tip that explains a field or button when hovered."""

from __future__ import annotations

import sys
import tkinter as tk
import types
from typing import TYPE_CHECKING

from casework.ui.kit.theme import COLORS, px

if TYPE_CHECKING:
    from tktooltip import ToolTip


def _skip_version_lookup() -> None:
    """tktooltip's __init__ asks importlib.metadata for its own version, which we never
    use: 18 ms of start-up, and a crash in a built app that lacks the package's metadata.
    A stand-in for that one module (pinned version in requirements.txt) avoids both."""
    if "tktooltip" not in sys.modules:
        stand_in = types.ModuleType("tktooltip.version")
        stand_in.__version__ = "3.1.2"
        sys.modules.setdefault("tktooltip.version", stand_in)


_skip_version_lookup()  # now, so that whoever imports tktooltip first gets the stand-in

TOOLTIP_DELAY = 0.4


class HelpTip:
    """The help of one widget; its window (a tktooltip ToolTip) is made on the first hover.

    Most tips are never hovered, and each window is a Toplevel with a Message in it: a
    screen full of them made at once slowed the window's start.
    """

    def __init__(self, widget: tk.Widget, message: str) -> None:
        self.widget = widget
        self._message = message
        #: The tip's window once the pointer first came to rest on the widget, else None.
        self.window: ToolTip | None = None
        widget.bind("<Enter>", self._first_enter, add="+")

    @property
    def msg(self) -> str:
        return self._message

    @msg.setter
    def msg(self, message: str) -> None:
        self._message = message
        if self.window is not None:
            self.window.msg = message

    def showing(self) -> bool:
        return self.window is not None and bool(self.window.winfo_ismapped())

    def _first_enter(self, event: tk.Event) -> None:
        if self.window is not None:
            return  # the window's own bindings answer from now on
        self.window = _make_window(self.widget, self._message)
        # Bindings added while an event is being handled miss that event: pass it on.
        self.window.on_enter(event)


def attach_tooltip(widget: tk.Widget, message: str) -> HelpTip:
    """A quiet dark tooltip explaining `widget`, shown after the pointer rests on it."""
    return HelpTip(widget, message)


def _make_window(widget: tk.Widget, message: str) -> ToolTip:
    # Imported with the first tip shown, as most windows' tips never are.
    from tktooltip import ToolTip

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
