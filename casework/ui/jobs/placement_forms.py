"""Dialogs of 就业跟踪 and 稳岗补贴: next stage, edit, record a job, pay, subsidy settings."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from typing import Any

from casework import clock, validation, vocab
from casework.services.jobs import employers, placements, subsidy
from casework.services.register import people, search
from casework.ui.jobs.job_forms import build_fields
from casework.ui.kit.form_dialog import FormDialog
from casework.ui.kit.widgets import BoolField, ChoiceField, DateField, MultiLineField, TextField
from casework.ui.kit.workbench import Workbench
from casework.vocab_jobs import JOB_KIND, LEAVE_REASON, NEXT_STAGES, PLACEMENT_STAGE

# fmt: off
STAGE_FIELDS = [
    ("stage", {}, "下一环节", "这个人现在到了哪一步；离岗后重新上岗选“在岗”", {"required": True}),
    ("on", DateField, "日期", "这一步发生的日期，不能早于上一步，也不能晚于今天",
     {"required": True}),
    ("monthly_pay", TextField, "月收入（元）", "上岗时填写实际月收入，可不填", {"width": 10}),
    ("reason", LEAVE_REASON, "离岗原因", "离岗的选为什么不干了，用于统计；不知道可不填",
     {"width": 22}),
    ("notes", TextField, "说明", "例如“视频面试通过”“家里有事回乡”", {"width": 30}),
]
EDIT_FIELDS = [
    ("employer_name", TextField, "用工单位", "单位名称", {"required": True, "width": 28}),
    ("position", TextField, "岗位", "岗位名称", {"width": 14}),
    ("place", vocab.DESTINATION, "工作地点", "赴京、区内、县内或就地就近", {"required": True}),
    ("monthly_pay", TextField, "月收入（元）", "实际月收入", {"width": 10}),
    ("organised", BoolField, "有组织输出", "由帮扶干部组织输出的（赴京的可享受稳岗补贴）", {}),
    ("notes", MultiLineField, "备注", "其他情况", {"height": 2, "width": 50}),
]
# Three to a row, so the dialog fits a 768-pixel laptop screen: who, where, what stage.
NEW_FIELDS = [
    ("find", TextField, "查找人员", "输入姓名、拼音首字母或身份证号，再在下面选人",
     {"width": 20}),
    ("person_id", {}, "人员", "要登记就业情况的人", {"required": True, "width": 28}),
    ("job_kind", JOB_KIND, "工种", "用于统计", {}),
    ("employer_id", {}, "用工单位（已登记的）", "选择已登记的单位；没有登记的在下一栏填写名称",
     {"width": 26}),
    ("employer_name", TextField, "或填写单位名称", "自己找的工作，填写单位名称即可",
     {"width": 26}),
    ("place", vocab.DESTINATION, "工作地点", "赴京、区内、县内或就地就近；选了单位会自动填上",
     {"required": True}),
    ("position", TextField, "岗位", "岗位名称", {"width": 14}),
    ("stage", {}, "目前环节", "已在岗的选“在岗”", {"required": True}),
    ("stage_date", DateField, "日期", "这一环节的日期（在岗即上岗日期）", {"required": True}),
    ("monthly_pay", TextField, "月收入（元）", "实际月收入，可不填", {"width": 10}),
    ("organised", BoolField, "有组织输出", "由帮扶干部组织输出的选上；自己找的不选", {}),
    ("notes", MultiLineField, "备注", "其他情况", {"height": 2, "width": 50}),
]
PAYMENT_FIELDS = [
    ("paid_on", DateField, "发放日期", "补贴发到本人手中的日期", {"required": True}),
    ("amount", TextField, "金额（元）", "实际发放金额", {"required": True, "width": 10}),
    ("paid_by", TextField, "经办人", "经办干部姓名", {"width": 12}),
    ("notes", TextField, "备注", "例如发放批次、凭证号", {"width": 30}),
]
SETTINGS_FIELDS = [
    ("amount", TextField, "补贴金额（元）", "每人一次性发放的稳岗补贴金额", {"width": 10}),
    ("months", TextField, "连续在岗月数", "连续在岗满多少个整月可享受", {"width": 6}),
    ("region", vocab.DESTINATION, "务工地区", "在哪里务工才享受（通常为赴京）",
     {"required": True}),
    ("sum_periods", BoolField, "中断后累计计算",
     "选上：离岗再上岗的，在岗时间累计计算；不选：重新上岗后重新计算", {}),
]
# fmt: on


def _person_chosen(values: dict[str, Any]) -> None:
    if not values["person_id"]:  # the service's own words when nobody is chosen
        raise validation.FieldError("请选择人员")


class _Dialog(FormDialog):
    """A FormDialog saving through `save_with(values)` and telling the app afterwards."""

    fields: list = []
    columns = 2
    done_text = "已保存"

    def __init__(self, parent: tk.Misc, app: Workbench, *, title: str, on_saved=None) -> None:
        super().__init__(parent, app, title=title, on_saved=on_saved)

    def create_widgets(self) -> None:
        build_fields(self, self.fields)
        self.form.layout(columns=self.columns)

    def saved(self, record: dict) -> None:
        self.app.notify(self.done_text)
        self.app.data_changed()
        super().saved(record)


class StageDialog(_Dialog):
    """Move a placement to its next stage, on a date."""

    fields = STAGE_FIELDS
    done_text = "已更新就业跟踪"

    def __init__(
        self, parent: tk.Misc, app: Workbench, placement_id: str, on_saved: Callable | None = None
    ) -> None:
        self.placement_id = placement_id
        super().__init__(parent, app, title="下一环节", on_saved=on_saved)

    def create_widgets(self) -> None:
        super().create_widgets()
        self.form["stage"].on_change(self._stage_changed)

    def _stage_changed(self) -> None:
        """离岗原因 counts only for 已离岗: greyed out (not hidden) for the other stages."""
        leaving = self.form["stage"].get() == "left"
        self.form["reason"].set_enabled(leaving)
        if not leaving:
            self.form["reason"].clear_error()

    def load(self) -> None:
        placement = placements.get_placement(self.placement_id)
        following = NEXT_STAGES[placement["stage"]]
        self.form["stage"].set_choices({s: PLACEMENT_STAGE[s] for s in following})
        self.form.set_values({"stage": following[0] if following else "", "on": clock.today()})
        whose = people.name_and_village(placement["name"], placement["village_name"])
        self.title(f"下一环节 — {whose} {placement['employer_name']}")
        self._stage_changed()

    def save(self, values: dict[str, Any]) -> dict:
        return placements.move_stage(
            self.placement_id,
            values["stage"],
            values["on"],
            values["notes"],
            values["monthly_pay"],
            reason=values["reason"] if values["stage"] == "left" else "",
        )


class PlacementEditDialog(_Dialog):
    fields = EDIT_FIELDS

    def __init__(self, parent: tk.Misc, app: Workbench, placement_id: str, on_saved=None) -> None:
        self.placement_id = placement_id
        super().__init__(parent, app, title="编辑就业信息", on_saved=on_saved)

    def load(self) -> None:
        placement = placements.get_placement(self.placement_id)
        whose = people.name_and_village(placement["name"], placement["village_name"])
        self.title(f"编辑就业信息 — {whose}")
        self.form.set_values({name: placement.get(name) for name in self.form.fields})

    def save(self, values: dict[str, Any]) -> dict:
        return placements.update_placement(self.placement_id, values)


class NewPlacementDialog(_Dialog):
    """Record a job directly (found alone, or placed without a posting on file)."""

    fields = NEW_FIELDS
    columns = 3
    done_text = "已登记就业情况"

    def __init__(
        self, parent: tk.Misc, app: Workbench, person_id: str | None = None, on_saved=None
    ) -> None:
        self.person_id = person_id
        super().__init__(parent, app, title="登记就业", on_saved=on_saved)

    def create_widgets(self) -> None:
        super().create_widgets()
        self.form["find"].on_change(self._find)
        for sequence in ("<Return>", "<KP_Enter>"):
            self.form["find"].widget.bind(sequence, self._pick_found)
        self.form.check_live("person_id", _person_chosen)
        self.form.check_live(
            "employer_name",
            lambda values: validation.text(
                values["employer_name"], "用工单位", 100, required=not values["employer_id"]
            ),
            also=("employer_id",),
        )
        choices = {e["id"]: e["name"] for e in employers.employer_choices()}
        self.form["employer_id"].set_choices(choices)
        self.form["employer_id"].on_change(self._employer_chosen)
        self.form["stage"].set_choices(
            {s: PLACEMENT_STAGE[s] for s in ("recommended", "interviewed", "hired", "working")}
        )

    def load(self) -> None:
        self.form.set_values({"stage": "working", "stage_date": clock.today(), "place": "local"})
        if self.person_id:
            (person,) = people.with_place_and_age([people.get_person(self.person_id)])
            whose = people.name_and_village(person["name"], person["village_name"])
            self.title(f"登记就业 — {whose}")
            self.form["person_id"].set_choices({person["id"]: people.choice_label(person)})
            self.form["person_id"].set(person["id"])
            for name in ("find", "person_id"):
                self.form[name].set_enabled(False)

    def _find(self) -> None:
        text = self.form["find"].get().strip()
        found = search.search_people(text, limit=30) if text else []
        # Village, age and masked ID tell 张德明 from 张德明.
        found = people.with_place_and_age(found)
        field: ChoiceField = self.form["person_id"]
        field.set_choices({p["id"]: people.choice_label(p) for p in found})
        if len(found) == 1:
            field.choose(found[0]["id"])

    def _employer_chosen(self) -> None:
        """The place follows the chosen employer (its postings', or its kind's)."""
        employer_id = self.form["employer_id"].get()
        place = employers.work_place(employer_id) if employer_id else ""
        if place:
            self.form["place"].set(place)

    def _pick_found(self, _event: object = None) -> str:
        """Enter in 查找人员 takes the first person found and moves on, never saves."""
        self._find()
        field: ChoiceField = self.form["person_id"]
        codes = field.codes()
        if codes and not field.get():
            field.choose(codes[0])
        field.focus()
        return "break"

    def focus_first(self) -> None:
        self.form["employer_id" if self.person_id else "find"].focus()

    def save(self, values: dict[str, Any]) -> dict:
        values = {k: v for k, v in values.items() if k != "find"}
        return placements.create_placement(values)


class PaymentDialog(_Dialog):
    """Record that the stable-employment subsidy was paid for one placement."""

    fields = PAYMENT_FIELDS
    done_text = "已登记稳岗补贴发放"

    def __init__(self, parent: tk.Misc, app: Workbench, row: dict, on_saved=None) -> None:
        self.row = row
        whose = people.name_and_village(row["name"], row.get("village_name"))
        super().__init__(parent, app, title=f"登记发放 — {whose}", on_saved=on_saved)

    def load(self) -> None:
        self.form.set_values(
            {
                "paid_on": clock.today(),
                "amount": subsidy.settings()["amount"],
                "paid_by": (self.app.cadre or {}).get("name", ""),
            }
        )

    def save(self, values: dict[str, Any]) -> dict:
        return subsidy.record_payment(self.row["placement_id"], values)


class SubsidySettingsDialog(_Dialog):
    fields = SETTINGS_FIELDS
    done_text = "已保存稳岗补贴设置"

    def __init__(self, parent: tk.Misc, app: Workbench, on_saved=None) -> None:
        super().__init__(parent, app, title="稳岗补贴设置", on_saved=on_saved)

    def load(self) -> None:
        self.form.set_values(subsidy.settings())

    def save(self, values: dict[str, Any]) -> dict:
        return subsidy.save_settings(values)
