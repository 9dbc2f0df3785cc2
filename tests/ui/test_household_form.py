"""The household form: village and group pickers, an automatic code, errors beside fields."""

from __future__ import annotations

import pytest

from casework.services.register import areas, households
from casework.ui.register.household_form import HouseholdForm
from tests.factories import make_cadre, make_household, make_village
from tests.ui.fake_app import FakeApp


@pytest.fixture
def setup(db, today, tk_root, no_message_boxes):
    make_cadre()
    village = make_village("大新艾力嘎查", "架玛吐镇")
    other = make_village("哈日干吐嘎查", "架玛吐镇")
    group = areas.create_area(village["id"], "三组")
    return {
        "app": FakeApp(tk_root),
        "village": village,
        "other": other,
        "group": group,
        "root": tk_root,
        "saved": [],
    }


def choose(field, label: str) -> None:
    """Pick `label` from a drop-down as the cadre would."""
    values = list(field.widget.cget("values"))
    field.widget.current(values.index(label))
    field.widget.event_generate("<<ComboboxSelected>>")


def test_a_new_household_gets_a_code_and_its_group(setup):
    form = HouseholdForm(setup["root"], setup["app"], on_saved=setup["saved"].append)
    assert "不填则自动生成" in form.form["code"].help
    assert form.form["group_id"].widget.cget("values") == ("",)
    choose(form.form["village_id"], "架玛吐镇 大新艾力嘎查")
    choose(form.form["group_id"], "三组")  # offered once the village is chosen
    choose(form.form["status"], "监测户")
    form.form["phone"].set("0475 1234567")
    form.button_ok.invoke()

    assert not form.winfo_exists()
    [record] = setup["saved"]
    household = households.get_household(record["id"])
    assert household["code"] == "X20261127001"
    assert household["group_id"] == setup["group"]["id"]
    assert household["area_path"] == "架玛吐镇 大新艾力嘎查 三组"
    assert household["phone"] == "0475-1234567"
    assert setup["app"].notifications == ["已保存农户 X20261127001"]


def test_changing_the_village_drops_a_group_of_the_old_one(setup):
    form = HouseholdForm(setup["root"], setup["app"])
    choose(form.form["village_id"], "架玛吐镇 大新艾力嘎查")
    choose(form.form["group_id"], "三组")
    choose(form.form["village_id"], "架玛吐镇 哈日干吐嘎查")
    assert form.form["group_id"].get() == ""


def test_problems_show_beside_their_fields(setup):
    form = HouseholdForm(setup["root"], setup["app"])
    form.form["phone"].set("12345")
    form.form["address"].set("三组东头")
    form.button_ok.invoke()
    assert form.form["village_id"].error_label.cget("text") == "请选择所在嘎查村"
    assert form.form["status"].error_label.cget("text") == "请选择农户类型"
    assert form.form["phone"].error_label.cget("text") == "手机号码应为11位，现在是5位"
    assert form.form["address"].get() == "三组东头"
    assert setup["saved"] == []


def test_editing_loads_the_household_and_saves_changes(setup):
    household = make_household(setup["village"], code="150521009", group_id=setup["group"]["id"])
    form = HouseholdForm(
        setup["root"], setup["app"], household["id"], on_saved=setup["saved"].append
    )
    assert form.form["code"].get() == "150521009"
    assert form.form["group_id"].widget.get() == "三组"
    assert not form.is_dirty()
    form.form["notes"].widget.insert("1.0", "2025年因病致贫")
    form.button_ok.invoke()
    assert households.get_household(household["id"])["notes"] == "2025年因病致贫"
