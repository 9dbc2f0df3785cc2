"""修改记录 under Xvfb: a household's tab, a member's, visit's, wish's, placement's and resume's
window, 恢复此值, and the 最近修改 list's filters, with changes from two laptops."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.db import close_database
from casework.models import Person
from casework.services.documents import resumes
from casework.services.jobs import placements
from casework.services.register import cadres, people, visits, wishes
from casework.services.settings import save_setting
from casework.ui.documents.resume_editor import open_resume_editor
from casework.ui.jobs.placements_screen import PlacementsScreen
from casework.ui.kit import dialogs
from casework.ui.register.household_detail import HouseholdDetailScreen
from casework.ui.sync.pending_screen import PendingScreen
from tests.factories import add_person, make_cadre, make_household, make_village, valid_id
from tests.jobs_factories import make_posting
from tests.sync.laptops import Laptops
from tests.tkutil import pump
from tests.ui.fake_app import FakeApp

PHONE_1 = "13900000001"
NEW_NUMBER = valid_id("19920304")


@pytest.fixture
def laptops(tmp_path, today, set_now):
    """Two laptops from one file; b (王芳的电脑) changed the son's phone, a then its skills."""
    made = Laptops(tmp_path)
    made.use("a")
    make_cadre()
    made.household = make_household(make_village(), code="150521001", head="韩令春")
    made.son = add_person(made.household, "韩春明")
    made.copy("a", "b")
    made.use("b")
    save_setting("laptop_name", "王芳的电脑")
    cadres.create_cadre({"name": "王芳"}, make_current=True)
    set_now(dt.datetime(2026, 11, 27, 11, 0))
    son = made.son
    people.update_member(son["id"], {**son, "phone": PHONE_1})
    made.exchange("b", "a")
    made.use("a")
    set_now(dt.datetime(2026, 11, 27, 12, 0))
    people.update_member(son["id"], {**people.get_person(son["id"]), "skills": "电焊"})
    yield made
    close_database()


def shown(table, row_id: str) -> dict:
    values = table.tree.item(row_id, "values")
    return dict(zip([c.key for c in table.columns], values, strict=True))


def rows(table) -> list[dict]:
    return [shown(table, row_id) for row_id in table.tree.get_children()]


def select(table, **wanted) -> None:
    for row_id in table.tree.get_children():
        if all(shown(table, row_id)[key] == value for key, value in wanted.items()):
            table.select(row_id)
            pump(table)
            return
    raise AssertionError(f"no row with {wanted}")


@pytest.fixture
def detail(tk_root, laptops):
    app = FakeApp(tk_root)
    screen = HouseholdDetailScreen(tk_root, app, laptops.household["id"])
    screen.pack(fill="both", expand=True)
    pump(tk_root)
    return screen


def test_the_household_tab_says_who_where_and_what(detail, laptops):
    shown = rows(detail.history_panel.table)
    phone = next(r for r in shown if r["field_label"] == "联系电话")
    assert phone == {
        "changed_at": "2026-11-27 11:00",
        "cadre_name": "王芳",
        "laptop": "王芳的电脑",
        "record_label": "韩春明（150521001）",
        "field_label": "联系电话",
        "change": "（空） → 139****0001",
    }
    skills = next(r for r in shown if r["field_label"] == "技能特长")
    assert (skills["cadre_name"], skills["laptop"]) == ("杨志勇", "本机")
    assert {r["change"] for r in shown if r["field_label"] == "新建"} == {"新建"}
    assert detail.notebook.tab(detail.history_tab, "text") == "修改记录"
    detail.history_panel.show_full.widget.invoke()
    phone = next(r for r in rows(detail.history_panel.table) if r["field_label"] == "联系电话")
    assert phone["change"] == f"（空） → {PHONE_1}"


def test_restore_this_value_asks_then_sets_it_back_as_a_new_change(detail, laptops, monkeypatch):
    panel = detail.history_panel
    select(panel.table, field_label="新建", record_label="韩春明（150521001）")
    assert "disabled" in panel.button_restore.state()  # an event is no value to go back to
    select(panel.table, field_label="联系电话")
    questions = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, q: questions.append(q) or True)
    panel.button_restore.invoke()
    assert questions[0].startswith("把韩春明（150521001）的“联系电话”改回“（空）”吗？")
    assert Person.get_by_id(laptops.son["id"]).phone == ""
    newest = rows(panel.table)[0]
    assert (newest["field_label"], newest["change"], newest["laptop"]) == (
        "联系电话",
        "139****0001 → （空）",
        "本机",
    )
    assert detail.app.notifications[-1] == "已恢复：韩春明（150521001）的联系电话为“（空）”"
    assert detail.app.data_changed_calls == 1


def test_a_value_that_no_longer_passes_is_refused_in_chinese(
    detail, laptops, monkeypatch, errors_shown
):
    son = laptops.son
    first = son["id_number"]
    people.update_member(son["id"], {**people.get_person(son["id"]), "id_number": NEW_NUMBER})
    add_person(laptops.household, "韩春亮", id_number=first)
    detail.refresh()
    select(detail.history_panel.table, field_label="身份证号码")
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: True)
    detail.history_panel.button_restore.invoke()
    ((title, message),) = errors_shown
    assert title == "无法恢复此值" and "同一号码不能登记两次" in message
    assert Person.get_by_id(son["id"]).id_number == NEW_NUMBER


