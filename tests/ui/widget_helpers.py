"""Helpers for the widget tests: put a widget on screen with the focus, type, press keys.

Tk delivers a key press only to the focused widget of a window on screen, and focus
arrives through the X server, not at once: each helper waits until Tk reports the
focus where it was sent, so a key binding is tested the way the keyboard reaches it.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from tests.tkutil import pump, pump_until


def focused_widget(root: tk.Misc) -> tk.Misc | None:
    try:
        return root.focus_get()
    except KeyError:  # the focus is on a widget tkinter did not make (a drop-down's list)
        return None


def show_and_focus(root: tk.Tk, widget: tk.Misc) -> None:
    """Show the root window and give `widget` in it the keyboard focus."""
    root.deiconify()
    assert pump_until(root, widget.winfo_viewable), f"{widget} never appeared on screen"
    widget.focus_force()
    assert pump_until(root, lambda: focused_widget(root) is widget), (
        f"{widget} did not get the keyboard focus (it is on {focused_widget(root)})"
    )


def focus_into(root: tk.Misc, window: tk.Misc) -> None:
    """Give the toplevel `window` the keyboard focus (on whichever of its widgets takes it)."""
    assert pump_until(root, window.winfo_viewable), f"{window} never appeared on screen"
    window.focus_force()

    def inside() -> bool:
        widget = focused_widget(root)
        return widget is not None and widget.winfo_toplevel() is window

    assert pump_until(root, inside), (
        f"{window} did not get the keyboard focus (it is on {focused_widget(root)})"
    )


def press(root: tk.Misc, sequence: str) -> None:
    """Send the key `sequence` to the widget that has the keyboard focus, as a key press does."""
    widget = focused_widget(root)
    assert widget is not None, f"no widget has the keyboard focus to receive {sequence}"
    widget.event_generate(sequence)
    pump(root)


def type_into(root: tk.Tk, entry: ttk.Entry, text: str) -> None:
    """Insert `text` one character at a time, as typing does.

    Only idle work (redrawing) runs between the characters, never an after() timer: a
    typist's pause is the test's own decision (pump_until), not an accident of how busy
    the machine is.
    """
    for char in text:
        entry.insert("end", char)
        root.update_idletasks()
