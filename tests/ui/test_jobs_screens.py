"""岗位与用工单位, 人岗匹配 and 就业跟踪与稳岗补贴, driven through their widgets."""

from __future__ import annotations

import datetime as dt
import gc
import threading

import pytest

from casework.services.jobs import employers, matching, placements, postings, subsidy
from casework.services.register import people
from casework.ui.jobs.jobs_screen import JobsScreen
from casework.ui.jobs.matching_screen import MatchingScreen, PersonPostingsDialog
from casework.ui.jobs.placements_screen import PlacementsScreen
from casework.ui.kit import dialogs
from tests.factories import make_cadre
from tests.jobs_factories import USCC, make_employer, make_posting, make_willing
from tests.test_postings_import import ROWS, write_sheet
from tests.tkutil import pump, pump_until
from tests.ui.fake_app import FakeApp
from tests.ui.widget_helpers import focused_widget, press, show_and_focus, type_into


@pytest.fixture
def app(tk_root, db, today):
    make_cadre()
    return FakeApp(tk_root)


@pytest.fixture
def yes(monkeypatch):
    asked = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda _p, _t, message: asked.append(message) or 1)
    return asked


def column(table, key: str) -> list[str]:
    index = [c.key for c in table.columns].index(key)
    return [table.tree.item(i, "values")[index] for i in table.tree.get_children()]


def test_an_employer_with_a_wrong_credit_code_is_shown_the_problem_then_saved(tk_root, app):
    screen = JobsScreen(tk_root, app)
    dialog = screen.new_employer()
    dialog.form["name"].set("北京嘉裕集团有限公司")
    dialog.form["uscc"].set("91110000600037341X")
    dialog.button_ok.invoke()
    assert dialog.form["uscc"].error == "统一社会信用代码校验位不对，请逐位核对"
    assert employers.list_employers()[1] == 0
    dialog.form["uscc"].set(USCC.lower())
    dialog.form["phone"].set("13911112222")
    dialog.button_ok.invoke()
    pump(tk_root)
    assert column(screen.employers, "name") == ["北京嘉裕集团有限公司"]
    assert column(screen.employers, "uscc") == [USCC]
    assert column(screen.employers, "phone") == ["139****2222"]  # the form shows it in full
    assert app.notifications == ["已保存用工单位：北京嘉裕集团有限公司"]


def test_a_posting_is_added_for_the_selected_employer_and_listed(tk_root, app):
    employer = make_employer()
    screen = JobsScreen(tk_root, app)
    screen.notebook.select(screen.employers_tab)
    screen.employers.select(employer["id"])
    pump(tk_root)
    assert screen.employer_buttons["新增岗位"].instate(["!disabled"])
    dialog = screen.new_posting_for_employer()
    form = dialog.form
    assert form["employer_id"].get() == employer["id"]
    for name, value in {
        "position": "中餐厨师",
        "pay_min": "5000",
        "pay_max": "7000",
        "age_max": "45",
        "certificates": "健康证",
    }.items():
        form[name].set(value)
    form["job_kind"].set("cook")
    form["board"].set(True)
    dialog.button_ok.invoke()
    pump(tk_root)
    assert column(screen.postings, "position") == ["中餐厨师"]
    assert column(screen.postings, "pay_text") == ["5000-7000元"]
    assert column(screen.postings, "requirements_text") == ["45岁以下、需健康证"]
    assert column(screen.postings, "board_lodging_text") == ["包吃"]


def test_changing_status_and_deleting_a_posting(tk_root, app, yes):
    posting = make_posting()
    screen = JobsScreen(tk_root, app)
    screen.postings.select(posting["id"])
    pump(tk_root)
    screen.posting_buttons["改状态"].invoke()
    assert postings.get_posting(posting["id"])["status"] == "filled"
    assert column(screen.postings, "position") == []  # the list shows open postings
    screen.status_filter.set("")
    screen.postings.refresh()
    screen.postings.select(posting["id"])
    pump(tk_root)
    screen.posting_buttons["删除"].invoke()
    assert "放进回收站" in yes[0] and postings.list_postings()[1] == 0


def test_the_import_wizard_previews_then_imports(tk_root, app, monkeypatch, tmp_path):
    rows = [list(r) for r in ROWS] + [
        [9, "北京顺鑫", "", "", "", "分拣员", "", "顺义区", 3, "面谈吧", "", "", "", "", ""]
    ]
    path = write_sheet(tmp_path / "demand.xlsx", rows)
    monkeypatch.setattr(dialogs, "ask_open_filename", lambda *a, **k: str(path))
    screen = JobsScreen(tk_root, app)
    # Tk variables left by earlier tests must not be collected in the worker thread: with
    # no main loop running, each such call waits about a second before failing.
    gc.collect()
    wizard = screen.import_sheet()
    assert pump_until(tk_root, lambda: wizard.report is not None)
    assert column(wizard.table, "action") == ["新增", "新增", "新增", "有问题"]
    assert "薪资“面谈吧”无法识别" in column(wizard.table, "messages")[3]
    assert wizard.button_import.instate(["disabled"])
    assert postings.list_postings()[1] == 0
    wizard.button_partial.invoke()
    assert pump_until(tk_root, lambda: wizard.report.applied)
    assert postings.list_postings()[1] == 3
    assert app.notifications[-1] == "已导入用工需求表：新增3个岗位，更新0个"
    assert app.data_changed_calls == 1


