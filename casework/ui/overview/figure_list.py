"""The list behind a figure: clicking 在京务工 on the dashboard lists those people.

A modal window with the figure's rule in words and its members a page at a time
(casework.services.figures.members), as many rows as the figure counts. A row that
belongs to a household opens it (double-click, Enter or 打开农户), closing the list.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from casework.periods import Period
from casework.services.figures import FIGURES, Scope
from casework.services.figures import members as figure_members
from casework.ui.kit.modal import close_modal, show_modal
from casework.ui.kit.table import Column, PagedTable
from casework.ui.kit.theme import PAD, PAD_LARGE, px
from casework.ui.kit.workbench import Workbench

PAGE_SIZE = 50
_AREA = [Column("township_name", "苏木乡镇", 90), Column("village_name", "嘎查村", 110)]
_HOUSEHOLD = [Column("household_code", "户编号", 130)]
COLUMNS: dict[str, list[Column]] = {
    "person": [
        *_AREA, *_HOUSEHOLD, Column("name", "姓名", 70), Column("gender_label", "性别", 40),
        Column("age", "年龄", 40, "center"), Column("work_status_label", "务工状态", 90),
    ],
    "household": [
        *_AREA, *_HOUSEHOLD, Column("head_name", "户主", 70),
        Column("member_count", "人数", 40, "center"),
        Column("last_visit_date", "最近走访", 90, "center"),
        Column("next_visit_date", "下次走访", 90, "center"),
    ],
    "visit": [
        Column("visit_date", "走访日期", 90, "center"), Column("kind_label", "走访类型", 80),
        *_AREA, *_HOUSEHOLD, Column("head_name", "户主", 70),
    ],
    "class": [
        Column("name", "培训班", 180), Column("kind_label", "类别", 90),
        Column("start_date", "开班日期", 90, "center"),
        Column("end_date", "结业日期", 90, "center"),
        Column("place", "地点", 120), Column("n", "本地区参训", 70, "center"),
    ],
    "posting": [
        Column("employer_name", "用工单位", 180), Column("position", "岗位", 120),
        Column("headcount", "招聘人数", 70, "center"),
        Column("still_wanted", "尚需人数", 70, "center"),
        Column("valid_until", "有效期至", 90, "center"),
    ],
    "payment": [
        *_AREA, Column("name", "姓名", 70), Column("employer_name", "用工单位", 150),
        Column("paid_on", "发放日期", 90, "center"), Column("amount", "金额（元）", 80, "e"),
        Column("paid_by", "经办人", 70),
    ],
    "placement": [
        *_AREA, Column("name", "姓名", 70), Column("employer_name", "用工单位", 150),
        Column("start_date", "上岗日期", 90, "center"),
        Column("eligible_on", "符合条件日期", 100, "center"),
        Column("status_label", "发放状态", 80),
    ],
    "work_due": [
        *_AREA, Column("name", "姓名", 70), Column("employer_name", "用工单位", 150),
        Column("start_date", "上岗日期", 90, "center"),
        Column("due_on", "应回访日期", 90, "center"), Column("due_label", "回访内容", 90),
        Column("overdue_days", "逾期天数", 60, "center"),
    ],
    "left_early": [
        *_AREA, Column("name", "姓名", 70), Column("employer_name", "用工单位", 150),
        Column("start_date", "上岗日期", 90, "center"), Column("left_on", "离岗日期", 90, "center"),
        Column("days_worked", "在岗天数", 60, "center"), Column("reason_label", "离岗原因", 130),
    ],
}  # fmt: skip
SOURCE = Column("note", "来源", 70)


def columns_for(key: str) -> list[Column]:
    figure = FIGURES[key]
    columns = list(COLUMNS[figure.kind])
    if figure.sourced:
        columns.append(SOURCE)  # where each person was found: a placement, or the register
    return columns


class FigureListDialog(tk.Toplevel):
    """The members of one figure for the dashboard's scope and period."""

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        key: str,
        scope: Scope,
        period: Period,
        scope_label: str = "",
    ) -> None:
        super().__init__(parent)
        self.withdraw()
        self.app, self.key, self.scope, self.period = app, key, scope, period
        self.figure = FIGURES[key]
        where = f"{scope_label} " if scope_label else ""
        when = f"（{period.label()}）" if self.figure.dated else "（截至今天）"
        self.title(f"{where}{self.figure.label}{when}")
        self.transient(parent.winfo_toplevel())
        self.create_widgets()
        self.bind("<Escape>", lambda _e: self.close())
        self.protocol("WM_DELETE_WINDOW", self.close)
        self.table.refresh()
        self._previous = show_modal(self, parent)
        self.table.tree.focus_set()

    def create_widgets(self) -> None:
        outer = ttk.Frame(self, padding=px(self, PAD_LARGE))
        outer.pack(fill="both", expand=True)
        outer.columnconfigure(0, weight=1)
        outer.rowconfigure(2, weight=1)
        self.heading = ttk.Label(outer, text="", style="Subtitle.TLabel")
        self.heading.grid(row=0, column=0, sticky="w")
        self.rule = ttk.Label(
            outer, text=f"统计口径：{self.figure.definition}", style="Hint.TLabel",
            wraplength=px(self, 720), justify="left",
        )  # fmt: skip
        self.rule.grid(row=1, column=0, sticky="w", pady=(px(self, 2), px(self, PAD)))
        self.table = PagedTable(
            outer, columns_for(self.key), self._fetch, page_size=PAGE_SIZE, unit="条"
        )
        self.table.grid(row=2, column=0, sticky="nsew")
        self.table.on_open(lambda _row_id: self.open_household())
        bar = ttk.Frame(outer)
        bar.grid(row=3, column=0, sticky="e", pady=(px(self, PAD), 0))
        self.button_close = ttk.Button(bar, text="关闭 (Esc)", command=self.close)
        self.button_close.pack(side="right")
        self.button_open = ttk.Button(bar, text="打开农户", command=self.open_household)
        self.button_open.pack(side="right", padx=(0, px(self, PAD)))
        if self.figure.kind in ("class", "posting"):
            self.button_open.state(["disabled"])

    def _fetch(self, page: int, page_size: int) -> tuple[list[dict], int]:
        rows, total = figure_members.members_slice(
            self.key, self.scope, self.period, offset=(page - 1) * page_size, limit=page_size
        )
        unit = "条" if self.figure.total == "sum" else self.figure.unit
        self.heading.configure(text=f"{self.figure.label}：共 {total:,} {unit}")
        return rows, total

    def open_household(self) -> None:
        household_id = (self.table.selected_row() or {}).get("household_id")
        if household_id:
            self.close()
            self.app.open_household(household_id)

    def close(self) -> None:
        close_modal(self, self._previous)
