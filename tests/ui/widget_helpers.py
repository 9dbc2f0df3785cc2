"""Helpers for the widget tests: put a widget on screen with the focus, type into it."""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk


def show_and_focus(root: tk.Tk, widget: tk.Widget) -> None:
    # Tk delivers key presses only to the focused widget of a window on screen.
    root.deiconify()
    root.update()
    widget.focus_force()
    root.update()


def type_into(root: tk.Tk, entry: ttk.Entry, text: str) -> None:
    for char in text:
        entry.insert("end", char)
        root.update()
