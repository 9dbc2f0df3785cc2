"""On X11 the dialog seam shows Casework's own Chinese message boxes and file chooser.

Each test answers the dialog the way a person would: while the seam "waits"
(own_dialogs.wait_for_answer, replaced here), it reads the real widgets, types into the
entries and invokes the buttons.
"""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import ttk

import pytest

from casework.ui.kit import dialogs, file_chooser, own_dialogs
from casework.ui.kit.file_chooser import FileChooser
from casework.ui.kit.own_dialogs import MessageBox
from tests.tkutil import pump

ENGLISH = ("OK", "Cancel", "Yes", "No", "File name", "Directory", "Files of type", "Open", "Save")
XLSX = [("Excel 工作簿", "*.xlsx"), dialogs.ALL_FILES]


def answer(monkeypatch, *steps):
    """Hand each dialog shown to the next step, which fills and closes it; the dialogs."""
    queue, shown = list(steps), []

    def wait(dialog):
        shown.append(dialog)
        queue.pop(0)(dialog)

    monkeypatch.setattr(own_dialogs, "wait_for_answer", wait)
    return shown


def texts(widget: tk.Misc) -> list[str]:
    """Every text the widget and its children show, titles and buttons included."""
    found = []
    if isinstance(widget, tk.Toplevel):
        found.append(widget.title())
    try:
        found.append(str(widget.cget("text")))
    except tk.TclError:
        pass
    if isinstance(widget, ttk.Treeview):
        for column in widget["columns"]:
            found.append(str(widget.heading(column, "text")))
    for child in widget.winfo_children():
        found.extend(texts(child))
    return [t for t in found if t]


def press(widget: tk.Misc, key: str) -> None:
    widget.focus_force()
    widget.update()
    widget.event_generate(key)


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "花名册.xlsx").write_bytes(b"x" * 2048)
    (tmp_path / "简历.docx").write_bytes(b"x")
    (tmp_path / "B.XLSX").write_bytes(b"x")
    (tmp_path / ".隐藏.xlsx").write_bytes(b"x")
    (tmp_path / "二组").mkdir()
    (tmp_path / "二组" / "名单.xlsx").write_bytes(b"x")
    return tmp_path


# Message boxes ---------------------------------------------------------------------


def test_the_seam_uses_its_own_dialogs_on_x11(tk_root):
    assert tk_root.tk.call("tk", "windowingsystem") == "x11"
    assert dialogs.own_dialogs_here(tk_root)


def test_a_question_is_asked_in_chinese_and_answered_yes(tk_root, monkeypatch):
    def yes(box: MessageBox):
        assert box.title() == "删除农户"
        assert box.message.cget("text") == "确定删除这一户吗？"
        assert [b.cget("text") for b in box.buttons.values()] == ["否", "是"]
        assert not set(texts(box)) & set(ENGLISH)
        box.update()  # mapped: the window's focus is where the box put it
        assert box.focus_lastfor() is box.buttons["yes"]
        box.buttons["yes"].invoke()

    shown = answer(monkeypatch, yes)
    assert dialogs.ask_yes_no(tk_root, "删除农户", "确定删除这一户吗？") is True
    assert not shown[0].winfo_exists()


def test_no_and_escape_both_answer_no(tk_root, monkeypatch):
    answer(
        monkeypatch,
        lambda box: box.buttons["no"].invoke(),
        lambda box: press(box.buttons["yes"], "<Escape>"),
    )
    assert dialogs.ask_yes_no(tk_root, "问", "要继续吗？") is False
    assert dialogs.ask_yes_no(tk_root, "问", "要继续吗？") is False


def test_enter_presses_the_focused_button(tk_root, monkeypatch):
    answer(monkeypatch, lambda box: press(box.buttons["yes"], "<Return>"))
    assert dialogs.ask_yes_no(tk_root, "问", "要继续吗？") is True


def test_yes_no_cancel_gives_three_answers(tk_root, monkeypatch):
    def labels(box):
        assert [b.cget("text") for b in box.buttons.values()] == ["取消", "否", "是"]
        box.buttons["cancel"].invoke()

    answer(
        monkeypatch,
        labels,
        lambda box: box.buttons["no"].invoke(),
        lambda box: box.buttons["yes"].invoke(),
        lambda box: box.tk.call(box.protocol("WM_DELETE_WINDOW")),  # closing the window cancels
    )
    assert dialogs.ask_yes_no_cancel(tk_root, "关闭", "保存修改吗？") is None
    assert dialogs.ask_yes_no_cancel(tk_root, "关闭", "保存修改吗？") is False
    assert dialogs.ask_yes_no_cancel(tk_root, "关闭", "保存修改吗？") is True
    assert dialogs.ask_yes_no_cancel(tk_root, "关闭", "保存修改吗？") is None


