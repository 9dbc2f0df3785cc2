"""走访提醒's 在岗回访 tab: people at work whose monthly follow-up call is due, overdue first.

The list is worked out in Python over every placement at work (casework.services.jobs.
work_checks.due_rows), about a third of a second for a county's 8,000, so it is fetched
in a worker thread and the tab pages through the rows it brought back.
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from casework import clock, logs
from casework.masking import masked_rows
from casework.services.figures.scope import Scope
from casework.services.jobs import work_checks
from casework.ui.jobs.work_check_dialog import WorkCheckDialog
from casework.ui.kit import dialogs
from casework.ui.kit.progress import run_in_background
from casework.ui.kit.widgets import Column, PagedTable, attach_tooltip
from casework.ui.kit.workbench import Workbench

PAGE_SIZE = 50
WITHIN = {7: "本周", 30: "30天内"}
COLUMNS = [
    Column("name", "姓名", 80, fixed=True),
    Column("area_label", "所在地", 170),
    Column("employer_name", "用工单位", 150),
    Column("place_label", "工作地点", 70, "center"),
    Column("start_date", "上岗日期", 85, "center"),
    Column("due_on", "应回访日期", 90, "center"),
    Column("due_label", "回访内容", 100, "center"),
    Column("overdue_text", "逾期天数", 70, "center"),
    Column("phone", "电话", 100, "center"),
]


def _shown(row: dict) -> dict:
    """A due row as the list shows it (the row's placement is its id)."""
    days, ahead = row["overdue_days"], (row["due_on"] - clock.today()).days
    late = f"{days} 天" if days else (f"{ahead} 天后到期" if ahead > 0 else "今天到期")
    return {**row, "id": row["placement_id"], "overdue_text": late}


class WorkCheckTab(ttk.Frame):
    """The tab: 本周 / 30天内, the list, 回访… and 打开农户."""

    def __init__(self, notebook: ttk.Notebook, app: Workbench, scope: Callable[[], Scope]) -> None:
        t = app.theme
        super().__init__(notebook, style="Card.Inner.TFrame", padding=t.pad_large)
        self.notebook = notebook
        self.app = app
        self.scope = scope
        self.rows: list[dict] = []
        self.in_flight = 0
        self._asked = 0  # which fetch the list should show: only the latest
        notebook.add(self, text="在岗回访")
        self.columnconfigure(0, weight=1)
        self.rowconfigure(1, weight=1)
        self._build_tools()
        self.table = PagedTable(
            self, COLUMNS, self._page, page_size=PAGE_SIZE, unit="人",
            empty_text="近期没有需要在岗回访的人",
        )  # fmt: skip
        self.table.grid(row=1, column=0, sticky="nsew")
        self.table.on_open(lambda _id: self.open_household())

    def _build_tools(self) -> None:
        t = self.app.theme
        tools = ttk.Frame(self, style="Card.Inner.TFrame")
        tools.grid(row=0, column=0, sticky="ew", pady=(0, t.pad))
        hint = "在岗的人每月回访一次、满6个月再回访一次；逾期的在前。"
        ttk.Label(tools, text=hint, style="Card.Hint.TLabel").pack(side="left", anchor="n")
        self.within = tk.IntVar(self, value=7)
        self.within_buttons = {}
        for days, text in WITHIN.items():
            button = ttk.Radiobutton(
                tools, text=text, value=days, variable=self.within,
                style="Card.TRadiobutton", command=lambda: self.reload(reset_page=True),
            )  # fmt: skip
            button.pack(side="left", anchor="n", padx=(t.pad, 0))
            self.within_buttons[days] = button
        self.button_check = ttk.Button(tools, text="回访…", command=self.record_check)
        self.button_check.pack(side="right", anchor="n")
        self.button_open = ttk.Button(tools, text="打开农户", command=self.open_household)
        self.button_open.pack(side="right", anchor="n", padx=(0, t.pad_small))
        attach_tooltip(self.button_check, "记录对选中的人的一次在岗回访")
        attach_tooltip(self.button_open, "查看选中的人所在的农户（回车或双击也可以）")

    # Fetching ---------------------------------------------------------------------------

    @property
    def computing(self) -> bool:
        """Whether a list is still on its way (tests wait on it going False)."""
        return self.in_flight > 0

    def reload(self, reset_page: bool = False) -> None:
        """Work the list out again in a worker thread; the latest request wins."""
        self._asked += 1
        asked, scope, within = self._asked, self.scope(), self.within.get()
        self.in_flight += 1
        if not self.rows:
            self.notebook.tab(self, text="在岗回访（计算中…）")

        def arrived(rows: list[dict]) -> None:
            self.in_flight -= 1
            if asked == self._asked and self.winfo_exists():
                self.rows = [_shown(row) for row in masked_rows(rows)]
                self._show(reset_page)

        def failed(error: BaseException) -> None:
            self.in_flight -= 1
            message = logs.report(error, "计算在岗回访名单")
            if asked == self._asked and self.winfo_exists():
                self.notebook.tab(self, text="在岗回访（出错）")
                self.table.empty_label.configure(text=message)

        run_in_background(self, lambda: work_checks.due_rows(scope, within), arrived, failed)

    def _show(self, reset_page: bool = False) -> None:
        self.notebook.tab(self, text=f"在岗回访（{len(self.rows):,} 人）")
        self.table.refresh(reset_page=reset_page)

    def _page(self, page: int, page_size: int) -> tuple[list[dict], int]:
        start = (page - 1) * page_size
        return self.rows[start : start + page_size], len(self.rows)

    # Actions ----------------------------------------------------------------------------

    def _chosen(self) -> dict | None:
        row = self.table.selected_row()
        if row is None:
            dialogs.show_info(self, "走访提醒", "请先在列表中选中一人")
        return row

    def record_check(self) -> WorkCheckDialog | None:
        row = self._chosen()
        if row:
            # Opened over the window, not the card: the dialog's fields take their surface
            # (casework.ui.kit.theme.surface_of) from the widget chain they are made under.
            parent = self.winfo_toplevel()
            return WorkCheckDialog(parent, self.app, row["id"], on_saved=self._checked)

    def _checked(self, status: dict) -> None:
        """The person just called leaves the list, or moves to their next date."""
        limit = clock.today() + dt.timedelta(days=self.within.get())
        kept = []
        for row in self.rows:
            if row["id"] == status["id"]:
                if not status["due"] or status["due"] > limit:
                    continue
                row = _shown({**row, "due_on": status["due"], "due_label": status["due_label"],
                              "overdue_days": status.get("overdue_days", 0)})  # fmt: skip
            kept.append(row)
        self.rows = sorted(kept, key=lambda r: r["due_on"])
        self._show()

    def open_household(self) -> None:
        row = self._chosen()
        if row:
            self.app.open_household(row["household_id"])
