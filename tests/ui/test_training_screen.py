"""技能培训 screen: classes, adding people by search, marks, certificate, removal."""

from __future__ import annotations

import pytest

from casework.masking import mask_id_number
from casework.services.register import trash, wishes
from casework.services.training import training
from casework.ui.kit import dialogs
from casework.ui.training.training_dialogs import (
    AddPeopleDialog,
    CertificateDialog,
    ClassFormDialog,
)
from casework.ui.training.training_screen import TrainingScreen
from tests.factories import add_person, make_cadre, make_household, make_village
from tests.tkutil import pump, pump_until
from tests.ui.fake_app import FakeApp
from tests.ui.widget_helpers import show_and_focus


@pytest.fixture
def register(db, today):
    make_cadre()
    household = make_household(make_village(), code="150521001001", head="韩令春")
    son = add_person(household, "韩国庆")
    wishes.record_wish(son["id"], {"training_wanted": "想学厨师"})
    course = training.create_class(
        {
            "kind": "cooking",
            "name": "中式烹饪班",
            "start_date": "2026-09-01",
            "end_date": "2026-09-20",
        }
    )
    return {"son": son, "course": course}


@pytest.fixture
def screen(tk_root, register):
    app = FakeApp(tk_root)
    screen = TrainingScreen(tk_root, app)
    screen.pack(fill="both", expand=True)
    pump(tk_root)
    return screen


def values(table) -> list[tuple]:
    return [table.tree.item(iid, "values") for iid in table.tree.get_children()]


def opened(tk_root, kind):
    return [w for w in tk_root.winfo_children() if isinstance(w, kind)] + [
        w for s in tk_root.winfo_children() for w in s.winfo_children() if isinstance(w, kind)
    ]


def test_classes_are_listed_and_buttons_follow_the_selection(screen, register):
    assert values(screen.classes)[0][:4] == ("中式烹饪班", "中式烹饪", "2026-09-01", "2026-09-20")
    assert screen.button_add.instate(["disabled"])
    screen.classes.select(register["course"]["id"])
    pump(screen)
    assert screen.button_add.instate(["!disabled"])
    assert screen.class_title == "中式烹饪班（中式烹饪，2026-09-01 至 2026-09-20）参训人员"
    assert screen.enrolments.empty_shown


def test_a_new_class_is_saved_through_the_form(screen, tk_root):
    screen.new_class()
    (dialog,) = opened(tk_root, ClassFormDialog)
    dialog.form["kind"].set("sewing")
    dialog.form["name"].set("缝纫工培训班")
    dialog.form["start_date"].set("2026-10-10")
    dialog.form["end_date"].set("2026-10-01")
    dialog.button_ok.invoke()
    assert dialog.form["end_date"].error == "结业日期不能早于开班日期"
    dialog.form["end_date"].set("2026-10-30")
    dialog.button_ok.invoke()
    pump(tk_root)
    assert [r[0] for r in values(screen.classes)] == ["缝纫工培训班", "中式烹饪班"]
    assert screen.course["name"] == "缝纫工培训班"
    assert screen.app.notifications[-1] == "已保存培训班：缝纫工培训班"


def test_people_are_added_by_search_and_marked(screen, tk_root, register):
    screen.classes.select(register["course"]["id"])
    pump(tk_root)
    screen.button_add.invoke()
    (dialog,) = opened(tk_root, AddPeopleDialog)
    dialog.search.set("韩")
    dialog.search.search_now()
    pump(tk_root)
    found = {row[0]: row for row in values(dialog.table)}
    assert found["韩国庆"][5] == "✓ 想学厨师"  # the wish matches a cooking class
    number = register["son"]["id_number"]
    assert found["韩国庆"][3] == mask_id_number(number) and "********" in found["韩国庆"][3]
    dialog.search.set(number)  # the full number still finds the person
    dialog.search.search_now()
    pump(tk_root)
    assert [(row[0], row[3]) for row in values(dialog.table)] == [
        ("韩国庆", mask_id_number(number))
    ]
    dialog.search.set("韩")
    dialog.search.search_now()
    pump(tk_root)
    dialog.table.tree.selection_set(list(dialog.table.rows))
    dialog.button_ok.invoke()
    pump(tk_root)
    assert sorted(r[0] for r in values(screen.enrolments)) == ["韩令春", "韩国庆"]
    assert all(r[1][6:14] == "********" for r in values(screen.enrolments))
    son = next(i for i, r in screen.enrolments.rows.items() if r["person_name"] == "韩国庆")
    screen.enrolments.select(son)
    pump(tk_root)
    screen.button_attended.invoke()
    pump(tk_root)
    assert screen.enrolments.rows[son]["attended"] is True
    screen.button_attended.invoke()  # a second press takes it back
    pump(tk_root)
    assert screen.enrolments.rows[son]["attended"] is False
    screen.enrolments.select(son)
    pump(tk_root)
    screen.button_completed.invoke()
    pump(tk_root)
    keys = [c.key for c in screen.enrolments.columns]
    row = dict(zip(keys, screen.enrolments.tree.item(son, "values"), strict=True))
    assert (row["attended_mark"], row["completed_mark"]) == ("✓", "✓")
    assert values(screen.classes)[0][5:7] == ("2", "1")


