"""The theme, Form, SearchBox and StatusBar, driven through real Tk widgets on screen."""

from __future__ import annotations

import subprocess
import sys
import time
import tkinter as tk
from tkinter import ttk

from casework import vocab
from casework.ui.kit import dialogs, theme
from casework.ui.kit.widgets import (
    SEARCH_DELAY_MS,
    ChoiceField,
    Form,
    MultiLineField,
    SearchBox,
    StatusBar,
    TextField,
)
from tests.tkutil import pump, pump_until
from tests.ui.widget_helpers import press, show_and_focus, type_into

# Theme ---------------------------------------------------------------------------------


def test_theme_uses_a_chinese_font_and_comfortable_rows(themed):
    applied = theme.apply_theme(themed)  # applying twice (a second window) is harmless

    assert applied.font_family in theme.CJK_FAMILIES
    assert tk.font.nametofont("TkDefaultFont", root=themed).actual("family") == (
        applied.font_family
    )
    linespace = tk.font.nametofont("TkDefaultFont", root=themed).metrics("linespace")
    assert applied.row_height > linespace
    assert int(ttk.Style(themed).lookup("Treeview", "rowheight")) == applied.row_height
    assert ttk.Style(themed).theme_use() == "clam"


def test_the_systems_chinese_font_is_found_without_listing_every_font(tk_root, monkeypatch):
    def listed(*_args):
        raise AssertionError("listed every installed font")

    monkeypatch.setattr(tk.font, "families", listed)
    # Linux CI installs fonts-noto-cjk, the Linux entry of SYSTEM_CJK_FAMILY.
    system = theme.SYSTEM_CJK_FAMILY.get(sys.platform, theme.SYSTEM_CJK_FAMILY["linux"])
    assert theme.apply_theme(tk_root).font_family in system


def test_without_the_systems_font_the_list_is_searched(tk_root, monkeypatch):
    missing = {system: ("No Such Font",) for system in ("win32", "darwin", "linux")}
    monkeypatch.setattr(theme, "SYSTEM_CJK_FAMILY", missing)
    monkeypatch.setattr(theme, "CJK_FAMILIES", ("No Such Font", "Noto Sans CJK SC"))
    assert theme.apply_theme(tk_root).font_family == "Noto Sans CJK SC"


def test_widgets_on_a_card_get_white_twins_of_their_styles(themed):
    card = ttk.Frame(themed, style="Card.TFrame")
    inner = ttk.Frame(card, style="Card.Inner.TFrame")
    field = TextField(inner, "姓名")
    page_field = TextField(themed, "姓名")

    assert field.label.cget("style") == "Card.TLabel"
    assert field.error_label.cget("style") == "Card.Error.TLabel"
    assert page_field.label.cget("style") == "TLabel"
    style = ttk.Style(themed)
    assert style.lookup("Card.Error.TLabel", "background") == theme.COLORS.card
    assert style.lookup("Card.Error.TLabel", "foreground") == theme.COLORS.error


def test_a_focused_choice_stays_readable(themed):
    # clam paints a focused readonly combobox white-on-blue; on a white field that hid
    # the chosen value whenever show_errors put the focus there.
    style = ttk.Style(themed)
    for name in ("TCombobox", "Invalid.TCombobox"):
        state = ["focus", "readonly"]
        assert style.lookup(name, "foreground", state) == theme.COLORS.text
        assert style.lookup(name, "fieldbackground", state) == theme.COLORS.card


# Form ---------------------------------------------------------------------------------


def make_person_form(master: tk.Misc) -> Form:
    form = Form()
    form.add("name", TextField(master, "姓名", required=True, help="户口本上的姓名"))
    form.add("id_number", TextField(master, "身份证号码", required=True))
    form.add("ethnicity", ChoiceField(master, "民族", choices=vocab.ETHNICITY))
    form.add("notes", MultiLineField(master, "备注"))
    form.layout(columns=2)
    return form


def test_show_errors_puts_each_message_beside_its_field_and_keeps_the_text(themed):
    form = make_person_form(themed)
    show_and_focus(themed, form["name"].widget)
    form["name"].widget.insert(0, "韩凌春")
    form["id_number"].widget.insert(0, "15052119850312002")
    form["name"].show_error("旧的错误")

    unplaced = form.show_errors(
        {"id_number": "身份证号码应为18位，现在是17位", "household": "请先选择户"}
    )

    id_field = form["id_number"]
    assert id_field.error_label.cget("text") == "身份证号码应为18位，现在是17位"
    assert id_field.error_label.master is id_field  # right under its own input
    assert id_field.widget.cget("style") == "Invalid.TEntry"
    assert form["name"].error_label.cget("text") == ""
    assert form["name"].widget.cget("style") == "TEntry"
    assert form.values()["id_number"] == "15052119850312002"
    assert form.values()["name"] == "韩凌春"
    themed.update()
    assert themed.focus_get() is id_field.widget
    assert unplaced == {"household": "请先选择户"}

    form.show_errors({})
    assert id_field.error == ""
    assert id_field.widget.cget("style") == "TEntry"


