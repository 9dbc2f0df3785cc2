"""What a roster import would do, row by row: create, update, leave alone, or refuse, and why.

The rows come read and cleaned from the sheet (casework.imports.roster_rows); this is
where they meet the register. It is read in bulk first (every live person by ID number,
household by code, the whole area tree), so planning 10,000 rows costs a handful of
queries, not one per row. People are matched on ID number, households on their code,
areas on their names under the matching parent; what is missing is planned for creation,
and a new 苏木乡镇 or 嘎查村 is a warning on the row that names it first
(casework.services.register.roster_areas).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from casework.models import Area, Household, Person
from casework.services.register.roster_areas import LEVEL_LABEL, AreaTree, NewArea
from casework.vocab import HOUSEHOLD_STATUS, label

ACTION_LABEL = {"create": "新增", "update": "更新", "unchanged": "无变化", "refused": "不导入"}
FIELD_LABEL = {
    "name": "姓名",
    "relation": "与户主关系",
    "ethnicity": "民族",
    "education": "文化程度",
    "health": "健康状况",
    "labour_ability": "劳动技能",
    "work_status": "务工状况",
    "phone": "联系电话",
    "skills": "技能特长",
    "political_status": "政治面貌",
    "marital_status": "婚姻状况",
    "household": "所在户",
}
# What a re-import may change on a person the register already holds.
UPDATABLE = (
    "name",
    "relation",
    "ethnicity",
    "education",
    "health",
    "labour_ability",
    "work_status",
    "phone",
    "skills",
    "political_status",
    "marital_status",
)


class RowInput(Protocol):
    """One roster row as the sheet gave it, cleaned (casework.imports.roster_rows.RowInput)."""

    sheet: str
    row: int
    county: str
    township: str
    village: str
    group: str
    household_code: str
    household_status: str
    address: str
    id_text: str  # the ID number cell as written, kept for a refused row
    person: dict  # the person's fields as codes: name, id_number, relation, education ...
    guessed: set  # fields of `person` the sheet did not give: only for a new person
    errors: list[str]  # the row cannot be imported
    warnings: list[str]  # imported without the doubtful item

    @property
    def name(self) -> str: ...

    @property
    def id_number(self) -> str: ...


@dataclass
class HouseholdPlan:
    code: str
    existing_id: str | None
    village_key: str
    group_key: str | None
    status: str
    address: str
    first_row: tuple[str, int]
    changes: dict = field(default_factory=dict)


@dataclass
class RowPlan:
    sheet: str
    row: int
    action: str
    name: str
    id_number: str
    household_code: str
    detail: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    item: RowInput | None = None
    person_id: str | None = None
    changes: dict = field(default_factory=dict)
    # The areas above the row's household that the import would create.
    new_areas: list[NewArea] = field(default_factory=list)

    @property
    def action_label(self) -> str:
        return ACTION_LABEL[self.action]

    @property
    def id_as_written(self) -> str:
        """The ID number, or for a row refused over it the cell's text as written."""
        return self.id_number or (self.item.id_text if self.item is not None else "")


@dataclass
class Plan:
    rows: list[RowPlan]
    areas: list[NewArea]
    households: dict[str, HouseholdPlan]


def _chunks(items: list, size: int = 900):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Register:
    """The live register, read once in bulk."""

    def __init__(self, items: list[RowInput]) -> None:
        numbers = list({i.id_number for i in items if i.id_number})
        codes = list({i.household_code for i in items if i.household_code})
        self.people: dict[str, dict] = {}
        for chunk in _chunks(numbers):
            query = Person.select().where(Person.id_number.in_(chunk), Person.deleted_at.is_null())
            for person in query.dicts():
                self.people[person["id_number"]] = person
        self.households: dict[str, dict] = {}
        for chunk in _chunks(codes):
            query = Household.select().where(
                Household.code.in_(chunk), Household.deleted_at.is_null()
            )
            for household in query.dicts():
                self.households[household["code"]] = household
        ids = [h["id"] for h in self.households.values()]
        self.heads: dict[str, tuple[str, str]] = {}  # household id -> (person id, name)
        for chunk in _chunks(ids):
            query = Person.select(Person.household, Person.id, Person.name).where(
                Person.household.in_(chunk), Person.relation == "head", Person.deleted_at.is_null()
            )
            for household_id, person_id, name in query.tuples():
                self.heads.setdefault(household_id, (person_id, name))
        query = Area.select(Area.id, Area.parent, Area.level, Area.name).where(
            Area.deleted_at.is_null()
        )
        self.areas = AreaTree(list(query.tuples()))


