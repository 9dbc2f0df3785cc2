"""The main window: sidebar, the screens, the status bar, global shortcuts and start-up."""

from __future__ import annotations

import gc
import importlib
import logging
import tkinter as tk
from pathlib import Path
from tkinter import ttk
from types import TracebackType
from typing import Any

from casework import APP_NAME, error_text, logs
from casework.services.common import ConflictError, NotFoundError
from casework.services.register import cadres
from casework.services.safety import database_file
from casework.ui.kit import dialogs, first_draw
from casework.ui.kit.theme import SMALL_FONT, Theme, apply_theme, enable_dpi_awareness
from casework.ui.kit.widgets import StatusBar, is_inside
from casework.ui.screens import SCREENS
from casework.ui.sidebar import Sidebar, wrap_text
from casework.ui.window_start import (
    before_first_dialog,
    hold_collection,
    place_main_window,
    report_first_idle,
    settle_start,
)

log = logging.getLogger(__name__)

# Where versions before the log folder wrote errors: beside the database.
OLD_ERROR_LOG_NAME = "casework-errors.log"
NOTIFY_MS = 6000
# How often the window asks whether the daily backup is due (it is taken at most daily).
BACKUP_CHECK_MS = 30 * 60 * 1000
DETAIL = "detail"


class App:
    """The application object every screen receives as `app` (see the UI contract)."""

    def __init__(self, root: tk.Tk, db_path: Path, theme: Theme) -> None:
        self.root = root
        self.db_path = Path(db_path)
        self.theme = theme
        self.cadre: dict[str, Any] | None = cadres.current_cadre()
        self.screens: dict[str, ttk.Frame] = {}
        self.current: str | None = None
        self.detail: ttk.Frame | None = None
        self.return_to = "households"
        self.first_run: tk.Toplevel | None = None
        self._stale: set[str] = set()
        self._focus_memory: dict[str, tk.Misc] = {}
        self._build_window()
        self._bind_shortcuts()
        self._show_cadre()

    # Building ------------------------------------------------------------------------

    def _build_window(self) -> None:
        root, t = self.root, self.theme
        place_main_window(root, t)
        root.columnconfigure(1, weight=1)
        root.rowconfigure(0, weight=1)
        entries = {name: (label, keys) for name, (label, _m, _c, keys) in SCREENS.items()}
        self.sidebar = Sidebar(root, t, entries, self.show_screen, self.edit_cadre, self.show_about)
        self.sidebar.grid(row=0, column=0, sticky="ns")
        # The sidebar's parts, as the screens' tests and the contract have always named them.
        self.nav_buttons = self.sidebar.nav_buttons
        self.cadre_name, self.cadre_unit = self.sidebar.cadre_name, self.sidebar.cadre_unit
        self.button_cadre, self.button_about = self.sidebar.button_cadre, self.sidebar.button_about
        self.content = ttk.Frame(root)
        self.content.grid(row=0, column=1, sticky="nsew")
        self.content.columnconfigure(0, weight=1)
        self.content.rowconfigure(0, weight=1)
        self.status = StatusBar(root)
        self.status.grid(row=1, column=0, columnspan=2, sticky="ew")
        self.status.set_right(f"数据库：{self.db_path}")
        if root.winfo_ismapped():
            # The window stands at its size (run() placed it): the sidebar fits it now. Once
            # drawn, narrowing the entries' spacing (a style) laid every widget out again.
            self.sidebar.fit(root.winfo_height() - self.status.left.winfo_reqheight())

    def _bind_shortcuts(self) -> None:
        # Bound on the root window only: in a dialog these keys must not switch screens.
        for name, (_label, _module, _cls, keys) in SCREENS.items():
            key = keys.rsplit("+", 1)[1]
            for variant in {key.lower(), key.upper()}:  # a letter works with Caps Lock on too
                self.root.bind(f"<Control-Key-{variant}>", lambda _e, n=name: self._shortcut(n))
        for key in ("<Control-f>", "<Control-F>"):
            self.root.bind(key, lambda _e: self.focus_search())

    def _shortcut(self, name: str) -> str:
        self.show_screen(name)
        return "break"

    def _show_cadre(self) -> None:
        cadre = self.cadre or {}
        name, unit = cadre.get("name", ""), cadre.get("unit", "")
        self.cadre_name.configure(text=name or "（未设置干部）")
        self.cadre_unit.configure(text=wrap_text(unit, SMALL_FONT, self.theme.px(148), self.root))
        if name:
            self.status.set_left(f"当前干部：{name}（{unit}）" if unit else f"当前干部：{name}")
        else:
            self.status.set_left("尚未设置当前干部")

    def show_about(self) -> None:
        from casework.ui.about_dialog import AboutDialog

        AboutDialog(self.root)

    def edit_cadre(self) -> None:
        from casework.ui.register.cadre_dialog import CadreDialog

        self.dialog = CadreDialog(self.root, self, on_saved=self._cadre_changed)

    def _cadre_changed(self, cadre: dict[str, Any]) -> None:
        self.set_cadre(cadre)
        self.notify(f"当前干部：{cadre['name']}")

    def set_cadre(self, cadre: dict[str, Any]) -> None:
        """The first-run dialog (or a later change) chose who is using this laptop."""
        self.cadre = cadre
        self._show_cadre()

    # The contract --------------------------------------------------------------------

    def show_screen(self, name: str) -> None:
        """Show one of the sidebar's screens, creating it the first time."""
        if name not in SCREENS:
            raise ValueError(f"unknown screen {name!r}")
        self._close_detail()
        self._switch_to(name)

    def _screen(self, name: str) -> ttk.Frame:
        if name not in self.screens:
            _label, module, cls, _keys = SCREENS[name]
            screen_class = getattr(importlib.import_module(f"casework.ui.{module}"), cls)
            self.screens[name] = screen_class(self.content, self)
            self._stale.discard(name)
        return self.screens[name]

    def _switch_to(self, name: str) -> None:
        screen = self._screen(name)
        if self.current == name:
            screen.focus_default()
            return
        self._hide_current()
        screen.grid(row=0, column=0, sticky="nsew")
        self.current = name
        self._select_nav(name)
        if name in self._stale:
            self._stale.discard(name)
            screen.refresh()
        remembered = self._focus_memory.pop(name, None)
        if remembered is not None and is_inside(remembered, screen):
            remembered.focus_set()
        else:
            screen.focus_default()

    def _hide_current(self) -> None:
        if self.current in self.screens:
            screen = self.screens[self.current]
            focused = self.root.focus_get()
            if focused is not None and is_inside(focused, screen):
                self._focus_memory[self.current] = focused
            screen.grid_remove()

    def _select_nav(self, name: str) -> None:
        self.sidebar.select(name)

    def open_household(self, household_id: str) -> None:
        """Show a household's detail screen; back() returns to the screen it came from."""
        from casework.ui.register.household_detail import HouseholdDetailScreen

        try:
            detail = HouseholdDetailScreen(self.content, self, household_id)
        except (NotFoundError, ConflictError) as error:
            dialogs.show_error(self.root, "无法打开农户", str(error))
            return
        if self.current != DETAIL:
            self.return_to = self.current or "households"
            self._hide_current()
        self._close_detail()
        self.detail = detail
        self.current = DETAIL
        detail.grid(row=0, column=0, sticky="nsew")
        detail.focus_default()

    def back(self) -> None:
        """Leave the detail screen for the list it was opened from, as it was left."""
        self.show_screen(self.return_to)

    def _close_detail(self) -> None:
        if self.detail is not None:
            self.detail.destroy()
            self.detail = None
            if self.current == DETAIL:
                self.current = None

    def new_visit(self, household_id: str, person_id: str | None = None) -> None:
        """Open the visit form for a household (optionally starting from one member).

        The form itself says "已保存走访记录" and calls data_changed() once saved.
        """
        from casework.ui.register.visit_form import VisitForm

        try:
            VisitForm(self.root, self, household_id, person_id=person_id)
        except (NotFoundError, ConflictError) as error:
            dialogs.show_error(self.root, "无法记录走访", str(error))

    def notify(self, text: str) -> None:
        """A passing message in the status bar."""
        self.status.set_left(text, timeout_ms=NOTIFY_MS)

    def data_changed(self) -> None:
        """Records changed: refresh what is shown now, and the other screens when next shown."""
        self._stale.update(self.screens)
        if self.current == DETAIL and self.detail is not None:
            self.detail.refresh()
        elif self.current in self.screens:
            self._stale.discard(self.current)
            self.screens[self.current].refresh()

    def reload_after_file_change(self, message: str) -> None:
        """The whole file was replaced (a restore, an encryption): show what it holds now."""
        self.cadre = cadres.current_cadre()
        self._show_cadre()
        self.data_changed()
        self.notify(message)

    # Helpers -------------------------------------------------------------------------

    def focus_search(self) -> str:
        """Ctrl+F: the household list with its search box focused."""
        self.show_screen("households")
        self.screens["households"].focus_search()
        return "break"

    def ask_first_run(self) -> None:
        """Ask who is using this laptop (and the county) before anything else."""
        from casework.ui.register.first_run import FirstRunDialog

        self.first_run = FirstRunDialog(
            self.root, self, on_saved=self._first_run_done, on_quit=self.quit
        )

    def _first_run_done(self, cadre: dict[str, Any]) -> None:
        self.first_run = None
        self.set_cadre(cadre)
        self.data_changed()
        self.notify(f"欢迎，{cadre['name']}！可以开始录入农户了")

    def quit(self) -> None:
        self.root.destroy()

    # Backups ---------------------------------------------------------------------------

    def start_backup_timer(self) -> None:
        """Check now and then whether the daily backup is due, and take it quietly."""
        self._backup_timer = self.root.after(BACKUP_CHECK_MS, self._daily_backup)

    def _daily_backup(self) -> None:
        from casework.services.safety import backups
        from casework.ui.kit.progress import run_in_background

        self.start_backup_timer()
        if backups.needs_routine_backup(interval=backups.DAILY_INTERVAL):
            run_in_background(
                self.root,
                lambda: backups.create_backup("daily"),
                on_done=lambda made: made and self.notify("已自动备份数据"),
                on_error=self._backup_failed,
            )

    def _backup_failed(self, error: BaseException) -> None:
        log.error("daily backup failed", exc_info=error)
        self.notify(f"自动备份未完成：{error_text.describe(error, self.db_path)}")

    def close(self) -> None:
        """Closing the window: back up what changed since the last backup, then quit."""
        from casework.services.safety import backups
        from casework.ui.kit.progress import run_with_progress

        if not backups.needs_routine_backup():
            self.quit()
            return
        self.root.withdraw()
        run_with_progress(
            self.root,
            "正在备份数据",
            lambda report, cancelled: backups.create_backup("close"),
            on_done=lambda _made: self.quit(),
            on_error=lambda _error: self.quit(),
            can_cancel=False,
        )

    def report_callback_error(
        self, exc_type: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        """Tk's handler for an exception in a callback: log it, tell the cadre in Chinese.

        A bug's traceback goes to the log file, and the message says where that is.
        """
        if isinstance(value, (NotFoundError, ConflictError)):
            dialogs.show_error(self.root, "操作未完成", f"操作未完成：{value}")
            return
        if value.__traceback__ is None:
            value = value.with_traceback(tb)
        database = self.db_path if error_text.is_database_error(value) else None
        dialogs.show_error(self.root, "操作未完成", logs.report(value, "操作", database))


def build_app(root: tk.Tk, db_path: Path, theme: Theme | None = None) -> App:
    """Dress `root` as the main window on the database at `db_path`, open on the overview.

    The start-up gate (casework.ui.safety.startup) has opened the file; when it has not (tests),
    a plain file is opened or made here. On a first run the cadre dialog is opened over
    the window (see App.first_run).
    """
    theme = theme or apply_theme(root)
    opened = database_file.current()
    if opened is None or opened.path != Path(db_path):
        if database_file.inspect(db_path) is database_file.FileKind.MISSING:
            database_file.create(db_path, None)
        else:
            database_file.open_file(db_path)
    app = App(root, Path(db_path), theme)
    app.show_screen("overview")
    if app.cadre is None:
        before_first_dialog(root)
        if root.state() != "withdrawn":
            root.wait_visibility()  # so the dialog can be centred over the mapped window
        app.ask_first_run()
    return app


def run(db_path: Path) -> int:
    """Open the main window on `db_path` and run until it is closed; the exit code."""
    from casework import tempfiles
    from casework.ui.safety.startup import StartupGate

    thresholds = hold_collection()
    logs.configure("window", quick=True)  # settled once the window is drawn
    logs.adopt_old_log(Path(db_path).parent / OLD_ERROR_LOG_NAME)
    tempfiles.clean_at_start()  # what a crashed run left, before anything else
    enable_dpi_awareness()
    root = tk.Tk()
    theme = apply_theme(root)  # first, so even a refusal to open is in the right font
    # The window stands where it will be, so the start-up dialogs are centred over it.
    place_main_window(root, theme)
    root.update_idletasks()
    first_draw.hold(root)  # the first screen's figures are counted once the window is drawn
    first_draw.pause_input_methods(root)  # each widget's input context: once drawn, too
    outcome = {"code": 0}

    def ready() -> None:
        try:
            app = build_app(root, Path(db_path), theme)
        except Exception as error:  # noqa: BLE001 - any failure to open becomes a message
            refuse(error)
            return
        root.report_callback_exception = app.report_callback_error
        root.protocol("WM_DELETE_WINDOW", app.close)
        app.start_backup_timer()
        report_first_idle(root)
        root.after_idle(lambda: gc.set_threshold(*thresholds))  # once drawn
        first_draw.when_drawn(root, lambda: settle_start(root))
        first_draw.release_when_drawn(root)

    def refuse(error: BaseException) -> None:
        before_first_dialog(root)
        message = logs.report(error, "打开数据库", db_path)
        if str(db_path) not in message:
            message += f"\n\n文件：{db_path}"
        dialogs.show_error(root, APP_NAME, message)
        quit_with(2)

    def quit_with(code: int) -> None:
        outcome["code"] = code
        root.destroy()

    gate = StartupGate(
        root,
        Path(db_path),
        on_ready=ready,
        on_quit=quit_with,
        before_dialog=lambda: before_first_dialog(root),
    )
    try:
        gate.begin()
    except Exception as error:  # noqa: BLE001 - any failure to open becomes a message
        refuse(error)
    root.mainloop()
    return outcome["code"]
