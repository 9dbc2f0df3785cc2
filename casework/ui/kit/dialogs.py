"""The seam between screens and everything that waits for a person or the OS.

Message boxes, file choosers and "open this file" block or leave the application, so
tests replace them. Screens must call them through the module,
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


def ask_yes_no(parent: tk.Misc, title: str, message: str) -> bool:
    """A question answered 是/否."""
    return bool(messagebox.askyesno(title, message, parent=parent))


def ask_yes_no_cancel(parent: tk.Misc, title: str, message: str) -> bool | None:
    """是 → True, 否 → False, 取消 → None (e.g. save changes before closing?)."""
    return messagebox.askyesnocancel(title, message, parent=parent)


def show_error(parent: tk.Misc, title: str, message: str) -> None:
    messagebox.showerror(title, message, parent=parent)


def show_warning(parent: tk.Misc, title: str, message: str) -> None:
    messagebox.showwarning(title, message, parent=parent)


def show_info(parent: tk.Misc, title: str, message: str) -> None:
    messagebox.showinfo(title, message, parent=parent)


def ask_open_filename(
    parent: tk.Misc, title: str, filetypes: FileTypes = (ALL_FILES,), initialdir: str | None = None
) -> str:
    """The chosen file's path, or "" when the cadre cancelled."""
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
    """Where to save, or "" when cancelled; the OS dialog asks before overwriting."""
    path = filedialog.asksaveasfilename(
        parent=parent,
        title=title,
        filetypes=list(filetypes),
        initialfile=initialfile,
        defaultextension=defaultextension,
        initialdir=initialdir,
    )
    return str(path) if path else ""


def ask_directory(parent: tk.Misc, title: str, initialdir: str | None = None) -> str:
    """The chosen folder, or "" when cancelled."""
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
