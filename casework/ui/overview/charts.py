"""The dashboard's two charts, drawn on a Tk Canvas: a figure by month, a figure by area.

No plotting library: matplotlib would cost about a second of start-up for two bar
charts. Each chart keeps what it shows and draws it again when resized; every bar, label
and value is a canvas item tagged "bar", "label" or "value" (tests read them back).
"""

from __future__ import annotations

import math
import tkinter as tk
import tkinter.font as tkfont

from casework.ui.kit.palette import COLORS, SMALL_FONT
from casework.ui.kit.theme import Theme

EMPTY_TEXT = "暂无数据"


def number_text(value: int) -> str:
    return f"{value:,}"


class _Chart(tk.Canvas):
    """A white canvas that redraws its data (the subclass's redraw()) when resized."""

    def __init__(self, master: tk.Misc, theme: Theme, height: int) -> None:
        super().__init__(
            master, background=COLORS.card, highlightthickness=0, height=theme.px(height)
        )
        self.theme = theme
        self.font = tkfont.nametofont(SMALL_FONT, root=self)
        self.line = self.font.metrics("linespace")
        self.unit = ""
        self.bind("<Configure>", lambda _e: self.redraw())

    def size(self) -> tuple[int, int]:
        width, height = self.winfo_width(), self.winfo_height()
        # Before the first layout a canvas reports 1×1: draw at its requested size.
        if width <= 1:
            width, height = int(self.cget("width")), int(self.cget("height"))
        return width, height

    def texts(self, tag: str) -> list[str]:
        """The text of every item tagged `tag`, in drawing order."""
        return [self.itemcget(item, "text") for item in self.find_withtag(tag)]

    def _empty(self, width: int, height: int) -> None:
        self.create_text(
            width // 2, height // 2, text=EMPTY_TEXT, fill=COLORS.muted, font=SMALL_FONT,
            tags="empty",
        )  # fmt: skip


class TrendChart(_Chart):
    """One bar per month, its value above it and the month below; the latest in accent."""

    def __init__(self, master: tk.Misc, theme: Theme, height: int = 170) -> None:
        super().__init__(master, theme, height)
        self.months: list[tuple[str, int]] = []

    def show(self, months: list[tuple[str, int]], unit: str = "") -> None:
        """`months`: ('YYYY-MM', value), oldest first."""
        self.months, self.unit = list(months), unit
        self.redraw()

    def redraw(self) -> None:
        self.delete("all")
        width, height = self.size()
        if not self.months or not any(value for _m, value in self.months):
            self._empty(width, height)
            return
        pad = self.theme.pad
        top, bottom = pad + self.line, height - pad - self.line
        step = (width - 2 * pad) / len(self.months)
        bar = max(4.0, step * 0.6)
        highest = max(value for _m, value in self.months) or 1
        # Every month's name where there is room for it, else every second or third.
        stride = max(1, math.ceil((self.font.measure("12月") + pad) / step))
        for index, (month, value) in enumerate(self.months):
            middle = pad + step * (index + 0.5)
            y = bottom - (bottom - top) * value / highest
            colour = COLORS.accent if index == len(self.months) - 1 else COLORS.accent_disabled
            self.create_rectangle(
                middle - bar / 2, y, middle + bar / 2, bottom, fill=colour, width=0, tags="bar"
            )
            self.create_text(
                middle, y - 2, text=number_text(value), anchor="s", font=SMALL_FONT,
                fill=COLORS.text, tags="value",
            )  # fmt: skip
            if (len(self.months) - 1 - index) % stride == 0:
                self.create_text(
                    middle, bottom + 2, text=_month_label(month, index, stride), anchor="n",
                    font=SMALL_FONT, fill=COLORS.muted, tags="label",
                )  # fmt: skip
        self.create_line(pad, bottom, width - pad, bottom, fill=COLORS.border, tags="axis")


def _month_label(month: str, index: int, stride: int) -> str:
    """ "1月"; in January, with the year ("26年1月") when there is room for it."""
    year, number = month.split("-")
    if number == "01" and stride == 1:
        return f"{year[2:]}年1月"
    return f"{int(number)}月"


class AreaBars(_Chart):
    """Horizontal bars, largest first: the sub-area's name, the bar, the value."""

    def __init__(self, master: tk.Misc, theme: Theme, height: int = 170) -> None:
        super().__init__(master, theme, height)
        self.items: list[tuple[str, int]] = []

    def show(self, items: list[tuple[str, int]], unit: str = "") -> None:
        """`items`: (name, value); drawn largest first, as many as fit the height."""
        self.items = sorted(items, key=lambda item: -item[1])
        self.unit = unit
        self.redraw()

    def redraw(self) -> None:
        self.delete("all")
        width, height = self.size()
        if not self.items:
            self._empty(width, height)
            return
        pad = self.theme.pad_small
        row = max(self.line + 2, (height - 2 * pad) / len(self.items))
        row = min(row, self.line * 1.8)
        shown = self.items[: max(1, int((height - 2 * pad) // row))]
        names = max(self.font.measure(name) for name, _v in shown) + pad
        values = max(self.font.measure(number_text(v)) for _n, v in shown) + pad
        left, right = pad + names, width - pad - values
        highest = max(value for _n, value in shown) or 1
        for index, (name, value) in enumerate(shown):
            y = pad + row * index
            middle = y + row / 2
            self.create_text(
                left - pad, middle, text=name, anchor="e", font=SMALL_FONT, fill=COLORS.text,
                tags="label",
            )  # fmt: skip
            end = left + max(1.0, (right - left) * value / highest) if value else left
            self.create_rectangle(
                left, y + row * 0.18, end, y + row * 0.82, fill=COLORS.accent, width=0,
                tags="bar",
            )  # fmt: skip
            self.create_text(
                end + pad // 2 + 1, middle, text=number_text(value), anchor="w",
                font=SMALL_FONT, fill=COLORS.muted, tags="value",
            )  # fmt: skip
