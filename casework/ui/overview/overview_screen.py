"""工作概况: the first screen, the county's figures at a glance, their trend and spread.

The figures come from casework.services.figures (the same numbers `stats` prints and the
Excel lists hold), computed in a worker thread, so the window never waits on them: the
screen appears at once with "…" in place of each number, and fills in when they arrive.
A newer choice of area or period drops a result still on its way.
"""

from __future__ import annotations

import time
import tkinter as tk
from tkinter import ttk
from typing import TYPE_CHECKING

from casework import clock, logs
from casework.services.figures import FIGURES, TREND_KEYS
from casework.ui.kit.first_draw import after_start
from casework.ui.kit.table import Column, PagedTable
from casework.ui.kit.widgets import attach_tooltip
from casework.ui.overview.charts import AreaBars, TrendChart
from casework.ui.overview.figure_tiles import FigureCards
from casework.ui.overview.scope_bar import ScopeBar

if TYPE_CHECKING:
    # What the screen needs only once drawn (the counting, the lists behind the figures)
    # is imported where it is used: some 3 ms of the window's start.
    from casework.services.figures import board
    from casework.services.figures.counting import Overview
    from casework.ui.kit.workbench import Workbench
    from casework.ui.overview.figure_list import FigureListDialog

DEFAULT_BARS = "in_beijing"
DEFAULT_TREND = "placed_in_beijing"
BREAKDOWN_NAME = {"township": "苏木乡镇", "village": "嘎查村", "group": "村民小组"}
ROWS = 5  # follow-ups a page
FOLLOW_UP_COLUMNS = [
    Column("head_name", "户主", 60),
    Column("village_name", "嘎查村", 96),
    Column("next_visit_date", "下次走访", 84, "center"),
    Column("due_text", "", 70, "center"),
]


