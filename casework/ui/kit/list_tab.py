"""The pieces of a list screen: a titled notebook; a tab with search, filters and buttons.

The jobs, placements and training screens all show a filtered list this way; building
it in one place keeps their spacing and behaviour the same.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Mapping
from tkinter import ttk
from typing import Any

from casework.ui.kit.theme import PAD, Theme, px
from casework.ui.kit.widgets import ChoiceField, SearchBox, attach_tooltip
from casework.ui.register.household_list import ALL, compact_choice


def tabbed_page(screen: ttk.Frame, theme: Theme, title: str) -> tuple[ttk.Frame, ttk.Notebook]:
    """A screen of tabs: its title row (a frame, for buttons on the right) and the notebook."""
    screen.columnconfigure(0, weight=1)
    screen.rowconfigure(1, weight=1)
    header = ttk.Frame(screen)
    header.grid(row=0, column=0, sticky="ew", pady=(0, theme.pad))
    ttk.Label(header, text=title, style="Title.TLabel").pack(side="left")
    notebook = ttk.Notebook(screen)
    notebook.grid(row=1, column=0, sticky="nsew")
    return header, notebook


def card_tab(notebook: ttk.Notebook, theme: Theme) -> tuple[ttk.Frame, ttk.Frame]:
    """A tab holding a list: the tab, and the bar across its top for search and buttons.

    The list goes in row 1 of the tab, which takes the spare height.
    """
    tab = ttk.Frame(notebook, style="Card.TFrame", padding=theme.pad_large)
    tab.columnconfigure(0, weight=1)
    tab.rowconfigure(1, weight=1)
    bar = ttk.Frame(tab, style="Card.Inner.TFrame")
    bar.grid(row=0, column=0, sticky="ew")
    return tab, bar


def search_box(
    bar: ttk.Frame, theme: Theme, placeholder: str, width: int, on_change: Callable[[], None]
) -> SearchBox:
    """A search-as-you-type box at the left of the bar."""
    box = SearchBox(bar, placeholder, width=width)
    box.pack(side="left", anchor="s", pady=(0, theme.px(4)))
    box.on_search(lambda _text: on_change())
    return box


def filter_choice(
    bar: ttk.Frame,
    theme: Theme,
    label: str,
    help: str,
    choices: Mapping[str, str],
    on_change: Callable[[], None],
    default: str = "",
    width: int = 8,
) -> ChoiceField:
    """A 全部-or-one-value drop-down after the search box."""
    field = compact_choice(bar, label, help, width=width)
    field.set_choices({"": ALL, **choices})
    field.set(default)
    field.pack(side="left", padx=(theme.pad, 0))
    field.on_change(on_change)
    return field


def button_bar(master: tk.Misc, specs: list[tuple[str, str, Any, str]]) -> dict[str, ttk.Button]:
    """A row of buttons (text, style, command, tooltip) packed from the right; by text."""
    made = {}
    for text, style, command, help in specs:
        button = ttk.Button(master, text=text, style=style, command=command)
        button.pack(side="right", padx=(px(master, PAD), 0))
        attach_tooltip(button, help)
        made[text] = button
    return made
