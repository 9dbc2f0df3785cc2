"""Help tooltips: the quiet dark tip that explains a field or button when hovered."""

from __future__ import annotations

import tkinter as tk

from tktooltip import ToolTip

from casework.ui.kit.theme import COLORS, px

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
