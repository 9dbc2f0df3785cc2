"""A roster's area names against the area tree: found, or new with the nearest existing name.

A 苏木乡镇 or 嘎查村 the tree does not have is most often a typo (大新艾力嘎擦 for
大新艾力嘎查), so the import never creates one silently: the row that names it first is
warned, with the existing name closest to it, and the window asks before importing.
Village groups (一组, 二组) are new often enough to be created with a note only.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

LEVEL_LABEL = {"county": "旗县", "township": "苏木乡镇", "village": "嘎查村", "group": "村民小组"}
CONFIRMED_LEVELS = ("county", "township", "village")
# How alike two names must be (difflib's ratio) for one to be offered for the other:
# one character wrong in a four-character name is 0.75.
CLOSE_ENOUGH = 0.6


@dataclass
class NewArea:
    """An area the import would create; `nearest` is the closest existing name, if any."""

    key: str
    parent_key: str | None
    level: str
    name: str
    nearest: str = ""
    first_row: tuple[str, int] | None = None

    @property
    def needs_confirming(self) -> bool:
        return self.level in CONFIRMED_LEVELS

    def warning(self) -> str:
        """What the row that names it first is told."""
        text = f"{LEVEL_LABEL[self.level]}“{self.name}”不在地区列表中，导入时将新建"
        if self.nearest:
            text += f"；是否应为{self.nearest}？"
        return text

    def describe(self) -> str:
        """One line of the list the window asks about."""
        text = f"{LEVEL_LABEL[self.level]}“{self.name}”"
        if self.first_row:
            text += f"（工作表“{self.first_row[0]}”第{self.first_row[1]}行）"
        if self.nearest:
            text += f"，最接近的已有名称：{self.nearest}"
        return text


class AreaTree:
    """The live area tree, read once: areas by (parent, name), and names by level."""

    def __init__(self, rows: list[tuple[str, str | None, str, str]]) -> None:
        self.ids: dict[tuple[str | None, str], str] = {}
        self.names: dict[str, str] = {}
        self.by_level: dict[str, list[tuple[str, str | None, str]]] = {}
        for area_id, parent_id, level, name in rows:
            self.ids.setdefault((parent_id, name), area_id)
            self.names[area_id] = name
            self.by_level.setdefault(level, []).append((area_id, parent_id, name))

    def find(self, parent_key: str | None, name: str) -> str | None:
        return self.ids.get((parent_key, name))

    @property
    def counties(self) -> list[str]:
        return [area_id for (parent, _name), area_id in self.ids.items() if parent is None]

    def nearest(self, level: str, parent_key: str | None, name: str) -> str:
        """The existing name of `level` closest to `name`, quoted, with its parent when it
        is under another one ("“大新艾力嘎查”（架玛吐镇）"); "" when none is close."""
        best, best_score = None, CLOSE_ENOUGH
        matcher = SequenceMatcher(None, "", name)  # the second sequence is the one cached
        for _area_id, parent_id, existing in self.by_level.get(level, []):
            bonus = 0.05 if parent_id == parent_key else 0.0  # a sibling before a namesake
            matcher.set_seq1(existing)
            # The quick upper bounds skip most of a county's 300 villages cheaply.
            if matcher.real_quick_ratio() + bonus <= best_score:
                continue
            if matcher.quick_ratio() + bonus <= best_score:
                continue
            score = matcher.ratio() + bonus
            if score > best_score:
                best, best_score = (existing, parent_id), score
        if best is None:
            return ""
        existing, parent_id = best
        where = "" if parent_id == parent_key or parent_id is None else self.names[parent_id]
        return f"“{existing}”" + (f"（{where}）" if where else "")
