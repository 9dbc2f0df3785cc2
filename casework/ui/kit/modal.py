"""Showing a window as modal over its parent and closing it again: centred, on screen, grabbed.

Every dialog uses these (FormDialog, the wizards, the own message boxes and file
chooser); a module of its own so that the dialog seam can use them without importing
the form dialogs that use the seam.
"""

from __future__ import annotations

import tkinter as tk

from casework.ui.kit.theme import px


def show_modal(window: tk.Toplevel, parent: tk.Misc) -> tk.Misc | None:
    """Show `window` over its parent's window and take the grab; returns who held it before."""
    window.update_idletasks()
    owner = parent.winfo_toplevel()
    width, height = window.winfo_reqwidth(), window.winfo_reqheight()
    x = owner.winfo_rootx() + (owner.winfo_width() - width) // 2
    y = owner.winfo_rooty() + (owner.winfo_height() - height) // 3
    # Keep the whole window, title bar included, on a small laptop screen.
    x = max(0, min(x, window.winfo_screenwidth() - width))
    y = max(0, min(y, window.winfo_screenheight() - height - px(window, 40)))
    window.geometry(f"+{x}+{y}")
    window.deiconify()
    previous = window.grab_current()
    window.wait_visibility()
    try:
        window.grab_set()
    except tk.TclError:
        pass  # not viewable yet (a withdrawn parent in tests): still usable
    return previous


def close_modal(window: tk.Toplevel, previous: tk.Misc | None) -> None:
    """Close `window`; a window opened from another hands the grab back to it."""
    window.grab_release()
    window.destroy()
    if previous is not None:
        try:
            previous.grab_set()
        except tk.TclError:
            pass  # that one has gone too
