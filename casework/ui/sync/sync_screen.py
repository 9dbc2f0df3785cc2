"""数据交换: packages for a colleague or the office, importing one after a check, the log.

A package is made for everyone (全部: all this laptop knows) or for one colleague's
laptop (what it has not yet said it holds). Importing reads the package twice: first a
dry run that changes nothing and says what would happen, then, if the cadre agrees, the
merge itself, after a backup. Both run in a worker behind a progress dialog; a package
that cannot be used is refused with the package's own Chinese sentence.
"""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import ttk
from typing import Any

from casework import clock
from casework.services.sync import export, history, merge
from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import ListTable
from casework.ui.kit.progress import run_with_progress
from casework.ui.kit.table import cell_text
from casework.ui.kit.widgets import BoolField, Column, TextField, attach_tooltip
from casework.ui.kit.workbench import Workbench
from casework.ui.register.household_list import compact_choice
from casework.ui.sync.password_dialog import ExchangePasswordDialog
from casework.validation import ValidationError

EVERYONE = "全部（本机知道的所有内容）"
PACKAGE_TYPES = (("数据交换包", "*.cwp"), dialogs.ALL_FILES)
EXPLANATION = (
    "各台电脑之间用数据包交换记录：导出后用U盘或微信发给同事或县办公室，对方导入即可，"
    "不需要网络。两台电脑改了同一处时不会互相覆盖，而是列入“待处理”由人决定。"
)
OFFICE_HELP = (
    "县办公室的电脑汇总各台电脑的数据包，再导出一个合并后的数据包发回给大家，"
    "这样每台电脑都有全县的台账"
)
COLUMNS = [
    Column("at", "时间", 130, "center"),
    Column("direction_label", "方式", 60, "center"),
    Column("peer_name", "对方", 120),
    Column("summary", "内容", 380),
    Column("file", "文件", 260),
]


