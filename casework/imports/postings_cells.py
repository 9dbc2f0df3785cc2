"""Reading the cells of a labour-demand sheet: pay and age ranges, places, 包吃住, dates.

Pure functions: a cell's value in, a clean value out, or a FieldError in Chinese. The
sheets come from many employers, so each reader accepts the usual ways of writing a
thing ("5000-7000", "5000～7000元", "6000元以上", "0.5-0.7万", "面议"). Text is read as
every import reads it (casework.imports.cells.compact: half-width, no spaces).
"""

from __future__ import annotations

import datetime as dt
import re

from casework import validation as v
from casework.imports.cells import compact
from casework.vocab import DESTINATION, GENDER

BEIJING_DISTRICTS = (
    "北京 东城 西城 朝阳 海淀 丰台 石景山 门头沟 房山 通州 顺义 昌平 大兴 怀柔 平谷 密云 延庆 亦庄"
).split()
REGION_WORDS = (
    "区内 内蒙古 自治区 呼和浩特 包头 通辽 赤峰 鄂尔多斯 呼伦贝尔 乌兰察布 巴彦淖尔 锡林郭勒 "
    "乌海 兴安盟 阿拉善"
).split()
COUNTY_WORDS = "县内 旗内 县城 旗里 本县 本旗".split()
LOCAL_WORDS = "就地 就近 本村 本镇 车间 家门口 帮扶车间 本地".split()

EDUCATION_WORDS = (  # checked in this order: 中专 before 专科 etc.
    ("本科", "bachelor"),
    ("大专", "college"),
    ("专科", "college"),
    ("中专", "vocational"),
    ("技校", "vocational"),
    ("职高", "vocational"),
    ("高中", "senior"),
    ("初中", "junior"),
    ("小学", "primary"),
)
NO_REQUIREMENT = ("不限", "无", "无要求", "不要求", "面议", "-", "/", "—")


def _number(text: str) -> float:
    scale = 1.0
    if text.endswith("万"):
        text, scale = text[:-1], 10_000.0
    elif text.lower().endswith("k"):
        text, scale = text[:-1], 1_000.0
    return float(text) * scale


def pay_range(value) -> tuple[int | None, int | None]:
    """Monthly pay (min, max) from 5000-7000, 6000元以上, 4500左右, 0.5-0.7万; 面议 → none."""
    if isinstance(value, (int, float)):
        return int(value), int(value)
    text = compact(value)
    if not text or text in NO_REQUIREMENT:
        return None, None
    text = re.sub(r"元|/月|每月|月薪|人民币|¥|￥|,", "", text)
    number = r"\d+(?:\.\d+)?(?:万|[kK])?"
    unit = "万" if text.endswith("万") and "-" in text.replace("~", "-") else ""
    match = re.fullmatch(rf"({number})\s*(?:-|~|至|到|—|–)\s*({number})", text)
    if match:
        low, high = (_number(g if g[-1] in "万kK" else g + unit) for g in match.groups())
        if low > high:
            raise v.FieldError(f"薪资“{value}”下限高于上限")
        return round(low), round(high)
    match = re.fullmatch(rf"(?:底薪)?({number})(以上|起|\+.*|及以上)", text)
    if match:
        return round(_number(match.group(1))), None
    match = re.fullmatch(rf"({number})(以下|以内)", text)
    if match:
        return None, round(_number(match.group(1)))
    match = re.fullmatch(rf"({number})(左右)?", text)
    if match:
        amount = round(_number(match.group(1)))
        return amount, amount
    raise v.FieldError(f"薪资“{value}”无法识别，请写成 5000-7000 或 6000元以上")


def age_range(value) -> tuple[int | None, int | None]:
    """Age as (min, max): 18-45岁, 18至45周岁, 45岁以下, 18岁以上, 不限 → (None, None)."""
    if isinstance(value, (int, float)):
        return None, int(value)
    text = compact(value).replace("周岁", "岁")
    if not text or text in NO_REQUIREMENT:
        return None, None
    text = text.replace("岁", "")
    match = re.fullmatch(r"(\d{2})(?:-|~|至|到|—|–)(\d{2})", text)
    if match:
        low, high = int(match.group(1)), int(match.group(2))
        if low > high:
            raise v.FieldError(f"年龄要求“{value}”下限高于上限")
        return low, high
    match = re.fullmatch(r"(\d{2})(以下|以内)", text)
    if match:
        return None, int(match.group(1))
    match = re.fullmatch(r"(\d{2})(以上|及以上)", text)
    if match:
        return int(match.group(1)), None
    raise v.FieldError(f"年龄要求“{value}”无法识别，请写成 18-45岁")


def headcount(value) -> int | None:
    if isinstance(value, (int, float)):
        return int(value) if value > 0 else None
    text = compact(value).rstrip("人名个")
    if not text or text in ("若干", "不限", *NO_REQUIREMENT):
        return None
    if not text.isdigit():
        raise v.FieldError(f"招聘人数“{value}”应为数字")
    return int(text)


def place(value) -> str:
    """A DESTINATION code from 工作地点 text: 北京市顺义区 → beijing, 通辽市 → in_region."""
    text = compact(value)
    if not text:
        return ""
    for code, name in DESTINATION.items():
        if text in (code, name):
            return code
    for code, words in (
        ("local", LOCAL_WORDS),
        ("beijing", BEIJING_DISTRICTS),
        ("in_county", COUNTY_WORDS),
        ("in_region", REGION_WORDS),
    ):
        if any(word in text for word in words):
            return code
    if text.endswith("旗") or text.endswith("县"):
        return "in_county"
    raise v.FieldError(f"工作地点“{value}”无法识别，请写明北京、区内、县内或就地就近")


def education(value) -> str:
    text = compact(value)
    if not text or text in NO_REQUIREMENT:
        return ""
    for word, code in EDUCATION_WORDS:
        if word in text:
            return code
    raise v.FieldError(f"学历要求“{value}”无法识别，请写小学、初中、高中、中专、大专或本科")


def gender(value) -> str:
    text = compact(value)
    if not text or text in NO_REQUIREMENT or ("男" in text and "女" in text):
        return ""
    for code, name in GENDER.items():
        if name in text:
            return code
    raise v.FieldError(f"性别要求“{value}”无法识别，请写男、女或不限")


def board_lodging(value) -> tuple[bool, bool]:
    """(board, lodging) from 包吃住 / 提供食宿 / 包吃不包住 / 是 / 否."""
    if isinstance(value, bool):
        return value, value
    text = compact(value)
    if text in ("是", "有", "提供", "包"):
        return True, True
    for negative in ("不包吃", "不管吃", "不包住", "不管住"):
        text = text.replace(negative, "×")
    both = any(w in text for w in ("吃住", "食宿", "包三餐和住宿"))
    both = both and not re.search(r"不(包|提供|管)(吃住|食宿)", text)
    board = both or any(w in text for w in ("包吃", "管吃", "包餐", "管饭", "供餐"))
    lodging = both or any(w in text for w in ("包住", "管住", "住宿", "宿舍"))
    return board, lodging


def valid_until(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = compact(value)
    if not text or text in ("长期", "长期有效", *NO_REQUIREMENT):
        return None
    return v.date(text, label="有效期")
