"""Every headline figure, once: its name, its unit, its rule in words, and the SQL of its members.

A figure is the number of its *members* (people, households, visits, classes, postings,
payments) or the sum of their values (yuan, people still wanted). Each figure's
`members` query yields one row per member and household:

    member, household_id, value, note, day

(the people's rows carry more columns, the facts the work figures' conditions read).
`note` says where a member was found (来源: 就业登记 or 台账状态) and `day` is the date
the period applies to. The counts, the breakdown by township, the monthly trend, the
list behind a figure and the Excel lists are all read from these same rows (see
casework.services.figures.counting and .members), so no two of them can disagree.
`{period}` in a query is replaced by the period's condition on the figure's dated
column; :today and :week_end are bound by the caller. The caller keeps only rows whose
household is live and in the scope (Scope.join, the household as `hh`).

The rule for work: a person with a placement at work (就业跟踪, stage 在岗) counts where
that placement is; a person with no placement at work counts by the register's own work
situation (work_status, e.g. 赴京务工 typed on the member's form or imported from a
roster). So every person counts in one place, once, however many placements they have.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE_PLACEMENT = "就业登记"
SOURCE_REGISTER = "台账状态"
LOCAL_PLACES = "('local', 'in_county')"
AWAY_PLACES = "('beijing', 'in_region')"
REGISTERED_POOR = "('registered', 'lifted_out')"


@dataclass(frozen=True)
class Figure:
    """One headline figure."""

    key: str
    section: str  # the dashboard's heading it stands under
    label: str
    unit: str
    definition: str  # the rule, in the words a superior reads
    members: str = ""  # SQL, see the module docstring; "" when computed in Python
    # What a member is: person, household, visit, class, posting, payment, placement (the
    # subsidy's), work_due (a person due a follow-up), left_early (a job left early).
    kind: str = "person"
    # The column of `members` the period applies to: the figure counts what happened in
    # the period. "" for a figure as of today, whatever the period.
    dated: str = ""
    total: str = "count"  # count: distinct members; sum: their values
    scoped: bool = True  # False: the same for every area (employers' postings)
    additive: bool = True  # False: a member can belong to several sub-areas (a class)
    repeats: bool = False  # a member can come in several rows (two placements): count once
    sourced: bool = False  # its list says where each member was found (来源, the note)
    # Counted in the same pass over another figure's members: those of `within` that meet
    # `condition` (SQL on the member row m and its household hh; "" for all of
    # them), e.g. 其中脱贫人口 of 培训人数, or 发放金额 of the payments 已发放 counts.
    within: str = ""
    condition: str = ""
    # Roughly how many ms its pass takes alone on the 30,000-household demo with its jobs
    # and follow-ups (the pass over every person's narrow row 47, the subsidy's, partly in
    # Python, 88; most are a few), to share the passes between two threads.
    weight: int = 3


# What the work figures need to know of a person (whether they are at work through a
# placement (就业跟踪, stage 在岗), and where; whether they are on the willing list) is
# kept in person_fact, one narrow row per person, by the database's triggers
# (casework/migrations/m0010_person_facts.py has the rule), so one pass over it counts
# them all.
_FACT_COLUMNS = ["at_work_beijing", "at_work_local", "at_work_workshop"]
# Every live person, with those facts: the members of 家庭成员 and, by a condition on
# them, of each work figure (`within` people). A person at work through a placement is
# found by it (来源 就业登记), anyone else by the register's work status (台账状态).
_PEOPLE = f"""
    SELECT f.person_id AS member, f.household_id, 1 AS value,
           CASE WHEN f.at_work THEN '{SOURCE_PLACEMENT}' ELSE '{SOURCE_REGISTER}' END AS note,
           NULL AS day, f.work_status, f.at_work, {", ".join(f"f.{c}" for c in _FACT_COLUMNS)},
           f.willing
    FROM person_fact f
    WHERE f.live
