"""待处理 under Xvfb: conflicts settled three ways, a pair merged field by field or kept
apart (不是同一户 / 不是同一个人), likely pairs."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.db import close_database
from casework.models import Household, Person
from casework.services.register import people
from casework.services.sync import heads
from casework.ui.kit import dialogs
from casework.ui.sync.conflicts_panel import MANUAL
from casework.ui.sync.pending_screen import PendingScreen
from tests.factories import add_person, make_cadre, make_household, make_village, valid_id
from tests.sync.laptops import Laptops
from tests.tkutil import pump
from tests.ui.fake_app import FakeApp
from tests.ui.widget_helpers import type_into

PHONE_A, PHONE_B, PHONE_C = "13900000001", "13900000002", "13900000003"


@pytest.fixture
def laptops(tmp_path, today):
    made = Laptops(tmp_path)
    made.use("office")
    make_cadre()
    made.household = make_household(make_village(), code="150521001", head="韩令春")
    made.son = add_person(made.household, "韩春明")
    for name in ("a", "b", "c"):
        made.copy("office", name)
    yield made
    close_database()


def set_phone(laptops, name, phone):
    laptops.use(name)
    son = laptops.son
    people.update_member(son["id"], {**son, "phone": phone})


@pytest.fixture
def conflict(laptops):
    """b holds a conflict on the son's phone: b's own value and a's."""
    set_phone(laptops, "a", PHONE_A)
    set_phone(laptops, "b", PHONE_B)
    laptops.exchange("a", "b")
    return laptops


def open_screen(root, laptops, name):
    laptops.use(name)
    screen = PendingScreen(root, FakeApp(root))
    screen.pack(fill="both", expand=True)
    pump(root)
    return screen


def shown(table):
    return [table.values_of(row) for row in table.tree.get_children()]


def select_first(table):
    table.select(table.tree.get_children()[0])
    pump(table)


def phone_here(laptops):
    return Person.get_by_id(laptops.son["id"]).phone


def tab_texts(screen):
    return [screen.notebook.tab(tab, "text") for tab in screen.notebook.tabs()]


def test_a_conflict_shows_both_values_masked_and_in_full(tk_root, conflict):
    screen = open_screen(tk_root, conflict, "b")
    assert tab_texts(screen) == ["冲突 (1)", "重复记录 (0)", "本机疑似重复 (0)", "最近修改"]
    ((record, field, mine, theirs, who),) = shown(screen.conflicts.table)
    assert record.startswith("家庭成员 韩春明（150521001）")
    assert (field, mine, theirs) == ("联系电话", "139****0002", "139****0001")
    assert who == "杨志勇 · 电脑：杨志勇 · 2026-11-27 10:00"  # the cadre names the laptop too
    screen.show_full.widget.invoke()
    ((_record, _field, mine, theirs, _who),) = shown(screen.conflicts.table)
    assert (mine, theirs) == (PHONE_B, PHONE_A)


def test_keep_local_settles_it_here_and_the_choice_travels(tk_root, conflict):
    screen = open_screen(tk_root, conflict, "b")
    select_first(screen.conflicts.table)
    screen.conflicts.button_keep.invoke()
    assert shown(screen.conflicts.table) == []
    assert tab_texts(screen)[0] == "冲突 (0)"
    assert phone_here(conflict) == PHONE_B and heads.open_conflicts() == []
    said = "已处理冲突：韩春明（150521001） 的联系电话为“139****0002”"
    assert screen.app.notifications[-1] == said
    conflict.exchange("a", "b")  # nothing new from a
    conflict.exchange("b", "a")
    assert phone_here(conflict) == PHONE_B and heads.open_conflicts() == []


def test_take_other_takes_the_colleagues_value(tk_root, conflict):
    screen = open_screen(tk_root, conflict, "b")
    select_first(screen.conflicts.table)
    screen.conflicts.button_take.invoke()
    assert phone_here(conflict) == PHONE_A and heads.open_conflicts() == []
    assert screen.app.data_changed_calls == 1


