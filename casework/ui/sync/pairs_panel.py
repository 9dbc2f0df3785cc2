"""待处理 → 重复记录: the same person or household registered twice, side by side, merged.

The pairs a merge found (the same ID number or household code on two laptops) and the
ones a cadre opened from this register's likely duplicates (same name, birth date and
village). For each field that differs the cadre picks 记录一 or 记录二; 合并 keeps the
first record with those values, moves everything that belonged to the second to it,
and puts the second in the recycle bin. 不是同一户… / 不是同一个人… keeps both instead:
the second takes its own household code or ID number (apart_dialog.py) and comes back
from the recycle bin; a likely pair of this register is only marked as two people.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from casework.services.common import ConflictError, NotFoundError
from casework.services.sync import pairs
from casework.services.sync.history_labels import display_value, entity_label, field_label
from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import ListTable
from casework.ui.kit.theme import PAD, px
from casework.ui.kit.workbench import Workbench
from casework.ui.sync.apart_dialog import KeepApartDialog, apart_label

PAIR_COLUMNS = [
    ("entity_label", "类型", 70),
    ("kept_label", "记录一（保留）", 220),
    ("other_label", "记录二（合并后放入回收站）", 240),
    ("reason", "为什么认为是同一个", 150),
]
FIELD_COLUMNS = [
    ("field_label", "字段", 110),
    ("kept_display", "记录一", 220),
    ("other_display", "记录二", 220),
    ("taken", "合并后采用", 90, "center"),
]
LIKELY_COLUMNS = [("people", "可能是同一个人（姓名、出生日期、嘎查村都相同）", 620)]
SIDES = {"kept": "记录一", "other": "记录二"}


class PairsPanel(ttk.Frame):
    """The open pairs; the selected pair's fields side by side; 合并."""

    def __init__(self, master: tk.Misc, app: Workbench, on_settled: Callable[[], None]) -> None:
        super().__init__(master, style="Card.Inner.TFrame", padding=px(master, PAD))
        self.app = app
        self.on_settled = on_settled
        self.show_full = False
        self.pairs: dict[str, dict] = {}
        #: The chosen side of each differing field of the selected pair.
        self.choices: dict[str, str] = {}
        self._chosen_pair: str | None = None
        self.create_widgets()

    def create_widgets(self) -> None:
        pad = px(self, PAD)
        self.table = ListTable(
            self, PAIR_COLUMNS, self._pair_rows, empty_text="没有待处理的重复记录", height=4
        )
        self.table.pack(fill="x")
        self.table.on_select(lambda _id: self._pair_selected())
        bar = ttk.Frame(self, style="Card.Inner.TFrame")
        bar.pack(side="bottom", fill="x", pady=(pad, 0))
        self.button_kept = ttk.Button(bar, text="采用记录一的值", command=self.take_kept)
        self.button_other = ttk.Button(bar, text="采用记录二的值", command=self.take_other)
        self.button_merge = ttk.Button(bar, text="合并", style="Accent.TButton", command=self.merge)
        self.button_apart = ttk.Button(bar, text=apart_label(""), command=self.keep_apart)
        self.button_kept.pack(side="left")
        self.button_other.pack(side="left", padx=(pad, 0))
        self.button_merge.pack(side="right")
        self.button_apart.pack(side="right", padx=(0, pad))
        #: The open 不是同一户 / 不是同一个人 dialog, for tests to fill.
        self.dialog: KeepApartDialog | None = None
        self.fields = ListTable(
            self, FIELD_COLUMNS, self._field_rows, empty_text="选中上面的一对记录", height=9
        )
        self.fields.pack(fill="both", expand=True, pady=(pad, 0))
        self.fields.on_open(lambda _id: self.toggle())

    # Showing -------------------------------------------------------------------------

    def refresh(self) -> int:
        self.table.refresh()
        if self.table.selected_id() is None and self.table.tree.get_children():
            self.table.select(self.table.tree.get_children()[0])
        self._pair_selected()
        return len(self.pairs)

    def _pair_rows(self) -> list[dict]:
        self.pairs = {p["id"]: p for p in pairs.list_pairs(self.show_full)}
        return [p | {"entity_label": entity_label(p["entity"])} for p in self.pairs.values()]

    def selected_pair(self) -> dict | None:
        return self.pairs.get(self.table.selected_id() or "")

    def _pair_selected(self) -> None:
        pair = self.selected_pair()
        if pair is None or pair["id"] != self._chosen_pair:
            differing = [f["field"] for f in pair["fields"] if f["differs"]] if pair else []
            self.choices = dict.fromkeys(differing, "kept")
            self._chosen_pair = pair["id"] if pair else None
        self.fields.refresh()
        state = ["!disabled"] if pair else ["disabled"]
        for button in (self.button_kept, self.button_other, self.button_merge):
            button.state(state)
        entity = pair["entity"] if pair else ""
        self.button_apart.configure(text=apart_label(entity))
        # Only people and households are told apart: by a code or ID number typed wrong.
        self.button_apart.state(["!disabled"] if entity in pairs.APART_FIELD else ["disabled"])

    def _field_rows(self) -> list[dict]:
        pair = self.selected_pair()
        if pair is None:
            return []
        entity = pair["entity"]
        rows = []
        # The fields that differ first: they are what the cadre decides.
        for f in sorted(pair["fields"], key=lambda f: not f["differs"]):
            name = f["field"]
            rows.append(
                {
                    "id": name,
                    "field_label": field_label(entity, name),
                    "kept_display": display_value(entity, name, f["kept"], self.show_full),
                    "other_display": display_value(entity, name, f["other"], self.show_full),
                    "taken": SIDES[self.choices[name]] if name in self.choices else "相同",
                }
            )
        return rows

    # Choosing and merging ------------------------------------------------------------

    def take(self, side: str) -> None:
        """The selected field takes its value from `side` ("kept" or "other")."""
        field = self.fields.selected_id()
        if field is None:
            self.app.notify("请先选中一个字段")
            return
        if field not in self.choices:
            self.app.notify("这个字段两条记录相同，不用选")
            return
        self.choices[field] = side
        self.fields.refresh()
        self.fields.select(field)

    def take_kept(self) -> None:
        self.take("kept")

    def take_other(self) -> None:
        self.take("other")

    def toggle(self) -> None:
        field = self.fields.selected_id()
        if field in self.choices:
            self.take("other" if self.choices[field] == "kept" else "kept")

    def merge(self) -> None:
        pair = self.selected_pair()
        if pair is None:
            return
        what = entity_label(pair["entity"])
        question = (
            f"把“{pair['other_label']}”合并到“{pair['kept_label']}”吗？\n\n"
            f"两条{what}记录合为一条，按所选采用各字段的值；记录二的走访、成员、就业意愿、"
            "简历、就业和培训记录都转到记录一名下，记录二放入回收站。"
        )
        if not dialogs.ask_yes_no(self, "合并重复记录", question):
            return
        try:
            merged = pairs.merge_pair(pair["id"], dict(self.choices))
        except (NotFoundError, ConflictError) as error:
            dialogs.show_error(self, "无法合并", str(error))
            self.on_settled()
            return
        self.app.notify(f"已合并为：{merged['label']}")
        self.app.data_changed()
        self.on_settled()

    def keep_apart(self) -> None:
        """不是同一户… / 不是同一个人…: ask the corrected value, or (a likely pair) confirm."""
        pair = self.selected_pair()
        if pair is None:
            return
        if pair["apart_field"] is not None:
            self.dialog = KeepApartDialog(self, self.app, pair, on_saved=self._kept_apart)
            return
        question = (
            f"“{pair['kept_label']}”和“{pair['other_label']}”不是同一个人吗？\n\n"
            "两条记录都保留，不再列为疑似重复。"
        )
        if not dialogs.ask_yes_no(self, "不是同一个人", question):
            return
        try:
            done = pairs.keep_apart(pair["id"])
        except (NotFoundError, ConflictError) as error:
            dialogs.show_error(self, "无法处理", str(error))
            self.on_settled()
            return
        self._kept_apart(done)

    def _kept_apart(self, done: dict) -> None:
        self.app.notify(f"已分开保留：{done['label']}")
        self.app.data_changed()
        self.on_settled()


