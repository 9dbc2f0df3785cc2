"""The main window: first run, sidebar and shortcuts, detail and back, errors in Chinese."""

from __future__ import annotations

import re
import subprocess
import sys
import tkinter as tk
import types
from pathlib import Path

import pytest

from casework import logs
from casework.db import close_database, open_database
from casework.services.common import NotFoundError
from casework.services.register import areas, cadres, trash
from casework.ui.app import App, build_app, run
from casework.ui.kit import dialogs
from tests.factories import make_cadre, make_household, make_village
from tests.tkutil import pump, pump_until
from tests.ui.widget_helpers import press as press_key
from tests.ui.widget_helpers import show_and_focus

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def errors_shown(monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown.append(message))
    return shown


@pytest.fixture
def fake_detail(monkeypatch):
    """A stand-in for the household detail screen (written separately)."""
    made = []

    class DetailScreen(tk.Frame):
        def __init__(self, master, app, household_id):
            if household_id == "gone":
                raise NotFoundError("找不到这条农户记录，可能已被删除")
            super().__init__(master)
            self.household_id = household_id
            self.refreshed = 0
            made.append(self)

        def refresh(self):
            self.refreshed += 1

        def focus_default(self):
            self.focus_set()

    module = types.ModuleType("casework.ui.register.household_detail")
    module.HouseholdDetailScreen = DetailScreen
    monkeypatch.setitem(sys.modules, "casework.ui.register.household_detail", module)
    return made


@pytest.fixture
def running(tk_root, db, today, tmp_path):
    """The application on a database with a cadre and three households."""
    make_cadre()
    village = make_village()
    for n, head in enumerate(["韩令春", "包金山", "白福生"]):
        make_household(village, code=f"150521000000{n:02d}", head=head)
    app = build_app(tk_root, tmp_path / "casework.db")
    pump(tk_root)
    app.show_screen("households")  # the window opens on the overview; these tests start here
    return app


def list_heads(app: App) -> list[str]:
    tree = app.screens["households"].table.tree
    return [tree.item(iid, "values")[1] for iid in tree.get_children()]


def press(root: tk.Tk, sequence: str) -> None:
    """The shortcut pressed with the focus on the window itself (no field, no list)."""
    show_and_focus(root, root)
    press_key(root, sequence)


# First run -----------------------------------------------------------------------------


def test_a_fresh_database_asks_who_is_using_the_laptop(tk_root, db, today, tmp_path):
    path = tmp_path / "casework.db"
    app = build_app(tk_root, path)
    pump(tk_root)
    dialog = app.first_run
    assert dialog is not None and dialog.winfo_exists()
    assert set(dialog.form.fields) == {"name", "unit", "phone", "county"}

    dialog.button_ok.invoke()
    assert dialog.form["name"].error  # required: the message is beside the field
    assert cadres.current_cadre() is None

    dialog.form["name"].set("杨志勇")
    dialog.form["unit"].set("北京市顺义区人力资源和社会保障局")
    dialog.form["phone"].set("123")
    dialog.button_ok.invoke()
    assert dialog.form["phone"].error
    assert dialog.form["name"].get() == "杨志勇"  # what was typed stays

    dialog.form["phone"].set("13800138000")
    dialog.form["county"].set("科左中旗")
    dialog.button_ok.invoke()
    pump(tk_root)
    assert not dialog.winfo_exists()
    assert app.first_run is None
    assert cadres.current_cadre()["name"] == "杨志勇"
    assert [a["name"] for a in areas.children(None)] == ["科左中旗"]
    assert len(cadres.list_cadres()) == 1
    assert app.cadre["name"] == "杨志勇"
    assert app.status.left.cget("text").startswith("欢迎，杨志勇")
    app.status._back_to_rest()
    assert app.status.left.cget("text") == "当前干部：杨志勇（北京市顺义区人力资源和社会保障局）"
    assert str(path) in app.status.right.cget("text")
    assert app.cadre_name.cget("text") == "杨志勇"


def test_the_first_run_dialog_skips_the_county_when_there_are_areas(tk_root, db, today, tmp_path):
    make_village()
    app = build_app(tk_root, tmp_path / "casework.db")
    assert "county" not in app.first_run.form.fields


