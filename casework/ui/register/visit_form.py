"""The home visit dialog (入户走访), built for typing up a visit fast with the keyboard alone.

Tab follows the screen: down the left column (date and 今天, kind, cadres, people met,
the wishes heard), then down the right (the three notes, the next visit date and its
+7天/+30天/+90天), then the save button. Wishes heard on the visit are attached here and
saved with the visit in one transaction.
"""

from __future__ import annotations

import datetime as dt
import re
import tkinter as tk
from collections.abc import Callable, Mapping
from tkinter import ttk
from typing import Any

from casework import clock, validation, vocab
from casework.services.register import cadres, households, people, visits, wishes
from casework.ui.kit.fields import keyboard_button
from casework.ui.kit.form_dialog import FormDialog, ListTable
from casework.ui.kit.theme import PAD, PAD_LARGE, PAD_SMALL, px
from casework.ui.kit.widgets import CheckGroup, ChoiceField, DateField, MultiLineField
from casework.ui.kit.workbench import Workbench
from casework.ui.register.wish_form import WishForm

WORKING_AGE = range(16, 61)
QUICK_DAYS = (7, 30, 90)
#: "+30" or "+30天" typed as the next visit date means 30 days after the visit.
RELATIVE_DATE = re.compile(r"^\s*[+＋]\s*(\d{1,4})\s*天?\s*$")

WISH_COLUMNS = [
    ("name", "姓名", 70),
    ("age", "年龄", 40, "e"),
    ("current", "当前意愿", 150),
    ("pending", "本次登记", 150),
]


