"""Training vocabularies: the kinds of skills class (培训班类别), code -> Chinese label."""

from __future__ import annotations

TRAINING_KIND = {
    "domestic": "家政服务",
    "cooking": "中式烹饪",
    "appliance": "家电维修",
    "road": "护路员",
    "live_selling": "电商直播带货",
    "sewing": "缝纫",
    "other": "其他",
}

# Words a wish's free-text "training wanted" uses for each kind, so a class can be shown
# as matching what the person asked for (保姆 and 月嫂 are domestic service, 厨师 cooking).
KIND_WORDS = {
    "domestic": ("家政", "保姆", "月嫂", "育婴", "护工", "养老护理", "保洁"),
    "cooking": ("烹饪", "厨师", "中式", "面点", "厨", "餐饮"),
    "appliance": ("家电", "维修", "电工", "空调"),
    "road": ("护路", "道路", "公路"),
    "live_selling": ("电商", "直播", "带货", "网店"),
    "sewing": ("缝纫", "裁缝", "服装", "制衣"),
    "other": (),
}


def kind_matches_text(kind: str, text: str) -> bool:
    """Whether free text (a wish's training_wanted) asks for training of this kind."""
    text = (text or "").strip()
    if not text:
        return False
    words = (TRAINING_KIND.get(kind, ""), *KIND_WORDS.get(kind, ()))
    return any(word and word in text for word in words)
