"""The household member dialog (家庭成员): birth date and gender come from the ID number."""

from __future__ import annotations

import datetime as dt
import re
import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import Any

from casework import clock, validation, vocab
from casework.services.register import households, people
from casework.ui.kit.form_dialog import FormDialog
from casework.ui.kit.theme import PAD, px
from casework.ui.kit.widgets import ChoiceField, MultiLineField, TextField
from casework.ui.kit.workbench import Workbench

ID_LENGTH = 18

# fmt: off
#: The fields in screen and Tab order: name, a field class or a vocabulary for a drop-down,
#: label, tooltip, options.
FIELDS = [
    ("name", TextField, "姓名", "与户口本、身份证一致的姓名", {"required": True, "width": 12}),
    ("relation", vocab.RELATION, "与户主关系", "此人是户主的什么人；每户只能有一位户主",
     {"required": True}),
    ("ethnicity", vocab.ETHNICITY, "民族", "身份证上的民族", {}),
    ("id_number", TextField, "身份证号码",
     "18位居民身份证号码；出生日期和性别由它得出，无需另填", {"required": True, "width": 21}),
    ("phone", TextField, "联系电话", "本人的11位手机号，推荐岗位、通知面试时用；没有可不填",
     {"width": 14}),
    ("education", vocab.EDUCATION, "文化程度", "最高学历，岗位匹配和简历要用", {}),
    ("health", vocab.HEALTH, "健康状况", "健康、长期慢性病、大病或残疾，影响能否外出务工", {}),
    ("health_notes", TextField, "病情说明", "所患疾病或残疾的简要说明，例如“尿毒症，每周透析”",
     {"width": 14}),
    ("labour_ability", vocab.LABOUR_ABILITY, "劳动能力", "按防返贫监测系统的口径填写", {}),
    ("work_status", vocab.WORK_STATUS, "务工状况", "现在是否在务工、在哪里务工", {}),
    ("political_status", vocab.POLITICAL_STATUS, "政治面貌",
     "中共党员、共青团员、群众等；印在简历上", {}),
    ("marital_status", vocab.MARITAL_STATUS, "婚姻状况", "未婚、已婚、离异或丧偶；印在简历上", {}),
    ("skills", TextField, "技能特长", "会什么手艺、有什么证书，例如“厨师证、会开叉车”",
     {"width": 40}),
    ("notes", MultiLineField, "备注", "其他需要记住的情况", {"height": 2, "width": 50}),
]
# fmt: on


class MemberForm(FormDialog):
    """Add a member to a household, or edit one when `person_id` is given."""

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        household_id: str,
        person_id: str | None = None,
        on_saved: Callable[[dict], None] | None = None,
    ) -> None:
        self.household_id = household_id
        self.person_id = person_id
        title = "编辑家庭成员" if person_id else "新增家庭成员"
        super().__init__(parent, app, title=title, on_saved=on_saved)

    def create_widgets(self) -> None:
        body, form = self.body, self.form
        for name, kind, label, help, options in FIELDS:
            if isinstance(kind, dict):
                field = ChoiceField(body, label, choices=kind, help=help, **options)
            else:
                field = kind(body, label, help=help, **options)
            form.add(name, field)
        id_field = form["id_number"]
        # The ID number and what it tells take a line of their own.
        id_field.wide = form["skills"].wide = True
        self.derived_label = ttk.Label(id_field.body, text="", style="Hint.TLabel")
        self.derived_label.grid(row=0, column=1, sticky="w", padx=(px(self, PAD), 0))
        id_field.body.columnconfigure(0, weight=0)
        id_field.body.columnconfigure(1, weight=1)
        id_field.on_change(self._id_typed)
        id_field.widget.bind("<FocusOut>", self._check_id, add="+")
        form.layout(columns=4)
        if self.person_id:
            self.button_changes = ttk.Button(
                self.button_bar, text="修改记录…", command=self.show_changes
            )
            self.button_changes.pack(side="left")

    def load(self) -> None:
        if self.person_id:
            person = people.get_person(self.person_id)
            self.title(f"编辑家庭成员 — {people.caption(self.person_id)}")
            self.form.set_values({name: person.get(name) for name in self.form.fields})
            if person.get("birth_date"):
                self._show_derived(person["birth_date"], person.get("gender"))
            return
        members = people.list_members(self.household_id)
        if not any(member["relation"] == "head" for member in members):
            self.form["relation"].set("head")  # the first person entered is usually the head
        household = households.get_household(self.household_id)
        self.title(f"新增家庭成员 — {household['code']} {households.caption(household)}")

    def show_changes(self) -> None:
        """Who changed this person, when and on which laptop; 恢复此值 shows here at once."""
        from casework.ui.sync.history_view import open_history

        label = people.caption(self.person_id)
        self.history = open_history(
            self, self.app, "person", self.person_id, label, on_restored=self._restored
        )

    def _restored(self, row: dict) -> None:
        # Only the field set back is read again: anything typed meanwhile stays.
        if row["field"] in self.form.fields:
            clean = not self.is_dirty()
            self.form[row["field"]].set(people.get_person(self.person_id)[row["field"]])
            if clean:
                self.form.mark_clean()

    def _id_typed(self) -> None:
        # Check as soon as all 18 characters are there; earlier it would only nag.
        compact = re.sub(r"\s", "", self.form["id_number"].get())
        if len(compact) >= ID_LENGTH:
            self._check_id()
        else:
            self.derived_label.configure(text="")
            self.form["id_number"].clear_error()

    def _check_id(self, _event: object = None) -> None:
        field = self.form["id_number"]
        if not field.get().strip():
            self.derived_label.configure(text="")
            return
        try:
            info = validation.id_number(field.get())
        except validation.FieldError as error:
            self.derived_label.configure(text="")
            field.show_error(error.message)
            return
        field.clear_error()
        self._show_derived(info.birth_date, info.gender)

    def _show_derived(self, birth: dt.date, gender: str | None) -> None:
        today = clock.today()
        age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
        text = f"出生 {birth.isoformat()} · {vocab.label(vocab.GENDER, gender)} · {age}岁"
        self.derived_label.configure(text=text)

    def save(self, values: dict[str, Any]) -> dict:
        if self.person_id:
            return people.update_member(self.person_id, values)
        return people.add_member(self.household_id, values)

    def saved(self, record: dict) -> None:
        self.app.notify(f"已保存家庭成员 {record['name']}")
        self.app.data_changed()
        super().saved(record)
