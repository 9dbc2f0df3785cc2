"""A resume's entries (schools, jobs, certificates, training, skills) and its photo preview.

EntriesPanel lists a draft's entries with 添加 / 编辑 / 删除 / 上移 / 下移;
ResumeEntryDialog adds or edits one through casework.services.documents.resumes, its labels
following the kind chosen (学校 for education, 工作单位 for work...). Entries are saved
as each dialog is confirmed. `photo_preview` makes a stored portrait showable in Tk.
"""

from __future__ import annotations

import base64
import io
import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import Any

from casework.services.common import NotFoundError
from casework.services.documents import resumes
from casework.services.register import people
from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import FormDialog
from casework.ui.kit.theme import PAD_SMALL, px
from casework.ui.kit.widgets import ChoiceField, MultiLineField, TextField
from casework.ui.kit.workbench import Workbench

# Per kind: labels of (organisation, title, detail); the first kind is the default.
LABELS = {
    "education": ("学校", "学历 / 专业", "说明"),
    "work": ("工作单位", "岗位", "工作内容"),
    "certificate": ("发证机关", "证书名称", "说明"),
    "training": ("培训机构", "培训项目", "培训内容或结果"),
    "skill": ("说明对象", "技能", "说明"),
}
COLUMNS = [
    ("kind_label", "类别", 80),
    ("period", "起止时间", 130),
    ("organisation", "单位 / 学校", 170),
    ("title", "名称 / 岗位", 130),
    ("detail", "说明", 220),
]
FIELD_HELP = {
    "kind": "这一条写在简历的哪一部分：教育经历、工作经历、技能证书、培训经历或技能特长",
    "period_from": "开始的年月，例如 2015-09；技能特长可不填",
    "period_to": "结束的年月，例如 2018-07；仍在做就填“至今”",
    "organisation": "学校、工作单位、发证机关或培训机构的名称",
    "title": "学历或专业、岗位、证书名称、培训项目或技能",
    "detail": "做了什么、取得了什么，几句话即可；可以换行",
}


class ResumeEntryDialog(FormDialog):
    """Add an entry to a draft (`entry_id` None) or edit one."""

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        resume_id: str,
        entry_id: str | None = None,
        kind: str = "work",
        on_saved: Callable[[dict], None] | None = None,
    ) -> None:
        self.resume_id = resume_id
        self.entry_id = entry_id
        self.initial_kind = kind
        title = "编辑简历条目" if entry_id else "添加简历条目"
        super().__init__(parent, app, title=title, on_saved=on_saved)

    def create_widgets(self) -> None:
        body, form = self.body, self.form
        form.add(
            "kind",
            ChoiceField(
                body,
                "类别",
                help=FIELD_HELP["kind"],
                choices=resumes.ENTRY_KIND,
                required=True,
                width=12,
            ),
        )
        form.add(
            "period_from",
            TextField(body, "开始（年-月）", help=FIELD_HELP["period_from"], width=12),
        )
        form.add(
            "period_to",
            TextField(body, "结束（年-月或至今）", help=FIELD_HELP["period_to"], width=12),
        )
        form.add("organisation", TextField(body, "单位", help=FIELD_HELP["organisation"], width=30))
        form.add("title", TextField(body, "名称", help=FIELD_HELP["title"], width=30))
        form.add(
            "detail", MultiLineField(body, "说明", help=FIELD_HELP["detail"], height=4, width=48)
        )
        form.layout(columns=3, names=["kind", "period_from", "period_to"])
        form["organisation"].grid(row=1, column=0, columnspan=2, sticky="ew")
        form["title"].grid(row=1, column=2, sticky="ew")
        form["detail"].grid(row=2, column=0, columnspan=3, sticky="nsew")
        form["kind"].on_change(self.relabel)

    def load(self) -> None:
        person_id = resumes.get_resume(self.resume_id)["person_id"]
        self.title(f"{self.title()} — {people.caption(person_id)}")
        if self.entry_id:
            self.form.set_values(resumes.get_entry(self.entry_id))
        else:
            self.form.set_values({"kind": self.initial_kind})
        self.relabel()

    def relabel(self) -> None:
        """Name the fields the way this kind of entry speaks of them."""
        organisation, title, detail = LABELS.get(self.form["kind"].get(), LABELS["work"])
        self.form["organisation"].label.configure(text=organisation)
        self.form["title"].label.configure(text=title)
        self.form["detail"].label.configure(text=detail)

    def save(self, values: dict[str, Any]) -> dict:
        if self.entry_id:
            return resumes.update_entry(self.entry_id, values)
        return resumes.add_entry(self.resume_id, values)


