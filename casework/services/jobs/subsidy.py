"""Stable-employment subsidy (稳岗补贴): who is eligible, who soon will be, and what was paid.

Eligible: an organised outbound placement (有组织输出) in the subsidy region (a setting,
Beijing by default) whose person has been continuously at work for N whole calendar
months (a setting, 3 by default). The count rule:

    eligible on = first day at work + N calendar months, the same day of the month;
    when that month has no such day the month's last day is used instead
    (2026-01-31 + 3 months → 2026-04-30; 2027-11-30 + 3 → 2028-02-29; 2028-02-29 + 3 →
    2028-05-29), and the person must still be at work that day (the leaving date is
    the last day worked, so leaving on the eligible day itself still counts).

A stop and restart (working → left → working) starts the count again from the restart,
unless the setting "sum periods" is on: then the days off between periods push the date
back by as many days (eligible on = first start + N months + days not at work). Any one
period that reached the count makes the placement eligible. One payment per placement.
Settings live per laptop in the setting table (keys subsidy_amount, subsidy_months,
subsidy_region, subsidy_sum_periods).

Public API (stable):
- settings() -> dict                    # amount, months, region, region_label, sum_periods
- save_settings(data: dict) -> dict     # raw amount, months, region, sum_periods
- add_months(day: date, months: int) -> date                         (pure)
- eligibility(events, organised: bool, place: str, rules: dict, today: date) -> dict  (pure)
- subsidy_rows(today: date | None = None) -> list[dict]   # every placement that may qualify
- statuses(today: date | None = None) -> list[dict]  # the same, only what the figures need
- eligible_unpaid(today=None) -> list[dict] ; due_soon(days: int = 30, today=None) -> list[dict]
- paid_list() -> list[dict] ; roster_rows(today=None) -> list[dict]  # 稳岗补贴花名册
- placement_subsidy(placement_id: str, today=None) -> dict
  (subsidy rows carry "evidence": what the in-work follow-ups found, see work_checks)
- record_payment(placement_id: str, data: dict) -> dict   # paid_on, amount, paid_by, notes
- delete_payment(payment_id: str) -> str
"""

from __future__ import annotations

import calendar
import datetime as dt

from peewee import JOIN, Table

from casework import clock
from casework import validation as v
from casework.db import database
from casework.models import Cadre, Placement, PlacementEvent, SubsidyPayment
from casework.services.common import ConflictError, current_cadre_id, get_live, log_event
from casework.services.jobs import placement_rows
from casework.services.settings import save_setting, setting
from casework.vocab import DESTINATION
from casework.vocab_jobs import PLACE_NAME

# Defaults and types are declared in casework.services.settings.
KEYS = {
    "amount": "subsidy_amount",
    "months": "subsidy_months",
    "region": "subsidy_region",
    "sum_periods": "subsidy_sum_periods",
}


def settings() -> dict:
    """The subsidy rules in force on this laptop."""
    rules = {rule: setting(key) for rule, key in KEYS.items()}
    rules["region_label"] = PLACE_NAME.get(rules["region"], rules["region"])
    return rules


def save_settings(data: dict) -> dict:
    check = v.FieldCollector()
    amount = check.check("amount", v.money, data.get("amount"), "补贴金额", 100_000)
    months = check.check("months", _months, data.get("months"))
    region = check.check(
        "region", v.choice, data.get("region"), DESTINATION, "补贴地区", required=True
    )
    if amount is None and "amount" not in check.errors:
        check.add("amount", "请填写补贴金额")
    check.raise_if_any()
    with database.atomic():
        save_setting(KEYS["amount"], amount)
        save_setting(KEYS["months"], months)
        save_setting(KEYS["region"], region)
        save_setting(KEYS["sum_periods"], bool(data.get("sum_periods")))
    return settings()


def _months(raw) -> int:
    text = v._halfwidth(str(raw or "")).strip().rstrip("个月")
    if not text.isdigit() or not 1 <= int(text) <= 36:
        raise v.FieldError("稳定就业月数请填写1到36之间的整数")
    return int(text)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later, or that month's last day if it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if day.day <= 28:  # every month has the day (the figures ask this some 30,000 times)
        return dt.date(year, month, day.day)
    last = 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month - 1]
    return dt.date(year, month, min(day.day, last))


