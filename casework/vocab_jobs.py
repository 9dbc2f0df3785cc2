"""Vocabularies for employers, postings and placements, and the words that name each job kind.

As in casework/vocab.py, the code is stored and the Chinese label is shown. The words
of JOB_KIND_WORDS are what cadres and employers actually write ("大厨", "帮厨", "炒菜"),
so free text in a wish, a skill or a spreadsheet can be read as job-kind codes.
"""

from __future__ import annotations

import re

EMPLOYER_KIND = {
    "beijing": "北京用工单位",
    "workshop": "就业帮扶车间",
    "other": "其他单位",
}

POSTING_STATUS = {
    "open": "招聘中",
    "filled": "已招满",
    "closed": "已关闭",
}

# The pipeline in order; "rejected" ends a recommendation that led nowhere (not hired,
# or the person gave up) without pretending the person ever worked there.
PLACEMENT_STAGE = {
    "recommended": "已推荐",
    "interviewed": "已面试",
    "hired": "已录用",
    "working": "在岗",
    "left": "已离岗",
    "rejected": "未成功",
}

# Which stages may follow which: "left → working" is a restart after a stop.
NEXT_STAGES = {
    "recommended": ("interviewed", "hired", "working", "rejected"),
    "interviewed": ("hired", "working", "rejected"),
    "hired": ("working", "rejected"),
    "working": ("left",),
    "left": ("working",),
    "rejected": (),
}

# How an in-work follow-up (在岗回访) was made.
CHECK_METHOD = {
    "phone": "电话",
    "wechat": "微信",
    "visit": "上门或面谈",
    "employer": "向用工单位了解",
}

# Why a job ended, on the event that ended it and on the follow-up that heard of it.
LEAVE_REASON = {
    "pay": "工资待遇不满意",
    "unpaid": "拖欠工资",
    "environment": "不适应工作或生活环境",
    "family": "家庭原因（照顾老人孩子等）",
    "health": "身体原因",
    "dispute": "劳动关系纠纷",
    "dismissed": "被单位辞退",
    "contract_end": "合同期满或季节性用工结束",
    "other_job": "另找到工作",
    "other": "其他",
}

# A placement in one of these stages holds the person: they are not offered other jobs.
ACTIVE_STAGES = ("hired", "working")
# A placement in one of these stages still concerns its posting.
OPEN_STAGES = ("recommended", "interviewed", "hired", "working")

JOB_KIND = {
    "cook": "厨师",
    "pastry": "面点师",
    "kitchen_helper": "厨房帮工",
    "waiter": "餐厅服务员",
    "security": "保安",
    "cleaner": "保洁",
    "domestic": "家政服务",
    "nanny": "育婴员",
    "elder_care": "养老护理员",
    "delivery": "外卖骑手",
    "sorting": "快递分拣",
    "warehouse": "仓库管理",
    "driver": "司机",
    "electrician": "电工",
    "welder": "焊工",
    "maintenance": "物业维修",
    "factory": "车间操作工",
    "sewing": "缝纫工",
    "construction": "建筑工",
    "office": "行政助理",
    "road": "护路员",
    "streamer": "电商主播",
    "farming": "种养殖",
    "other": "其他",
}

# Words that name a job kind in free text; the label itself is always one of them.
JOB_KIND_WORDS = {
    "cook": ("厨师", "大厨", "炒菜", "烹饪", "中餐", "厨子", "配菜", "切配"),
    "pastry": ("面点", "面食", "白案", "烘焙"),
    "kitchen_helper": ("帮厨", "厨房", "洗碗", "后厨", "打荷"),
    "waiter": ("服务员", "传菜", "餐厅", "前厅", "酒店服务"),
    "security": ("保安", "安保", "门卫", "巡逻"),
    "cleaner": ("保洁", "清洁", "环卫", "家政保洁"),
    "domestic": ("家政", "保姆", "钟点工"),
    "nanny": ("育婴", "月嫂", "育儿嫂"),
    "elder_care": ("养老", "护理", "护工"),
    "delivery": ("外卖", "骑手", "送餐", "配送"),
    "sorting": ("分拣", "快递"),
    "warehouse": ("仓库", "仓储", "库管", "理货"),
    "driver": ("司机", "驾驶", "驾驶员", "货车"),
    "electrician": ("电工", "电气"),
    "welder": ("焊工", "电焊", "焊接"),
    "maintenance": ("物业维修", "维修", "水电"),
    "factory": ("操作工", "普工", "车间", "流水线", "装配"),
    "sewing": ("缝纫", "裁缝", "制衣"),
    "construction": ("建筑", "瓦工", "木工", "钢筋", "装修"),
    "office": ("行政", "文员", "助理", "前台"),
    "road": ("护路", "道路养护"),
    "streamer": ("主播", "直播", "电商"),
    "farming": ("养殖", "种植", "放牧", "肉牛"),
    "other": (),
}

