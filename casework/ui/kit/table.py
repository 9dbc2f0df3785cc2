"""PagedTable: a list that shows one page of rows fetched on demand, with a pager bar.

A county has 100,000 people; a Treeview holding them all would take seconds to fill.
The table asks its `fetch(page, page_size)` callback for one page at a time (pages
count from 1) and never holds more than that page. Rows are dicts whose "id" becomes
the Treeview item id; column keys pick the values to show.
"""

from __future__ import annotations

import datetime as dt
import math
import tkinter as tk
from collections.abc import Callable, Sequence
from tkinter import ttk
from typing import Any, NamedTuple

from casework.ui.kit.theme import COLORS, PAD_SMALL, STRIPE_TAG, px, surface_of

EMPTY_TEXT = "没有符合条件的记录"

#: fetch(page, page_size) -> (rows of that page, total number of rows); pages count from 1.
Fetch = Callable[[int, int], tuple[list[dict[str, Any]], int]]


class Column(NamedTuple):
    """One column: the row key it shows, its heading, width at 96 dpi, anchor, sortable;
    a `fixed` column (a name, an age, a score) keeps its width when the table is narrow,
    and the others (long text) give up the room."""

    key: str
    heading: str
    width: int = 100
    anchor: str = "w"
    sortable: bool = False
    fixed: bool = False


