"""人岗匹配 screen: 按岗位找人 (a posting → ranked people) and 按人找岗位 (a person → postings).

The ranked lists, their reasons and the 推荐 buttons are the panels of matching_panels;
this screen adds the choosers on the left. The dialogs other screens open (找人选 from
the postings list, 推荐岗位 from a household member) are re-exported here.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from casework.masking import masked_rows
from casework.services.common import NotFoundError
from casework.services.jobs import postings
from casework.services.register import people, search
from casework.ui.jobs.matching_panels import (  # noqa: F401 (re-exported for other screens)
    CandidatesDialog,
    CandidatesPanel,
    PersonPostingsDialog,
    PersonPostingsPanel,
    open_postings_for_person,
)
from casework.ui.kit.form_dialog import ListTable
from casework.ui.kit.list_tab import tabbed_page
from casework.ui.kit.widgets import Column, SearchBox, attach_tooltip
from casework.ui.kit.workbench import Workbench

OPEN_POSTING_COLUMNS = [
    Column("position", "岗位", 90),
    Column("employer_name", "用工单位", 180),
    Column("filled", "录用", 50, "center", fixed=True),
]
# Village, age and the masked ID tell two people of one name apart.
PEOPLE_COLUMNS = [
    Column("name", "姓名", 64, fixed=True),
    Column("village_name", "嘎查村", 90),
    Column("age", "年龄", 38, "center", fixed=True),
    Column("id_number", "身份证号码", 140, fixed=True),
]


class MatchingScreen(ttk.Frame):
    """Two tabs, each a chooser on the left and a ranked panel on the right."""

    def __init__(self, master: tk.Misc, app: Workbench) -> None:
        super().__init__(master, padding=app.theme.pad_large)
        self.app = app
        self.people: list[dict] = []
        self.create_widgets()
        # Hidden, it holds no connection: the screen a restore is started from is another.
        self.bind("<Unmap>", self._hidden, add="+")
        self.refresh()

    def create_widgets(self) -> None:
        _header, self.notebook = tabbed_page(self, self.app.theme, "人岗匹配")
        self.by_posting = self._tab()
        self.by_person = self._tab()
        self.notebook.add(self.by_posting, text="按岗位找人")
        self.notebook.add(self.by_person, text="按人找岗位")
        self._posting_side()
        self._person_side()

    def _tab(self) -> ttk.Frame:
        t = self.app.theme
        tab = ttk.Frame(self.notebook, style="Card.TFrame", padding=t.pad_large)
        tab.columnconfigure(1, weight=1)
        tab.rowconfigure(0, weight=1)
        return tab

    def _posting_side(self) -> None:
        t = self.app.theme
        self.posting_list = ListTable(
            self.by_posting,
            OPEN_POSTING_COLUMNS,
            self._open_postings,
            empty_text="没有招聘中的岗位",
            height=20,
        )
        self.posting_list.grid(row=0, column=0, sticky="nsew", padx=(0, t.pad_large))
        self.posting_list.on_select(self._posting_chosen)
        self.candidates = CandidatesPanel(self.by_posting, self.app)
        self.candidates.grid(row=0, column=1, sticky="nsew")

    def _open_postings(self) -> list[dict]:
        rows = postings.open_postings()
        for row in rows:
            row["filled"] = f"{row['placed_count']}/{row['headcount'] or '不限'}"
        return rows

    def _posting_chosen(self, posting_id: str | None) -> None:
        if posting_id and posting_id != self.candidates.posting_id:
            self.candidates.show_posting(posting_id)

    def _person_side(self) -> None:
        t = self.app.theme
        left = ttk.Frame(self.by_person, style="Card.Inner.TFrame")
        left.grid(row=0, column=0, sticky="nsew", padx=(0, t.pad_large))
        left.rowconfigure(1, weight=1)
        self.person_search = SearchBox(left, "姓名、拼音首字母、身份证号或电话", width=26)
        self.person_search.grid(row=0, column=0, sticky="ew")
        self.person_search.on_search(lambda _text: self.people_list.refresh())
        attach_tooltip(self.person_search.widget, "找到要推荐岗位的人")
        self.people_list = ListTable(
            left, PEOPLE_COLUMNS, self._people, empty_text="输入姓名查找人员", height=18
        )
        self.people_list.grid(row=1, column=0, sticky="nsew", pady=(t.pad, 0))
        self.people_list.on_select(self._person_chosen)
        self.person_postings = PersonPostingsPanel(self.by_person, self.app)
        self.person_postings.grid(row=0, column=1, sticky="nsew")

    def _people(self) -> list[dict]:
        text = self.person_search.get()
        found = search.search_people(text, limit=50) if text else []
        self.people = masked_rows(people.with_place_and_age(found))  # found by the full number
        return self.people

    def _person_chosen(self, person_id: str | None) -> None:
        if person_id and person_id != self.person_postings.person_id:
            row = self.people_list.rows.get(person_id, {})
            self.person_postings.show_person(person_id, row.get("name", ""))

    def show_posting(self, posting_id: str) -> None:
        """Open the 按岗位找人 tab on one posting."""
        self.notebook.select(self.by_posting)
        self.posting_list.select(posting_id)
        self.candidates.show_posting(posting_id)

    def refresh(self) -> None:
        self.posting_list.refresh()
        if self.candidates.posting_id:
            if self.candidates.posting_id in self.posting_list.rows:
                self.candidates.show_posting(self.candidates.posting_id)
            else:
                self.candidates.show_posting(None)
        if self.person_postings.person_id:
            try:
                self.person_postings.show_person(
                    self.person_postings.person_id, self.person_postings.person_name
                )
            except NotFoundError:  # deleted meanwhile
                self.person_postings.show_person(None)

    def _hidden(self, event: tk.Event) -> None:
        if event.widget is self:
            self.candidates.release_connection()

    def focus_default(self) -> None:
        self.posting_list.tree.focus_set()
