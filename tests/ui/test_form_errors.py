"""A save that fails for a reason nobody foresaw: logged, explained in Chinese, typing kept."""

from __future__ import annotations

import re

import peewee

from casework import logs
from casework.ui.kit.form_dialog import FormDialog
from casework.ui.kit.widgets import TextField
from tests.ui.fake_app import FakeApp


class NoteDialog(FormDialog):
    """One field, and a save that raises whatever the test chose."""

    def __init__(self, parent, app, failure: BaseException) -> None:
        self.failure = failure
        super().__init__(parent, app, title="备注")

    def create_widgets(self) -> None:
        self.form.add("note", TextField(self.body, "备注"))

    def save(self, values):
        raise self.failure


def test_a_bug_while_saving_is_logged_and_the_cadre_sees_chinese(tk_root, db, errors_shown):
    log = logs.configure("window")
    dialog = NoteDialog(tk_root, FakeApp(tk_root), KeyError("note"))
    dialog.form["note"].set("已电话联系")
    dialog.button_ok.invoke()
    [(title, message)] = errors_shown
    assert title == "保存失败" and message.startswith("保存未完成：发生了意外错误。")
    assert message.endswith("已填写的内容仍在窗口中。") and str(log) in message
    assert not re.search(r"[A-Za-z]", message.replace(str(log), ""))
    assert "KeyError: 'note'" in log.read_text(encoding="utf-8")
    assert dialog.winfo_exists() and dialog.form["note"].get() == "已电话联系"


def test_a_locked_database_while_saving_is_named_as_such(tk_root, db, errors_shown):
    dialog = NoteDialog(tk_root, FakeApp(tk_root), peewee.OperationalError("database is locked"))
    dialog.button_ok.invoke()
    [(_title, message)] = errors_shown
    assert message.startswith("数据库出错：文件正被另一个程序占用")
