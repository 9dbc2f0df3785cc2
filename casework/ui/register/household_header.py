"""The header card of the household detail screen: its name, its facts and its actions."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from casework import clock
from casework.masking import masked_row
from casework.ui.kit.table import cell_text
from casework.ui.kit.theme import PAD, PAD_LARGE, PAD_SMALL, px

# The facts are data: one line holds several.
# fmt: off
#: The header card's facts, row by row: (key of get_household's dict, label).
FACTS = [
    [("area_path", "所在地"), ("status_label", "类型"), ("phone", "电话"),
     ("member_count", "人口")],
    [("address", "地址"), ("last_visit_date", "最近走访"), ("next_visit_date", "下次走访")],
    [("notes", "备注")],
]
# fmt: on


class HouseholdHeader(ttk.Frame):
    """A white card naming the household, listing its facts, with the buttons acting on it."""

    def __init__(
        self,
        master: tk.Misc,
        *,
        on_back: Callable[[], None],
        on_new_visit: Callable[[], None],
        on_edit: Callable[[], None],
        on_delete: Callable[[], None],
        exports: dict[str, Callable[[], None]] | None = None,
    ) -> None:
        super().__init__(master, style="Card.TFrame", padding=px(master, PAD_LARGE))
        top = ttk.Frame(self, style="Card.Inner.TFrame")
        top.pack(fill="x")
        self.button_back = ttk.Button(
            top, text="← 返回", style="Card.Link.TButton", command=on_back, cursor="hand2"
        )
        self.button_back.pack(side="left", padx=(0, px(self, PAD)))
        self.title_label = ttk.Label(top, text="", style="Card.Title.TLabel")
        self.title_label.pack(side="left")
        self.button_new_visit = ttk.Button(
            top, text="新增走访 (Ctrl+N)", style="Accent.TButton", command=on_new_visit
        )
        self.button_edit = ttk.Button(top, text="编辑 (Ctrl+E)", command=on_edit)
        self.button_delete = ttk.Button(
            top, text="删除该户", style="Danger.TButton", command=on_delete
        )
        self.buttons = [self.button_new_visit, self.button_edit, self.button_delete]
        if exports:
            # The household's papers: one button opening a short menu of documents.
            self.button_export = ttk.Menubutton(top, text="导出")
            menu = tk.Menu(self.button_export, tearoff=False)
            for label, command in exports.items():
                menu.add_command(label=label, command=command)
            self.button_export.configure(menu=menu)
            self.export_menu = menu
            self.buttons.insert(2, self.button_export)
        for button in self.buttons:
            button.pack(side="right", padx=(px(self, PAD), 0))
        self.facts = self._build_facts()

    def _build_facts(self) -> dict[str, ttk.Label]:
        facts = ttk.Frame(self, style="Card.Inner.TFrame")
        facts.pack(fill="x", pady=(px(self, PAD), 0))
        labels: dict[str, ttk.Label] = {}
        place = {"sticky": "nw", "pady": px(self, 2)}
        for row, items in enumerate(FACTS):
            for index, (key, label) in enumerate(items):
                name = ttk.Label(facts, text=label, style="Card.Hint.TLabel")
                name.grid(row=row, column=index * 2, padx=(0, px(self, PAD_SMALL)), **place)
                value = ttk.Label(facts, text="", style="Card.TLabel", wraplength=px(self, 900))
                span = 7 if len(items) == 1 else 1  # the notes take the whole line
                value.grid(
                    row=row,
                    column=index * 2 + 1,
                    columnspan=span,
                    **place,
                    padx=(0, px(self, PAD_LARGE * 2)),
                )
                labels[key] = value
        facts.columnconfigure(7, weight=1)
        return labels

    def show(self, household: dict | None) -> None:
        """Show `household` (get_household's dict), or say it is gone when None.

        The phone is shown masked; the household's form (编辑) shows it in full.
        """
        h = masked_row(household) if household else None
        if h is None:
            self.title_label.configure(text="该户已被删除，可在“回收站”中恢复")
        else:
            self.title_label.configure(text=f"{h['code']}　{h['head_name'] or '未填户主'}户")
        for key, label in self.facts.items():
            value = h.get(key) if h else None
            if key == "member_count" and value is not None:
                value = f"{value} 人"
            label.configure(text=cell_text(value) or "—")
        due = h is not None and h["next_visit_date"] and h["next_visit_date"] <= clock.today()
        if due:  # the cadre should see at once that this household is waiting for a visit
            self.facts["next_visit_date"].configure(text=f"{h['next_visit_date']}（已到期）")
        self.facts["next_visit_date"].configure(
            style="Card.Warning.TLabel" if due else "Card.TLabel"
        )
        for button in self.buttons:
            button.state(["!disabled"] if h else ["disabled"])
