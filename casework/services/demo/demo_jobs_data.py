"""Demo data: employers, workshops, positions and the words of placements, for 科左中旗's jobs.

Beijing employers are drawn in the style of the Shunyi district's partners (names are
illustrative, not real companies); local employers are the banner's assistance workshops
(就业帮扶车间) in the townships, a few firms in the county seat and in the region.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Position:
    """What a posting of one job kind usually asks for and offers (Beijing pay)."""

    title: str
    pay: tuple[int, int]
    headcount: tuple[int, int]
    age: tuple[int, int]
    gender: str = ""
    education: str = ""
    certificates: str = ""
    board: bool = True
    lodging: bool = True
    notes: str = ""


POSITIONS = {
    "security": Position("保安员", (4500, 6000), (10, 40), (18, 50), "male", "junior",
                         notes="五险一金，试用期一个月"),
    "delivery": Position("外卖骑手", (6000, 9000), (10, 50), (18, 45), board=False,
                         notes="按单计酬，多劳多得，公司提供电动车"),
    "sorting": Position("快递分拣员", (5000, 6500), (10, 60), (18, 50),
                        notes="两班倒，夜班有补贴"),
    "warehouse": Position("仓库理货员", (5000, 6500), (5, 20), (20, 45), education="junior"),
    "driver": Position("货车司机", (7000, 9000), (3, 10), (25, 50), "male", "junior",
                       "B2驾驶证", board=False, notes="需三年以上驾龄"),
    "domestic": Position("家政服务员", (5500, 8000), (5, 30), (25, 55), "female",
                         certificates="健康证", notes="住家，每月休息四天"),
    "nanny": Position("育婴员（育儿嫂）", (7000, 10000), (5, 20), (25, 50), "female", "junior",
                      "健康证、育婴员证", notes="持证上岗，有经验者优先"),
    "cleaner": Position("保洁员", (4200, 5000), (5, 30), (25, 55)),
    "cook": Position("中餐厨师", (6000, 9000), (3, 12), (22, 50), certificates="健康证",
                     notes="会做家常菜，会做蒙餐者优先"),
    "pastry": Position("面点师", (5500, 7500), (2, 8), (22, 50), certificates="健康证"),
    "kitchen_helper": Position("厨房帮工", (4500, 5500), (5, 20), (18, 50), certificates="健康证"),
    "waiter": Position("餐厅服务员", (4500, 5500), (5, 30), (18, 40), education="junior",
                       certificates="健康证"),
    "elder_care": Position("养老护理员", (5500, 7000), (5, 20), (25, 55), education="junior",
                           certificates="健康证", notes="上岗前统一培训"),
    "maintenance": Position("物业维修工", (5500, 7000), (3, 10), (25, 50), "male", "junior"),
    "electrician": Position("电工", (6500, 8500), (2, 8), (22, 50), "male", "junior",
                            "低压电工作业证"),
    "welder": Position("焊工", (7000, 9000), (3, 12), (22, 50), "male", certificates="焊工证"),
    "factory": Position("生产线操作工", (5000, 6500), (10, 50), (18, 45), education="junior",
                        notes="长白班，加班另计"),
    "construction": Position("建筑工（钢筋工、瓦工）", (7000, 10000), (10, 40), (20, 55), "male",
                             notes="工资按月结算"),
    "office": Position("行政助理", (4500, 6000), (1, 3), (20, 35), education="senior",
                       board=False, notes="会用电脑办公软件"),
    "streamer": Position("电商带货主播", (3000, 6000), (1, 5), (18, 40), education="junior",
                         board=False, lodging=False, notes="底薪加提成"),
    "road": Position("护路员（公益性岗位）", (1800, 2200), (10, 40), (30, 60), board=False,
                     lodging=False, notes="负责本嘎查村道路的日常养护"),
}  # fmt: skip

# What a workshop's postings ask for, whatever the position.
WORKSHOP_POSITION = Position("", (2000, 3000), (5, 30), (18, 55), board=False, lodging=False)

# Pay away from Beijing, as a share of the Beijing pay above.
PAY_SHARE = {"beijing": 1.0, "in_region": 0.75, "in_county": 0.6, "local": 0.5}

# (name, district, district code for the credit code, address, job kinds hired)
BEIJING_EMPLOYERS = [
    ("北京嘉宇餐饮管理有限公司", "顺义区", "110113", "北京市顺义区仁和镇府前街",
     "cook kitchen_helper waiter pastry"),
    ("北京顺安保安服务有限公司", "顺义区", "110113", "北京市顺义区胜利街道", "security"),
    ("北京空港速运物流有限公司", "顺义区", "110113", "北京市顺义区天竺镇",
     "sorting warehouse driver"),
    ("北京慧家家政服务有限公司", "海淀区", "110108", "北京市海淀区中关村街道",
     "domestic nanny cleaner"),
    ("北京优鲜达配送服务有限公司", "朝阳区", "110105", "北京市朝阳区望京街道", "delivery sorting"),
    ("北京康颐养老服务中心", "顺义区", "110113", "北京市顺义区后沙峪镇",
     "elder_care cleaner kitchen_helper"),
    ("北京金港汽车零部件有限公司", "顺义区", "110113", "北京市顺义区林河经济开发区",
     "factory welder"),
    ("北京城华物业管理有限公司", "通州区", "110112", "北京市通州区梨园镇",
     "maintenance electrician cleaner security"),
    ("北京京顺建设工程有限公司", "顺义区", "110113", "北京市顺义区南法信镇",
     "construction welder electrician"),
    ("北京和美酒店管理有限公司", "东城区", "110101", "北京市东城区东直门街道",
     "waiter cleaner cook office"),
    ("北京绿源食品有限公司", "顺义区", "110113", "北京市顺义区杨镇", "factory warehouse"),
    ("北京安居母婴护理服务中心", "丰台区", "110106", "北京市丰台区方庄街道", "nanny domestic"),
    ("北京通达货运有限公司", "大兴区", "110115", "北京市大兴区黄村镇", "driver warehouse"),
    ("北京天竺仓储服务有限公司", "顺义区", "110113", "北京市顺义区天竺综合保税区",
     "warehouse sorting office"),
    ("北京顺康医院后勤服务有限公司", "顺义区", "110113", "北京市顺义区光明街道",
     "cleaner security kitchen_helper"),
    ("北京瑞丰餐饮连锁有限公司", "朝阳区", "110105", "北京市朝阳区酒仙桥街道",
     "cook pastry waiter"),
    ("北京捷达快递服务有限公司", "通州区", "110112", "北京市通州区马驹桥镇", "sorting delivery"),
    ("北京新航城物业服务有限公司", "大兴区", "110115", "北京市大兴区礼贤镇",
     "security cleaner maintenance"),
    ("北京恒信电子科技有限公司", "顺义区", "110113", "北京市顺义区空港经济开发区",
     "factory electrician"),
    ("北京乐家家政服务有限公司", "西城区", "110102", "北京市西城区德胜街道", "domestic elder_care"),
    ("北京万家惠超市有限公司", "昌平区", "110114", "北京市昌平区回龙观街道", "warehouse cleaner"),
    ("北京华德装饰工程有限公司", "朝阳区", "110105", "北京市朝阳区十八里店乡", "construction"),
    ("北京蓝天保安服务有限公司", "海淀区", "110108", "北京市海淀区学院路街道", "security"),
    ("北京四季鲜农产品配送中心", "海淀区", "110108", "北京市海淀区四季青镇",
     "sorting driver warehouse"),
]  # fmt: skip

# Employers in the region (区内) and in the county seat (县内): (name, place, code, kinds).
REGION_EMPLOYERS = [
    ("通辽市华泰食品有限公司", "通辽市科尔沁区", "150502", "factory warehouse"),
    ("霍林郭勒市鑫源铝业劳务服务有限公司", "霍林郭勒市", "150581", "factory welder electrician"),
    ("呼和浩特市宏远建筑工程有限公司", "呼和浩特市赛罕区", "150105", "construction"),
    ("通辽市金桥大酒店有限公司", "通辽市科尔沁区", "150502", "waiter cook security"),
    ("通辽市顺通汽车运输有限公司", "通辽市科尔沁区", "150502", "driver"),
]
COUNTY_EMPLOYERS = [
    ("科左中旗草原人家餐饮有限公司", "科左中旗保康镇", "150521", "waiter cook"),
    ("科左中旗城市物业服务有限公司", "科左中旗保康镇", "150521", "cleaner security"),
    ("科左中旗电子商务公共服务中心", "科左中旗保康镇", "150521", "streamer"),
    ("科左中旗鑫通物流有限公司", "科左中旗保康镇", "150521", "sorting driver"),
]
# The banner's public-welfare road posts, near every village.
ROAD_EMPLOYER = ("科左中旗交通运输局", "科左中旗", "150521", "road")

# Assistance workshops: (name after the township, [(position, job kind, pay range)]).
WORKSHOPS = [
    ("雪菊茶加工帮扶车间", [("雪菊茶分拣包装工", "factory", (2000, 2800))]),
    ("编织袋帮扶车间", [("编织袋缝纫工", "sewing", (2200, 3200))]),
    ("燕麦面加工帮扶车间", [("燕麦面生产工", "factory", (2200, 3000))]),
    ("胡麻油压榨帮扶车间", [("榨油车间操作工", "factory", (2400, 3200))]),
    ("电商直播帮扶基地", [("电商带货主播", "streamer", (2000, 4500))]),
    ("民族服饰加工帮扶车间", [("民族服饰缝纫工", "sewing", (2300, 3300))]),
]

# A job kind as cadres write it in a wish (casework.vocab_jobs.job_kind_codes reads it back).
KIND_TEXT = {
    "security": "保安",
    "delivery": "外卖骑手",
    "sorting": "快递分拣",
    "warehouse": "仓库管理",
    "driver": "司机",
    "domestic": "家政服务",
    "nanny": "育婴员",
    "cleaner": "保洁",
    "cook": "厨师",
    "pastry": "面点师",
    "kitchen_helper": "厨房帮工",
    "waiter": "餐厅服务员",
    "elder_care": "养老护理员",
    "maintenance": "物业维修",
    "electrician": "电工",
    "welder": "焊工",
    "factory": "车间操作工",
    "construction": "建筑工",
    "office": "行政助理",
    "streamer": "电商主播",
    "road": "护路员",
    "sewing": "缝纫工",
}

# Jobs people found in Beijing on their own (no posting): (employer, position, job kind).
SELF_FOUND = [
    ("北京鑫隆建筑劳务有限公司", "木工", "construction"),
    ("北京老家蒙餐馆", "厨师", "cook"),
    ("北京望京外卖配送站", "外卖骑手", "delivery"),
    ("北京福满家政服务部", "家政服务员", "domestic"),
    ("北京亦庄精工电子有限公司", "普工", "factory"),
    ("北京顺义区李桥镇汽修厂", "学徒工", "other"),
    ("北京丰台区新发地市场商户", "搬运装卸", "other"),
]

# Why someone left, by the constraint they name, and reasons anyone may give.
# Why a job ended, in the words of the stage's note, and its vocab_jobs.LEAVE_REASON.
LEAVE_BY_CONSTRAINT = {
    "elders": ("家中老人生病住院，回家照顾", "family"),
    "children": ("孩子上学无人接送，返乡照顾", "family"),
    "health": ("身体原因，干不了重活", "health"),
    "farming": ("春耕农忙，回家种地", "family"),
}
LEAVE_REASONS = [
    ("不适应北京的饮食和气候", "environment"),
    ("工作强度大，本人提出离职", "other"),
    ("试用期满未续签", "dismissed"),
    ("工资结算有分歧，经驻京服务中心劳务关系协调后离职", "dispute"),
    ("合同期满", "contract_end"),
    ("想离家近一些，回旗里找工作", "other_job"),
    ("家里有事，请假回乡后没有返岗", "family"),
    ("嫌工资低，本人提出离职", "pay"),
]
# What an in-work follow-up (在岗回访) hears: mostly nothing wrong.
CHECK_PROBLEMS = [
    "宿舍离工地较远，每天通勤一个多小时",
    "刚去不太适应，想家",
    "加班较多，希望能调整排班",
    "社保还没有办下来",
    "工资比说好的少发了几百元",
    "饮食不习惯",
]
CHECK_NOTES = ["工资按时发放，本人表示满意", "用工单位反映工作认真", "已和家人说明情况", ""]
REJECT_REASONS = [
    "面试未通过",
    "本人放弃，不愿离家太远",
    "用人单位已招满",
    "体检未通过",
    "多次联系不上本人",
]
INTERVIEW_NOTES = ["视频面试", "远程视频面试", "用人单位来旗现场招聘时面试", ""]
WORK_NOTES = ["随旗人社局组织的赴京务工人员统一乘车前往", "由驻京服务中心接站", "", ""]
RESTART = ("春节回家过年", "节后返岗")
RESTART_REASON = "family"
