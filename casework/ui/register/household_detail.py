"""The household detail screen (户详情): the household's facts, its members, visits and wishes."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import Any

from casework.masking import masked_row
from casework.services.common import ConflictError, NotFoundError
from casework.services.register import households, people, trash, visits, wishes
from casework.services.sync import history
from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import ListTable, ReadOnlyText
from casework.ui.kit.table import cell_text
from casework.ui.kit.theme import PAD, PAD_LARGE, px
from casework.ui.kit.workbench import Workbench
from casework.ui.register.household_actions import HouseholdActions
from casework.ui.register.household_form import HouseholdForm
from casework.ui.register.household_header import HouseholdHeader
from casework.ui.register.member_form import MemberForm
from casework.ui.register.visit_form import VisitForm
from casework.ui.register.wish_form import WishForm, WishHistoryWindow
from casework.ui.sync.history_view import HistoryPanel

# The lists' columns are data: one line holds several.
# fmt: off
MEMBER_COLUMNS = [
    ("name", "姓名", 70), ("relation_label", "与户主关系", 75), ("gender_label", "性别", 40),
    ("age", "年龄", 40, "e"), ("ethnicity_label", "民族", 60), ("id_number", "身份证号", 160),
    ("phone", "电话", 100), ("health_label", "健康", 80), ("work_status_label", "务工状况", 95),
    ("wish_summary", "当前就业意愿", 230),
]
VISIT_COLUMNS = [
    ("visit_date", "日期", 90), ("kind_label", "类型", 70), ("cadres", "走访干部", 120),
    ("met", "见到", 120), ("situation_short", "了解情况", 380),
    ("next_visit_date", "下次走访", 90),
]
WISH_COLUMNS = [
    ("name", "姓名", 70), ("willing_label", "是否外出", 70), ("destinations_label", "意向地", 110),
    ("job_kinds", "工种", 130), ("expected_pay", "期望月薪", 70, "e"),
    ("available_from", "可到岗", 90), ("constraints_label", "制约", 120),
    ("status_label", "状态", 100), ("recorded_on", "登记日期", 90),
]
# fmt: on
SHORT_TEXT = 40


class HouseholdDetailScreen(HouseholdActions, ttk.Frame):
    """One household: a header card with its facts and actions, and tabs of its records."""

    def __init__(self, master: tk.Misc, app: Workbench, household_id: str) -> None:
        super().__init__(master, padding=px(master, PAD_LARGE))
        self.app = app
        self.household_id = household_id
        self.household: dict | None = None
        self.members: list[dict] = []
        self.current_wishes: dict[str, dict] = {}
        #: The dialog or window opened last (tests drive it).
        self.dialog: tk.Toplevel | None = None
        self._build_header()
        self._build_tabs()
        self._bind_keys()
        self.refresh()

    # Building ------------------------------------------------------------------------------

    def _build_header(self) -> None:
        self.header = HouseholdHeader(
            self,
            on_back=self.app.back,
            on_new_visit=self.new_visit,
            on_edit=self.edit_household,
            on_delete=self.delete_household,
            exports={
                "一户一档（Word）…": self.export_household_file,
                "走访日志（Word）…": self.export_visit_log,
            },
        )
        self.header.pack(fill="x")
        # The header's widgets under the screen's own names too, which tests drive.
        self.title_label, self.facts = self.header.title_label, self.header.facts
        self.button_back = self.header.button_back
        self.button_new_visit = self.header.button_new_visit
        self.button_edit = self.header.button_edit
        self.button_delete = self.header.button_delete

    def _build_tabs(self) -> None:
        self.notebook = ttk.Notebook(self)
        self.notebook.pack(fill="both", expand=True, pady=(px(self, PAD), 0))
        member_buttons = [
            ("button_add_member", "新增成员 (Ctrl+M)", self.add_member),
            ("button_edit_member", "编辑", self.edit_member),
            ("button_delete_member", "删除", self.delete_member),
            ("button_record_wish", "登记就业意愿", self.record_wish),
            ("button_wish_history", "意愿历史", self.show_wish_history),
            ("button_resume", "简历", self.open_resume),
            ("button_suggest_postings", "推荐岗位", self.suggest_postings),
            ("button_record_placement", "登记就业", self.record_placement),
        ]
        self.member_tab, self.member_table = self._list_tab(
            MEMBER_COLUMNS,
            self._member_rows,
            "还没有登记家庭成员，按 Ctrl+M 新增",
            self.edit_member,
            member_buttons,
        )
        self.visit_tab = self._tab()
        self._build_visit_tab(self.visit_tab)
        wish_buttons = [
            ("button_record_wish_2", "登记就业意愿", self.record_wish),
            ("button_wish_history_2", "意愿历史", self.show_wish_history),
            ("button_wish_changes", "修改记录", self.show_wish_changes),
        ]
        self.wish_tab, self.wish_table = self._list_tab(
            WISH_COLUMNS, self._wish_rows, "还没有登记家庭成员", self.record_wish, wish_buttons
        )
        self.history_tab = self._tab()
        self.history_panel = HistoryPanel(
            self.history_tab, self.app, self._household_changes, with_record=True
        )
        self.history_panel.pack(fill="both", expand=True)

    def _list_tab(
        self,
        columns: list,
        load: Callable[[], list[dict]],
        empty_text: str,
        on_open: Callable[[], None],
        buttons: list,
    ) -> tuple[ttk.Frame, ListTable]:
        """A tab holding a list with a row of buttons under it; Enter on a row: `on_open`."""
        tab = self._tab()
        table = ListTable(tab, columns, load, empty_text=empty_text)
        table.on_open(lambda _row: on_open())
        self._buttons(tab, buttons)  # packed first, so the list gives way, not the buttons
        table.pack(fill="both", expand=True)
        return tab, table

    def _tab(self) -> ttk.Frame:
        frame = ttk.Frame(self.notebook, style="Card.Inner.TFrame", padding=px(self, PAD))
        self.notebook.add(frame, text="")
        return frame

    def _buttons(self, tab: ttk.Frame, specs: list[tuple[str, str, Callable[[], None]]]) -> None:
        bar = ttk.Frame(tab, style="Card.Inner.TFrame")
        bar.pack(side="bottom", fill="x", pady=(px(self, PAD), 0))
        for name, text, command in specs:
            style = "Danger.TButton" if text == "删除" else "TButton"
            button = ttk.Button(bar, text=text, style=style, command=command)
            button.pack(side="left", padx=(0, px(self, PAD)))
            setattr(self, name, button)

    def _build_visit_tab(self, tab: ttk.Frame) -> None:
        panes = ttk.Panedwindow(tab, orient="vertical")
        self.visit_table = ListTable(
            panes,
            VISIT_COLUMNS,
            self._visit_rows,
            height=6,
            empty_text="还没有走访记录，按 Ctrl+N 新增",
        )
        self.visit_table.on_open(lambda _row: self.edit_visit())
        self.visit_table.on_select(self._show_visit_detail)
        self.visit_text = ReadOnlyText(panes, height=6)
        panes.add(self.visit_table, weight=3)
        panes.add(self.visit_text, weight=2)
        buttons = [
            ("button_add_visit", "新增走访", self.new_visit),
            ("button_edit_visit", "编辑", self.edit_visit),
            ("button_delete_visit", "删除", self.delete_visit),
            ("button_visit_changes", "修改记录", self.show_visit_changes),
        ]
        self._buttons(tab, buttons)  # created after the list, so Tab reaches the list first
        panes.pack(fill="both", expand=True)

    def _bind_keys(self) -> None:
        # A bind tag on every widget of the screen: the keys work while the screen has the
        # focus, and stop with it, without touching the main window's own bindings.
        self._tag = f"HouseholdDetail{id(self)}"
        keys = {"<Alt-Left>": self.go_back, "<Escape>": self.go_back}
        for letter, action in (
            ("n", self.new_visit),
            ("m", self.add_member),
            ("e", self.edit_household),
        ):
            keys[f"<Control-{letter}>"] = keys[f"<Control-{letter.upper()}>"] = action
        for sequence, action in keys.items():
            self.bind_class(self._tag, sequence, lambda _e, act=action: (act(), "break")[1])
        self._tag_tree(self)

    def _tag_tree(self, widget: tk.Misc) -> None:
        tags = list(widget.bindtags())
        if self._tag not in tags:
            tags.insert(max(1, len(tags) - 2), self._tag)  # after the class, before toplevel
            widget.bindtags(tuple(tags))
        for child in widget.winfo_children():
            self._tag_tree(child)

    def destroy(self) -> None:
        for sequence in self.bind_class(getattr(self, "_tag", "")) or ():
            self.unbind_class(self._tag, sequence)
        super().destroy()

    # Showing -------------------------------------------------------------------------------

    def focus_default(self) -> None:
        self.notebook.select(self.member_tab)
        self.member_table.tree.focus_set()

    def refresh(self) -> None:
        """Read the household and its records again and show them."""
        try:
            self.household = households.get_household(self.household_id)
        except NotFoundError:
            self.household = None
        self._show_household()
        if self.household:
            self.members = people.list_members(self.household_id)
            self.current_wishes = wishes.current_wishes(self.household_id)
        else:
            self.members, self.current_wishes = [], {}
        for table in (self.member_table, self.visit_table, self.wish_table, self.history_panel):
            table.refresh()
        self.notebook.tab(self.member_tab, text=f"家庭成员 ({len(self.members)})")
        self.notebook.tab(self.visit_tab, text=f"走访记录 ({self.visit_table.total})")
        self.notebook.tab(self.wish_tab, text=f"就业意愿 ({len(self.current_wishes)})")
        self.notebook.tab(self.history_tab, text="修改记录")
        self._show_visit_detail(self.visit_table.selected_id())

    def _show_household(self) -> None:
        self.header.show(self.household)
        for button in (self.button_add_member, self.button_add_visit):
            button.state(["!disabled"] if self.household else ["disabled"])

    def _member_rows(self) -> list[dict]:
        rows = []
        for member in self.members:
            wish = self.current_wishes.get(member["id"])
            shown = masked_row(member)  # the member's own form shows the full numbers
            rows.append(shown | {"wish_summary": wish["summary"] if wish else ""})
        return rows

    def _wish_rows(self) -> list[dict]:
        rows = []
        for member in self.members:
            wish = self.current_wishes.get(member["id"]) or {"willing_label": "未登记"}
            rows.append(wish | {"id": member["id"], "name": member["name"]})
        return rows

    def _visit_rows(self) -> list[dict]:
        if self.household is None:
            return []
        rows = visits.list_visits(self.household_id)
        for row in rows:
            row["cadres"] = "、".join(row["cadre_names"])
            row["met"] = "、".join(row["person_names"])
            text = " ".join((row["situation"] or row["requests"] or row["actions"] or "").split())
            row["situation_short"] = text if len(text) <= SHORT_TEXT else text[:SHORT_TEXT] + "…"
        return rows

    def _show_visit_detail(self, visit_id: str | None) -> None:
        row = self.visit_table.rows.get(visit_id or "")
        if row is None:
            self.visit_text.show([("选中一条走访记录，在这里查看全文。", "heading")])
            return
        parts = [
            (
                f"{cell_text(row['visit_date'])}　{row['kind_label']}　"
                f"走访干部：{row['cadres'] or '—'}　见到：{row['met'] or '—'}　"
                f"下次走访：{cell_text(row['next_visit_date']) or '未定'}\n",
                "",
            )
        ]
        for key, label in (
            ("situation", "了解情况"),
            ("requests", "群众诉求"),
            ("actions", "帮扶措施"),
        ):
            parts += [(f"\n{label}\n", "heading"), ((row[key] or "—") + "\n", "")]
        self.visit_text.show(parts)

    def _household_changes(self, _page: int, _size: int, show_full: bool) -> tuple[list, int]:
        rows = history.household_history(self.household_id, show_full) if self.household else []
        return rows, len(rows)

    # Actions -------------------------------------------------------------------------------

    def _changed(self, _record: object = None) -> None:
        self.refresh()

    def go_back(self) -> None:
        self.app.back()

    def new_visit(self) -> None:
        if self.household:
            self.app.new_visit(self.household_id)

    def edit_household(self) -> None:
        if self.household:
            self.dialog = HouseholdForm(self, self.app, self.household_id, on_saved=self._changed)

    def delete_household(self) -> None:
        h = self.household
        if h is None:
            return
        name = f"{h['code']} {h['head_name'] or ''}户".strip()
        question = (
            f"确定删除 {name} 吗？\n该户的家庭成员、走访记录和就业意愿将一并删除，"
            "以后可以从“回收站”恢复。"
        )
        if not dialogs.ask_yes_no(self, "删除农户", question):
            return
        if self._run(trash.delete_household, self.household_id):
            self.app.notify(f"已删除 {name}，可在回收站恢复")
            self.app.data_changed()
            self.app.back()

    def add_member(self) -> None:
        if self.household:
            self.dialog = MemberForm(self, self.app, self.household_id, on_saved=self._changed)

    def edit_member(self) -> None:
        person_id = self._selected_person(self.member_table)
        if person_id:
            self.dialog = MemberForm(
                self, self.app, self.household_id, person_id, on_saved=self._changed
            )

    def delete_member(self) -> None:
        row = self.member_table.selected_row()
        if row is None:
            self.app.notify("请先选中一位家庭成员")
            return
        what = f"家庭成员 {row['name']}（{row['relation_label']}）"
        also = "其就业意愿、简历、培训和就业记录将一并删除，"
        self._delete(what, also, trash.delete_person, row["id"])

    def record_wish(self) -> None:
        person_id = self._selected_person()
        if person_id:
            self.dialog = WishForm(
                self,
                self.app,
                person_id,
                initial=self.current_wishes.get(person_id),
                on_saved=self._changed,
            )

    def show_wish_history(self) -> None:
        person_id = self._selected_person()
        if person_id:
            self.dialog = self._run(
                WishHistoryWindow, self, self.app, person_id, on_changed=self.refresh
            )

    def edit_visit(self) -> None:
        visit_id = self.visit_table.selected_id()
        if visit_id:
            self.dialog = VisitForm(
                self, self.app, self.household_id, visit_id=visit_id, on_saved=self._changed
            )

    def delete_visit(self) -> None:
        row = self.visit_table.selected_row()
        if row is None:
            self.app.notify("请先选中一条走访记录")
            return
        what = f"{cell_text(row['visit_date'])} 的走访记录"
        self._delete(what, "", trash.delete_visit, row["id"])

    def _delete(self, what: str, also: str, delete: Callable[[str], str], record_id: str) -> None:
        question = f"确定删除{what}吗？\n{also}以后可以从“回收站”恢复。"
        if dialogs.ask_yes_no(self, "删除", question) and self._run(delete, record_id):
            self.app.notify(f"已删除{what}，可在回收站恢复")
            self.app.data_changed()
            self.refresh()

    def _selected_person(self, table: ListTable | None = None) -> str | None:
        if table is None:
            on_wishes = self.notebook.select() == str(self.wish_tab)
            table = self.wish_table if on_wishes else self.member_table
        person_id = table.selected_id()
        if person_id is None:
            self.app.notify("请先选中一位家庭成员")
        return person_id

    def _run(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call a service (or open a window that reads one); None, said why, if it failed."""
        try:
            return action(*args, **kwargs)
        except (NotFoundError, ConflictError) as error:
            dialogs.show_error(self, "操作未完成", str(error))
            self.refresh()
            return None