def test_the_certificate_dialog_records_name_and_number(screen, tk_root, register):
    (enrolment,) = training.enrol(register["course"]["id"], [register["son"]["id"]])
    screen.refresh()
    screen.classes.select(register["course"]["id"])
    pump(tk_root)
    screen.enrolments.select(enrolment["id"])
    pump(tk_root)
    screen.button_certificate.invoke()
    (dialog,) = opened(tk_root, CertificateDialog)
    assert dialog.form["certificate"].get() is True
    dialog.form["certificate_name"].set("中式烹调师（五级）")
    dialog.form["certificate_number"].set("0012")
    dialog.button_ok.invoke()
    pump(tk_root)
    saved = training.get_enrollment(enrolment["id"])
    assert saved["certificate"] and saved["completed"] and saved["certificate_number"] == "0012"
    assert values(screen.enrolments)[0][5] == "中式烹调师（五级） 0012"


def test_removing_people_and_deleting_a_class_ask_first(screen, tk_root, register, monkeypatch):
    (enrolment,) = training.enrol(register["course"]["id"], [register["son"]["id"]])
    screen.refresh()
    screen.classes.select(register["course"]["id"])
    pump(tk_root)
    answers = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: answers.append(a[2]) or True)
    screen.enrolments.select(enrolment["id"])
    pump(tk_root)
    screen.button_remove.invoke()
    pump(tk_root)
    assert answers == ["把 韩国庆 移出本班？"]
    assert screen.enrolments.empty_shown
    screen.button_delete.invoke()
    pump(tk_root)
    assert training.list_classes()[1] == 0
    assert {r["kind_label"] for r in trash.list_deleted()[0]} == {"培训班", "参训记录"}
    assert screen.course is None and screen.button_add.instate(["disabled"])


def test_a_long_class_title_leaves_add_people_on_screen_and_clickable(tk_root, register):
    title = ("翁牛特旗二〇二六年农村牧区转移就业劳动力中式烹调师（五级）技能提升培训班" * 2)[:60]
    assert len(title) == 60
    course = training.create_class({"kind": "cooking", "name": title, "start_date": "2026-10-01"})
    app = FakeApp(tk_root)
    screen = TrainingScreen(tk_root, app)
    screen.pack(fill="both", expand=True)
    t = app.theme  # the main window at its minimum size, less the sidebar (casework.ui.app)
    tk_root.geometry(f"{t.px(960) - t.px(184)}x{t.px(600)}")
    screen.classes.select(course["id"])
    show_and_focus(tk_root, screen.classes.tree)
    button, label = screen.button_add, screen.class_label
    assert pump_until(tk_root, lambda: button.winfo_ismapped() and label.winfo_width() > 1)
    pump(tk_root)
    bar = button.master
    assert 0 <= button.winfo_x() and button.winfo_x() + button.winfo_width() <= bar.winfo_width()
    assert label.winfo_x() + label.winfo_width() <= button.winfo_x()  # the title stops short
    shown = label.cget("text")
    assert shown.endswith("…") and title.startswith(shown[:-1]) and len(shown) > 2
    centre = (
        button.winfo_rootx() + button.winfo_width() // 2,
        button.winfo_rooty() + button.winfo_height() // 2,
    )
    assert tk_root.winfo_containing(*centre) is button  # nothing lies over it
    button.event_generate("<Enter>", x=5, y=5)
    button.event_generate("<ButtonPress-1>", x=5, y=5)
    button.event_generate("<ButtonRelease-1>", x=5, y=5)
    pump(tk_root)
    (dialog,) = opened(tk_root, AddPeopleDialog)
    assert dialog.course["id"] == course["id"]
