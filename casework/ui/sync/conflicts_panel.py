"""待处理 → 冲突: one row per field two laptops changed apart, and the three ways to settle it.

保留本机 keeps this laptop's value, 采用对方 takes the colleague's (asking which when
several laptops differ), 手工填写 takes a value typed in, checked as the field's own form
would. Each is a change that travels, so every laptop ends with the same value.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import Any

from casework.services.common import ConflictError, NotFoundError
from casework.services.sync import conflicts
from casework.services.sync.history_labels import (
    display_value,
    entity_label,
    field_label,
    input_kind,
    typed_value,
)
from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import FormDialog, ListTable
from casework.ui.kit.table import cell_text
from casework.ui.kit.theme import PAD, PAD_SMALL, px
from casework.ui.kit.widgets import ChoiceField, DateField, MultiLineField, TextField
from casework.ui.kit.workbench import Workbench
from casework.validation import ValidationError

COLUMNS = [
    ("record_label", "记录", 190),
    ("field_label", "字段", 90),
    ("local_display", "本机的值", 140),
    ("other_display", "对方的值", 140),
    ("other_who", "对方（谁、哪台电脑、何时）", 310),
]
MANUAL = "manual"


def who_made(alternative: dict) -> str:
    laptop = f"电脑：{alternative['laptop_name']}"
    parts = [alternative["cadre_name"], laptop, cell_text(alternative["changed_at"])]
    return " · ".join(part for part in parts if part)


class ResolveDialog(FormDialog):
    """Choose one laptop's value for a conflict, or type one; settles it on 确定."""

    ok_text = "确定"

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        conflict: dict,
        *,
        chosen: str,
        show_full: bool,
        on_saved: Callable[[dict], None],
    ) -> None:
        self.conflict = conflict
        self.chosen = chosen
        self.show_full = show_full
        entity, field = conflict["entity"], conflict["field"]
        title = f"处理冲突 — {conflict['record_label']} 的{field_label(entity, field)}"
        super().__init__(parent, app, title=title, on_saved=on_saved)

    def create_widgets(self) -> None:
        c = self.conflict
        entity, field = c["entity"], c["field"]
        ttk.Label(
            self.body,
            text=f"{c['record_label']}　{field_label(entity, field)}：两台电脑改成了不同的值",
            style="Subtitle.TLabel",
        ).grid(row=0, column=0, sticky="w", pady=(0, px(self, PAD)))
        self.choice = tk.StringVar(self, value=self.chosen)
        self.radios: list[ttk.Radiobutton] = []
        for row, alternative in enumerate(c["alternatives"], start=1):
            shown = display_value(entity, field, alternative["value"], self.show_full)
            mine = "（本机现在的值）" if alternative["local"] else ""
            radio = ttk.Radiobutton(
                self.body,
                text=f"{shown}{mine}　— {who_made(alternative)}",
                value=alternative["change_id"],
                variable=self.choice,
            )
            radio.grid(row=row, column=0, sticky="w", pady=px(self, PAD_SMALL))
            self.radios.append(radio)
        self.radio_manual = ttk.Radiobutton(
            self.body, text="手工填写：", value=MANUAL, variable=self.choice
        )
        below = len(self.radios) + 1
        self.radio_manual.grid(row=below, column=0, sticky="w", pady=(px(self, PAD), 0))
        holder = ttk.Frame(self.body)
        holder.grid(row=below + 1, column=0, sticky="ew", padx=(px(self, 24), 0))
        kind, choices = input_kind(entity, field)
        self.form.add("value", self._manual_field(holder, kind, choices))
        self.form.layout(columns=1)
        if kind == "none":  # who went on a visit, a photo: chosen, never typed
            self.radio_manual.state(["disabled"])
            self.form["value"].set_enabled(False)

    def _manual_field(self, holder: ttk.Frame, kind: str, choices: dict[str, str] | None):
        label = field_label(self.conflict["entity"], self.conflict["field"])
        if kind == "choice":
            made = ChoiceField(holder, label, choices=choices)
        elif kind == "date":
            made = DateField(holder, label, today_button=False)
        elif kind == "long":
            made = MultiLineField(holder, label, height=3, width=40)
        else:
            made = TextField(holder, label, width=30)
        if kind != "none":
            made.set(self.conflict["local_value"] or "")
        made.on_change(lambda: self.choice.set(MANUAL))
        return made

    def load(self) -> None:
        self.form.mark_clean()

    def is_dirty(self) -> bool:
        return False  # nothing typed here is lost by closing: the conflict stays

    def save(self, values: dict[str, Any]) -> dict:
        c = self.conflict
        entity, field = c["entity"], c["field"]
        if self.choice.get() == MANUAL:
            try:  # a choice comes as its code, 是/否 as 1/0: as history writes them
                value = typed_value(entity, field, values["value"])
            except ValidationError as error:
                raise ValidationError({"value": str(error)}) from None
        else:
            chosen = self.choice.get()
            value = next(a["value"] for a in c["alternatives"] if a["change_id"] == chosen)
        conflicts.resolve_conflict(entity, c["record_id"], field, value)
        return {"value": value, "display": display_value(entity, field, value, self.show_full)}