"""


def _at_work(column: str, statuses: str) -> str:
    """At work now: by a placement at work (`column` of _FACT_COLUMNS), else by the register's
    work status."""
    return f"m.{column} OR (NOT m.at_work AND m.work_status IN {statuses})"


def _started(condition: str) -> str:
    """People who started work (entered 在岗, a restart too) in the period in a placement."""
    return f"""
        SELECT p.id AS member, p.household_id, 1 AS value, '' AS note, ev.event_date AS day
        FROM placement_event ev JOIN placement pl ON pl.id = ev.placement_id
        JOIN person p ON p.id = pl.person_id
        LEFT JOIN employer e ON e.id = pl.employer_id
        WHERE ev.deleted_at IS NULL AND ev.stage = 'working' AND pl.deleted_at IS NULL
          AND p.deleted_at IS NULL AND ({condition}){{period}}
    """


def _trained(member: str = "e.person_id") -> str:
    return f"""
        SELECT {member} AS member, p.household_id, 1 AS value, '' AS note, c.start_date AS day
        FROM enrollment e JOIN training_class c ON c.id = e.training_class_id
        JOIN person p ON p.id = e.person_id
        WHERE e.deleted_at IS NULL AND c.deleted_at IS NULL AND p.deleted_at IS NULL
          AND (e.attended = 1 OR e.completed = 1){{period}}
    """


_PAYMENTS = """
    SELECT sp.id AS member, p.household_id, sp.amount AS value, '' AS note, sp.paid_on AS day
    FROM subsidy_payment sp JOIN placement pl ON pl.id = sp.placement_id
    JOIN person p ON p.id = sp.person_id
    WHERE sp.deleted_at IS NULL AND pl.deleted_at IS NULL AND p.deleted_at IS NULL{period}
"""
_VISITS = """
    SELECT v.id AS member, v.household_id, 1 AS value, '' AS note, v.visit_date AS day
    FROM visit v WHERE v.deleted_at IS NULL{period}
"""
# Still recruiting: open and not past the valid-until date; value = people still wanted.
_OPEN_POSTINGS = """
    SELECT jp.id AS member, NULL AS household_id,
           max(coalesce(jp.headcount, 0) - (
               SELECT count(*) FROM placement pl WHERE pl.posting_id = jp.id
               AND +pl.stage IN ('hired', 'working') AND pl.deleted_at IS NULL
           ), 0) AS value, '' AS note, NULL AS day
    FROM job_posting jp JOIN employer e ON e.id = jp.employer_id
    WHERE jp.deleted_at IS NULL AND e.deleted_at IS NULL AND jp.status = 'open'
      AND (jp.valid_until IS NULL OR jp.valid_until >= :today)
"""

_WORK_CHECKS = """
    SELECT p.id AS member, p.household_id, 1 AS value, '' AS note, wc.checked_on AS day
    FROM work_check wc JOIN placement pl ON pl.id = wc.placement_id
    JOIN person p ON p.id = pl.person_id
    WHERE wc.deleted_at IS NULL AND pl.deleted_at IS NULL AND p.deleted_at IS NULL{period}
