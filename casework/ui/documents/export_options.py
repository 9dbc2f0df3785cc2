"""The small option dialogs of the Word exports: their inputs and their modal frame."""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from casework.ui.kit.form_dialog import close_modal, show_modal
from casework.ui.kit.theme import PAD, PAD_LARGE, PAD_SMALL, px
from casework.ui.kit.widgets import attach_tooltip
from casework.ui.kit.workbench import Workbench

# ---------------------------------------------------------------- small inputs


class OptionEntry(ttk.Entry):
    """A one-line input with get()/set() and a tooltip; its errors go to the dialog's line."""

    def __init__(self, master: tk.Misc, help_text: str, width: int) -> None:
        self.var = tk.StringVar(master)
        super().__init__(master, textvariable=self.var, width=width)
        attach_tooltip(self, help_text)

    def get(self) -> str:
        return self.var.get()

    def set(self, value) -> None:
        self.var.set("" if value is None else str(value))


class OptionChoice(ttk.Combobox):
    """A read-only drop-down of names with get()/set()."""

    def __init__(self, master: tk.Misc, names: list[str], help_text: str, width: int) -> None:
        super().__init__(master, state="readonly", values=names, width=width)
        attach_tooltip(self, help_text)

    def get(self) -> str:
        return super().get()

    def set(self, value: str) -> None:
        super().set(value)


# ---------------------------------------------------------------- small modal base


class OptionsDialog(tk.Toplevel):
    """A modal dialog of export options: Ctrl+S / Return exports, Esc closes."""

    def __init__(self, parent: tk.Misc, app: Workbench, title: str) -> None:
        super().__init__(parent)
        self.withdraw()
        self.app = app
        self.title(title)
        self.transient(parent.winfo_toplevel())
        self.body = ttk.Frame(self, padding=px(self, PAD_LARGE))
        self.body.pack(fill="both", expand=True)
        self.create_widgets()
        self.message = ttk.Label(self.body, text="", style="Error.TLabel")
        self.message.grid(row=90, column=0, columnspan=4, sticky="w")
        bar = ttk.Frame(self.body)
        bar.grid(row=99, column=0, columnspan=4, sticky="e", pady=(px(self, PAD), 0))
        self.button_ok = ttk.Button(
            bar, text="导出 (Ctrl+S)", style="Accent.TButton", command=self.ok
        )
        self.button_ok.pack(side="right")
        self.button_cancel = ttk.Button(bar, text="取消 (Esc)", command=self.cancel)
        self.button_cancel.pack(side="right", padx=(0, px(self, PAD)))
        for sequence in ("<Control-s>", "<Control-S>", "<Return>", "<KP_Enter>"):
            self.bind(sequence, lambda _e: self.ok())
        self.bind("<Escape>", lambda _e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self._previous = show_modal(self, parent)

    def create_widgets(self) -> None:
        raise NotImplementedError

    def ok(self) -> str:
        raise NotImplementedError

    def cancel(self) -> str:
        # Nothing typed here is lost by closing: the dialog only holds export options.
        close_modal(self, self._previous)
        return "break"

    def _row(self, row: int, label: str) -> ttk.Frame:
        ttk.Label(self.body, text=label).grid(
            row=row, column=0, sticky="nw", padx=(0, px(self, PAD)), pady=px(self, PAD_SMALL)
        )
        frame = ttk.Frame(self.body)
        frame.grid(row=row, column=1, columnspan=3, sticky="w", pady=px(self, PAD_SMALL))
        return frame
