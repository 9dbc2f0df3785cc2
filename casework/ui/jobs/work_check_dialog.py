"""在岗回访: record one follow-up call of a person at work, in a few seconds.

Still at work is the usual answer, so the dialog opens on it with today's date, 电话 and
the placement's monthly pay filled in. 离岗日期 and 离岗原因 stay in place, greyed out,
until 已离岗 is chosen: the form never jumps under the cadre's hand.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import Any

from casework import clock, validation
from casework.services.jobs import placements, work_checks
from casework.services.register import people
from casework.ui.jobs.job_forms import build_fields
from casework.ui.kit.form_dialog import FormDialog
from casework.ui.kit.theme import PAD_SMALL, px
from casework.ui.kit.widgets import (
    BoolField,
    DateField,
    FormField,
    MultiLineField,
    TextField,
)
from casework.ui.kit.workbench import Workbench
from casework.vocab_jobs import CHECK_METHOD, LEAVE_REASON

STILL_WORKING = {"yes": "仍在岗", "no": "已离岗"}
LEFT_FIELDS = ("left_on", "left_reason")


class StillWorkingField(FormField):
    """仍在岗 / 已离岗 side by side; get() is True while still at work."""

    def _build_input(self, parent: ttk.Frame, **_options: Any) -> ttk.Radiobutton:
        self.var = tk.StringVar(self, value="yes")
        self.buttons: dict[str, ttk.Radiobutton] = {}
        for column, (code, text) in enumerate(STILL_WORKING.items()):
            button = ttk.Radiobutton(
                parent,
                text=text,
                value=code,
                variable=self.var,
                style=self.surface + "TRadiobutton",
            )
            button.grid(row=0, column=column, sticky="w", padx=(0, px(self, PAD_SMALL * 3)))
            self.buttons[code] = button
        parent.columnconfigure(0, weight=0)
        parent.columnconfigure(len(STILL_WORKING), weight=1)
        self.var.trace_add("write", self._changed)
        return self.buttons["yes"]

    def _tooltip_target(self) -> tk.Widget:
        return self.label

    def get(self) -> bool:
        return self.var.get() != "no"

    def _set(self, value: Any) -> None:
        self.var.set("yes" if value in (None, True, "yes") else "no")

    def focus(self) -> None:
        self.buttons["yes" if self.get() else "no"].focus_set()

    def set_enabled(self, enabled: bool) -> None:
        for button in self.buttons.values():
            button.state(["!disabled"] if enabled else ["disabled"])


# fmt: off
FIELDS = [
    ("checked_on", DateField, "回访日期", "打电话或见面的日期，不能晚于今天", {"required": True}),
    ("method", CHECK_METHOD, "回访方式", "电话、微信、上门，或向用工单位了解",
     {"required": True}),
    ("monthly_pay", TextField, "月收入（元）", "现在的实际月收入；变了就改，会更新就业记录",
     {"width": 10}),
    ("still_working", StillWorkingField, "是否在岗", "已离岗的，这份工作在离岗日期结束", {}),
    ("left_on", DateField, "离岗日期", "哪天不干了（大概日期也可以），不能晚于回访日期", {}),
    ("left_reason", LEAVE_REASON, "离岗原因", "为什么不干了，用于统计离岗原因",
     {"width": 22}),
    ("problems", MultiLineField, "遇到的问题", "工资、住宿、劳动关系等方面的问题",
     {"height": 2, "width": 50}),
    ("needs_help", BoolField, "需要帮助", "需要帮扶干部出面协调解决的选上", {}),
    ("notes", MultiLineField, "备注", "其他情况", {"height": 2, "width": 50}),
]
# fmt: on


class WorkCheckDialog(FormDialog):
    """Record a follow-up of one placement at work; on_saved receives its new status."""

    done_text = "已记录在岗回访"

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        placement_id: str,
        on_saved: Callable[[dict], None] | None = None,
    ) -> None:
        self.placement_id = placement_id
        super().__init__(parent, app, title="在岗回访", on_saved=on_saved)

    def create_widgets(self) -> None:
        self.about = ttk.Label(self.body, text="", style="Hint.TLabel")
        self.about.grid(row=0, column=0, columnspan=3, sticky="w", pady=(0, px(self, PAD_SMALL)))
        build_fields(self, FIELDS)
        self.form.layout(columns=3, start_row=1)
        self.form["still_working"].on_change(self._outcome_changed)
        self.start = None
        self.form.check_live("checked_on", self._check_checked_on)
        self.form.check_live(
            "monthly_pay", lambda values: validation.money(values["monthly_pay"], "月收入", 100_000)
        )
        self.form.check_live("left_on", self._check_left_on, also=("checked_on",))
        self.form.check_live(
            "left_reason",
            lambda values: validation.choice(values["left_reason"], LEAVE_REASON, "离岗原因", True),
        )

    # The save's own rules (work_checks), re-run while a message shows so it goes when right.

    def _check_checked_on(self, values: dict) -> None:
        day = validation.date(values["checked_on"], True, "回访日期", clock.today())
        if self.start and day < self.start:
            raise validation.FieldError(f"回访日期不能早于上岗日期 {self.start.isoformat()}")

    def _check_left_on(self, values: dict) -> None:
        day = validation.date(values["left_on"], True, "离岗日期", clock.today())
        if self.start and day < self.start:
            raise validation.FieldError(f"离岗日期不能早于上岗日期 {self.start.isoformat()}")
        try:
            checked_on = validation.date(values["checked_on"])
        except validation.FieldError:
            return  # that field shows its own message
        if checked_on and day > checked_on:
            raise validation.FieldError("离岗日期不能晚于回访日期")

    def load(self) -> None:
        placement = placements.get_placement(self.placement_id)
        status = work_checks.placement_status(self.placement_id)
        whose = people.name_and_village(placement["name"], placement["village_name"])
        job = " ".join(p for p in (placement["employer_name"], placement["position"]) if p)
        self.title(f"在岗回访 — {whose} {job}")
        self.start = start = placement["start_date"]
        about = f"上岗日期 {start.isoformat()}" if start else ""
        if status["due"]:
            about += f"，应回访：{status['due'].isoformat()}（{status['due_label']}）"
        self.about.configure(text=about)
        self.form.set_values(
            {
                "checked_on": clock.today(),
                "method": "phone",
                "monthly_pay": placement["monthly_pay"],
                "still_working": True,
            }
        )
        self._outcome_changed()

    def _outcome_changed(self) -> None:
        """离岗日期 and 离岗原因 count only for 已离岗: greyed out, never hidden, otherwise."""
        left = not self.form["still_working"].get()
        for name in LEFT_FIELDS:
            field = self.form[name]
            field.set_enabled(left)
            if not left:
                field.clear_error()

    def save(self, values: dict[str, Any]) -> dict:
        if values["still_working"]:
            values = {**values, "left_on": None, "left_reason": ""}
        return work_checks.record_check(self.placement_id, values)

    def saved(self, record: dict) -> None:
        left = not self.form["still_working"].get()
        self.app.notify(self.done_text + ("：已离岗，就业跟踪已改为已离岗" if left else ""))
        self.app.data_changed()
        super().saved(record)
