"""导入导出: the spreadsheets that come in and the documents that go out, in one place."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import Any

from casework.ui.kit import dialogs
from casework.ui.kit.widgets import attach_tooltip
from casework.ui.kit.workbench import Workbench

#: (button label, what it does for the cadre, method name) by section.
SECTIONS: list[tuple[str, list[tuple[str, str, str]]]] = [
    (
        "导入 Excel",
        [
            (
                "导入农户花名册…",
                "防返贫监测系统导出的成员表：先预览每一行，再决定导入",
                "import_roster",
            ),
            (
                "导入用工需求表…",
                "北京用人单位的岗位需求表：单位、岗位、人数、薪资、要求",
                "import_postings",
            ),
        ],
    ),
    (
        "导出 Excel 清单",
        [
            ("导出清单…", "用工需求、在京务工、有意愿外出务工、稳岗补贴、培训台账", "export_lists"),
        ],
    ),
    (
        "导出 Word 文档",
        [
            ("导出走访日志…", "按户、按嘎查村或按干部，选定时间段，公文格式", "export_visit_log"),
            ("批量导出简历…", "所有有意愿外出务工的人，每人一份简历", "export_resumes"),
            (
                "打开自定义模板文件夹",
                "把改过的 Word 模板放在这里，同名即替换内置模板",
                "open_templates",
            ),
        ],
    ),
]


class ExchangeScreen(ttk.Frame):
    """Buttons for every import and export, each with a line saying what it is for."""

    def __init__(self, master: tk.Misc, app: Workbench) -> None:
        super().__init__(master, padding=app.theme.pad_large)
        self.app = app
        #: The dialog opened last (tests drive it).
        self.dialog: Any = None
        self.buttons: dict[str, ttk.Button] = {}
        self.create_widgets()

    def create_widgets(self) -> None:
        t = self.app.theme
        ttk.Label(self, text="导入导出", style="Title.TLabel").pack(anchor="w")
        card = ttk.Frame(self, style="Card.TFrame", padding=t.pad_large)
        card.pack(fill="both", expand=True, pady=(t.pad, 0))
        card.columnconfigure(1, weight=1)
        row = 0
        for heading, actions in SECTIONS:
            pad_top = 0 if row == 0 else t.pad_large
            ttk.Label(card, text=heading, style="Card.Subtitle.TLabel").grid(
                row=row, column=0, columnspan=2, sticky="w", pady=(pad_top, t.pad_small)
            )
            row += 1
            for label, help_text, method in actions:
                button = ttk.Button(card, text=label, width=18, command=getattr(self, method))
                button.grid(row=row, column=0, sticky="w", pady=t.pad_small)
                attach_tooltip(button, help_text)
                ttk.Label(card, text=help_text, style="Card.Hint.TLabel").grid(
                    row=row, column=1, sticky="w", padx=(t.pad, 0)
                )
                self.buttons[method] = button
                row += 1

    def refresh(self) -> None:
        """Nothing here shows records."""

    def focus_default(self) -> None:
        self.buttons["import_roster"].focus_set()

    def _open(self, make: Callable[[], Any]) -> None:
        self.dialog = make()

    def import_roster(self) -> None:
        from casework.ui.exchange.import_wizard import open_import_wizard

        self._open(lambda: open_import_wizard(self.app.root, self.app))

    def import_postings(self) -> None:
        from casework.ui.exchange.postings_import_dialog import start_import

        self._open(lambda: start_import(self.app.root, self.app))

    def export_lists(self) -> None:
        from casework.ui.documents.export_lists_dialog import open_export_lists

        self._open(lambda: open_export_lists(self.app.root, self.app))

    def export_visit_log(self) -> None:
        from casework.ui.documents.export_dialogs import open_visit_log_dialog

        self._open(lambda: open_visit_log_dialog(self.app.root, self.app))

    def export_resumes(self) -> None:
        from casework.ui.documents.export_dialogs import open_batch_resumes

        self._open(lambda: open_batch_resumes(self.app.root, self.app))

    def open_templates(self) -> None:
        from casework.exports.templates import user_dir

        folder = user_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            dialogs.show_error(self, "无法打开", f"无法创建模板文件夹：{folder}\n{error}")
            return
        if not dialogs.open_path(folder):
            dialogs.show_info(self, "自定义模板文件夹", f"模板文件夹在：\n{folder}")