"""

WORK = "就业"
TRAINING = "技能培训"
SUBSIDY = "稳岗补贴"
VISITS = "走访"
FOLLOW_WORK = "在岗回访"
DEMAND = "用工需求"
REGISTER = "台账"

FIGURES: dict[str, Figure] = {
    f.key: f
    for f in [
        Figure(
            "households", REGISTER, "农户", "户", "台账中未删除的农户。",
            "SELECT h.id AS member, h.id AS household_id, 1 AS value, '' AS note, "
            "NULL AS day FROM household h WHERE h.deleted_at IS NULL",
            kind="household", weight=15,
        ),
        Figure(
            "people", REGISTER, "家庭成员", "人", "台账中未删除的家庭成员。",
            _PEOPLE, weight=47,
        ),
        Figure(
            "in_beijing", WORK, "在京务工", "人",
            "截至今天在北京务工的人：就业跟踪中在岗、工作地点为北京的人（来源：就业登记），"
            "加上没有在岗就业登记、而台账中务工状态为“赴京务工”的人（来源：台账状态）。"
            "有在岗就业登记的人按登记的地点计；一人有几条就业登记也只计一次。",
            _PEOPLE, within="people", condition=_at_work("at_work_beijing", "('beijing')"),
            sourced=True,
        ),
        Figure(
            "placed_in_beijing", WORK, "新增赴京就业", "人",
            "期间内在北京上岗（含离岗后重新上岗）的人，按就业跟踪的上岗日期；"
            "一人上岗几次只计一次。期间选“全部”时即曾经赴京就业的人。",
            _started("pl.place = 'beijing'"), dated="ev.event_date", repeats=True,
        ),
        Figure(
            "organised_outbound", WORK, "有组织输出", "人",
            "期间内经有组织输出上岗的人：就业跟踪中标为有组织输出、工作地点在北京或区内的"
            "就业，按上岗日期；一人只计一次。",
            _started(f"pl.organised = 1 AND pl.place IN {AWAY_PLACES}"),
            dated="ev.event_date", repeats=True,
        ),
        Figure(
            "local_employment", WORK, "就地就近就业", "人",
            "截至今天就地就近就业的人（含就业帮扶车间）：就业跟踪中在岗、工作地点为就地就近"
            "或县内、或用工单位是就业帮扶车间的人，加上没有在岗就业登记、台账务工状态为"
            "“就地就近就业”或“县内务工”的人；一人只计一次。",
            _PEOPLE, within="people", condition=_at_work("at_work_local", LOCAL_PLACES),
            sourced=True,
        ),
        Figure(
            "in_workshops", WORK, "其中在帮扶车间", "人",
            "截至今天在就业帮扶车间在岗的人（就业跟踪中用工单位类型为就业帮扶车间）。",
            _PEOPLE, within="people", condition="m.at_work_workshop", sourced=True,
        ),
        Figure(
            "willing", WORK, "有外出务工意愿", "人",
            "最新一条就业意愿为愿意外出务工、且未标为“无意愿”的人（即有意愿外出务工清单上的人）。",
            _PEOPLE, within="people", condition="m.willing",
        ),
        Figure(
            "willing_unplaced", WORK, "有意愿尚未就业", "人",
            "有外出务工意愿、而就业跟踪中没有已录用或在岗记录的人：待推荐、待安置的人。",
            _PEOPLE, within="people",
            condition="m.willing AND NOT EXISTS (SELECT 1 FROM placement a"
            " WHERE a.person_id = m.member"
            " AND +a.stage IN ('hired', 'working') AND a.deleted_at IS NULL)",
        ),
        Figure(
            "left_early", WORK, "提前离岗", "人",
            "期间内离岗、离岗时这份工作连续在岗不满稳岗补贴规定月数（默认3个月）的人，按就业"
            "跟踪的离岗日期；一人只计一次。名单中有离岗原因，来自离岗登记或在岗回访。",
            kind="left_early", dated="left_on", weight=41,
        ),
        Figure(
            "training_classes", TRAINING, "培训班", "期",
            "开班日期在期间内、有本地区人员参训的培训班。",
            _trained(member="c.id"), kind="class", dated="c.start_date", additive=False,
            repeats=True,
        ),
        Figure(
            "trained_people", TRAINING, "培训人数", "人",
            "参加了开班日期在期间内的培训班（标为参训或结业）的人；一人参加几期只计一次。",
            _trained(), dated="c.start_date", repeats=True,
        ),
        Figure(
            "trained_registered", TRAINING, "其中脱贫人口", "人",
            "培训人数中，所在农户为建档立卡户或脱贫户的人。",
            _trained(), dated="c.start_date", repeats=True,
            within="trained_people", condition=f"hh.status IN {REGISTERED_POOR}",
        ),
        Figure(
            "subsidy_eligible", SUBSIDY, "符合补贴条件", "人次",
            "稳岗补贴花名册上的就业（有组织输出、在补贴地区连续在岗满规定月数，已发放的也在内），"
            "按符合条件日期计入期间；每条就业一人次。",
            kind="placement", dated="eligible_on", weight=88,
        ),
        Figure(
            "subsidy_unpaid", SUBSIDY, "待发放", "人次",
            "截至今天已符合稳岗补贴条件、尚未登记发放的就业。",
            kind="placement",
        ),
        Figure(
            "subsidy_paid", SUBSIDY, "已发放", "人次",
            "发放日期在期间内的稳岗补贴发放记录。", _PAYMENTS, kind="payment", dated="sp.paid_on",
        ),
        Figure(
            "subsidy_amount", SUBSIDY, "发放金额", "元",
            "发放日期在期间内的稳岗补贴金额合计。", _PAYMENTS, kind="payment", dated="sp.paid_on",
            total="sum", within="subsidy_paid",
        ),
        Figure(
            "visits", VISITS, "走访", "次", "走访日期在期间内的走访记录。", _VISITS,
            kind="visit", dated="v.visit_date",
        ),
        Figure(
            "households_visited", VISITS, "走访农户", "户",
            "期间内至少走访过一次的农户。",
            "SELECT v.household_id AS member, v.household_id, 1 AS value, '' AS note, "
            "v.visit_date AS day FROM visit v WHERE v.deleted_at IS NULL{period}",
            kind="household", dated="v.visit_date", repeats=True,
        ),
        Figure(
            "follow_ups_due", VISITS, "到期应回访", "户",
            "约定的下次走访日期已到（今天或更早）的农户，与“走访提醒”的到期回访相同。",
            "SELECT h.id AS member, h.id AS household_id, 1 AS value, '' AS note, "
            "h.next_visit_date AS day FROM household h WHERE h.next_visit_date <= :today",
            kind="household",
        ),
        Figure(
            "follow_ups_this_week", VISITS, "本周将到期", "户",
            "下次走访日期在明天到本周日之间的农户。",
            "SELECT h.id AS member, h.id AS household_id, 1 AS value, '' AS note, "
            "h.next_visit_date AS day FROM household h "
            "WHERE h.next_visit_date > :today AND h.next_visit_date <= :week_end",
            kind="household",
        ),
        Figure(
            "work_checks_due", FOLLOW_WORK, "已到期", "人",
            "在岗的人中，按在岗回访的安排（上岗后每月一次，直到满稳岗补贴规定的月数，满6个月"
            "再一次）应回访的日期已到（今天或更早）、此后还没有回访的人，与“走访提醒”的在岗"
            "回访相同。",
            kind="work_due", weight=54,
        ),
        Figure(
            "work_checks_this_week", FOLLOW_WORK, "本周将到期", "人",
            "在岗的人中，下一次在岗回访的日期在明天到本周日之间的人。",
            kind="work_due",
        ),
        Figure(
            "work_checks_made", FOLLOW_WORK, "已回访", "人",
            "回访日期在期间内的在岗回访所访到的人（电话、微信、上门或向用工单位了解）；"
            "一人回访几次只计一次。",
            _WORK_CHECKS, dated="wc.checked_on", repeats=True,
        ),
        Figure(
            "open_postings", DEMAND, "在招岗位", "个",
            "招聘中、未过有效期的岗位（不分地区，即用工需求清单上的岗位）。",
            _OPEN_POSTINGS, kind="posting", scoped=False,
        ),
        Figure(
            "open_demand", DEMAND, "尚需人数", "人",
            "在招岗位的招聘人数减去已录用、在岗人数之和（未填招聘人数的岗位不计）。",
            _OPEN_POSTINGS, kind="posting", scoped=False, total="sum", within="open_postings",
        ),
    ]
}  # fmt: skip

# The figures a monthly trend can be drawn for: those that count what happened when.
TREND_KEYS = [key for key, figure in FIGURES.items() if figure.dated]
SECTIONS = list(dict.fromkeys(f.section for f in FIGURES.values()))
