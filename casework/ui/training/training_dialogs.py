"""The training screen's dialogs: a class's form, adding people to it, a certificate."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import Any

from casework import logs
from casework.masking import masked_rows
from casework.services.common import ConflictError, NotFoundError
from casework.services.register import people
from casework.services.training import training
from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import FormDialog, close_modal, show_modal
from casework.ui.kit.theme import PAD, PAD_LARGE, px
from casework.ui.kit.widgets import (
    BoolField,
    ChoiceField,
    Column,
    DateField,
    MultiLineField,
    PagedTable,
    SearchBox,
    TextField,
    attach_tooltip,
)
from casework.ui.kit.workbench import Workbench
from casework.validation import ValidationError
from casework.vocab_training import TRAINING_KIND


class ClassFormDialog(FormDialog):
    """新建 / 编辑培训班: kind, name, dates, place, organiser, notes."""

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        class_id: str | None = None,
        on_saved: Callable[[dict], None] | None = None,
    ) -> None:
        self.class_id = class_id
        title = "编辑培训班" if class_id else "新建培训班"
        super().__init__(parent, app, title=title, on_saved=on_saved)

    def create_widgets(self) -> None:
        body, form = self.body, self.form
        form.add(
            "kind",
            ChoiceField(
                body,
                "培训类别",
                choices=TRAINING_KIND,
                required=True,
                help="这期培训属于哪一类；与群众培训意愿对照、人岗匹配时都要用到",
            ),
        )
        form.add(
            "name",
            TextField(
                body, "培训班名称", required=True, width=30, help="如：2026年第一期中式烹饪培训班"
            ),
        )
        form.add("start_date", DateField(body, "开班日期", required=True, help="第一天上课的日期"))
        form.add("end_date", DateField(body, "结业日期", help="最后一天；据此判断参训后是否就业"))
        form.add("place", TextField(body, "培训地点", width=30, help="如：保康镇职业技术学校"))
        form.add("organiser", TextField(body, "组织单位", width=30, help="如：科左中旗人社局"))
        form.add("notes", MultiLineField(body, "备注", height=3, help="课程内容、补贴等其他情况"))
        form.layout(columns=2)

    def load(self) -> None:
        if self.class_id:
            self.form.set_values(training.get_class(self.class_id))

    def save(self, values: dict[str, Any]) -> dict:
        if self.class_id:
            return training.update_class(self.class_id, values)
        return training.create_class(values)


class CertificateDialog(FormDialog):
    """A certificate earned in a class: whether, its name and its number."""

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        enrollment: dict,
        on_saved: Callable[[dict], None] | None = None,
    ) -> None:
        self.enrollment = enrollment
        whose = people.name_and_village(enrollment["person_name"], enrollment.get("village_name"))
        title = f"培训证书 — {whose}"
        super().__init__(parent, app, title=title, on_saved=on_saved)

    def create_widgets(self) -> None:
        body, form = self.body, self.form
        form.add(
            "certificate",
            BoolField(body, "已取得证书", help="取得证书视为已结业、已参训"),
        )
        form.add(
            "certificate_name",
            TextField(body, "证书名称", width=28, help="如：中式烹调师（五级）、育婴员"),
        )
        form.add(
            "certificate_number",
            TextField(body, "证书编号", width=28, help="证书上的编号，照原样填写"),
        )
        form.layout(columns=1)

    def load(self) -> None:
        values = {k: self.enrollment.get(k) for k in self.form.fields}
        if not self.enrollment.get("certificate"):
            values["certificate"] = True  # opening this dialog is usually to record one
        self.form.set_values(values, clean=False)
        self.form.mark_clean()

    def save(self, values: dict[str, Any]) -> dict:
        return training.update_enrollment(self.enrollment["id"], values)


# Village, age and the masked ID tell two people of one name apart.
CANDIDATE_COLUMNS = [
    Column("name", "姓名", 70),
    Column("village_name", "嘎查村", 110),
    Column("age", "年龄", 45, "center"),
    Column("id_number", "身份证号码", 160),
    Column("head_name", "户主", 70),
    Column("wish_text", "培训意愿", 140),
    Column("enrolled_text", "状态", 70),
]


class AddPeopleDialog(tk.Toplevel):
    """Find people by name, ID or phone and add the selected ones to a class."""

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        course: dict,
        on_saved: Callable[[list[dict]], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.withdraw()
        self.app, self.course, self.on_saved = app, course, on_saved
        self.results: list[dict] = []
        self.title(f"添加参训人员 — {course['name']}")
        self.transient(parent.winfo_toplevel())
        self.create_widgets()
        self.bind("<Escape>", self.cancel)
        self.bind("<Control-s>", self.ok)
        self.bind("<Control-S>", self.ok)
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self._previous_grab = show_modal(self, parent)
        self.search.focus()

    def create_widgets(self) -> None:
        outer = ttk.Frame(self, padding=px(self, PAD_LARGE))
        outer.pack(fill="both", expand=True)
        ttk.Label(outer, text="输入姓名、拼音、身份证号或电话查找：").pack(anchor="w")
        self.search = SearchBox(outer, "姓名 / 身份证号 / 电话", width=36)
        self.search.pack(fill="x", pady=(px(self, 2), px(self, PAD)))
        self.search.on_search(self.find)
        attach_tooltip(self.search.widget, "边输入边查找；可以多次查找，选中后点“加入培训班”")
        self.table = PagedTable(
            outer, CANDIDATE_COLUMNS, self._fetch, page_size=50, unit="人", selectmode="extended"
        )
        self.table.tree.configure(height=10)
        self.table.pack(fill="both", expand=True)
        self.table.on_open(lambda _id: self.ok())
        self.message = ttk.Label(outer, text="可按住 Ctrl 或 Shift 选多人。", style="Hint.TLabel")
        self.message.pack(anchor="w", pady=(px(self, PAD), 0))
        bar = ttk.Frame(outer)
        bar.pack(fill="x", pady=(px(self, PAD), 0))
        self.button_ok = ttk.Button(
            bar, text="加入培训班 (Ctrl+S)", style="Accent.TButton", command=self.ok
        )
        self.button_ok.pack(side="right")
        self.button_cancel = ttk.Button(bar, text="关闭 (Esc)", command=self.cancel)
        self.button_cancel.pack(side="right", padx=(0, px(self, PAD)))

    def find(self, text: str) -> None:
        try:
            found = training.candidates(self.course["id"], text) if text else []
            self.results = masked_rows(found)  # searched by the full number, shown masked
        except NotFoundError as error:
            dialogs.show_error(self, "无法查找", str(error))
            self.results = []
        for person in self.results:
            wish = person["training_wanted"]
            person["wish_text"] = ("✓ " if person["wish_matches"] else "") + wish
            person["enrolled_text"] = "已在班中" if person["enrolled"] else ""
        self.table.refresh(reset_page=True)

    def _fetch(self, page: int, page_size: int) -> tuple[list[dict], int]:
        start = (page - 1) * page_size
        return self.results[start : start + page_size], len(self.results)

    def entry_ok(self) -> list[dict] | None:
        chosen = [i for i in self.table.selected_ids() if not self.table.rows[i]["enrolled"]]
        if not chosen:
            self.message.configure(text="请先在列表中选中要加入的人（已在班中的不必再加）。")
            return None
        try:
            return training.enrol(self.course["id"], chosen)
        except (NotFoundError, ConflictError, ValidationError) as error:
            dialogs.show_error(self, "无法加入", str(error))
        except Exception as error:  # never a traceback in the cadre's face: logged instead
            dialogs.show_error(self, "加入失败", logs.report(error, "加入培训班"))
        return None

    def ok(self, _event: object = None) -> str:
        added = self.entry_ok()
        if added is not None:
            self.close()
            if self.on_saved is not None:
                self.on_saved(added)
        return "break"

    def cancel(self, _event: object = None) -> str:
        self.close()
        return "break"

    def close(self) -> None:
        close_modal(self, self._previous_grab)
