"""The reusable widgets, driven through real Tk widgets on the virtual display."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tkinter as tk
from tkinter import ttk

import pytest

from casework import vocab
from casework.ui import dialogs, theme
from casework.ui.widgets import (
    BoolField,
    CheckGroup,
    ChoiceField,
    DateField,
    Form,
    MultiLineField,
    PagedTable,
    SearchBox,
    StatusBar,
    TextField,
)
from tests.tkutil import pump, pump_until


@pytest.fixture
def themed(tk_root):
    """The root with the Casework look applied, as the application does at start-up."""
    theme.apply_theme(tk_root)
    return tk_root


def show_and_focus(root: tk.Tk, widget: tk.Widget) -> None:
    # Tk delivers key presses only to the focused widget of a window on screen.
    root.deiconify()
    root.update()
    widget.focus_force()
    root.update()


def type_into(root: tk.Tk, entry: ttk.Entry, text: str) -> None:
    for char in text:
        entry.insert("end", char)
        root.update()


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


# Fields --------------------------------------------------------------------------------


def test_resting_the_pointer_on_a_field_explains_it(themed):
    field = TextField(themed, "身份证号码", help="18位居民身份证号码，出生日期和性别由它得出")
    field.pack()
    show_and_focus(themed, field.widget)
    field.widget.event_generate("<Enter>", x=5, y=5)
    assert pump_until(themed, lambda: field.tooltip.winfo_ismapped(), timeout=2.0)
    assert field.tooltip.msg_var.get() == "18位居民身份证号码，出生日期和性别由它得出"
    field.widget.event_generate("<Leave>")
    themed.update()
    assert not field.tooltip.winfo_ismapped()
    assert TextField(themed, "备注").tooltip is None


def test_choice_field_speaks_in_codes_and_shows_labels(themed):
    field = ChoiceField(themed, "民族", choices=vocab.ETHNICITY)
    changes = []
    field.on_change(lambda: changes.append(field.get()))

    field.set("mongol")
    assert field.widget.get() == "蒙古族"
    assert field.get() == "mongol"
    assert changes == []  # loading a value is not the cadre's edit

    field.widget.current(list(field.widget.cget("values")).index("汉族"))
    field.widget.event_generate("<<ComboboxSelected>>")
    assert field.get() == "han"
    assert changes == ["han"]

    # Not required: the blank first entry takes the choice back.
    assert field.widget.cget("values")[0] == ""
    field.set("")
    assert field.get() == ""


def test_required_choice_field_offers_no_blank_and_keeps_unknown_codes(themed):
    field = ChoiceField(themed, "与户主关系", choices=vocab.RELATION, required=True)
    assert "" not in field.widget.cget("values")

    field.set("godson")  # a code this version does not know must not vanish
    assert field.get() == "godson"
    assert field.widget.get() == "godson"


def test_choice_field_new_choices_keep_a_choice_still_offered(themed):
    field = ChoiceField(themed, "嘎查村", choices={"v1": "东升村", "v2": "新艾力村"})
    field.set("v2")
    field.set_choices({"v2": "新艾力村", "v3": "西伯花村"})
    assert field.get() == "v2"
    field.set_choices({"v4": "哈日干吐嘎查"})
    assert field.get() == ""


def test_check_group_ticks_codes_in_vocabulary_order(themed):
    group = CheckGroup(themed, "意向务工地点", choices=vocab.DESTINATION)
    group.set(["local", "beijing"])
    assert group.get() == ["beijing", "local"]

    group.buttons["in_county"].invoke()
    assert group.get() == ["beijing", "in_county", "local"]

    group.set("in_region,local")  # as the database stores it
    assert group.get() == ["in_region", "local"]
    assert group.vars["beijing"].get() is False


def test_text_date_bool_and_multiline_fields(themed, today):
    text = TextField(themed, "姓名")
    text.set(None)
    assert text.get() == ""

    date = DateField(themed, "走访日期")
    date.set(dt.date(2026, 3, 5))
    assert date.get() == "2026-03-05"
    date.today_button.invoke()
    assert date.get() == "2026-11-27"
    date.set("2026年3月5日")
    assert date.get() == "2026年3月5日"  # raw text: the validator reads it

    willing = BoolField(themed, "愿意外出务工")
    willing.widget.invoke()
    assert willing.get() is True

    notes = MultiLineField(themed, "走访情况")
    notes.set("第一行\n第二行")
    assert notes.get() == "第一行\n第二行"


def test_multiline_field_reports_typing(themed):
    notes = MultiLineField(themed, "走访情况")
    changes = []
    notes.on_change(lambda: changes.append(notes.get()))
    notes.set("已核实")
    pump(themed)
    assert changes == []

    notes.widget.insert("end", "，家中有老人")
    pump(themed)
    assert changes == ["已核实，家中有老人"]


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


# PagedTable ----------------------------------------------------------------------------

COLUMNS = [
    ("code", "户编号", 120, "w", True),
    ("head", "户主", 80),
    ("members", "人口", 50, "e", True),
]


class FakeRows:
    """1,234 households served a page at a time, counting the fetches."""

    def __init__(self, count: int = 1234) -> None:
        self.rows = [
            {"id": f"{i:032x}", "code": f"HH{i:05d}", "head": f"户主{i}", "members": i % 7}
            for i in range(count)
        ]
        self.calls: list[tuple[int, int]] = []

    def fetch(self, page: int, page_size: int):
        self.calls.append((page, page_size))
        start = (page - 1) * page_size
        return self.rows[start : start + page_size], len(self.rows)


def test_paged_table_holds_one_page_and_pages_through(themed):
    data = FakeRows()
    table = PagedTable(themed, COLUMNS, data.fetch, page_size=50, unit="户")
    table.refresh()

    tree = table.tree
    assert len(tree.get_children()) == 50
    assert tree.get_children()[0] == data.rows[0]["id"]
    assert tree.item(data.rows[0]["id"], "values")[:2] == ("HH00000", "户主0")
    assert table.pager_label.cget("text") == "第 1/25 页，共 1,234 户"
    assert table.prev_button.instate(["disabled"])

    table.next_button.invoke()
    assert tree.get_children()[0] == data.rows[50]["id"]
    assert len(tree.get_children()) == 50
    assert table.pager_label.cget("text") == "第 2/25 页，共 1,234 户"
    assert data.calls[-1] == (2, 50)

    table.prev_button.invoke()
    assert table.page == 1
    table.go_to_page(25)
    assert len(tree.get_children()) == 34
    assert table.next_button.instate(["disabled"])
    assert table.pager_label.cget("text") == "第 25/25 页，共 1,234 户"


def test_paged_table_never_shows_more_than_a_page(themed):
    data = FakeRows()
    table = PagedTable(
        themed, COLUMNS, lambda page, size: (data.rows, len(data.rows)), page_size=20
    )
    table.refresh()
    assert len(table.tree.get_children()) == 20


def test_paged_table_stripes_rows(themed):
    table = PagedTable(themed, COLUMNS, FakeRows().fetch, page_size=10)
    table.refresh()
    tags = [table.tree.item(iid, "tags") for iid in table.tree.get_children()[:3]]
    assert tags[0] != tags[1] and tags[0] == tags[2]


def test_paged_table_goes_back_when_its_page_empties(themed):
    data = FakeRows(120)
    table = PagedTable(themed, COLUMNS, data.fetch, page_size=50)
    table.refresh()
    table.go_to_page(3)
    del data.rows[60:]  # someone deleted records meanwhile
    table.refresh()
    assert table.page == 2
    assert len(table.tree.get_children()) == 10


def test_clicking_a_sortable_heading_asks_for_the_order_and_restarts(themed):
    data = FakeRows()
    table = PagedTable(themed, COLUMNS, data.fetch, page_size=50)
    sorts = []
    table.on_sort(lambda key, descending: sorts.append((key, descending)))
    table.refresh()
    table.next_page()

    themed.tk.call(table.tree.heading("members", "command"))
    assert sorts == [("members", False)]
    assert table.page == 1
    assert data.calls[-1] == (1, 50)
    assert table.tree.heading("members", "text").endswith("▲")

    themed.tk.call(table.tree.heading("members", "command"))
    assert sorts[-1] == ("members", True)
    assert table.tree.heading("members", "text").endswith("▼")
    assert table.tree.heading("head", "command") == ""  # not sortable


def test_enter_opens_the_selected_row_and_page_keys_turn_pages(themed):
    data = FakeRows()
    table = PagedTable(themed, COLUMNS, data.fetch, page_size=50)
    table.pack()
    table.refresh()
    opened, selected = [], []
    table.on_open(opened.append)
    table.on_select(selected.append)
    show_and_focus(themed, table.tree)
    pump(themed)
    assert table.selected_id() == data.rows[0]["id"]  # focus starts on the first row

    table.tree.event_generate("<Down>")
    pump(themed)
    assert table.selected_id() == data.rows[1]["id"]
    assert selected[-1] == data.rows[1]["id"]

    table.tree.event_generate("<Return>")
    pump(themed)
    assert opened == [data.rows[1]["id"]]

    table.tree.event_generate("<Next>")
    pump(themed)
    assert table.page == 2
    assert table.selected_id() == data.rows[50]["id"]
    table.tree.event_generate("<Prior>")
    pump(themed)
    assert table.page == 1


def test_double_click_opens_the_row_under_the_pointer(themed):
    data = FakeRows()
    table = PagedTable(themed, COLUMNS, data.fetch, page_size=50)
    table.pack()
    table.refresh()
    opened = []
    table.on_open(opened.append)
    show_and_focus(themed, table.tree)
    third = table.tree.bbox(data.rows[2]["id"])
    x, y = third[0] + 5, third[1] + third[3] // 2
    for _ in range(2):
        table.tree.event_generate("<ButtonPress-1>", x=x, y=y)
        table.tree.event_generate("<ButtonRelease-1>", x=x, y=y)
    pump(themed)
    assert opened == [data.rows[2]["id"]]


def test_empty_table_says_so(themed):
    data = FakeRows(0)
    table = PagedTable(themed, COLUMNS, data.fetch, page_size=50)
    table.refresh()
    assert table.empty_shown
    assert table.empty_label.cget("text") == "没有符合条件的记录"
    assert table.pager_label.cget("text") == "第 1/1 页，共 0 条"
    assert table.next_button.instate(["disabled"])

    data.rows.append({"id": "a" * 32, "code": "HH1", "head": "王玉梅", "members": 3})
    table.refresh()
    assert not table.empty_shown


def test_refresh_keeps_the_selection(themed):
    data = FakeRows()
    table = PagedTable(themed, COLUMNS, data.fetch, page_size=50)
    table.refresh()
    assert table.select(data.rows[7]["id"])
    data.rows[7]["head"] = "改名"
    table.refresh()
    assert table.selected_id() == data.rows[7]["id"]
    assert table.selected_row()["head"] == "改名"
    assert not table.select("not-on-this-page")


# SearchBox and StatusBar ---------------------------------------------------------------


def test_search_box_waits_for_typing_to_pause(themed):
    searches = []
    box = SearchBox(themed, placeholder="搜索姓名", on_search=searches.append)
    box.pack()
    type_into(themed, box.widget, "韩凌")
    box.widget.insert("end", "春")
    assert searches == []  # still typing

    assert pump_until(themed, lambda: searches, timeout=2.0)
    pump(themed, seconds=0.2)
    assert searches == ["韩凌春"]
    assert box.get() == "韩凌春"


def test_search_box_escape_clears_and_enter_searches_at_once(themed):
    searches = []
    box = SearchBox(themed, on_search=searches.append, delay_ms=150)
    box.pack()
    box.set("巴特尔")
    pump(themed, seconds=0.3)
    assert searches == ["巴特尔"]

    show_and_focus(themed, box.widget)
    box.widget.event_generate("<Return>")
    assert searches == ["巴特尔", "巴特尔"]  # Enter searches again, e.g. after new data

    box.widget.event_generate("<Escape>")
    assert box.get() == ""
    pump(themed, seconds=0.3)
    assert searches[-1] == ""
    assert box.placeholder.place_info()  # the hint is back


def test_status_bar_shows_a_passing_message_then_the_resting_one(themed):
    bar = StatusBar(themed)
    bar.set_left("就绪")
    bar.set_right("共 2,391 户")
    bar.set_left("已保存", timeout_ms=50)
    assert bar.left.cget("text") == "已保存"
    pump(themed, seconds=0.2)
    assert bar.left.cget("text") == "就绪"
    assert bar.right.cget("text") == "共 2,391 户"


# Dialogs and layering ------------------------------------------------------------------


def test_dialog_seam_turns_cancel_into_an_empty_path(monkeypatch, tk_root):
    monkeypatch.setattr(dialogs.filedialog, "askopenfilename", lambda **kw: ())
    monkeypatch.setattr(dialogs.filedialog, "asksaveasfilename", lambda **kw: "")
    assert dialogs.ask_open_filename(tk_root, "选择花名册", [("Excel", "*.xlsx")]) == ""
    assert dialogs.ask_save_filename(tk_root, "保存简历") == ""


def test_widgets_do_not_reach_for_the_database():
    code = (
        "import sys, casework.ui.widgets, casework.ui.dialogs, casework.ui.theme\n"
        "bad = [m for m in sys.modules if m.startswith(('casework.services', 'casework.db',"
        " 'casework.models', 'peewee'))]\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
