"""走访提醒: households due for a return visit, households not visited for a long time, and
people at work due their monthly follow-up call (在岗回访, casework.ui.register.work_check_tab).

The lists can be narrowed to one 嘎查村 and to one cadre's households (those the cadre
has visited), so a cadre plans the next trip to a village from their own follow-ups.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk
from typing import NamedTuple

from casework.services.figures.scope import Scope
from casework.services.register import areas, cadres, listing
from casework.ui.kit import dialogs
from casework.ui.kit.widgets import Column, PagedTable, attach_tooltip
from casework.ui.kit.workbench import Workbench
from casework.ui.register.household_list import ALL, CADRE_HELP, cadre_choices, compact_choice
from casework.ui.register.work_check_tab import WorkCheckTab
from casework.validation import ValidationError

PAGE_SIZE = 50

DUE_COLUMNS = [
    Column("code", "户编号", 120),
    Column("head_name", "户主", 80),
    Column("area_label", "所在地", 200),
    Column("next_visit_date", "下次走访日期", 100, "center"),
    Column("overdue_text", "逾期天数", 76, "center"),
]
IDLE_COLUMNS = [
    Column("code", "户编号", 120),
    Column("head_name", "户主", 80),
    Column("area_label", "所在地", 200),
    Column("last_visit_text", "最近走访", 100, "center"),
    Column("idle_text", "未走访天数", 76, "center"),
]


def _due_rows(rows: list[dict]) -> list[dict]:
    for row in rows:
        days = row["days_overdue"]
        row["overdue_text"] = f"{days} 天" if days else "今天到期"
    return rows


def _idle_rows(rows: list[dict]) -> list[dict]:
    for row in rows:
        last, days = row["last_visit_date"], row["days_since_visit"]
        row["last_visit_text"] = last.isoformat() if last else "从未走访"
        row["idle_text"] = f"{days} 天" if days is not None else "—"
    return rows


class Section(NamedTuple):
    """One tab: a list, its buttons, and room for more tools beside its hint."""

    frame: ttk.Frame
    tools: ttk.Frame
    table: PagedTable
    button_open: ttk.Button
    button_visit: ttk.Button


class FollowUpsScreen(ttk.Frame):
    """Three lists to plan the next trips and calls from; each row opens the household, a
    visit or a follow-up call."""

    def __init__(self, master: tk.Misc, app: Workbench) -> None:
        super().__init__(master, padding=app.theme.pad_large)
        self.app = app
        self.days = cadres.follow_up_days()
        self.create_widgets()
        self.due_table.refresh()
        self.idle_table.refresh()
        self.work_checks.reload()

    def create_widgets(self) -> None:
        t = self.app.theme
        self.columnconfigure(0, weight=1)
        self.rowconfigure(1, weight=1)
        header = ttk.Frame(self)
        header.grid(row=0, column=0, sticky="ew", pady=(0, t.pad))
        ttk.Label(header, text="走访提醒", style="Title.TLabel").pack(side="left", anchor="s")
        self._build_filters(header)
        # Tabs, not two lists stacked: on a 768-pixel-high laptop screen each list
        # would show three rows; the tab titles still give both counts at a glance.
        self.notebook = ttk.Notebook(self)
        self.notebook.grid(row=1, column=0, sticky="nsew")
        self.notebook.enable_traversal()  # Ctrl+Tab switches lists
        self.due = self._section(
            "约定的下次走访日期已到，最早到期的在前。", DUE_COLUMNS,
            lambda page, size: self._fetch(self.due, self._due, page, size),
        )  # fmt: skip
        self.idle = self._section(
            "从未走访的在前。", IDLE_COLUMNS,
            lambda page, size: self._fetch(self.idle, self._not_visited, page, size),
        )  # fmt: skip
        self.due_table, self.idle_table = self.due.table, self.idle.table
        self._build_days_editor(self.idle.tools)
        self.work_checks = WorkCheckTab(self.notebook, self.app, self.scope)
        self.notebook.bind("<<NotebookTabChanged>>", lambda _e: self.focus_default())

    def _section(self, hint: str, columns: list[Column], fetch) -> Section:
        t = self.app.theme
        frame = ttk.Frame(self.notebook, style="Card.Inner.TFrame", padding=t.pad_large)
        self.notebook.add(frame, text="")
        frame.columnconfigure(0, weight=1)
        frame.rowconfigure(1, weight=1)
        tools = ttk.Frame(frame, style="Card.Inner.TFrame")
        tools.grid(row=0, column=0, sticky="ew", pady=(0, t.pad))
        ttk.Label(tools, text=hint, style="Card.Hint.TLabel").pack(side="left", anchor="n")
        table = PagedTable(frame, columns, fetch, page_size=PAGE_SIZE, unit="户")
        table.grid(row=1, column=0, sticky="nsew")
        table.on_open(self.app.open_household)
        visit = ttk.Button(tools, text="走访", command=lambda: self._visit(table))
        visit.pack(side="right", anchor="n")
        opener = ttk.Button(tools, text="打开", command=lambda: self._open(table))
        opener.pack(side="right", anchor="n", padx=(0, t.pad_small))
        attach_tooltip(visit, "为选中的农户记录一次走访")
        attach_tooltip(opener, "查看选中农户的详情（回车或双击也可以）")
        return Section(frame, tools, table, opener, visit)

    def _build_filters(self, header: ttk.Frame) -> None:
        t = self.app.theme
        self.cadre_filter = compact_choice(header, "走访干部", CADRE_HELP, width=10)
        self.cadre_filter.pack(side="right")
        self.village_filter = compact_choice(header, "嘎查村", "只看这个嘎查村的农户", width=20)
        self.village_filter.pack(side="right", padx=(0, t.pad))
        self._load_filter_choices()
        for field in (self.village_filter, self.cadre_filter):
            field.on_change(self._filters_changed)

    def _load_filter_choices(self) -> None:
        """The villages and cadres on offer now (either may have been added or renamed)."""
        villages = {v["id"]: v["label"] for v in areas.villages()}
        for field, choices in (
            (self.village_filter, {"": ALL, **villages}),
            (self.cadre_filter, cadre_choices()),
        ):
            field.set_choices(choices)
            if not field.get():
                field.set("")

    def within(self) -> listing.HouseholdFilter:
        """The village and cadre chosen above the lists, as a filter both lists apply."""
        return listing.HouseholdFilter(
            village_id=self.village_filter.get() or None,
            cadre_id=self.cadre_filter.get() or None,
        )

    def scope(self) -> Scope:
        """The same village and cadre, as the follow-up calls' list takes them."""
        within = self.within()
        return Scope(area_id=within.village_id, cadre_id=within.cadre_id)

    def _filters_changed(self) -> None:
        self.due_table.refresh(reset_page=True)
        self.idle_table.refresh(reset_page=True)
        self.work_checks.reload(reset_page=True)

    def _build_days_editor(self, head: ttk.Frame) -> None:
        t = self.app.theme
        tools = ttk.Frame(head, style="Card.Inner.TFrame")
        tools.pack(side="left", anchor="n", padx=(t.pad, 0))
        ttk.Label(tools, text="超过", style="Card.Hint.TLabel").grid(row=0, column=0)
        self.days_var = tk.StringVar(self, value=str(self.days))
        self.days_entry = ttk.Spinbox(
            tools, from_=1, to=3650, increment=30, width=5, textvariable=self.days_var
        )
        self.days_entry.grid(row=0, column=1, padx=t.pad_small)
        self.days_entry.bind("<Return>", lambda _e: self.apply_days())
        self.days_entry.bind("<KP_Enter>", lambda _e: self.apply_days())
        help = "多少天没有走访就列入“长期未走访”（1～3650天），改后按回车或点“应用”"
        attach_tooltip(self.days_entry, help)
        ttk.Label(tools, text="天未走访即列入", style="Card.Hint.TLabel").grid(row=0, column=2)
        self.button_apply = ttk.Button(tools, text="应用", command=self.apply_days)
        self.button_apply.grid(row=0, column=3, padx=(t.pad_small, 0))
        # Under the editor, shown only while there is something wrong.
        self.days_error = ttk.Label(tools, text="", style="Card.Error.TLabel")
        self.days_error.grid(row=1, column=0, columnspan=4, sticky="w")
        self.days_error.grid_remove()

    def _tab_text(self, section: Section, total: int) -> str:
        if section is self.due:
            return f"到期回访（{total:,} 户）"
        return f"长期未走访：超过 {self.days} 天（{total:,} 户）"

    def _due(self, page: int, page_size: int) -> tuple[list[dict], int]:
        return listing.follow_ups_due(page=page, page_size=page_size, within=self.within())

    def _not_visited(self, page: int, page_size: int) -> tuple[list[dict], int]:
        return listing.not_visited_for(
            self.days, page=page, page_size=page_size, within=self.within()
        )

    def _fetch(self, section: Section, service, page: int, page_size: int) -> tuple[list, int]:
        rows, total = service(page=page - 1, page_size=page_size)
        self.notebook.tab(section.frame, text=self._tab_text(section, total))
        return (_due_rows if section is self.due else _idle_rows)(rows), total

    # Actions ---------------------------------------------------------------------------

    def apply_days(self) -> None:
        """Save the number of days (a per-laptop setting) and list again with it."""
        try:
            self.days = cadres.set_follow_up_days(self.days_var.get())
        except ValidationError as error:
            self.days_error.configure(text=next(iter(error.errors.values())))
            self.days_error.grid()
            self.days_entry.configure(style="Invalid.TSpinbox")
            self.days_entry.focus_set()
            return
        self.days_error.configure(text="")
        self.days_error.grid_remove()
        self.days_entry.configure(style="TSpinbox")
        self.days_var.set(str(self.days))
        self.idle_table.refresh(reset_page=True)
        self.app.notify(f"已设为超过 {self.days} 天未走访即提醒")

    def _open(self, table: PagedTable) -> None:
        household_id = table.selected_id()
        if household_id:
            self.app.open_household(household_id)
        else:
            dialogs.show_info(self, "走访提醒", "请先在列表中选中一户")

    def _visit(self, table: PagedTable) -> None:
        household_id = table.selected_id()
        if household_id:
            self.app.new_visit(household_id)
        else:
            dialogs.show_info(self, "走访提醒", "请先在列表中选中一户")

    # The screen contract -------------------------------------------------------------

    def refresh(self) -> None:
        """List again (visits may have been recorded), keeping pages and selections."""
        self.days = cadres.follow_up_days()
        self.days_var.set(str(self.days))
        self._load_filter_choices()
        self.due_table.refresh()
        self.idle_table.refresh()
        self.work_checks.reload()

    def focus_default(self) -> None:
        chosen = self.notebook.select()
        if chosen == str(self.work_checks):
            table = self.work_checks.table
        else:
            table = self.idle_table if chosen == str(self.idle.frame) else self.due_table
        table.tree.focus_set()
        children = table.tree.get_children()
        if children and not table.selected_id():
            table.select(children[0])
