"""本机干部: edit who is using this laptop, switch to another cadre, or add one."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import Any

from casework.services.register import cadres
from casework.ui.kit.form_dialog import FormDialog
from casework.ui.kit.theme import px
from casework.ui.kit.widgets import ChoiceField, TextField
from casework.ui.kit.workbench import Workbench

NEW_CADRE = "__new__"
FIELDS = ("name", "unit", "phone")


class CadreDialog(FormDialog):
    """Several cadres may share a laptop over a posting; visits record who went.

    `on_saved(cadre)` receives the cadre now using this laptop.
    """

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        on_saved: Callable[[dict[str, Any]], None] | None = None,
    ) -> None:
        self.known = {c["id"]: c for c in cadres.list_cadres()}
        super().__init__(parent, app, title="本机干部", on_saved=on_saved)
        self.resizable(False, False)

    def create_widgets(self) -> None:
        body, form = self.body, self.form
        ttk.Label(
            body,
            text="走访记录会写上当前干部的名字。换人使用这台电脑时，在这里切换或新增。",
            style="Hint.TLabel",
        ).grid(row=0, column=0, sticky="w", pady=(0, px(self, 12)))
        fields = ttk.Frame(body)
        fields.grid(row=1, column=0, sticky="ew")
        choices = {
            i: f"{c['name']}（{c['unit']}）" if c["unit"] else c["name"]
            for i, c in self.known.items()
        }
        who = ChoiceField(
            fields,
            "当前干部",
            required=True,
            width=34,
            choices={**choices, NEW_CADRE: "新增一名干部…"},
            help="选择正在使用这台电脑的干部；选“新增一名干部”可添加新来的同事",
        )
        form.add("who", who)
        who.wide = True
        who.on_change(self._who_changed)
        form.add("name", TextField(fields, "姓名", required=True, help="干部姓名"))
        form.add("phone", TextField(fields, "手机号", help="选填：11位手机号码"))
        unit_help = "派出单位，例如：北京市顺义区人力资源和社会保障局"
        form.add("unit", TextField(fields, "单位", width=36, help=unit_help))
        form["unit"].wide = True
        form.layout(columns=2)

    def load(self) -> None:
        current = cadres.current_cadre()
        self._fill(current["id"] if current else NEW_CADRE)

    def _fill(self, cadre_id: str) -> None:
        cadre = self.known.get(cadre_id, {})
        values = {"who": cadre_id} | {name: cadre.get(name, "") for name in FIELDS}
        self.form.set_values(values, clean=False)
        self.form.clear_errors()

    def _who_changed(self) -> None:
        self._fill(self.form["who"].get())
        self.form["name"].focus()

    def save(self, values: dict[str, Any]) -> dict:
        data = {name: values[name] for name in FIELDS}
        if values["who"] == NEW_CADRE:
            return cadres.create_cadre(data, make_current=True)
        cadre = cadres.update_cadre(values["who"], data)
        cadres.set_current_cadre(cadre["id"])
        return cadre