def _whole_months(start: dt.date, last: dt.date) -> int:
    if last < start:
        return 0
    count = (last.year - start.year) * 12 + last.month - start.month
    return count if add_months(start, count) <= last else count - 1


def eligibility(
    events: list[tuple[str, dt.date]], organised: bool, place: str, rules: dict, today: dt.date
) -> dict:
    """Whether a placement has earned the subsidy, from when, or when it will (pure)."""
    result = {"eligible": False, "eligible_on": None, "months_worked": 0, "reason": ""}
    periods = placement_rows.working_periods(events)
    if not organised:
        return {**result, "reason": "非有组织输出"}
    if place != rules["region"]:
        return {**result, "reason": f"工作地点不在{PLACE_NAME.get(rules['region'], '')}"}
    if not periods:
        return {**result, "reason": "尚未上岗"}
    months = rules["months"]
    last_start, last_end = periods[-1]
    result["months_worked"] = _whole_months(last_start, min(last_end or today, today))
    eligible, due, ended = _settle(periods, rules, today)
    if eligible:
        return {**result, "eligible": True, "eligible_on": due, "reason": "已满足条件"}
    if not ended:
        return {**result, "eligible_on": due, "reason": f"预计{due.isoformat()}满{months}个月"}
    return {**result, "reason": f"离岗时不满{months}个月"}


def _settle(periods: list, rules: dict, today: dt.date) -> tuple[bool, dt.date, bool]:
    """(eligible, the day it was or will be earned, whether the last period has ended)
    of an organised placement in the region with these working periods (pure)."""
    months = rules["months"]
    if rules.get("sum_periods"):
        days_off = sum(
            (periods[i + 1][0] - periods[i][1]).days - 1 for i in range(len(periods) - 1)
        )
        candidates = [
            (add_months(periods[0][0], months) + dt.timedelta(days=days_off), periods[-1][1])
        ]
    else:
        candidates = [(add_months(start, months), end) for start, end in periods]
    for due, end in candidates:
        if due <= today and (end is None or due <= end):
            return True, due, end is not None
    due, end = candidates[-1]
    return False, due, end is not None


def _eligible_on(events: list[tuple[str, dt.date]], rules: dict, today: dt.date):
    """(eligible, eligible_on) as eligibility() gives them for an organised placement in
    the region, without its months and reason: what the figures count, 7,000 times."""
    periods = placement_rows.working_periods(events)
    if not periods:
        return False, None
    eligible, due, ended = _settle(periods, rules, today)
    return eligible, due if eligible or not ended else None


def _payments(placement_ids: list[str]) -> dict[str, SubsidyPayment]:
    found = {}
    for start in range(0, len(placement_ids), 900):
        chunk = placement_ids[start : start + 900]
        query = SubsidyPayment.select().where(
            SubsidyPayment.placement.in_(chunk), SubsidyPayment.deleted_at.is_null()
        )
        for payment in query.order_by(SubsidyPayment.paid_on):
            found.setdefault(payment.placement_id, payment)
    return found


def _candidates(query, rules: dict):
    """The placements that may qualify: organised, in the region, at work or once at work."""
    return query.where(
        Placement.organised == True,  # noqa: E712 (peewee expression)
        Placement.place == rules["region"],
        Placement.stage.in_(("working", "left")),
    )


# A person's narrow row, kept by the database's triggers (migration 10): their household,
# whether they are live.
_PERSON_FACT = Table("person_fact", ("person_id", "household_id", "live"))


