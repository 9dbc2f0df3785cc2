"""关于: the version, the database file, its backups and the log — each openable — and
a button that copies them for a support message."""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import ttk

from casework import APP_NAME
from casework.services.safety.about import AboutInfo, about
from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import close_modal, show_modal
from casework.ui.kit.theme import PAD, PAD_LARGE, px


class AboutDialog(tk.Toplevel):
    """Modal; Esc or 关闭 closes it. `copied` is the text last put on the clipboard."""

    def __init__(self, parent: tk.Misc, info: AboutInfo | None = None) -> None:
        super().__init__(parent)
        self.withdraw()
        self.info = info or about()
        self.copied = ""
        self.title(f"关于{APP_NAME}")
        self.transient(parent.winfo_toplevel())
        self.resizable(False, False)
        outer = ttk.Frame(self, padding=px(self, PAD_LARGE))
        outer.pack(fill="both", expand=True)
        ttk.Label(outer, text=APP_NAME, style="Title.TLabel").grid(
            row=0, column=0, columnspan=3, sticky="w"
        )
        ttk.Label(outer, text=f"版本 {self.info.version}", style="Hint.TLabel").grid(
            row=1, column=0, columnspan=3, sticky="w", pady=(0, px(self, PAD))
        )
        self.open_buttons: dict[str, ttk.Button] = {}
        self.shown: dict[str, tk.StringVar] = {}  # kept: a collected variable empties its entry
        rows = [
            ("database", "数据库文件", self.info.database, "打开所在文件夹"),
            ("backups", "备份文件夹", self.info.backups, "打开"),
            ("log", "日志文件", self.info.log_file, "打开"),
        ]
        for row, (key, label, path, action) in enumerate(rows, start=2):
            self._path_row(outer, row, key, label, path, action)
        bar = ttk.Frame(outer)
        bar.grid(row=9, column=0, columnspan=3, sticky="e", pady=(px(self, PAD_LARGE), 0))
        self.button_close = ttk.Button(bar, text="关闭 (Esc)", command=self.close)
        self.button_close.pack(side="right")
        self.button_copy = ttk.Button(
            bar, text="复制以上信息", style="Accent.TButton", command=self.copy
        )
        self.button_copy.pack(side="right", padx=(0, px(self, PAD)))
        self.status = ttk.Label(outer, text="", style="Hint.TLabel")
        self.status.grid(row=8, column=0, columnspan=3, sticky="w", pady=(px(self, PAD), 0))
        self.bind("<Escape>", lambda _e: self.close())
        self.protocol("WM_DELETE_WINDOW", self.close)
        self._previous = show_modal(self, parent)
        self.button_copy.focus_set()

    def _path_row(
        self, outer: ttk.Frame, row: int, key: str, label: str, path: Path | None, action: str
    ) -> None:
        ttk.Label(outer, text=label).grid(row=row, column=0, sticky="w", pady=px(self, 3))
        shown = self.shown[key] = tk.StringVar(self, str(path) if path else "（无）")
        # Read-only entries: a long path can be scrolled and selected to copy a part.
        entry = ttk.Entry(outer, textvariable=shown, state="readonly", width=52)
        entry.grid(row=row, column=1, sticky="ew", padx=px(self, PAD))
        target = path.parent if key == "database" and path else path
        button = ttk.Button(outer, text=action, command=lambda: self.open(target))
        button.grid(row=row, column=2, sticky="ew")
        if target is None or not target.exists():
            button.state(["disabled"])
        self.open_buttons[key] = button

    def open(self, target: Path | None) -> None:
        if target is None or not dialogs.open_path(target):
            self.status.configure(text=f"无法打开：{target}")

    def copy(self) -> None:
        self.copied = self.info.support_text()
        self.clipboard_clear()
        self.clipboard_append(self.copied)
        self.status.configure(text="已复制，可以粘贴到微信或邮件里发给技术支持。")

    def close(self) -> None:
        close_modal(self, self._previous)
