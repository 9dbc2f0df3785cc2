"""回收站: everything a cadre deleted, newest first, with a way to bring it back."""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from casework.services.common import ConflictError, NotFoundError
from casework.services.register import trash
from casework.ui.kit import dialogs
from casework.ui.kit.widgets import Column, PagedTable, attach_tooltip
from casework.ui.kit.workbench import Workbench
from casework.ui.register.household_list import ALL, compact_choice

PAGE_SIZE = 50
EXPLANATION = (
    "删除的农户、家庭成员、走访记录、就业意愿、简历、培训、岗位和就业记录等不会真正丢失，"
    "都保存在这里；"
    "选中一条后点“恢复”（或按回车）即可找回，连同当时一起删除的内容。"
)

COLUMNS = [
    Column("kind_label", "类型", 90),
    Column("label", "内容", 420),
    Column("deleted_at", "删除时间", 140, "center"),
    Column("cadre_name", "删除人", 90),
    Column("note", "提醒", 170),
]
#: A delete whose records a colleague edited without knowing of it: worth a look first.
EDITED_ELSEWHERE = "在另一台电脑上被修改过"


class RecycleBinScreen(ttk.Frame):
    """The deletions not yet undone; 恢复 undoes the selected one."""

    def __init__(self, master: tk.Misc, app: Workbench) -> None:
        super().__init__(master, padding=app.theme.pad_large)
        self.app = app
        self.create_widgets()
        self.table.refresh()

    def create_widgets(self) -> None:
        t = self.app.theme
        self.columnconfigure(0, weight=1)
        self.rowconfigure(2, weight=1)
        header = ttk.Frame(self)
        header.grid(row=0, column=0, sticky="ew")
        ttk.Label(header, text="回收站", style="Title.TLabel").pack(side="left")
        self.button_restore = ttk.Button(
            header, text="恢复", style="Accent.TButton", command=self.restore_selected
        )
        self.button_restore.pack(side="right")
        attach_tooltip(self.button_restore, "把选中的记录恢复原样（回车也可以）")
        ttk.Label(self, text=EXPLANATION, style="Hint.TLabel").grid(
            row=1, column=0, sticky="w", pady=(t.pad_small, t.pad)
        )
        card = ttk.Frame(self, style="Card.TFrame", padding=t.pad_large)
        card.grid(row=2, column=0, sticky="nsew")
        card.columnconfigure(0, weight=1)
        card.rowconfigure(1, weight=1)
        self.kind = compact_choice(card, "类型", "只看这一类被删除的记录", width=10)
        self.kind.set_choices({"": ALL, **trash.KIND_LABEL})
        self.kind.set("")
        self.kind.on_change(lambda: self.table.refresh(reset_page=True))
        self.kind.grid(row=0, column=0, sticky="w", pady=(0, t.pad))
        self.table = PagedTable(card, COLUMNS, self._fetch, page_size=PAGE_SIZE)
        self.table.grid(row=1, column=0, sticky="nsew")
        self.table.on_open(lambda _id: self.restore_selected())
        self.table.on_select(lambda _id: self._update_buttons())
        self._update_buttons()

    def _fetch(self, page: int, page_size: int) -> tuple[list[dict], int]:
        rows, total = trash.list_deleted(page - 1, page_size, kind=self.kind.get() or None)
        for row in rows:
            row["note"] = EDITED_ELSEWHERE if row["edited_elsewhere"] else ""
        return rows, total

    def _update_buttons(self) -> None:
        self.button_restore.state(["!disabled"] if self.table.selected_id() else ["disabled"])

    def restore_selected(self) -> None:
        """Undo the selected deletion; a clash with live records is explained, not forced."""
        row = self.table.selected_row()
        if row is None:
            return
        try:
            trash.restore(row["id"])
        except (ConflictError, NotFoundError) as error:
            dialogs.show_error(self, "无法恢复", str(error))
            self.table.refresh()
            return
        self.app.notify(f"已恢复：{row['label']}")
        self.app.data_changed()
        self.table.refresh()
        self._select_nearby()

    def _select_nearby(self) -> None:
        # Keep the keyboard in the list so several records can be restored in a row.
        children = self.table.tree.get_children()
        if children:
            self.table.select(children[0])
        self._update_buttons()

    # The screen contract -------------------------------------------------------------

    def refresh(self) -> None:
        self.table.refresh()
        self._update_buttons()

    def focus_default(self) -> None:
        self.table.tree.focus_set()
        children = self.table.tree.get_children()
        if children and not self.table.selected_id():
            self.table.select(children[0])
