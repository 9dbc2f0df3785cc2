"""Exports from the window: where to save, the progress, "open it?", and single documents.

An export asks where to save (the OS dialog, starting in the folder used last), runs
behind a progress dialog (casework.ui.kit.progress), and ends by offering to open the file
or its folder (`dialogs.open_path`).
"""

from __future__ import annotations

import os
import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from tkinter import ttk

from casework import clock
from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import close_modal, show_modal
from casework.ui.kit.progress import run_with_progress
from casework.ui.kit.theme import PAD, PAD_LARGE, px
from casework.ui.kit.workbench import Workbench

WORD_FILES = (("Word 文档", "*.docx"),)
_last_folder: dict[str, str] = {}  # where the cadre saved last, per session


def remember_folder(path: str | os.PathLike[str]) -> None:
    folder = Path(path)
    _last_folder["dir"] = str(folder if folder.is_dir() else folder.parent)


def last_folder() -> str | None:
    return _last_folder.get("dir")


def ask_docx_path(parent: tk.Misc, title: str, file_name: str) -> Path | None:
    """Where to save a Word file (the OS dialog asks before overwriting); None if cancelled."""
    chosen = dialogs.ask_save_filename(
        parent,
        title,
        WORD_FILES,
        initialfile=file_name,
        defaultextension=".docx",
        initialdir=last_folder(),
    )
    if not chosen:
        return None
    remember_folder(chosen)
    return Path(chosen)


# ---------------------------------------------------------------- after an export


class ExportDoneDialog(tk.Toplevel):
    """ "已导出" with buttons to open the file, open its folder, or just close."""

    def __init__(self, parent: tk.Misc, path: Path | None, folder: Path, text: str) -> None:
        super().__init__(parent)
        self.withdraw()
        self.title("导出完成")
        self.transient(parent.winfo_toplevel())
        self.resizable(False, False)
        self.path, self.folder = path, folder
        body = ttk.Frame(self, padding=px(self, PAD_LARGE))
        body.pack(fill="both", expand=True)
        self.label = ttk.Label(body, text=text, wraplength=px(self, 460), justify="left")
        self.label.pack(anchor="w", pady=(0, px(self, PAD_LARGE)))
        bar = ttk.Frame(body)
        bar.pack(fill="x")
        self.button_close = ttk.Button(bar, text="关闭", command=self.close)
        self.button_close.pack(side="right")
        self.button_open_folder = ttk.Button(
            bar, text="打开所在文件夹", command=lambda: self.open(self.folder)
        )
        self.button_open_folder.pack(side="right", padx=(0, px(self, PAD)))
        self.button_open_file = None
        if path is not None:
            self.button_open_file = ttk.Button(
                bar, text="打开文件", style="Accent.TButton", command=lambda: self.open(path)
            )
            self.button_open_file.pack(side="right", padx=(0, px(self, PAD)))
        self.bind("<Escape>", lambda _e: self.close())
        self.protocol("WM_DELETE_WINDOW", self.close)
        self._previous = show_modal(self, parent)
        (self.button_open_file or self.button_open_folder).focus_set()

    def open(self, target: Path) -> None:
        self.close()
        if not dialogs.open_path(target):
            message = f"没有找到能打开它的程序。文件在：\n{target}"
            dialogs.show_info(self.master, "无法打开", message)

    def close(self) -> None:
        close_modal(self, self._previous)


def offer_open(
    parent: tk.Misc, path: Path | None = None, folder: Path | None = None, text: str = ""
) -> ExportDoneDialog:
    """Tell the cadre where the export went and offer to open it."""
    folder = folder or (path.parent if path else Path.cwd())
    if not text:
        text = f"已导出：{path.name}\n保存在：{folder}" if path else f"已导出到：{folder}"
    return ExportDoneDialog(parent, path, folder, text)


def run_export(parent: tk.Misc, app: Workbench, title: str, make: Callable[[], Path]):
    """Run `make()` (it writes one file and returns its path) behind a progress dialog."""

    def work(report, cancelled) -> Path:
        report(0, None, "正在生成文档…")
        return make()

    def done(path: Path) -> None:
        app.notify(f"已导出 {path.name}")
        offer_open(parent, path)

    return run_with_progress(parent, title, work, on_done=done, can_cancel=False)


# ---------------------------------------------------------------- one document


def export_household_file(parent: tk.Misc, app: Workbench, household_id: str):
    """一户一档 for one household: ask where, write, offer to open; the progress dialog or None."""
    from casework.exports import household_file
    from casework.exports.files import document_name
    from casework.services.common import NotFoundError
    from casework.services.register import households

    try:
        household = households.get_household(household_id)
    except NotFoundError as error:
        dialogs.show_error(parent, "无法导出", str(error))
        return None
    who = f"{household['head_name']}户" if household["head_name"] else household["code"]
    path = ask_docx_path(parent, "保存一户一档", document_name(who, "一户一档", clock.today()))
    if path is None:
        return None
    return run_export(
        parent,
        app,
        "导出一户一档",
        lambda: household_file.export_household_file(household_id, path, overwrite=True),
    )


def export_resume(parent: tk.Misc, app: Workbench, resume_id: str, template: str | None = None):
    """One saved resume draft: ask where, write, offer to open; the progress dialog or None."""
    from casework.exports import resume
    from casework.services.common import NotFoundError
    from casework.services.documents import resumes

    try:
        data = resume.resume_data(resumes.get_resume(resume_id))
    except NotFoundError as error:
        dialogs.show_error(parent, "无法导出", str(error))
        return None
    path = ask_docx_path(parent, "保存简历", resume.file_name(data))
    if path is None:
        return None
    return run_export(
        parent, app, "导出简历", lambda: resume.write_resume(data, path, template, overwrite=True)
    )
