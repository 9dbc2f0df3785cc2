"""The employer dialog (用工单位) and the posting dialog (岗位), both FormDialogs."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from typing import Any

from casework import vocab
from casework.services.jobs import employers, postings
from casework.ui.kit.form_dialog import FormDialog
from casework.ui.kit.widgets import BoolField, ChoiceField, DateField, MultiLineField, TextField
from casework.ui.kit.workbench import Workbench
from casework.vocab_jobs import EMPLOYER_KIND, JOB_KIND, POSTING_STATUS

# fmt: off
EMPLOYER_FIELDS = [
    ("name", TextField, "单位名称", "营业执照上的全称，例如“北京嘉裕集团有限公司”",
     {"required": True, "width": 30}),
    ("kind", EMPLOYER_KIND, "单位类别", "北京的用工单位、本地的就业帮扶车间或其他单位",
     {"required": True}),
    ("place", TextField, "所在区县或地点", "北京的区（如顺义区），或帮扶车间所在的苏木乡镇",
     {"width": 16}),
    ("uscc", TextField, "统一社会信用代码", "营业执照上的18位代码，会检查校验位；不知道可以不填",
     {"width": 22}),
    ("contact", TextField, "联系人", "对接招聘的负责人姓名", {"width": 12}),
    ("phone", TextField, "联系电话", "手机号或带区号的座机，例如 010-69451234", {"width": 16}),
    ("notes", MultiLineField, "备注", "其他需要记住的情况", {"height": 2, "width": 50}),
]

POSTING_FIELDS = [
    ("employer_id", {}, "用工单位", "发布这个岗位的单位；没有的先在“用工单位”中新增",
     {"required": True, "width": 16}),
    ("position", TextField, "岗位名称", "单位写的岗位名，例如“中餐厨师”", {"required": True}),
    ("job_kind", JOB_KIND, "工种", "用于和群众意愿中的工种匹配", {}),
    ("place", vocab.DESTINATION, "工作地点", "赴京、区内、县内或就地就近；决定谁算“外出务工”",
     {"required": True}),
    ("address", TextField, "详细地址", "例如“北京市顺义区后沙峪镇”", {"width": 14}),
    ("headcount", TextField, "招聘人数", "要招多少人；不限可不填", {"width": 8}),
    ("pay_min", TextField, "月薪下限（元）", "例如 5000；面议可不填", {"width": 8}),
    ("pay_max", TextField, "月薪上限（元）", "例如 7000；只写了“以上”的可不填", {"width": 8}),
    ("age_min", TextField, "最低年龄", "例如 18；不限可不填", {"width": 6}),
    ("age_max", TextField, "最高年龄", "例如 45；超过的人不会出现在匹配名单中", {"width": 6}),
    ("gender", vocab.GENDER, "性别要求", "不限请留空", {}),
    ("education_min", vocab.EDUCATION, "最低学历", "例如初中；不限请留空", {}),
    ("certificates", TextField, "证书要求", "多个用顿号分开，例如“健康证、厨师证”",
     {"width": 14}),
    ("valid_until", DateField, "有效期至", "过了这一天岗位不再参加匹配；长期有效可不填", {}),
    ("status", POSTING_STATUS, "招聘状态", "招满或停止招聘后改为已招满/已关闭",
     {"required": True}),
    ("board", BoolField, "包吃", "单位提供伙食", {}),
    ("lodging", BoolField, "包住", "单位提供住宿", {}),
    ("notes", MultiLineField, "备注", "其他要求或待遇，例如“五险一金、月休4天”",
     {"height": 2, "width": 50}),
]
# fmt: on


def on_selection(table, callback: Callable[[], None]) -> None:
    """Call `callback()` on every selection event of a PagedTable.

    PagedTable.on_select stays quiet when the same row is chosen again after a refresh
    emptied the list, which would leave buttons greyed out; the raw event does not.
    """
    table.tree.bind("<<TreeviewSelect>>", lambda _event: callback(), add="+")


def build_fields(dialog: FormDialog, specs: list) -> None:
    """Create the fields of `specs` in the dialog's body and register them on its form."""
    for name, kind, label, help, options in specs:
        if isinstance(kind, dict):
            field = ChoiceField(dialog.body, label, choices=kind, help=help, **options)
        else:
            field = kind(dialog.body, label, help=help, **options)
        dialog.form.add(name, field)


class EmployerForm(FormDialog):
    """Add an employer, or edit one when `employer_id` is given."""

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        employer_id: str | None = None,
        on_saved: Callable[[dict], None] | None = None,
    ) -> None:
        self.employer_id = employer_id
        title = "编辑用工单位" if employer_id else "新增用工单位"
        super().__init__(parent, app, title=title, on_saved=on_saved)

    def create_widgets(self) -> None:
        build_fields(self, EMPLOYER_FIELDS)
        self.form["name"].wide = True
        self.form.layout(columns=3)

    def load(self) -> None:
        if self.employer_id:
            employer = employers.get_employer(self.employer_id)
            self.form.set_values({name: employer.get(name) for name in self.form.fields})
        else:
            self.form["kind"].set("beijing")

    def save(self, values: dict[str, Any]) -> dict:
        if self.employer_id:
            return employers.update_employer(self.employer_id, values)
        return employers.create_employer(values)

    def saved(self, record: dict) -> None:
        self.app.notify(f"已保存用工单位：{record['name']}")
        self.app.data_changed()
        super().saved(record)


class PostingForm(FormDialog):
    """Add a posting (for `employer_id` if given), or edit one when `posting_id` is given."""

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        posting_id: str | None = None,
        employer_id: str | None = None,
        on_saved: Callable[[dict], None] | None = None,
    ) -> None:
        self.posting_id = posting_id
        self.employer_id = employer_id
        title = "编辑岗位" if posting_id else "新增岗位"
        super().__init__(parent, app, title=title, on_saved=on_saved)

    def create_widgets(self) -> None:
        build_fields(self, POSTING_FIELDS)
        choices = {e["id"]: e["name"] for e in employers.employer_choices()}
        self.form["employer_id"].set_choices(choices)
        # Five narrow columns keep the dialog short enough for a 768-pixel laptop screen.
        self.form.layout(columns=5)

    def load(self) -> None:
        if self.posting_id:
            posting = postings.get_posting(self.posting_id)
            self.form.set_values({name: posting.get(name) for name in self.form.fields})
            return
        self.form.set_values(
            {"employer_id": self.employer_id or "", "place": "beijing", "status": "open"}
        )

    def focus_first(self) -> None:
        field = "position" if self.form["employer_id"].get() else "employer_id"
        self.form[field].focus()

    def save(self, values: dict[str, Any]) -> dict:
        if self.posting_id:
            return postings.update_posting(self.posting_id, values)
        return postings.create_posting(values)

    def saved(self, record: dict) -> None:
        self.app.notify(f"已保存岗位：{record['employer_name']} {record['position']}")
        self.app.data_changed()
        super().saved(record)
