"""地区管理: the tree of county → township → village → group, kept by the cadres themselves."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import Any

from casework.services.common import ConflictError, NotFoundError
from casework.services.register import areas
from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import FormDialog
from casework.ui.kit.widgets import TextField, attach_tooltip
from casework.ui.kit.workbench import Workbench
from casework.validation import ValidationError
from casework.vocab import AREA_LEVEL

CHILD_LEVEL = {None: "county", "county": "township", "township": "village", "village": "group"}
NAME_EXAMPLES = {
    "county": "例如：科左中旗",
    "township": "例如：架玛吐镇、巴彦塔拉苏木",
    "village": "例如：大新艾力嘎查、西八家子村",
    "group": "例如：三组",
}


class AreaNameDialog(FormDialog):
    """One name to type (a new area, or a new name for one); `save_name(name)` saves it."""

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        title: str,
        label: str,
        save_name: Callable[[str], dict],
        on_saved: Callable[[dict], None],
        initial: str = "",
        help: str = "",
    ) -> None:
        self.label, self.help, self.initial = label, help, initial
        self.save_name = save_name
        super().__init__(parent, app, title=title, on_saved=on_saved)
        self.resizable(False, False)

    def create_widgets(self) -> None:
        field = TextField(self.body, self.label, required=True, help=self.help, width=32)
        self.form.add("name", field)
        field.grid(row=0, column=0, sticky="ew")
        self.field = field

    def load(self) -> None:
        self.field.set(self.initial)

    def focus_first(self) -> None:
        self.field.widget.focus_set()
        self.field.widget.select_range(0, "end")

    def save(self, values: dict[str, Any]) -> dict:
        try:
            return self.save_name(values["name"])
        except (ConflictError, NotFoundError) as error:
            # A refusal about the name itself belongs beside the field, not in a box.
            raise ValidationError({"name": str(error)}) from None


class AreasScreen(ttk.Frame):
    """The area tree with 新增 / 重命名 / 删除; the tree stays opened as it was left."""

    def __init__(self, master: tk.Misc, app: Workbench) -> None:
        super().__init__(master, padding=app.theme.pad_large)
        self.app = app
        self.rows: dict[str, dict] = {}
        self.dialog: AreaNameDialog | None = None
        self.create_widgets()
        self.refresh(first=True)

    def create_widgets(self) -> None:
        t = self.app.theme
        self.columnconfigure(0, weight=1)
        self.rowconfigure(2, weight=1)
        header = ttk.Frame(self)
        header.grid(row=0, column=0, sticky="ew")
        ttk.Label(header, text="地区管理", style="Title.TLabel").pack(side="left")
        self.button_delete = ttk.Button(
            header, text="删除", style="Danger.TButton", command=self.delete_selected
        )
        self.button_rename = ttk.Button(header, text="重命名", command=self.rename_selected)
        self.button_add_child = ttk.Button(
            header, text="新增下级", style="Accent.TButton", command=self.add_child
        )
        self.button_add_county = ttk.Button(header, text="新增旗县", command=self.add_county)
        for button in (self.button_delete, self.button_rename, self.button_add_child):
            button.pack(side="right", padx=(t.pad, 0))
        self.button_add_county.pack(side="right")
        attach_tooltip(self.button_add_child, "在选中的地区下面添加一级（Insert 键）")
        attach_tooltip(self.button_rename, "修改选中地区的名称（F2）")
        attach_tooltip(
            self.button_delete, "删除选中的地区（Delete 键）；下面还有农户或下级时不能删除"
        )
        attach_tooltip(self.button_add_county, "添加一个旗县（最上一级）")
        hint = (
            "旗县 → 苏木乡镇 → 嘎查村 → 村民小组。新增农户时从这里选择所在地；"
            "删除的地区可在回收站恢复。"
        )
        ttk.Label(self, text=hint, style="Hint.TLabel").grid(
            row=1, column=0, sticky="w", pady=(t.pad_small, t.pad)
        )
        self._build_tree()

    def _build_tree(self) -> None:
        t = self.app.theme
        card = ttk.Frame(self, style="Card.TFrame", padding=t.pad)
        card.grid(row=2, column=0, sticky="nsew")
        card.columnconfigure(0, weight=1)
        card.rowconfigure(0, weight=1)
        self.tree = ttk.Treeview(card, columns=("level",), selectmode="browse")
        self.tree.heading("#0", text="名称", anchor="w")
        self.tree.heading("level", text="级别", anchor="w")
        self.tree.column("#0", width=t.px(420), stretch=True)
        self.tree.column("level", width=t.px(120), stretch=False)
        scrollbar = ttk.Scrollbar(card, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=scrollbar.set)
        self.tree.grid(row=0, column=0, sticky="nsew")
        scrollbar.grid(row=0, column=1, sticky="ns")
        self.tree.bind("<<TreeviewSelect>>", lambda _e: self._update_buttons())
        self.tree.bind("<Insert>", lambda _e: self.add_child())
        self.tree.bind("<F2>", lambda _e: self.rename_selected())
        self.tree.bind("<Delete>", lambda _e: self.delete_selected())

    # Showing the tree ----------------------------------------------------------------

    def refresh(self, first: bool = False) -> None:
        """Rebuild the tree from the database, keeping what was opened and selected."""
        tree = self.tree
        opened = {iid for iid in self.rows if tree.exists(iid) and tree.item(iid, "open")}
        selected = self.selected_id()
        tree.delete(*tree.get_children())
        rows = areas.area_tree()
        self.rows = {row["id"]: row for row in rows}
        # area_tree() orders by name only: insert level by level so parents exist first
        # (a stable sort keeps the names in order among siblings).
        for row in sorted(rows, key=lambda r: _depth(r, self.rows)):
            parent = row["parent_id"] if row["parent_id"] in self.rows else ""
            is_open = row["id"] in opened or (first and row["level"] == "county")
            tree.insert(
                parent, "end", iid=row["id"], text=row["name"], open=is_open,
                values=(AREA_LEVEL.get(row["level"], row["level"]),),
            )  # fmt: skip
        if selected and tree.exists(selected):
            self.select(selected)
        self._update_buttons()

    def select(self, area_id: str) -> None:
        """Select `area_id`, opening its ancestors so it can be seen."""
        parent = self.tree.parent(area_id)
        while parent:
            self.tree.item(parent, open=True)
            parent = self.tree.parent(parent)
        self.tree.selection_set(area_id)
        self.tree.focus(area_id)
        self.tree.see(area_id)

    def selected_id(self) -> str | None:
        selection = self.tree.selection()
        return selection[0] if selection else None

    def _update_buttons(self) -> None:
        row = self.rows.get(self.selected_id() or "")
        self.button_rename.state(["!disabled"] if row else ["disabled"])
        self.button_delete.state(["!disabled"] if row else ["disabled"])
        can_add = row is not None and row["level"] in CHILD_LEVEL
        self.button_add_child.state(["!disabled"] if can_add else ["disabled"])
        if row is not None and can_add:
            label = AREA_LEVEL[CHILD_LEVEL[row["level"]]]
            self.button_add_child.configure(text=f"新增{label}")
        else:
            self.button_add_child.configure(text="新增下级")

    # Actions ---------------------------------------------------------------------------

    def add_county(self) -> None:
        self._open_dialog("新增旗县", None, "旗县名称", lambda name: areas.create_area(None, name))

    def add_child(self) -> None:
        row = self.rows.get(self.selected_id() or "")
        if row is None:
            self.add_county()
            return
        if row["level"] not in CHILD_LEVEL:
            dialogs.show_info(self, "地区管理", "村民小组下不能再添加下级地区")
            return
        level = CHILD_LEVEL[row["level"]]
        parent_id = row["id"]
        self._open_dialog(
            f"在“{row['name']}”下新增{AREA_LEVEL[level]}", level, f"{AREA_LEVEL[level]}名称",
            lambda name: areas.create_area(parent_id, name),
        )  # fmt: skip

    def rename_selected(self) -> None:
        row = self.rows.get(self.selected_id() or "")
        if row is None:
            return
        area_id = row["id"]
        self._open_dialog(
            f"重命名{AREA_LEVEL.get(row['level'], '地区')}", row["level"], "新名称",
            lambda name: areas.rename_area(area_id, name), initial=row["name"],
        )  # fmt: skip

    def _open_dialog(
        self, title: str, level: str | None, label: str, save: Callable, initial: str = ""
    ) -> None:
        help = "地区的名称，与当地习惯的写法一致。" + NAME_EXAMPLES.get(level or "county", "")
        self.dialog = AreaNameDialog(
            self, self.app, title, label, save, self._saved, initial=initial, help=help
        )

    def _saved(self, area: dict) -> None:
        self.dialog = None
        self.app.notify(f"已保存地区：{area['name']}")
        self.app.data_changed()
        self.refresh()
        if self.tree.exists(area["id"]):
            self.select(area["id"])
        self.tree.focus_set()

    def delete_selected(self) -> None:
        row = self.rows.get(self.selected_id() or "")
        if row is None:
            return
        question = f"删除“{row['name']}”？删除后可在回收站恢复。"
        if not dialogs.ask_yes_no(self, "删除地区", question):
            return
        try:
            areas.delete_area(row["id"])
        except (ConflictError, NotFoundError) as error:
            dialogs.show_error(self, "无法删除", str(error))
            return
        self.app.notify(f"已删除地区：{row['name']}（可在回收站恢复）")
        self.app.data_changed()
        self.refresh()
        self.tree.focus_set()

    # The screen contract -------------------------------------------------------------

    def focus_default(self) -> None:
        self.tree.focus_set()
        children = self.tree.get_children()
        if children and not self.selected_id():
            self.select(children[0])


def _depth(row: dict, rows: dict[str, dict]) -> int:
    depth, parent = 0, row["parent_id"]
    while parent in rows and depth < 10:
        depth, parent = depth + 1, rows[parent]["parent_id"]
    return depth
