"""Casework's own message box, in Chinese, for where Tk's is not the system's (X11).

On Windows and macOS Tk's message box is the system's, with buttons in the system's
language. On X11 Tk draws one itself, labelled OK / Yes / No whatever the language, so
casework.ui.kit.dialogs shows this one there instead: ttk widgets, the app's fonts, and
the buttons 确定 / 是 / 否 / 取消.

Every own dialog waits through `wait_for_answer(dialog)`, the one place it blocks, so a
test replaces that function to fill the dialog's widgets and invoke its buttons while it
"waits", exactly as a person would.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Sequence
from tkinter import ttk

from casework.ui.kit.modal import close_modal, show_modal
from casework.ui.kit.theme import PAD, PAD_LARGE, px

BUTTON_TEXT = {"ok": "确定", "yes": "是", "no": "否", "cancel": "取消"}
# Tk's own icons, which every Tk 8.6 carries.
ICONS = {
    "info": "::tk::icons::information",
    "warning": "::tk::icons::warning",
    "error": "::tk::icons::error",
    "question": "::tk::icons::question",
}
MESSAGE_WIDTH = 420  # 96-dpi pixels before the text wraps


def wait_for_answer(dialog: tk.Toplevel) -> None:
    """Block until `dialog` is closed (the seam tests replace to answer it)."""
    dialog.wait_window(dialog)


def place_over(window: tk.Toplevel, parent: tk.Misc) -> None:
    """Make `window` belong to `parent`'s window when that one is on screen.

    A window made transient to a withdrawn one is never mapped on X11, so a message at
    start-up, before the main window shows, stands on its own instead.
    """
    owner = parent.winfo_toplevel()
    if owner.winfo_viewable():
        window.transient(owner)


class MessageBox(tk.Toplevel):
    """A message with an icon and a row of buttons; `result` is the button chosen.

    `escape` is the answer that Esc and closing the window give (None: they do nothing
    but close, and `result` stays None).
    """

    def __init__(
        self,
        parent: tk.Misc,
        title: str,
        message: str,
        *,
        icon: str = "info",
        buttons: Sequence[str] = ("ok",),
        default: str | None = None,
        escape: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.withdraw()
        self.title(title)
        self.resizable(False, False)
        place_over(self, parent)
        self.result: str | None = None
        self.escape = escape
        self.create_widgets(message, icon, buttons)
        self.bind("<Escape>", lambda _e: self.choose(self.escape))
        self.protocol("WM_DELETE_WINDOW", lambda: self.choose(self.escape))
        self._previous_grab = show_modal(self, parent)
        self.buttons[default or buttons[0]].focus_set()

    def create_widgets(self, message: str, icon: str, buttons: Sequence[str]) -> None:
        outer = ttk.Frame(self, padding=px(self, PAD_LARGE))
        outer.pack(fill="both", expand=True)
        body = ttk.Frame(outer)
        body.pack(fill="both", expand=True)
        self.icon = ttk.Label(body, image=ICONS[icon])
        self.icon.pack(side="left", anchor="n", padx=(0, px(self, PAD_LARGE)))
        self.message = ttk.Label(
            body, text=message, justify="left", wraplength=px(self, MESSAGE_WIDTH)
        )
        self.message.pack(side="left", fill="both", expand=True)
        bar = ttk.Frame(outer)
        bar.pack(fill="x", pady=(px(self, PAD_LARGE), 0))
        self.buttons: dict[str, ttk.Button] = {}
        for answer in reversed(buttons):
            button = ttk.Button(
                bar, text=BUTTON_TEXT[answer], command=lambda a=answer: self.choose(a)
            )
            button.pack(side="right", padx=(px(self, PAD), 0))
            button.bind("<Return>", lambda _e, b=button: b.invoke())
            button.bind("<KP_Enter>", lambda _e, b=button: b.invoke())
            self.buttons[answer] = button
        self.buttons[buttons[0]].configure(style="Accent.TButton")

    def choose(self, answer: str | None) -> None:
        """Close with `answer` as the result."""
        self.result = answer
        close_modal(self, self._previous_grab)


def ask(
    parent: tk.Misc,
    title: str,
    message: str,
    *,
    icon: str,
    buttons: Sequence[str],
    escape: str | None,
) -> str | None:
    """Show a MessageBox and wait; the answer ("ok", "yes", "no", "cancel") or None."""
    box = MessageBox(parent, title, message, icon=icon, buttons=buttons, escape=escape)
    wait_for_answer(box)
    return box.result
