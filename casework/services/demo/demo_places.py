"""Demo data: the townships and villages (嘎查/村) of 科左中旗, the banner the demo fills.

Township names are the banner's; village names are drawn in its style (Mongolian
嘎查 names beside Han 村 names) and are illustrative, not an official roster.
"""

from __future__ import annotations

COUNTY_NAME = "科左中旗"
COUNTY_CODE = "150521"
# The banner's six-digit code in resident ID numbers depends on when the number was
# issued: 152322 under 哲里木盟 until 1999, 150521 under 通辽市 since. python-stdnum
# (and so validation.id_number) accepts each code only for birth years in its period.
ID_CODE_SINCE_1999 = "150521"
ID_CODE_BEFORE_1999 = "152322"

# township, its nine-digit code, its villages (space-separated)
_TOWNSHIPS = [
    ("保康镇", "150521100", "保康村 东风村 建设村 民主村 新兴村 团结村 东新艾力嘎查 "
     "西新艾力嘎查 哈拉乌苏嘎查"),
    ("宝龙山镇", "150521101", "宝龙山嘎查 哈日乌苏嘎查 东宝龙山村 白音塔拉嘎查 查干敖包嘎查 "
     "胡吉尔嘎查 双合村 兴隆村 乌兰敖都嘎查"),
    ("舍伯吐镇", "150521102", "舍伯吐嘎查 珠日河嘎查 查干础鲁嘎查 巴彦茫哈嘎查 伊和塔拉嘎查 "
     "新发村 太平村 敖力布皋嘎查"),
    ("巴彦塔拉镇", "150521103", "巴彦塔拉嘎查 哈达图嘎查 乌力吉图嘎查 宝力皋嘎查 东升村 永安村 "
     "阿拉坦敖都嘎查 白兴吐嘎查"),
    ("门达镇", "150521104", "门达嘎查 额尔敦宝力皋嘎查 孟根塔拉嘎查 呼和哈达嘎查 富民村 永兴村 "
     "吉尔嘎朗嘎查"),
    ("架玛吐镇", "150521105", "大新艾力嘎查 架玛吐嘎查 好力保嘎查 巴嘎塔拉嘎查 套布嘎查 "
     "希日塔拉嘎查 前进村 和平村 敖包图嘎查"),
    ("腰林毛都镇", "150521106", "腰林毛都嘎查 扎拉嘎嘎查 乌兰花嘎查 花吐嘎查 新立村 长胜村 "
     "道老杜嘎查 哈日干图嘎查"),
    ("希伯花镇", "150521107", "希伯花嘎查 伊和浩特嘎查 巴彦高勒嘎查 查干哈达嘎查 红光村 兴华村 "
     "那木斯来嘎查"),
    ("花吐古拉镇", "150521108", "花吐古拉嘎查 胡四台嘎查 呼和塔拉嘎查 乌兰敖包嘎查 光明村 平安村 "
     "阿都沁嘎查"),
    ("代力吉镇", "150521109", "代力吉嘎查 伊和乌苏嘎查 巴彦乌苏嘎查 哈拉毛都嘎查 新建村 东兴村 "
     "塔本艾力嘎查"),
    ("努日木镇", "150521110", "努日木嘎查 白音茫哈嘎查 查干塔拉嘎查 额尔敦塔拉嘎查 双井村 "
     "达尔罕嘎查 太和村"),
    ("敖包苏木", "150521200", "敖包嘎查 巴彦敖包嘎查 哈日敖包嘎查 乌力吉木仁嘎查 宝日胡硕嘎查 "
     "哈拉沁嘎查"),
    ("花胡硕苏木", "150521201", "花胡硕嘎查 查干套布嘎查 额日和木嘎查 巴嘎胡硕嘎查 温都尔嘎查 "
     "孟和套布嘎查"),
    ("胜利乡", "150521202", "胜利村 永胜村 兴安村 巴彦嘎查 协力村 合发村 三合村"),
]  # fmt: skip
TOWNSHIPS: list[tuple[str, str, list[str]]] = [
    (name, code, villages.split()) for name, code, villages in _TOWNSHIPS
]

GROUP_NAMES = "一组 二组 三组 四组 五组 六组".split()

# Places near home where people work, for visit notes.
LOCAL_WORKPLACES = (
    "保康镇扶贫车间 旗里的肉牛屠宰厂 镇上的饭店 嘎查的光伏电站 旗里的建筑工地 镇上的超市 "
    "旗农畜产品加工厂 镇上的汽修店"
).split()