def test_a_typed_value_is_checked_then_settles_it(tk_root, conflict):
    screen = open_screen(tk_root, conflict, "b")
    select_first(screen.conflicts.table)
    screen.conflicts.button_type.invoke()
    dialog = screen.conflicts.dialog
    assert dialog.choice.get() == MANUAL
    assert dialog.form["value"].get() == PHONE_B  # starts from this laptop's value
    dialog.form["value"].set("1390000")
    dialog.button_ok.invoke()
    assert dialog.form["value"].error  # not a phone number: said beside the field
    assert len(heads.open_conflicts()) == 1
    dialog.form["value"].set(PHONE_C)
    dialog.button_ok.invoke()
    assert not dialog.winfo_exists()
    assert phone_here(conflict) == PHONE_C and heads.open_conflicts() == []
    assert shown(screen.conflicts.table) == []


def test_three_laptops_apart_ask_which_colleague(tk_root, conflict):
    set_phone(conflict, "c", PHONE_C)
    conflict.exchange("c", "b")
    screen = open_screen(tk_root, conflict, "b")
    ((_record, _field, mine, theirs, _who),) = shown(screen.conflicts.table)
    assert sorted(theirs.split("；")) == ["139****0001", "139****0003"]
    select_first(screen.conflicts.table)
    screen.conflicts.button_take.invoke()
    dialog = screen.conflicts.dialog
    texts = [radio.cget("text") for radio in dialog.radios]
    assert len(texts) == 3 and sum("（本机现在的值）" in text for text in texts) == 1
    dialog.radios[next(i for i, t in enumerate(texts) if t.startswith("139****0003"))].invoke()
    dialog.button_ok.invoke()
    assert phone_here(conflict) == PHONE_C and heads.open_conflicts() == []


@pytest.fixture
def pair(laptops, set_now):
    """The same person registered on a, then on b under another spelling; b hears of a's."""
    number = valid_id()
    laptops.use("a")
    laptops.first = add_person(laptops.household, "包金山", id_number=number, skills="电焊")
    set_now(dt.datetime(2026, 11, 27, 11, 0))
    laptops.use("b")
    laptops.second = add_person(laptops.household, "包金珊", id_number=number, phone=PHONE_B)
    laptops.exchange("a", "b")
    return laptops


def test_a_pair_is_merged_with_the_values_picked(tk_root, pair, monkeypatch):
    screen = open_screen(tk_root, pair, "b")
    assert tab_texts(screen)[1] == "重复记录 (1)"
    ((kind, kept, other, reason),) = shown(screen.pairs.table)
    assert (kind, reason) == ("家庭成员", "身份证号相同")
    assert kept.startswith("包金山") and other.startswith("包金珊")
    rows = {row[0]: row for row in shown(screen.pairs.fields)}
    assert rows["姓名"][1:] == ("包金山", "包金珊", "记录一")
    assert rows["联系电话"][1:] == ("（空）", "139****0002", "记录一")
    assert rows["民族"][3] == "相同"
    for label in ("姓名", "联系电话"):
        row_id = next(r for r in screen.pairs.fields.tree.get_children() if r and
                      screen.pairs.fields.values_of(r)[0] == label)  # fmt: skip
        screen.pairs.fields.select(row_id)
        screen.pairs.button_other.invoke()
    questions = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, q: questions.append(q) or True)
    screen.pairs.button_merge.invoke()
    assert "记录二放入回收站" in questions[0]
    merged = Person.get_by_id(pair.first["id"])
    assert (merged.name, merged.phone, merged.skills) == ("包金珊", PHONE_B, "电焊")
    assert merged.deleted_at is None
    assert Person.get_by_id(pair.second["id"]).deleted_at is not None
    assert shown(screen.pairs.table) == [] and tab_texts(screen)[1] == "重复记录 (0)"


def test_likely_duplicates_of_this_register_can_be_paired(tk_root, laptops):
    laptops.use("a")
    birth = "19880315"
    add_person(laptops.household, "包玉兰", id_number=valid_id(birth, male=False))
    add_person(laptops.household, "包玉兰", id_number=valid_id(birth, male=False))
    screen = open_screen(tk_root, laptops, "a")
    assert tab_texts(screen)[2] == "本机疑似重复 (1)"
    ((people_shown,),) = shown(screen.likely.table)
    assert people_shown.count("包玉兰") == 2
    select_first(screen.likely.table)
    screen.likely.button_pair.invoke()
    assert tab_texts(screen)[1:3] == ["重复记录 (1)", "本机疑似重复 (0)"]
    ((kind, _kept, _other, reason),) = shown(screen.pairs.table)
    assert (kind, reason) == ("家庭成员", "姓名、出生日期、村相同")


