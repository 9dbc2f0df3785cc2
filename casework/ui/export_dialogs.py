"""Word exports from the window: visit logs, household files, one resume, resumes in a batch.

Entry points for the rest of the GUI:
  open_visit_log_dialog(parent, app, household_id=None, village_id=None)
  export_household_file(parent, app, household_id)
  export_resume(parent, app, resume_id, template=None)
  open_batch_resumes(parent, app, person_ids=None)   # None: everyone willing to go out
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from pathlib import Path
from tkinter import ttk
from typing import Any

from casework import clock
from casework import validation as v
from casework.ui import dialogs
from casework.ui.export_common import (
    ask_docx_path,
    export_household_file,
    export_resume,
    last_folder,
    offer_open,
    run_export,
)
from casework.ui.form_dialog import close_modal, show_modal
from casework.ui.progress import run_with_progress
from casework.ui.theme import PAD, PAD_LARGE, PAD_SMALL, px
from casework.ui.widgets import attach_tooltip

__all__ = [
    "BatchResumeDialog",
    "VisitLogDialog",
    "export_household_file",
    "export_resume",
    "open_batch_resumes",
    "open_visit_log_dialog",
    "quick_range",
]

# ---------------------------------------------------------------- date ranges

QUICK_RANGES = {
    "last_month": "上个月",
    "this_month": "本月",
    "this_quarter": "本季度",
    "this_year": "今年",
    "all": "全部时间",
}


def quick_range(kind: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The (from, to) dates of a quick choice, as of `today`."""
    if kind == "last_month":
        last = today.replace(day=1) - dt.timedelta(days=1)
        return last.replace(day=1), last
    if kind == "this_month":
        return today.replace(day=1), today
    if kind == "this_quarter":
        return dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today
    if kind == "this_year":
        return dt.date(today.year, 1, 1), today
    return None, None


# ---------------------------------------------------------------- small inputs


class _Entry(ttk.Entry):
    """A one-line input with get()/set() and a tooltip; its errors go to the dialog's line."""

    def __init__(self, master: tk.Misc, help_text: str, width: int) -> None:
        self.var = tk.StringVar(master)
        super().__init__(master, textvariable=self.var, width=width)
        attach_tooltip(self, help_text)

    def get(self) -> str:
        return self.var.get()

    def set(self, value) -> None:
        self.var.set("" if value is None else str(value))


class _Choice(ttk.Combobox):
    """A read-only drop-down of names with get()/set()."""

    def __init__(self, master: tk.Misc, names: list[str], help_text: str, width: int) -> None:
        super().__init__(master, state="readonly", values=names, width=width)
        attach_tooltip(self, help_text)

    def get(self) -> str:
        return super().get()

    def set(self, value: str) -> None:
        super().set(value)


# ---------------------------------------------------------------- small modal base


