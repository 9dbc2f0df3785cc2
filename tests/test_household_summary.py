"""A household's head, size and visit dates: one rule, and its three callers agree.

The services refresh one household as it changes, the roster import refreshes every
household it touched at once, and the integrity check compares the stored columns with
the rule. Each test checks the stored columns against the live rows counted here in
Python, so the rule itself is tested, not only its callers against each other.
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook

from casework.db import database
from casework.imports import roster
from casework.models import Household, Person, Visit
from casework.services.register import household_summary, trash, visits
from casework.services.safety import integrity
from tests.factories import add_person, make_cadre, make_household, make_village, valid_id
from tests.roster_builder import MONITORING_HEADER

COLUMNS = ["head_name", "member_count", "last_visit_date", "next_visit_date"]


def expected(household: Household) -> dict:
    """The summary of `household` from its live members and visits, worked out by hand."""
    members = list(
        Person.select()
        .where(Person.household == household, Person.deleted_at.is_null())
        .order_by(Person.created_at, Person.id)
    )
    latest = (
        Visit.select()
        .where(Visit.household == household, Visit.deleted_at.is_null())
        .order_by(Visit.visit_date.desc(), Visit.created_at.desc(), Visit.id.desc())
        .first()
    )
    return {
        "head_name": next((m.name for m in members if m.relation == "head"), ""),
        "member_count": len(members),
        "last_visit_date": latest.visit_date if latest else None,
        "next_visit_date": latest.next_visit_date if latest else None,
    }


def stored(household: Household) -> dict:
    fresh = Household.get_by_id(household.id)
    return {column: getattr(fresh, column) for column in COLUMNS}


def summary_problems() -> list[str]:
    return [p for p in integrity.check().problems if "户" in p]


def assert_all_agree() -> None:
    households = list(Household.select())
    assert households
    for household in households:
        assert stored(household) == expected(household), household.code
    assert summary_problems() == []


def write_roster(path, rows: list[list]) -> None:
    book = Workbook()
    book.active.append(MONITORING_HEADER[:10])
    for values in rows:
        book.active.append(values)
    book.save(path)


def roster_row(code: str, relation: str, name: str) -> list:
    place = ["科左中旗", "架玛吐镇", "大新艾力嘎查", code, ""]
    return [*place, relation, name, "", "蒙古族", valid_id()]


@pytest.fixture
def register(db, today, tmp_path):
    """Households made through every caller: the import, then the services on top."""
    cadre = make_cadre()
    path = tmp_path / "花名册.xlsx"
    write_roster(
        path,
        [
            roster_row("150521009001", "户主", "韩令春"),
            roster_row("150521009001", "配偶", "包巴特尔"),
            roster_row("150521009001", "子", "韩国庆"),
            roster_row("150521009002", "子", "白国强"),  # a household with no head
        ],
    )
    assert roster.import_roster(path).applied
    by_hand = make_household(make_village("胡吉日嘎查"), code="150521009003", head="白福生")
    son = add_person(by_hand, "白宝音")
    for day, after in ((3, 30), (9, 20)):
        visits.record_visit(
            by_hand["id"],
            {
                "visit_date": dt.date(2026, 5, day),
                "situation": "了解务工意愿",
                "cadre_ids": [cadre["id"]],
                "next_visit_date": dt.date(2026, 5, day) + dt.timedelta(days=after),
            },
        )
    return {"by_hand": by_hand, "son": son}


def test_the_import_and_the_services_leave_what_the_check_expects(register):
    assert_all_agree()
    imported = Household.get(Household.code == "150521009001")
    assert stored(imported)["head_name"] == "韩令春" and stored(imported)["member_count"] == 3
    assert stored(Household.get(Household.code == "150521009002"))["head_name"] == ""
    by_hand = Household.get_by_id(register["by_hand"]["id"])
    assert stored(by_hand)["last_visit_date"] == dt.date(2026, 5, 9)


def test_deleting_and_restoring_keeps_them_agreeing(register):
    deletion = trash.delete_person(register["son"]["id"])
    [visit] = [v for v in visits.list_visits(register["by_hand"]["id"]) if v["visit_date"].day == 9]
    trash.delete_visit(visit["id"])
    assert_all_agree()
    assert stored(Household.get_by_id(register["by_hand"]["id"]))["member_count"] == 1
    trash.restore(deletion)
    assert_all_agree()


def test_a_member_moved_by_a_re_import_updates_both_households(register, tmp_path):
    son = Person.get(Person.name == "韩国庆")
    path = tmp_path / "转户.xlsx"
    row = roster_row("150521009002", "户主", "韩国庆")
    write_roster(path, [row[:9] + [son.id_number]])
    assert roster.import_roster(path).applied
    assert_all_agree()
    assert stored(Household.get(Household.code == "150521009002"))["head_name"] == "韩国庆"


@pytest.mark.parametrize(
    ("column", "wrong", "message"),
    [
        ("member_count", 9, "家庭人数与成员记录不符"),
        ("head_name", "无此人", "户主姓名与成员记录不符"),
        ("last_visit_date", "2001-01-01", "最近走访日期与走访记录不符"),
        ("next_visit_date", None, "下次走访日期与最近一次走访记录不符"),
    ],
)
def test_the_check_names_a_wrong_column_and_refresh_puts_it_right(register, column, wrong, message):
    household = Household.get_by_id(register["by_hand"]["id"])
    database.execute_sql(f"UPDATE household SET {column} = ? WHERE id = ?", [wrong, household.id])
    assert summary_problems() == [f"有 1 户{message}（如 {household.code}）"]
    household_summary.refresh(household.id)
    assert_all_agree()


def test_refreshing_many_at_once_equals_one_at_a_time(register):
    ids = [h.id for h in Household.select()]
    database.execute_sql("UPDATE household SET head_name = 'x', member_count = 0")
    household_summary.refresh(ids * 2)  # a household named twice is refreshed once
    assert_all_agree()


def test_two_heads_made_in_the_same_instant_give_one_answer_everywhere(register):
    household = Household.get(Household.code == "150521009001")
    spouse = Person.get(Person.name == "包巴特尔")
    head = Person.get(Person.name == "韩令春")
    # What a merge of two laptops' records could leave: two heads, one creation time.
    Person.update(relation="head", created_at=head.created_at).where(
        Person.id == spouse.id
    ).execute()
    household_summary.refresh(household.id)
    first = min((head, spouse), key=lambda p: p.id)
    assert stored(household)["head_name"] == first.name == expected(household)["head_name"]
    assert summary_problems() == [f"有 1 户登记了不止一位户主（如 {household.code}）"]
