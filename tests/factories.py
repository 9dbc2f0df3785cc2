"""Small builders for test data, going through the real services."""

from __future__ import annotations

import datetime as dt
import itertools

from stdnum.cn import ric

from casework.services.register import areas, cadres, households, people

_sequence = itertools.count(1)


def valid_id(birth: str | None = None, region: str = "150521", male: bool = True) -> str:
    """A valid 18-digit ID number; each call gives a different one.

    Without `birth`, each call also takes a different birth date (1970-1997: of working
    age), so a long test run never runs out of sequence numbers and repeats a number.
    """
    n = next(_sequence)
    if birth is None:
        birth = (dt.date(1970, 1, 1) + dt.timedelta(days=n % 10000)).strftime("%Y%m%d")
    seq = (n * 2 + (1 if male else 0)) % 1000
    body = f"{region}{birth}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


def make_cadre(name: str = "杨志勇") -> dict:
    return cadres.create_cadre(
        {"name": name, "unit": "北京市顺义区人力资源和社会保障局"}, make_current=True
    )


def make_village(name: str = "大新艾力嘎查", township: str = "架玛吐镇") -> dict:
    county = next((a for a in areas.children(None) if a["name"] == "科左中旗"), None)
    county = county or areas.create_area(None, "科左中旗", "150521")
    town = next((a for a in areas.children(county["id"]) if a["name"] == township), None)
    town = town or areas.create_area(county["id"], township)
    return areas.create_area(town["id"], name)


def make_household(
    village: dict,
    code: str | None = None,
    status: str = "registered",
    head: str = "韩令春",
    **extra,
) -> dict:
    household = households.create_household(
        {
            "code": code or f"15052100{next(_sequence):05d}",
            "village_id": village["id"],
            "status": status,
            **extra,
        }
    )
    if head:
        people.add_member(
            household["id"],
            {"relation": "head", "name": head, "id_number": valid_id(), "ethnicity": "mongol"},
        )
    return households.get_household(household["id"])


def add_person(
    household: dict, name: str, relation: str = "son", id_number: str | None = None, **extra
) -> dict:
    return people.add_member(
        household["id"],
        {"relation": relation, "name": name, "id_number": id_number or valid_id(), **extra},
    )
