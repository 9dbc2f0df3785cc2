"""The exchange password, asked each time a package is made or read and never kept."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import Any

from casework.services.sync.package_file import MIN_PASSWORD, PackageError, check_password
from casework.ui.kit.form_dialog import FormDialog
from casework.ui.kit.theme import PAD, px
from casework.ui.kit.widgets import TextField
from casework.validation import ValidationError

MASK = "•"
INTRO = (
    "数据包用县里统一的交换密码加密，由县办公室告诉大家；本程序不保存这个密码。"
    "没有密码，别人拿到数据包也打不开。"
)


class ExchangePasswordDialog(FormDialog):
    """The exchange password; typed twice when a package is made, so a slip cannot lock it.

    `on_saved({"password": ...})` once it passes the package's own rule.
    """

    ok_text = "确定"

    def __init__(
        self,
        parent: tk.Misc,
        *,
        title: str,
        confirm: bool,
        on_saved: Callable[[dict], None],
    ) -> None:
        self.confirm = confirm
        super().__init__(parent, None, title=title, on_saved=on_saved)
        self.resizable(False, False)

    def create_widgets(self) -> None:
        body = self.body
        ttk.Label(body, text=INTRO, style="Hint.TLabel", wraplength=px(self, 380)).grid(
            row=0, column=0, sticky="w", pady=(0, px(self, PAD))
        )
        fields = ttk.Frame(body)
        fields.grid(row=1, column=0, sticky="ew")
        rule = f"至少 {MIN_PASSWORD} 个字符，与发出或收到数据包的同事用同一个"
        self.form.add(
            "password",
            TextField(fields, "交换密码", required=True, width=28, show=MASK, help=rule),
        )
        if self.confirm:
            again = TextField(fields, "再输入一次", required=True, width=28, show=MASK, help="核对")
            self.form.add("repeated", again)
        self.form.layout(columns=1)

    def save(self, values: dict[str, Any]) -> dict:
        password = values["password"]
        try:
            check_password(password)
        except PackageError as error:
            raise ValidationError({"password": str(error)}) from None
        if self.confirm and values["repeated"] != password:
            raise ValidationError({"repeated": "两次输入的密码不一致"})
        return {"password": password}
