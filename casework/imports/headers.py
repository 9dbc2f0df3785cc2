"""Recognising a roster's column headings however the office typed them.

Exports from the poverty-monitoring system, and sheets retyped by hand, name the same
column many ways: 证件号码 / 身份证号 / 公民身份号码, 乡(镇) / 乡（镇） / 苏木乡镇, with
spaces, full-width brackets, a required-field star or a line break inside. A heading
is normalised (half-width, no spaces, brackets or punctuation) and looked up among
the synonyms of each field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# field -> synonyms (normalised on load); the first is how messages name the column.
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
}

LABELS = {field: names[0] for field, names in SYNONYMS.items()}

# Without these a row cannot be matched or placed.
REQUIRED = ("household_code", "name", "id_number", "township", "village")

_REMARK = re.compile(r"[(\[【〔][^)\]】〕]*[)\]】〕]")
_DROP = re.compile(r"[\s\*＊:：()（）\[\]【】〔〕、,，.。/\\'\"“”‘’_\-—]")


def normalise(text: object) -> str:
    """A heading reduced to what matters: half-width, no spaces, brackets or punctuation."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFKC", str(text))
    return _DROP.sub("", value)


_LOOKUP: dict[str, str] = {}
for _field, _names in SYNONYMS.items():
    for _name in _names:
        _LOOKUP.setdefault(normalise(_name), _field)


def field_for(heading: object) -> str | None:
    """The field a heading names, or None."""
    key = normalise(heading)
    if not key:
        return None
    if key in _LOOKUP:
        return _LOOKUP[key]
    # "姓名（必填）", "证件号码(18位)": a known heading followed by a remark in brackets.
    bare = normalise(_REMARK.sub("", unicodedata.normalize("NFKC", str(heading))))
    return _LOOKUP.get(bare) if bare else None


def match_header(cells: Sequence[object]) -> dict[str, int] | None:
    """{field: column index} when `cells` look like the roster's header row, else None.

    A header names at least the person (姓名 or 证件号码) and three fields in all; a
    field named twice keeps its first column.
    """
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        field = field_for(cell) if isinstance(cell, str) else None
        if field and field not in found:
            found[field] = index
    if len(found) >= 3 and ("name" in found or "id_number" in found):
        return found
    return None


def missing_columns(columns: dict[str, int]) -> list[str]:
    """The Chinese names of required columns this header lacks."""
    return [LABELS[field] for field in REQUIRED if field not in columns]
