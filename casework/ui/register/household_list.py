"""农户名册: find households by search and filters, page through them, open or visit one."""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from tkinter import ttk

from casework import clock
from casework.services.register import areas, cadres, listing, search_members
from casework.ui.kit.widgets import ChoiceField, Column, PagedTable, SearchBox, attach_tooltip
from casework.ui.kit.workbench import Workbench
from casework.vocab import HOUSEHOLD_STATUS

PAGE_SIZE = 50
SEARCH_PLACEHOLDER = "姓名、拼音首字母、身份证号、电话或户编号"
TOO_BROAD = "匹配的人太多，只显示了一部分，请继续输入"
ALL = "全部"
EMPTY_REGISTER = "还没有农户：先在“地区管理”中添加苏木乡镇和嘎查村，再点“新增农户”。"
CADRE_HELP = "只看这位干部走访过的农户"

COLUMNS = [
    Column("code", "户编号", 130, sortable=True),
    Column("head_name", "户主", 90, sortable=True),
    Column("area_label", "所在地", 250),
    Column("status_label", "类型", 90, sortable=True),
    Column("member_count", "人口", 60, "center", sortable=True),
    Column("last_visit_date", "最近走访", 100, "center", sortable=True),
    Column("next_visit_date", "下次走访", 100, "center", sortable=True),
    # While searching: the member who matched, when not the head (张树林 finds 张德明户).
    Column("matched_text", "匹配", 130),
]
# The table sorts by the column it shows; the service by the field behind it.
SORT_FIELD = {"status_label": "status"}


def cadre_choices() -> dict[str, str]:
    """The 走访干部 filter's list: 全部, then each cadre of this laptop."""
    return {"": ALL, **{c["id"]: c["name"] for c in cadres.list_cadres()}}


def compact_choice(master: tk.Misc, label: str, help: str, width: int = 12) -> ChoiceField:
    """A filter drop-down: "全部" means no filter, and no line is kept for an error."""
    field = ChoiceField(master, label, help=help, width=width)
    # Marked required only so the list has no blank entry: "全部" is the empty choice.
    field.required = True
    field.error_label.grid_remove()
    field.rowconfigure(2, minsize=0)
    return field


