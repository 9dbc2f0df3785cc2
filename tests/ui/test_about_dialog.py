"""关于 under Xvfb: version, database, backups and log shown and openable; copy for support."""

from __future__ import annotations

from casework import APP_NAME, __version__, logs
from casework.migrations import LATEST
from casework.services.safety import backups
from casework.ui.about_dialog import AboutDialog
from casework.ui.kit import dialogs
from tests.tkutil import pump, pump_until


def open_about(root):
    dialog = AboutDialog(root)
    pump(root)
    return dialog


def test_about_shows_the_version_the_files_and_copies_them(themed, db, tmp_path, monkeypatch):
    log = logs.configure("window")
    backups.create_backup("manual")
    opened = []
    monkeypatch.setattr(dialogs, "open_path", lambda path: opened.append(path) or True)
    dialog = open_about(themed)
    entries = [
        w for w in dialog.winfo_children()[0].winfo_children() if w.winfo_class() == "TEntry"
    ]
    assert [e.get() for e in entries] == [
        str(tmp_path / "casework.db"),
        str(tmp_path / "backups"),
        str(log),
    ]
    for key in ("database", "backups", "log"):
        assert dialog.open_buttons[key].instate(["!disabled"])
        dialog.open_buttons[key].invoke()
    assert opened == [tmp_path, tmp_path / "backups", log]

    dialog.button_copy.invoke()
    copied = themed.clipboard_get()
    assert copied == dialog.copied
    assert copied.startswith(f"{APP_NAME} {__version__}\n")
    assert f"数据库文件：{tmp_path / 'casework.db'}" in copied
    assert f"未加密；结构版本 {LATEST}" in copied
    assert f"日志文件：{log}" in copied
    assert "已复制" in dialog.status.cget("text")


def test_about_disables_what_does_not_exist_yet_and_escape_closes(themed, db):
    dialog = open_about(themed)  # no backup taken, logging not configured
    assert dialog.open_buttons["backups"].instate(["disabled"])
    assert dialog.open_buttons["log"].instate(["disabled"])
    dialog.focus_force()
    assert pump_until(themed, lambda: themed.focus_get() is not None)
    dialog.event_generate("<Escape>")
    assert pump_until(themed, lambda: not dialog.winfo_exists())


def test_the_sidebar_opens_about(themed, db, tmp_path):
    from casework.ui.app import build_app

    app = build_app(themed, tmp_path / "casework.db")
    app.button_about.invoke()
    assert pump_until(
        themed, lambda: any(isinstance(w, AboutDialog) for w in themed.winfo_children())
    )


def test_the_first_idle_moment_is_reported_once_the_window_is_drawn(themed, tmp_path, monkeypatch):
    import time
    from tkinter import ttk

    from casework.ui import window_start as app_module
    from casework.ui.window_start import STARTUP_REPORT_ENV, report_first_idle

    target = tmp_path / "ready.txt"
    monkeypatch.setenv(STARTUP_REPORT_ENV, str(target))
    label = ttk.Label(themed, text="农户名册")
    label.grid()
    width_when_reported = []

    class WatchedPath(type(target)):
        def write_text(self, *args, **kwargs):
            width_when_reported.append(label.winfo_width())
            return super().write_text(*args, **kwargs)

    monkeypatch.setattr(app_module, "Path", WatchedPath)
    report_first_idle(themed)
    for _ in range(20):
        themed.update()
    assert not target.exists(), "reported while the window was not on screen"
    shown = time.time()
    themed.deiconify()
    assert pump_until(themed, lambda: target.exists())
    assert shown <= float(target.read_text()) <= time.time()
    assert width_when_reported == [label.winfo_reqwidth()], "reported before it was laid out"