@pytest.mark.parametrize(
    ("show", "icon"),
    [
        (dialogs.show_error, "::tk::icons::error"),
        (dialogs.show_warning, "::tk::icons::warning"),
        (dialogs.show_info, "::tk::icons::information"),
    ],
)
def test_a_message_has_its_icon_and_one_button_确定(tk_root, monkeypatch, show, icon):
    def read(box: MessageBox):
        assert str(box.icon.cget("image")[0]) == icon
        assert [b.cget("text") for b in box.buttons.values()] == ["确定"]
        box.buttons["ok"].invoke()

    shown = answer(monkeypatch, read)
    show(tk_root, "导入失败", "不是有效的Excel工作簿")
    assert shown and not shown[0].winfo_exists()


def test_a_long_message_wraps_instead_of_widening_the_box(tk_root, monkeypatch):
    def measure(box: MessageBox):
        box.update_idletasks()
        assert box.winfo_reqwidth() < 700
        assert box.winfo_reqheight() < 700
        box.buttons["ok"].invoke()

    answer(monkeypatch, measure)
    dialogs.show_error(tk_root, "保存失败", "数据库文件无法写入。" * 60)


def test_an_unanswered_own_dialog_fails_the_test_not_the_run(tk_root):
    # conftest's safety net: a dialog nobody answers must not wait for ever.
    with pytest.raises(AssertionError, match="real dialog"):
        dialogs.ask_yes_no(tk_root, "问", "要继续吗？")
    for child in tk_root.winfo_children():
        child.destroy()


def test_the_system_boxes_stay_where_they_are_the_systems(tk_root, monkeypatch):
    asked = []
    monkeypatch.setattr(dialogs, "own_dialogs_here", lambda parent: False)
    monkeypatch.setattr(
        dialogs.messagebox, "askyesno", lambda title, message, parent: asked.append(title) or 1
    )
    assert dialogs.ask_yes_no(tk_root, "问", "要继续吗？") is True
    assert asked == ["问"]


# The file chooser ------------------------------------------------------------------


def test_opening_a_file_lists_folders_first_and_only_the_chosen_type(tk_root, monkeypatch, folder):
    def choose(chooser: FileChooser):
        assert chooser.title() == "选择花名册文件"
        assert chooser.button_ok.cget("text") == "打开"
        assert chooser.button_cancel.cget("text") == "取消"
        assert "文件名：" in texts(chooser) and "文件类型：" in texts(chooser)
        assert not set(texts(chooser)) & set(ENGLISH)
        assert chooser.location.get() == str(folder)
        # Hidden files are left out, the .docx is not of the type, case does not matter.
        assert chooser.visible_names() == ["二组", "B.XLSX", "花名册.xlsx"]
        chooser.type_choice.set("所有文件 (*.*)")
        chooser.type_choice.event_generate("<<ComboboxSelected>>")
        assert chooser.visible_names() == ["二组", "B.XLSX", "简历.docx", "花名册.xlsx"]
        assert chooser.files.set("3", "size") == "2 KB"
        assert chooser.select_name("花名册.xlsx")
        assert chooser.entry_name.get() == "花名册.xlsx"
        chooser.button_ok.invoke()

    answer(monkeypatch, choose)
    chosen = dialogs.ask_open_filename(tk_root, "选择花名册文件", XLSX, initialdir=str(folder))
    assert chosen == str(folder / "花名册.xlsx")


def test_enter_opens_a_folder_and_上一级_goes_back(tk_root, monkeypatch, folder):
    def walk(chooser: FileChooser):
        chooser.select_name("二组")
        press(chooser.files, "<Return>")
        assert chooser.location.get() == str(folder / "二组")
        assert chooser.visible_names() == ["名单.xlsx"]
        chooser.button_up.invoke()
        assert chooser.location.get() == str(folder)
        chooser.location.set(str(folder / "二组"))
        press(chooser.entry_folder, "<Return>")
        assert chooser.visible_names() == ["名单.xlsx"]
        chooser.location.set(str(folder / "没有这个"))
        press(chooser.entry_folder, "<Return>")
        assert "没有文件夹" in chooser.message.cget("text")
        chooser.select_name("名单.xlsx")
        press(chooser.files, "<Return>")  # Enter on a file chooses it

    answer(monkeypatch, walk)
    chosen = dialogs.ask_open_filename(tk_root, "选择", XLSX, initialdir=str(folder))
    assert chosen == str(folder / "二组" / "名单.xlsx")