class HouseholdListScreen(ttk.Frame):
    """The register of households: search box, filters, one page of the list at a time."""

    def __init__(self, master: tk.Misc, app: Workbench) -> None:
        super().__init__(master, padding=app.theme.pad_large)
        self.app = app
        self.too_broad = False
        self._area_rows: list[dict] = []
        self.follow_up_days = cadres.follow_up_days()
        self.create_widgets()
        self._load_choices()
        self.table.refresh()

    # Building ------------------------------------------------------------------------

    def create_widgets(self) -> None:
        t = self.app.theme
        self.columnconfigure(0, weight=1)
        self.rowconfigure(1, weight=1)
        header = ttk.Frame(self)
        header.grid(row=0, column=0, sticky="ew", pady=(0, t.pad))
        ttk.Label(header, text="农户名册", style="Title.TLabel").pack(side="left")
        self.button_new = ttk.Button(
            header, text="新增农户", style="Accent.TButton", command=self.new_household
        )
        self.button_new.pack(side="right")
        self.button_visit = ttk.Button(header, text="走访", command=self.visit_selected)
        self.button_visit.pack(side="right", padx=(0, t.pad))
        self.button_open = ttk.Button(header, text="打开", command=self.open_selected)
        self.button_open.pack(side="right", padx=(0, t.pad))
        attach_tooltip(self.button_new, "登记一户新的农户")
        attach_tooltip(self.button_visit, "为选中的农户记录一次走访")
        attach_tooltip(self.button_open, "查看选中农户的详情（回车或双击也可以）")
        card = ttk.Frame(self, style="Card.TFrame", padding=t.pad_large)
        card.grid(row=1, column=0, sticky="nsew")
        card.columnconfigure(0, weight=1)
        card.rowconfigure(2, weight=1)
        self._build_filters(card)
        self.hint = ttk.Label(card, text="", style="Card.Warning.TLabel")
        self.hint.grid(row=1, column=0, sticky="w", pady=(t.pad_small, 0))
        self.table = PagedTable(card, COLUMNS, self._fetch, page_size=PAGE_SIZE, unit="户")
        self.table.grid(row=2, column=0, sticky="nsew", pady=(t.pad, 0))
        self.table.on_open(self.app.open_household)
        self.table.on_select(lambda _id: self._update_buttons())
        self.table.tree.bind("<Up>", self._up_from_table, add="+")
        self._update_buttons()

    def _build_filters(self, card: ttk.Frame) -> None:
        t = self.app.theme
        bar = ttk.Frame(card, style="Card.Inner.TFrame")
        bar.grid(row=0, column=0, sticky="ew")
        bar.columnconfigure(0, weight=1)
        search_column = ttk.Frame(bar, style="Card.Inner.TFrame")
        search_column.grid(row=0, column=0, sticky="new", padx=(0, t.pad_large))
        search_column.columnconfigure(0, weight=1)
        ttk.Label(search_column, text="查找", style="Card.TLabel").grid(
            row=0, column=0, sticky="w", pady=(0, t.px(2))
        )
        self.search = SearchBox(search_column, SEARCH_PLACEHOLDER, width=34)
        self.search.grid(row=1, column=0, sticky="ew")
        self.search.on_search(lambda _text: self._filters_changed())
        self.search.widget.bind("<Down>", self._down_from_search)
        attach_tooltip(self.search.widget, "边输入边查找；↓ 进入列表，回车打开农户")
        self.township = compact_choice(bar, "苏木乡镇", "只看这个苏木乡镇的农户")
        self.village = compact_choice(bar, "嘎查村", "只看这个嘎查村的农户（先选苏木乡镇）")
        self.status_filter = compact_choice(bar, "类型", "只看这一类农户", width=10)
        self.visit_filter = compact_choice(bar, "走访", "按最近一次走访的时间筛选", width=14)
        self.cadre_filter = compact_choice(bar, "走访干部", CADRE_HELP, width=10)
        fields = (
            self.township,
            self.village,
            self.status_filter,
            self.visit_filter,
            self.cadre_filter,
        )
        for column, field in enumerate(fields, start=1):
            field.grid(row=0, column=column, sticky="nw", padx=(0, t.pad))
            field.on_change(self._filters_changed)
        self.township.on_change(self._township_changed)
        self.status_filter.set_choices({"": ALL, **HOUSEHOLD_STATUS})
        self.status_filter.set("")
        self.button_clear = ttk.Button(
            bar, text="清除筛选", style="Card.Link.TButton", command=self.clear_filters
        )
        self.button_clear.grid(row=0, column=len(fields) + 1, sticky="sw", pady=(0, t.px(4)))

    def _load_choices(self) -> None:
        """Fill the township, village and visit drop-downs (areas may have been renamed)."""
        self._area_rows = areas.area_tree()
        townships = {r["id"]: r["name"] for r in self._area_rows if r["level"] == "township"}
        self.township.set_choices({"": ALL, **townships})
        if not self.township.get():
            self.township.set("")
        self._fill_villages()
        days = self.follow_up_days
        self.visit_filter.set_choices(
            {
                "": ALL,
                "recent": f"{days}天内走访过",
                "overdue": f"{days}天未走访",
                "due": "已到回访日期",
            }  # fmt: skip
        )
        if not self.visit_filter.get():
            self.visit_filter.set("")
        self.cadre_filter.set_choices(cadre_choices())
        if not self.cadre_filter.get():
            self.cadre_filter.set("")

    def _fill_villages(self) -> None:
        township_id = self.township.get()
        villages = {
            r["id"]: r["name"]
            for r in self._area_rows
            if r["level"] == "village" and r["parent_id"] == township_id
        }
        self.village.set_choices({"": ALL, **villages})
        if not self.village.get():
            self.village.set("")
        self.village.set_enabled(bool(township_id))

    # Fetching ------------------------------------------------------------------------

    def current_filter(self) -> listing.HouseholdFilter:
        """The service filter for what the search box and drop-downs say now."""
        since = clock.today() - dt.timedelta(days=self.follow_up_days)
        visit = self.visit_filter.get()
        return listing.HouseholdFilter(
            text=self.search.get(),
            township_id=self.township.get() or None,
            village_id=self.village.get() or None,
            status=self.status_filter.get() or None,
            visited_since=since if visit == "recent" else None,
            not_visited_since=since if visit == "overdue" else None,
            due_by=clock.today() if visit == "due" else None,
            cadre_id=self.cadre_filter.get() or None,
        )

    def _fetch(self, page: int, page_size: int) -> tuple[list[dict], int]:
        key = self.table.sort_key or "code"
        result = listing.household_page(
            self.current_filter(),
            SORT_FIELD.get(key, key),
            self.table.sort_descending,
            page - 1,
            page_size,
        )
        self.too_broad = result.too_broad
        hint = TOO_BROAD if result.too_broad else ""
        if result.total == 0 and self.current_filter() == listing.HouseholdFilter():
            hint = EMPTY_REGISTER
        self.hint.configure(text=hint)
        self._show_matches(result.rows)
        # Only takes room when it has something to say (rarely): the list gets the rest.
        if hint:
            self.hint.grid()
        else:
            self.hint.grid_remove()
        return result.rows, result.total

    def _show_matches(self, rows: list[dict]) -> None:
        text = self.search.get()
        found = search_members.matched_members(text, [r["id"] for r in rows]) if text else {}
        for row in rows:
            match = found.get(row["id"])
            row["matched_text"] = match.text(row["head_name"]) if match else ""

    def _filters_changed(self) -> None:
        self.table.refresh(reset_page=True)
        self._update_buttons()

    def _township_changed(self) -> None:
        self.village.set("")
        self._fill_villages()

    def clear_filters(self) -> None:
        for field in (self.township, self.status_filter, self.visit_filter, self.cadre_filter):
            field.set("")
        self._fill_villages()
        self.search.var.set("")
        self.search.search_now()
        self.search.focus()

    # Actions ---------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        state = ["!disabled"] if self.table.selected_id() else ["disabled"]
        self.button_visit.state(state)
        self.button_open.state(state)

    def open_selected(self) -> None:
        household_id = self.table.selected_id()
        if household_id:
            self.app.open_household(household_id)

    def visit_selected(self) -> None:
        household_id = self.table.selected_id()
        if household_id:
            self.app.new_visit(household_id)

    def new_household(self) -> None:
        from casework.ui.register.household_form import HouseholdForm

        HouseholdForm(self, self.app, household_id=None, on_saved=self._household_saved)

    def _household_saved(self, household: dict) -> None:
        # The form has already said so and refreshed the list; go on to the new household.
        self.app.open_household(household["id"])

    # Keyboard ------------------------------------------------------------------------

    def _down_from_search(self, _event: object = None) -> str:
        children = self.table.tree.get_children()
        if children:
            self.table.tree.focus_set()
            if not self.table.selected_id():
                self.table.select(children[0])
        return "break"

    def _up_from_table(self, _event: object = None) -> str | None:
        children = self.table.tree.get_children()
        if children and self.table.tree.focus() == children[0]:
            self.search.focus()
            return "break"
        return None

    # The screen contract -------------------------------------------------------------

    def refresh(self) -> None:
        """Show the records as they are now, keeping search, filters, page and selection."""
        self.follow_up_days = cadres.follow_up_days()
        self._load_choices()
        self.table.refresh()
        self._update_buttons()

    def focus_default(self) -> None:
        self.search.focus()

    def focus_search(self) -> None:
        self.search.focus()
