"""The employment wish dialog (就业意愿) and the window listing a person's wish history."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import Any

from casework import clock, vocab
from casework.services.common import ConflictError, NotFoundError
from casework.services.register import people, trash, wishes
from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import FormDialog, ListTable, close_modal, show_modal
from casework.ui.kit.theme import PAD, PAD_LARGE, PAD_SMALL, px
from casework.ui.kit.widgets import (
    BoolField,
    CheckGroup,
    ChoiceField,
    DateField,
    MultiLineField,
    TextField,
)
from casework.ui.kit.workbench import Workbench

# fmt: off
#: Each field: its class, label, tooltip and options.
FIELDS = {
    "recorded_on": (DateField, "登记日期", "了解到这一意愿的日期", {"required": True}),
    "status": (ChoiceField, "意愿状态",
               "有意愿待推荐、已推荐、已就业、暂缓或无意愿；人岗匹配只看有意愿的人",
               {"choices": vocab.WISH_STATUS, "required": True, "width": 12}),
    "willing_to_go_out": (BoolField, "愿意外出务工", "是否愿意离开本地（赴京、区内、县内）去务工",
                          {}),
    "available_from": (DateField, "可到岗日期", "最早什么时候能去上班；不清楚可不填",
                       {"today_button": False, "width": 12}),
    "destinations": (CheckGroup, "意向务工地", "愿意去哪里工作，可多选；愿意外出时至少选一个",
                     {"choices": vocab.DESTINATION, "columns": 4}),
    "job_kinds": (TextField, "意向工种", "想做的工作，多个用顿号分开，例如“保安、厨师”",
                  {"width": 14}),
    "expected_pay": (TextField, "期望月薪(元)", "每月期望收入，填数字，例如 6000 或 0.6万",
                     {"width": 10}),
    "constraints": (CheckGroup, "制约因素", "妨碍外出务工的原因，可多选",
                    {"choices": vocab.CONSTRAINT, "columns": 3}),
    "constraint_notes": (TextField, "制约说明", "对制约因素的补充，例如“父亲卧床，需要照料”",
                         {"width": 24}),
    "training_wanted": (TextField, "培训意愿", "想参加的技能培训，例如“中式烹饪、家政服务”",
                        {"width": 24}),
    "notes": (MultiLineField, "备注", "其他需要记住的情况", {"height": 2, "width": 24}),
}
#: Rows of (field, columns spanned) on a four-column grid, in reading and Tab order.
LAYOUT = [
    [("recorded_on", 1), ("status", 1), ("willing_to_go_out", 1), ("available_from", 1)],
    [("destinations", 2), ("job_kinds", 1), ("expected_pay", 1)],
    [("constraints", 2), ("constraint_notes", 2)],
    [("training_wanted", 2), ("notes", 2)],
]
# fmt: on

#: What a fresh wish copies from the person's current one: everything but when and why.
NOT_CARRIED_OVER = ("id", "recorded_on", "visit_id", "person_id")


class WishForm(FormDialog):
    """Record a new wish (history kept), edit one (`wish_id`), or attach one to a visit.

    With `attach`, nothing is saved here: the values are checked with
    `wishes.clean_wish` and handed to `attach(values)`, for the visit to save with it.
    """

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        person_id: str,
        wish_id: str | None = None,
        on_saved: Callable[[dict], None] | None = None,
        attach: Callable[[dict], None] | None = None,
        initial: dict | None = None,
    ) -> None:
        self.person_id = person_id
        self.wish_id = wish_id
        self.attach = attach
        self.initial = initial or {}
        if attach is not None:
            self.ok_text = "确定"
        title = "修改就业意愿" if wish_id else "登记就业意愿"
        super().__init__(parent, app, title=title, on_saved=on_saved)

    def create_widgets(self) -> None:
        body, form = self.body, self.form
        self.person_label = ttk.Label(body, text="", style="Subtitle.TLabel")
        self.person_label.grid(row=0, column=0, columnspan=4, sticky="w", pady=(0, px(self, PAD)))
        gap = px(self, PAD_LARGE) // 2
        for row, line in enumerate(LAYOUT, start=1):
            column = 0
            for name, span in line:
                if name == "recorded_on" and self.attach is not None:
                    continue  # an attached wish is dated by its visit
                kind, label, help, options = FIELDS[name]
                field = form.add(name, kind(body, label, help=help, **options))
                field.grid(
                    row=row,
                    column=column,
                    columnspan=span,
                    sticky="new",
                    padx=(0, gap if column + span < 4 else 0),
                    pady=(0, px(self, PAD_SMALL)),
                )
                column += span
        for column in range(4):
            body.columnconfigure(column, weight=1, uniform="wish")

    def load(self) -> None:
        person = people.get_person(self.person_id)
        self.person_label.configure(text=f"{person['name']}（{person['relation_label']}）")
        self.title(f"{self.title()} — {people.caption(self.person_id)}")
        if self.wish_id:
            values = wishes.get_wish(self.wish_id)
        else:
            values = {k: v for k, v in self.initial.items() if k not in NOT_CARRIED_OVER}
            values.setdefault("status", "active")
            values["recorded_on"] = clock.today()
        self.form.set_values(values)

    def save(self, values: dict[str, Any]) -> dict:
        if self.attach is not None:
            wishes.clean_wish(values)  # problems shown beside the fields, nothing saved
            return values
        if self.wish_id:
            return wishes.update_wish(self.wish_id, values)
        return wishes.record_wish(self.person_id, values)

    def saved(self, record: dict) -> None:
        if self.attach is not None:
            self.attach(record)
            return
        self.app.notify("已保存就业意愿")
        self.app.data_changed()
        super().saved(record)


HISTORY_COLUMNS = [
    ("recorded_on", "登记日期", 90),
    ("willing_label", "是否外出", 70),
    ("destinations_label", "意向地", 110),
    ("job_kinds", "工种", 120),
    ("expected_pay", "期望月薪", 70, "e"),
    ("available_from", "可到岗", 90),
    ("status_label", "状态", 90),
    ("source", "来源", 60),
]


class WishHistoryWindow(tk.Toplevel):
    """Every wish recorded for one person, newest first, with edit and delete."""

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        person_id: str,
        on_changed: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.withdraw()  # shown once placed
        self.app = app
        self.person_id = person_id
        self.on_changed = on_changed
        self.dialog: WishForm | None = None
        self.title(f"就业意愿历史 — {people.caption(person_id)}")
        self.transient(parent.winfo_toplevel())
        frame = ttk.Frame(self, padding=px(self, PAD_LARGE))
        frame.pack(fill="both", expand=True)
        self.table = ListTable(
            frame, HISTORY_COLUMNS, self._rows, height=8, empty_text="还没有登记过就业意愿"
        )
        self.table.pack(fill="both", expand=True)
        self.table.on_open(lambda _row_id: self.edit())
        bar = ttk.Frame(frame)
        bar.pack(fill="x", pady=(px(self, PAD), 0))
        self.button_new = ttk.Button(bar, text="登记新意愿", command=self.new)
        self.button_edit = ttk.Button(bar, text="修改", command=self.edit)
        self.button_delete = ttk.Button(
            bar, text="删除", style="Danger.TButton", command=self.delete
        )
        self.button_close = ttk.Button(bar, text="关闭", command=self.close)
        for button in (self.button_new, self.button_edit, self.button_delete):
            button.pack(side="left", padx=(0, px(self, PAD)))
        self.button_close.pack(side="right")
        self.bind("<Escape>", lambda _e: self.close())
        self.protocol("WM_DELETE_WINDOW", self.close)
        self.table.refresh()
        self._previous_grab = show_modal(self, parent)
        self.table.tree.focus_set()

    def _rows(self) -> list[dict]:
        rows = wishes.wish_history(self.person_id)
        for row in rows:
            row["source"] = "走访" if row.get("visit_id") else "单独登记"
        return rows

    def _changed(self, _record: object = None) -> None:
        self.table.refresh()
        if self.on_changed is not None:
            self.on_changed()

    def new(self) -> None:
        rows = self.table.load()
        self.dialog = WishForm(
            self,
            self.app,
            self.person_id,
            initial=rows[0] if rows else None,
            on_saved=self._changed,
        )

    def edit(self) -> None:
        wish_id = self.table.selected_id()
        if wish_id:
            self.dialog = WishForm(
                self, self.app, self.person_id, wish_id=wish_id, on_saved=self._changed
            )

    def delete(self) -> None:
        row = self.table.selected_row()
        if row is None:
            return
        question = f"删除 {row['recorded_on']} 登记的就业意愿？\n删除后可在“回收站”中恢复。"
        if not dialogs.ask_yes_no(self, "删除就业意愿", question):
            return
        try:
            trash.delete_wish(row["id"])
        except (NotFoundError, ConflictError) as error:
            dialogs.show_error(self, "无法删除", str(error))
        self.app.notify("已删除就业意愿，可在回收站恢复")
        self.app.data_changed()
        self._changed()

    def close(self) -> None:
        close_modal(self, self._previous_grab)
