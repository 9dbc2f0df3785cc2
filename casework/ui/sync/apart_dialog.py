"""不是同一户 / 不是同一个人: the other record of a pair gets its own code or ID number.

Opened from 待处理 → 重复记录 for a pair a merge found. The field starts from the other
record's present value (the one typed wrong), is checked as the register's form checks
it, and its message goes as soon as what is typed would do.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import Any

from casework.services.sync import pairs
from casework.ui.kit.form_dialog import FormDialog
from casework.ui.kit.theme import PAD, px
from casework.ui.kit.widgets import TextField
from casework.ui.kit.workbench import Workbench

#: By the entity of the pair: the title, the field's label and what happens, in words.
WORDING = {
    "household": (
        "不是同一户",
        "新的户编号",
        "两户都保留：记录二改用下面的户编号，并从回收站恢复，它的成员和走访记录随之恢复。",
    ),
    "person": (
        "不是同一个人",
        "更正后的身份证号",
        "两人都保留：记录二改用下面的身份证号（出生日期、性别随之更新），并从回收站恢复。",
    ),
}


def apart_label(entity: str) -> str:
    """The button's text for a pair of `entity`: 不是同一户… / 不是同一个人…"""
    return WORDING[entity][0] + "…" if entity in WORDING else "不是同一个…"


class KeepApartDialog(FormDialog):
    """Ask the other record's new code or ID number; keeps the pair apart on 确定."""

    ok_text = "确定"

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        pair: dict,
        *,
        on_saved: Callable[[dict], None],
    ) -> None:
        self.pair = pair
        self.field = pair["apart_field"]
        title = f"{WORDING[pair['entity']][0]} — {pair['other_label']}"
        super().__init__(parent, app, title=title, on_saved=on_saved)

    def create_widgets(self) -> None:
        _title, label, explanation = WORDING[self.pair["entity"]]
        pad = px(self, PAD)
        ttk.Label(
            self.body,
            text=f"记录一：{self.pair['kept_label']}（不变）\n记录二：{self.pair['other_label']}",
            style="Subtitle.TLabel",
        ).grid(row=0, column=0, sticky="w")
        ttk.Label(self.body, text=explanation, style="Hint.TLabel", wraplength=px(self, 600)).grid(
            row=1, column=0, sticky="w", pady=(pad, pad)
        )
        self.entry = self.form.add(self.field, TextField(self.body, label, width=30))
        self.form.layout(columns=1, start_row=2)
        self.form.check_live(self.field, self._check)

    def load(self) -> None:
        current = next(f["other"] for f in self.pair["fields"] if f["field"] == self.field)
        self.form.set_values({self.field: current or ""})

    def _check(self, values: dict[str, Any]) -> None:
        pairs.check_apart_value(self.pair["entity"], self.pair["other_id"], values[self.field])

    def is_dirty(self) -> bool:
        return False  # nothing is lost by closing: the pair stays open

    def save(self, values: dict[str, Any]) -> dict:
        return pairs.keep_apart(self.pair["id"], values[self.field])
