"""数据备份: the checked backups, back up now, copy one to a USB stick, restore; encryption."""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import ttk

from casework.services.safety import backups, database_file, encryption
from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import ListTable
from casework.ui.kit.progress import run_with_progress
from casework.ui.kit.widgets import Column, attach_tooltip
from casework.ui.kit.workbench import Workbench
from casework.ui.safety.key_dialogs import (
    ChangePasswordDialog,
    NewPasswordDialog,
    RecoveryKeyDialog,
)

EXPLANATION = (
    "关闭窗口时和每天会自动备份（没有改动时不重复备份）；升级、导入、加密、恢复之前也会先备份。"
    f"保留最近 {backups.KEEP_DAILY} 天每天一份、再往前 {backups.KEEP_WEEKLY} 周每周一份，"
    f"以及最近 {backups.KEEP_EVENTS} 次操作前的备份。每份备份都经过检查才保留。"
)

COLUMNS = [
    Column("time", "时间", 130, "center"),
    Column("label", "原因", 200),
    Column("households", "户数", 70, "e"),
    Column("people", "人数", 70, "e"),
    Column("visits", "走访", 80, "e"),
    Column("size", "大小", 80, "e"),
    Column("lock", "加密", 60, "center"),
]


class BackupScreen(ttk.Frame):
    """The backups of the open database, newest first, and what can be done with them."""

    def __init__(self, master: tk.Misc, app: Workbench) -> None:
        super().__init__(master, padding=app.theme.pad_large)
        self.app = app
        self.rows: dict[str, backups.Backup] = {}
        self.progress = None  # the running job's dialog, for tests to wait on
        self.create_widgets()
        self.refresh()

    def create_widgets(self) -> None:
        t = self.app.theme
        self.columnconfigure(0, weight=1)
        self.rowconfigure(3, weight=1)
        header = ttk.Frame(self)
        header.grid(row=0, column=0, sticky="ew")
        ttk.Label(header, text="数据备份", style="Title.TLabel").pack(side="left")
        self.button_backup = ttk.Button(
            header, text="立即备份", style="Accent.TButton", command=self.backup_now
        )
        self.button_backup.pack(side="right")
        ttk.Label(self, text=EXPLANATION, style="Hint.TLabel", wraplength=t.px(900)).grid(
            row=1, column=0, sticky="w", pady=(t.pad_small, t.pad)
        )
        self._build_security(t)
        card = ttk.Frame(self, style="Card.TFrame", padding=t.pad_large)
        card.grid(row=3, column=0, sticky="nsew")
        card.columnconfigure(0, weight=1)
        card.rowconfigure(0, weight=1)
        self.table = ListTable(card, COLUMNS, self._rows, empty_text="还没有备份", height=12)
        self.table.grid(row=0, column=0, sticky="nsew")
        self.table.on_select(lambda _id: self._update_buttons())
        self.table.on_open(lambda _id: self.restore_selected())
        buttons = ttk.Frame(card, style="Card.Inner.TFrame")
        buttons.grid(row=1, column=0, sticky="ew", pady=(t.pad, 0))
        self.button_restore = ttk.Button(
            buttons, text="恢复所选备份…", command=self.restore_selected
        )
        self.button_restore.pack(side="left")
        attach_tooltip(self.button_restore, "用选中的备份替换当前数据库（当前数据库会先备份）")
        self.button_copy = ttk.Button(buttons, text="复制到文件夹…", command=self.copy_selected)
        self.button_copy.pack(side="left", padx=t.pad)
        attach_tooltip(self.button_copy, "把选中的备份复制到 U 盘或别的文件夹")
        self.button_folder = ttk.Button(buttons, text="打开备份文件夹", command=self.open_folder)
        self.button_folder.pack(side="left")

    def _build_security(self, t) -> None:
        bar = ttk.Frame(self, style="Card.TFrame", padding=t.pad)
        bar.grid(row=2, column=0, sticky="ew", pady=(0, t.pad))
        self.security = ttk.Label(bar, text="", style="Card.TLabel")
        self.security.pack(side="left")
        self.button_encrypt = ttk.Button(bar, text="加密数据库…", command=self.encrypt)
        self.button_password = ttk.Button(bar, text="修改密码…", command=self.change_password)

    # Showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        opened = database_file.current()
        encrypted = bool(opened and opened.encrypted)
        where = opened.path if opened else self.app.db_path
        state = "已加密（密码和恢复密钥才能打开）" if encrypted else "未加密：拿到文件的人都能读取"
        self.security.configure(text=f"数据库：{where}　　{state}")
        self.button_encrypt.pack_forget()
        self.button_password.pack_forget()
        (self.button_password if encrypted else self.button_encrypt).pack(side="right")
        self.table.refresh()
        self._update_buttons()

    def _rows(self) -> list[dict]:
        found = backups.list_backups(self.app.db_path)
        self.rows = {b.name: b for b in found}
        return [
            {
                "id": b.name,
                "time": f"{b.created_at:%Y-%m-%d %H:%M}",
                "label": b.label,
                "households": b.counts.get("household", 0),
                "people": b.counts.get("person", 0),
                "visits": b.counts.get("visit", 0),
                "size": f"{b.size / 1_048_576:.1f} MB",
                "lock": "是" if b.encrypted else "否",
            }
            for b in found
        ]

    def _selected(self) -> backups.Backup | None:
        return self.rows.get(self.table.selected_id() or "")

    def _update_buttons(self) -> None:
        state = ["!disabled"] if self._selected() else ["disabled"]
        self.button_restore.state(state)
        self.button_copy.state(state)

    def focus_default(self) -> None:
        self.button_backup.focus_set()

    # Actions -------------------------------------------------------------------------

    def backup_now(self) -> None:
        def done(backup: backups.Backup) -> None:
            self.refresh()
            self.app.notify(f"已备份并检查：{backup.name}")

        self.progress = run_with_progress(
            self,
            "备份数据",
            lambda report, cancelled: backups.before("manual"),
            on_done=done,
            can_cancel=False,
        )

    def copy_selected(self) -> None:
        backup = self._selected()
        if backup is None:
            return
        folder = dialogs.ask_directory(self, "复制备份到哪个文件夹（如 U 盘）")
        if not folder:
            return

        def work(report, cancelled) -> Path:
            return backups.copy_to_folder(backup, folder, self.app.db_path)

        self.progress = run_with_progress(
            self,
            "复制备份",
            work,
            on_done=lambda p: self.app.notify(f"已复制到：{p}"),
            can_cancel=False,
        )

    def open_folder(self) -> None:
        folder = backups.folder_for(self.app.db_path)
        folder.mkdir(parents=True, exist_ok=True)
        if not dialogs.open_path(folder):
            dialogs.show_info(self, "备份文件夹", f"备份文件夹在：\n{folder}")

    def restore_selected(self) -> None:
        backup = self._selected()
        if backup is None:
            return
        question = (
            f"用这份备份替换当前的数据库吗？\n\n{backup.summary()}\n\n"
            "当前数据库会先另存为一份“恢复备份前”的备份，可以再恢复回来；"
            "但在这份备份之后录入的内容，恢复后不会出现在数据库里。"
        )
        if not dialogs.ask_yes_no(self, "恢复备份", question):
            return
        opened = database_file.current()
        key = opened.database_key if opened else None
        path = self.app.db_path

        def work(report, cancelled) -> Path:
            database_file.open_file(path, database_key=key)
            kept = backups.restore(backup, path, key)
            database_file.open_file(path, database_key=key)
            return kept

        def done(_kept: Path) -> None:
            self.app.reload_after_file_change(f"已恢复备份：{backup.created_at:%Y-%m-%d %H:%M}")

        self._replace_file(work, "恢复备份", done)

    def encrypt(self) -> None:
        path = self.app.db_path

        def chosen(record: dict) -> None:
            def work(report, cancelled) -> str:
                return encryption.encrypt_database(path, record["password"])

            self._replace_file(work, "加密数据库", show_key)

        def show_key(recovery_key: str) -> None:
            self.app.reload_after_file_change("数据库已加密")
            holder = (self.app.cadre or {}).get("name", "")
            self.dialog = RecoveryKeyDialog(
                self.app.root, recovery_key, path, on_done=self.refresh, holder=holder
            )

        self.dialog = NewPasswordDialog(
            self, title="加密数据库", intro="为数据库设置密码", on_saved=chosen
        )

    def change_password(self) -> None:
        self.dialog = ChangePasswordDialog(
            self, self.app.db_path, on_saved=lambda _r: self.app.notify("已修改密码")
        )

    def _replace_file(self, work, title: str, on_done) -> None:
        """Run work that replaces the whole file, with no connection of this thread open."""
        if database_file.other_users(self.app.db_path):
            dialogs.show_error(
                self, title, "另有工作台窗口或命令正在使用这个数据库，请先关闭它们再试。"
            )
            return
        database_file.close_thread_connection()
        self.progress = run_with_progress(
            self,
            title,
            work,
            on_done=on_done,
            on_error=lambda _e: self.refresh(),
            can_cancel=False,
        )