class ConflictsPanel(ttk.Frame):
    """The open conflicts, with 保留本机 / 采用对方 / 手工填写… for the selected one."""

    def __init__(self, master: tk.Misc, app: Workbench, on_settled: Callable[[], None]) -> None:
        super().__init__(master, style="Card.Inner.TFrame", padding=px(master, PAD))
        self.app = app
        self.on_settled = on_settled
        self.show_full = False
        self.conflicts: dict[str, dict] = {}
        self.dialog: ResolveDialog | None = None
        bar = ttk.Frame(self, style="Card.Inner.TFrame")
        bar.pack(side="bottom", fill="x", pady=(px(self, PAD), 0))
        specs = [
            ("button_keep", "保留本机", self.keep_local),
            ("button_take", "采用对方", self.take_other),
            ("button_type", "手工填写…", self.type_value),
        ]
        for name, text, command in specs:
            button = ttk.Button(bar, text=text, command=command)
            button.pack(side="left", padx=(0, px(self, PAD)))
            setattr(self, name, button)
        self.table = ListTable(
            self, COLUMNS, self._rows, empty_text="没有冲突：各台电脑的修改都已合并", height=10
        )
        self.table.pack(fill="both", expand=True)
        self.table.on_select(lambda _id: self._update_buttons())
        self.table.on_open(lambda _id: self.type_value())

    def refresh(self) -> int:
        self.table.refresh()
        self._update_buttons()
        return len(self.conflicts)

    def _rows(self) -> list[dict]:
        self.conflicts = {}
        rows = []
        for c in conflicts.list_conflicts(self.show_full):
            key = f"{c['entity']}:{c['record_id']}:{c['field']}"
            self.conflicts[key] = c
            entity, field = c["entity"], c["field"]
            others = [a for a in c["alternatives"] if not a["local"]]
            rows.append(
                {
                    "id": key,
                    "record_label": f"{entity_label(entity)} {c['record_label']}",
                    "field_label": field_label(entity, field),
                    "local_display": display_value(entity, field, c["local_value"], self.show_full),
                    "other_display": "；".join(
                        display_value(entity, field, a["value"], self.show_full) for a in others
                    ),
                    "other_who": "；".join(who_made(a) for a in others),
                }
            )
        return rows

    def _selected(self) -> dict | None:
        return self.conflicts.get(self.table.selected_id() or "")

    def _update_buttons(self) -> None:
        state = ["!disabled"] if self._selected() else ["disabled"]
        for button in (self.button_keep, self.button_take, self.button_type):
            button.state(state)

    def keep_local(self) -> None:
        c = self._selected()
        if c is not None:
            self._settle(c, c["local_value"])

    def take_other(self) -> None:
        c = self._selected()
        if c is None:
            return
        others = [a for a in c["alternatives"] if not a["local"]]
        if len(others) == 1:
            self._settle(c, others[0]["value"])
        else:  # three laptops or more disagree: say which
            self._open(c, others[0]["change_id"] if others else MANUAL)

    def type_value(self) -> None:
        c = self._selected()
        if c is not None:
            self._open(c, MANUAL)

    def _open(self, conflict: dict, chosen: str) -> None:
        self.dialog = ResolveDialog(
            self,
            self.app,
            conflict,
            chosen=chosen,
            show_full=self.show_full,
            on_saved=lambda saved: self._settled(conflict, saved["display"]),
        )

    def _settle(self, conflict: dict, value: str | None) -> None:
        try:
            conflicts.resolve_conflict(
                conflict["entity"], conflict["record_id"], conflict["field"], value
            )
        except (NotFoundError, ConflictError, ValidationError) as error:
            dialogs.show_error(self, "无法处理这处冲突", str(error))
            self.on_settled()
            return
        shown = display_value(conflict["entity"], conflict["field"], value, self.show_full)
        self._settled(conflict, shown)

    def _settled(self, conflict: dict, shown: str) -> None:
        label = field_label(conflict["entity"], conflict["field"])
        self.app.notify(f"已处理冲突：{conflict['record_label']} 的{label}为“{shown}”")
        self.app.data_changed()
        self.on_settled()