class VisitForm(FormDialog):
    """Record a visit to a household (or edit one, with `visit_id`)."""

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        household_id: str,
        person_id: str | None = None,
        on_saved: Callable[[dict], None] | None = None,
        visit_id: str | None = None,
    ) -> None:
        self.household_id = household_id
        self.person_id = person_id
        self.visit_id = visit_id
        self.pending_wishes: dict[str, dict] = {}
        self.wish_dialog: WishForm | None = None
        self.members = people.list_members(household_id)
        self.current = {} if visit_id else wishes.current_wishes(household_id)
        title = "编辑走访记录" if visit_id else "新增走访记录"
        super().__init__(parent, app, title=title, on_saved=on_saved)

    def create_widgets(self) -> None:
        household = households.get_household(self.household_id)
        self.title(f"{self.title()} — {households.caption(household)}")
        head = household["head_name"] or "未填户主"
        header = f"{household['code']}　{head}户　·　{household['area_path']}"
        self.header_label = ttk.Label(self.body, text=header, style="Subtitle.TLabel")
        self.header_label.grid(row=0, column=0, columnspan=2, sticky="w", pady=(0, px(self, PAD)))
        gap = px(self, PAD_LARGE)
        left = ttk.Frame(self.body)
        left.grid(row=1, column=0, sticky="nsew", padx=(0, gap))
        self._build_left(left)
        # Made before the right column, so Tab finishes the left column first.
        self.wish_frame = ttk.Frame(self.body)
        self.wish_frame.grid(row=2, column=0, sticky="nsew", padx=(0, gap))
        self._build_wishes(self.wish_frame)
        right = ttk.Frame(self.body)
        right.grid(row=1, column=1, rowspan=2, sticky="nsew")
        self._build_right(right)
        self._check_while_wrong()
        self.body.columnconfigure(0, weight=1)
        self.body.columnconfigure(1, weight=1)
        self.body.rowconfigure(2, weight=1)

    def _build_left(self, left: ttk.Frame) -> None:
        form, pad = self.form, px(self, PAD_SMALL)
        date = form.add(
            "visit_date",
            DateField(
                left,
                "走访日期",
                required=True,
                help="哪天去的；不能晚于今天。也可写成 2026年11月27日",
            ),
        )
        kind = form.add(
            "kind",
            ChoiceField(
                left,
                "走访类型",
                choices=vocab.VISIT_KIND,
                required=True,
                width=12,
                help="入户走访、回访、政策宣讲、岗位对接或电话回访",
            ),
        )
        date.grid(row=0, column=0, sticky="ew", padx=(0, px(self, PAD)), pady=(0, pad))
        kind.grid(row=0, column=1, sticky="ew", pady=(0, pad))
        groups = [
            (
                "cadre_ids",
                "走访干部",
                cadres.list_cadres(),
                "一同入户的干部，至少选一名；默认勾选本机的使用人",
            ),
            ("person_ids", "见到的家庭成员", self.members, "这次当面见到或通上电话的家庭成员"),
        ]
        for row, (name, label, people_rows, help) in enumerate(groups, start=1):
            choices = {person["id"]: person["name"] for person in people_rows}
            group = form.add(name, CheckGroup(left, label, choices=choices, columns=5, help=help))
            group.grid(row=row, column=0, columnspan=2, sticky="ew", pady=(0, pad))
        if not self.members:
            ttk.Label(
                form["person_ids"].body, text="该户还没有登记家庭成员", style="Hint.TLabel"
            ).grid(row=0, column=0, sticky="w")
        left.columnconfigure(0, weight=1)
        left.columnconfigure(1, weight=1)

    def _build_right(self, right: ttk.Frame) -> None:
        form = self.form
        notes = [
            ("situation", "了解情况", 5, "家里的情况：收入、身体、上学、务工，有什么变化"),
            ("requests", "群众诉求", 3, "这户提出的困难和要求，例如想找工作、要办低保"),
            ("actions", "帮扶措施", 3, "当场做了什么、答应做什么，下次来时要核对"),
        ]
        for row, (name, label, height, help) in enumerate(notes):
            field = form.add(
                name,
                MultiLineField(
                    right, label, height=height, width=54, help=help + "（Tab 键到下一栏）"
                ),
            )
            field.grid(row=row, column=0, sticky="nsew", pady=(0, px(self, PAD_SMALL)))
            right.rowconfigure(row, weight=height)
        next_date = form.add(
            "next_visit_date",
            DateField(
                right,
                "下次走访日期",
                today_button=False,
                help="计划哪天再来，到期会出现在“走访提醒”中；可写 +30 表示走访后30天",
            ),
        )
        next_date.grid(row=len(notes), column=0, sticky="ew")
        next_date.widget.bind("<FocusOut>", lambda _e: self._expand_next_date(), add="+")
        self.quick_buttons = {}
        for column, days in enumerate(QUICK_DAYS, start=1):
            button = keyboard_button(
                ttk.Button(
                    next_date.body,
                    text=f"+{days}天",
                    style="Link.TButton",
                    cursor="hand2",
                    command=lambda d=days: self.next_visit_in(d),
                )
            )
            button.grid(row=0, column=column, padx=(px(self, PAD_SMALL), 0))
            self.quick_buttons[days] = button
        right.columnconfigure(0, weight=1)

    def _build_wishes(self, frame: ttk.Frame) -> None:
        title = ttk.Frame(frame)
        title.grid(row=0, column=0, sticky="ew")
        ttk.Label(title, text="就业意愿", style="Bold.TLabel").pack(side="left")
        self.wish_error = ttk.Label(frame, text="", style="Error.TLabel")
        frame.columnconfigure(0, weight=1)
        frame.rowconfigure(1, weight=1)
        if self.visit_id:
            ttk.Label(
                frame, text="走访时登记的意愿请在户详情的“就业意愿”页中修改。", style="Hint.TLabel"
            ).grid(row=1, column=0, sticky="nw")
            return
        self.show_all_var = tk.BooleanVar(self, value=False)
        ttk.Checkbutton(
            title,
            text="显示全部成员",
            variable=self.show_all_var,
            takefocus=False,
            command=self._refresh_wishes,
        ).pack(side="left", padx=(px(self, PAD_LARGE), 0))
        self.wish_table = ListTable(
            frame, WISH_COLUMNS, self._wish_rows, height=3, empty_text="没有16至60岁的成员"
        )
        self.wish_table.grid(row=1, column=0, sticky="nsew", pady=(px(self, PAD_SMALL), 0))
        self.wish_table.on_open(self.open_wish)
        self.wish_error.grid(row=2, column=0, sticky="w")
        # On the title line, but made after the list so Tab reaches the list first.
        self.button_wish = ttk.Button(frame, text="登记/更新意愿…", command=self.open_wish)
        self.button_wish.grid(row=0, column=0, sticky="e")

    def _check_while_wrong(self) -> None:
        """The dates' messages go as soon as the dates are right (the save's validators)."""
        self.form.check_live(
            "visit_date",
            lambda values: validation.date(
                values["visit_date"], required=True, label="走访日期", not_after=clock.today()
            ),
        )
        self.form.check_live(
            "next_visit_date",
            lambda values: validation.next_visit_date(values["next_visit_date"], self._visit_day()),
            also=("visit_date",),
        )

    # Loading -------------------------------------------------------------------------------

    def load(self) -> None:
        if self.visit_id:
            visit = visits.get_visit(self.visit_id)
            self.form.set_values({name: visit.get(name) for name in self.form.fields})
            return
        cadre = getattr(self.app, "cadre", None) or cadres.current_cadre() or {}
        self.form.set_values(
            {
                "visit_date": clock.today(),
                "kind": "home",
                "cadre_ids": [cadre["id"]] if cadre.get("id") else [],
                "person_ids": [self.person_id] if self.person_id else [],
            }
        )
        self._refresh_wishes()
        if self.person_id:
            self.wish_table.select(self.person_id)

    def _wish_rows(self) -> list[dict]:
        rows = []
        for member in self.members:
            pid, age = member["id"], member.get("age")
            wanted = age is None or age in WORKING_AGE or pid in self.current
            wanted = wanted or pid in self.pending_wishes
            if not (wanted or pid == self.person_id or self.show_all_var.get()):
                continue
            pending = self.pending_wishes.get(pid)
            current = self.current.get(pid)
            rows.append(
                {
                    "id": pid,
                    "name": member["name"],
                    "age": age,
                    "current": current["summary"] if current else "未登记",
                    "pending": "待保存：" + _summary(pending) if pending else "",
                }
            )
        return rows

    def _refresh_wishes(self) -> None:
        self.wish_table.refresh()

    # Actions -------------------------------------------------------------------------------

    def focus_first(self) -> None:
        self.form["visit_date"].widget.focus_set()
        self.form["visit_date"].widget.select_range(0, "end")

    def open_wish(self, person_id: str | None = None) -> None:
        """Open the wish dialog for the selected member; its answer waits for the visit."""
        person_id = person_id or self.wish_table.selected_id()
        if not person_id:
            self.wish_error.configure(text="请先在上面的列表中选中一位家庭成员")
            return
        self.wish_error.configure(text="")
        initial = self.pending_wishes.get(person_id) or self.current.get(person_id)
        self.wish_dialog = WishForm(
            self,
            self.app,
            person_id,
            initial=initial,
            attach=lambda values: self.attach_wish(person_id, values),
        )

    def attach_wish(self, person_id: str, values: dict) -> None:
        self.pending_wishes[person_id] = dict(values)
        self._refresh_wishes()
        self.wish_table.select(person_id)

    def next_visit_in(self, days: int) -> None:
        """Set the next visit `days` after the visit date (today if that is unreadable)."""
        self.form["next_visit_date"].set(self._visit_day() + dt.timedelta(days=days))
        self.form["next_visit_date"].clear_error()

    def _visit_day(self) -> dt.date:
        try:
            return validation.date(self.form["visit_date"].get()) or clock.today()
        except validation.FieldError:
            return clock.today()

    def _expand_next_date(self) -> None:
        match = RELATIVE_DATE.match(self.form["next_visit_date"].get())
        if match:
            self.next_visit_in(int(match.group(1)))

    # Saving --------------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        return super().is_dirty() or bool(self.pending_wishes)

    def show_errors(self, errors: Mapping[str, str]) -> None:
        errors = dict(errors)
        self.wish_error.configure(text=errors.pop("wishes", ""))
        super().show_errors(errors)

    def save(self, values: dict[str, Any]) -> dict:
        self._expand_next_date()
        values = self.form.values()
        if self.visit_id:
            return visits.update_visit(self.visit_id, values)
        return visits.record_visit(self.household_id, values | {"wishes": self.pending_wishes})

    def saved(self, record: dict) -> None:
        self.pending_wishes = {}
        super().saved(record)
        self.app.notify("已保存走访记录")
        self.app.data_changed()


def _summary(raw: dict) -> str:
    try:
        return wishes.wish_summary(wishes.clean_wish(raw))
    except validation.ValidationError:
        return "（待核对）"
