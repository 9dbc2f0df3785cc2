"""Reading a roster's cells: ID numbers, household codes, phones and vocabulary words.

Every function takes what openpyxl read and returns clean text or a code, or raises
CellError with a Chinese message. Nothing is guessed: an ID number Excel stored as
1.50521E+17 has lost its last digits, and is reported.
"""

from __future__ import annotations

import re

from casework import vocab
from casework.imports.cells import CellError, compact, number_text, text

_SCIENTIFIC = re.compile(r"^\d(\.\d+)?E\+?\d+$", re.IGNORECASE)


def id_number_text(value: object) -> str:
    """An ID number cell as 18 characters of text, or CellError when digits were lost.

    An int is fine (Excel keeps 18 digits in a number cell only as text, but a file
    written by a program may hold a true integer); a float, or text like 1.50521E+17,
    is the rounded number Excel shows, and its last digits are gone.
    """
    if isinstance(value, bool):
        raise CellError("身份证号码不是文字或数字")
    if isinstance(value, float):
        shown = f"{value:.5E}"
        raise CellError(
            f"身份证号码被Excel存成了数字（{shown}），末几位已丢失，无法还原；"
            "请在原表中把该列设为“文本”后重新填写"
        )
    result = number_text(value).upper()
    if _SCIENTIFIC.match(result):
        raise CellError(
            f"身份证号码显示为科学计数法（{result}），末几位已丢失，无法还原；"
            "请在原表中把该列设为“文本”后重新填写"
        )
    return result.replace("—", "").replace("-", "")


def code_text(value: object, label: str = "户编号") -> str:
    """A code column (户编号): numbers beyond 15 digits cannot be trusted from a float."""
    if isinstance(value, float) and (not value.is_integer() or abs(value) >= 1e15):
        raise CellError(
            f"{label}被Excel存成了数字（{value:.5E}），末几位可能已丢失，请把该列设为文本"
        )
    return compact(value)


def phone_text(value: object) -> str:
    if isinstance(value, float) and not value.is_integer():
        raise CellError("联系电话被存成了小数，请核对")
    return number_text(value)


# Words used by the monitoring system and by hand-made sheets, beyond the vocab labels.
RELATION_WORDS = {
    "户主": "head",
    "本人": "head",
    "配偶": "spouse",
    "妻": "spouse",
    "妻子": "spouse",
    "夫": "spouse",
    "丈夫": "spouse",
    "子": "son",
    "儿子": "son",
    "长子": "son",
    "次子": "son",
    "三子": "son",
    "养子": "son",
    "继子": "son",
    "女": "daughter",
    "女儿": "daughter",
    "长女": "daughter",
    "次女": "daughter",
    "三女": "daughter",
    "养女": "daughter",
    "继女": "daughter",
    "儿媳": "daughter_in_law",
    "媳妇": "daughter_in_law",
    "女婿": "son_in_law",
    "孙子": "grandson",
    "外孙子": "grandson",
    "外孙": "grandson",
    "孙女": "granddaughter",
    "外孙女": "granddaughter",
    "父亲": "father",
    "父": "father",
    "公公": "father",
    "岳父": "father",
    "母亲": "mother",
    "母": "mother",
    "婆婆": "mother",
    "岳母": "mother",
    "兄弟姐妹": "sibling",
    "兄": "sibling",
    "弟": "sibling",
    "姐": "sibling",
    "妹": "sibling",
    "兄弟": "sibling",
    "姐妹": "sibling",
    "哥哥": "sibling",
    "弟弟": "sibling",
    "姐姐": "sibling",
    "妹妹": "sibling",
    "其他": "other",
    "其他亲属": "other",
}

ETHNICITY_WORDS = {"汉": "han", "蒙古": "mongol", "蒙": "mongol", "蒙族": "mongol", "回": "hui"}

EDUCATION_WORDS = {
    "文盲": "none",
    "半文盲": "none",
    "文盲或半文盲": "none",
    "文盲/半文盲": "none",
    "中专": "vocational",
    "技校": "vocational",
    "职高": "vocational",
    "中职": "vocational",
    "大学专科": "college",
    "专科": "college",
    "本科": "bachelor",
    "大学本科": "bachelor",
    "研究生": "bachelor",
    "硕士": "bachelor",
    "博士": "bachelor",
    "学龄前儿童": "preschool",
    "在校生": "in_school",
}

HEALTH_WORDS = {"大病": "serious", "慢性病": "chronic", "残疾人": "disabled"}

LABOUR_WORDS = {
    "弱劳动力": "weak",
    "半劳动力": "weak",
    "普通": "ordinary",
    "技能": "skilled",
    "丧失": "unable",
    "无": "none",
}

