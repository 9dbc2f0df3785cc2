"""修改记录: who changed what, when and on which laptop, for one record or a whole household.

HistoryPanel is the list (masked unless 显示完整号码 is ticked) with 恢复此值, which sets
the selected field back to what it was before that change, as a new change. A detail
screen puts the panel in a tab; the other screens open it in a HistoryDialog.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from casework.services.common import ConflictError, NotFoundError
from casework.services.sync import history
from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import ListTable, close_modal, show_modal
from casework.ui.kit.table import cell_text
from casework.ui.kit.theme import PAD, PAD_LARGE, px
from casework.ui.kit.widgets import BoolField, Column, PagedTable, attach_tooltip
from casework.ui.kit.workbench import Workbench
from casework.validation import ValidationError

#: fetch(page, page_size, show_full) -> (rows of that page, how many in all); pages from 1.
Fetch = Callable[[int, int, bool], tuple[list[dict], int]]

RECORD_COLUMN = Column("record_label", "记录", 190)


def columns(with_record: bool) -> list[Column]:
    made = [
        Column("changed_at", "时间", 125, "center"),
        Column("cadre_name", "修改人", 70),
        Column("laptop", "电脑", 90),
        Column("field_label", "字段", 95),
        Column("change", "修改前 → 修改后", 330),
    ]
    return made[:3] + [RECORD_COLUMN] + made[3:] if with_record else made


class HistoryPanel(ttk.Frame):
    """The changes `fetch` gives, newest first, with 显示完整号码 and 恢复此值.

    `on_restored(row)` hears of a value set back (row["field"] names the field), so a form
    showing the record can show the value at once.
    """

    def __init__(
        self,
        master: tk.Misc,
        app: Workbench,
        fetch: Fetch,
        *,
        with_record: bool = False,
        paged: bool = False,
        on_restored: Callable[[dict], None] | None = None,
    ) -> None:
        super().__init__(master, style="Card.Inner.TFrame")
        self.app = app
        self.fetch = fetch
        self.on_restored = on_restored
        pad = px(self, PAD)
        bar = ttk.Frame(self, style="Card.Inner.TFrame")
        bar.pack(side="bottom", fill="x", pady=(pad, 0))
        self.button_restore = ttk.Button(bar, text="恢复此值", command=self.restore_selected)
        self.button_restore.pack(side="left")
        attach_tooltip(self.button_restore, "把选中的字段改回这次修改之前的值（记为一次新的修改）")
        self.show_full = BoolField(bar, "显示完整号码", help="显示完整的身份证号和电话")
        self.show_full.pack(side="right")
        self.show_full.on_change(self.refresh)
        specs = columns(with_record)
        empty = "还没有修改记录"
        if paged:
            self.table = PagedTable(self, specs, self._page, page_size=50, empty_text=empty)
        else:
            self.table = ListTable(self, specs, self._all, empty_text=empty, height=10)
        self.table.pack(fill="both", expand=True)
        self.table.on_select(lambda _id: self._update_button())
        self._update_button()

    def _page(self, page: int, page_size: int) -> tuple[list[dict], int]:
        rows, total = self.fetch(page, page_size, self.show_full.get())
        return [_shown(row) for row in rows], total

    def _all(self) -> list[dict]:
        return self._page(1, 0)[0]

    def refresh(self, reset_page: bool = False) -> None:
        self.table.refresh(reset_page=reset_page)
        self._update_button()

    def _update_button(self) -> None:
        row = self.table.selected_row()
        self.button_restore.state(["!disabled"] if row and row["restorable"] else ["disabled"])

    def restore_selected(self) -> None:
        row = self.table.selected_row()
        if row is None or not row["restorable"]:
            return
        where = f"{row['record_label']}的" if row.get("record_label") else ""
        question = (
            f"把{where}“{row['field_label']}”改回“{row['old']}”吗？\n\n"
            "这会记为一次新的修改（现在的值仍在修改记录里），并随数据包发给其他电脑。"
        )
        if not dialogs.ask_yes_no(self, "恢复此值", question):
            return
        try:
            said = history.restore_value(row["id"])
        except (NotFoundError, ConflictError, ValidationError) as error:
            dialogs.show_error(self, "无法恢复此值", str(error))
            return
        self.app.notify(
            f"已恢复：{said['record_label']}的{said['field_label']}为“{said['display']}”"
        )
        self.app.data_changed()
        self.refresh()
        if self.on_restored is not None:
            self.on_restored(row)


def _shown(row: dict) -> dict:
    return row | {"changed_at": cell_text(row["changed_at"])}


def record_fetch(entity: str, record_id: str) -> Fetch:
    """The fetch of one record's whole history (a short list, never paged)."""

    def fetch(_page: int, _page_size: int, show_full: bool) -> tuple[list[dict], int]:
        rows = history.record_history(entity, record_id, show_full)
        return rows, len(rows)

    return fetch


class HistoryDialog(tk.Toplevel):
    """One record's 修改记录 in a window of its own, over the screen that opened it."""

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        entity: str,
        record_id: str,
        label: str,
        on_restored: Callable[[dict], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.withdraw()
        self.title(f"修改记录 — {label}")
        self.transient(parent.winfo_toplevel())
        outer = ttk.Frame(self, style="Card.TFrame", padding=px(self, PAD_LARGE))
        outer.pack(fill="both", expand=True)
        self.button_close = ttk.Button(outer, text="关闭 (Esc)", command=self.close)
        self.button_close.pack(side="bottom", anchor="e", pady=(px(self, PAD), 0))
        self.panel = HistoryPanel(
            outer, app, record_fetch(entity, record_id), on_restored=on_restored
        )
        self.panel.pack(fill="both", expand=True)
        self.panel.refresh()
        self.bind("<Escape>", lambda _e: self.close())
        self.protocol("WM_DELETE_WINDOW", self.close)
        self._previous_grab = show_modal(self, parent)
        self.panel.table.tree.focus_set()

    def close(self) -> None:
        close_modal(self, self._previous_grab)


def open_history(
    parent: tk.Misc,
    app: Workbench,
    entity: str,
    record_id: str | None,
    label: str,
    *,
    missing: str = "请先选中一条记录",
    on_restored: Callable[[dict], None] | None = None,
) -> HistoryDialog | None:
    """The 修改记录 of a record, or a word in the status bar when none is selected."""
    if not record_id:
        app.notify(missing)
        return None
    return HistoryDialog(parent, app, entity, record_id, label, on_restored=on_restored)
