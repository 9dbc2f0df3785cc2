"""A stand-in for the main window's App object, so a screen can be tested on its own.

It offers exactly the Workbench protocol (casework.ui.kit.workbench: root, theme, db_path,
cadre, open_household, back, new_visit, notify, data_changed, reload_after_file_change;
tests/ui/test_workbench.py checks the fit) and records every call instead of switching
screens or opening dialogs:

    app = FakeApp(tk_root)      # cadre: the db's current cadre, else a made-up one; or cadre={...}
    screen = HouseholdListScreen(tk_root, app)
    ...
    assert app.opened == [household_id]        # open_household calls
    assert app.visits_requested == [(household_id, None)]
    assert app.notifications == ["已保存走访记录"]
    assert app.back_calls == 1; app.data_changed_calls == 1
    assert app.reloads == ["已恢复备份：…"]   # reload_after_file_change calls
"""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from typing import Any

from casework.ui.kit.theme import Theme, apply_theme

DEFAULT_CADRE = {"id": "0" * 32, "name": "杨志勇", "unit": "北京市顺义区人力资源和社会保障局"}


def _current_cadre() -> dict[str, Any]:
    """The database's current cadre when there is one (a visit form needs a real id)."""
    from casework.services.register import cadres

    try:
        current = cadres.current_cadre()
    except Exception:  # no database open in this test
        current = None
    return dict(current) if current else dict(DEFAULT_CADRE)


class FakeApp:
    """Records what a screen asked the application to do; does none of it."""

    def __init__(
        self,
        root: tk.Tk,
        cadre: dict[str, Any] | None = None,
        db_path: Path | str = "casework.db",
        theme: Theme | None = None,
    ) -> None:
        self.root = root
        self.theme = theme if theme is not None else apply_theme(root)
        self.cadre: dict[str, Any] | None = dict(cadre) if cadre is not None else _current_cadre()
        self.db_path = Path(db_path)
        self.opened: list[str] = []
        self.back_calls = 0
        self.visits_requested: list[tuple[str, str | None]] = []
        self.notifications: list[str] = []
        self.data_changed_calls = 0
        self.reloads: list[str] = []
        self.screens_shown: list[str] = []

    def open_household(self, household_id: str) -> None:
        self.opened.append(household_id)

    def back(self) -> None:
        self.back_calls += 1

    def show_screen(self, name: str) -> None:
        self.screens_shown.append(name)

    def new_visit(self, household_id: str, person_id: str | None = None) -> None:
        self.visits_requested.append((household_id, person_id))

    def notify(self, text: str) -> None:
        self.notifications.append(text)

    def data_changed(self) -> None:
        self.data_changed_calls += 1

    def reload_after_file_change(self, message: str) -> None:
        self.reloads.append(message)
