"""One roster row read into clean values, with its problems; pure, no database.

ROSTER is the roster's sheet kind: its columns, as the poverty-monitoring system's
export and sheets retyped by hand name them (证件号码 / 身份证号 / 公民身份号码, 乡(镇) /
苏木乡镇 ...). A problem is an error (the row cannot be imported: no name, an ID number
that fails its check digit or lost its last digits) or a warning (the row is imported
without the doubtful item: an unknown education word, a malformed phone number).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casework import clock
from casework import validation as v
from casework.imports import roster_cells as cells
from casework.imports.headings import Headings, SheetKind

# field -> headings; the first is how messages name the column.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "county": (
        "县",
        "旗",
        "旗县",
        "县区",
        "县市区",
        "县(市、区)",
        "县(市区旗)",
        "所在县",
        "旗县区",
    ),
    "township": (
        "乡(镇)",
        "乡镇",
        "苏木",
        "苏木乡镇",
        "苏木镇",
        "乡镇苏木",
        "乡(镇、街道)",
        "乡镇街道",
        "所在乡镇",
        "乡",
        "镇",
    ),
    "village": ("村", "嘎查村", "嘎查", "行政村", "村(社区)", "村社区", "村嘎查", "所在村"),
    "group": ("组", "村民小组", "小组", "社", "组别"),
    "household_code": ("户编号", "户码", "户号", "家庭编号", "农户编号", "户编码"),
    "household_status": ("户类型", "农户类型", "户属性", "脱贫户类型", "监测对象类别", "户类别"),
    "head_name": ("户主姓名", "户主"),
    "relation": ("与户主关系", "关系", "与户主的关系", "家庭关系"),
    "name": ("姓名", "成员姓名", "人员姓名"),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "id_number": (
        "证件号码",
        "身份证号",
        "身份证号码",
        "公民身份号码",
        "身份证件号码",
        "证件号",
        "公民身份证号码",
    ),
    "education": ("文化程度", "学历", "受教育程度"),
    "health": ("健康状况", "身体状况", "健康状态"),
    "labour_ability": ("劳动技能", "劳动能力", "劳动力状况"),
    "work_status": ("务工状况", "就业状况", "务工情况", "就业情况", "务工就业情况"),
    "phone": ("联系电话", "电话", "手机号", "手机号码", "联系方式", "电话号码"),
    "address": ("住址", "家庭住址", "地址", "详细地址"),
    "skills": ("技能特长", "特长", "技能"),
    "political_status": ("政治面貌", "政治面目", "政治身份"),
    "marital_status": ("婚姻状况", "婚姻状态", "婚姻情况", "婚否"),
}

# Without these a row cannot be matched or placed.
REQUIRED = ("household_code", "name", "id_number", "township", "village")
ROSTER = SheetKind(
    Headings(SYNONYMS), identifying=("name", "id_number"), required=REQUIRED, noun="人员"
)
LABELS = ROSTER.labels

PERSON_VOCAB = (
    "ethnicity",
    "education",
    "health",
    "labour_ability",
    "work_status",
    "political_status",
    "marital_status",
)
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
    # The ID number cell as written, kept even when it is refused: the cadre finds the
    # row by it (Excel's rounded 1.50521E+17 shown as Excel shows it).
    id_text: str = ""
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
    item.id_text = f"{value:.5E}" if isinstance(value, float) else cells.number_text(value)
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
