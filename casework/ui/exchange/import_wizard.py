"""导入农户花名册: choose the file → preview every row and problem → choose how → import.

The preview and the import both run behind a progress bar (casework.ui.kit.progress); the
import plans again at that moment, so what is written always matches the database as
it is then. Nothing is written until the cadre presses 导入. The selected row's whole
story (its ID number masked, every problem) shows below the table, the preview can be
saved as Excel to send back to the sheet's maker, and a 苏木乡镇 or 嘎查村 the area tree
does not have is listed and asked about before it is created.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk
from typing import Any

from casework import clock
from casework.imports import roster
from casework.ui.documents.export_common import last_folder, remember_folder, run_export
from casework.ui.kit import dialogs, progress
from casework.ui.kit.form_dialog import ReadOnlyText, close_modal, show_modal
from casework.ui.kit.theme import PAD, PAD_LARGE, PAD_SMALL, px
from casework.ui.kit.widgets import Column, PagedTable, attach_tooltip
from casework.ui.kit.workbench import Workbench
from casework.ui.register.household_list import compact_choice

XLSX = (("Excel 工作簿", "*.xlsx"), dialogs.ALL_FILES)
HINT = (
    "支持防返贫监测系统导出的“家庭成员”表（县、乡(镇)、村、户编号、与户主关系、姓名、"
    "证件号码、文化程度、健康状况、务工状况、联系电话等列），列名写法不同也能识别。"
    "按身份证号码找人、按户编号找户：重复导入同一文件只会更新，不会重复登记。"
)
COLUMNS = [
    Column("sheet", "工作表", 90),
    Column("row", "行号", 50, "center"),
    Column("action_label", "处理", 60, "center"),
    Column("name", "姓名", 70),
    Column("id_number", "身份证号码", 160),
    Column("household_code", "户编号", 120),
    Column("detail", "说明", 230),
    Column("problem_text", "问题", 330),
]
FILTERS = {
    "": "全部行",
    "refused": "不能导入",
    "warning": "有提示",
    "create": "新增",
    "update": "更新",
    "unchanged": "无变化",
}
TALLEST = 700  # 96-dpi pixels: the window and its title bar fit a 1366×768 laptop
TABLE_ROWS = (6, 3)  # the preview's rows, and the fewest it gives up room down to
AREAS_LISTED = 8  # unknown area names the question lists before "……另有 N 个"
NOTICE_LISTED = 3  # and the preview's one line
NOTES_LISTED = 3  # lines about whole sheets above the preview


class ImportWizard(tk.Toplevel):
    """One window, three steps: file and preview, the way to import, the result."""

    def __init__(self, parent: tk.Misc, app: Workbench) -> None:
        super().__init__(parent)
        self.withdraw()
        self.app = app
        self.report: roster.RosterReport | None = None
        self.rows: list[dict] = []
        self.imported = False
        self.job: Any = None
        self.title("导入农户花名册")
        self.transient(parent.winfo_toplevel())
        self.path = tk.StringVar(self)
        self.mode = tk.StringVar(self, value="valid")
        self.create_widgets()
        self.path.trace_add("write", lambda *_a: self._reset())
        self.bind("<Escape>", self.cancel)
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self._previous_grab = show_modal(self, parent)
        self.button_choose.focus_set()

    # Building ------------------------------------------------------------------------

    def create_widgets(self) -> None:
        outer = ttk.Frame(self, padding=px(self, PAD_LARGE))
        outer.pack(fill="both", expand=True)
        ttk.Label(outer, text="第一步：选择花名册文件并预览", style="Subtitle.TLabel").pack(
            anchor="w"
        )
        ttk.Label(outer, text=HINT, style="Hint.TLabel", wraplength=px(self, 900)).pack(
            anchor="w", pady=(px(self, 2), px(self, PAD))
        )
        row = ttk.Frame(outer)
        row.pack(fill="x")
        self.entry_path = ttk.Entry(row, textvariable=self.path, width=70)
        self.entry_path.pack(side="left", fill="x", expand=True)
        self.entry_path.bind("<Return>", lambda _e: self.preview())
        attach_tooltip(self.entry_path, "花名册 .xlsx 文件的位置；可点“选择文件…”")
        self.button_choose = ttk.Button(row, text="选择文件…", command=self.choose_file)
        self.button_choose.pack(side="left", padx=(px(self, PAD), 0))
        self.button_preview = ttk.Button(
            row, text="预览", style="Accent.TButton", command=self.preview
        )
        self.button_preview.pack(side="left", padx=(px(self, PAD), 0))
        attach_tooltip(self.button_preview, "读取文件，逐行列出将新增、更新或不能导入的人员")
        self.summary = ttk.Label(outer, text="", wraplength=px(self, 900), justify="left")
        self.summary.pack(anchor="w", fill="x", pady=(px(self, PAD), 0))
        self.sheet_notes = ttk.Label(
            outer, text="", style="Warning.TLabel", wraplength=px(self, 900)
        )
        self.sheet_notes.pack(anchor="w", fill="x")
        self.area_notes = ttk.Label(
            outer, text="", style="Warning.TLabel", wraplength=px(self, 900), justify="left"
        )
        self.area_notes.pack(anchor="w", fill="x")
        self._build_table(outer)
        self._build_mode(outer)

    def _build_table(self, outer: ttk.Frame) -> None:
        bar = ttk.Frame(outer)
        bar.pack(fill="x", pady=(px(self, PAD_SMALL), 0))
        self.filter = compact_choice(bar, "显示", "只看某一类行，例如“不能导入”", width=10)
        self.filter.set_choices(FILTERS)
        self.filter.set("")
        self.filter.on_change(lambda: self.table.refresh(reset_page=True))
        # The label beside its list, not above it: the window fits a 768-pixel screen.
        self.filter.label.grid(row=1, column=0, pady=0, padx=(0, px(self, PAD_SMALL)))
        self.filter.body.grid(row=1, column=1, columnspan=1)
        self.filter.pack(side="left")
        self.button_save_report = ttk.Button(bar, text="保存为Excel…", command=self.save_report)
        self.button_save_report.pack(side="right")
        attach_tooltip(self.button_save_report, "把每一行的处理和问题存为Excel表，发回给制表人改正")
        self.button_save_report.state(["disabled"])
        self.table = PagedTable(outer, COLUMNS, self._fetch, page_size=100, unit="行")
        self.table.tree.configure(height=TABLE_ROWS[0])
        self.table.pack(fill="both", expand=True)
        self.table.on_select(self._row_selected)
        # The selected row in full: the 问题 column is too narrow for a long message.
        self.row_detail = ReadOnlyText(outer, height=3)
        self.row_detail.pack(fill="x", pady=(px(self, PAD_SMALL), 0))

    def _row_selected(self, row_id: str | None) -> None:
        row = self.table.rows.get(row_id or "")
        parts: list[tuple[str, str]] = []
        if row:
            who = "  ".join(filter(None, [row["name"], row["id_number"]]))
            parts.append((f"工作表“{row['sheet']}”第{row['row']}行  {who}\n", "heading"))
            parts.append((f"{row['action_label']}：{row['detail'] or '—'}\n", ""))
            parts.extend((f"• {problem}\n", "") for problem in row["problems"])
        self.row_detail.show(parts)

    def _build_mode(self, outer: ttk.Frame) -> None:
        # Mode and buttons share one row, so the window fits a 1366x768 laptop screen.
        bar = ttk.Frame(outer)
        bar.pack(fill="x", pady=(px(self, PAD), 0))
        ttk.Label(bar, text="第二步：导入方式", style="Subtitle.TLabel").pack(side="left")
        self.mode_buttons = {}
        for mode in ("valid", "all"):
            button = ttk.Radiobutton(bar, text=roster.MODES[mode], value=mode, variable=self.mode)
            button.pack(side="left", padx=(px(self, PAD), 0))
            self.mode_buttons[mode] = button
        attach_tooltip(
            self.mode_buttons["all"], "适合要求一次导入完整名单时：先改好表中的问题，再导入"
        )
        self.button_import = ttk.Button(
            bar, text="第三步：导入", style="Accent.TButton", command=self.start_import
        )
        self.button_import.pack(side="right")
        self.button_close = ttk.Button(bar, text="关闭 (Esc)", command=self.cancel)
        self.button_close.pack(side="right", padx=(0, px(self, PAD)))
        self.button_import.state(["disabled"])

    # Step 1: file and preview --------------------------------------------------------

    def choose_file(self) -> None:
        chosen = dialogs.ask_open_filename(self, "选择花名册文件", XLSX)
        if chosen:
            self.path.set(chosen)
            self.preview()

    def _reset(self) -> None:
        self.report, self.rows, self.imported = None, [], False
        self.summary.configure(text="")
        self.sheet_notes.configure(text="")
        self.area_notes.configure(text="")
        self.button_import.state(["disabled"])
        self.button_save_report.state(["disabled"])
        self.table.refresh(reset_page=True)
        self.row_detail.show([])

    def preview(self) -> None:
        path = self.path.get().strip()
        if not path:
            self.summary.configure(text="请先选择花名册文件。")
            return
        self._reset()

        def work(report, cancelled):
            return roster.import_roster(path, dry_run=True, progress=report)

        self.job = progress.run_with_progress(
            self, "读取花名册", work, on_done=self.show_plan, can_cancel=False
        )

    def show_plan(self, report: roster.RosterReport) -> None:
        self.report = report
        self.rows = [_row_view(row) for row in report.shown_rows()]
        sheet_level = [str(p) for p in report.problems if p.row is None]
        if len(sheet_level) > NOTES_LISTED:  # all of them are in the report saved as Excel
            more = len(sheet_level) - NOTES_LISTED + 1
            sheet_level[NOTES_LISTED - 1 :] = [
                f"……另有 {more} 条关于整张工作表的提示，见“保存为Excel”"
            ]
        self.sheet_notes.configure(text="\n".join(sheet_level))
        self.area_notes.configure(text=_area_notice(report) if not report.applied else "")
        self.summary.configure(text=report.summary().replace("\n", " "))
        can_import = any(r.action in ("create", "update") for r in report.rows) or bool(
            report.counts.get("households_updated")
        )
        self.button_import.state(["!disabled"] if can_import else ["disabled"])
        self.button_save_report.state(["!disabled"] if self.rows else ["disabled"])
        if report.refused:
            self.filter.set("refused")
        self.table.refresh(reset_page=True)
        children = self.table.tree.get_children()
        if children:
            self.table.select(children[0])
        self.fit_screen()

    def fit_screen(self) -> None:
        """Give up rows of the preview while notes above it would make the window too
        tall for the screen: the notes are read once, the table can scroll."""
        limit = min(px(self, TALLEST), self.winfo_screenheight() - px(self, 68))
        rows, fewest = TABLE_ROWS
        self.table.tree.configure(height=rows)
        self.update_idletasks()
        while self.winfo_reqheight() > limit and rows > fewest:
            rows -= 1
            self.table.tree.configure(height=rows)
            self.update_idletasks()

    def _fetch(self, page: int, page_size: int) -> tuple[list[dict], int]:
        wanted = self.filter.get()
        if wanted == "warning":
            rows = [r for r in self.rows if r["warnings"]]
        elif wanted:
            rows = [r for r in self.rows if r["action"] == wanted]
        else:
            rows = self.rows
        start = (page - 1) * page_size
        return rows[start : start + page_size], len(rows)

    # Steps 2 and 3: import -----------------------------------------------------------

    def start_import(self) -> None:
        if self.report is None or self.imported:
            return
        mode = self.mode.get()
        if mode == "all" and self.report.refused:
            question = (
                f"有 {self.report.refused} 行不能导入，按“全部无误才导入”将不会导入任何数据。"
                "\n仍要继续吗？"
            )
            if not dialogs.ask_yes_no(self, "全部无误才导入", question):
                return
        new_areas = self.report.new_areas
        if new_areas and not (mode == "all" and self.report.refused):
            if not dialogs.ask_yes_no(self, "新建地区", _area_question(new_areas)):
                return
        path = self.report.path

        def work(report, cancelled):
            return roster.import_roster(path, all_or_nothing=mode == "all", progress=report)

        self.button_import.state(["disabled"])
        self.job = progress.run_with_progress(
            self,
            "导入花名册",
            work,
            on_done=self.show_result,
            on_error=lambda _e: self.button_import.state(["!disabled"]),
            can_cancel=False,
        )

    def show_result(self, report: roster.RosterReport) -> None:
        self.show_plan(report)
        self.imported = report.applied
        self.button_import.state(["disabled"] if report.applied else ["!disabled"])
        if report.applied:
            c = report.counts
            self.app.notify(
                f"已导入花名册：新增 {c['people_created']} 人，更新 {c['people_updated']} 人"
            )
            self.app.data_changed()

    # The report ------------------------------------------------------------------------

    def save_report(self) -> None:
        """Save the preview as Excel (每一行、处理和问题) and offer to open it."""
        from casework.exports.import_report import write_import_report

        report = self.report
        if report is None:
            return
        name = f"{report.path.stem}-导入问题-{clock.today():%Y%m%d}.xlsx"
        chosen = dialogs.ask_save_filename(
            self,
            "保存导入报告",
            XLSX,
            initialfile=name,
            defaultextension=".xlsx",
            initialdir=last_folder() or str(report.path.parent),
        )
        if not chosen:
            return
        remember_folder(chosen)
        rows = list(self.rows)
        sheet_level = [(p.sheet or "整个文件", p.message) for p in report.problems if p.row is None]
        title = f"花名册“{report.path.name}”导入报告"

        def make():
            return write_import_report(chosen, title, rows, sheet_level).path

        self.job = run_export(self, self.app, "保存导入报告", make)

    def cancel(self, _event: object = None) -> str:
        close_modal(self, self._previous_grab)
        return "break"


def _row_view(row: dict) -> dict:
    """A row as the table shows it: its problems in one line (in full below the table)."""
    return {**row, "problem_text": "；".join(row["problems"])}


def _area_notice(report: roster.RosterReport) -> str:
    """The preview's one line about names the area tree does not have (the rows marked
    有提示 and the question before importing give each in full)."""
    areas = report.new_areas
    if not areas:
        return ""
    names = [
        f"“{a.name}”" + (f"（是否应为{a.nearest}？）" if a.nearest else "")
        for a in areas[:NOTICE_LISTED]
    ]
    more = f"等 {len(areas)} 个" if len(areas) > NOTICE_LISTED else ""
    return f"不在地区列表中、导入时将新建的地区（导入前会请您确认）：{'、'.join(names)}{more}"


def _area_question(areas: list) -> str:
    """The question asked before the import creates areas nobody has seen yet."""
    lines = [f"以下 {len(areas)} 个地区不在地区列表中，导入时将新建："]
    lines += [f"  · {a.describe()}" for a in areas[:AREAS_LISTED]]
    if len(areas) > AREAS_LISTED:
        lines.append(f"  ……另有 {len(areas) - AREAS_LISTED} 个（见预览中“有提示”的行）")
    lines.append("如果是笔误，请先改正花名册再导入。确定新建这些地区并导入吗？")
    return "\n".join(lines)


def open_import_wizard(parent: tk.Misc, app: Workbench) -> ImportWizard:
    """The entry point for the menu and the sidebar."""
    return ImportWizard(parent, app)
