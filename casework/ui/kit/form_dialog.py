"""FormDialog, the shared frame of the record dialogs, and two widgets the household screens share.

A FormDialog is an IDLE-style dialog: `create_widgets()` builds the fields into
`self.body` and registers them on `self.form`, `load()` fills them, `save(values)` calls
the service, `entry_ok()` turns the service's answer into a record or into messages
beside the fields, and `ok()` / `cancel()` say what happens next. Ctrl+S (and Return
outside multi-line text) saves, Esc or closing the window cancels, asking first when
something typed would be lost.

ListTable shows a short list whole (no pager); ReadOnlyText shows text to read in full.
show_modal and close_modal (casework.ui.kit.modal) are read from here too.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Mapping, Sequence
from tkinter import ttk
from typing import Any

from casework import logs
from casework.services.common import ConflictError, NotFoundError
from casework.ui.kit import dialogs
from casework.ui.kit.modal import close_modal, show_modal
from casework.ui.kit.table import Column, PagedTable
from casework.ui.kit.theme import BOLD_FONT, COLORS, PAD, PAD_LARGE, px, surface_of
from casework.ui.kit.widgets import Form
from casework.ui.kit.workbench import Workbench
from casework.validation import ValidationError

DISCARD_QUESTION = "放弃未保存的修改？"


class FormDialog(tk.Toplevel):
    """A modal dialog editing one record through a Form; subclasses fill in the record."""

    #: The text of the button that saves (an attached wish only confirms: 确定).
    ok_text = "保存"

    def __init__(
        self,
        parent: tk.Misc,
        app: Workbench,
        *,
        title: str,
        on_saved: Callable[[dict], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.withdraw()  # built hidden, shown once sized and placed
        self.app = app
        self.on_saved = on_saved
        self.form = Form()
        self.failed = False
        self.title(title)
        self.transient(parent.winfo_toplevel())
        outer = ttk.Frame(self, padding=px(self, PAD_LARGE))
        outer.pack(fill="both", expand=True)
        # The body is created before the buttons, so Tab walks the fields first.
        self.body = ttk.Frame(outer)
        self.body.pack(fill="both", expand=True)
        self.message = ttk.Label(outer, text="", style="Error.TLabel")
        self.message.pack(fill="x")
        self._build_buttons(outer)
        if not self._build():
            return
        self.form.mark_clean()
        self._bind_keys()
        self._show(parent)

    def _build_buttons(self, outer: ttk.Frame) -> None:
        bar = ttk.Frame(outer)
        bar.pack(fill="x", pady=(px(self, PAD), 0))
        self.button_ok = ttk.Button(
            bar, text=f"{self.ok_text} (Ctrl+S)", style="Accent.TButton", command=self.ok
        )
        self.button_ok.pack(side="right")
        self.button_cancel = ttk.Button(bar, text="取消 (Esc)", command=self.cancel)
        self.button_cancel.pack(side="right", padx=(0, px(self, PAD)))
        self.button_bar = bar

    def _bind_keys(self) -> None:
        for sequence in ("<Control-s>", "<Control-S>"):
            self.bind(sequence, self.ok)
        self.bind("<Escape>", self.cancel)
        self.bind("<Return>", self._return_pressed)
        self.bind("<KP_Enter>", self._return_pressed)
        self.protocol("WM_DELETE_WINDOW", self.cancel)

    def _build(self) -> bool:
        try:
            self.create_widgets()
            self.load()
        except (NotFoundError, ConflictError) as error:
            self.failed = True
            dialogs.show_error(self.master, "无法打开", str(error))
            self.destroy()
            return False
        return True

    def _show(self, parent: tk.Misc) -> None:
        self._previous_grab = show_modal(self, parent)
        self.focus_first()

    # Hooks for subclasses ------------------------------------------------------------------

    def create_widgets(self) -> None:
        raise NotImplementedError

    def load(self) -> None:
        """Fill the fields from the stored record (edit mode) or with defaults."""

    def save(self, values: dict[str, Any]) -> dict:
        """Call the service with the typed values; return the saved record."""
        raise NotImplementedError

    def saved(self, record: dict) -> None:
        """After a successful save and close: tell whoever opened the dialog."""
        if self.on_saved is not None:
            self.on_saved(record)

    def focus_first(self) -> None:
        self.form.focus_first()

    def is_dirty(self) -> bool:
        return self.form.is_dirty()

    def values(self) -> dict[str, Any]:
        return self.form.values()

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Each message beside its field; the rest above the buttons."""
        self.message.configure(text="")
        unplaced = self.form.show_errors(errors)
        if unplaced:
            self.message.configure(text="；".join(unplaced.values()))

    # Save and cancel -----------------------------------------------------------------------

    def entry_ok(self) -> dict | None:
        """Save through the service: the record, or None with the problems shown."""
        try:
            return self.save(self.values())
        except ValidationError as error:
            self.show_errors(error.errors)
        except (NotFoundError, ConflictError) as error:
            dialogs.show_error(self, "无法保存", str(error))
        except Exception as error:  # never a traceback in the cadre's face: logged instead
            message = logs.report(error, "保存")
            dialogs.show_error(self, "保存失败", f"{message}\n\n已填写的内容仍在窗口中。")
        return None

    def ok(self, _event: object = None) -> str:
        record = self.entry_ok()
        if record is not None:
            self.form.mark_clean()
            self.close()
            self.saved(record)
        return "break"

    def cancel(self, _event: object = None) -> str:
        if self.is_dirty() and not dialogs.ask_yes_no(self, "放弃修改", DISCARD_QUESTION):
            return "break"
        self.close()
        return "break"

    def close(self) -> None:
        close_modal(self, getattr(self, "_previous_grab", None))

    def _return_pressed(self, event: tk.Event) -> str | None:
        widget = event.widget
        if isinstance(widget, tk.Text):
            return None  # a new line in multi-line text
        if isinstance(widget, ttk.Button) and widget is not self.button_ok:
            widget.invoke()  # Return presses the focused button, as on Windows
            return "break"
        return self.ok()