def test_the_import_preview_flags_a_posting_past_its_valid_until(
    tk_root, app, monkeypatch, tmp_path
):
    rows = [list(r) for r in ROWS]
    rows[1][-1] = dt.datetime(2026, 11, 1)
    path = write_sheet(tmp_path / "demand.xlsx", rows)
    monkeypatch.setattr(dialogs, "ask_open_filename", lambda *a, **k: str(path))
    gc.collect()  # as above: no Tk variable collected in the worker thread
    wizard = JobsScreen(tk_root, app).import_sheet()
    assert pump_until(tk_root, lambda: wizard.report is not None)
    assert column(wizard.table, "action") == ["新增", "新增·已过期", "新增"]
    assert "有效期2026-11-01已过" in column(wizard.table, "messages")[1]
    assert "有效期已过" in wizard.summary.cget("text")


def test_matching_ranks_recommends_and_explains(tk_root, app, yes):
    posting = make_posting(make_employer("北京嘉裕集团"), position="中餐厨师", job_kind="cook")
    make_willing("包金花", destinations=["local"])
    cook = make_willing("韩国庆")
    screen = MatchingScreen(tk_root, app)
    screen.posting_list.select(posting["id"])
    panel = screen.candidates
    assert pump_until(tk_root, lambda: not panel.computing), "the ranking never arrived"
    assert column(panel.table, "name") == ["韩国庆", "包金花"]
    panel.table.select(cook["id"])
    pump(tk_root)
    text = panel.reasons.get()
    assert "✓ 意向务工地含北京" in text and "相符" in text
    panel.table.tree.selection_set(panel.table.tree.get_children())
    pump(tk_root)
    panel.button_recommend.invoke()
    assert yes == ["把 韩国庆、包金花 推荐到“北京嘉裕集团 中餐厨师”？"]
    assert placements.list_placements()[1] == 2
    assert pump_until(tk_root, lambda: not panel.computing), "the ranking never arrived"
    assert column(panel.table, "name") == []  # recommended people leave the list
    assert app.notifications == ["已推荐2人：韩国庆、包金花"]


def test_ranking_runs_in_a_worker_thread_and_fills_the_list_when_done(tk_root, app, monkeypatch):
    posting = make_posting(make_employer("北京嘉裕集团"), position="中餐厨师", job_kind="cook")
    make_willing("韩国庆")
    release = threading.Event()
    threads = []
    real = matching.candidates_for_posting

    def ranking(posting_id, limit=100):
        threads.append(threading.current_thread())
        release.wait(5)
        return real(posting_id, limit)

    monkeypatch.setattr(matching, "candidates_for_posting", ranking)
    screen = MatchingScreen(tk_root, app)
    screen.posting_list.select(posting["id"])
    panel = screen.candidates
    pump(tk_root)  # the window keeps handling events while the ranking is held up
    assert panel.heading.cget("text").endswith("：正在计算…")
    assert column(panel.table, "name") == []
    release.set()
    assert pump_until(tk_root, lambda: not panel.computing), "the ranking never arrived"
    assert threads and threading.main_thread() not in threads
    assert column(panel.table, "name") == ["韩国庆"]
    assert panel.heading.cget("text").endswith("：按匹配度列出前1人")


def test_a_ranking_for_a_posting_no_longer_chosen_is_dropped(tk_root, app, monkeypatch):
    cook = make_posting(make_employer("北京嘉裕集团"), position="中餐厨师", job_kind="cook")
    guard = make_posting(make_employer("京城物业"), position="小区保安", job_kind="security")
    nanny = make_posting(make_employer("家政公司"), position="育婴员", job_kind="nanny")
    make_willing("韩国庆", job_kinds="厨师")
    make_willing("包金花", job_kinds="保安", male=False)
    first = threading.Event()
    ran = []
    real = matching.candidates_for_posting

    def ranking(posting_id, limit=100):
        ran.append(posting_id)
        if posting_id == cook["id"]:
            first.wait(5)  # the cook's ranking is still under way as the others are chosen
        return real(posting_id, limit)

    monkeypatch.setattr(matching, "candidates_for_posting", ranking)
    screen = MatchingScreen(tk_root, app)
    panel = screen.candidates
    screen.posting_list.select(cook["id"])
    assert pump_until(tk_root, lambda: ran == [cook["id"]]), "the cook's ranking never started"
    screen.posting_list.select(nanny["id"])  # waits its turn, and is passed over
    pump(tk_root)
    screen.posting_list.select(guard["id"])
    pump(tk_root)
    assert panel.heading.cget("text").endswith("：正在计算…")
    first.set()
    assert pump_until(tk_root, lambda: not panel.computing), "the rankings never returned"
    assert ran == [cook["id"], guard["id"]]  # the nanny's was not worth running any more
    assert panel.posting_id == guard["id"]
    assert column(panel.table, "name") == ["包金花", "韩国庆"]
    assert "小区保安" in panel.heading.cget("text")


