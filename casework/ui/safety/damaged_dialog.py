"""A database file that cannot be read: say what is wrong, offer the newest checked backup."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import Any

from casework.services.safety import backups, database_file
from casework.ui.kit.form_dialog import FormDialog
from casework.ui.kit.theme import px
from casework.ui.kit.widgets import TextField
from casework.ui.safety.key_dialogs import MASK
from casework.validation import ValidationError


class DamagedFileDialog(FormDialog):
    """The problem in Chinese, the newest checked backup, and 恢复这份备份 / 退出.

    `restore(backup, key)` does the restore (the damaged file is kept under a new name)
    with the database key an encrypted backup needs: from the password asked here (the key
    file beside the database opens even when the database does not), unless known.
    """

    ok_text = "恢复这份备份"

    def __init__(
        self,
        parent: tk.Misc,
        error: database_file.DatabaseFileError,
        backup: backups.Backup,
        *,
        restore: Callable[[backups.Backup, bytes | None], None],
        on_quit: Callable[[], None],
        password: str | None = None,
    ) -> None:
        self.error = error
        self.backup = backup
        self.restore = restore
        self.on_quit = on_quit
        self.password = password
        super().__init__(parent, None, title="数据库文件有问题")
        self.resizable(False, False)

    def create_widgets(self) -> None:
        self.button_cancel.configure(text="退出")
        body = self.body
        wrap = px(self, 460)
        ttk.Label(body, text="数据库文件无法读取", style="Title.TLabel").grid(
            row=0, column=0, sticky="w"
        )
        ttk.Label(body, text=str(self.error), wraplength=wrap, justify="left").grid(
            row=1, column=0, sticky="w", pady=(px(self, 6), px(self, 10))
        )
        offer = (
            f"最近一次检查过的备份：\n{self.backup.summary()}\n\n"
            "恢复后，有问题的文件会改名保留在原文件夹（….damaged-日期），不会删除，"
            "可以交给维护人员查看。备份之后录入的内容需要重新录入。"
        )
        ttk.Label(body, text=offer, style="Hint.TLabel", wraplength=wrap, justify="left").grid(
            row=2, column=0, sticky="w"
        )
        if self.backup.encrypted and self.password is None:
            fields = ttk.Frame(body)
            fields.grid(row=3, column=0, sticky="ew", pady=(px(self, 10), 0))
            self.form.add(
                "password",
                TextField(fields, "数据库密码", width=30, show=MASK, help="备份是加密的"),
            )
            self.form.layout(columns=1)

    def is_dirty(self) -> bool:
        return False

    def focus_first(self) -> None:
        if self.form.fields:
            self.form.focus_first()
        else:
            self.button_ok.focus_set()

    def save(self, values: dict[str, Any]) -> dict:
        if not self.backup.encrypted:
            return {"key": None}
        password = values.get("password", self.password)
        if not password:
            raise ValidationError({"password": "请输入数据库密码"})
        try:
            return {"key": database_file.key_for(self.error.path, password)}
        except database_file.WrongSecretError as error:
            raise ValidationError({"password": error.reason}) from None

    def saved(self, record: dict) -> None:
        self.restore(self.backup, record["key"])

    def cancel(self, _event: object = None) -> str:
        self.close()
        self.on_quit()
        return "break"