class LikelyPanel(ttk.Frame):
    """This register's likely duplicates; 列为重复记录 opens a pair for the selected group."""

    def __init__(self, master: tk.Misc, app: Workbench, on_settled: Callable[[], None]) -> None:
        super().__init__(master, style="Card.Inner.TFrame", padding=px(master, PAD))
        self.app = app
        self.on_settled = on_settled
        self.groups: dict[str, dict] = {}
        bar = ttk.Frame(self, style="Card.Inner.TFrame")
        bar.pack(side="bottom", fill="x", pady=(px(self, PAD), 0))
        self.button_pair = ttk.Button(bar, text="列为重复记录", command=self.open_pair)
        self.button_pair.pack(side="left")
        self.table = ListTable(
            self, LIKELY_COLUMNS, self._rows, empty_text="本机没有疑似重复的人员", height=10
        )
        self.table.pack(fill="both", expand=True)

    def refresh(self) -> int:
        self.table.refresh()
        return len(self.groups)

    def _rows(self) -> list[dict]:
        paired = {(p["kept_id"], p["other_id"]) for p in pairs.list_pairs()}
        self.groups = {}
        for group in pairs.likely_duplicates():
            if tuple(group["ids"][:2]) not in paired:
                self.groups[",".join(group["ids"])] = group
        return [{"id": key, "people": "　/　".join(g["labels"])} for key, g in self.groups.items()]

    def open_pair(self) -> None:
        group = self.groups.get(self.table.selected_id() or "")
        if group is None:
            self.app.notify("请先选中一组人员")
            return
        try:
            pairs.pair_likely(group["ids"][0], group["ids"][1])
        except (NotFoundError, ConflictError) as error:
            dialogs.show_error(self, "无法列为重复记录", str(error))
        else:
            self.app.notify("已列为重复记录，请在“重复记录”中核对后合并")
        self.on_settled()
