"""The household dialog (新增/编辑农户): code, village and group, address, phone, type."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from typing import Any

from casework import vocab
from casework.services.register import areas, households
from casework.ui.kit.form_dialog import FormDialog
from casework.ui.kit.widgets import ChoiceField, MultiLineField, TextField
from casework.ui.kit.workbench import Workbench

# fmt: off
#: The fields in screen and Tab order: name, class, label, tooltip, options.
FIELDS = [
    ("code", TextField, "户编号",
     "防返贫监测系统中的户编号，便于与上级名单核对；不填则自动生成（X+日期+序号）",
     {"width": 24}),
    ("village_id", ChoiceField, "所在嘎查村",
     "该户户籍所在的苏木镇和嘎查村；列表里没有时，请先在“地区管理”中添加",
     {"required": True, "width": 26}),
    ("group_id", ChoiceField, "村民小组",
     "嘎查村下的村民小组（组、浩特），选定嘎查村后可选；可以不填", {"width": 14}),
    ("address", TextField, "详细地址", "门牌号或便于找到这户的位置说明，入户时用", {"width": 24}),
    ("phone", TextField, "联系电话",
     "能联系上这户的电话：11位手机号，或带区号的座机（如 0475-1234567）", {"width": 18}),
    ("status", ChoiceField, "农户类型",
     "建档立卡户、脱贫户、监测户或一般户，决定帮扶政策和统计口径",
     {"required": True, "width": 14}),
    ("notes", MultiLineField, "备注", "其他需要记住的情况，例如家庭变故、帮扶责任人",
     {"height": 3, "width": 50}),
]
# fmt: on


class HouseholdForm(FormDialog):
    """Add a household, or edit one when `household_id` is given."""

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        household_id: str | None = None,
        on_saved: Callable[[dict], None] | None = None,
    ) -> None:
        self.household_id = household_id
        title = "编辑农户信息" if household_id else "新增农户"
        super().__init__(parent, app, title=title, on_saved=on_saved)

    def create_widgets(self) -> None:
        body, form = self.body, self.form
        villages = {row["id"]: row["label"] for row in areas.villages()}
        choices = {"village_id": villages, "group_id": {}, "status": vocab.HOUSEHOLD_STATUS}
        for name, kind, label, help, options in FIELDS:
            if name in choices:
                options = options | {"choices": choices[name]}
            form.add(name, kind(body, label, help=help, **options))
        form.layout(columns=2)
        form["village_id"].on_change(self._village_changed)
        if not villages:
            self.message.configure(text="还没有嘎查村：请先在“地区管理”中添加苏木镇和嘎查村")

    def _village_changed(self) -> None:
        village_id = self.form["village_id"].get()
        groups = areas.groups(village_id) if village_id else []
        self.form["group_id"].set_choices({row["id"]: row["name"] for row in groups})

    def load(self) -> None:
        if not self.household_id:
            return
        household = households.get_household(self.household_id)
        self.title(f"编辑农户信息 — {household['code']} {households.caption(household)}")
        self.form["village_id"].set(household["village_id"])
        self._village_changed()
        self.form.set_values({name: household.get(name) for name in self.form.fields})

    def save(self, values: dict[str, Any]) -> dict:
        if self.household_id:
            return households.update_household(self.household_id, values)
        return households.create_household(values)

    def saved(self, record: dict) -> None:
        self.app.notify(f"已保存农户 {record['code']}")
        self.app.data_changed()
        super().saved(record)
