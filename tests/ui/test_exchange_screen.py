"""导入导出: each button opens its import or export."""

from __future__ import annotations

import pytest

from casework.ui.documents.export_dialogs import BatchResumeDialog, VisitLogDialog
from casework.ui.documents.export_lists_dialog import ExportListsDialog
from casework.ui.exchange.exchange_screen import ExchangeScreen
from casework.ui.exchange.import_wizard import ImportWizard
from casework.ui.kit import dialogs
from tests.factories import make_cadre, make_household, make_village
from tests.ui.fake_app import FakeApp


@pytest.fixture
def screen(db, today, tk_root, no_message_boxes):
    make_cadre()
    make_household(make_village())
    screen = ExchangeScreen(tk_root, FakeApp(tk_root))
    screen.pack(fill="both", expand=True)
    return screen


@pytest.mark.parametrize(
    "method, kind",
    [
        ("import_roster", ImportWizard),
        ("export_lists", ExportListsDialog),
        ("export_visit_log", VisitLogDialog),
        ("export_resumes", BatchResumeDialog),
    ],
)
def test_each_button_opens_its_dialog(screen, method, kind):
    screen.buttons[method].invoke()
    assert isinstance(screen.dialog, kind)
    screen.dialog.destroy()


def test_importing_postings_starts_by_asking_for_the_sheet(screen, monkeypatch):
    asked = []
    monkeypatch.setattr(dialogs, "ask_open_filename", lambda *a, **k: asked.append(a) or "")
    screen.buttons["import_postings"].invoke()
    assert asked and screen.dialog is None  # cancelled: nothing opened


def test_the_templates_folder_is_made_and_opened(screen, monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr(dialogs, "open_path", lambda path: opened.append(path) or True)
    screen.buttons["open_templates"].invoke()
    assert opened and opened[0].is_dir() and opened[0].name == "templates"
