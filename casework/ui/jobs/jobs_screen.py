"""岗位与用工单位: the postings and the employers, searched and paged, with their dialogs."""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from casework import vocab
from casework.masking import masked_rows
from casework.services.common import ConflictError, NotFoundError
from casework.services.jobs import employers, postings
from casework.ui.jobs.job_forms import EmployerForm, PostingForm, on_selection
from casework.ui.kit import dialogs
from casework.ui.kit.list_tab import button_bar, card_tab, filter_choice, search_box, tabbed_page
from casework.ui.kit.widgets import Column, PagedTable, attach_tooltip
from casework.ui.kit.workbench import Workbench
from casework.vocab_jobs import EMPLOYER_KIND, POSTING_STATUS

ALL = "全部"
POSTING_COLUMNS = [
    Column("employer_name", "用工单位", 150),
    Column("position", "岗位", 100),
    Column("place_label", "地点", 60, "center"),
    Column("headcount", "招聘", 45, "center"),
    Column("placed_count", "已录用", 55, "center"),
    Column("pay_text", "月薪", 90),
    Column("requirements_text", "要求", 170),
    Column("board_lodging_text", "食宿", 65, "center"),
    Column("valid_until", "有效期至", 85, "center"),
    Column("status_label", "状态", 60, "center"),
]
EMPLOYER_COLUMNS = [
    Column("name", "单位名称", 200),
    Column("kind_label", "类别", 100),
    Column("place", "所在地", 100),
    Column("contact", "联系人", 70),
    Column("phone", "联系电话", 110),
    Column("uscc", "统一社会信用代码", 160),
    Column("posting_count", "岗位数", 60, "center"),
]