class ListTable(PagedTable):
    """A PagedTable showing a short list whole (a household's members or visits), no pager."""

    def __init__(
        self,
        master: tk.Misc,
        columns: Sequence[Column | tuple],
        load: Callable[[], list[dict[str, Any]]],
        *,
        empty_text: str,
        height: int = 8,
    ) -> None:
        self.load = load
        super().__init__(master, columns, self._fetch, page_size=10_000, empty_text=empty_text)
        self.prev_button.master.grid_remove()
        self.tree.configure(height=height)

    def _fetch(self, _page: int, _page_size: int) -> tuple[list[dict[str, Any]], int]:
        rows = self.load()
        return rows, len(rows)

    def values_of(self, row_id: str) -> tuple:
        """The texts a row shows, as tests and screens read them."""
        return tuple(self.tree.item(row_id, "values"))


class ReadOnlyText(ttk.Frame):
    """Text to read and copy but not edit (a visit's notes in full), with a scrollbar."""

    def __init__(self, master: tk.Misc, height: int = 6) -> None:
        super().__init__(master, style=surface_of(master) + "Inner.TFrame")
        self.text = tk.Text(
            self,
            height=height,
            wrap="char",
            relief="flat",
            takefocus=False,
            highlightthickness=1,
            highlightbackground=COLORS.border,
            padx=px(self, 8),
            pady=px(self, 6),
            state="disabled",
        )
        scrollbar = ttk.Scrollbar(self, orient="vertical", command=self.text.yview)
        self.text.configure(yscrollcommand=scrollbar.set)
        self.text.tag_configure("heading", font=BOLD_FONT, foreground=COLORS.muted)
        scrollbar.pack(side="right", fill="y")
        self.text.pack(side="left", fill="both", expand=True)

    def show(self, parts: Sequence[tuple[str, str]]) -> None:
        """Replace the text with `parts`: (text, tag) pairs, tag "heading" or ""."""
        self.text.configure(state="normal")
        self.text.delete("1.0", "end")
        for text, tag in parts:
            self.text.insert("end", text, tag or ())
        self.text.configure(state="disabled")

    def get(self) -> str:
        return self.text.get("1.0", "end-1c")
