"""Tick-box fields: several choices from a vocabulary (CheckGroup) and one yes/no (BoolField)."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Mapping
from tkinter import ttk
from typing import Any

from casework.ui.kit.fields import FormField
from casework.ui.kit.theme import PAD, px


class CheckGroup(FormField):
    """Several independent choices from a vocabulary; get() is the list of ticked codes."""

    wide = True

    def _build_input(
        self,
        parent: ttk.Frame,
        choices: Mapping[str, str] | None = None,
        columns: int = 4,
        **options: Any,
    ) -> ttk.Checkbutton:
        self._columns = columns
        self._button_options = options
        # Boxes sit side by side at their natural width; the slack goes after the last.
        parent.columnconfigure(0, weight=0)
        parent.columnconfigure(columns, weight=1)
        self.vars: dict[str, tk.BooleanVar] = {}
        self.buttons: dict[str, ttk.Checkbutton] = {}
        for code, label in (choices or {}).items():
            self._add_choice(parent, code, label)
        return next(iter(self.buttons.values()), parent)

    def _add_choice(self, parent: tk.Misc, code: str, label: str) -> None:
        var = tk.BooleanVar(self, value=False)
        index = len(self.buttons)
        button = ttk.Checkbutton(
            parent,
            text=label,
            variable=var,
            style=self.surface + "TCheckbutton",
            **self._button_options,
        )
        button.grid(
            row=index // self._columns,
            column=index % self._columns,
            sticky="w",
            padx=(0, px(self, PAD * 2)),
        )
        var.trace_add("write", self._changed)
        self.vars[code] = var
        self.buttons[code] = button

    def _tooltip_target(self) -> tk.Widget:
        return self.label

    def get(self) -> list[str]:
        return [code for code, var in self.vars.items() if var.get()]

    def _set(self, value: Any) -> None:
        codes = _as_codes(value)
        for code in codes:
            if code not in self.vars:  # unknown codes stay visible and stay stored
                self._add_choice(self.body, code, code)
        for code, var in self.vars.items():
            var.set(code in codes)

    def set_enabled(self, enabled: bool) -> None:
        for button in self.buttons.values():
            button.state(["!disabled"] if enabled else ["disabled"])


def _as_codes(value: Any) -> list[str]:
    """Codes from a list or from the comma-separated text the database stores."""
    if not value:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [str(code).strip() for code in value if str(code).strip()]


class BoolField(FormField):
    """A yes/no tick box; the label sits beside the box, the top line stays for alignment."""

    def __init__(self, master: tk.Misc, label: str, **kwargs: Any) -> None:
        self._text = label
        super().__init__(master, "", **kwargs)

    def _build_input(self, parent: ttk.Frame, **options: Any) -> ttk.Checkbutton:
        self.var = tk.BooleanVar(self, value=False)
        button = ttk.Checkbutton(
            parent,
            text=self._text,
            variable=self.var,
            style=self.surface + "TCheckbutton",
            **options,
        )
        button.grid(row=0, column=0, sticky="w")
        self.var.trace_add("write", self._changed)
        return button

    def get(self) -> bool:
        return bool(self.var.get())

    def _set(self, value: Any) -> None:
        self.var.set(bool(value))
