"""The change history as screens read it: labels, laptops, filters, 恢复此值, the package log."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.models import Area, Change, Household, Person
from casework.services.common import ConflictError, NotFoundError
from casework.services.register import areas, cadres, households, people, trash, visits
from casework.services.settings import save_setting
from casework.services.sync import heads, history
from casework.services.sync.history_labels import (
    display_value,
    field_label,
    input_kind,
    typed_value,
)
from casework.services.sync.record_values import MODELS
from casework.services.sync.tables import BOOKKEEPING, TABLES
from casework.validation import ValidationError
from tests.factories import add_person, make_cadre, make_household, make_village, valid_id

PHONE_1, PHONE_2, PHONE_3 = "13900000001", "13900000002", "13900000003"


def test_every_merged_field_has_a_chinese_label():
    missing = []
    for table in TABLES:
        model = MODELS[table.name]
        names = [n for n in model._meta.fields if n not in BOOKKEEPING | table.derived]
        names += [link[0] for link in table.links]
        missing += [f"{table.entity}.{n}" for n in names if field_label(table.entity, n) == n]
    assert missing == []


def test_values_read_as_a_cadre_says_them(db, today):
    make_cadre()
    village = make_village()
    household = make_household(village, code="150521001", head="韩令春")
    assert display_value("person", "relation", "son") == "子"
    assert display_value("wish", "destinations", "beijing,in_county") == "赴京、县内"
    assert display_value("posting", "board", "1") == "是"
    assert display_value("household", "village", village["id"]) == "大新艾力嘎查"
    assert display_value("person", "household", household["id"]) == "150521001 韩令春户"
    assert display_value("person", "id_number", "150521199001011234") == "150521********1234"
    assert display_value("person", "id_number", "150521199001011234", True).endswith("011234")
    assert display_value("person", "phone", PHONE_1) == "139****0001"
    assert display_value("person", "notes", None) == "（空）"
    cadre = cadres.current_cadre()
    assert display_value("visit", "cadre_ids", cadre["id"]) == "杨志勇"


def test_typed_values_are_checked_like_the_forms():
    assert typed_value("visit", "visit_date", "2026年11月2日") == "2026-11-02"
    assert typed_value("visit", "next_visit_date", "") is None
    assert typed_value("wish", "expected_pay", "0.6万") == "6000"
    assert typed_value("person", "skills", "  电焊 ") == "电焊"
    with pytest.raises(ValidationError) as error:
        typed_value("person", "phone", "1390000")
    assert "phone" in error.value.errors
    with pytest.raises(ValidationError):
        typed_value("person", "name", "")
    assert input_kind("person", "education")[0] == "choice"
    assert input_kind("posting", "lodging") == ("choice", {"1": "是", "0": "否"})
    assert input_kind("visit", "cadre_ids") == ("none", None)
    assert input_kind("visit", "situation") == ("long", None)


@pytest.fixture
def son(db, today):
    make_cadre()
    household = make_household(make_village(), code="150521001", head="韩令春")
    return add_person(household, "韩春明")


def test_a_records_history_newest_first_masked_unless_asked(son, set_now):
    set_now(dt.datetime(2026, 11, 27, 11, 0))
    people.update_member(son["id"], {**son, "phone": PHONE_1})
    set_now(dt.datetime(2026, 11, 27, 12, 0))
    people.update_member(son["id"], {**son, "phone": PHONE_2, "skills": "电焊"})
    rows = history.record_history("person", son["id"])
    assert [(r["field_label"], r["change"]) for r in rows] == [
        ("技能特长", "（空） → 电焊"),  # one save: the later number first
        ("联系电话", "139****0001 → 139****0002"),
        ("联系电话", "（空） → 139****0001"),
        ("新建", "新建"),
    ]
    assert rows[1]["changed_at"] == dt.datetime(2026, 11, 27, 12, 0)
    assert {r["cadre_name"] for r in rows} == {"杨志勇"} and {r["laptop"] for r in rows} == {"本机"}
    full = history.record_history("person", son["id"], show_full=True)
    assert full[1]["change"] == f"{PHONE_1} → {PHONE_2}"
    assert [r["restorable"] for r in rows][-1] is False  # 新建 is no field to go back to


def test_the_household_history_holds_its_members_and_visits(son):
    household_id = son["household_id"]
    people.update_member(son["id"], {**son, "phone": PHONE_1})
    cadre = cadres.current_cadre()
    visit = visits.record_visit(
        household_id,
        {"visit_date": "2026-11-20", "situation": "在家", "cadre_ids": [cadre["id"]]},
    )
    visits.update_visit(visit["id"], {**visit, "situation": "在家养牛"})
    rows = history.household_history(household_id)
    labels = {(r["record_label"], r["field_label"]) for r in rows}
    assert ("韩春明（150521001）", "联系电话") in labels
    assert ("2026-11-20 走访 150521001", "了解情况") in labels
    assert ("150521001 韩令春户", "新建") in labels


def test_recent_changes_filter_by_kind_cadre_laptop_and_dates(son, set_now):
    other = cadres.create_cadre({"name": "王芳"}, make_current=True)
    set_now(dt.datetime(2026, 11, 29, 9, 0))
    people.update_member(son["id"], {**son, "phone": PHONE_1})
    rows, total = history.recent_changes(page=1, page_size=5)
    assert total == Change.select().where(Change.entity != "export").count() and len(rows) == 5
    assert rows[0]["field_label"] == "联系电话" and rows[0]["cadre_name"] == "王芳"
    mine, total = history.recent_changes(cadre_id=other["id"])
    assert total == 1 and mine[0]["record_label"] == "韩春明（150521001）"
    _rows, total = history.recent_changes(entity="household")
    assert total == Change.select().where(Change.entity == "household").count()
    _rows, total = history.recent_changes(date_from=dt.date(2026, 11, 28))
    assert total == 1
    _rows, total = history.recent_changes(date_to=dt.date(2026, 11, 28))
    assert total == Change.select().where(Change.entity != "export").count() - 1
    _rows, total = history.recent_changes(laptop="0" * 32)
    assert total == 0


def change_of(record_id: str, field: str, new: str) -> str:
    return (
        Change.select(Change.id)
        .where(Change.record_id == record_id, Change.field == field, Change.new_value == new)
        .scalar()
    )


def test_restore_sets_a_field_back_as_a_new_change(son):
    people.update_member(son["id"], {**son, "phone": PHONE_1})
    people.update_member(son["id"], {**son, "phone": PHONE_2})
    said = history.restore_value(change_of(son["id"], "phone", PHONE_2))
    assert Person.get_by_id(son["id"]).phone == PHONE_1
    assert said == {"record_label": "韩春明（150521001）", "field_label": "联系电话",
                    "display": "139****0001"}  # fmt: skip
    newest = history.record_history("person", son["id"])[0]
    assert newest["change"] == "139****0002 → 139****0001"
    with pytest.raises(ConflictError, match="现在就是"):
        history.restore_value(change_of(son["id"], "phone", PHONE_2))


def test_restore_runs_the_records_own_checks(son):
    number = son["id_number"]
    people.update_member(son["id"], {**son, "id_number": valid_id()})
    household = Household.get_by_id(son["household_id"])
    add_person({"id": household.id}, "包金山", id_number=number)  # the old number is taken now
    now = Person.get_by_id(son["id"]).id_number
    with pytest.raises(ValidationError) as error:
        history.restore_value(change_of(son["id"], "id_number", now))
    assert "同一号码不能登记两次" in error.value.errors["id_number"]


def test_restore_of_a_link_set_a_pointer_and_a_field_no_form_takes(son):
    cadre = cadres.current_cadre()
    other = cadres.create_cadre({"name": "王芳"})
    visit = visits.record_visit(
        son["household_id"],
        {"visit_date": "2026-11-20", "situation": "在家", "cadre_ids": [cadre["id"]]},
    )
    both = [cadre["id"], other["id"]]
    visits.update_visit(visit["id"], {**visit, "cadre_ids": both})
    history.restore_value(change_of(visit["id"], "cadre_ids", ",".join(sorted(both))))
    assert visits.get_visit(visit["id"])["cadre_ids"] == [cadre["id"]]

    household_id = son["household_id"]
    first = Household.get_by_id(household_id).village_id
    second = make_village("新村")
    data = households.get_household(household_id)
    households.update_household(household_id, data | {"village_id": second["id"]})
    history.restore_value(change_of(household_id, "village", second["id"]))
    assert Household.get_by_id(household_id).village_id == first

    areas.rename_area(second["id"], "新村二组")  # no form's update restores a place's name
    history.restore_value(change_of(second["id"], "name", "新村二组"))
    assert Area.get_by_id(second["id"]).name == "新村"
    assert history.record_history("area", second["id"])[0]["change"] == "新村二组 → 新村"


def test_restore_refuses_events_and_deleted_records(son):
    created = change_of(son["id"], "created", "韩春明")
    with pytest.raises(ConflictError, match="不能恢复"):
        history.restore_value(created)
    people.update_member(son["id"], {**son, "phone": PHONE_1})
    phone = change_of(son["id"], "phone", PHONE_1)
    trash.delete_person(son["id"])
    with pytest.raises(NotFoundError):
        history.restore_value(phone)
    with pytest.raises(NotFoundError):
        history.restore_value("f" * 32)


def test_restore_in_a_conflict_settles_it(laptops):
    laptops.use("a")
    make_cadre()
    household = make_household(make_village(), code="150521001", head="韩令春")
    son = add_person(household, "韩春明")
    laptops.copy("a", "b")
    laptops.use("a")
    people.update_member(son["id"], {**son, "phone": PHONE_1})
    laptops.use("b")
    people.update_member(son["id"], {**son, "phone": PHONE_2})
    laptops.exchange("a", "b")
    assert heads.open_conflicts() == [("person", son["id"], "phone")]
    names = {r["laptop"] for r in history.record_history("person", son["id"])}
    assert names == {"本机", "杨志勇"}  # a's laptop goes by its cadre's name
    history.restore_value(change_of(son["id"], "phone", PHONE_2))
    assert heads.open_conflicts() == [] and Person.get_by_id(son["id"]).phone == ""
    laptops.exchange("b", "a")
    assert heads.open_conflicts() == [] and Person.get_by_id(son["id"]).phone == ""


def test_packages_and_the_laptop_settings(laptops):
    laptops.use("a")
    make_cadre()
    make_household(make_village(), code="150521001")
    laptops.copy("a", "b")
    laptops.use("a")
    save_setting("laptop_name", "王芳的电脑")
    laptops.exchange("a", "b")
    received = history.list_packages()
    assert [(p["direction_label"], p["peer_name"]) for p in received] == [("导入", "王芳的电脑")]
    assert received[0]["summary"] == "新增 0 条记录，更新 0 个字段，冲突 0 处，疑似重复 0 对"
    assert [t["name"] for t in history.export_targets()] == ["王芳的电脑"]
    with pytest.raises(ValidationError):
        history.save_laptop_settings("", False)
    with pytest.raises(ValidationError):
        history.save_laptop_settings("长" * 61, False)
    saved = history.save_laptop_settings(" 县办公室 ", True)
    assert saved == history.LaptopSettings("县办公室", True)
    laptops.exchange("b", "a")
    assert [t["name"] for t in history.export_targets()] == ["县办公室"]
    assert history.export_targets()[0]["is_office"] is True
    sent = history.list_packages()
    assert sent[0]["summary"].startswith("新增") and sent[1]["direction_label"] == "导出"
    assert history.package_summary("sent", "not json") == ""