class _OptionsDialog(tk.Toplevel):
    """A modal dialog of export options: Ctrl+S / Return exports, Esc closes."""

    def __init__(self, parent: tk.Misc, app: Any, title: str) -> None:
        super().__init__(parent)
        self.withdraw()
        self.app = app
        self.title(title)
        self.transient(parent.winfo_toplevel())
        self.body = ttk.Frame(self, padding=px(self, PAD_LARGE))
        self.body.pack(fill="both", expand=True)
        self.create_widgets()
        self.message = ttk.Label(self.body, text="", style="Error.TLabel")
        self.message.grid(row=90, column=0, columnspan=4, sticky="w")
        bar = ttk.Frame(self.body)
        bar.grid(row=99, column=0, columnspan=4, sticky="e", pady=(px(self, PAD), 0))
        self.button_ok = ttk.Button(
            bar, text="导出 (Ctrl+S)", style="Accent.TButton", command=self.ok
        )
        self.button_ok.pack(side="right")
        self.button_cancel = ttk.Button(bar, text="取消 (Esc)", command=self.cancel)
        self.button_cancel.pack(side="right", padx=(0, px(self, PAD)))
        for sequence in ("<Control-s>", "<Control-S>", "<Return>", "<KP_Enter>"):
            self.bind(sequence, lambda _e: self.ok())
        self.bind("<Escape>", lambda _e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self._previous = show_modal(self, parent)

    def create_widgets(self) -> None:
        raise NotImplementedError

    def ok(self) -> str:
        raise NotImplementedError

    def cancel(self) -> str:
        # Nothing typed here is lost by closing: the dialog only holds export options.
        close_modal(self, self._previous)
        return "break"

    def _row(self, row: int, label: str) -> ttk.Frame:
        ttk.Label(self.body, text=label).grid(
            row=row, column=0, sticky="nw", padx=(0, px(self, PAD)), pady=px(self, PAD_SMALL)
        )
        frame = ttk.Frame(self.body)
        frame.grid(row=row, column=1, columnspan=3, sticky="w", pady=px(self, PAD_SMALL))
        return frame


# ---------------------------------------------------------------- visit log


class VisitLogDialog(_OptionsDialog):
    """Visits of one household, one village, one cadre or all, over a date range."""

    def __init__(
        self,
        parent: tk.Misc,
        app: Any,
        household_id: str | None = None,
        village_id: str | None = None,
    ) -> None:
        from casework.services import areas, cadres, households

        self.household = households.get_household(household_id) if household_id else None
        self.villages = areas.villages()
        self.cadres = cadres.list_cadres()
        self.initial_village = village_id
        super().__init__(parent, app, "导出走访日志")

    def create_widgets(self) -> None:
        from casework.exports.templates import template_names

        scope = self._row(0, "走访范围")
        default = "household" if self.household else ("village" if self.initial_village else "all")
        self.scope_var = tk.StringVar(self, value=default)
        column = 0
        if self.household:
            head = self.household["head_name"] or self.household["code"]
            self._radio(scope, "household", f"本户（{head}户）", column)
            column += 1
        self._radio(scope, "village", "嘎查村", column)
        self.village_combo = ttk.Combobox(
            scope, state="readonly", width=18, values=[v["label"] for v in self.villages]
        )
        self.village_combo.grid(row=0, column=column + 1, padx=(0, px(self, PAD)))
        self._radio(scope, "cadre", "干部", column + 2)
        self.cadre_combo = ttk.Combobox(
            scope, state="readonly", width=8, values=[c["name"] for c in self.cadres]
        )
        self.cadre_combo.grid(row=0, column=column + 3, padx=(0, px(self, PAD)))
        self._radio(scope, "all", "全部农户", column + 4)
        self._preselect()
        dates = self._row(1, "走访日期")
        ttk.Label(dates, text="从").grid(row=0, column=0, padx=(0, px(self, PAD_SMALL)))
        self.date_from = _Entry(dates, "从这一天起（含），例如 2026-10-01；不填表示不限", 12)
        self.date_from.grid(row=0, column=1, padx=(0, px(self, PAD)))
        ttk.Label(dates, text="到").grid(row=0, column=2, padx=(0, px(self, PAD_SMALL)))
        self.date_to = _Entry(dates, "到这一天止（含），例如 2026-10-31；不填表示不限", 12)
        self.date_to.grid(row=0, column=3, padx=(0, px(self, PAD)))
        quick = ttk.Frame(dates)
        quick.grid(row=0, column=4)
        self.quick_buttons = {}
        for kind, text in QUICK_RANGES.items():
            button = ttk.Button(
                quick, text=text, style="Tool.TButton", command=lambda k=kind: self.choose_range(k)
            )
            button.pack(side="left", padx=(0, px(self, 2)))
            self.quick_buttons[kind] = button
        self.choose_range("last_month")
        templates = self._row(2, "模板")
        self.template = _Choice(
            templates,
            template_names("visit_log"),
            "用哪一个走访日志模板（可在自定义模板文件夹中放入修改过的模板）",
            20,
        )
        self.template.grid(row=0, column=0, sticky="w")
        self.template.set("走访日志")

    def _radio(self, master: tk.Misc, value: str, text: str, column: int) -> None:
        ttk.Radiobutton(master, text=text, value=value, variable=self.scope_var).grid(
            row=0, column=column, padx=(0, px(self, PAD_SMALL))
        )

    def _preselect(self) -> None:
        ids = [v["id"] for v in self.villages]
        village = self.initial_village or (self.household or {}).get("village_id")
        if village in ids:
            self.village_combo.current(ids.index(village))
        me = (getattr(self.app, "cadre", None) or {}).get("id")
        cadre_ids = [c["id"] for c in self.cadres]
        if me in cadre_ids:
            self.cadre_combo.current(cadre_ids.index(me))

    def choose_range(self, kind: str) -> None:
        start, end = quick_range(kind, clock.today())
        self.date_from.set(start)
        self.date_to.set(end)

    def entry_ok(self):
        """The checked Scope, or None with the problems shown."""
        from casework.exports.visit_log import Scope

        self.message.configure(text="")
        errors = {}
        dates = []
        for field, label in ((self.date_from, "开始日期"), (self.date_to, "结束日期")):
            try:
                dates.append(v.date(field.get(), label=label))
            except v.FieldError as error:
                errors[label] = error.message
                dates.append(None)
        start, end = dates
        if not errors and start and end and end < start:
            errors["date_to"] = "结束日期不能早于开始日期"
        scope = self._scope_ids()
        if scope is None:
            errors["scope"] = "请选择嘎查村或干部"
        if errors:
            self.message.configure(text="；".join(errors.values()))
            return None
        ids, label = scope
        return Scope(date_from=start, date_to=end, label=label, **ids)

    def _scope_ids(self) -> tuple[dict, str] | None:
        kind = self.scope_var.get()
        if kind == "household" and self.household:
            head = self.household["head_name"]
            return {"household_id": self.household["id"]}, f"{head}户" if head else ""
        if kind == "village":
            index = self.village_combo.current()
            if index < 0:
                return None
            return {"village_id": self.villages[index]["id"]}, self.villages[index]["name"]
        if kind == "cadre":
            index = self.cadre_combo.current()
            if index < 0:
                return None
            return {"cadre_id": self.cadres[index]["id"]}, self.cadres[index]["name"]
        return {}, ""

    def ok(self) -> str:
        from casework.exports import visit_log

        scope = self.entry_ok()
        if scope is None:
            return "break"
        path = ask_docx_path(self, "保存走访日志", visit_log.file_name(scope))
        if path is None:
            return "break"
        template = self.template.get()
        parent, app = self.master, self.app
        self.cancel()
        self.progress = run_export(
            parent,
            app,
            "导出走访日志",
            lambda: visit_log.export_visit_log(scope, path, template, overwrite=True),
        )
        return "break"


def open_visit_log_dialog(
    parent: tk.Misc, app: Any, household_id: str | None = None, village_id: str | None = None
) -> VisitLogDialog | None:
    from casework.services.common import NotFoundError

    try:
        return VisitLogDialog(parent, app, household_id, village_id)
    except NotFoundError as error:
        dialogs.show_error(parent, "无法导出", str(error))
        return None


# ---------------------------------------------------------------- resumes in a batch

SAME_AS_DRAFT = "（各人简历草稿选定的模板）"


class BatchResumeDialog(_OptionsDialog):
    """Resumes of the selected people, or of everyone willing to go out, into one folder."""

    def __init__(self, parent: tk.Misc, app: Any, person_ids: list[str] | None = None) -> None:
        from casework.services import resumes

        self.person_ids = list(person_ids or [])
        self.willing = resumes.willing_people()
        super().__init__(parent, app, "批量导出简历")

    def create_widgets(self) -> None:
        from casework.exports.templates import template_names

        who = self._row(0, "导出对象")
        self.who_var = tk.StringVar(self, value="selected" if self.person_ids else "willing")
        self.radio_selected = ttk.Radiobutton(
            who, text=f"选中的 {len(self.person_ids)} 人", value="selected", variable=self.who_var
        )
        self.radio_selected.grid(row=0, column=0, sticky="w")
        if not self.person_ids:
            self.radio_selected.state(["disabled"])
        ttk.Radiobutton(
            who,
            text=f"所有有外出务工意愿的人（{len(self.willing)} 人）",
            value="willing",
            variable=self.who_var,
        ).grid(row=1, column=0, sticky="w")
        row = self._row(1, "模板")
        names = [SAME_AS_DRAFT, *template_names("resume")]
        self.template = _Choice(row, names, "所有人都用同一个模板，或各用各自草稿选定的模板", 28)
        self.template.grid(row=0, column=0, sticky="w")
        self.template.set(SAME_AS_DRAFT)
        row = self._row(2, "保存到")
        self.folder = _Entry(row, "简历保存到的文件夹，每人一个 Word 文件", 40)
        self.folder.grid(row=0, column=0, sticky="w")
        self.folder.set(last_folder() or str(Path.home()))
        ttk.Button(row, text="浏览…", command=self.browse).grid(
            row=0, column=1, padx=(px(self, PAD_SMALL), 0)
        )

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
        from casework.ui.export_common import remember_folder

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
    parent: tk.Misc, app: Any, person_ids: list[str] | None = None
) -> BatchResumeDialog:
    return BatchResumeDialog(parent, app, person_ids)
