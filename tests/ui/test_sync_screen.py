"""数据交换 under Xvfb: export for everyone or a colleague, import after a dry run, the log."""

from __future__ import annotations

import pytest

from casework.db import close_database
from casework.models import PackageLog, Person
from casework.services.register import people
from casework.services.settings import setting
from casework.services.sync import identity
from casework.ui.kit import dialogs
from casework.ui.sync.sync_screen import EVERYONE, SyncScreen
from tests.factories import add_person, make_cadre, make_household, make_village
from tests.sync.laptops import PASSWORD, Laptops
from tests.tkutil import pump, pump_until
from tests.ui.fake_app import FakeApp


@pytest.fixture
def laptops(tmp_path, today):
    made = Laptops(tmp_path)
    made.use("office")
    make_cadre()
    household = make_household(make_village(), head="韩令春")
    made.son = add_person(household, "韩春明")
    made.copy("office", "a")
    made.copy("office", "b")
    yield made
    close_database()


def open_screen(root, laptops, name):
    laptops.use(name)
    screen = SyncScreen(root, FakeApp(root))
    screen.pack(fill="both", expand=True)
    pump(root)
    return screen


def type_password(screen, password=PASSWORD, repeat=True):
    dialog = screen.dialog
    dialog.form["password"].set(password)
    if repeat:
        dialog.form["repeated"].set(password)
    dialog.button_ok.invoke()


def finish(root, screen):
    assert pump_until(root, lambda: screen.progress.finished, timeout=60)
    pump(root)


def log_rows(screen):
    tree = screen.table.tree
    return [screen.table.values_of(row) for row in tree.get_children()]


def test_export_for_everyone_writes_the_package_and_logs_it(themed, laptops, tmp_path, monkeypatch):
    screen = open_screen(themed, laptops, "a")
    assert screen.receiver.combo.get() == EVERYONE
    target = tmp_path / "U盘" / "给办公室.cwp"
    target.parent.mkdir()
    asked = []
    monkeypatch.setattr(
        dialogs, "ask_save_filename", lambda *a, **k: asked.append(k) or str(target)
    )
    screen.button_export.invoke()
    type_password(screen)
    assert asked[0]["defaultextension"] == ".cwp"
    finish(themed, screen)
    assert target.stat().st_size > 0
    assert "已导出数据包 给办公室.cwp" in screen.result.cget("text")
    ((at, how, who, summary, file),) = log_rows(screen)
    assert (how, who, file) == ("导出", "全部", str(target))
    assert summary.startswith("记录 ") and "修改" in summary


def test_a_mistyped_second_password_is_caught_before_any_file_is_chosen(
    themed, laptops, monkeypatch
):
    screen = open_screen(themed, laptops, "a")
    monkeypatch.setattr(dialogs, "ask_save_filename", pytest.fail)
    screen.button_export.invoke()
    dialog = screen.dialog
    dialog.form["password"].set(PASSWORD)
    dialog.form["repeated"].set(PASSWORD + "x")
    dialog.button_ok.invoke()
    assert dialog.form["repeated"].error == "两次输入的密码不一致"
    dialog.form["password"].set("短")
    dialog.button_ok.invoke()
    assert "至少需要" in dialog.form["password"].error
    assert PackageLog.select().count() == 0


def import_on_b(root, laptops, monkeypatch):
    """Laptop a changes a field and exports; b's screen is opened and 导入 chooses the file."""
    son = laptops.son
    laptops.use("a")
    people.update_member(son["id"], {**son, "skills": "电焊"})
    package = laptops.export("a")
    screen = open_screen(root, laptops, "b")
    monkeypatch.setattr(dialogs, "ask_open_filename", lambda *a, **k: str(package))
    return screen, package