def test_a_members_visits_and_wishes_windows(detail, laptops, tk_root, monkeypatch):
    select(detail.member_table, name="韩春明")
    detail.button_edit_member.invoke()
    form = detail.dialog
    form.form["notes"].set("刚打来电话")  # typed, not saved: a restore must not lose it
    form.button_changes.invoke()
    window = form.history
    assert window.title().startswith("修改记录 — 韩春明")
    labels = [r["field_label"] for r in rows(window.panel.table)]
    assert labels == ["技能特长", "联系电话", "新建"]
    select(window.panel.table, field_label="技能特长")
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: True)
    window.panel.button_restore.invoke()
    assert form.form["skills"].get() == "" and form.form["notes"].get() == "刚打来电话"
    window.button_close.invoke()
    assert not window.winfo_exists()
    form.close()

    cadre = cadres.current_cadre()
    visit = visits.record_visit(
        laptops.household["id"],
        {"visit_date": "2026-11-20", "situation": "在家", "cadre_ids": [cadre["id"]]},
    )
    visits.update_visit(visit["id"], {**visit, "place": "村委会"})
    wish = wishes.record_wish(laptops.son["id"], {"job_kinds": "保安"})
    wishes.update_wish(wish["id"], {**wish, "job_kinds": "保安、厨师"})
    detail.refresh()
    select(detail.visit_table, visit_date="2026-11-20")
    detail.button_visit_changes.invoke()
    assert [r["change"] for r in rows(detail.dialog.panel.table)][0] == "（空） → 村委会"
    detail.dialog.close()
    detail.notebook.select(detail.wish_tab)
    select(detail.wish_table, name="韩春明")
    detail.button_wish_changes.invoke()
    assert detail.dialog.title() == "修改记录 — 韩春明的就业意愿"
    assert rows(detail.dialog.panel.table)[0]["change"] == "保安 → 保安、厨师"
    detail.dialog.close()
    select(detail.wish_table, name="韩令春")
    detail.button_wish_changes.invoke()
    assert detail.app.notifications[-1] == "韩令春还没有登记就业意愿"


def test_a_placements_window(tk_root, laptops):
    placement = placements.recommend(laptops.son["id"], make_posting()["id"])
    placements.update_placement(placement["id"], {**placement, "monthly_pay": "6500"})
    screen = PlacementsScreen(tk_root, FakeApp(tk_root))
    screen.table.select(placement["id"])
    pump(tk_root)
    screen.buttons["修改记录"].invoke()
    changes = rows(screen.dialog.panel.table)
    assert (changes[0]["field_label"], changes[0]["change"]) == ("月收入（元）", "（空） → 6500")


def test_a_resumes_window_and_a_restore_shown_in_the_editor(tk_root, laptops, monkeypatch):
    draft = resumes.create_resume(laptops.son["id"])
    resumes.update_resume(draft["id"], draft | {"target_job": "厨师"})
    editor = open_resume_editor(tk_root, FakeApp(tk_root), laptops.son["id"])
    editor.button_changes.invoke()
    window = editor.dialog
    select(window.panel.table, field_label="求职岗位")
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: True)
    window.panel.button_restore.invoke()
    assert editor.form["target_job"].get() == draft["target_job"]
    assert resumes.get_resume(draft["id"])["target_job"] == draft["target_job"]
    window.close()
    editor.destroy()


def test_recent_changes_filter_by_kind_cadre_laptop_and_date(tk_root, laptops):
    screen = PendingScreen(tk_root, FakeApp(tk_root))
    screen.pack(fill="both", expand=True)
    pump(tk_root)
    recent = screen.recent
    everything = rows(recent.panel.table)
    assert everything[0]["field_label"] == "技能特长"  # newest first
    recent.laptop.choose(next(k for k, v in recent.laptop._labels.items() if v == "王芳的电脑"))
    on_b = [(r["record_label"], r["change"]) for r in rows(recent.panel.table)]
    assert on_b == [("韩春明（150521001）", "（空） → 139****0001"), ("王芳", "新建")]
    recent.laptop.choose("")
    wang = next(k for k, v in recent.cadre._labels.items() if v == "王芳")
    recent.cadre.choose(wang)
    assert [(r["cadre_name"], r["field_label"]) for r in rows(recent.panel.table)] == [
        ("王芳", "联系电话")
    ]
    recent.cadre.choose("")
    recent.kind.choose("household")
    assert {r["record_label"] for r in rows(recent.panel.table)} == {"150521001 韩令春户"}
    recent.kind.choose("")
    recent.date_from.set("2026年11月28日")
    recent.filtered()
    assert rows(recent.panel.table) == []
    recent.date_from.set("2026-13-01")
    recent.filtered()
    assert recent.date_from.error
    assert len(rows(recent.panel.table)) == len(everything)
