"""Which households a figure covers: an area, or a cadre's households, or both.

A `Scope` is the county, a township, a village, a village group, or the households one
cadre has visited (any live visit the cadre went on), or an area and a cadre together.
Scope.join() is the SQL every figure's members go through: their household live and in
the scope (as `hh`), and, for a breakdown, the sub-area each is counted under: the level
below the scope (townships for a county, villages for a township, groups for a
village), from which the bar chart by township is drawn.
The period a figure covers is a casework.periods.Period.
"""

from __future__ import annotations

from dataclasses import dataclass

from casework.db import database
from casework.models import Area, Cadre
from casework.services.common import NotFoundError
from casework.services.register.cadre_households import VISITED_BY_SQL
from casework.vocab import AREA_LEVEL

# The level each scope's figures are broken down by, and the SQL naming it.
BREAKDOWN = {None: "township", "county": "township", "township": "village", "village": "group"}
_GROUP_COLUMN = {
    "township": "va.parent_id",
    "village": "hh.village_id",
    "group": "coalesce(hh.group_id, '')",
}
_AREA_CONDITION = {
    "county": "hh.village_id IN (SELECT v.id FROM area v JOIN area t ON t.id = v.parent_id "
    "WHERE t.parent_id = :scope_area)",
    "township": "hh.village_id IN (SELECT id FROM area WHERE parent_id = :scope_area)",
    "village": "hh.village_id = :scope_area",
    "group": "hh.group_id = :scope_area",
}
CADRE_TABLE = "temp.figure_cadre"
GONE_TABLE = "temp.figure_gone"


@dataclass(frozen=True)
class Scope:
    """An area (any level, None for everything) and/or one cadre's visited households."""

    area_id: str | None = None
    cadre_id: str | None = None

    def area_level(self) -> str | None:
        if not self.area_id:
            return None
        area = Area.get_or_none(Area.id == self.area_id, Area.deleted_at.is_null())
        if area is None:
            raise NotFoundError("找不到这个地区，可能已被删除")
        return area.level

    def breakdown(self) -> str | None:
        """The level the figures are broken down by (None below a village group)."""
        return BREAKDOWN.get(self.area_level())

    def label(self) -> str:
        """ "科左中旗", "架玛吐镇 大新艾力嘎查", "杨志勇走访的农户"."""
        from casework.services.register import areas

        parts = []
        if self.area_id:
            parts.append(areas.area_path(self.area_id) or _area_name(self.area_id))
        else:
            parts.append("、".join(a["name"] for a in areas.children(None)) or "全部地区")
        if self.cadre_id:
            cadre = Cadre.get_or_none(Cadre.id == self.cadre_id)
            parts.append(f"{cadre.name if cadre else '（已删除的干部）'}走访的农户")
        return " ".join(parts)

    def prepare(self) -> dict:
        """Ready this connection for queries in the scope; the parameters they need.

        A cadre's households are written once into temp.figure_cadre (this connection's
        own), so that each figure looks a household up there instead of searching the
        cadre's visits again; for the whole county, the deleted households into
        temp.figure_gone (see live()).
        """
        if not self.area_id and not self.cadre_id:
            database.execute_sql(
                "CREATE TEMP TABLE IF NOT EXISTS figure_gone "
                "(household_id TEXT PRIMARY KEY) WITHOUT ROWID"
            )
            database.execute_sql(f"DELETE FROM {GONE_TABLE}")
            database.execute_sql(
                f"INSERT INTO {GONE_TABLE} SELECT id FROM household WHERE deleted_at IS NOT NULL"
            )
        if self.cadre_id:
            database.execute_sql(
                "CREATE TEMP TABLE IF NOT EXISTS figure_cadre "
                "(household_id TEXT PRIMARY KEY) WITHOUT ROWID"
            )
            database.execute_sql(f"DELETE FROM {CADRE_TABLE}")
            database.execute_sql(
                f"INSERT INTO {CADRE_TABLE} {VISITED_BY_SQL} ORDER BY 1", (self.cadre_id,)
            )
        return {"scope_area": self.area_id}

    def join(self, household: str, grouped: bool = False) -> tuple[str, str]:
        """(joins, group column): the SQL that keeps rows whose household (the column
        `household`) is live and in the scope, as `hh`; with `grouped`, also the column
        naming the sub-area each row is counted under ("''" when there is none)."""
        level = self.area_level()
        sql = f" JOIN household hh ON hh.id = {household} AND hh.deleted_at IS NULL"
        if level:
            sql += f" AND {_AREA_CONDITION[level]}"
        if self.cadre_id:
            sql += f" JOIN {CADRE_TABLE} fc ON fc.household_id = hh.id"
        if not grouped:
            return sql, "''"
        column = _GROUP_COLUMN.get(BREAKDOWN.get(level) or "", "''")
        if "va." in column:
            sql += " JOIN area va ON va.id = hh.village_id"
        return sql, column

    def live(self, household: str) -> str | None:
        """For the whole county, when nothing of the household but its being live matters:
        the condition keeping rows whose household (the column `household`) is live, a
        search of the few deleted households that prepare() listed instead of a join to
        every household (a third of the time of counting every person). None for an area
        or a cadre's households: they need the join."""
        if self.area_id or self.cadre_id:
            return None
        return f"{household} IS NOT NULL AND {household} NOT IN {GONE_TABLE}"

    def groups(self) -> list[tuple[str, str]]:
        """(id, name) of the sub-areas the figures are broken down by, in name order."""
        level, breakdown = self.area_level(), self.breakdown()
        if breakdown is None:
            return []
        if level is None:
            query = Area.select(Area.id, Area.name).where(Area.level == "township")
        else:
            query = Area.select(Area.id, Area.name).where(Area.parent == self.area_id)
        rows = query.where(Area.deleted_at.is_null()).order_by(Area.name).tuples()
        found = list(rows)
        if breakdown == "group":
            found.append(("", "未分组"))
        return found


def _area_name(area_id: str) -> str:
    area = Area.get_or_none(Area.id == area_id)
    return area.name if area else ""


def find_area(name: str) -> str:
    """The id of the live area called `name` ("架玛吐镇", or "架玛吐镇 大新艾力嘎查" when a
    village's name is not unique); NotFoundError in Chinese otherwise."""
    words = name.split()
    if not words:
        raise NotFoundError("请填写地区名称")
    matches = list(
        Area.select().where(Area.name == words[-1], Area.deleted_at.is_null()).order_by(Area.level)
    )
    if len(words) > 1:
        matches = [a for a in matches if _area_name(a.parent_id or "") == words[-2]]
    if not matches:
        raise NotFoundError(f"没有叫“{name}”的地区")
    if len(matches) > 1:
        levels = "、".join(f"{AREA_LEVEL[a.level]}“{_parent_path(a)}”" for a in matches)
        raise NotFoundError(f"有 {len(matches)} 个地区叫“{name}”（{levels}），请连同上级写出")
    return matches[0].id


def _parent_path(area: Area) -> str:
    from casework.services.register import areas

    return areas.area_path(area.id) or area.name
