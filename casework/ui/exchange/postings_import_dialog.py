"""The 导入用工需求表 wizard: choose a sheet, see what each row would do, then import or not.

The check and the import run in a worker thread behind a progress dialog; the preview
lists every row with what will happen and each problem, in Chinese. Importing is all or
nothing unless the cadre chooses to import only the rows without problems.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from tkinter import ttk

from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import ListTable, close_modal, show_modal
from casework.ui.kit.progress import run_with_progress
from casework.ui.kit.theme import PAD, PAD_LARGE, px
from casework.ui.kit.widgets import Column, attach_tooltip
from casework.ui.kit.workbench import Workbench

EXCEL_TYPES = (("Excel 工作簿", "*.xlsx"), ("所有文件", "*.*"))
COLUMNS = [
    Column("place", "位置", 110),
    Column("action", "处理", 60, "center"),
    Column("employer", "用工单位", 170),
    Column("position", "岗位", 110),
    Column("messages", "说明", 380),
]
ACTION_LABEL = {"create": "新增", "update": "更新", "unchanged": "无变化", "refused": "有问题"}


def start_import(parent: tk.Misc, app: Workbench) -> ImportPostingsDialog | None:
    """Ask for the sheet, then check it and open the preview; None when cancelled."""
    path = dialogs.ask_open_filename(parent, "选择用工需求表", EXCEL_TYPES)
    if not path:
        return None
    return ImportPostingsDialog(parent, app, path)


def _check(path: str, dry_run: bool, all_or_nothing: bool = False) -> Callable:
    def work(report, cancelled):
        from casework.imports.postings import import_postings

        return import_postings(
            path,
            dry_run=dry_run,
            all_or_nothing=all_or_nothing,
            progress=report,
            cancelled=cancelled,
        )

    return work


class ImportPostingsDialog(tk.Toplevel):
    """The preview of one labour-demand sheet, with 导入 / 只导入没有问题的行 / 关闭."""

    def __init__(self, parent: tk.Misc, app: Workbench, path: str) -> None:
        super().__init__(parent)
        self.withdraw()
        self.app = app
        self.path = path
        self.report = None
        self.progress = None
        self.title(f"导入用工需求表 — {Path(path).name}")
        self.transient(parent.winfo_toplevel())
        self.create_widgets()
        self.bind("<Escape>", lambda _e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self._previous_grab = show_modal(self, parent)
        self.progress = run_with_progress(
            self, "检查用工需求表", _check(path, dry_run=True), on_done=self.show_report
        )

    def create_widgets(self) -> None:
        outer = ttk.Frame(self, padding=px(self, PAD_LARGE))
        outer.pack(fill="both", expand=True)
        self.summary = ttk.Label(outer, text="正在检查…", wraplength=px(self, 820))
        self.summary.pack(fill="x")
        self.problems = ttk.Label(outer, text="", style="Warning.TLabel", wraplength=px(self, 820))
        self.problems.pack(fill="x", pady=(px(self, PAD), 0))
        self.table = ListTable(outer, COLUMNS, self._rows, empty_text="没有可导入的岗位", height=14)
        self.table.pack(fill="both", expand=True, pady=(px(self, PAD), 0))
        bar = ttk.Frame(outer)
        bar.pack(fill="x", pady=(px(self, PAD), 0))
        self.button_import = ttk.Button(
            bar, text="导入", style="Accent.TButton", command=lambda: self.apply(True)
        )
        self.button_import.pack(side="right")
        self.button_partial = ttk.Button(
            bar, text="只导入没有问题的行", command=lambda: self.apply(False)
        )
        self.button_partial.pack(side="right", padx=(0, px(self, PAD)))
        self.button_close = ttk.Button(bar, text="关闭 (Esc)", command=self.cancel)
        self.button_close.pack(side="left")
        attach_tooltip(self.button_import, "全部导入；有问题的行没有改好时不能使用")
        attach_tooltip(self.button_partial, "跳过有问题的行，其余的导入；跳过的行可改好表格后再导")
        for button in (self.button_import, self.button_partial):
            button.state(["disabled"])

    def _rows(self) -> list[dict]:
        if self.report is None:
            return []
        return [
            {
                "id": f"{r.sheet}:{r.row}",
                "place": f"{r.sheet} 第{r.row}行",
                "action": ACTION_LABEL[r.action] + ("·已过期" if r.expired else ""),
                "employer": r.employer,
                "position": r.position,
                "messages": "；".join(r.messages),
            }
            for r in self.report.rows
        ]

    def show_report(self, report) -> None:
        """Show the dry run (or the import's result) and enable what may be done next."""
        self.report = report
        self.summary.configure(text=report.summary())
        self.problems.configure(text="\n".join(report.problems))
        self.table.refresh()
        doable = report.created + report.updated
        can_all = not report.applied and report.refused == 0 and doable > 0
        can_partial = not report.applied and report.refused > 0 and doable > 0
        self.button_import.state(["!disabled"] if can_all else ["disabled"])
        self.button_partial.state(["!disabled"] if can_partial else ["disabled"])
        if report.applied:
            self.button_close.configure(text="完成 (Esc)")
            self.app.notify(f"已导入用工需求表：新增{report.created}个岗位，更新{report.updated}个")
            self.app.data_changed()

    def apply(self, all_or_nothing: bool) -> None:
        if self.report is None or self.report.applied:
            return
        for button in (self.button_import, self.button_partial):
            button.state(["disabled"])
        self.progress = run_with_progress(
            self,
            "导入用工需求表",
            _check(self.path, dry_run=False, all_or_nothing=all_or_nothing),
            on_done=self.show_report,
        )

    def cancel(self) -> None:
        close_modal(self, getattr(self, "_previous_grab", None))