def test_opening_a_missing_file_says_so_and_stays_open(tk_root, monkeypatch, folder):
    def typo(chooser: FileChooser):
        chooser.name.set("花名单.xlsx")
        chooser.button_ok.invoke()
        assert chooser.winfo_exists()
        assert chooser.message.cget("text") == "找不到文件“花名单.xlsx”"
        chooser.button_cancel.invoke()

    answer(monkeypatch, typo)
    assert dialogs.ask_open_filename(tk_root, "选择", XLSX, initialdir=str(folder)) == ""


def test_saving_adds_the_extension_and_asks_before_replacing(tk_root, monkeypatch, folder):
    def save_as(name, *then):
        def fill(chooser: FileChooser):
            assert chooser.button_ok.cget("text") == "保存"
            chooser.update()
            assert chooser.focus_lastfor() is chooser.entry_name
            chooser.name.set(name)
            press(chooser.entry_name, "<Return>")
            for step in then:
                step(chooser)

        return fill

    def still_open(chooser):
        assert chooser.winfo_exists()
        chooser.button_cancel.invoke()

    def replace_question(box: MessageBox):
        assert box.message.cget("text") == "“花名册.xlsx”已经存在。\n要替换它吗？"
        box.buttons["no"].invoke()

    shown = answer(
        monkeypatch,
        save_as("新名单"),
        save_as("花名册", still_open),
        replace_question,
        save_as("花名册"),
        lambda box: box.buttons["yes"].invoke(),
    )
    ask = lambda: dialogs.ask_save_filename(  # noqa: E731
        tk_root, "保存清单", XLSX, initialfile="清单.xlsx", initialdir=str(folder)
    )
    assert ask() == str(folder / "新名单.xlsx")
    assert ask() == ""
    assert ask() == str(folder / "花名册.xlsx")
    assert [type(d) for d in shown] == [FileChooser, FileChooser, MessageBox, FileChooser] + [
        MessageBox
    ]


def test_the_save_name_starts_with_the_suggested_one_selected(tk_root, monkeypatch, folder):
    def read(chooser: FileChooser):
        assert chooser.entry_name.get() == "培训台账.xlsx"
        assert chooser.entry_name.selection_get() == "培训台账"
        chooser.button_cancel.invoke()

    answer(monkeypatch, read)
    dialogs.ask_save_filename(tk_root, "保存", XLSX, initialfile="培训台账.xlsx")


def test_saving_into_a_missing_folder_is_refused(tk_root, monkeypatch, folder):
    def missing(chooser: FileChooser):
        chooser.name.set("没有的文件夹/名单.xlsx")
        chooser.button_ok.invoke()
        assert chooser.message.cget("text").startswith("没有文件夹")
        press(chooser.entry_name, "<Escape>")

    answer(monkeypatch, missing)
    assert dialogs.ask_save_filename(tk_root, "保存", XLSX, initialdir=str(folder)) == ""


def test_choosing_a_folder_lists_folders_only(tk_root, monkeypatch, folder):
    def pick(chooser: FileChooser):
        assert chooser.button_ok.cget("text") == "选择此文件夹"
        assert chooser.visible_names() == ["二组"]
        assert not chooser.entry_name.winfo_ismapped()
        chooser.select_name("二组")
        chooser.button_ok.invoke()

    answer(monkeypatch, pick)
    assert dialogs.ask_directory(tk_root, "复制备份到", initialdir=str(folder)) == str(
        folder / "二组"
    )


def test_the_next_chooser_opens_where_the_last_one_ended(tk_root, monkeypatch, folder):
    monkeypatch.setattr(file_chooser, "_last_folder", None)
    seen = []

    def into_group(chooser: FileChooser):
        chooser.show_folder(folder / "二组")
        chooser.select_name("名单.xlsx")
        chooser.button_ok.invoke()

    def where(chooser: FileChooser):
        seen.append(chooser.location.get())
        chooser.button_cancel.invoke()

    answer(monkeypatch, into_group, where)
    dialogs.ask_open_filename(tk_root, "选择", XLSX, initialdir=str(folder))
    dialogs.ask_open_filename(tk_root, "选择", XLSX)
    assert seen == [str(folder / "二组")]


def test_the_chooser_fits_a_laptop_screen(tk_root, monkeypatch, folder):
    def measure(chooser: FileChooser):
        pump(chooser)
        assert chooser.winfo_reqheight() <= 700 and chooser.winfo_reqwidth() <= 1366
        chooser.button_cancel.invoke()

    answer(monkeypatch, measure)
    dialogs.ask_save_filename(tk_root, "保存", XLSX, initialdir=str(folder))
