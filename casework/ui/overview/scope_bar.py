"""The dashboard's choices at the top: which township, village or cadre, and which period.

Choosing anything calls `on_change()`; the screen then asks for scope() and period().
The period is a preset (本月, 上月, 本季度, ...) shown as its dates, or dates typed in
(自定义), checked when 应用 or Enter is pressed.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from casework import clock
from casework import validation as v
from casework.periods import PRESETS, Period, preset
from casework.services.figures import Scope
from casework.services.register import areas, cadres
from casework.ui.kit.widgets import attach_tooltip

ALL_TOWNSHIPS = "全部苏木乡镇"
ALL_VILLAGES = "全部嘎查村"
ALL_CADRES = "全部干部"
CUSTOM = "自定义"


class ScopeBar(ttk.Frame):
    """Township, village, cadre and period pickers in one row."""

    def __init__(self, master: tk.Misc, on_change: Callable[[], None], pad: int) -> None:
        super().__init__(master)
        self.on_change = on_change
        self.pad = pad
        self.towns: dict[str, str] = {}  # name -> id
        self.villages: dict[str, dict[str, str]] = {}  # township id -> name -> id
        self.cadre_ids: dict[str, str] = {}
        self._period = preset("month", clock.today())
        self.create_widgets()
        self.load_choices()
        self._show_period(self._period)

    def create_widgets(self) -> None:
        pad = self.pad

        def picker(values_width: int, help_text: str, command) -> ttk.Combobox:
            box = ttk.Combobox(self, state="readonly", width=values_width)
            box.pack(side="left", padx=(0, pad))
            box.bind("<<ComboboxSelected>>", lambda _e: command())
            attach_tooltip(box, help_text)
            return box

        self.township = picker(12, "只看一个苏木乡镇", self._township_chosen)
        self.village = picker(14, "只看一个嘎查村", self.on_change)
        self.cadre = picker(10, "只看这位干部走访过的农户", self.on_change)
        ttk.Label(self, text="期间").pack(side="left", padx=(pad, pad // 2))
        self.preset = picker(8, "走访、新增就业、培训、补贴发放按期间统计", self._preset_chosen)
        self.preset.configure(values=[*PRESETS.values(), CUSTOM])
        self.date_from = ttk.Entry(self, width=11)
        self.date_from.pack(side="left")
        ttk.Label(self, text="至").pack(side="left", padx=pad // 2)
        self.date_to = ttk.Entry(self, width=11)
        self.date_to.pack(side="left", padx=(0, pad // 2))
        for entry in (self.date_from, self.date_to):
            entry.bind("<Return>", lambda _e: self.apply_dates())
            entry.bind("<KP_Enter>", lambda _e: self.apply_dates())
            attach_tooltip(entry, "日期如 2026-11-01；留空表示不限；改后按回车或点“应用”")
        self.button_apply = ttk.Button(self, text="应用", command=self.apply_dates)
        self.button_apply.pack(side="left")
        self.error = ttk.Label(self, text="", style="Error.TLabel")
        self.error.pack(side="left", padx=pad)

    def load_choices(self) -> None:
        """The areas and cadres as they are now (kept chosen where they still exist)."""
        tree = areas.townships_and_villages()
        self.towns = {a["name"]: a["id"] for a in tree if a["level"] == "township"}
        self.villages = {}
        for area in tree:
            if area["level"] == "village" and area["parent_id"]:
                self.villages.setdefault(area["parent_id"], {})[area["name"]] = area["id"]
        self.cadre_ids = {c["name"]: c["id"] for c in cadres.list_cadres()}
        self.township.configure(values=[ALL_TOWNSHIPS, *self.towns])
        self.cadre.configure(values=[ALL_CADRES, *self.cadre_ids])
        if self.township.get() not in self.towns:
            self.township.set(ALL_TOWNSHIPS)
        if self.cadre.get() not in self.cadre_ids:
            self.cadre.set(ALL_CADRES)
        self._fill_villages()

    def _fill_villages(self) -> None:
        town = self.towns.get(self.township.get())
        names = list(self.villages.get(town, {})) if town else []
        self.village.configure(values=[ALL_VILLAGES, *names])
        self.village.state(["!disabled", "readonly"] if town else ["disabled"])
        if self.village.get() not in names:
            self.village.set(ALL_VILLAGES)

    def _township_chosen(self) -> None:
        self.village.set(ALL_VILLAGES)
        self._fill_villages()
        self.on_change()

    def _preset_chosen(self) -> None:
        names = {label: name for name, label in PRESETS.items()}
        name = names.get(self.preset.get())
        if name is None:  # 自定义: the dates are the cadre's to type
            self.date_from.focus_set()
            return
        self._show_period(preset(name, clock.today()))
        self.on_change()

    def _show_period(self, period: Period) -> None:
        self._period = period
        for entry, day in ((self.date_from, period.start), (self.date_to, period.end)):
            entry.delete(0, "end")
            entry.insert(0, day.isoformat() if day else "")
        today = clock.today()
        label = next((PRESETS[n] for n in PRESETS if preset(n, today) == period), CUSTOM)
        self.preset.set(label)
        self._set_error("")

    def apply_dates(self) -> None:
        """Take the typed dates as the period (when they are dates, in order)."""
        try:
            start = v.date(self.date_from.get(), label="开始日期")
            end = v.date(self.date_to.get(), label="结束日期")
        except v.FieldError as error:
            self._set_error(error.message)
            return
        if start and end and start > end:
            self._set_error("开始日期不能晚于结束日期")
            return
        self._show_period(Period(start, end))
        self.on_change()

    def _set_error(self, text: str) -> None:
        self.error.configure(text=text)
        style = "Invalid.TEntry" if text else "TEntry"
        for entry in (self.date_from, self.date_to):
            entry.configure(style=style)

    # What is chosen ------------------------------------------------------------------

    def scope(self) -> Scope:
        town = self.towns.get(self.township.get())
        village = self.villages.get(town, {}).get(self.village.get()) if town else None
        return Scope(area_id=village or town, cadre_id=self.cadre_ids.get(self.cadre.get()))

    def period(self) -> Period:
        return self._period

    def choose(self, township: str | None = None, village: str | None = None) -> None:
        """Choose an area by name, as the cadre would (the bar chart's click does too)."""
        self.township.set(township or ALL_TOWNSHIPS)
        self._fill_villages()
        self.village.set(village or ALL_VILLAGES)
        self.on_change()