def cell_text(value: Any) -> str:
    """How a value from a service row reads in a cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class PagedTable(ttk.Frame):
    """A Treeview of one page of rows, a vertical scrollbar, and 上一页 / 下一页."""

    def __init__(
        self,
        master: tk.Misc,
        columns: Sequence[Column | tuple],
        fetch: Fetch,
        *,
        page_size: int = 50,
        unit: str = "条",
        empty_text: str = EMPTY_TEXT,
        selectmode: str = "browse",
    ) -> None:
        surface = surface_of(master)
        super().__init__(master, style=surface + "Inner.TFrame")
        self.columns = [Column(*spec) for spec in columns]
        self.fetch = fetch
        self.page_size = page_size
        self.unit = unit
        self.page = 1
        self.total = 0
        self.rows: dict[str, dict[str, Any]] = {}
        self.sort_key: str | None = None
        self.sort_descending = False
        self._on_open: list[Callable[[str], None]] = []
        self._on_select: list[Callable[[str | None], None]] = []
        self._on_sort: list[Callable[[str, bool], None]] = []
        self._last_selected: str | None = None
        self._fitted_width = 0
        self._build_tree(selectmode)
        self._build_pager(surface)
        self.empty_label = ttk.Label(self.tree, text=empty_text, style="Card.Hint.TLabel")
        self.columnconfigure(0, weight=1)
        self.rowconfigure(0, weight=1)

    def _build_tree(self, selectmode: str) -> None:
        keys = [column.key for column in self.columns]
        self.tree = ttk.Treeview(self, columns=keys, show="headings", selectmode=selectmode)
        for column in self.columns:
            self.tree.heading(
                column.key,
                text=column.heading,
                anchor=column.anchor,
                command=(lambda key=column.key: self.sort_by(key)) if column.sortable else "",
            )
            self.tree.column(
                column.key,
                width=px(self, column.width),
                anchor=column.anchor,
                minwidth=px(self, 40),
                stretch=True,
            )
        self.tree.tag_configure(STRIPE_TAG, background=COLORS.stripe)
        scrollbar = ttk.Scrollbar(self, orient="vertical", command=self.tree.yview, takefocus=False)
        self.tree.configure(yscrollcommand=scrollbar.set)
        self.tree.grid(row=0, column=0, sticky="nsew")
        scrollbar.grid(row=0, column=1, sticky="ns")
        self.tree.bind("<<TreeviewSelect>>", self._selection_changed)
        self.tree.bind("<Double-Button-1>", self._double_clicked)
        self.tree.bind("<Return>", self._enter_pressed)
        self.tree.bind("<KP_Enter>", self._enter_pressed)
        self.tree.bind("<Prior>", lambda _e: self._page_key(self.previous_page))
        self.tree.bind("<Next>", lambda _e: self._page_key(self.next_page))
        self.tree.bind("<FocusIn>", self._focused)
        self.tree.bind("<Configure>", self._fit_columns, add="+")

    def _fit_columns(self, event: tk.Event) -> None:
        # Tk 8.6 never shrinks columns below their set width, so a narrow window would hide
        # the last columns; share the visible width out in the columns' proportions.
        available = event.width - px(self, 4)
        if available <= 0 or available == self._fitted_width:
            return
        self._fitted_width = available
        smallest = px(self, 40)
        fixed = [c for c in self.columns if c.fixed]
        flexible = [c for c in self.columns if not c.fixed] or fixed
        kept = sum(px(self, c.width) for c in fixed) if flexible is not fixed else 0
        if kept > available * 4 // 5:  # far too narrow: every column gives up room
            flexible, kept = self.columns, 0
        room, wanted = available - kept, sum(c.width for c in flexible)
        for column in self.columns:
            if column in flexible:
                width = max(smallest, room * column.width // wanted)
            else:
                width = px(self, column.width)
            self.tree.column(column.key, width=width)

    def _build_pager(self, surface: str) -> None:
        bar = ttk.Frame(self, style=surface + "Inner.TFrame")
        bar.grid(row=1, column=0, columnspan=2, sticky="ew", pady=(px(self, PAD_SMALL), 0))
        # The buttons packed first: in a narrow pane pack squeezes what came last, and a
        # cut "第 1/1849 页，共 9,2…" reads better than a button cut to "上一".
        self.next_button = ttk.Button(bar, text="下一页", command=self.next_page)
        self.next_button.pack(side="right")
        self.prev_button = ttk.Button(bar, text="上一页", command=self.previous_page)
        self.prev_button.pack(side="right", padx=(0, px(self, PAD_SMALL)))
        self.pager_label = ttk.Label(bar, text="", style=surface + "Hint.TLabel")
        self.pager_label.pack(side="left")

    # Callbacks -------------------------------------------------------------------------

    def on_open(self, callback: Callable[[str], None]) -> None:
        """Call `callback(row_id)` on double-click or Enter on a row."""
        self._on_open.append(callback)

    def on_select(self, callback: Callable[[str | None], None]) -> None:
        """Call `callback(row_id or None)` when the selected row changes."""
        self._on_select.append(callback)

    def on_sort(self, callback: Callable[[str, bool], None]) -> None:
        """Call `callback(key, descending)` when a sortable heading is clicked.

        The table then fetches page 1 again; `fetch` should read the order it was given
        (or `table.sort_key` / `table.sort_descending`).
        """
        self._on_sort.append(callback)

    # Paging ----------------------------------------------------------------------------

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))

    def refresh(self, reset_page: bool = False) -> None:
        """Fetch the current page again (page 1 with `reset_page`), keeping the selection."""
        if reset_page:
            self.page = 1
        rows, total = self.fetch(self.page, self.page_size)
        self.total = total
        if self.page > self.pages:
            # Records went away (deleted, filtered) since the page was chosen.
            self.page = self.pages
            rows, self.total = self.fetch(self.page, self.page_size)
        self._show_rows(rows)

    def go_to_page(self, page: int) -> None:
        page = min(max(1, page), self.pages)
        if page != self.page:
            self.page = page
            self.refresh()

    def next_page(self) -> None:
        self.go_to_page(self.page + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.page - 1)

    def _page_key(self, move: Callable[[], None]) -> str:
        before = self.page
        move()
        if self.page != before:
            self._select_first()
        return "break"

    def _show_rows(self, rows: list[dict[str, Any]]) -> None:
        selected = self.selected_id()
        tree = self.tree
        tree.delete(*tree.get_children())
        self.rows = {}
        # A misbehaving fetch must not be able to flood the widget.
        for index, row in enumerate(rows[: self.page_size]):
            iid = str(row["id"])
            self.rows[iid] = row
            values = [cell_text(row.get(column.key)) for column in self.columns]
            tree.insert("", "end", iid=iid, values=values, tags=(STRIPE_TAG,) if index % 2 else ())
        if selected in self.rows:
            tree.selection_set(selected)
            tree.focus(selected)
            tree.see(selected)
        self._update_pager()

    def _update_pager(self) -> None:
        self.pager_label.configure(
            text=f"第 {self.page}/{self.pages} 页，共 {self.total:,} {self.unit}"
        )
        self.prev_button.state(["!disabled"] if self.page > 1 else ["disabled"])
        self.next_button.state(["!disabled"] if self.page < self.pages else ["disabled"])
        if self.total == 0:
            self.empty_label.place(relx=0.5, rely=0.4, anchor="center")
        else:
            self.empty_label.place_forget()

    @property
    def empty_shown(self) -> bool:
        """Whether the "no records" message is showing instead of rows."""
        return bool(self.empty_label.place_info())

    # Sorting ---------------------------------------------------------------------------

    def sort_by(self, key: str, descending: bool | None = None) -> None:
        """Order by `key`; clicking the same heading again reverses the order."""
        if descending is None:
            descending = key == self.sort_key and not self.sort_descending
        self.sort_key, self.sort_descending = key, descending
        for column in self.columns:
            arrow = ""
            if column.key == key:
                arrow = " ▼" if descending else " ▲"
            self.tree.heading(column.key, text=column.heading + arrow)
        for callback in list(self._on_sort):
            callback(key, descending)
        self.refresh(reset_page=True)

    # Selection -------------------------------------------------------------------------

    def selected_id(self) -> str | None:
        selection = self.tree.selection()
        return selection[0] if selection else None

    def selected_ids(self) -> list[str]:
        return list(self.tree.selection())

    def selected_row(self) -> dict[str, Any] | None:
        return self.rows.get(self.selected_id() or "")

    def select(self, row_id: str) -> bool:
        """Select and show the row `row_id` if it is on this page."""
        if row_id not in self.rows:
            return False
        self.tree.selection_set(row_id)
        self.tree.focus(row_id)
        self.tree.see(row_id)
        return True

    def _select_first(self) -> None:
        children = self.tree.get_children()
        if children:
            self.select(children[0])

    def _focused(self, _event: object = None) -> None:
        # Arrow keys need a focused row to start from.
        if not self.tree.selection():
            self._select_first()

    def _selection_changed(self, _event: object = None) -> None:
        current = self.selected_id()
        if current == self._last_selected:
            return
        self._last_selected = current
        for callback in list(self._on_select):
            callback(current)

    def _open(self, row_id: str | None) -> None:
        if row_id is None:
            return
        for callback in list(self._on_open):
            callback(row_id)

    def _enter_pressed(self, _event: object = None) -> str:
        self._open(self.selected_id() or self.tree.focus() or None)
        return "break"

    def _double_clicked(self, event: tk.Event) -> str | None:
        if self.tree.identify_region(event.x, event.y) not in ("cell", "tree"):
            return None  # a double-click on a heading or its edge is not an open
        row_id = self.tree.identify_row(event.y)
        if row_id:
            self._open(row_id)
        return "break"