class EntriesPanel(ttk.Frame):
    """The entries of one draft, in resume order, with the buttons that change them."""

    def __init__(self, master: tk.Misc, app: Workbench) -> None:
        super().__init__(master)
        self.app = app
        self.resume_id: str | None = None
        self.on_change: Callable[[], None] | None = None  # told after every refresh
        self.columnconfigure(0, weight=1)
        self.rowconfigure(0, weight=1)
        self.tree = ttk.Treeview(
            self, columns=[c[0] for c in COLUMNS], show="headings", height=7, selectmode="browse"
        )
        for key, text, width in COLUMNS:
            self.tree.heading(key, text=text)
            self.tree.column(key, width=px(self, width), stretch=key == "detail")
        self.tree.grid(row=0, column=0, sticky="nsew")
        scrollbar = ttk.Scrollbar(self, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=scrollbar.set)
        scrollbar.grid(row=0, column=1, sticky="ns")
        self.tree.bind("<Double-1>", lambda _e: self.edit())
        self.tree.bind("<Return>", lambda _e: self.edit())
        self.tree.bind("<Delete>", lambda _e: self.remove())
        bar = ttk.Frame(self)
        bar.grid(row=1, column=0, sticky="w", pady=(px(self, PAD_SMALL), 0))
        self.button_add = ttk.Button(bar, text="添加", command=self.add)
        self.button_edit = ttk.Button(bar, text="编辑", command=self.edit)
        self.button_remove = ttk.Button(bar, text="删除", command=self.remove)
        self.button_up = ttk.Button(bar, text="上移", command=lambda: self.move(-1))
        self.button_down = ttk.Button(bar, text="下移", command=lambda: self.move(1))
        self.buttons = (
            self.button_add,
            self.button_edit,
            self.button_remove,
            self.button_up,
            self.button_down,
        )
        for button in self.buttons:
            button.pack(side="left", padx=(0, px(self, PAD_SMALL)))

    def show(self, resume_id: str | None) -> None:
        self.resume_id = resume_id
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.tree.delete(*self.tree.get_children())
        rows = resumes.list_entries(self.resume_id) if self.resume_id else []
        for row in rows:
            values = [row[key] for key, _, _ in COLUMNS]
            values[-1] = (values[-1] or "").replace("\n", " ")
            self.tree.insert("", "end", iid=row["id"], values=values)
        if select in self.tree.get_children():
            self.tree.selection_set(select)
            self.tree.see(select)
        if self.on_change is not None:
            self.on_change()

    def selected(self) -> str | None:
        chosen = self.tree.selection()
        return chosen[0] if chosen else None

    def add(self) -> ResumeEntryDialog | None:
        """A dialog for a new entry, of the kind of the selected one (work by default)."""
        if self.resume_id is None:
            return None
        current = self.selected()
        kind = resumes.get_entry(current)["kind"] if current else "work"
        return ResumeEntryDialog(self, self.app, self.resume_id, kind=kind, on_saved=self._saved)

    def edit(self) -> ResumeEntryDialog | None:
        entry_id = self.selected()
        if entry_id is None or self.resume_id is None:
            return None
        return ResumeEntryDialog(self, self.app, self.resume_id, entry_id, on_saved=self._saved)

    def _saved(self, entry: dict) -> None:
        self.refresh(select=entry["id"])

    def remove(self) -> None:
        entry_id = self.selected()
        if entry_id is None:
            return
        text = " ".join(self.tree.item(entry_id, "values")[1:4]).strip()
        if not dialogs.ask_yes_no(self, "删除条目", f"删除“{text}”？删除后可在回收站恢复。"):
            return
        try:
            resumes.remove_entry(entry_id)
        except NotFoundError as error:
            dialogs.show_error(self, "无法删除", str(error))
        self.refresh()

    def move(self, offset: int) -> None:
        """Up (-1) or down (+1) within its kind."""
        entry_id = self.selected()
        if entry_id is None:
            return
        try:
            resumes.move_entry(entry_id, offset)
        except NotFoundError as error:
            dialogs.show_error(self, "无法移动", str(error))
        self.refresh(select=entry_id)


def photo_preview(master: tk.Misc, jpeg: bytes | None, height: int = 126) -> tk.PhotoImage | None:
    """A small PNG of the portrait for a Label (Tk reads PNG itself; no ImageTk needed)."""
    if not jpeg:
        return None
    from PIL import Image

    with Image.open(io.BytesIO(jpeg)) as image:
        width = round(image.width * height / image.height)
        small = image.convert("RGB").resize((width, height))
    out = io.BytesIO()
    small.save(out, "PNG")
    return tk.PhotoImage(master=master, data=base64.b64encode(out.getvalue()))
