"""回收站 under Xvfb: a delete whose records a colleague edited meanwhile says so."""

from __future__ import annotations

import pytest

from casework.db import close_database
from casework.services.register import people, trash
from casework.ui.register.recycle_bin import EDITED_ELSEWHERE, RecycleBinScreen
from tests.factories import add_person, make_cadre, make_household, make_village
from tests.sync.laptops import Laptops
from tests.tkutil import pump
from tests.ui.fake_app import FakeApp


@pytest.fixture
def laptops(tmp_path, today):
    made = Laptops(tmp_path)
    made.use("a")
    make_cadre()
    village = make_village()
    made.household = make_household(village, code="150521001", head="韩令春")
    made.son = add_person(made.household, "韩春明")
    made.other = make_household(village, code="150521002", head="包金山")
    made.copy("a", "b")
    yield made
    close_database()


def notes(root, laptops) -> dict[str, str]:
    laptops.use("a")
    screen = RecycleBinScreen(root, FakeApp(root))
    screen.pack()
    pump(root)
    tree = screen.table.tree
    return {tree.set(row, "label"): tree.set(row, "note") for row in tree.get_children()}


def test_a_delete_edited_on_another_laptop_is_flagged(tk_root, laptops):
    laptops.use("a")
    trash.delete_household(laptops.household["id"])
    trash.delete_household(laptops.other["id"])
    laptops.use("b")  # b has not heard of the deletes, and edits a member of the first
    son = laptops.son
    people.update_member(son["id"], {**son, "phone": "13900000001"})
    laptops.exchange("b", "a")
    assert notes(tk_root, laptops) == {
        "150521001 韩令春户": EDITED_ELSEWHERE,
        "150521002 包金山户": "",
    }


def test_an_edit_the_deleting_laptop_knew_of_is_not_flagged(tk_root, laptops):
    laptops.use("b")
    son = laptops.son
    people.update_member(son["id"], {**son, "phone": "13900000001"})
    laptops.exchange("b", "a")
    laptops.use("a")  # the delete is made knowing of b's edit
    trash.delete_household(laptops.household["id"])
    assert notes(tk_root, laptops) == {"150521001 韩令春户": ""}
