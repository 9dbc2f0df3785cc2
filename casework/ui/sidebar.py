"""The sidebar: who is using this laptop, an entry for each screen, 本机干部… and 关于….

On a short screen (a 768-pixel laptop) the entries' spacing narrows so that the last of
them still shows.
"""

from __future__ import annotations

import tkinter as tk
import tkinter.font as tkfont
from collections.abc import Callable
from tkinter import ttk

from casework import APP_NAME
from casework.ui.kit.theme import Theme
from casework.ui.kit.widgets import attach_tooltip

# The entries' vertical padding (as in casework.ui.kit.styles), and on a short screen.
NAV_PAD, NAV_PAD_COMPACT = 9, 3

NAV_HELP = {
    "overview": "在京务工、就业、培训、补贴、走访的主要数字和图表，可按地区和期间",
    "households": "查找、新增农户，打开农户详情",
    "followups": "到了回访日期、或很久没有走访的农户",
    "jobs": "用工单位和招聘岗位，导入用工需求表",
    "matching": "为岗位找人、为人找岗位，推荐",
    "placements": "推荐、面试、录用、上岗的跟踪，稳岗补贴",
    "training": "培训班、参训人员、结业与证书、培训后就业",
    "exchange": "导入花名册和用工需求表，导出清单、走访日志和简历",
    "sync": "与同事和县办公室的电脑交换数据包，合并各自的记录",
    "pending": "两台电脑改了同一处、同一个人登记了两次：由人决定",
    "trash": "删除的记录都在这里，可以恢复",
    "areas": "维护旗县、苏木乡镇、嘎查村和村民小组",
    "backups": "备份、恢复、复制到 U 盘；数据库加密和密码",
}


class Sidebar(ttk.Frame):
    """`entries`: screen name -> (label, shortcut), top to bottom; a click calls `on_screen`."""

    def __init__(
        self,
        master: tk.Misc,
        theme: Theme,
        entries: dict[str, tuple[str, str]],
        on_screen: Callable[[str], None],
        on_cadre: Callable[[], None],
        on_about: Callable[[], None],
    ) -> None:
        super().__init__(master, style="Sidebar.TFrame", width=theme.px(184))
        self.theme = theme
        self.grid_propagate(False)
        self.columnconfigure(0, weight=1)
        t = theme
        ttk.Label(self, text=APP_NAME, style="Sidebar.Hint.TLabel").grid(
            row=0, column=0, sticky="w", padx=t.px(18), pady=(t.px(16), t.px(2))
        )
        self.cadre_name = ttk.Label(self, text="", style="Sidebar.TLabel")
        self.cadre_name.grid(row=1, column=0, sticky="w", padx=t.px(18))
        self.cadre_unit = ttk.Label(self, text="", style="Sidebar.Hint.TLabel", justify="left")
        self.cadre_unit.grid(row=2, column=0, sticky="w", padx=t.px(18), pady=(t.px(2), 0))
        ttk.Separator(self, style="Sidebar.TSeparator").grid(
            row=3, column=0, sticky="ew", padx=t.px(12), pady=t.px(14)
        )
        self.nav_buttons: dict[str, ttk.Button] = {}
        for row, (name, (label, keys)) in enumerate(entries.items(), start=4):
            button = ttk.Button(
                self,
                text=label,
                style="Nav.TButton",
                takefocus=False,
                command=lambda name=name: on_screen(name),
            )
            button.grid(row=row, column=0, sticky="ew")
            attach_tooltip(button, f"{NAV_HELP[name]}（{keys}）")
            self.nav_buttons[name] = button
        # At the foot: who is using this laptop, changeable at any time.
        self.rowconfigure(row + 1, weight=1)
        self.button_cadre = ttk.Button(
            self, text="本机干部…", style="Nav.TButton", takefocus=False, command=on_cadre
        )
        self.button_cadre.grid(row=row + 2, column=0, sticky="ew")
        attach_tooltip(self.button_cadre, "修改当前干部的信息，或切换、新增使用这台电脑的干部")
        self.button_about = ttk.Button(
            self, text="关于…", style="Nav.TButton", takefocus=False, command=on_about
        )
        self.button_about.grid(row=row + 3, column=0, sticky="ew", pady=(0, t.px(12)))
        attach_tooltip(self.button_about, "版本、数据库、备份和日志的位置；可复制后发给技术支持")
        self.compact = False
        self.bind("<Configure>", self._fit)

    def select(self, name: str) -> None:
        """Show `name`'s entry as the current screen's."""
        for screen_name, button in self.nav_buttons.items():
            button.configure(style="Selected.Nav.TButton" if screen_name == name else "Nav.TButton")

    def _fit(self, event: tk.Event) -> None:
        self.fit(event.height)

    def fit(self, height: int) -> None:
        """Fifteen entries at their usual spacing need about 800 pixels: on a 768-pixel
        laptop screen the last (关于…) would be cut off, so the spacing narrows instead.

        Called whenever the sidebar is resized, and by the window with the height it will
        have before it is first drawn.
        """
        compact = height < _height_needed(self, self.compact, self.theme)
        if compact != self.compact:
            self.compact = compact
            t = self.theme
            ttk.Style(self).configure(
                "Nav.TButton", padding=(t.px(18), t.px(NAV_PAD_COMPACT if compact else NAV_PAD))
            )


def _height_needed(bar: ttk.Frame, compact: bool, t: Theme) -> int:
    """The sidebar's height with its entries at their usual spacing (from the entries'
    own requested heights, less the compact spacing when that is what they have now)."""
    total = 0
    extra = 2 * t.px(NAV_PAD - NAV_PAD_COMPACT) if compact else 0
    for child in bar.grid_slaves():
        pady = child.grid_info().get("pady", 0)
        pads = [int(p) for p in pady] if isinstance(pady, tuple) else [int(pady)] * 2
        total += child.winfo_reqheight() + sum(pads)
        if str(child.cget("style") if "style" in child.keys() else "").endswith("Nav.TButton"):
            total += extra
    return total


def wrap_text(text: str, font: str, width: int, widget: tk.Misc) -> str:
    """`text` broken into lines no wider than `width` pixels, anywhere between characters.

    Tk wraps only at spaces, and Chinese has none: a long unit name would run off the
    sidebar.
    """
    measure = tkfont.nametofont(font, root=widget).measure
    lines, line = [], ""
    for char in text:
        if line and measure(line + char) > width:
            lines.append(line)
            line = ""
        line += char
    return "\n".join([*lines, line]) if line else "\n".join(lines)
