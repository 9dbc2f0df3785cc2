"""The main window's start, before and around its first drawing: where it stands, its
icon, collection held until drawn, and what waits for the drawing (casework.ui.app.run)."""

from __future__ import annotations

import gc
import logging
import os
import time
import tkinter as tk
from pathlib import Path

from casework import APP_NAME, logs, paths
from casework.ui.kit import deferred_modules, first_draw
from casework.ui.kit.theme import Theme

log = logging.getLogger(__name__)

# When set, the time (time.time()) of the window's first idle moment is written to this
# file: bench/bench_startup.py and the built app's smoke test read it.
STARTUP_REPORT_ENV = "CASEWORK_STARTUP_REPORT"


def place_main_window(root: tk.Tk, t: Theme) -> None:
    """The main window's title, size and place: centred, fitting a 1366×768 laptop."""
    root.title(APP_NAME)
    root.minsize(min(t.px(960), root.winfo_screenwidth()), min(t.px(600), 600))
    width = min(t.px(1280), root.winfo_screenwidth() - t.px(40))
    height = min(t.px(760), root.winfo_screenheight() - t.px(90))
    x = max(0, (root.winfo_screenwidth() - width) // 2)
    y = max(0, (root.winfo_screenheight() - height - t.px(40)) // 2)
    root.geometry(f"{width}x{height}+{x}+{y}")


def hold_collection() -> tuple[int, int, int]:
    """Freeze what is loaded and pause automatic collection until the window is drawn.

    What start-up makes (modules, classes, widgets) lives as long as the window: collecting
    it was some fifty collections of nothing. Frozen, the modules are skipped by the full
    collection the first background job makes (casework.ui.kit.progress). Returns the
    thresholds to put back.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(0)
    return thresholds


def set_window_icon(root: tk.Tk) -> None:
    """The app icon for the window and every dialog opened after (Windows uses the .exe's
    own too). Once is enough: the start sets it before its first dialog, or once drawn.
    """
    if getattr(root, "_casework_icon", None) is not None:
        return
    try:
        icon = tk.PhotoImage(master=root, file=str(paths.asset("icon.png")))
    except tk.TclError:
        log.warning("app icon missing: %s", paths.asset("icon.png"))
        return
    root.iconphoto(True, icon)
    root._casework_icon = icon  # type: ignore[attr-defined] - Tk keeps no reference


def before_first_dialog(root: tk.Tk) -> None:
    """What a dialog on the way to the window needs first: the app icon (it takes the
    window's as it opens), the modules the start defers (its work may use a thread), the
    input methods (its fields are typed into, in Chinese too)."""
    set_window_icon(root)
    deferred_modules.load_all()
    first_draw.resume_input_methods(root)


def settle_start(root: tk.Tk) -> None:
    """What the window's start leaves until it is drawn: no one waits for these."""
    set_window_icon(root)
    logs.settle()
    deferred_modules.load_all()  # before the first screen's worker threads start
    first_draw.resume_input_methods(root)


def report_first_idle(root: tk.Misc) -> None:
    """Write when the window is first on screen and drawn, if STARTUP_REPORT_ENV asks."""
    target = os.environ.get(STARTUP_REPORT_ENV)
    if target:
        first_draw.when_drawn(
            root, lambda: Path(target).write_text(repr(time.time()), encoding="utf-8")
        )