def test_leaving_the_first_run_dialog_asks_then_quits(tk_root, db, today, tmp_path, monkeypatch):
    quits = []
    monkeypatch.setattr(App, "quit", lambda self: quits.append(True))
    answers = iter([False, True])
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *args: next(answers))
    app = build_app(tk_root, tmp_path / "casework.db")
    dialog = app.first_run

    dialog.button_cancel.invoke()  # "no, I'll fill it in"
    assert dialog.winfo_exists() and quits == []
    dialog.cancel()
    assert quits == [True]
    assert not dialog.winfo_exists()


def test_a_known_cadre_goes_straight_to_the_overview(tk_root, db, today, tmp_path):
    from casework.ui.overview.overview_screen import OverviewScreen

    make_cadre()
    make_household(make_village(), head="韩令春")
    app = build_app(tk_root, tmp_path / "casework.db")
    assert app.first_run is None
    assert app.current == "overview" and isinstance(app.screens["overview"], OverviewScreen)
    assert app.nav_buttons["overview"].cget("style") == "Selected.Nav.TButton"
    assert "households" not in app.screens  # made when first shown
    screen = app.screens["overview"]
    assert pump_until(tk_root, lambda: not screen.computing)
    assert screen.tiles["households"].number.cget("text") == "1"


def test_a_known_cadre_sees_the_household_list_on_ctrl_1(running, tmp_path):
    assert running.current == "households"
    assert list_heads(running) == ["韩令春", "包金山", "白福生"]
    assert running.root.title() == "劳务协作工作台"
    assert (
        running.status.left.cget("text") == "当前干部：杨志勇（北京市顺义区人力资源和社会保障局）"
    )
    assert running.status.right.cget("text") == f"数据库：{tmp_path / 'casework.db'}"
    assert running.nav_buttons["households"].cget("style") == "Selected.Nav.TButton"


# Screens and shortcuts -------------------------------------------------------------------


def test_screens_are_made_once_and_keep_their_state(running):
    households = running.screens["households"]
    households.search.set("韩令")
    households.search.search_now()
    assert "followups" not in running.screens  # made when first shown

    running.nav_buttons["followups"].invoke()
    assert running.current == "followups"
    assert running.nav_buttons["followups"].cget("style") == "Selected.Nav.TButton"
    assert running.nav_buttons["households"].cget("style") == "Nav.TButton"
    assert not households.winfo_ismapped() and households.grid_info() == {}

    running.show_screen("households")
    assert running.screens["households"] is households
    assert households.search.get() == "韩令"
    assert list_heads(running) == ["韩令春"]


def test_ctrl_digits_switch_screens_and_ctrl_f_finds(running):
    root = running.root
    for key, name in [("2", "followups"), ("3", "trash"), ("4", "areas"), ("1", "households")]:
        press(root, f"<Control-Key-{key}>")
        assert running.current == name
    press(root, "<Control-Key-3>")
    press(root, "<Control-f>")
    assert running.current == "households"
    assert root.focus_get() is running.screens["households"].search.widget


def test_every_sidebar_screen_opens_by_its_shortcut(running):
    from casework.ui.app import SCREENS

    for name, (_label, _module, _cls, keys) in SCREENS.items():
        press(running.root, f"<Control-Key-{keys[-1]}>")
        assert running.current == name
        screen = running.screens[name]
        assert screen.grid_info()["in"] == running.content
        screen.refresh()  # every screen can be refreshed when data changes
    assert len({keys for *_rest, keys in SCREENS.values()}) == len(SCREENS)


def test_open_household_and_back_keep_the_list_as_it_was(running, fake_detail):
    screen = running.screens["households"]
    row_id = screen.table.tree.get_children()[1]
    screen.table.select(row_id)
    screen.table.tree.focus_set()

    running.open_household(row_id)
    assert running.current == "detail"
    assert [d.household_id for d in fake_detail] == [row_id]
    assert fake_detail[0].grid_info()["in"] == running.content
    assert screen.grid_info() == {}
    assert running.nav_buttons["households"].cget("style") == "Selected.Nav.TButton"

    running.data_changed()  # e.g. a visit saved on the detail screen
    assert fake_detail[0].refreshed == 1

    running.back()
    assert running.current == "households"
    assert not fake_detail[0].winfo_exists()
    assert screen.table.selected_id() == row_id


def test_back_returns_to_the_screen_the_household_was_opened_from(running, fake_detail):
    running.show_screen("followups")
    running.open_household(running.screens["households"].table.tree.get_children()[0])
    running.back()
    assert running.current == "followups"


def test_a_household_that_is_gone_is_explained(running, fake_detail, errors_shown):
    running.open_household("gone")
    assert errors_shown == ["找不到这条农户记录，可能已被删除"]
    assert running.current == "households"


