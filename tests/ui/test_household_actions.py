"""From a household's member tab to the resume, the jobs and the household's Word files."""

from __future__ import annotations

import pytest
from docx import Document

from casework.services.jobs import placements
from casework.ui.documents.resume_editor import ResumeEditor
from casework.ui.jobs.matching_panels import PersonPostingsDialog
from casework.ui.jobs.placement_forms import NewPlacementDialog
from casework.ui.kit import dialogs
from casework.ui.register.household_detail import HouseholdDetailScreen
from tests.factories import make_cadre
from tests.jobs_factories import make_posting, make_willing
from tests.tkutil import pump, pump_until
from tests.ui.fake_app import FakeApp


@pytest.fixture
def screen(db, today, tk_root, no_message_boxes):
    make_cadre()
    person = make_willing("韩令春")
    app = FakeApp(tk_root)
    screen = HouseholdDetailScreen(tk_root, app, person["household_id"])
    screen.pack(fill="both", expand=True)
    screen.member_table.select(person["id"])
    pump(tk_root)
    return screen


def test_the_resume_button_opens_the_editor_for_the_selected_member(screen):
    screen.button_resume.invoke()
    assert isinstance(screen.dialog, ResumeEditor)
    assert screen.dialog.person["id"] == screen.members[0]["id"]


def test_suggest_postings_lists_jobs_for_the_member(screen, tk_root):
    posting = make_posting(position="中餐厨师")
    screen.button_suggest_postings.invoke()
    pump(tk_root)
    assert isinstance(screen.dialog, PersonPostingsDialog)
    panel = screen.dialog.panel
    assert panel.person_id == screen.members[0]["id"]
    assert posting["id"] in panel.table.tree.get_children()


def test_record_placement_starts_from_the_member(screen, tk_root):
    make_posting()
    screen.button_record_placement.invoke()
    assert isinstance(screen.dialog, NewPlacementDialog)
    assert screen.dialog.person_id == screen.members[0]["id"]
    assert placements.person_placements(screen.members[0]["id"]) == []


def test_the_export_menu_writes_the_household_file(screen, tk_root, monkeypatch, tmp_path):
    target = tmp_path / "一户一档.docx"
    monkeypatch.setattr(dialogs, "ask_save_filename", lambda *a, **k: str(target))
    labels = [screen.header.export_menu.entrycget(i, "label") for i in range(2)]
    assert labels == ["一户一档（Word）…", "走访日志（Word）…"]
    screen.header.export_menu.invoke(0)
    assert pump_until(tk_root, lambda: screen.dialog.finished, timeout=20)
    text = "\n".join(p.text for p in Document(target).paragraphs)
    text += "\n".join(c.text for t in Document(target).tables for r in t.rows for c in r.cells)
    assert "韩令春" in text
