"""Form fields: a labelled input with its help tooltip and a line kept for its error message.

Every field has the same small API, so a screen treats them alike:
`get()`, `set(value)`, `show_error(message)`, `clear_error()`, `focus()`,
`set_enabled(flag)`, `on_change(callback)` and `.widget` (the input itself).
Choice fields speak in vocabulary codes; the Chinese labels are only on screen.
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk
import tkinter.font as tkfont
from collections.abc import Callable, Mapping
from tkinter import ttk
from typing import Any

from casework import clock
from casework.ui.kit.theme import COLORS, ERROR_FONT, PAD_SMALL, px, surface_of
from casework.ui.kit.tooltips import attach_tooltip  # also re-exported: screens import it here


class FormField(ttk.Frame):
    """Label on top, the input below, and a line under it kept free for an error message."""

    #: Whether Form.layout lets the field span every column (long text, check groups).
    wide = False
    #: The ttk style of the input, switched to "Invalid." + this while an error shows.
    input_style = ""

    def __init__(
        self, master: tk.Misc, label: str, *, help: str = "", required: bool = False, **options: Any
    ) -> None:
        self.surface = surface_of(master)
        super().__init__(master, style=self.surface + "Inner.TFrame")
        self.required = required
        self.error = ""
        self._callbacks: list[Callable[[], None]] = []
        self._muted = False
        self.label = ttk.Label(self, text=label, style=self.surface + "TLabel")
        self.label.grid(row=0, column=0, sticky="w", pady=(0, px(self, 2)))
        if required:
            star = ttk.Label(self, text="*", style=self.surface + "Error.TLabel")
            star.grid(row=0, column=1, sticky="w", padx=(px(self, 2), 0))
        self.body = ttk.Frame(self, style=self.surface + "Inner.TFrame")
        self.body.grid(row=1, column=0, columnspan=3, sticky="ew")
        self.body.columnconfigure(0, weight=1)
        self.widget = self._build_input(self.body, **options)
        # One character wide as asked for: a long message is cut at the field's edge (and
        # read whole in the input's tooltip) rather than widening the form as it appears.
        self.error_label = ttk.Label(self, text="", style=self.surface + "Error.TLabel", width=1)
        self.error_label.grid(row=2, column=0, columnspan=3, sticky="ew")
        self.columnconfigure(2, weight=1)
        # Reserve the label and error lines even when empty, so fields in a row line up
        # and a message appearing never shifts the form.
        self.rowconfigure(0, minsize=_line_height(self, "TkDefaultFont") + px(self, 2))
        self.rowconfigure(2, minsize=_line_height(self, ERROR_FONT))
        self.help = help
        self.tooltip = attach_tooltip(self._tooltip_target(), help) if help else None

    def _build_input(self, parent: ttk.Frame, **options: Any) -> tk.Widget:
        raise NotImplementedError

    def _tooltip_target(self) -> tk.Widget:
        return self.widget

    def get(self) -> Any:
        raise NotImplementedError

    def set(self, value: Any) -> None:
        """Show `value` without telling the on_change listeners (it is not the user's edit)."""
        self._muted = True
        try:
            self._set(value)
        finally:
            self._muted = False

    def _set(self, value: Any) -> None:
        raise NotImplementedError

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call `callback()` whenever the user changes the value."""
        self._callbacks.append(callback)

    def _changed(self, *_args: object) -> None:
        if self._muted:
            return
        for callback in list(self._callbacks):
            callback()

    def show_error(self, message: str) -> None:
        self.error = message
        self.error_label.configure(text=message)
        self._tooltip_says(f"{message}\n{self.help}" if self.help else message)
        if self.input_style:
            self.widget.configure(style="Invalid." + self.input_style)

    def clear_error(self) -> None:
        self.error = ""
        self.error_label.configure(text="")
        self._tooltip_says(self.help)
        if self.input_style:
            self.widget.configure(style=self.input_style)

    def _tooltip_says(self, message: str) -> None:
        if self.tooltip is not None:
            self.tooltip.msg = message
        elif message:
            self.tooltip = attach_tooltip(self._tooltip_target(), message)

    def focus(self) -> None:
        self.widget.focus_set()

    def set_enabled(self, enabled: bool) -> None:
        self.widget.state(["!disabled"] if enabled else ["disabled"])


def keyboard_button(button: ttk.Button) -> ttk.Button:
    """Let Tab reach `button` and Enter press it (space already does, as for any button).

    Enter is kept from reaching the dialog, where it would save the form instead.
    """
    button.configure(takefocus=True)
    for sequence in ("<Return>", "<KP_Enter>"):
        button.bind(sequence, lambda _e: (button.invoke(), "break")[1])
    return button


def _line_height(widget: tk.Misc, font_name: str) -> int:
    try:
        font = tkfont.nametofont(font_name, root=widget)
        return font.metrics("linespace")
    except tk.TclError:  # theme not applied (a bare test root): fall back to Tk's font
        return tkfont.nametofont("TkDefaultFont", root=widget).metrics("linespace")


class TextField(FormField):
    """One line of free text: a name, a phone number, an ID number."""

    input_style = "TEntry"

    def _build_input(self, parent: ttk.Frame, width: int = 16, **options: Any) -> ttk.Entry:
        self.var = tk.StringVar(self)
        entry = ttk.Entry(parent, textvariable=self.var, width=width, **options)
        entry.grid(row=0, column=0, sticky="ew")
        self.var.trace_add("write", self._changed)
        return entry

    def get(self) -> str:
        return self.var.get()

    def _set(self, value: Any) -> None:
        self.var.set("" if value is None else str(value))

    def set_enabled(self, enabled: bool) -> None:
        self.widget.state(["!readonly"] if enabled else ["readonly"])


class DateField(TextField):
    """A date typed as text (validation reads 2026-11-27, 2026年11月27日...), with 今天."""

    def _build_input(
        self, parent: ttk.Frame, width: int = 14, today_button: bool = True, **options: Any
    ) -> ttk.Entry:
        entry = super()._build_input(parent, width=width, **options)
        self.today_button = None
        if today_button:
            self.today_button = ttk.Button(
                parent,
                text="今天",
                style=self.surface + "Link.TButton",
                command=self.fill_today,
                cursor="hand2",
            )
            keyboard_button(self.today_button)
            self.today_button.grid(row=0, column=1, sticky="ns", padx=(px(self, PAD_SMALL), 0))
        return entry

    def fill_today(self) -> None:
        """Put today's date in the field, as if the cadre had typed it."""
        self.var.set(clock.today().isoformat())
        self.widget.icursor("end")

    def _set(self, value: Any) -> None:
        if isinstance(value, dt.date):
            value = value.isoformat()
        super()._set(value)

    def set_enabled(self, enabled: bool) -> None:
        super().set_enabled(enabled)
        if self.today_button is not None:
            self.today_button.state(["!disabled"] if enabled else ["disabled"])


class ChoiceField(FormField):
    """A drop-down list from a vocabulary {code: label}; get() and set() use the code."""

    input_style = "TCombobox"

    def _build_input(
        self,
        parent: ttk.Frame,
        choices: Mapping[str, str] | None = None,
        width: int = 14,
        **options: Any,
    ) -> ttk.Combobox:
        self.combo = ttk.Combobox(parent, state="readonly", width=width, **options)
        self.combo.grid(row=0, column=0, sticky="ew")
        self.combo.bind("<<ComboboxSelected>>", self._selected)
        self._labels: dict[str, str] = {}
        self._codes: dict[str, str] = {}
        self.set_choices(choices or {})
        return self.combo

    def set_choices(self, choices: Mapping[str, str]) -> None:
        """Replace the list (e.g. the villages of a newly chosen township).

        The current choice stays if the new list has it, otherwise the field is emptied.
        """
        current = self.get()
        self._labels = dict(choices)
        self._codes = {label: code for code, label in self._labels.items()}
        self._refresh_values()
        self.combo.set(self._labels.get(current, ""))

    def _refresh_values(self) -> None:
        labels = list(self._labels.values())
        # Not required: a blank first entry lets the cadre take a choice back.
        self.combo.configure(values=labels if self.required else ["", *labels])

    def _selected(self, _event: object = None) -> None:
        self.combo.selection_clear()
        self._changed()

    def codes(self) -> list[str]:
        """The codes on offer, in the list's order."""
        return list(self._labels)

    def choose(self, code: str) -> None:
        """Pick `code` as the cadre would from the list (the on_change listeners hear it)."""
        self._set(code)
        self._changed()

    def get(self) -> str:
        text = self.combo.get()
        return self._codes.get(text, text)

    def _set(self, value: Any) -> None:
        code = "" if value is None else str(value)
        if code and code not in self._labels:
            # A code this version does not know (from a newer laptop, or retired): show it
            # as it is rather than silently dropping the stored value.
            self._labels[code] = code
            self._codes[code] = code
            self._refresh_values()
        self.combo.set(self._labels.get(code, ""))

    def set_enabled(self, enabled: bool) -> None:
        self.combo.state(["!disabled", "readonly"] if enabled else ["disabled"])


class MultiLineField(FormField):
    """Several lines of text: what was found on a visit, a self-description."""

    wide = True

    def _build_input(
        self, parent: ttk.Frame, height: int = 4, width: int = 40, **options: Any
    ) -> tk.Text:
        c = COLORS
        text = tk.Text(
            parent,
            height=height,
            width=width,
            wrap="char",
            undo=True,
            relief="flat",
            borderwidth=0,
            highlightthickness=1,
            highlightbackground=c.border_strong,
            highlightcolor=c.accent,
            padx=px(self, 6),
            pady=px(self, 4),
            **options,
        )
        scrollbar = ttk.Scrollbar(parent, orient="vertical", command=text.yview, takefocus=False)
        text.configure(yscrollcommand=scrollbar.set)
        text.grid(row=0, column=0, sticky="nsew")
        scrollbar.grid(row=0, column=1, sticky="ns")
        parent.rowconfigure(0, weight=1)
        text.bind("<<Modified>>", self._modified)
        # Tab moves to the next field as everywhere else in a form; Ctrl+Tab types a tab.
        text.bind("<Tab>", _focus_next)
        text.bind("<Shift-Tab>", _focus_prev)
        text.bind("<ISO_Left_Tab>", _focus_prev)
        return text

    def _modified(self, _event: object = None) -> None:
        # <<Modified>> fires once per change of the flag; reset it to hear the next edit.
        if not self.widget.edit_modified():
            return
        self.widget.edit_modified(False)
        self._changed()

    def get(self) -> str:
        return self.widget.get("1.0", "end-1c")

    def _set(self, value: Any) -> None:
        # A disabled Text silently ignores delete and insert: a value loaded into a field
        # shown read-only (a resume editor with no draft yet) would be lost, and saved so.
        state = str(self.widget.cget("state"))
        self.widget.configure(state="normal")
        self.widget.delete("1.0", "end")
        self.widget.insert("1.0", "" if value is None else str(value))
        self.widget.configure(state=state)
        self.widget.edit_modified(False)
        self.widget.edit_reset()

    def show_error(self, message: str) -> None:
        super().show_error(message)
        self.widget.configure(highlightbackground=COLORS.error, highlightcolor=COLORS.error)

    def clear_error(self) -> None:
        super().clear_error()
        self.widget.configure(
            highlightbackground=COLORS.border_strong, highlightcolor=COLORS.accent
        )

    def set_enabled(self, enabled: bool) -> None:
        self.widget.configure(
            state="normal" if enabled else "disabled",
            background=COLORS.card if enabled else COLORS.bg,
        )


def _focus_next(event: tk.Event) -> str:
    event.widget.tk_focusNext().focus_set()
    return "break"


def _focus_prev(event: tk.Event) -> str:
    event.widget.tk_focusPrev().focus_set()
    return "break"