def test_new_visit_opens_the_visit_form(running, monkeypatch):
    forms = []

    class FakeVisitForm:
        def __init__(self, parent, app, household_id, person_id=None, on_saved=None):
            forms.append((parent, app, household_id, person_id))

    module = types.ModuleType("casework.ui.register.visit_form")
    module.VisitForm = FakeVisitForm
    monkeypatch.setitem(sys.modules, "casework.ui.register.visit_form", module)

    running.new_visit("h1", person_id="p1")
    assert forms == [(running.root, running, "h1", "p1")]


def test_data_changed_refreshes_the_screen_shown_and_the_others_when_shown(running):
    running.show_screen("trash")
    running.show_screen("households")
    household_id = running.screens["households"].table.tree.get_children()[0]
    trash.delete_household(household_id)

    running.data_changed()
    assert list_heads(running) == ["包金山", "白福生"]
    running.show_screen("trash")
    assert running.screens["trash"].table.total == 1  # stale until shown, then listed again


# Errors ------------------------------------------------------------------------------------


def test_an_error_in_a_callback_is_logged_and_explained(running, errors_shown):
    log = logs.configure("window")
    running.root.report_callback_exception = running.report_callback_error  # as run() does
    button = tk.Button(running.root, command=lambda: {}["village"])
    button.invoke()  # Tk calls the command, which raises: a bug in a screen
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "KeyError: 'village'" in text
    message = errors_shown[0]
    assert message.startswith("操作未完成：发生了意外错误。") and str(log) in message
    assert not re.search(r"[A-Za-z]", message.replace(str(log), ""))  # only Chinese

    try:
        raise NotFoundError("找不到这条农户记录，可能已被删除")
    except NotFoundError:
        running.report_callback_error(*sys.exc_info())
    assert errors_shown[1] == "操作未完成：找不到这条农户记录，可能已被删除"


def test_a_locked_database_in_a_callback_is_explained_not_called_a_bug(running, errors_shown):
    import peewee

    running.root.report_callback_exception = running.report_callback_error

    def save():
        raise peewee.OperationalError("database is locked")

    tk.Button(running.root, command=save).invoke()
    [message] = errors_shown
    assert message.startswith(f"数据库文件 {running.db_path}：文件正被另一个程序占用")
    assert "意外" not in message


def test_a_database_from_a_newer_version_is_refused_in_chinese(tk_root, tmp_path, errors_shown):
    path = tmp_path / "newer.db"
    database = open_database(path)
    database.execute_sql("PRAGMA user_version = 999")
    close_database()

    assert run(path) == 2
    assert "请升级" in errors_shown[0] and str(path) in errors_shown[0]


def test_a_file_that_is_not_a_database_is_refused_in_chinese(tk_root, tmp_path, errors_shown):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not a database, just some notes " * 100)

    assert run(path) == 2
    assert errors_shown[0].startswith(f"数据库文件 {path}：不是劳务协作工作台的数据库")
    assert path.read_bytes() == b"this is not a database, just some notes " * 100
    close_database()


def test_the_command_line_does_not_load_tkinter():
    code = "import sys, casework.cli; casework.cli.build_parser(); print('tkinter' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
    help_run = subprocess.run(
        [sys.executable, "main.py", "--help"], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert help_run.returncode == 0 and "用法" in help_run.stdout


def test_the_real_detail_screen_and_visit_form_work_with_the_app(running):
    from casework.ui.register.household_detail import HouseholdDetailScreen
    from casework.ui.register.visit_form import VisitForm

    row_id = running.screens["households"].table.tree.get_children()[0]
    running.open_household(row_id)
    assert isinstance(running.detail, HouseholdDetailScreen)
    running.new_visit(row_id)
    forms = [w for w in running.root.winfo_children() if isinstance(w, VisitForm)]
    assert len(forms) == 1
    forms[0].destroy()
    running.back()
    assert running.current == "households" and running.detail is None


def test_on_a_short_screen_the_sidebar_narrows_its_spacing_so_every_entry_shows(running):
    root = running.root
    root.deiconify()
    last = running.button_about
    for height, compact in [(660, True), (1000, False), (660, True)]:
        root.geometry(f"1280x{height}")
        pump(root)
        root.update()
        assert running.sidebar.compact is compact, height
        bottom = last.winfo_y() + last.winfo_height()
        assert bottom <= running.sidebar.winfo_height(), height
        assert last.winfo_height() >= 20  # not squeezed to nothing
