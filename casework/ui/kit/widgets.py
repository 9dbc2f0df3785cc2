"""Reusable widgets for every screen: Form, SearchBox, StatusBar, and the fields and table.

Screens import everything from here; the form fields live in `fields.py` (tick boxes in
`check_fields.py`) and the paged table in `table.py` only to keep each module short.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Iterable, Mapping
from tkinter import ttk
from typing import Any

from casework.ui.kit.check_fields import BoolField, CheckGroup
from casework.ui.kit.fields import (
    ChoiceField,
    DateField,
    FormField,
    MultiLineField,
    TextField,
    attach_tooltip,
)
from casework.ui.kit.table import EMPTY_TEXT, Column, PagedTable, cell_text
from casework.ui.kit.theme import PAD_LARGE, PAD_SMALL, px, surface_of
from casework.validation import FieldError

__all__ = [
    "BoolField",
    "CheckGroup",
    "ChoiceField",
    "Column",
    "DateField",
    "EMPTY_TEXT",
    "Form",
    "FormField",
    "MultiLineField",
    "PagedTable",
    "SearchBox",
    "StatusBar",
    "is_inside",
    "TextField",
    "attach_tooltip",
    "cell_text",
]

SEARCH_DELAY_MS = 150


class Form:
    """Named fields of one record: read and fill them together, show errors, track edits."""

    def __init__(self, fields: Mapping[str, FormField] | None = None) -> None:
        self.fields: dict[str, FormField] = {}
        self._clean: dict[str, Any] = {}
        for name, field in (fields or {}).items():
            self.add(name, field)

    def add(self, name: str, field: FormField) -> FormField:
        """Register `field` under `name` (the service's field name); returns the field."""
        self.fields[name] = field
        self._clean[name] = field.get()
        return field

    def __getitem__(self, name: str) -> FormField:
        return self.fields[name]

    def values(self) -> dict[str, Any]:
        return {name: field.get() for name, field in self.fields.items()}

    def set_values(self, values: Mapping[str, Any], *, clean: bool = True) -> None:
        """Fill the fields named in `values`; by default that is the new unchanged state."""
        for name, value in values.items():
            if name in self.fields:
                self.fields[name].set(value)
        if clean:
            self.mark_clean()

    def show_errors(self, errors: Mapping[str, str]) -> dict[str, str]:
        """Show each message beside its field, clear the rest, focus the first in error.

        Returns the messages that belong to no field on this form, for the screen to show.
        """
        first: FormField | None = None
        for name, field in self.fields.items():
            if name in errors:
                field.show_error(errors[name])
                if first is None:
                    first = field
            else:
                field.clear_error()
        if first is not None:
            first.focus()
        return {name: msg for name, msg in errors.items() if name not in self.fields}

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.clear_error()

    def check_live(
        self, name: str, check: Callable[[dict[str, Any]], object], also: Iterable[str] = ()
    ) -> None:
        """While `name` shows an error, re-run `check(values)` as the cadre edits.

        `check` is the save's own pure validator (raising FieldError); it runs whenever the
        field, or a field in `also` it depends on, changes, and when the field loses focus.
        Once it passes the message goes; a different problem replaces the message.
        """
        field = self.fields[name]

        def recheck(_event: object = None) -> None:
            if not field.error:
                return  # nothing shown yet: no nagging mid-typing, the save says first
            try:
                check(self.values())
            except FieldError as error:
                field.show_error(error.message)
            else:
                field.clear_error()

        for watched in (name, *also):
            self.fields[watched].on_change(recheck)
        field.widget.bind("<FocusOut>", recheck, add="+")

    def is_dirty(self) -> bool:
        """Whether anything differs from the last loaded or saved values."""
        return self.values() != self._clean

    def mark_clean(self) -> None:
        self._clean = self.values()

    def focus_first(self) -> None:
        next(iter(self.fields.values())).focus()

    def layout(
        self, columns: int = 2, start_row: int = 0, names: Iterable[str] | None = None
    ) -> int:
        """Grid the fields in `columns` inside their shared master; wide fields take a row.

        Returns the next free grid row, for the buttons under the form.
        """
        row, column = start_row, 0
        for name in names or self.fields:
            field = self.fields[name]
            if field.wide and column:
                row, column = row + 1, 0
            span = columns if field.wide else 1
            gap = px(field, PAD_LARGE) // 2  # between columns only, never at the edges
            padx = (gap if column else 0, gap if column + span < columns else 0)
            field.grid(
                row=row,
                column=column,
                columnspan=span,
                sticky="ew",
                padx=padx,
                pady=(0, px(field, PAD_SMALL)),
            )
            column += span
            if column >= columns:
                row, column = row + 1, 0
        master = next(iter(self.fields.values())).master
        for index in range(columns):
            master.columnconfigure(index, weight=1, uniform="form")
        return row + (1 if column else 0)


class SearchBox(ttk.Frame):
    """A search entry with a grey placeholder; tells `on_search` once typing pauses.

    Enter searches at once, Esc (or the × button) empties the box.
    """

    def __init__(
        self,
        master: tk.Misc,
        placeholder: str = "搜索",
        *,
        width: int = 28,
        delay_ms: int = SEARCH_DELAY_MS,
        on_search: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(master, style=surface_of(master) + "Inner.TFrame")
        self.delay_ms = delay_ms
        self._callbacks: list[Callable[[str], None]] = []
        self._pending: str | None = None
        self._last_text: str | None = None
        self.var = tk.StringVar(self)
        self.widget = ttk.Entry(self, textvariable=self.var, width=width, style="Search.TEntry")
        self.widget.grid(row=0, column=0, sticky="ew")
        self.columnconfigure(0, weight=1)
        # The placeholder is a label laid over the entry, so get() never sees its text.
        self.placeholder = ttk.Label(
            self.widget, text=placeholder, style="Card.Hint.TLabel", cursor="xterm"
        )
        self.placeholder.bind("<Button-1>", lambda _e: self.widget.focus_set())
        self.clear_button = ttk.Button(
            self.widget,
            text="×",
            style="Tool.TButton",
            takefocus=False,
            command=self.clear,
            cursor="arrow",
        )
        self.var.trace_add("write", self._typed)
        self.widget.bind("<Escape>", lambda _e: self.clear())
        self.widget.bind("<Return>", lambda _e: self.search_now())
        self.widget.bind("<KP_Enter>", lambda _e: self.search_now())
        self._update_decorations()
        if on_search is not None:
            self.on_search(on_search)

    def on_search(self, callback: Callable[[str], None]) -> None:
        """Call `callback(text)` (trimmed) when the text changes and typing has paused."""
        self._callbacks.append(callback)

    def get(self) -> str:
        return self.var.get().strip()

    def set(self, text: str) -> None:
        """Put `text` in the box; a search follows as if it had been typed."""
        self.var.set(text)

    def clear(self) -> None:
        self.var.set("")
        self.widget.focus_set()

    def focus(self) -> None:
        self.widget.focus_set()
        self.widget.select_range(0, "end")

    def search_now(self) -> None:
        """Search at once instead of waiting for the pause (Enter)."""
        self._cancel_pending()
        self._fire(force=True)

    def _typed(self, *_args: object) -> None:
        self._update_decorations()
        self._cancel_pending()
        self._pending = self.after(self.delay_ms, self._fire)

    def _cancel_pending(self) -> None:
        if self._pending is not None:
            self.after_cancel(self._pending)
            self._pending = None

    def _fire(self, force: bool = False) -> None:
        self._pending = None
        text = self.get()
        if text == self._last_text and not force:
            return  # typed and took back: the list already shows this search
        self._last_text = text
        for callback in list(self._callbacks):
            callback(text)

    def _update_decorations(self) -> None:
        inset = px(self, 9)  # just right of the caret, which must stay visible
        if self.var.get():
            self.placeholder.place_forget()
            self.clear_button.place(relx=1.0, x=-px(self, 2), rely=0.5, anchor="e")
        else:
            self.placeholder.place(x=inset, rely=0.5, anchor="w")
            self.clear_button.place_forget()

    def destroy(self) -> None:
        self._cancel_pending()
        super().destroy()


class StatusBar(ttk.Frame):
    """The strip along the bottom of the window: a message on the left, facts on the right."""

    def __init__(self, master: tk.Misc) -> None:
        super().__init__(master, style="Status.TFrame")
        self.left = ttk.Label(self, text="", style="Status.TLabel")
        self.left.pack(side="left")
        self.right = ttk.Label(self, text="", style="Status.TLabel")
        self.right.pack(side="right", padx=(0, px(self, PAD_SMALL)))
        self._restore: str | None = None
        self._resting_text = ""

    def set_left(self, text: str, *, timeout_ms: int | None = None) -> None:
        """Show `text`; with `timeout_ms`, go back to the previous message afterwards."""
        if self._restore is not None:
            self.after_cancel(self._restore)
            self._restore = None
        if timeout_ms is None:
            self._resting_text = text
        else:
            self._restore = self.after(timeout_ms, self._back_to_rest)
        self.left.configure(text=text)

    def _back_to_rest(self) -> None:
        self._restore = None
        self.left.configure(text=self._resting_text)

    def set_right(self, text: str) -> None:
        self.right.configure(text=text)

    def destroy(self) -> None:
        if self._restore is not None:
            self.after_cancel(self._restore)
        super().destroy()


def is_inside(widget: tk.Misc, ancestor: tk.Misc) -> bool:
    """Whether `widget` is `ancestor` or one of its descendants (by Tk path name)."""
    return str(widget) == str(ancestor) or str(widget).startswith(str(ancestor) + ".")
