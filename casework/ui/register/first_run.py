"""The first-run dialog: who is using this laptop, and (when there is none yet) the county."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import Any

from casework import APP_NAME
from casework.services.register import areas, cadres
from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import FormDialog
from casework.ui.kit.theme import px
from casework.ui.kit.widgets import TextField
from casework.ui.kit.workbench import Workbench
from casework.validation import ValidationError

CADRE_FIELDS = ("name", "unit", "phone")


class FirstRunDialog(FormDialog):
    """Asks for the cadre's name, unit and phone (and the county on an empty database).

    `on_saved(cadre)` is called once everything is saved; cancelling asks, then calls
    `on_quit()`, since the workbench cannot be used without knowing its user.
    """

    ok_text = "开始使用"

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        on_saved: Callable[[dict[str, Any]], None],
        on_quit: Callable[[], None],
    ) -> None:
        self.on_quit = on_quit
        self.cadre: dict[str, Any] | None = None  # saved, while the county still has an error
        self.ask_county = not areas.children(None)
        super().__init__(parent, app, title=f"欢迎使用{APP_NAME}", on_saved=on_saved)
        self.resizable(False, False)

    def create_widgets(self) -> None:
        self.button_cancel.configure(text="退出")
        body = self.body
        ttk.Label(body, text="请先填写您的信息", style="Title.TLabel").grid(
            row=0, column=0, columnspan=2, sticky="w"
        )
        ttk.Label(
            body,
            text="走访记录会写上您的名字；这些信息只保存在这台电脑上，以后可在左下角“本机干部”中修改。",
            style="Hint.TLabel",
        ).grid(row=1, column=0, columnspan=2, sticky="w", pady=(px(self, 2), px(self, 14)))
        fields = ttk.Frame(body)
        fields.grid(row=2, column=0, columnspan=2, sticky="ew")
        self._add_fields(fields)
        self.form.layout(columns=2)

    def _add_fields(self, body: ttk.Frame) -> None:
        form = self.form
        form.add(
            "name",
            TextField(body, "姓名", required=True, help="您的姓名，走访记录上会写明是谁去的"),
        )
        form.add("phone", TextField(body, "手机号", help="选填：11位手机号码"))
        unit_help = "您的派出单位，例如：北京市顺义区人力资源和社会保障局"
        form.add("unit", TextField(body, "单位", width=36, help=unit_help))
        form["unit"].wide = True
        if self.ask_county:
            county_help = "您挂职的旗县，例如：科左中旗。苏木乡镇、嘎查村以后在“地区管理”中添加"
            form.add("county", TextField(body, "挂职旗县", help=county_help))
            form["county"].wide = True

    def save(self, values: dict[str, Any]) -> dict:
        """Save the cadre as this laptop's user, then the county; the cadre."""
        data = {name: values[name] for name in CADRE_FIELDS}
        if self.cadre is None:
            self.cadre = cadres.create_cadre(data, make_current=True)
        else:  # saved on an earlier try that then failed on the county
            self.cadre = cadres.update_cadre(self.cadre["id"], data)
        county = values.get("county", "").strip()
        if self.ask_county and county:
            try:
                areas.create_area(None, county)
            except ValidationError as error:
                raise ValidationError({"county": next(iter(error.errors.values()))}) from None
            self.ask_county = False
        return self.cadre

    def cancel(self, _event: object = None) -> str:
        question = "还没有填写您的信息，工作台无法使用。要退出吗？"
        if dialogs.ask_yes_no(self, "退出", question):
            self.close()
            self.on_quit()
        return "break"
