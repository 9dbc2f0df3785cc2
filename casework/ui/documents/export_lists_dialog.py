"""导出Excel清单: choose a list, where to save it, export with a progress bar, then open it.

ID numbers and phones go out masked unless the cadre ticks 包含完整身份证号和电话; such an
export is recorded in the change history (casework.exports.lists does both).
"""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import ttk

from casework.exports import lists
from casework.services.settings import save_setting, setting
from casework.ui.kit import dialogs, progress
from casework.ui.kit.form_dialog import close_modal, show_modal
from casework.ui.kit.theme import PAD, PAD_LARGE, PAD_SMALL, px
from casework.ui.kit.widgets import attach_tooltip
from casework.ui.kit.workbench import Workbench

XLSX = (("Excel 工作簿", "*.xlsx"), dialogs.ALL_FILES)
FULL_IDS_TEXT = "包含完整身份证号和电话"
FULL_IDS_HINT = (
    "默认身份证号只显示前6位和后4位、手机号只显示前3位和后4位；"
    "上报确需完整号码时再勾选，本次导出会记入修改记录"
)
DESCRIPTIONS = {
    "demand": "各用工单位招聘中的岗位：人数、薪酬、要求、食宿、联系人",
    "beijing": "目前在北京上岗的人员及其单位、岗位、上岗日期",
    "willing": "最近一次意愿为愿意外出务工的人员（可达数万行）",
    "subsidy": "符合稳岗补贴条件的人员及发放情况，另附30天内将符合条件者",
    "training": "每期培训班的参训、结业、证书及培训后就业情况",
}


def default_folder() -> Path:
    """The folder of the last export, else Documents (文档), else the home folder."""
    remembered = setting("export_folder")
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    for candidate in (Path.home() / "Documents", Path.home() / "文档", Path.home()):
        if candidate.is_dir():
            return candidate
    return Path.cwd()