def test_one_thread_ranks_and_keeps_its_connection_while_the_screen_is_shown(
    tk_root, app, monkeypatch
):
    from casework.db import database

    cook = make_posting(make_employer("北京嘉裕集团"), position="中餐厨师", job_kind="cook")
    guard = make_posting(make_employer("京城物业"), position="小区保安", job_kind="security")
    make_willing("韩国庆", job_kinds="厨师")
    seen = []  # (thread, connection) of each ranking
    real = matching.candidates_for_posting

    def ranking(posting_id, limit=100):
        seen.append((threading.current_thread(), database.connection()))
        return real(posting_id, limit)

    monkeypatch.setattr(matching, "candidates_for_posting", ranking)
    screen = MatchingScreen(tk_root, app)
    screen.pack()
    tk_root.deiconify()  # a screen is hidden (unmapped) only once it has been on screen
    assert pump_until(tk_root, screen.winfo_viewable), "the screen never appeared"
    panel = screen.candidates
    for posting in (cook, guard):
        screen.posting_list.select(posting["id"])
        assert pump_until(tk_root, lambda: not panel.computing), "the ranking never arrived"
    (worker, kept), (again, same) = seen
    assert worker is again and worker is not threading.main_thread()
    assert same is kept  # the second ranking read the pages the first left in its cache
    screen.pack_forget()  # another screen is shown: from there a restore may be started
    assert pump_until(tk_root, lambda: panel.worker.pending == 0), "the connection was kept"
    screen.pack()
    screen.posting_list.select(cook["id"])
    assert pump_until(tk_root, lambda: not panel.computing), "the ranking never arrived"
    assert seen[2][0] is worker and seen[2][1] is not kept
    assert column(panel.table, "name") == ["韩国庆"]
    screen.destroy()
    worker.join(5)
    assert not worker.is_alive()


def test_postings_for_a_person_from_the_household_screen(tk_root, app, yes):
    make_posting()
    person = make_willing("韩国庆")
    dialog = PersonPostingsDialog(tk_root, app, person["id"])
    panel = dialog.panel
    assert column(panel.table, "position") == ["中餐厨师"]
    assert "就业意愿：愿意外出·赴京·厨师" in panel.heading.cget("text")
    panel.table.select(panel.table.tree.get_children()[0])
    pump(tk_root)
    panel.button_recommend.invoke()
    assert column(panel.table, "placement_stage_label") == ["已推荐"]
    dialog.close()


@pytest.fixture
def placed(app):
    posting = make_posting()
    cook = make_willing("韩国庆", work_status="unemployed")
    placement = placements.recommend(cook["id"], posting["id"], on=dt.date(2026, 8, 1))
    return cook, placement


def test_moving_a_placement_on_updates_the_person_and_the_history(tk_root, app, placed):
    cook, placement = placed
    screen = PlacementsScreen(tk_root, app)
    screen.table.select(placement["id"])
    pump(tk_root)
    dialog = screen.next_stage()
    dialog.form["stage"].set("working")
    dialog.form["on"].set("2026-12-01")
    dialog.button_ok.invoke()
    assert dialog.form["on"].error == "日期不能晚于今天2026-11-27"
    dialog.form["on"].set("2026-08-27")
    dialog.form["monthly_pay"].set("6000")
    dialog.button_ok.invoke()
    pump(tk_root)
    assert column(screen.table, "stage_label") == ["在岗"]
    assert people.get_person(cook["id"])["work_status"] == "beijing"
    assert "已推荐 2026-08-01　→　在岗 2026-08-27" in screen.history.get()