# The monitoring system's 务工状况 is by distance from home, not by destination.
WORK_WORDS = {
    "省外务工": "other_province",
    "县外省内务工": "in_region",
    "区内务工": "in_region",
    "乡外县内务工": "in_county",
    "乡镇外县内务工": "in_county",
    "县内务工": "in_county",
    "乡内务工": "local",
    "乡镇内务工": "local",
    "就近务工": "local",
    "赴京务工": "beijing",
    "北京务工": "beijing",
    "在京务工": "beijing",
    "未务工": "unemployed",
    "无": "unemployed",
    "待业": "unemployed",
    "务农": "farming",
    "放牧": "farming",
    "在校生": "student",
    "学生": "student",
    "公益性岗位": "local",
    "自主创业": "self_employed",
}

POLITICAL_WORDS = {
    "党员": "cpc_member",
    "共产党员": "cpc_member",
    "中国共产党党员": "cpc_member",
    "中共正式党员": "cpc_member",
    "正式党员": "cpc_member",
    "预备党员": "cpc_probationary",
    "中国共产党预备党员": "cpc_probationary",
    "团员": "league_member",
    "共青团员": "league_member",
    "中国共产主义青年团团员": "league_member",
    "无党派": "no_party",
    "无党派民主人士": "no_party",
    "普通群众": "masses",
    "无": "masses",
    **{
        f"{party}{member}": "democratic_party"
        for party in ("民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟")
        for member in ("", "党员", "盟员", "会员", "社员")
    },
}

MARITAL_WORDS = {
    "离婚": "divorced",
    "初婚": "married",
    "再婚": "married",
    "复婚": "married",
    "有配偶": "married",
    "已婚有配偶": "married",
    "未婚单身": "unmarried",
    "单身": "unmarried",
    "否": "unmarried",
    "是": "married",
}

HOUSEHOLD_WORDS = {
    "脱贫户": "lifted_out",
    "脱贫不稳定户": "monitored",
    "边缘易致贫户": "monitored",
    "突发严重困难户": "monitored",
    "监测户": "monitored",
    "监测对象": "monitored",
    "防返贫监测对象": "monitored",
    "建档立卡户": "registered",
    "贫困户": "registered",
    "一般户": "ordinary",
    "一般农户": "ordinary",
}

VOCABULARIES = {
    "relation": (vocab.RELATION, RELATION_WORDS, "与户主关系"),
    "gender": (vocab.GENDER, {"男性": "male", "女性": "female"}, "性别"),
    "ethnicity": (vocab.ETHNICITY, ETHNICITY_WORDS, "民族"),
    "education": (vocab.EDUCATION, EDUCATION_WORDS, "文化程度"),
    "health": (vocab.HEALTH, HEALTH_WORDS, "健康状况"),
    "labour_ability": (vocab.LABOUR_ABILITY, LABOUR_WORDS, "劳动技能"),
    "work_status": (vocab.WORK_STATUS, WORK_WORDS, "务工状况"),
    "household_status": (vocab.HOUSEHOLD_STATUS, HOUSEHOLD_WORDS, "户类型"),
    "political_status": (vocab.POLITICAL_STATUS, POLITICAL_WORDS, "政治面貌"),
    "marital_status": (vocab.MARITAL_STATUS, MARITAL_WORDS, "婚姻状况"),
}

_BRACKETS = re.compile(r"[()（）]")
_CACHE: dict[tuple[str, str], str | None] = {}


def vocab_code(field: str, value: object) -> str:
    """The vocabulary code for a Chinese word in a vocab column; "" for a blank cell.

    Raises CellError naming the unknown word (the row is imported without it).
    """
    word = text(value)
    if not word:
        return ""
    key = (field, word)
    if key not in _CACHE:
        _CACHE[key] = _lookup(field, word)
    code = _CACHE[key]
    if code is None:
        raise CellError(f"{VOCABULARIES[field][2]}“{word}”无法识别，该项未导入")
    return code


def _lookup(field: str, word: str) -> str | None:
    vocabulary, words, _label = VOCABULARIES[field]
    bare = _BRACKETS.sub("", word).replace(" ", "")
    for candidate in dict.fromkeys((word, bare, bare.removeprefix("之"), bare.rstrip("族"))):
        code = vocab.code_for(vocabulary, candidate)
        if code is None:
            code = words.get(candidate)
        if code is not None:
            return code
    if field == "ethnicity" and bare.endswith("族"):
        return "other"  # 壮族, 达斡尔族 spelled otherwise...: a real people, kept as "other"
    if field == "health":
        return _first_health(bare)
    return None


def _first_health(word: str) -> str | None:
    # "残疾,长期慢性病": the gravest condition named.
    for code, needle in (("serious", "大病"), ("disabled", "残疾"), ("chronic", "慢性")):
        if needle in word:
            return code
    return "healthy" if "健康" in word else None