def test_import_shows_the_dry_run_then_merges_and_logs(themed, laptops, monkeypatch):
    son = laptops.son
    screen, package = import_on_b(themed, laptops, monkeypatch)
    questions = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, q: questions.append(q) or True)
    screen.button_import.invoke()
    type_password(screen, repeat=False)
    finish(themed, screen)  # the dry run
    assert "将新增 0 条记录，更新 1 个字段" in questions[0]
    finish(themed, screen)  # the import itself
    assert Person.get_by_id(son["id"]).skills == "电焊"
    assert "已新增 0 条记录，更新 1 个字段" in screen.result.cget("text")
    assert screen.app.data_changed_calls == 1
    ((_at, how, _who, summary, file),) = log_rows(screen)
    assert (how, file) == ("导入", str(package))
    assert summary.startswith("新增 0 条记录，更新 1 个字段")
    # The sender is now a colleague a package can be made for.
    sender = PackageLog.get(PackageLog.direction == "received").peer_id
    assert sender in screen.receiver.codes()


def test_an_import_that_leaves_a_conflict_offers_to_go_and_settle_it(themed, laptops, monkeypatch):
    son = laptops.son
    laptops.use("b")
    people.update_member(son["id"], {**son, "skills": "木工"})  # b's own value, made apart
    screen, _package = import_on_b(themed, laptops, monkeypatch)
    assert not screen.button_pending.winfo_manager()
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: True)
    screen.button_import.invoke()
    type_password(screen, repeat=False)
    finish(themed, screen)
    finish(themed, screen)
    pump(themed)
    assert screen.button_pending.cget("text") == "去处理（1 项）"
    assert screen.button_pending.winfo_manager() == "grid"
    screen.button_pending.invoke()
    assert screen.app.screens_shown == ["pending"]


def test_saying_no_after_the_dry_run_changes_nothing(themed, laptops, monkeypatch):
    son = laptops.son
    screen, package = import_on_b(themed, laptops, monkeypatch)
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: False)
    screen.button_import.invoke()
    type_password(screen, repeat=False)
    finish(themed, screen)
    assert Person.get_by_id(son["id"]).skills == ""
    assert screen.result.cget("text") == f"没有导入 {package.name}"
    assert log_rows(screen) == []


@pytest.mark.parametrize("case", ["wrong password", "own package", "truncated"])
def test_a_package_that_cannot_be_used_is_refused_in_chinese(
    themed, laptops, monkeypatch, errors_shown, case
):
    package = laptops.export("a")
    if case == "truncated":
        package.write_bytes(package.read_bytes()[:4096])
    screen = open_screen(themed, laptops, "a" if case == "own package" else "b")
    monkeypatch.setattr(dialogs, "ask_open_filename", lambda *a, **k: str(package))
    monkeypatch.setattr(dialogs, "ask_yes_no", pytest.fail)
    screen.button_import.invoke()
    type_password(screen, PASSWORD + "9" if case == "wrong password" else PASSWORD, repeat=False)
    finish(themed, screen)
    ((title, message),) = errors_shown
    assert title == "检查数据包失败"
    expected = {
        "wrong password": "交换密码不对",
        "own package": "是本机导出的",
        "truncated": "已损坏",
    }[case]
    assert expected in message
    assert [row[1] for row in log_rows(screen)] == ([] if case != "own package" else ["导出"])


def test_the_laptop_name_and_office_flag_are_saved(themed, laptops):
    screen = open_screen(themed, laptops, "a")
    screen.laptop_name.set("  ")
    screen.button_save.invoke()
    assert "请填写本机名称" in screen.laptop_name.error
    screen.laptop_name.set("县办公室 王芳")
    screen.is_office.set(True)
    screen.button_save.invoke()
    assert screen.laptop_name.error == ""
    assert setting("laptop_name") == "县办公室 王芳" and setting("is_office") is True
    assert identity.laptop_name() == "县办公室 王芳"
    assert screen.app.notifications[-1] == "已保存本机名称：县办公室 王芳（县办公室）"
