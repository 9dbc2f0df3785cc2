"""Controlled vocabularies: the code stored in the database and the Chinese label shown.

Codes are short English words so that records merge between laptops whatever the
wording on screen; labels are what cadres read and what documents print.
"""

from __future__ import annotations

HOUSEHOLD_STATUS = {
    "registered": "建档立卡户",
    "lifted_out": "脱贫户",
    "monitored": "监测户",
    "ordinary": "一般户",
}

AREA_LEVEL = {
    "county": "旗县",
    "township": "苏木乡镇",
    "village": "嘎查村",
    "group": "村民小组",
}

RELATION = {
    "head": "户主",
    "spouse": "配偶",
    "son": "子",
    "daughter": "女",
    "daughter_in_law": "儿媳",
    "son_in_law": "女婿",
    "grandson": "孙子",
    "granddaughter": "孙女",
    "father": "父亲",
    "mother": "母亲",
    "sibling": "兄弟姐妹",
    "other": "其他",
}

GENDER = {"male": "男", "female": "女"}

ETHNICITY = {
    "han": "汉族",
    "mongol": "蒙古族",
    "hui": "回族",
    "manchu": "满族",
    "daur": "达斡尔族",
    "evenki": "鄂温克族",
    "oroqen": "鄂伦春族",
    "korean": "朝鲜族",
    "other": "其他民族",
}

EDUCATION = {
    "none": "文盲或半文盲",
    "primary": "小学",
    "junior": "初中",
    "senior": "高中",
    "vocational": "中专/技校",
    "college": "大专",
    "bachelor": "本科及以上",
    "in_school": "在校生",
    "preschool": "学龄前",
}

HEALTH = {
    "healthy": "健康",
    "chronic": "长期慢性病",
    "serious": "患有大病",
    "disabled": "残疾",
}

LABOUR_ABILITY = {
    "ordinary": "普通劳动力",
    "skilled": "技能劳动力",
    "weak": "弱劳动力或半劳动力",
    "unable": "丧失劳动力",
    "none": "无劳动力",
}

WORK_STATUS = {
    "unemployed": "未就业",
    "farming": "务农/放牧",
    "local": "就地就近就业",
    "in_county": "县内务工",
    "in_region": "区内务工",
    "beijing": "赴京务工",
    "other_province": "其他省份务工",
    "self_employed": "自主创业",
    "student": "在校学生",
    "not_applicable": "不适用",
}

# 政治面貌 as the usual 个人简历 and personnel forms list it (GB/T 4762 in short form).
POLITICAL_STATUS = {
    "cpc_member": "中共党员",
    "cpc_probationary": "中共预备党员",
    "league_member": "共青团员",
    "democratic_party": "民主党派",
    "no_party": "无党派人士",
    "masses": "群众",
}

MARITAL_STATUS = {
    "unmarried": "未婚",
    "married": "已婚",
    "divorced": "离异",
    "widowed": "丧偶",
}

VISIT_KIND = {
    "home": "入户走访",
    "follow_up": "回访",
    "policy": "政策宣讲",
    "job_matching": "岗位对接",
    "phone": "电话回访",
    "other": "其他",
}

DESTINATION = {
    "beijing": "赴京",
    "in_region": "区内",
    "in_county": "县内",
    "local": "就地就近",
}

CONSTRAINT = {
    "elders": "照顾老人",
    "children": "照顾子女",
    "health": "身体原因",
    "farming": "农牧忙季",
    "skills": "缺乏技能",
    "other": "其他",
}

WISH_STATUS = {
    "active": "有意愿待推荐",
    "recommended": "已推荐",
    "employed": "已就业",
    "on_hold": "暂缓",
    "withdrawn": "无意愿",
}


def label(vocabulary: dict[str, str], code: str | None) -> str:
    """The Chinese label for a code; an unknown code is shown as it is, never hidden."""
    if not code:
        return ""
    return vocabulary.get(code, code)


def labels(vocabulary: dict[str, str], codes: str | None) -> str:
    """Labels for a comma-separated list of codes, joined with the Chinese comma."""
    if not codes:
        return ""
    return "、".join(label(vocabulary, c) for c in codes.split(",") if c)


def code_for(vocabulary: dict[str, str], text: str) -> str | None:
    """The code whose code or label is `text`, or None."""
    text = text.strip()
    if text in vocabulary:
        return text
    for code, name in vocabulary.items():
        if name == text:
            return code
    return None