def _status_query(rules: dict):
    """The placements that may qualify (_candidates) of live people, with their household
    and their live work events in order; a placement with none comes once, with no event."""
    event = PlacementEvent
    query = Placement.select(
        Placement.id, _PERSON_FACT.household_id, event.stage, event.event_date
    ).join(
        _PERSON_FACT,
        on=(_PERSON_FACT.person_id == Placement.person) & (_PERSON_FACT.live == 1),
    ).join(
        event,
        JOIN.LEFT_OUTER,
        on=(event.placement == Placement.id) & event.deleted_at.is_null()
        & event.stage.in_(placement_rows.WORK_EVENTS),
        src=Placement,
    )  # fmt: skip
    return (
        _candidates(query, rules)
        .where(Placement.deleted_at.is_null())
        .order_by(Placement.id, event.event_date, event.created_at)
    )


def statuses(today: dt.date | None = None) -> list[dict]:
    """For the figures, each placement that may qualify without its names and labels:
    id, household_id, eligible, eligible_on, paid (subsidy_rows has the whole rows).

    One plain query for the placements and their events (three, each finding the
    candidates again, took twice as long) and one for every placement paid."""
    today = today or clock.today()
    rules = settings()
    paid = {
        placement_id
        for (placement_id,) in database.execute_sql(
            "SELECT DISTINCT placement_id FROM subsidy_payment WHERE deleted_at IS NULL"
        )
    }
    found: dict[str, tuple[str, list]] = {}
    days: dict[str, dt.date] = {}  # a county's events fall on a few hundred days
    for placement_id, household_id, stage, when in database.execute_sql(
        *_status_query(rules).sql()
    ):
        events = found.setdefault(placement_id, (household_id, []))[1]
        if stage is not None:
            day = days.get(when)
            if day is None:
                day = days[when] = dt.date.fromisoformat(str(when)[:10])
            events.append((stage, day))
    rows = []
    for placement_id, (household_id, events) in found.items():
        eligible, eligible_on = _eligible_on(events, rules, today)
        rows.append(
            {"id": placement_id, "household_id": household_id, "eligible": eligible,
             "eligible_on": eligible_on, "paid": placement_id in paid}
        )  # fmt: skip
    return rows


def subsidy_rows(today: dt.date | None = None) -> list[dict]:
    """Every live organised placement in the region that has been at work, with its status."""
    today = today or clock.today()
    rules = settings()
    query = _candidates(placement_rows.base_query(), rules)
    rows = placement_rows.rows_of(query.order_by(Placement.start_date))
    ids = [r["id"] for r in rows]
    events = placement_rows.events_of(ids, placement_rows.WORK_EVENTS)
    paid = _payments(ids)
    checked = _evidence(ids)
    for row in rows:
        row.update(eligibility(events.get(row["id"], []), True, row["place"], rules, today))
        _add_payment(row, paid.get(row["id"]), rules)
        row["evidence"] = checked.get(row["id"], "无在岗回访记录")
    return rows


def _evidence(placement_ids: list[str]) -> dict[str, str]:
    """What the in-work follow-ups (casework.services.jobs.work_checks) say of each
    placement, the evidence of continuous work: how many, the latest and what it found
    ("在岗回访3次，最近2026-04-15 在岗"); placements with none are left out."""
    found = {}
    for start in range(0, len(placement_ids), 900):
        chunk = placement_ids[start : start + 900]
        marks = ", ".join("?" * len(chunk))
        rows = database.execute_sql(
            "SELECT placement_id, count(*), max(checked_on), "
            # The outcome of the latest: SQLite takes the bare column from the max() row.
            "still_working FROM work_check WHERE deleted_at IS NULL "
            f"AND placement_id IN ({marks}) GROUP BY placement_id",
            chunk,
        ).fetchall()
        for placement_id, count, latest, still_working in rows:
            outcome = "在岗" if still_working else "已离岗"
            found[placement_id] = f"在岗回访{count}次，最近{str(latest)[:10]} {outcome}"
    return found


def _add_payment(row: dict, payment: SubsidyPayment | None, rules: dict) -> None:
    row["placement_id"] = row["id"]
    row["amount"] = rules["amount"]
    row["paid"] = payment is not None
    row["payment_id"] = payment.id if payment else None
    row["paid_on"] = payment.paid_on if payment else None
    row["paid_amount"] = payment.amount if payment else None
    row["paid_by"] = payment.paid_by if payment else ""
    if payment:
        row["status_label"] = "已发放"
    elif row["eligible"]:
        row["status_label"] = "未发放"
    elif row["eligible_on"]:
        row["status_label"] = "尚未满期"
    else:
        row["status_label"] = "不符合条件"


