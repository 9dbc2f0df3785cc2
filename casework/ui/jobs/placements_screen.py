"""就业跟踪与稳岗补贴: placements by stage with their history, and the subsidy panel.

The 就业跟踪 tab lists placements (filter by stage and place, search by name or
employer), shows the selected one's stage history, its in-work follow-ups (在岗回访) and
the next one due, and moves it on (下一环节). The 稳岗补贴 tab shows who is eligible and
unpaid, who becomes eligible within 30 days and who has been paid, with the follow-ups
that show the selected person stayed at work, records a payment, and edits the subsidy
rules of this laptop.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from casework import vocab
from casework.services.common import ConflictError, NotFoundError
from casework.services.jobs import placements, subsidy, work_checks
from casework.ui.jobs.job_forms import on_selection
from casework.ui.jobs.placement_forms import (
    NewPlacementDialog,
    PaymentDialog,
    PlacementEditDialog,
    StageDialog,
    SubsidySettingsDialog,
)
from casework.ui.jobs.work_check_dialog import WorkCheckDialog
from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import ListTable, ReadOnlyText
from casework.ui.kit.list_tab import button_bar, card_tab, filter_choice, search_box, tabbed_page
from casework.ui.kit.widgets import Column, PagedTable, attach_tooltip
from casework.ui.kit.workbench import Workbench
from casework.vocab_jobs import NEXT_STAGES, PLACEMENT_STAGE

ALL = "全部"
PLACEMENT_COLUMNS = [
    Column("name", "姓名", 70),
    Column("household_code", "户编号", 115),
    Column("employer_name", "用工单位", 150),
    Column("position", "岗位", 90),
    Column("place_label", "地点", 60, "center"),
    Column("organised_label", "方式", 80, "center"),
    Column("stage_label", "环节", 60, "center"),
    Column("stage_date", "日期", 85, "center"),
    Column("start_date", "上岗日期", 85, "center"),
    Column("monthly_pay", "月收入", 60, "center"),
]
SUBSIDY_COLUMNS = [
    Column("name", "姓名", 70),
    Column("household_code", "户编号", 115),
    Column("employer_name", "用工单位", 150),
    Column("start_date", "上岗日期", 85, "center"),
    Column("eligible_on", "符合条件日期", 95, "center"),
    Column("months_worked", "已满月数", 65, "center"),
    Column("status_label", "补贴", 70, "center"),
    Column("paid_on", "发放日期", 85, "center"),
    Column("paid_amount", "金额", 60, "center"),
]
CHECK_COLUMNS = [
    Column("checked_on", "回访日期", 85, "center", fixed=True),
    Column("method_label", "方式", 70),
    Column("outcome_label", "在岗情况", 95),
    Column("monthly_pay", "月收入", 55, "center", fixed=True),
    Column("problems", "遇到的问题", 130),
    Column("needs_help_label", "需要帮助", 72, "center", fixed=True),
    Column("cadre_name", "回访干部", 72, fixed=True),
]
SUBSIDY_VIEWS = {"unpaid": "符合条件未发放", "soon": "30天内将符合", "paid": "已发放"}


class PlacementsScreen(ttk.Frame):
    """Two tabs: 就业跟踪 and 稳岗补贴."""

    def __init__(self, master: tk.Misc, app: Workbench) -> None:
        super().__init__(master, padding=app.theme.pad_large)
        self.app = app
        self.create_widgets()
        self.refresh()

    def create_widgets(self) -> None:
        _header, self.notebook = tabbed_page(self, self.app.theme, "就业跟踪与稳岗补贴")
        self.placements_tab = self._placements_tab()
        self.subsidy_tab = self._subsidy_tab()
        self.notebook.add(self.placements_tab, text="就业跟踪")
        self.notebook.add(self.subsidy_tab, text="稳岗补贴")

    # Placements ------------------------------------------------------------------------

    def _placements_tab(self) -> ttk.Frame:
        t = self.app.theme
        tab, bar = card_tab(self.notebook, t)
        again = self._filtered
        self.search = search_box(bar, t, "姓名、单位或岗位", 20, again)
        self.stage_filter = filter_choice(
            bar, t, "环节", "只看这一环节的人", PLACEMENT_STAGE, again
        )
        self.place_filter = filter_choice(
            bar, t, "地点", "只看在这里务工的人", vocab.DESTINATION, again
        )
        self.buttons = button_bar(
            bar,
            [
                ("登记就业", "TButton", self.new_placement, "登记自己找到的工作或其他就业"),
                ("下一环节", "Accent.TButton", self.next_stage, "面试、录用、上岗、离岗或重新上岗"),
                ("在岗回访…", "TButton", self.record_check, "记录一次电话或上门回访：是否在岗"),
                ("编辑", "TButton", self.edit, "修改单位、地点、月收入、是否有组织输出"),
                ("打开农户", "TButton", self.open_household, "查看此人所在的农户"),
                ("修改记录", "TButton", self.show_changes, "何时、谁、在哪台电脑上改了什么"),
                ("删除", "Danger.TButton", self.delete, "把这条就业记录放进回收站"),
            ],
        )
        self.table = PagedTable(tab, PLACEMENT_COLUMNS, self._fetch, unit="人次")
        self.table.grid(row=1, column=0, sticky="nsew", pady=(t.pad, 0))
        on_selection(self.table, self._selected)
        self.table.on_open(lambda _id: self.next_stage())
        # The stage history and the follow-ups side by side: stacked, they would leave
        # the list above three rows on a 768-pixel laptop screen.
        detail = ttk.Frame(tab, style="Card.Inner.TFrame")
        detail.grid(row=2, column=0, sticky="ew", pady=(t.pad, 0))
        detail.columnconfigure(0, weight=2, uniform="detail")
        detail.columnconfigure(1, weight=3, uniform="detail")
        self.history = ReadOnlyText(detail, height=5)
        self.history.grid(row=0, column=0, sticky="nsew", padx=(0, t.pad))
        self._checks_pane(detail).grid(row=0, column=1, sticky="nsew")
        return tab

    def _checks_pane(self, tab: ttk.Frame) -> ttk.Frame:
        """The selected placement's follow-ups, the latest first, and 删除 for a mistake."""
        pane = ttk.Frame(tab, style="Card.Inner.TFrame")
        pane.columnconfigure(0, weight=1)
        self.checks_heading = ttk.Label(pane, text="", style="Card.TLabel")
        self.checks_heading.grid(row=0, column=0, sticky="w")
        self.button_delete_check = ttk.Button(
            pane, text="删除回访记录", style="Card.Link.TButton", command=self.delete_check
        )
        self.button_delete_check.grid(row=0, column=1, sticky="e")
        attach_tooltip(self.button_delete_check, "记错了的回访放进回收站（已改的环节不变）")
        self.checks: list[dict] = []
        self.checks_table = ListTable(
            pane, CHECK_COLUMNS, lambda: self.checks, empty_text="还没有在岗回访记录", height=3
        )
        self.checks_table.grid(row=1, column=0, columnspan=2, sticky="nsew")
        on_selection(self.checks_table, self._check_selected)
        return pane

    def _filtered(self) -> None:
        self.table.refresh(reset_page=True)

    def _fetch(self, page: int, page_size: int) -> tuple[list[dict], int]:
        return placements.list_placements(
            stage=self.stage_filter.get() or None,
            text=self.search.get(),
            place=self.place_filter.get() or None,
            page=page - 1,
            page_size=page_size,
        )

    def _selected(self) -> None:
        row = self.table.selected_row()
        for text, button in self.buttons.items():
            if text != "登记就业":
                button.state(["!disabled"] if row else ["disabled"])
        if row and not NEXT_STAGES.get(row["stage"]):
            self.buttons["下一环节"].state(["disabled"])
        if row and row["stage"] != "working":
            self.buttons["在岗回访…"].state(["disabled"])
        status = self._status(row)
        self.history.show(self._history(row, status))
        self._show_checks(status)

    def _status(self, row: dict | None) -> dict | None:
        if row is None:
            return None
        try:
            return work_checks.placement_status(row["id"])
        except NotFoundError:
            return None

    def _show_checks(self, status: dict | None) -> None:
        self.checks = status["checks"] if status else []
        self.checks_heading.configure(
            text=f"在岗回访记录（{len(self.checks)} 次）" if status else "在岗回访记录"
        )
        self.checks_table.refresh()
        self._check_selected()

    def _check_selected(self) -> None:
        chosen = self.checks_table.selected_id()
        self.button_delete_check.state(["!disabled"] if chosen else ["disabled"])

    def _history(self, row: dict | None, status: dict | None) -> list[tuple[str, str]]:
        if row is None:
            return [("选中一行查看各环节的日期和在岗回访", "heading")]
        try:
            events = placements.get_placement(row["id"])["events"]
        except NotFoundError:
            return []
        steps = "　→　".join(
            f"{e['stage_label']} {e['event_date'].isoformat()}"
            + (f"（{e['notes']}）" if e["notes"] else "")
            for e in events
        )
        parts = [
            (f"{row['name']}　{row['employer_name']} {row['position']}\n", "heading"),
            (steps, ""),
        ]
        if status and status["due"]:
            due = f"下次回访：{status['due'].isoformat()}（{status['due_label']}）"
            late = status.get("overdue_days")
            parts.append((f"\n{due}" + (f"，已逾期 {late} 天" if late else ""), "heading"))
        return parts

    def next_stage(self) -> StageDialog | None:
        row = self.table.selected_row()
        if row and NEXT_STAGES.get(row["stage"]):
            return StageDialog(self, self.app, row["id"], on_saved=self._saved)

    def record_check(self) -> WorkCheckDialog | None:
        row = self.table.selected_row()
        if row and row["stage"] == "working":
            return WorkCheckDialog(self, self.app, row["id"], on_saved=self._saved)

    def delete_check(self) -> None:
        chosen = self.checks_table.selected_row()
        row = self.table.selected_row()
        if not (chosen and row):
            return
        question = f"把{row['name']} {chosen['checked_on'].isoformat()} 的在岗回访记录放进回收站？"
        if self._to_recycle_bin(
            "删除回访记录",
            question,
            lambda: work_checks.delete_check(chosen["id"]),
            "已删除在岗回访记录，可在回收站恢复",
        ):
            self._selected()

    def _to_recycle_bin(self, title: str, question: str, delete, done: str) -> bool:
        """Ask, put the record in the recycle bin and say so; whether it went."""
        if not dialogs.ask_yes_no(self, title, question):
            return False
        try:
            delete()
        except (NotFoundError, ConflictError) as error:
            dialogs.show_error(self, "无法删除", str(error))
            return False
        self.app.notify(done)
        self.app.data_changed()
        return True

    def edit(self) -> PlacementEditDialog | None:
        row = self.table.selected_row()
        if row:
            return PlacementEditDialog(self, self.app, row["id"], on_saved=self._saved)

    def new_placement(self) -> NewPlacementDialog:
        return NewPlacementDialog(self, self.app, on_saved=self._saved)

    def _saved(self, record: dict) -> None:
        self.refresh()
        self.table.select(record["id"])
        self._selected()

    def show_changes(self) -> None:
        from casework.ui.sync.history_view import open_history

        row = self.table.selected_row()
        label = f"{row['name']} {row['employer_name']} {row['position']}".strip() if row else ""
        self.dialog = open_history(self, self.app, "placement", row and row["id"], label)

    def open_household(self) -> None:
        row = self.table.selected_row()
        if row:
            self.app.open_household(row["household_id"])

    def delete(self) -> None:
        row = self.table.selected_row()
        if row:
            self._to_recycle_bin(
                "删除就业记录",
                f"把{row['name']}在{row['employer_name']}的就业记录放进回收站？",
                lambda: placements.delete_placement(row["id"]),
                "已删除就业记录，可在回收站恢复",
            )

    # Subsidy ---------------------------------------------------------------------------

    def _subsidy_tab(self) -> ttk.Frame:
        t = self.app.theme
        tab = ttk.Frame(self.notebook, style="Card.TFrame", padding=t.pad_large)
        tab.columnconfigure(0, weight=1)
        tab.rowconfigure(2, weight=1)
        top = ttk.Frame(tab, style="Card.Inner.TFrame")
        top.grid(row=0, column=0, sticky="ew")
        self.rules_label = ttk.Label(top, text="", style="Card.TLabel")
        self.rules_label.pack(side="left")
        self.button_settings = ttk.Button(
            top, text="修改设置", style="Card.Link.TButton", command=self.edit_settings
        )
        self.button_settings.pack(side="left", padx=(t.pad, 0))
        attach_tooltip(self.button_settings, "各旗县、各年度的补贴标准不同，在这里设置")
        bar = ttk.Frame(tab, style="Card.Inner.TFrame")
        bar.grid(row=1, column=0, sticky="ew", pady=(t.pad, 0))
        self.view = tk.StringVar(self, value="unpaid")
        self.view_buttons = {}
        for code, label in SUBSIDY_VIEWS.items():
            button = ttk.Radiobutton(
                bar,
                text=label,
                value=code,
                variable=self.view,
                style="Card.TRadiobutton",
                command=self.show_subsidy,
            )
            button.pack(side="left", padx=(0, t.pad_large))
            self.view_buttons[code] = button
        self.button_pay = ttk.Button(
            bar, text="登记发放", style="Accent.TButton", command=self.record_payment
        )
        self.button_pay.pack(side="right")
        attach_tooltip(self.button_pay, "补贴已发到本人手中后，登记发放日期和金额")
        self.subsidy_table = ListTable(
            tab, SUBSIDY_COLUMNS, self._subsidy_rows, empty_text="没有符合条件的人", height=10
        )
        self.subsidy_table.grid(row=2, column=0, sticky="nsew", pady=(t.pad, 0))
        on_selection(self.subsidy_table, self._subsidy_selected)
        self.evidence = ReadOnlyText(tab, height=3)
        self.evidence.grid(row=3, column=0, sticky="ew", pady=(t.pad, 0))
        return tab

    def _subsidy_rows(self) -> list[dict]:
        view = self.view.get()
        if view == "soon":
            return subsidy.due_soon(30)
        return subsidy.paid_list() if view == "paid" else subsidy.eligible_unpaid()

    def show_subsidy(self) -> None:
        rules = subsidy.settings()
        summing = "，中断后累计" if rules["sum_periods"] else ""
        self.rules_label.configure(
            text=f"补贴标准：{rules['amount']}元；有组织输出到{rules['region_label']}、"
            f"连续在岗满{rules['months']}个月{summing}"
        )
        self.subsidy_table.refresh()
        self._subsidy_selected()

    def _subsidy_selected(self) -> None:
        row = self.subsidy_table.selected_row()
        can_pay = bool(row and row["eligible"] and not row["paid"])
        self.button_pay.state(["!disabled"] if can_pay else ["disabled"])
        self.evidence.show(_evidence(row))

    def record_payment(self) -> PaymentDialog | None:
        row = self.subsidy_table.selected_row()
        if row and row["eligible"] and not row["paid"]:
            return PaymentDialog(self, self.app, row, on_saved=lambda _r: self.show_subsidy())

    def edit_settings(self) -> SubsidySettingsDialog:
        return SubsidySettingsDialog(self, self.app, on_saved=lambda _r: self.show_subsidy())

    # The screen contract ---------------------------------------------------------------

    def refresh(self) -> None:
        self.table.refresh()
        self._selected()
        self.show_subsidy()

    def focus_default(self) -> None:
        self.search.focus()


def _evidence(row: dict | None) -> list[tuple[str, str]]:
    """The follow-ups that show the person stayed at work: the subsidy's evidence, in
    sum (the row's own words) and one line each."""
    if row is None:
        return [("选中一人查看在岗回访记录（连续在岗的依据）", "heading")]
    try:
        checks = work_checks.checks_of(row["placement_id"])
    except NotFoundError:
        return []
    heading = f"{row['name']}：{row['evidence']}"
    if not checks:
        return [(heading + "，发放前请先回访核实是否在岗", "heading")]
    lines = []
    for check in checks:
        pay = f"，月收入{check['monthly_pay']}元" if check["monthly_pay"] is not None else ""
        problems = f"，{check['problems']}" if check["problems"] else ""
        who = f"（{check['cadre_name']}）" if check["cadre_name"] else ""
        lines.append(
            f"\n{check['checked_on'].isoformat()} {check['method_label']} "
            f"{check['outcome_label']}{pay}{problems}{who}"
        )
    return [(heading, "heading"), ("".join(lines), "")]
