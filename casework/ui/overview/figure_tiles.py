"""The dashboard's figures as large numbers, grouped in cards by section (就业, 技能培训, ...).

A tile is a number over its name and unit; clicking it, or Enter or space when it has
the focus, opens the list behind it. Hovering shows the figure's rule.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from casework.services.figures import FIGURES, SECTIONS
from casework.ui.kit.theme import Theme
from casework.ui.kit.widgets import attach_tooltip

# The cards, row by row: each row's sections side by side, at most about eight figures a
# row (a 1366-pixel screen, less the sidebar, has room for no more at their size).
CARD_ROWS = [["就业"], ["稳岗补贴", "在岗回访"], ["走访", "技能培训"], ["用工需求", "台账"]]
WAITING = "…"


class FigureTile(ttk.Frame):
    """One figure: its number (`number`) above its name (`caption`)."""

    def __init__(self, master: tk.Misc, key: str, on_open: Callable[[str], None]) -> None:
        super().__init__(master, style="Card.Inner.TFrame", takefocus=True, cursor="hand2")
        self.key = key
        figure = FIGURES[key]
        self.number = ttk.Label(self, text=WAITING, style="Card.Figure.TLabel", cursor="hand2")
        self.number.pack(anchor="w")
        self.caption = ttk.Label(
            self, text=f"{figure.label}（{figure.unit}）", style="Card.Hint.TLabel", cursor="hand2"
        )
        self.caption.pack(anchor="w")
        for widget in (self, self.number, self.caption):
            widget.bind("<Button-1>", lambda _e: on_open(key))
        for key_name in ("<Return>", "<KP_Enter>", "<space>"):
            self.bind(key_name, lambda _e: on_open(key))
        attach_tooltip(self, f"{figure.definition}\n点击查看名单。")

    def show(self, value: int | None) -> None:
        self.number.configure(text=WAITING if value is None else f"{value:,}")


class FigureCards(ttk.Frame):
    """Every figure of casework.services.figures, in cards by section."""

    def __init__(self, master: tk.Misc, theme: Theme, on_open: Callable[[str], None]) -> None:
        super().__init__(master)
        self.tiles: dict[str, FigureTile] = {}
        self.captions: dict[str, ttk.Label] = {}
        rows = CARD_ROWS + [[s for s in SECTIONS if all(s not in r for r in CARD_ROWS)]]
        for row_index, sections in enumerate(r for r in rows if r):
            line = ttk.Frame(self)
            line.pack(fill="x", pady=(0 if row_index == 0 else theme.pad, 0))
            for index, section in enumerate(sections):
                self._card(line, theme, section, on_open, first=index == 0)

    def _card(self, line: ttk.Frame, theme: Theme, section: str, on_open, first: bool) -> None:
        keys = [key for key, figure in FIGURES.items() if figure.section == section]
        card = ttk.Frame(line, style="Card.TFrame", padding=(theme.pad, theme.pad_small))
        card.pack(side="left", fill="both", expand=True, padx=(0 if first else theme.pad, 0))
        # The section's name beside its figures, not above: a 768-pixel screen has no
        # height to spare for a heading line in each card.
        lines = [section[i : i + 2] for i in range(0, len(section), 2)]  # 技能 / 培训
        caption = ttk.Label(card, text="\n".join(lines), style="Card.Subtitle.TLabel")
        caption.grid(row=0, column=0, sticky="nw", padx=(0, theme.pad))
        self.captions[section] = caption
        for column, key in enumerate(keys, start=1):
            tile = FigureTile(card, key, on_open)
            tile.grid(row=0, column=column, sticky="w", padx=(0, theme.pad_large))
            card.columnconfigure(column, weight=1)
            self.tiles[key] = tile

    def show(self, values: dict[str, int] | None) -> None:
        for key, tile in self.tiles.items():
            tile.show(None if values is None else values.get(key))
