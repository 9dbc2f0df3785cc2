"""Passwords and the recovery key in the window: set one, type one, show the key once.

- NewPasswordDialog: a password asked twice, saying plainly what a forgotten one means;
  on a first run it also offers a deliberate 不加密（不推荐）, confirmed.
- UnlockDialog: the password of an encrypted file, or its recovery key; asked again
  when wrong. Opened with the recovery key, it then asks for a new password.
- RecoveryKeyDialog: the key shown once, to copy or save as a one-page Word document,
  closed only once the cadre says it is kept.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from tkinter import ttk
from typing import Any

from casework import clock
from casework.services.safety import database_file
from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import FormDialog, close_modal, show_modal
from casework.ui.kit.theme import PAD, PAD_LARGE, TITLE_FONT, px
from casework.ui.kit.widgets import TextField, attach_tooltip
from casework.validation import ValidationError

FORGOTTEN = (
    "请记住这个密码。忘记密码时，只能用接下来显示的“恢复密钥”打开数据库；"
    "密码和恢复密钥都丢失，数据就再也无法找回，任何人都解不开。"
)
PLAIN_QUESTION = (
    "不加密时，任何人拿到这台电脑或复制走数据库文件，都能看到全部农户的身份证号、电话和健康状况。\n\n"
    "确定不加密吗？（以后可以在“数据备份”中加密。）"
)
MASK = "•"


class NewPasswordDialog(FormDialog):
    """A new password, typed twice; `on_saved({"password": ...})` once it passes the rules.

    With `offer_plain`, a 不加密（不推荐） button calls `on_plain()` after a confirmation.
    """

    ok_text = "确定"

    def __init__(
        self,
        parent: tk.Misc,
        *,
        title: str,
        intro: str,
        on_saved: Callable[[dict], None],
        on_cancel: Callable[[], None] | None = None,
        on_plain: Callable[[], None] | None = None,
        save: Callable[[str], None] | None = None,
    ) -> None:
        self.intro = intro
        self.on_cancel = on_cancel
        self.on_plain = on_plain
        self._save = save
        super().__init__(parent, None, title=title, on_saved=on_saved)
        self.resizable(False, False)

    def create_widgets(self) -> None:
        body = self.body
        ttk.Label(body, text=self.intro, style="Title.TLabel").grid(row=0, column=0, sticky="w")
        ttk.Label(body, text=FORGOTTEN, style="Hint.TLabel", wraplength=px(self, 420)).grid(
            row=1, column=0, sticky="w", pady=(px(self, 4), px(self, 12))
        )
        fields = ttk.Frame(body)
        fields.grid(row=2, column=0, sticky="ew")
        self.add_fields_before(fields)
        rule = f"至少 {database_file.MIN_PASSWORD_LENGTH} 位，可以用汉字、字母、数字和符号"
        self.form.add(
            "password", TextField(fields, "新密码", required=True, width=30, show=MASK, help=rule)
        )
        self.form.add(
            "repeated",
            TextField(fields, "再输入一次", required=True, width=30, show=MASK, help="核对一遍"),
        )
        self.form.layout(columns=1)
        if self.on_plain is not None:
            self.button_plain = ttk.Button(
                self.button_bar, text="不加密（不推荐）", command=self.choose_plain
            )
            self.button_plain.pack(side="left")
            attach_tooltip(self.button_plain, "数据以明文保存在这台电脑上")

    def add_fields_before(self, fields: ttk.Frame) -> None:
        """Fields above the new password (the current password, when changing it)."""

    def save(self, values: dict[str, Any]) -> dict:
        password, repeated = values["password"], values["repeated"]
        try:
            database_file.check_new_password(password)
        except database_file.PasswordRuleError as error:
            raise ValidationError({"password": str(error)}) from None
        if password != repeated:
            raise ValidationError({"repeated": "两次输入的密码不一致"})
        if self._save is not None:
            self._save(password)
        return {"password": password}

    def choose_plain(self) -> None:
        if dialogs.ask_yes_no(self, "不加密", PLAIN_QUESTION):
            self.close()
            self.on_plain()

    def cancel(self, _event: object = None) -> str:
        self.close()
        if self.on_cancel is not None:
            self.on_cancel()
        return "break"


class UnlockDialog(FormDialog):
    """The password (or the recovery key) of an encrypted file.

    `opened(secret)` is called with {"password": ...} or {"recovery_key": ...} once
    `unlock(**secret)` has opened the file; a wrong one is said beside the field.
    """

    ok_text = "打开"

    def __init__(
        self,
        parent: tk.Misc,
        path: Path,
        *,
        unlock: Callable[..., object],
        opened: Callable[[dict], None],
        on_quit: Callable[[], None],
    ) -> None:
        self.path = Path(path)
        self.unlock = unlock
        self.on_quit = on_quit
        self.using_recovery = not database_file.has_key_file(self.path)
        super().__init__(parent, None, title="打开加密的数据库", on_saved=opened)
        self.resizable(False, False)

    def create_widgets(self) -> None:
        self.button_cancel.configure(text="退出")
        body = self.body
        ttk.Label(body, text="请输入数据库密码", style="Title.TLabel").grid(
            row=0, column=0, sticky="w"
        )
        ttk.Label(body, text=f"数据库文件：{self.path}", style="Hint.TLabel").grid(
            row=1, column=0, sticky="w", pady=(px(self, 4), px(self, 12))
        )
        fields = ttk.Frame(body)
        fields.grid(row=2, column=0, sticky="ew")
        self.form.add(
            "password",
            TextField(fields, "密码", width=34, show=MASK, help="设置加密时填写的密码"),
        )
        self.form.add(
            "recovery_key",
            TextField(
                fields,
                "恢复密钥",
                width=58,
                help="打印在“数据库恢复密钥”那页纸上的 48 位数字，可带空格或“-”",
            ),
        )
        self.form.layout(columns=1)
        self.button_switch = ttk.Button(self.button_bar, command=self.switch)
        self.button_switch.pack(side="left", padx=(0, px(self, PAD * 3)))
        body.columnconfigure(0, minsize=px(self, 440))
        self._show_mode()

    def _show_mode(self) -> None:
        shown, hidden = ("recovery_key", "password")[:: 1 if self.using_recovery else -1]
        self.form[shown].grid()
        self.form[hidden].grid_remove()
        self.button_switch.configure(
            text="改用密码" if self.using_recovery else "忘记密码？使用恢复密钥"
        )
        if not database_file.has_key_file(self.path):
            self.button_switch.configure(state="disabled")
            self.message.configure(text="数据库旁边没有密钥文件，只能用恢复密钥打开。")

    def switch(self) -> None:
        self.using_recovery = not self.using_recovery
        self.form.clear_errors()
        self._show_mode()
        self.focus_first()

    def focus_first(self) -> None:
        self.form["recovery_key" if self.using_recovery else "password"].focus()

    def is_dirty(self) -> bool:
        return False  # a password is never "unsaved work"

    def save(self, values: dict[str, Any]) -> dict:
        name = "recovery_key" if self.using_recovery else "password"
        secret = values[name].strip() if name == "recovery_key" else values[name]
        if not secret:
            raise ValidationError(
                {name: "请输入" + ("恢复密钥" if self.using_recovery else "密码")}
            )
        try:
            self.unlock(**{name: secret})
        except database_file.WrongSecretError as error:
            self.form[name].widget.select_range(0, "end")  # typing again replaces it
            raise ValidationError({name: error.reason}) from None
        return {name: secret}

    def cancel(self, _event: object = None) -> str:
        self.close()
        self.on_quit()
        return "break"


class RecoveryKeyDialog(tk.Toplevel):
    """The recovery key, shown once. `on_done()` runs when the cadre has kept it."""

    def __init__(
        self,
        parent: tk.Misc,
        recovery_key: str,
        db_path: Path,
        on_done: Callable[[], None],
        holder: str = "",
    ) -> None:
        super().__init__(parent)
        self.withdraw()
        self.recovery_key = recovery_key
        self.db_path = Path(db_path)
        self.on_done = on_done
        self.holder = holder
        self.saved_to: Path | None = None
        self.title("恢复密钥")
        self.transient(parent.winfo_toplevel())
        self.resizable(False, False)
        self.create_widgets()
        self.protocol("WM_DELETE_WINDOW", self.done)
        self.bind("<Escape>", lambda _e: self.done())
        self._previous_grab = show_modal(self, parent)
        self.button_save.focus_set()

    def create_widgets(self) -> None:
        outer = ttk.Frame(self, padding=px(self, PAD_LARGE))
        outer.pack(fill="both", expand=True)
        ttk.Label(outer, text="请保管好恢复密钥", style="Title.TLabel").pack(anchor="w")
        ttk.Label(
            outer,
            text=(
                "忘记密码时，用它打开数据库并设置新密码；它也能打开每一份备份。\n"
                "这里只显示这一次。请另存为 Word 文档打印出来，放进办公室保险柜。"
            ),
            style="Hint.TLabel",
            justify="left",
        ).pack(anchor="w", pady=(px(self, 4), px(self, 12)))
        self.key_text = tk.StringVar(self, self.recovery_key)
        self.key_entry = ttk.Entry(
            outer,
            textvariable=self.key_text,
            state="readonly",
            font=TITLE_FONT,
            width=len(self.recovery_key) + 2,
            justify="center",
        )
        self.key_entry.pack(fill="x", pady=px(self, PAD))
        buttons = ttk.Frame(outer)
        buttons.pack(fill="x")
        self.button_save = ttk.Button(buttons, text="另存为 Word 文档…", command=self.save_sheet)
        self.button_save.pack(side="left")
        self.button_copy = ttk.Button(buttons, text="复制", command=self.copy)
        self.button_copy.pack(side="left", padx=px(self, PAD))
        self.kept = tk.BooleanVar(self, False)
        self.check_kept = ttk.Checkbutton(
            outer,
            text="我已把恢复密钥打印或抄下，会妥善保管",
            variable=self.kept,
            command=self._kept_changed,
        )
        self.check_kept.pack(anchor="w", pady=(px(self, 12), 0))
        self.status = ttk.Label(outer, text="", style="Hint.TLabel")
        self.status.pack(anchor="w")
        self.button_ok = ttk.Button(
            outer, text="继续", style="Accent.TButton", command=self.done, state="disabled"
        )
        self.button_ok.pack(anchor="e", pady=(px(self, PAD), 0))

    def _kept_changed(self) -> None:
        self.button_ok.configure(state="normal" if self.kept.get() else "disabled")

    def copy(self) -> None:
        self.clipboard_clear()
        self.clipboard_append(self.recovery_key)
        self.status.configure(text="已复制。粘贴到文档里打印后，请把电子文档删除。")

    def save_sheet(self) -> None:
        from casework.exports.files import describe_error
        from casework.exports.recovery_key import write_recovery_sheet

        target = dialogs.ask_save_filename(
            self,
            "保存恢复密钥",
            filetypes=[("Word 文档", "*.docx")],
            initialfile="劳务协作工作台-恢复密钥.docx",
            defaultextension=".docx",
        )
        if not target:
            return
        try:
            self.saved_to = write_recovery_sheet(
                target, self.recovery_key, self.db_path, clock.today(), self.holder
            )
        except OSError as error:
            dialogs.show_error(self, "保存失败", describe_error(error))
            return
        self.status.configure(text=f"已保存：{self.saved_to}。打印后请把文件放进保险柜或删除。")

    def done(self) -> None:
        if not self.kept.get():
            question = "还没有确认保管好恢复密钥。关闭后它不会再显示。确定关闭吗？"
            if not dialogs.ask_yes_no(self, "恢复密钥", question):
                return
        close_modal(self, self._previous_grab)
        self.on_done()


class ChangePasswordDialog(NewPasswordDialog):
    """The current password, then a new one twice; the recovery key stays as it was."""

    def __init__(self, parent: tk.Misc, path: Path, on_saved: Callable[[dict], None]) -> None:
        self.path = Path(path)
        super().__init__(
            parent, title="修改密码", intro="修改数据库密码", on_saved=on_saved, on_cancel=None
        )

    def add_fields_before(self, fields: ttk.Frame) -> None:
        current = TextField(fields, "原密码", required=True, width=30, show=MASK, help="现在的密码")
        self.form.add("current", current)

    def focus_first(self) -> None:
        self.form["current"].focus()

    def save(self, values: dict[str, Any]) -> dict:
        record = super().save(values)
        try:
            database_file.change_password(self.path, record["password"], password=values["current"])
        except database_file.WrongSecretError as error:
            raise ValidationError({"current": error.reason}) from None
        return record
