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
from tkinter import ttk

from casework import clock
from casework import validation as v
from casework.ui.documents.batch_resume_dialog import BatchResumeDialog, open_batch_resumes
from casework.ui.documents.export_common import (
    ask_docx_path,
    export_household_file,
    export_resume,
    run_export,
)
from casework.ui.documents.export_options import OptionChoice, OptionEntry, OptionsDialog
from casework.ui.kit import dialogs
from casework.ui.kit.theme import PAD, PAD_SMALL, px
from casework.ui.kit.workbench import Workbench

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


# ---------------------------------------------------------------- visit log


class VisitLogDialog(OptionsDialog):
    """Visits of one household, one village, one cadre or all, over a date range."""

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        household_id: str | None = None,
        village_id: str | None = None,
    ) -> None:
        from casework.services.register import areas, cadres, households

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
        self.date_from = OptionEntry(dates, "从这一天起（含），例如 2026-10-01；不填表示不限", 12)
        self.date_from.grid(row=0, column=1, padx=(0, px(self, PAD)))
        ttk.Label(dates, text="到").grid(row=0, column=2, padx=(0, px(self, PAD_SMALL)))
        self.date_to = OptionEntry(dates, "到这一天止（含），例如 2026-10-31；不填表示不限", 12)
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
        self.template = OptionChoice(
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
    parent: tk.Misc, app: Workbench, household_id: str | None = None, village_id: str | None = None
) -> VisitLogDialog | None:
    from casework.services.common import NotFoundError

    try:
        return VisitLogDialog(parent, app, household_id, village_id)
    except NotFoundError as error:
        dialogs.show_error(parent, "无法导出", str(error))
        return None