class OverviewScreen(ttk.Frame):
    """The dashboard: choices at the top, the figures, two charts and the follow-ups due."""

    def __init__(self, master: tk.Misc, app: Workbench) -> None:
        super().__init__(master, padding=app.theme.pad_large)
        self.app = app
        self.overview: Overview | None = None
        self.breakdown: str | None = None
        self._first_follow_ups: tuple[list[dict], int] | None = None
        self.in_flight = 0
        self._asked = 0  # numbers each request; only the latest one's answer is shown
        self.shown_after: float | None = None  # seconds from the request to the figures
        self.drawn_after: float | None = None  # ... to the charts and follow-ups too
        self.create_widgets()
        after_start(self, self.refresh)  # at start, once the window is drawn: the "…" show first

    def create_widgets(self) -> None:
        t = self.app.theme
        self.columnconfigure(0, weight=1)
        self.rowconfigure(3, weight=1)
        head = ttk.Frame(self)
        head.grid(row=0, column=0, sticky="ew")
        ttk.Label(head, text="工作概况", style="Title.TLabel").pack(side="left")
        self.subtitle = ttk.Label(head, text="", style="Hint.TLabel")
        self.subtitle.pack(side="left", padx=t.pad, anchor="s")
        self.button_report = ttk.Button(head, text="导出工作简报…", command=self.export_report)
        self.button_report.pack(side="right")
        attach_tooltip(
            self.button_report, "所选地区和期间的工作简报（Word）：数字写成段落、分地区的表和图表"
        )
        self.scope_bar = ScopeBar(self, self.recompute, t.pad)
        self.scope_bar.grid(row=1, column=0, sticky="w", pady=(t.pad, t.pad))
        self.cards = FigureCards(self, t, self.open_figure)
        self.cards.grid(row=2, column=0, sticky="ew")
        self.tiles = self.cards.tiles
        below = ttk.Frame(self)
        below.grid(row=3, column=0, sticky="nsew", pady=(t.pad, 0))
        for column, weight in enumerate((3, 3, 3)):
            below.columnconfigure(column, weight=weight, uniform="below")
        below.rowconfigure(0, weight=1)
        trend_card, self.trend_choice = self._chart_card(below, 0, TREND_KEYS, DEFAULT_TREND)
        self.trend = TrendChart(trend_card, t)
        self.trend.grid(row=1, column=0, columnspan=2, sticky="nsew")
        bars_card, self.bars_choice = self._chart_card(
            below, 1, [k for k, f in FIGURES.items() if f.scoped], DEFAULT_BARS
        )
        self.bars = AreaBars(bars_card, t)
        self.bars.grid(row=1, column=0, columnspan=2, sticky="nsew")
        self.bars_heading = ttk.Label(bars_card, text="", style="Card.Hint.TLabel")
        self.bars_heading.grid(row=0, column=1, sticky="e")
        self.trend_choice.bind("<<ComboboxSelected>>", lambda _e: self.refresh_trend())
        self.bars_choice.bind("<<ComboboxSelected>>", lambda _e: self.refresh_bars())
        self._follow_ups(below)

    def _chart_card(self, below: ttk.Frame, column: int, keys: list[str], chosen: str):
        t = self.app.theme
        card = ttk.Frame(below, style="Card.TFrame", padding=t.pad)
        card.grid(row=0, column=column, sticky="nsew", padx=(0, t.pad))
        card.columnconfigure(1, weight=1)
        card.rowconfigure(1, weight=1)
        labels = {FIGURES[k].label: k for k in keys}
        choice = ttk.Combobox(card, state="readonly", values=list(labels), width=14)
        choice.set(FIGURES[chosen].label)
        choice.keys = labels  # type: ignore[attr-defined] - label -> figure key
        choice.grid(row=0, column=0, sticky="w", pady=(0, t.pad_small))
        return card, choice

    def _follow_ups(self, below: ttk.Frame) -> None:
        t = self.app.theme
        card = ttk.Frame(below, style="Card.TFrame", padding=t.pad)
        card.grid(row=0, column=2, sticky="nsew")
        card.columnconfigure(0, weight=1)
        card.rowconfigure(1, weight=1)
        self.follow_ups_heading = ttk.Label(card, text="应回访", style="Card.Subtitle.TLabel")
        self.follow_ups_heading.grid(row=0, column=0, sticky="w", pady=(0, t.pad_small))
        self.follow_ups = PagedTable(
            card, FOLLOW_UP_COLUMNS, self._fetch_follow_ups, page_size=ROWS, unit="户"
        )
        self.follow_ups.tree.configure(height=ROWS)
        self.follow_ups.grid(row=1, column=0, sticky="nsew")
        self.follow_ups.on_open(self.app.open_household)

    # The figures ------------------------------------------------------------------------

    def refresh(self) -> None:
        """The screen contract: records changed; the areas and cadres to choose from too."""
        self.scope_bar.load_choices()
        self.recompute()

    def recompute(self) -> None:
        """Ask for the figures of the chosen area and period, then for the charts and the
        follow-ups (each in a worker thread): the figures show as soon as they are counted."""
        from casework.services.figures import board

        self._asked += 1
        asked, started = self._asked, time.perf_counter()
        scope, period = self.scope_bar.scope(), self.scope_bar.period()
        bars_key, trend_key = self._chosen(self.bars_choice), self._chosen(self.trend_choice)
        self.cards.show(None)
        self.subtitle.configure(text="正在统计…")

        def counted(overview: Overview) -> None:
            if asked != self._asked:
                return
            self.shown_after = time.perf_counter() - started
            self._show(overview)
            self._run(lambda: board.extras(scope, period, bars_key, trend_key, ROWS), drawn)

        def drawn(extras: board.Extras) -> None:
            if asked != self._asked:
                return
            self.breakdown = extras.breakdown
            self._draw_trend(extras.trend_key, extras.trend)
            self._draw_bars(extras.bars_key, extras.bars)
            self._first_follow_ups = extras.follow_ups
            self.follow_ups.refresh(reset_page=True)
            self.drawn_after = time.perf_counter() - started

        self._run(lambda: board.figures(scope, period), counted)

    def _run(self, work, arrived) -> None:
        """`work()` in a worker thread, `arrived(result)` back on the Tk thread."""
        from casework.ui.kit.progress import run_in_background

        self.in_flight += 1

        def done(result) -> None:
            self.in_flight -= 1
            arrived(result)

        def failed(error: BaseException) -> None:
            self.in_flight -= 1
            self.subtitle.configure(text=logs.report(error, "统计工作概况"))

        run_in_background(self, work, done, failed)

    @property
    def computing(self) -> bool:
        """Whether figures are still on their way (tests wait on it going False)."""
        return self.in_flight > 0

    def _show(self, overview: Overview) -> None:
        self.overview = overview
        self.cards.show(overview.values)
        when = f"{overview.period.label()}　截至{overview.today.isoformat()}"
        self.subtitle.configure(text=f"{overview.scope_label}　{when}")

    def _draw_trend(self, key: str, months: board.Trend) -> None:
        self.trend.show(months, FIGURES[key].unit)

    def _draw_bars(self, key: str, bars: board.Bars) -> None:
        self.bars_heading.configure(text=f"按{BREAKDOWN_NAME.get(self.breakdown or '', '地区')}")
        self.bars.show([(name, value) for _id, name, value in bars], FIGURES[key].unit)

    def _chosen(self, choice: ttk.Combobox) -> str:
        return choice.keys[choice.get()]  # type: ignore[attr-defined]

    def refresh_trend(self) -> None:
        from casework.services.figures import board

        self._one_chart(self.trend_choice, board.trend, self._draw_trend)

    def refresh_bars(self) -> None:
        from casework.services.figures import board

        self._one_chart(self.bars_choice, board.bars, self._draw_bars)

    def _one_chart(self, choice: ttk.Combobox, fetch, draw) -> None:
        """Another figure chosen for one chart: that figure alone, in a worker thread."""
        key, (scope, period) = self._chosen(choice), self._scope_and_period()

        def arrived(data) -> None:
            if self._chosen(choice) == key:  # not since changed again
                draw(key, data)

        self._run(lambda: fetch(scope, period, key), arrived)

    def _scope_and_period(self):
        return self.scope_bar.scope(), self.scope_bar.period()

    # The work report ----------------------------------------------------------------------

    def export_report(self):
        """工作简报 for the area and period chosen: ask where, write it, offer to open it."""
        from casework.exports import report
        from casework.ui.documents.export_common import ask_docx_path, run_export

        scope, period = self._scope_and_period()
        label = self.overview.scope_label if self.overview else ""
        path = ask_docx_path(
            self.app.root, "保存工作简报", report.file_name(label, period, clock.today())
        )
        if path is None:
            return None
        return run_export(
            self.app.root,
            self.app,
            "导出工作简报",
            lambda: report.export_report(path, scope, period, overwrite=True),
        )

    # The lists behind -------------------------------------------------------------------

    def open_figure(self, key: str) -> FigureListDialog:
        """The list behind a figure, for the area and period chosen."""
        from casework.ui.overview.figure_list import FigureListDialog

        scope, period = self._scope_and_period()
        label = self.overview.scope_label if self.overview else ""
        self.dialog = FigureListDialog(self.app.root, self.app, key, scope, period, label)
        return self.dialog

    def _fetch_follow_ups(self, page: int, page_size: int) -> tuple[list[dict], int]:
        from casework.services.figures import board

        first, self._first_follow_ups = self._first_follow_ups, None
        if page == 1 and first is not None:  # fetched with the charts, off the Tk thread
            rows, total = first
        else:
            rows, total = board.follow_ups_page(self.scope_bar.scope(), page - 1, page_size)
        for row in rows:
            due = row["next_visit_date"]
            days = (clock.today() - due).days if due else 0
            row["due_text"] = "本周" if row["figure"] != board.FOLLOW_UPS[0] else (
                f"逾期{days}天" if days else "今天")  # fmt: skip
        self.follow_ups_heading.configure(text=f"到期及本周应回访（{total:,} 户）")
        return rows, total

    # The screen contract ----------------------------------------------------------------

    def focus_default(self) -> None:
        first = next(iter(self.tiles.values()))
        first.focus_set()