class ExportListsDialog(tk.Toplevel):
    """Pick one of the five lists and a file; the export runs behind a progress bar."""

    def __init__(self, parent: tk.Misc, app: Workbench, kind: str = "willing") -> None:
        super().__init__(parent)
        self.withdraw()
        self.app = app
        self.result: lists.WriteResult | None = None
        self.exporting_full_ids = False
        self.chosen_in_dialog = ""  # a path the OS save dialog has already confirmed
        self.title("导出Excel清单")
        self.transient(parent.winfo_toplevel())
        self.kind = tk.StringVar(self, value=kind)
        self.full_ids = tk.BooleanVar(self, value=False)  # off each time: never remembered
        self.path = tk.StringVar(self, value=str(default_folder() / lists.suggested_name(kind)))
        self.create_widgets()
        self.kind.trace_add("write", self._kind_changed)
        for sequence in ("<Control-s>", "<Control-S>"):
            self.bind(sequence, self.ok)
        self.bind("<Return>", self._return_pressed)
        self.bind("<Escape>", self.cancel)
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self._previous_grab = show_modal(self, parent)
        self.buttons[kind].focus_set()

    def create_widgets(self) -> None:
        outer = ttk.Frame(self, padding=px(self, PAD_LARGE))
        outer.pack(fill="both", expand=True)
        ttk.Label(outer, text="选择要导出的清单", style="Subtitle.TLabel").pack(anchor="w")
        self.buttons: dict[str, ttk.Radiobutton] = {}
        for kind, spec in lists.LISTS.items():
            button = ttk.Radiobutton(outer, text=spec.title, value=kind, variable=self.kind)
            button.pack(anchor="w", pady=(px(self, PAD_SMALL), 0))
            ttk.Label(outer, text=DESCRIPTIONS[kind], style="Hint.TLabel").pack(
                anchor="w", padx=(px(self, 24), 0)
            )
            attach_tooltip(button, DESCRIPTIONS[kind])
            self.buttons[kind] = button
        ttk.Label(outer, text="保存到").pack(anchor="w", pady=(px(self, PAD_LARGE), px(self, 2)))
        row = ttk.Frame(outer)
        row.pack(fill="x")
        self.entry_path = ttk.Entry(row, textvariable=self.path, width=60)
        self.entry_path.pack(side="left", fill="x", expand=True)
        attach_tooltip(self.entry_path, "文件名已按“旗县-清单名-日期”拟好，可以修改")
        self.button_browse = ttk.Button(row, text="浏览…", command=self.browse)
        self.button_browse.pack(side="left", padx=(px(self, PAD), 0))
        self.check_full_ids = ttk.Checkbutton(outer, text=FULL_IDS_TEXT, variable=self.full_ids)
        self.check_full_ids.pack(anchor="w", pady=(px(self, PAD), 0))
        ttk.Label(outer, text=FULL_IDS_HINT, style="Hint.TLabel", wraplength=px(self, 520)).pack(
            anchor="w", padx=(px(self, 24), 0)
        )
        attach_tooltip(self.check_full_ids, FULL_IDS_HINT)
        self.message = ttk.Label(outer, text="", style="Hint.TLabel", wraplength=px(self, 520))
        self.message.pack(anchor="w", fill="x", pady=(px(self, PAD), 0))
        self._build_buttons(outer)

    def _build_buttons(self, outer: ttk.Frame) -> None:
        bar = ttk.Frame(outer)
        bar.pack(fill="x", pady=(px(self, PAD), 0))
        self.button_ok = ttk.Button(
            bar, text="导出 (Ctrl+S)", style="Accent.TButton", command=self.ok
        )
        self.button_ok.pack(side="right")
        self.button_cancel = ttk.Button(bar, text="关闭 (Esc)", command=self.cancel)
        self.button_cancel.pack(side="right", padx=(0, px(self, PAD)))
        self.button_open_file = ttk.Button(bar, text="打开文件", command=self.open_file)
        self.button_open_folder = ttk.Button(bar, text="打开所在文件夹", command=self.open_folder)
        self.button_open_file.pack(side="left")
        self.button_open_folder.pack(side="left", padx=(px(self, PAD), 0))
        for button in (self.button_open_file, self.button_open_folder):
            button.state(["disabled"])

    # Choosing --------------------------------------------------------------------------

    def _kind_changed(self, *_args: object) -> None:
        # The name follows the chosen list; the folder the cadre chose stays.
        folder = Path(self.path.get()).parent if self.path.get().strip() else default_folder()
        self.path.set(str(folder / lists.suggested_name(self.kind.get())))

    def browse(self) -> None:
        current = Path(self.path.get())
        chosen = dialogs.ask_save_filename(
            self,
            "保存清单",
            XLSX,
            initialfile=current.name,
            defaultextension=".xlsx",
            initialdir=str(current.parent),
        )
        if chosen:
            self.path.set(chosen)
            self.chosen_in_dialog = chosen  # the OS dialog asked about overwriting

    # Exporting -------------------------------------------------------------------------

    def target(self) -> tuple[Path, bool] | None:
        """Where to write and whether to overwrite; None when the cadre declines."""
        text = self.path.get().strip()
        if not text:
            self.message.configure(text="请填写保存位置")
            return None
        path = Path(text).expanduser()
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        overwrite = self.chosen_in_dialog == text
        if path.exists() and not overwrite:
            question = f"“{path.name}”已存在，要覆盖它吗？\n选“否”将另存为一个新文件名。"
            overwrite = dialogs.ask_yes_no(self, "文件已存在", question)
        return path, overwrite

    def ok(self, _event: object = None) -> str:
        target = self.target()
        if target is None:
            return "break"
        path, overwrite = target
        kind = self.kind.get()
        full_ids = self.exporting_full_ids = self.full_ids.get()

        def work(report, cancelled):
            def rows(done: int, total: int | None) -> None:
                # With a total the bar says "2,000 / 100,000" itself.
                report(done, total, "" if total else f"已写入 {done:,} 行")

            try:
                return lists.export_list(
                    kind, path, rows, cancelled, overwrite=overwrite, full_ids=full_ids
                )
            except lists.ExportCancelled:
                raise progress.Cancelled from None

        self.button_ok.state(["disabled"])
        self.message.configure(text="正在导出…")
        self.job = progress.run_with_progress(
            self,
            f"导出{lists.LISTS[kind].title}",
            work,
            on_done=self.exported,
            on_error=lambda _e: self._finished("导出失败，请重试。"),
            on_cancel=lambda: self._finished("已取消导出，没有留下不完整的文件。"),
        )
        return "break"

    def _return_pressed(self, event: tk.Event) -> str:
        if isinstance(event.widget, ttk.Button):
            event.widget.invoke()  # Return presses the focused button, as on Windows
            return "break"
        return self.ok()

    def _finished(self, text: str) -> None:
        self.button_ok.state(["!disabled"])
        self.message.configure(text=text)

    def exported(self, result: lists.WriteResult) -> None:
        self.result = result
        save_setting("export_folder", str(result.path.parent))
        counts = "，".join(f"{name} {count:,} 行" for name, count in result.rows.items())
        kept = "；含完整身份证号和电话，请妥善保管" if self.exporting_full_ids else ""
        self._finished(f"已导出（{counts}{kept}）：{result.path}")
        for button in (self.button_open_file, self.button_open_folder):
            button.state(["!disabled"])
        self.button_open_file.focus_set()
        self.app.notify(f"已导出 {result.path.name}")

    def open_file(self) -> None:
        if self.result and not dialogs.open_path(self.result.path):
            dialogs.show_info(self, "无法打开", f"请在文件夹中找到：\n{self.result.path}")

    def open_folder(self) -> None:
        if self.result and not dialogs.open_path(self.result.path.parent):
            dialogs.show_info(self, "无法打开", f"文件保存在：\n{self.result.path.parent}")

    def cancel(self, _event: object = None) -> str:
        close_modal(self, self._previous_grab)
        return "break"


def open_export_lists(parent: tk.Misc, app: Workbench, kind: str = "willing") -> ExportListsDialog:
    """The entry point for the menu and the sidebar."""
    return ExportListsDialog(parent, app, kind)
