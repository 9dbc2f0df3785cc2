"""批量导出简历: the resumes of chosen people, or of everyone willing to go out, into a folder."""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import ttk

from casework import logs
from casework.ui.documents.export_common import (
    last_folder,
    offer_open,
)
from casework.ui.documents.export_options import OptionChoice, OptionEntry, OptionsDialog
from casework.ui.kit import dialogs
from casework.ui.kit.progress import run_in_background, run_with_progress
from casework.ui.kit.theme import PAD_SMALL, px
from casework.ui.kit.workbench import Workbench

# ---------------------------------------------------------------- resumes in a batch

SAME_AS_DRAFT = "（各人简历草稿选定的模板）"


WILLING = "所有有外出务工意愿的人（{count}）"


class BatchResumeDialog(OptionsDialog):
    """Resumes of the selected people, or of everyone willing to go out, into one folder.

    The dialog opens at once: the list of the willing (100,000 people in a large county
    take seconds to read) is read in a worker thread, and 导出 waits for it only when
    they are the ones chosen.
    """

    def __init__(
        self, parent: tk.Misc, app: Workbench, person_ids: list[str] | None = None
    ) -> None:
        self.person_ids = list(person_ids or [])
        self.willing: list[dict] | None = None  # until the worker has read them
        super().__init__(parent, app, "批量导出简历")
        self._update_ok()
        # Begun once the dialog is drawn: the worker would otherwise share the
        # interpreter with the drawing of it.
        self.after_idle(self._read_willing)

    @property
    def loading(self) -> bool:
        """Whether the list of the willing is still being read (tests wait on it)."""
        return self.willing is None

    def create_widgets(self) -> None:
        from casework.exports.templates import template_names

        who = self._row(0, "导出对象")
        self.who_var = tk.StringVar(self, value="selected" if self.person_ids else "willing")
        self.radio_selected = ttk.Radiobutton(
            who,
            text=f"选中的 {len(self.person_ids)} 人",
            value="selected",
            variable=self.who_var,
            command=self._update_ok,
        )
        self.radio_selected.grid(row=0, column=0, sticky="w")
        if not self.person_ids:
            self.radio_selected.state(["disabled"])
        self.radio_willing = ttk.Radiobutton(
            who,
            text=WILLING.format(count="正在统计…"),
            value="willing",
            variable=self.who_var,
            command=self._update_ok,
        )
        self.radio_willing.grid(row=1, column=0, sticky="w")
        row = self._row(1, "模板")
        names = [SAME_AS_DRAFT, *template_names("resume")]
        which = "所有人都用同一个模板，或各用各自草稿选定的模板"
        self.template = OptionChoice(row, names, which, 28)
        self.template.grid(row=0, column=0, sticky="w")
        self.template.set(SAME_AS_DRAFT)
        row = self._row(2, "保存到")
        self.folder = OptionEntry(row, "简历保存到的文件夹，每人一个 Word 文件", 40)
        self.folder.grid(row=0, column=0, sticky="w")
        self.folder.set(last_folder() or str(Path.home()))
        ttk.Button(row, text="浏览…", command=self.browse).grid(
            row=0, column=1, padx=(px(self, PAD_SMALL), 0)
        )

    def _read_willing(self) -> None:
        from casework.services.documents import resumes

        def arrived(rows: list[dict]) -> None:
            if not self.winfo_exists():  # closed meanwhile
                return
            self.willing = rows
            self.radio_willing.configure(text=WILLING.format(count=f"{len(rows)} 人"))
            self._update_ok()

        def failed(error: BaseException) -> None:
            message = logs.report(error, "读取有外出务工意愿的人")
            if self.winfo_exists():
                self.radio_willing.configure(text=WILLING.format(count="未能读取"))
                self.message.configure(text=message)

        run_in_background(self, resumes.willing_people, arrived, failed)

    def _update_ok(self) -> None:
        waiting = self.who_var.get() == "willing" and self.willing is None
        if hasattr(self, "button_ok"):  # built after the options
            self.button_ok.state(["disabled"] if waiting else ["!disabled"])

    def browse(self) -> None:
        chosen = dialogs.ask_directory(self, "选择保存简历的文件夹", self.folder.get() or None)
        if chosen:
            self.folder.set(chosen)

    def items(self) -> list:
        from casework.exports import batch

        if self.who_var.get() == "selected":
            return batch.items_for_people(self.person_ids)
        return [batch.BatchItem(r["person_id"], r["name"], r["resume_id"]) for r in self.willing]

    def ok(self) -> str:
        from casework.exports import batch
        from casework.ui.documents.export_common import remember_folder

        if self.who_var.get() == "willing" and self.willing is None:
            return "break"  # 导出 is greyed out until the list is read; Return does the same
        folder = Path(self.folder.get().strip()).expanduser()
        if not self.folder.get().strip() or (folder.exists() and not folder.is_dir()):
            self.message.configure(text="请选择保存简历的文件夹")
            return "break"
        items = self.items()
        if not items:
            self.message.configure(text="没有要导出的人")
            return "break"
        template = self.template.get()
        template = None if template == SAME_AS_DRAFT else template
        remember_folder(folder)
        parent, app = self.master, self.app
        self.cancel()

        def work(report, cancelled):
            return batch.export_batch(items, folder, template, report, cancelled)

        def done(result) -> None:
            app.notify(result.summary())
            offer_open(parent, folder=result.folder, text=result.summary())

        self.progress = run_with_progress(parent, "批量导出简历", work, on_done=done)
        return "break"


def open_batch_resumes(
    parent: tk.Misc, app: Workbench, person_ids: list[str] | None = None
) -> BatchResumeDialog:
    return BatchResumeDialog(parent, app, person_ids)