# Kinds close enough that experience in one counts for part of a match with the other.
RELATED_KINDS = {
    "cook": ("pastry", "kitchen_helper"),
    "pastry": ("cook", "kitchen_helper"),
    "kitchen_helper": ("cook", "pastry", "waiter"),
    "waiter": ("kitchen_helper",),
    "cleaner": ("domestic",),
    "domestic": ("cleaner", "nanny", "elder_care"),
    "nanny": ("domestic",),
    "elder_care": ("domestic",),
    "delivery": ("sorting", "driver"),
    "sorting": ("delivery", "warehouse"),
    "warehouse": ("sorting",),
    "electrician": ("maintenance",),
    "maintenance": ("electrician", "welder"),
    "welder": ("maintenance",),
}

# Education in order of attainment; codes outside this list (in school, preschool) rank none.
EDUCATION_ORDER = ("none", "primary", "junior", "senior", "vocational", "college", "bachelor")
# A vocational secondary school counts the same as senior high school for a requirement.
EDUCATION_RANK = {
    "none": 0,
    "primary": 1,
    "junior": 2,
    "senior": 3,
    "vocational": 3,
    "college": 4,
    "bachelor": 5,
}

# Where a placement is → the person's work situation (vocab.WORK_STATUS) while working there.
WORK_STATUS_FOR_PLACE = {
    "beijing": "beijing",
    "in_region": "in_region",
    "in_county": "in_county",
    "local": "local",
}

# A place as a sentence names it ("意向务工地含北京"); vocab.DESTINATION has the short labels.
PLACE_NAME = {
    "beijing": "北京",
    "in_region": "区内",
    "in_county": "县内",
    "local": "就地就近",
}

# Places away from home: a wish not to go out, or caring for family, weighs against these.
AWAY_PLACES = ("beijing", "in_region")


def job_kind_codes(text: str | None) -> list[str]:
    """The job-kind codes that free text names, in the order they first appear."""
    if not text:
        return []
    found: dict[str, int] = {}
    for code, words in JOB_KIND_WORDS.items():
        for word in (JOB_KIND[code], *words):
            if code == "other":
                continue
            position = text.find(word)
            if position >= 0 and (code not in found or position < found[code]):
                found[code] = position
    return sorted(found, key=found.get)


def job_kind_for(text: str | None) -> str:
    """One job-kind code for a posting's 工种 cell: the code or label, else the first named kind."""
    value = (text or "").strip()
    if value in JOB_KIND:
        return value
    for code, name in JOB_KIND.items():
        if name == value:
            return code
    codes = job_kind_codes(value)
    return codes[0] if codes else ("other" if value else "")


def split_list(text: str | None) -> list[str]:
    """Items of a list typed with any of the separators cadres use: 、，, ; space."""
    return [item for item in re.split(r"[、，,；;\s/]+", text or "") if item]


# Training kinds (vocab_training.TRAINING_KIND) that prepare for each job kind.
TRAINING_FOR_JOB = {
    "cook": ("cooking",),
    "pastry": ("cooking",),
    "kitchen_helper": ("cooking",),
    "domestic": ("domestic",),
    "nanny": ("domestic",),
    "elder_care": ("domestic",),
    "cleaner": ("domestic",),
    "maintenance": ("appliance",),
    "electrician": ("appliance",),
    "road": ("road",),
    "streamer": ("live_selling",),
    "sewing": ("sewing",),
}
