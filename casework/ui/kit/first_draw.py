"""The window's first drawing, and the work that waits for it so that nothing delays it.

`when_drawn(root, callback)` calls back once the window is first on screen and drawn.
While the window starts (from `hold()` to the moment `release_when_drawn` names, both
called by casework.ui.app.run), `after_start` holds what it is given: the first screen's
figures, counted in a worker thread that would otherwise contend with the drawing for
the interpreter (the drawing took twice as long). Outside the start (tests, a screen
opened later) it calls at once.

`pause_input_methods` / `resume_input_methods` leave the windows' X input contexts
until after the first drawing (casework.ui.app.run pauses them, and resumes them once
drawn or before a dialog on the way).
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable


def when_drawn(root: tk.Misc, callback: Callable[[], object]) -> None:
    """Call `callback` once, when `root`'s window is first on screen and drawn.

    Drawn means mapped with no idle work left: Tk lays out and paints in idle callbacks,
    and those that a layout queues run after an idle callback queued before them.
    Callbacks asked for earlier are called first (one wait per window keeps them in
    order: each waiting on its own would run the others inside its update_idletasks).
    """
    window = root.winfo_toplevel()
    waiting = getattr(window, "_casework_waiting_for_draw", None)
    if waiting is not None:
        waiting.append(callback)
        return
    waiting = [callback]
    window._casework_waiting_for_draw = waiting  # type: ignore[attr-defined]
    # A tag of its own sees the window's <Map> only (the window's name tag sees its
    # children's too) and leaves the window's other bindings alone when it goes.
    tag = f"Drawn{id(window)}"

    def when_idle() -> None:
        if tag not in window.bindtags():
            return  # called already
        root.update_idletasks()
        if window.winfo_ismapped() and tag in window.bindtags():
            window.bindtags([t for t in window.bindtags() if t != tag])
            window.unbind_class(tag, "<Map>")
            window._casework_waiting_for_draw = None  # type: ignore[attr-defined]
            for each in waiting:
                each()

    window.bind_class(tag, "<Map>", lambda _event: root.after_idle(when_idle))
    window.bindtags((*window.bindtags(), tag))
    root.after_idle(when_idle)


def hold(root: tk.Misc) -> None:
    """From now, `after_start` holds what it is given for `root`'s window, until the
    moment `release_when_drawn` names."""
    root.winfo_toplevel()._casework_held = []  # type: ignore[attr-defined]


def release_when_drawn(root: tk.Misc) -> None:
    """Call what `after_start` holds once `root`'s window is drawn, after the callbacks
    `when_drawn` was given before; stop holding then."""
    when_drawn(root, lambda: _release(root.winfo_toplevel()))


def after_start(widget: tk.Misc, callback: Callable[[], object]) -> None:
    """Call `callback` now; or, while `widget`'s window is starting, once it is drawn."""
    held = getattr(widget.winfo_toplevel(), "_casework_held", None)
    if held is None:
        callback()
    else:
        held.append(callback)


def _release(window: tk.Misc) -> None:
    held = getattr(window, "_casework_held", None) or []
    window._casework_held = None  # type: ignore[attr-defined]
    for callback in held:
        callback()


def pause_input_methods(root: tk.Misc) -> None:
    """Until `resume_input_methods`, Tk makes no window its input context on X11.

    Tk gives each window an X input method context (what typing Chinese through an input
    method goes through) the first time the window sees any event: two round trips to
    the X server or more each, some 300 as the first screen's 150 widgets were first laid
    out and drawn (8 ms and more). A window that saw its first events while paused gets
    its context with its next event once resumed: clicked, focused or typed into.
    """
    window = root.winfo_toplevel()
    if getattr(window, "_casework_input_methods", None) is None:
        on = bool(root.tk.call("tk", "useinputmethods"))  # always False off X11
        window._casework_input_methods = on  # type: ignore[attr-defined]
        if on:
            root.tk.call("tk", "useinputmethods", False)


def resume_input_methods(root: tk.Misc) -> None:
    """Input methods as they were before `pause_input_methods`."""
    window = root.winfo_toplevel()
    if getattr(window, "_casework_input_methods", None):
        root.tk.call("tk", "useinputmethods", True)
    window._casework_input_methods = None  # type: ignore[attr-defined]