class Planner:
    """Builds the Plan for a list of rows, in file order."""

    def __init__(self, items: list[RowInput]) -> None:
        self.register = _Register(items)
        self.new_areas: list[NewArea] = []
        self.new_area_keys: dict[tuple[str | None, str], str] = {}
        self.new_area_by_key: dict[str, NewArea] = {}
        self.households: dict[str, HouseholdPlan] = {}
        self.seen_ids: dict[str, tuple[str, int]] = {}
        self.planned_heads: dict[str, tuple[str, int, str]] = {}

    def plan(self, items: list[RowInput], progress=None) -> Plan:
        rows = []
        for index, item in enumerate(items, 1):
            rows.append(self._plan_row(item))
            if progress and index % 500 == 0:
                progress(index, len(items))
        return Plan(rows, self.new_areas, self.households)

    def _plan_row(self, item: RowInput) -> RowPlan:
        plan = RowPlan(
            item.sheet,
            item.row,
            "refused",
            item.name,
            item.id_number,
            item.household_code,
            errors=list(item.errors),
            warnings=list(item.warnings),
            item=item,
        )
        if plan.errors:
            return plan
        previous = self.seen_ids.get(item.id_number)
        if previous:
            plan.errors.append(f"身份证号码与工作表“{previous[0]}”第{previous[1]}行重复")
            return plan
        notes: list[str] = []
        household = self._household(item, plan, notes)
        if household is None or not self._head_ok(item, household, plan):
            return plan
        self.seen_ids[item.id_number] = (item.sheet, item.row)
        self._person(item, household, plan, notes)
        plan.detail = "；".join(filter(None, [plan.detail, *notes]))
        return plan

    # ---------------------------------------------------------------- areas and households

    def _area(self, parent_key: str | None, level: str, name: str, plan: RowPlan, notes) -> str:
        existing = self.register.areas.find(parent_key, name)
        if existing:
            return existing
        key = (parent_key, name)
        if key not in self.new_area_keys:
            nearest = self.register.areas.nearest(level, parent_key, name)
            new = NewArea(f"new:{len(self.new_areas)}", parent_key, level, name, nearest)
            new.first_row = (plan.sheet, plan.row)
            self.new_areas.append(new)
            self.new_area_keys[key] = new.key
            self.new_area_by_key[new.key] = new
            notes.append(f"新建{LEVEL_LABEL[level]}“{name}”")
            if new.needs_confirming:
                plan.warnings.append(new.warning())
        return self.new_area_keys[key]

    def _county(self, item: RowInput, plan: RowPlan, notes: list[str]) -> str | None:
        if item.county:
            return self._area(None, "county", item.county, plan, notes)
        # A sheet without the column belongs to the one county the register or file names.
        planned = [a.key for a in self.new_areas if a.level == "county"]
        counties = self.register.areas.counties + planned
        if len(counties) == 1:
            return counties[0]
        if counties:
            plan.errors.append("已有多个旗县，表中又没有“县”列，无法确定所属旗县")
        else:
            plan.errors.append("表中没有“县”列，且尚未建立旗县：请先在地区管理中建立旗县")
        return None

    def _household(self, item: RowInput, plan: RowPlan, notes: list[str]) -> HouseholdPlan | None:
        county = self._county(item, plan, notes)
        if county is None:
            return None
        township = self._area(county, "township", item.township, plan, notes)
        village = self._area(township, "village", item.village, plan, notes)
        group = self._area(village, "group", item.group, plan, notes) if item.group else None
        path = (county, township, village, group)
        plan.new_areas = [self.new_area_by_key[k] for k in path if k in self.new_area_by_key]
        household = self.households.get(item.household_code)
        if household is not None:
            if (household.village_key, household.group_key) != (village, group):
                sheet, row = household.first_row
                plan.errors.append(
                    f"户编号{item.household_code}在工作表“{sheet}”第{row}行属于另一个村或组"
                )
                return None
            return household
        existing = self.register.households.get(item.household_code)
        household = HouseholdPlan(
            item.household_code,
            existing["id"] if existing else None,
            village,
            group,
            item.household_status or (existing["status"] if existing else "registered"),
            item.address or (existing["address"] if existing else ""),
            (item.sheet, item.row),
        )
        if existing:
            household.changes = self._household_changes(existing, household)
            if household.changes:
                words = "、".join(household.changes.values())
                notes.append(f"更新户{item.household_code}：{words}")
        else:
            notes.append(f"新建户{item.household_code}")
        self.households[item.household_code] = household
        return household

    def _household_changes(self, existing: dict, household: HouseholdPlan) -> dict:
        changes = {}
        if existing["village"] != household.village_key:
            changes["village"] = f"所在村改为{self._area_name(household.village_key)}"
        if household.group_key and existing["group"] != household.group_key:
            changes["group"] = f"所在组改为{self._area_name(household.group_key)}"
        if household.status != existing["status"]:
            before, after = existing["status"], household.status
            changes["status"] = (
                f"类型{label(HOUSEHOLD_STATUS, before)}→{label(HOUSEHOLD_STATUS, after)}"
            )
        if household.address != existing["address"]:
            changes["address"] = "住址"
        return changes

    def _area_name(self, key: str) -> str:
        if key in self.register.areas.names:
            return self.register.areas.names[key]
        return next(a.name for a in self.new_areas if a.key == key)

    # ---------------------------------------------------------------- people

    def _head_ok(self, item: RowInput, household: HouseholdPlan, plan: RowPlan) -> bool:
        if item.person.get("relation") != "head":
            return True
        planned = self.planned_heads.get(household.code)
        if planned and planned[2] != item.id_number:
            plan.errors.append(f"户{household.code}已在工作表“{planned[0]}”第{planned[1]}行有户主")
            return False
        current = self.register.heads.get(household.existing_id or "")
        existing = self.register.people.get(item.id_number)
        if current and (existing is None or existing["id"] != current[0]):
            plan.errors.append(
                f"户{household.code}已有户主{current[1]}，请先在系统中修改其与户主关系"
            )
            return False
        self.planned_heads[household.code] = (item.sheet, item.row, item.id_number)
        return True

    def _person(self, item: RowInput, household: HouseholdPlan, plan: RowPlan, notes) -> None:
        existing = self.register.people.get(item.id_number)
        if existing is None:
            plan.action = "create"
            plan.detail = "新增成员"
            return
        plan.person_id = existing["id"]
        changes = {
            name: item.person[name]
            for name in UPDATABLE
            if name in item.person
            and name not in item.guessed
            and item.person[name] != existing[name]
        }
        if household.existing_id != existing["household"]:
            changes["household"] = household.code
            notes.append("从另一户转入")
        plan.changes = changes
        if changes:
            plan.action = "update"
            plan.detail = "更新：" + "、".join(FIELD_LABEL[c] for c in changes)
        else:
            plan.action = "unchanged"
            plan.detail = "与系统中的记录相同"