class SyncScreen(ttk.Frame):
    """This laptop's name, export and import of packages, and the packages so far."""

    def __init__(self, master: tk.Misc, app: Workbench) -> None:
        super().__init__(master, padding=app.theme.pad_large)
        self.app = app
        #: The dialog and the progress dialog opened last (tests drive and wait on them).
        self.dialog: Any = None
        self.progress: Any = None
        self.create_widgets()
        self.refresh()

    # Building ------------------------------------------------------------------------

    def create_widgets(self) -> None:
        t = self.app.theme
        self.columnconfigure(0, weight=1)
        self.rowconfigure(3, weight=1)
        ttk.Label(self, text="数据交换", style="Title.TLabel").grid(row=0, column=0, sticky="w")
        ttk.Label(self, text=EXPLANATION, style="Hint.TLabel", wraplength=t.px(900)).grid(
            row=1, column=0, sticky="w", pady=(t.pad_small, t.pad)
        )
        cards = ttk.Frame(self)
        cards.grid(row=2, column=0, sticky="ew", pady=(0, t.pad))
        cards.columnconfigure(1, weight=1)
        self._build_laptop(cards, t)
        self._build_exchange(cards, t)
        log = ttk.Frame(self, style="Card.TFrame", padding=t.pad_large)
        log.grid(row=3, column=0, sticky="nsew")
        log.columnconfigure(0, weight=1)
        log.rowconfigure(1, weight=1)
        ttk.Label(log, text="往来记录", style="Card.Subtitle.TLabel").grid(
            row=0, column=0, sticky="w", pady=(0, t.pad_small)
        )
        self.table = ListTable(
            log, COLUMNS, self._package_rows, empty_text="还没有导出或导入过数据包", height=8
        )
        self.table.grid(row=1, column=0, sticky="nsew")

    def _build_laptop(self, master: ttk.Frame, t) -> None:
        card = ttk.Frame(master, style="Card.TFrame", padding=t.pad_large)
        card.grid(row=0, column=0, sticky="nsew", padx=(0, t.pad))
        ttk.Label(card, text="本机", style="Card.Subtitle.TLabel").grid(row=0, column=0, sticky="w")
        self.laptop_name = TextField(
            card, "本机名称", width=24, help="同事的电脑上显示的名称，例如干部姓名或“县办公室”"
        )
        self.laptop_name.grid(row=1, column=0, sticky="ew", pady=(t.pad_small, 0))
        self.is_office = BoolField(card, "这是县办公室的电脑", help=OFFICE_HELP)
        self.is_office.grid(row=2, column=0, sticky="w")
        self.button_save = ttk.Button(card, text="保存", command=self.save_settings)
        self.button_save.grid(row=3, column=0, sticky="w", pady=(t.pad_small, 0))

    def _build_exchange(self, master: ttk.Frame, t) -> None:
        card = ttk.Frame(master, style="Card.TFrame", padding=t.pad_large)
        card.grid(row=0, column=1, sticky="nsew")
        card.columnconfigure(1, weight=1)
        ttk.Label(card, text="导出", style="Card.Subtitle.TLabel").grid(row=0, column=0, sticky="w")
        self.receiver = compact_choice(
            card, "发给", "发给某位同事时，只导出对方还没有的内容；全部：第一次交换时用", width=28
        )
        self.receiver.grid(row=1, column=0, sticky="w", pady=(t.pad_small, 0))
        self.button_export = ttk.Button(
            card, text="导出数据包…", style="Accent.TButton", command=self.export_package
        )
        self.button_export.grid(row=1, column=1, sticky="sw", padx=(t.pad, 0))
        attach_tooltip(self.button_export, "输入交换密码，选择保存位置（如 U 盘）")
        ttk.Label(card, text="导入", style="Card.Subtitle.TLabel").grid(
            row=2, column=0, sticky="w", pady=(t.pad, 0)
        )
        self.button_import = ttk.Button(card, text="导入数据包…", command=self.import_package)
        self.button_import.grid(row=3, column=0, sticky="w", pady=(t.pad_small, 0))
        attach_tooltip(self.button_import, "先检查数据包里有什么，确认后再导入；导入前自动备份")
        self.result = ttk.Label(card, text="", style="Card.TLabel", wraplength=t.px(560))
        self.result.grid(row=4, column=0, columnspan=2, sticky="w", pady=(t.pad, 0))
        # Shown after an import that left conflicts or duplicates to decide: one click there.
        self.button_pending = ttk.Button(
            card, text="去处理", command=lambda: self.app.show_screen("pending")
        )

    # Showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        settings = history.laptop_settings()
        self.laptop_name.set(settings.name)
        self.is_office.set(settings.is_office)
        chosen = self.receiver.get()
        targets = {"": EVERYONE}
        for peer in history.export_targets():
            targets[peer["id"]] = f"县办公室：{peer['name']}" if peer["is_office"] else peer["name"]
        self.receiver.set_choices(targets)
        self.receiver.set(chosen if chosen in targets else "")
        self.table.refresh()

    def _package_rows(self) -> list[dict]:
        return [row | {"at": cell_text(row["at"])} for row in history.list_packages()]

    def focus_default(self) -> None:
        self.button_export.focus_set()

    def show_result(self, text: str, waiting: int = 0) -> None:
        self.result.configure(text=text)
        self.app.notify(text)
        if waiting:
            self.button_pending.configure(text=f"去处理（{waiting} 项）")
            self.button_pending.grid(row=5, column=0, sticky="w", pady=(self.app.theme.pad, 0))
        else:
            self.button_pending.grid_remove()

    # This laptop ---------------------------------------------------------------------

    def save_settings(self) -> None:
        try:
            saved = history.save_laptop_settings(self.laptop_name.get(), self.is_office.get())
        except ValidationError as error:
            self.laptop_name.show_error(error.errors.get("laptop_name", str(error)))
            return
        self.laptop_name.clear_error()
        office = "（县办公室）" if saved.is_office else ""
        self.app.notify(f"已保存本机名称：{saved.name}{office}")

    # Export --------------------------------------------------------------------------

    def export_package(self) -> None:
        receiver = self.receiver.get() or None
        self.dialog = ExchangePasswordDialog(
            self,
            title="导出数据包",
            confirm=True,
            on_saved=lambda record: self._export_to(receiver, record["password"]),
        )

    def _export_to(self, receiver: str | None, password: str) -> None:
        who = self.receiver.combo.get() if receiver else "全部"
        suggested = f"数据包-{history.laptop_settings().name}-{clock.today():%Y%m%d}.cwp"
        path = dialogs.ask_save_filename(
            self,
            f"数据包保存到哪里（发给：{who}）",
            filetypes=PACKAGE_TYPES,
            initialfile=suggested,
            defaultextension=".cwp",
        )
        if not path:
            return

        def work(report, cancelled) -> export.Exported:
            return export.export_package(path, password, receiver=receiver)

        self.progress = run_with_progress(
            self, "导出数据包", work, on_done=self._exported, can_cancel=False
        )

    def _exported(self, made: export.Exported) -> None:
        self.refresh()
        who = made.receiver or "同事或县办公室"
        self.show_result(
            f"已导出数据包 {made.path.name}（{made.records} 条记录，{made.changes} 条修改）。"
            f"请发给{who}，并告诉对方交换密码。文件在：{made.path.parent}"
        )

    # Import --------------------------------------------------------------------------

    def import_package(self) -> None:
        path = dialogs.ask_open_filename(self, "选择收到的数据包", filetypes=PACKAGE_TYPES)
        if not path:
            return
        self.dialog = ExchangePasswordDialog(
            self,
            title=f"导入数据包 {Path(path).name}",
            confirm=False,
            on_saved=lambda record: self._check(Path(path), record["password"]),
        )

    def _check(self, path: Path, password: str) -> None:
        def work(report, cancelled) -> merge.MergeSummary:
            return merge.import_package(path, password, dry_run=True)

        self.progress = run_with_progress(
            self,
            "检查数据包",
            work,
            on_done=lambda summary: self._confirm(path, password, summary),
            can_cancel=False,
        )

    def _confirm(self, path: Path, password: str, summary: merge.MergeSummary) -> None:
        question = f"{summary.sentence()}。\n\n导入前会先自动备份。现在导入吗？"
        if not dialogs.ask_yes_no(self, "导入数据包", question):
            self.show_result(f"没有导入 {path.name}")
            return

        def work(report, cancelled) -> merge.MergeSummary:
            return merge.import_package(path, password)

        self.progress = run_with_progress(
            self, "导入数据包", work, on_done=self._imported, can_cancel=False
        )

    def _imported(self, summary: merge.MergeSummary) -> None:
        self.app.data_changed()
        self.refresh()
        after = "。请到“待处理”中逐项决定。" if summary.waiting else "。"
        self.show_result(summary.sentence() + after, summary.waiting)