def test_form_is_dirty_after_typing_and_clean_after_loading(themed):
    form = make_person_form(themed)
    assert not form.is_dirty()

    form.set_values({"name": "包金山", "ethnicity": "mongol", "notes": "无"})
    assert not form.is_dirty()
    assert form.values() == {
        "name": "包金山",
        "id_number": "",
        "ethnicity": "mongol",
        "notes": "无",
    }

    type_into(themed, form["name"].widget, "子")
    assert form.is_dirty()
    form["name"].widget.delete(len("包金山"), "end")
    assert not form.is_dirty()  # typed and taken back: nothing to save

    form["notes"].widget.insert("end", "。")
    assert form.is_dirty()
    form.mark_clean()
    assert not form.is_dirty()


def test_tab_walks_the_fields_in_form_order(themed):
    form = make_person_form(themed)
    show_and_focus(themed, form["name"].widget)

    themed.focus_get().event_generate("<Tab>")
    themed.update()
    assert themed.focus_get() is form["id_number"].widget

    form["notes"].focus()
    themed.update()
    themed.focus_get().event_generate("<Shift-Tab>")
    themed.update()
    assert themed.focus_get() is form["ethnicity"].widget

    form["notes"].focus()
    themed.update()
    themed.focus_get().event_generate("<Tab>")
    themed.update()
    assert themed.focus_get() is form["name"].widget  # round to the first field
    assert form["notes"].get() == ""  # Tab left the text instead of typing a tab


# SearchBox and StatusBar ---------------------------------------------------------------


def no_search_follows(root, searches: list) -> bool:
    """Nothing more is searched in the search delay (and then some) after the last search."""
    count = len(searches)
    pump(root, seconds=2 * SEARCH_DELAY_MS / 1000)
    return len(searches) == count


def test_search_box_waits_for_typing_to_pause(themed):
    searches, searched_at = [], []

    def search(text):
        searches.append(text)
        searched_at.append(time.monotonic())

    box = SearchBox(themed, placeholder="搜索姓名", on_search=search)
    box.pack()
    type_into(themed, box.widget, "韩凌")
    last_keystroke = time.monotonic()
    type_into(themed, box.widget, "春")
    assert box.delay_ms == SEARCH_DELAY_MS
    assert searches == []  # still typing: each keystroke starts the wait again

    assert pump_until(themed, lambda: searches)
    assert searches == ["韩凌春"]  # once, for the whole name, not for 韩 and 韩凌
    # A lower bound only: a busy machine can make the wait longer, never shorter. (Tk
    # times after() by the wall clock; the 10% spares a clock being adjusted meanwhile.)
    assert searched_at[0] - last_keystroke >= 0.9 * SEARCH_DELAY_MS / 1000
    assert no_search_follows(themed, searches)
    assert box.get() == "韩凌春"


def box_that_searched(root, text: str) -> tuple[SearchBox, list[str]]:
    """A search box that has searched for `text` once, and the list of its searches."""
    searches: list[str] = []
    box = SearchBox(root, on_search=searches.append)
    box.pack()
    box.set(text)
    assert pump_until(root, lambda: searches == [text])
    return box, searches


def test_typing_and_taking_it_back_searches_nothing(themed):
    box, searches = box_that_searched(themed, "巴特尔")
    type_into(themed, box.widget, "子")
    box.widget.delete(len("巴特尔"), "end")
    assert no_search_follows(themed, searches)  # the list already shows this search


def test_search_box_escape_clears_and_enter_searches_at_once(themed):
    box, searches = box_that_searched(themed, "巴特尔")
    show_and_focus(themed, box.widget)
    press(themed, "<Return>")
    assert searches == ["巴特尔", "巴特尔"]  # Enter searches again, e.g. after new data

    press(themed, "<Escape>")
    assert box.get() == ""
    assert pump_until(themed, lambda: len(searches) == 3)
    assert searches[-1] == ""
    assert box.placeholder.place_info()  # the hint is back


def test_status_bar_shows_a_passing_message_then_the_resting_one(themed):
    bar = StatusBar(themed)
    bar.set_left("就绪")
    bar.set_right("共 2,391 户")
    bar.set_left("已保存", timeout_ms=50)
    assert bar.left.cget("text") == "已保存"
    assert pump_until(themed, lambda: bar.left.cget("text") == "就绪")
    assert bar.right.cget("text") == "共 2,391 户"


# Dialogs and layering ------------------------------------------------------------------


def test_dialog_seam_turns_cancel_into_an_empty_path(monkeypatch, tk_root):
    # The system's own choosers (Windows, macOS); X11's own ones are in test_own_dialogs.
    monkeypatch.setattr(dialogs, "own_dialogs_here", lambda parent: False)
    monkeypatch.setattr(dialogs.filedialog, "askopenfilename", lambda **kw: ())
    monkeypatch.setattr(dialogs.filedialog, "asksaveasfilename", lambda **kw: "")
    assert dialogs.ask_open_filename(tk_root, "选择花名册", [("Excel", "*.xlsx")]) == ""
    assert dialogs.ask_save_filename(tk_root, "保存简历") == ""


def test_widgets_do_not_reach_for_the_database():
    code = (
        "import sys, casework.ui.kit.widgets, casework.ui.kit.dialogs, casework.ui.kit.theme\n"
        "bad = [m for m in sys.modules if m.startswith(('casework.services', 'casework.db',"
        " 'casework.models', 'peewee'))]\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
