"""最近修改: every change in the county's register as this laptop holds it, newest first.

Narrowed by the kind of record, the cadre, the laptop and a date range; 恢复此值 works
here as on a record's own 修改记录.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from casework import validation
from casework.services.sync import history
from casework.services.sync.history_labels import entity_label
from casework.ui.kit.theme import PAD, px
from casework.ui.kit.widgets import DateField
from casework.ui.kit.workbench import Workbench
from casework.ui.register.household_list import ALL, compact_choice
from casework.ui.sync.history_view import HistoryPanel


class RecentPanel(ttk.Frame):
    """Filters across the top, the paged list of changes under them."""

    def __init__(self, master: tk.Misc, app: Workbench) -> None:
        super().__init__(master, style="Card.Inner.TFrame", padding=px(master, PAD))
        self.app = app
        bar = ttk.Frame(self, style="Card.Inner.TFrame")
        bar.pack(fill="x", pady=(0, px(self, PAD)))
        self.kind = self._choice(bar, "类型", "只看这一类记录的修改", 10)
        self.kind.set_choices({"": ALL} | {k: entity_label(k) for k in history.FILTER_KINDS})
        self.cadre = self._choice(bar, "修改人", "只看这位干部做的修改", 10)
        self.laptop = self._choice(bar, "电脑", "只看在这台电脑上做的修改", 14)
        self.date_from = self._date(bar, "从", "这一天及以后的修改")
        self.date_to = self._date(bar, "到", "这一天及以前的修改")
        self.panel = HistoryPanel(self, app, self._fetch, with_record=True, paged=True)
        self.panel.pack(fill="both", expand=True)

    def _choice(self, bar: ttk.Frame, label: str, help: str, width: int):
        field = compact_choice(bar, label, help, width=width)
        field.set_choices({"": ALL})
        field.set("")
        field.pack(side="left", padx=(0, px(self, PAD)))
        field.on_change(self.filtered)
        return field

    def _date(self, bar: ttk.Frame, label: str, help: str) -> DateField:
        field = DateField(bar, label, help=help, width=11, today_button=False)
        field.pack(side="left", padx=(0, px(self, PAD)))
        field.widget.bind("<Return>", lambda _e: self.filtered(), add="+")
        field.widget.bind("<FocusOut>", lambda _e: self.filtered(), add="+")
        return field

    def refresh(self) -> None:
        for field, choices in (
            (self.cadre, history.cadre_choices()),
            (self.laptop, history.laptop_names()),
        ):
            chosen = field.get()
            field.set_choices({"": ALL} | choices)
            field.set(chosen if chosen in choices else "")
        self.panel.refresh()

    def filtered(self) -> None:
        self.panel.refresh(reset_page=True)

    def _day(self, field: DateField):
        try:
            day = validation.date(field.get(), label=field.label.cget("text"))
        except validation.FieldError as error:
            field.show_error(error.message)
            return None
        field.clear_error()
        return day

    def _fetch(self, page: int, page_size: int, show_full: bool) -> tuple[list[dict], int]:
        return history.recent_changes(
            page,
            page_size,
            entity=self.kind.get() or None,
            cadre_id=self.cadre.get() or None,
            laptop=self.laptop.get() or None,
            date_from=self._day(self.date_from),
            date_to=self._day(self.date_to),
            show_full=show_full,
        )
