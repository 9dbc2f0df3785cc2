"""人岗匹配 at the window's usual size: employers' names read in full in both lists."""

from __future__ import annotations

import tkinter.font as tkfont

import pytest

from casework.ui.jobs.matching_screen import MatchingScreen
from tests.factories import make_cadre
from tests.jobs_factories import make_employer, make_posting, make_willing
from tests.tkutil import pump, pump_until
from tests.ui.fake_app import FakeApp
from tests.ui.widget_helpers import show_and_focus

NAME = "北京城华物业管理有限公司"  # twelve characters, as most employers' names are


@pytest.fixture
def screen(tk_root, db, today):
    make_cadre()
    make_posting(make_employer(NAME), position="物业维修工")
    make_willing("宝萨日娜")
    screen = MatchingScreen(tk_root, FakeApp(tk_root))
    screen.pack(fill="both", expand=True)
    # The main window on a 1366×768 laptop less the sidebar.
    tk_root.geometry("1090x690")
    show_and_focus(tk_root, screen.posting_list.tree)
    pump(tk_root)
    return screen


def fits(tree, column: str, text: str) -> bool:
    room = int(tree.column(column, "width"))
    return tkfont.nametofont("TkDefaultFont").measure(text) + 8 <= room


def test_the_employer_reads_whole_in_the_postings_and_the_ranking(tk_root, screen):
    assert fits(screen.posting_list.tree, "employer_name", NAME)
    (posting_id,) = screen.posting_list.rows
    screen.posting_list.select(posting_id)
    assert pump_until(tk_root, lambda: screen.candidates.rows)
    assert fits(screen.candidates.table.tree, "name", "宝萨日娜")
    assert fits(screen.candidates.table.tree, "score", "匹配度")
    screen.notebook.select(screen.by_person)
    screen.person_search.set("宝萨日娜")
    screen.person_search.search_now()
    pump(tk_root)
    (person_id,) = screen.people_list.rows
    screen.people_list.select(person_id)
    assert pump_until(tk_root, lambda: screen.person_postings.rows)
    pump(tk_root)
    tree = screen.person_postings.table.tree
    assert fits(tree, "employer_name", NAME)
    # And whole in the reasons below, however long the name.
    screen.person_postings.table.select(screen.person_postings.rows[0]["id"])
    pump(tk_root)
    assert screen.person_postings.reasons.get().startswith(f"{NAME}　物业维修工　匹配度")