class JobsScreen(ttk.Frame):
    """Two tabs: 岗位 (postings) and 用工单位 (employers); 导入用工需求表 above them."""

    def __init__(self, master: tk.Misc, app: Workbench) -> None:
        super().__init__(master, padding=app.theme.pad_large)
        self.app = app
        self.create_widgets()
        self.refresh()

    def create_widgets(self) -> None:
        header, self.notebook = tabbed_page(self, self.app.theme, "岗位与用工单位")
        self.button_import = ttk.Button(header, text="导入用工需求表…", command=self.import_sheet)
        self.button_import.pack(side="right")
        attach_tooltip(self.button_import, "从Excel用工需求表批量导入岗位，先预览再决定是否导入")
        self.postings_tab = self._postings_tab()
        self.employers_tab = self._employers_tab()
        self.notebook.add(self.postings_tab, text="岗位")
        self.notebook.add(self.employers_tab, text="用工单位")

    # Postings --------------------------------------------------------------------------

    def _postings_tab(self) -> ttk.Frame:
        t = self.app.theme
        tab, bar = card_tab(self.notebook, t)
        again = self._postings_filtered
        self.posting_search = search_box(bar, t, "单位名称或岗位", 22, again)
        self.status_filter = filter_choice(
            bar, t, "状态", "只看这种状态的岗位", POSTING_STATUS, again, default="open"
        )
        self.place_filter = filter_choice(
            bar, t, "地点", "只看这个工作地点的岗位", vocab.DESTINATION, again
        )
        self.posting_buttons = button_bar(
            bar,
            [
                ("新增岗位", "Accent.TButton", self.new_posting, "登记一个用工单位的新岗位"),
                ("编辑", "TButton", self.edit_posting, "修改选中的岗位（双击也可以）"),
                ("找人选", "TButton", self.match_posting, "按匹配程度列出适合这个岗位的人"),
                ("改状态", "TButton", self.change_status, "招聘中 → 已招满 → 已关闭 → 招聘中"),
                ("删除", "Danger.TButton", self.delete_posting, "把岗位放进回收站"),
            ],
        )
        self.postings = PagedTable(tab, POSTING_COLUMNS, self._fetch_postings, unit="个岗位")
        self.postings.grid(row=1, column=0, sticky="nsew", pady=(t.pad, 0))
        self.postings.on_open(lambda _id: self.edit_posting())
        on_selection(self.postings, self._update_buttons)
        return tab

    def _postings_filtered(self) -> None:
        self.postings.refresh(reset_page=True)

    def _fetch_postings(self, page: int, page_size: int) -> tuple[list[dict], int]:
        return postings.list_postings(
            text=self.posting_search.get(),
            status=self.status_filter.get() or None,
            place=self.place_filter.get() or None,
            page=page - 1,
            page_size=page_size,
        )

    def new_posting(self, employer_id: str | None = None) -> PostingForm:
        return PostingForm(self, self.app, employer_id=employer_id, on_saved=self._posting_saved)

    def edit_posting(self) -> PostingForm | None:
        posting_id = self.postings.selected_id()
        if posting_id:
            return PostingForm(self, self.app, posting_id=posting_id, on_saved=self._posting_saved)

    def _posting_saved(self, record: dict) -> None:
        self.notebook.select(self.postings_tab)
        self.refresh()
        self.postings.select(record["id"])

    def match_posting(self) -> tk.Toplevel | None:
        posting_id = self.postings.selected_id()
        if posting_id:
            from casework.ui.jobs.matching_screen import CandidatesDialog

            return CandidatesDialog(self, self.app, posting_id)

    def change_status(self) -> None:
        row = self.postings.selected_row()
        if row is None:
            return
        order = list(POSTING_STATUS)
        following = order[(order.index(row["status"]) + 1) % len(order)]
        self._call(postings.set_posting_status, row["id"], following)
        self.app.notify(f"{row['position']}：{POSTING_STATUS[following]}")
        self.refresh()

    def delete_posting(self) -> None:
        row = self.postings.selected_row()
        question = f"把岗位“{row['employer_name']} {row['position']}”放进回收站？" if row else ""
        if row and dialogs.ask_yes_no(self, "删除岗位", question):
            if self._call(postings.delete_posting, row["id"]) is not None:
                self.app.notify("已删除岗位，可在回收站恢复")
                self.app.data_changed()

    # Employers -------------------------------------------------------------------------

    def _employers_tab(self) -> ttk.Frame:
        t = self.app.theme
        tab, bar = card_tab(self.notebook, t)
        again = self._employers_filtered
        self.employer_search = search_box(bar, t, "单位名称、地点、联系人或信用代码", 30, again)
        self.kind_filter = filter_choice(
            bar, t, "类别", "只看这类单位", EMPLOYER_KIND, again, width=12
        )
        self.employer_buttons = button_bar(
            bar,
            [
                ("新增用工单位", "Accent.TButton", self.new_employer, "登记北京用工单位或帮扶车间"),
                ("编辑", "TButton", self.edit_employer, "修改选中的单位（双击也可以）"),
                ("新增岗位", "TButton", self.new_posting_for_employer, "为选中的单位登记岗位"),
                ("删除", "Danger.TButton", self.delete_employer, "把单位和它的岗位放进回收站"),
            ],
        )
        self.employers = PagedTable(tab, EMPLOYER_COLUMNS, self._fetch_employers, unit="家")
        self.employers.grid(row=1, column=0, sticky="nsew", pady=(t.pad, 0))
        self.employers.on_open(lambda _id: self.edit_employer())
        on_selection(self.employers, self._update_buttons)
        return tab

    def _employers_filtered(self) -> None:
        self.employers.refresh(reset_page=True)

    def _fetch_employers(self, page: int, page_size: int) -> tuple[list[dict], int]:
        rows, total = employers.list_employers(
            text=self.employer_search.get(),
            kind=self.kind_filter.get() or None,
            page=page - 1,
            page_size=page_size,
        )
        return masked_rows(rows), total  # the employer's form shows the full number

    def new_employer(self) -> EmployerForm:
        return EmployerForm(self, self.app, on_saved=self._employer_saved)

    def edit_employer(self) -> EmployerForm | None:
        employer_id = self.employers.selected_id()
        if employer_id:
            return EmployerForm(
                self, self.app, employer_id=employer_id, on_saved=self._employer_saved
            )

    def _employer_saved(self, record: dict) -> None:
        self.notebook.select(self.employers_tab)
        self.refresh()
        self.employers.select(record["id"])

    def new_posting_for_employer(self) -> PostingForm | None:
        employer_id = self.employers.selected_id()
        if employer_id:
            return self.new_posting(employer_id)

    def delete_employer(self) -> None:
        row = self.employers.selected_row()
        if row is None:
            return
        question = f"把“{row['name']}”和它的{row['posting_count']}个岗位放进回收站？"
        if dialogs.ask_yes_no(self, "删除用工单位", question):
            if self._call(employers.delete_employer, row["id"]) is not None:
                self.app.notify("已删除用工单位，可在回收站恢复")
                self.app.data_changed()

    # Shared ----------------------------------------------------------------------------

    def import_sheet(self) -> tk.Toplevel | None:
        from casework.ui.exchange.postings_import_dialog import start_import

        return start_import(self, self.app)

    def _call(self, function, *args):
        try:
            return function(*args)
        except (NotFoundError, ConflictError, ValueError) as error:
            dialogs.show_error(self, "无法完成", str(error))
            return None

    def _update_buttons(self) -> None:
        for table, buttons, always in (
            (self.postings, self.posting_buttons, "新增岗位"),
            (self.employers, self.employer_buttons, "新增用工单位"),
        ):
            state = ["!disabled"] if table.selected_id() else ["disabled"]
            for text, button in buttons.items():
                if text != always:
                    button.state(state)

    def refresh(self) -> None:
        self.postings.refresh()
        self.employers.refresh()
        self._update_buttons()

    def focus_default(self) -> None:
        self.posting_search.focus()
