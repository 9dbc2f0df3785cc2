"""待处理: what a merge could not decide alone — conflicts, and records registered twice —
and 最近修改, every change the county's laptops made, to look through and set back."""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from casework.ui.kit.list_tab import tabbed_page
from casework.ui.kit.widgets import BoolField
from casework.ui.kit.workbench import Workbench
from casework.ui.sync.conflicts_panel import ConflictsPanel
from casework.ui.sync.pairs_panel import LikelyPanel, PairsPanel
from casework.ui.sync.recent_panel import RecentPanel

EXPLANATION = "两台电脑改了同一处、同一个人登记了两次：由人在这里决定，结果随数据包发给其他电脑"


class PendingScreen(ttk.Frame):
    """Conflicts, duplicate pairs, this register's likely duplicates, the latest changes."""

    def __init__(self, master: tk.Misc, app: Workbench) -> None:
        super().__init__(master, padding=app.theme.pad_large)
        self.app = app
        self.create_widgets()
        self.refresh()

    def create_widgets(self) -> None:
        t = self.app.theme
        header, self.notebook = tabbed_page(self, t, "待处理")
        self.show_full = BoolField(header, "显示完整号码", help="显示完整的身份证号和电话")
        self.show_full.pack(side="right")
        self.show_full.on_change(self.refresh)
        ttk.Label(header, text=EXPLANATION, style="Hint.TLabel", wraplength=t.px(640)).pack(
            side="left", padx=(t.pad_large, 0)
        )
        self.conflicts = ConflictsPanel(self.notebook, self.app, on_settled=self.refresh)
        self.pairs = PairsPanel(self.notebook, self.app, on_settled=self.refresh)
        self.likely = LikelyPanel(self.notebook, self.app, on_settled=self.refresh)
        for panel in (self.conflicts, self.pairs, self.likely):
            self.notebook.add(panel, text="")
        self.recent = RecentPanel(self.notebook, self.app)
        self.notebook.add(self.recent, text="最近修改")

    def refresh(self) -> None:
        full = self.show_full.get()
        self.conflicts.show_full = self.pairs.show_full = full
        counts = {
            self.conflicts: ("冲突", self.conflicts.refresh()),
            self.pairs: ("重复记录", self.pairs.refresh()),
            self.likely: ("本机疑似重复", self.likely.refresh()),
        }
        for panel, (name, count) in counts.items():
            self.notebook.tab(panel, text=f"{name} ({count})")
        self.recent.refresh()

    def focus_default(self) -> None:
        self.conflicts.table.tree.focus_set()
