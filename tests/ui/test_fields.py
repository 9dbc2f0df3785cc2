"""The form fields and their tooltips, driven through real Tk widgets on the virtual display."""

from __future__ import annotations

import datetime as dt

from casework import validation, vocab
from casework.ui.kit.widgets import (
    BoolField,
    CheckGroup,
    ChoiceField,
    DateField,
    Form,
    MultiLineField,
    TextField,
)
from tests.tkutil import pump, pump_until
from tests.ui.widget_helpers import focused_widget, press, show_and_focus

# Fields --------------------------------------------------------------------------------


def test_resting_the_pointer_on_a_field_explains_it(themed):
    field = TextField(themed, "身份证号码", help="18位居民身份证号码，出生日期和性别由它得出")
    field.pack()
    show_and_focus(themed, field.widget)
    assert field.tooltip.window is None  # made on the first hover, not with the field
    field.widget.event_generate("<Enter>", x=5, y=5)
    assert pump_until(themed, field.tooltip.showing, timeout=2.0)
    assert field.tooltip.window.msg_var.get() == "18位居民身份证号码，出生日期和性别由它得出"
    field.widget.event_generate("<Leave>")
    themed.update()
    assert not field.tooltip.window.winfo_ismapped()
    field.widget.event_generate("<Enter>", x=5, y=5)  # and shown again by the same window
    assert pump_until(themed, field.tooltip.showing, timeout=2.0)
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


def test_a_read_only_multiline_field_still_takes_the_value_it_is_given(themed):
    # A resume editor with no draft shows its fields read-only; the first draft's
    # prefilled 自我评价 loaded into one must be there, not silently dropped.
    field = MultiLineField(themed, "自我评价")
    field.set_enabled(False)
    field.set("身体健康，愿意到北京务工。")
    assert field.get() == "身体健康，愿意到北京务工。"
    assert str(field.widget.cget("state")) == "disabled"  # and still read-only
    field.widget.insert("end", "被输入的字")  # as a keystroke would: ignored
    assert field.get() == "身体健康，愿意到北京务工。"


def test_a_long_error_keeps_the_field_its_size_and_is_read_whole_on_hover(themed):
    field = DateField(themed, "走访日期", help="哪天去的")
    field.pack()
    themed.update_idletasks()
    size = (field.winfo_reqwidth(), field.winfo_reqheight())
    field.show_error("走访日期格式应为 年-月-日，例如 2026-11-27，也可写成 2026年11月27日")
    themed.update_idletasks()
    assert (field.winfo_reqwidth(), field.winfo_reqheight()) == size
    show_and_focus(themed, field.widget)
    field.widget.event_generate("<Enter>", x=5, y=5)
    assert pump_until(themed, field.tooltip.showing, timeout=2.0)
    assert field.tooltip.window.msg_var.get().startswith(
        "走访日期格式应为 年-月-日，例如 2026-11-27，"
    )
    field.widget.event_generate("<Leave>")
    field.clear_error()
    assert field.tooltip.window.msg == "哪天去的"


def test_a_live_check_clears_its_error_on_change_and_on_leaving_the_field(themed):
    form = Form()
    amount = form.add("amount", TextField(themed, "金额"))
    other = form.add("other", TextField(themed, "备注"))
    amount.pack()
    other.pack()
    form.check_live("amount", lambda values: validation.money(values["amount"]))
    amount.set("12")
    assert amount.error == ""  # nothing to clear, and no message before a save
    form.show_errors({"amount": "金额请填写数字"})
    amount.var.set("-5")  # wrong in another way: the save's own message replaces it
    assert amount.error == "金额不能是负数"
    amount.set("120")  # not the cadre's edit (muted) ...
    assert amount.error != ""
    show_and_focus(themed, amount.widget)
    show_and_focus(themed, other.widget)  # ... but leaving the field checks it
    assert amount.error == "" and amount.error_label.cget("text") == ""


def test_today_is_reached_by_tab_and_pressed_by_enter_or_space(themed, today):
    field = DateField(themed, "走访日期")
    field.pack()
    show_and_focus(themed, field.widget)
    press(themed, "<Tab>")
    assert focused_widget(themed) is field.today_button
    press(themed, "<Return>")
    assert field.get() == today.isoformat()
    field.set("")
    press(themed, "<space>")
    assert field.get() == today.isoformat()