def retype(root, field, text):
    field.widget.delete(0, "end")
    type_into(root, field.widget, text)


def open_apart(root, laptops, button_text):
    """On b, the first pair's 不是同一户… / 不是同一个人… dialog, opened by its button."""
    screen = open_screen(root, laptops, "b")
    select_first(screen.pairs.table)
    assert str(screen.pairs.button_apart.cget("text")) == button_text
    screen.pairs.button_apart.invoke()
    return screen, screen.pairs.dialog


def test_a_person_pair_is_kept_apart_with_a_corrected_id_number(tk_root, pair):
    screen, dialog = open_apart(tk_root, pair, "不是同一个人…")
    field = dialog.form["id_number"]
    number = pair.first["id_number"]
    assert field.get() == number  # the number typed twice, to correct a digit of
    dialog.button_ok.invoke()
    assert field.error.startswith("该身份证号已登记为")  # still the first's: said at the field
    retype(tk_root, field, number[:17] + ("1" if number[17] == "0" else "0"))
    assert field.error.startswith("身份证号码校验位不对")  # checked again while typing
    corrected = valid_id("19930208")
    retype(tk_root, field, corrected)
    assert field.error == "" and field.error_label.cget("text") == ""  # fixed: it goes
    dialog.button_ok.invoke()
    assert not dialog.winfo_exists()
    assert shown(screen.pairs.table) == [] and tab_texts(screen)[1] == "重复记录 (0)"
    first, second = (Person.get_by_id(p["id"]) for p in (pair.first, pair.second))
    assert first.deleted_at is None and second.deleted_at is None
    assert {first.id_number, second.id_number} == {number, corrected}
    assert screen.app.notifications[-1].startswith("已分开保留：")
    assert screen.app.data_changed_calls == 1


@pytest.fixture
def household_pair(laptops):
    """Two families given one code, 包金山户 on a and 乌力吉户 on b; b hears of a's."""
    village = {"id": laptops.household["village_id"]}
    laptops.use("a")
    laptops.first = make_household(village, code="150521777001", head="包金山")
    laptops.use("b")
    laptops.second = make_household(village, code="150521777001", head="乌力吉")
    laptops.exchange("a", "b")
    return laptops


def test_a_household_pair_is_kept_apart_with_a_new_code(tk_root, household_pair):
    screen, dialog = open_apart(tk_root, household_pair, "不是同一户…")
    field = dialog.form["code"]
    assert field.get() == "150521777001"
    retype(tk_root, field, "")
    dialog.button_ok.invoke()
    assert field.error == "请填写户编号" and dialog.winfo_exists()
    type_into(tk_root, field.widget, "150521777002")
    assert field.error == ""
    dialog.button_ok.invoke()
    assert not dialog.winfo_exists() and shown(screen.pairs.table) == []
    codes = {
        h.code
        for h in Household.select().where(
            Household.id.in_([household_pair.first["id"], household_pair.second["id"]]),
            Household.deleted_at.is_null(),
        )
    }
    assert codes == {"150521777001", "150521777002"}


def test_a_likely_pair_is_marked_not_the_same_person(tk_root, laptops, monkeypatch):
    laptops.use("a")
    birth = "19880315"
    add_person(laptops.household, "包玉兰", id_number=valid_id(birth, male=False))
    add_person(laptops.household, "包玉兰", id_number=valid_id(birth, male=False))
    screen = open_screen(tk_root, laptops, "a")
    select_first(screen.likely.table)
    screen.likely.button_pair.invoke()
    select_first(screen.pairs.table)
    questions = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, q: questions.append(q) or True)
    screen.pairs.button_apart.invoke()
    assert "不是同一个人吗" in questions[0] and screen.pairs.dialog is None  # nothing to type
    assert tab_texts(screen)[1:3] == ["重复记录 (0)", "本机疑似重复 (0)"]
    assert Person.select().where(Person.name == "包玉兰", Person.deleted_at.is_null()).count() == 2