def test_the_subsidy_tab_pays_the_eligible_and_edits_the_rules(tk_root, app, placed):
    _cook, placement = placed
    placements.move_stage(placement["id"], "working", "2026-08-27")
    screen = PlacementsScreen(tk_root, app)
    screen.notebook.select(screen.subsidy_tab)
    assert "补贴标准：2000元；有组织输出到北京、连续在岗满3个月" in screen.rules_label.cget("text")
    assert column(screen.subsidy_table, "name") == ["韩国庆"]
    screen.subsidy_table.select(placement["id"])
    pump(tk_root)
    dialog = screen.record_payment()
    assert dialog.form["amount"].get() == "2000" and dialog.form["paid_by"].get() == "杨志勇"
    dialog.button_ok.invoke()
    pump(tk_root)
    assert column(screen.subsidy_table, "name") == []
    screen.view.set("paid")
    screen.show_subsidy()
    assert column(screen.subsidy_table, "status_label") == ["已发放"]

    settings = screen.edit_settings()
    settings.form["amount"].set("3000")
    settings.form["months"].set("6")
    settings.button_ok.invoke()
    assert subsidy.settings()["amount"] == 3000
    assert "补贴标准：3000元" in screen.rules_label.cget("text")


def test_a_job_found_alone_is_recorded_for_a_person(tk_root, app):
    from casework.ui.jobs.placement_forms import NewPlacementDialog

    person = make_willing("包金花", destinations=["local"])
    dialog = NewPlacementDialog(tk_root, app, person_id=person["id"])
    assert dialog.form["person_id"].get() == person["id"]
    dialog.button_ok.invoke()
    assert dialog.form["employer_name"].error == "请填写用工单位"
    dialog.form["employer_name"].set("舍伯吐镇燕麦面加工车间")
    dialog.form["stage_date"].set("2026-11-01")
    dialog.button_ok.invoke()
    assert people.get_person(person["id"])["work_status"] == "local"
    assert app.notifications == ["已登记就业情况"]


def test_searching_for_the_person_in_the_new_job_dialog(tk_root, app, yes):
    from casework.ui.jobs.placement_forms import NewPlacementDialog

    person = make_willing("乌云其木格")
    dialog = NewPlacementDialog(tk_root, app)
    dialog.form["find"].set("乌云")
    dialog.form["find"]._changed()  # as typing does
    assert dialog.form["person_id"].get() == person["id"]
    dialog.cancel()
    assert yes == ["放弃未保存的修改？"]


def test_enter_in_find_picks_the_person_and_errors_go_as_fields_are_filled(tk_root, app):
    from casework.ui.jobs.placement_forms import NewPlacementDialog

    first = make_willing("乌云其木格")
    second = make_willing("乌云达来")
    employer = make_employer("北京嘉裕集团")
    dialog = NewPlacementDialog(tk_root, app)
    f = dialog.form
    below = [f["place"], f["stage_date"], f["notes"], dialog.button_ok]

    def geometry() -> list[tuple[int, int]]:
        tk_root.update_idletasks()
        sizes = [(dialog.winfo_reqwidth(), dialog.winfo_reqheight())]
        return sizes + [(w.winfo_rootx(), w.winfo_rooty()) for w in below]

    show_and_focus(tk_root, f["find"].widget)
    clean = geometry()
    dialog.button_ok.invoke()
    assert (f["person_id"].error, f["employer_name"].error) == ("请选择人员", "请填写用工单位")
    assert geometry() == clean  # the messages fill lines kept for them
    show_and_focus(tk_root, f["find"].widget)
    type_into(tk_root, f["find"].widget, "乌云")
    assert set(f["person_id"].codes()) == {first["id"], second["id"]}  # two: none taken yet
    press(tk_root, "<Return>")
    assert f["person_id"].get() == f["person_id"].codes()[0]  # Enter took the first ...
    assert focused_widget(tk_root) is f["person_id"].widget  # ... and moved on to 人员
    assert dialog.winfo_exists() and placements.list_placements()[1] == 0  # not saved
    assert f["person_id"].error == "" and f["person_id"].error_label.cget("text") == ""
    combo = f["employer_id"].widget
    combo.set(employer["name"])
    combo.event_generate("<<ComboboxSelected>>")  # as picking from the list does
    assert f["employer_name"].error == "" and f["employer_name"].error_label.cget("text") == ""
    assert geometry() == clean


def test_choosing_the_employer_fills_in_the_place(tk_root, app):
    from casework.ui.jobs.placement_forms import NewPlacementDialog

    beijing = make_employer("北京嘉裕集团")
    workshop = make_employer("舍伯吐镇燕麦加工车间", kind="workshop", place="舍伯吐镇")
    hohhot = make_employer("呼和浩特物业公司", kind="other")
    make_posting(hohhot, position="保洁员", place="in_region")
    dialog = NewPlacementDialog(tk_root, app)
    place = dialog.form["place"]
    assert place.get() == "local"  # the default before an employer is chosen
    dialog.form["employer_id"].choose(beijing["id"])
    assert place.get() == "beijing"
    dialog.form["employer_id"].choose(workshop["id"])
    assert place.get() == "local"
    dialog.form["employer_id"].choose(hohhot["id"])  # its posting says where
    assert place.get() == "in_region"
    assert employers.work_place(make_employer("某公司", kind="other")["id"]) == ""
