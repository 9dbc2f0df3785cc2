"""The seam between screens and everything that waits for a person or the OS.

Message boxes, file choosers and "open this file" block or leave the application, so
tests replace them. On Windows and macOS the boxes and choosers are the system's own,
in the system's language; on X11 Tk draws its own in English (Yes/No, File name), so
there Casework shows its own Chinese ones (own_dialogs, file_chooser), which load only
when first needed. Screens must call them through the module,
`dialogs.ask_yes_no(...)`, never `from casework.ui.kit.dialogs import ask_yes_no`, so
that `monkeypatch.setattr(casework.ui.kit.dialogs, "ask_yes_no", ...)` reaches them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tkinter as tk
from collections.abc import Sequence
from tkinter import filedialog, messagebox

FileTypes = Sequence[tuple[str, str]]

ALL_FILES = ("所有文件", "*.*")


def own_dialogs_here(parent: tk.Misc) -> bool:
    """Whether Casework draws its own dialogs on `parent`'s display (X11: Tk's are English)."""
    return str(parent.tk.call("tk", "windowingsystem")) == "x11"


def _ask(parent: tk.Misc, title: str, message: str, icon: str, buttons, escape) -> str | None:
    from casework.ui.kit import own_dialogs

    return own_dialogs.ask(parent, title, message, icon=icon, buttons=buttons, escape=escape)


def ask_yes_no(parent: tk.Misc, title: str, message: str) -> bool:
    """A question answered 是/否."""
    if own_dialogs_here(parent):
        return _ask(parent, title, message, "question", ("yes", "no"), "no") == "yes"
    return bool(messagebox.askyesno(title, message, parent=parent))


def ask_yes_no_cancel(parent: tk.Misc, title: str, message: str) -> bool | None:
    """是 → True, 否 → False, 取消 → None (e.g. save changes before closing?)."""
    if own_dialogs_here(parent):
        buttons = ("yes", "no", "cancel")
        answer = _ask(parent, title, message, "question", buttons, "cancel")
        return {"yes": True, "no": False}.get(answer or "")
    return messagebox.askyesnocancel(title, message, parent=parent)


def show_error(parent: tk.Misc, title: str, message: str) -> None:
    if own_dialogs_here(parent):
        _ask(parent, title, message, "error", ("ok",), "ok")
    else:
        messagebox.showerror(title, message, parent=parent)


def show_warning(parent: tk.Misc, title: str, message: str) -> None:
    if own_dialogs_here(parent):
        _ask(parent, title, message, "warning", ("ok",), "ok")
    else:
        messagebox.showwarning(title, message, parent=parent)


def show_info(parent: tk.Misc, title: str, message: str) -> None:
    if own_dialogs_here(parent):
        _ask(parent, title, message, "info", ("ok",), "ok")
    else:
        messagebox.showinfo(title, message, parent=parent)


def _choose(parent: tk.Misc, title: str, mode: str, **options) -> str:
    from casework.ui.kit import file_chooser

    return file_chooser.choose(parent, title, mode, **options)


def ask_open_filename(
    parent: tk.Misc, title: str, filetypes: FileTypes = (ALL_FILES,), initialdir: str | None = None
) -> str:
    """The chosen file's path, or "" when the cadre cancelled."""
    if own_dialogs_here(parent):
        return _choose(parent, title, "open", filetypes=filetypes, initialdir=initialdir)
    path = filedialog.askopenfilename(
        parent=parent, title=title, filetypes=list(filetypes), initialdir=initialdir
    )
    return str(path) if path else ""


def ask_save_filename(
    parent: tk.Misc,
    title: str,
    filetypes: FileTypes = (ALL_FILES,),
    initialfile: str = "",
    defaultextension: str = "",
    initialdir: str | None = None,
) -> str:
    """Where to save, or "" when cancelled; the dialog asks before overwriting."""
    options = dict(
        filetypes=list(filetypes),
        initialfile=initialfile,
        defaultextension=defaultextension,
        initialdir=initialdir,
    )
    if own_dialogs_here(parent):
        return _choose(parent, title, "save", **options)
    path = filedialog.asksaveasfilename(parent=parent, title=title, **options)
    return str(path) if path else ""


def ask_directory(parent: tk.Misc, title: str, initialdir: str | None = None) -> str:
    """The chosen folder, or "" when cancelled."""
    if own_dialogs_here(parent):
        return _choose(parent, title, "folder", initialdir=initialdir)
    path = filedialog.askdirectory(
        parent=parent, title=title, initialdir=initialdir, mustexist=True
    )
    return str(path) if path else ""


def open_path(path: str | os.PathLike[str]) -> bool:
    """Open a file or folder with the program the OS uses for it (Word, Excel, Explorer).

    Returns False when nothing could open it, so the screen can say where the file is.
    """
    target = os.fspath(path)
    try:
        if sys.platform == "win32":
            os.startfile(target)
        elif sys.platform == "darwin":
            subprocess.Popen(["open", target])
        else:
            subprocess.Popen(
                ["xdg-open", target], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
    except OSError:
        return False
    return True
