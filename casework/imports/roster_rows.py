"""One roster row read into clean values, with its problems; pure, no database.

A problem is an error (the row cannot be imported: no name, an ID number that fails its
check digit or lost its last digits) or a warning (the row is imported without the
doubtful item: an unknown education word, a malformed phone number).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casework import clock
from casework import validation as v
from casework.imports import cells
from casework.imports.headers import LABELS

PERSON_VOCAB = ("ethnicity", "education", "health", "labour_ability", "work_status")
TEXT_LIMITS = {"address": ("住址", 100), "skills": ("技能特长", 200)}


@dataclass
class RowInput:
    """What one row says, cleaned: area names, household code, and the person's fields."""

    sheet: str
    row: int
    county: str = ""
    township: str = ""
    village: str = ""
    group: str = ""
    household_code: str = ""
    household_status: str = ""
    address: str = ""
    head_name: str = ""
    person: dict = field(default_factory=dict)  # name, id_number, relation, ... (codes)
    # Values the sheet did not give but a new record needs (a relation guessed from the
    # head's name): used when creating, never to overwrite what the register holds.
    guessed: set = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.person.get("name", "")

    @property
    def id_number(self) -> str:
        return self.person.get("id_number", "")


def parse_row(sheet: str, row: int, raw: dict[str, object]) -> RowInput:
    """Clean one row's raw cell values (keyed by field) into a RowInput."""
    item = RowInput(sheet, row)
    _areas(item, raw)
    _identity(item, raw)
    _relation(item, raw)
    for name in PERSON_VOCAB:
        if name in raw:
            code = _vocab(item, name, raw[name])
            if code:
                item.person[name] = code
    if "household_status" in raw:
        item.household_status = _vocab(item, "household_status", raw["household_status"])
    _phone(item, raw)
    for name, (label, limit) in TEXT_LIMITS.items():
        if name in raw:
            value = cells.text(raw[name])
            if len(value) > limit:
                item.warnings.append(f"{label}超过{limit}个字，未导入")
            elif name == "address":
                item.address = value
            elif value:
                item.person[name] = value
    return item


def _areas(item: RowInput, raw: dict) -> None:
    item.county = cells.text(raw.get("county"))
    item.township = cells.text(raw.get("township"))
    item.village = cells.text(raw.get("village"))
    item.group = cells.text(raw.get("group"))
    item.head_name = cells.text(raw.get("head_name")).replace(" ", "")
    try:
        item.household_code = cells.code_text(raw.get("household_code"))
    except cells.CellError as error:
        item.errors.append(str(error))
        return
    if not item.household_code:
        item.errors.append(f"缺少{LABELS['household_code']}")
    elif len(item.household_code) > 30:
        item.errors.append("户编号超过30个字符")
    if not item.township:
        item.errors.append(f"缺少{LABELS['township']}")
    if not item.village:
        item.errors.append(f"缺少{LABELS['village']}")
    for value, label in ((item.township, "乡镇"), (item.village, "村"), (item.group, "组")):
        if len(value) > 50:
            item.errors.append(f"{label}名称超过50个字")


def _identity(item: RowInput, raw: dict) -> None:
    try:
        item.person["name"] = v.person_name(cells.text(raw.get("name")).replace(" ", ""))
    except v.FieldError as error:
        item.errors.append(error.message)
    value = raw.get("id_number")
    try:
        number = cells.id_number_text(value)
        info = v.id_number(number, clock.today())
    except (cells.CellError, v.FieldError) as error:
        item.errors.append(_lost_digits(value) or str(error))
        return
    item.person.update(id_number=info.number, birth_date=info.birth_date, gender=info.gender)
    if "gender" in raw:
        try:
            stated = cells.vocab_code("gender", raw["gender"])
        except cells.CellError:
            stated = ""
        if stated and stated != info.gender:
            item.warnings.append("性别与身份证号码不符，以身份证号码为准")


def _lost_digits(value: object) -> str:
    """Excel keeps 15 significant digits of a number: an 18-digit ID ends in zeros."""
    if isinstance(value, int) and not isinstance(value, bool) and str(value).endswith("000"):
        return (
            f"身份证号码被Excel存成了数字（{value}），末几位已变成0，无法还原；"
            "请在原表中把该列设为“文本”后重新填写"
        )
    return ""


def _relation(item: RowInput, raw: dict) -> None:
    code = _vocab(item, "relation", raw.get("relation")) if "relation" in raw else ""
    if not code:
        named_head = item.head_name and item.head_name == item.name
        code = "head" if named_head else "other"
        item.guessed.add("relation")
        if "relation" in raw and not cells.text(raw.get("relation")):
            item.warnings.append(f"与户主关系未填，记为“{'户主' if named_head else '其他'}”")
    item.person["relation"] = code


def _vocab(item: RowInput, name: str, value: object) -> str:
    try:
        return cells.vocab_code(name, value)
    except cells.CellError as error:
        item.warnings.append(str(error))
        return ""


def _phone(item: RowInput, raw: dict) -> None:
    if "phone" not in raw:
        return
    try:
        phone = v.mobile(cells.phone_text(raw["phone"]))
    except (cells.CellError, v.FieldError) as error:
        item.warnings.append(f"{error}，联系电话未导入")
        return
    if phone:
        item.person["phone"] = phone
