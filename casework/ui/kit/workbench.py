"""What a screen or dialog may ask of the main window: the `Workbench` every one receives as `app`.

casework.ui.app.App is the real one, tests/ui/fake_app.FakeApp the one a screen is tested
with; tests/ui/test_workbench.py checks that both fit this Protocol and that it names
exactly what the screens use, no more and no less. A screen that needs something new from
the window adds it here first.
"""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from casework.ui.kit.theme import Theme


@runtime_checkable
class Workbench(Protocol):
    """The main window as the screens see it."""

    # Read, never assigned, by the screens: hence properties, though App holds attributes.
    @property
    def root(self) -> tk.Tk:
        """The main window; the parent of dialogs that outlive the screen opening them."""
        ...

    @property
    def theme(self) -> Theme:
        """The applied look, already scaled to the screen (paddings, fonts, colours)."""
        ...

    @property
    def db_path(self) -> Path:
        """The database file open in this window (its backups are kept beside it)."""
        ...

    @property
    def cadre(self) -> dict[str, Any] | None:
        """The cadre using this laptop, or None before the first-run dialog is answered."""
        ...

    def open_household(self, household_id: str) -> None:
        """Show a household's detail screen in place of the current one."""
        ...

    def back(self) -> None:
        """Leave the detail screen for the list it was opened from."""
        ...

    def show_screen(self, name: str) -> None:
        """Show one of the sidebar's screens by its name in casework.ui.app.SCREENS."""
        ...

    def new_visit(self, household_id: str, person_id: str | None = None) -> None:
        """Open the visit form for a household (optionally starting from one member)."""
        ...

    def notify(self, text: str) -> None:
        """A passing message in the status bar."""
        ...

    def data_changed(self) -> None:
        """Records were saved: refresh what is shown, and the other screens when next shown."""
        ...

    def reload_after_file_change(self, message: str) -> None:
        """The whole file was replaced (a restore, an encryption): show what it holds now."""
        ...