def eligible_unpaid(today: dt.date | None = None) -> list[dict]:
    return [r for r in subsidy_rows(today) if r["eligible"] and not r["paid"]]


def due_soon(days: int = 30, today: dt.date | None = None) -> list[dict]:
    """Still at work and reaching the count within `days` days from today."""
    today = today or clock.today()
    limit = today + dt.timedelta(days=days)
    rows = [
        r
        for r in subsidy_rows(today)
        if not r["eligible"] and r["eligible_on"] and today < r["eligible_on"] <= limit
    ]
    return sorted(rows, key=lambda r: r["eligible_on"])


def paid_list() -> list[dict]:
    return [r for r in subsidy_rows() if r["paid"]]


def roster_rows(today: dt.date | None = None) -> list[dict]:
    """The subsidy roster (稳岗补贴花名册): everyone eligible, paid or not, unpaid first."""
    rows = [r for r in subsidy_rows(today) if r["eligible"] or r["paid"]]
    return sorted(rows, key=lambda r: (r["paid"], r["eligible_on"] or dt.date.max))


def placement_subsidy(placement_id: str, today: dt.date | None = None) -> dict:
    """One placement's subsidy status (also for placements that cannot qualify)."""
    today = today or clock.today()
    placement = get_live(Placement, placement_id, "就业跟踪")
    rules = settings()
    events = placement_rows.events_of([placement_id]).get(placement_id, [])
    row = eligibility(events, placement.organised, placement.place, rules, today)
    row["id"] = placement_id
    _add_payment(row, _payments([placement_id]).get(placement_id), rules)
    row["evidence"] = _evidence([placement_id]).get(placement_id, "无在岗回访记录")
    return row


def record_payment(placement_id: str, data: dict) -> dict:
    """Record that the subsidy was paid for an eligible placement; once per placement."""
    with database.atomic():
        status = placement_subsidy(placement_id)
        if status["paid"]:
            raise ConflictError(f"该就业已于{status['paid_on'].isoformat()}发放过稳岗补贴")
        if not status["eligible"]:
            raise ConflictError(f"尚不符合稳岗补贴条件：{status['reason']}")
        check = v.FieldCollector()
        today = clock.today()
        paid_on = check.check(
            "paid_on", v.date, data.get("paid_on") or today, True, "发放日期", today
        )
        amount = check.check(
            "amount", v.money, data.get("amount") or settings()["amount"], "发放金额", 100_000
        )
        paid_by = check.check("paid_by", v.text, data.get("paid_by") or _cadre_name(), "经办人", 30)
        notes = check.check("notes", v.text, data.get("notes"), "备注", 200)
        if paid_on and paid_on < status["eligible_on"]:
            check.add(
                "paid_on", f"发放日期不能早于符合条件之日 {status['eligible_on'].isoformat()}"
            )
        check.raise_if_any()
        placement = Placement.get_by_id(placement_id)
        payment = SubsidyPayment.create(
            placement=placement_id,
            person=placement.person_id,
            paid_on=paid_on,
            amount=amount,
            paid_by=paid_by,
            notes=notes,
        )
        log_event("subsidy", payment.id, "created", f"{amount}元")
    return placement_subsidy(placement_id)


def _cadre_name() -> str:
    cadre_id = current_cadre_id()
    cadre = Cadre.get_or_none(Cadre.id == cadre_id) if cadre_id else None
    return cadre.name if cadre else ""


def delete_payment(payment_id: str) -> str:
    """Put a payment recorded in error in the recycle bin."""
    from casework.services.register.trash import delete_record

    with database.atomic():
        payment = get_live(SubsidyPayment, payment_id, "补贴发放")
        text = f"稳岗补贴 {payment.paid_on.isoformat()} {payment.amount}元"
        return delete_record("subsidy", payment, text, [])
