"""Health check of the open database: SQLite's own checks, schema version, search index, summaries.

Everything is SQL run inside SQLite; a problem is described in Chinese for the cadre
(or whoever they phone), with a few household codes as examples where that helps. The
checks run one step at a time, and `progress(done, total, what)` hears of each before it
starts (the command line shows it on a terminal: a county's file takes a while).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from casework.db import database
from casework.migrations import LATEST, m0010_person_facts
from casework.services.register import household_summary

EXAMPLES = 5
SEARCH_TABLES = {"search_key": "搜索键表", "person_fts": "全文索引", "person_short": "短词索引"}

# Each summary column, by the one rule services.register.household_summary writes it.
SUMMARY_CHECKS = [
    (household_summary.disagreeing("member_count"), "家庭人数与成员记录不符"),
    (household_summary.disagreeing("head_name"), "户主姓名与成员记录不符"),
    (household_summary.disagreeing("last_visit_date"), "最近走访日期与走访记录不符"),
    (household_summary.disagreeing("next_visit_date"), "下次走访日期与最近一次走访记录不符"),
    (
        "(SELECT COUNT(*) FROM person p WHERE p.household_id = h.id "
        "AND p.deleted_at IS NULL AND p.relation = 'head') > 1",
        "登记了不止一位户主",
    ),
]


@dataclass
class Report:
    ok: bool
    schema_version: int
    latest: int
    problems: list[str] = field(default_factory=list)


Progress = Callable[[int, int, str], None]


def check(progress: Progress | None = None) -> Report:
    """Run every check on the open database; `ok` is True when no problem was found."""
    version = database.execute_sql("PRAGMA user_version").fetchone()[0]
    tables = _tables()
    steps: list[tuple[str, Callable[[], list[str]]]] = [
        ("文件完整性", _integrity),
        ("记录之间的关联", _links),
        ("结构版本", lambda: _version_problems(version)),
    ]
    if set(SEARCH_TABLES) <= tables and "person" in tables:
        steps.append(("搜索索引", _search_index_checks))
    if "person_fact" in tables:
        steps.append(("就业统计用的人员情况", _person_fact_check))
    if {"household", "person", "visit"} <= tables:
        summary = "各户的人数、户主和走访日期"
        steps += [(summary, lambda c=c, m=m: _summary_check(c, m)) for c, m in SUMMARY_CHECKS]
    problems: list[str] = []
    for number, (what, run) in enumerate(steps):
        if progress is not None:
            progress(number, len(steps), what)
        problems += run()
    if progress is not None:
        progress(len(steps), len(steps), "")
    return Report(not problems, version, LATEST, problems)


def _version_problems(version: int) -> list[str]:
    if version < LATEST:
        return [f"数据库结构版本为 {version}，低于本程序的 {LATEST}，用本程序打开时会自动升级"]
    if version > LATEST:
        return [f"数据库结构版本为 {version}，高于本程序支持的 {LATEST}，请升级劳务协作工作台"]
    return []


def _tables() -> set[str]:
    rows = database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {name for (name,) in rows}


def _integrity() -> list[str]:
    messages = [row[0] for row in database.execute_sql("PRAGMA integrity_check")]
    if messages == ["ok"]:
        return []
    shown = "；".join(messages[:EXAMPLES])
    return [f"数据库文件已损坏（SQLite 完整性检查报告 {len(messages)} 处问题：{shown}）"]


def _links() -> list[str]:
    problems = []
    broken_links = database.execute_sql(
        'SELECT "table", parent, COUNT(*) FROM pragma_foreign_key_check() '
        "GROUP BY 1, 2 ORDER BY 1, 2"
    )
    for table, parent, count in broken_links:
        problems.append(f"表 {table} 中有 {count} 条记录指向表 {parent} 中不存在的记录")
    return problems


def _count(sql: str) -> int:
    return database.execute_sql(sql).fetchone()[0]


def _search_index_checks() -> list[str]:
    """The search tables hold a row per person row (live or deleted), as the triggers keep them."""
    people = _count("SELECT COUNT(*) FROM person")
    problems = []
    for table, label in SEARCH_TABLES.items():
        rows = _count(f"SELECT COUNT(*) FROM {table}")
        if rows != people:
            problems.append(
                f"搜索索引与成员记录不同步：{label}（{table}）有 {rows} 行，成员记录有 {people} 条"
            )
    missing = _count(
        "SELECT COUNT(*) FROM person p WHERE NOT EXISTS "
        "(SELECT 1 FROM search_key k WHERE k.person_id = p.id)"
    )
    if missing:
        problems.append(f"有 {missing} 位家庭成员不在搜索索引中，搜索时会找不到")
    return problems


def _summary_check(condition: str, message: str) -> list[str]:
    """Live households whose summary column disagrees with their live members and visits."""
    where = f"h.deleted_at IS NULL AND {condition}"
    count = _count(f"SELECT COUNT(*) FROM household h WHERE {where}")
    if not count:
        return []
    codes = database.execute_sql(
        f"SELECT h.code FROM household h WHERE {where} ORDER BY h.code LIMIT {EXAMPLES}"
    )
    examples = "、".join(code for (code,) in codes)
    return [f"有 {count} 户{message}（如 {examples}）"]


def _person_fact_check() -> list[str]:
    """person_fact holds, for every person, what migration 10's rule finds in the
    placements, wishes and employers (its triggers keep it so)."""
    # Found afresh into a table of this connection's own first: compared inside one
    # query, SQLite joined each person to the facts without an index (minutes at 30,000).
    database.execute_sql("DROP TABLE IF EXISTS temp.person_fact_fresh")
    database.execute_sql("CREATE TEMP TABLE person_fact_fresh AS SELECT * FROM person_fact LIMIT 0")
    database.execute_sql("INSERT INTO temp.person_fact_fresh " + m0010_person_facts.rows_of(None))
    try:
        differing = _count(
            "SELECT COUNT(*) FROM ("
            "SELECT person_id FROM (SELECT * FROM person_fact "
            "EXCEPT SELECT * FROM temp.person_fact_fresh) "
            "UNION SELECT person_id FROM (SELECT * FROM temp.person_fact_fresh "
            "EXCEPT SELECT * FROM person_fact))"
        )
    finally:
        database.execute_sql("DROP TABLE temp.person_fact_fresh")
    if not differing:
        return []
    return [
        f"有 {differing} 位家庭成员的就业统计情况（在岗、外出意愿）与记录不符，统计数字会有出入"
    ]
