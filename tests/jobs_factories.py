"""Builders for jobs tests: an employer, a posting, a willing person, through the real services."""

from __future__ import annotations

import itertools

from casework.services.jobs import employers, postings
from casework.services.register import wishes
from tests.factories import add_person, make_household, make_village

_villages = itertools.count(1)

USCC = "91110000600037341L"  # a valid unified social credit code (check digit L)


def make_employer(name: str = "北京嘉裕集团", **extra) -> dict:
    return employers.create_employer({"name": name, "kind": "beijing", "place": "顺义区", **extra})


def make_posting(employer: dict | None = None, **extra) -> dict:
    employer = employer or make_employer()
    data = {
        "employer_id": employer["id"],
        "position": "中餐厨师",
        "job_kind": "cook",
        "place": "beijing",
        "headcount": "5",
        "pay_min": "5000",
        "pay_max": "7000",
        **extra,
    }
    return postings.create_posting(data)


def make_willing(
    name: str,
    destinations=("beijing",),
    job_kinds: str = "厨师",
    willing: bool = True,
    household: dict | None = None,
    birth: str = "19900101",
    male: bool = True,
    wish: dict | None = None,
    **person,
) -> dict:
    """A person (in a new household unless given) with a live employment wish."""
    from tests.factories import valid_id

    household = household or make_household(make_village(f"新村{next(_villages)}"), head=None)
    member = add_person(
        household,
        name,
        relation="head" if not household.get("head_name") else "son",
        id_number=valid_id(birth, male=male),
        **person,
    )
    wishes.record_wish(
        member["id"],
        {
            "willing_to_go_out": willing,
            "destinations": list(destinations),
            "job_kinds": job_kinds,
            "expected_pay": "6000",
            **(wish or {}),
        },
    )
    return member
