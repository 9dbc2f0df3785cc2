"""In-work follow-ups (在岗回访): when each person at work is due a call, and what it found.

Everyone at work through a placement (stage 在岗) is due a follow-up each month of the
current working period until the subsidy count is reached (the subsidy months setting,
3 by default), and once more at six months:

    due dates = start + 1, 2, …, N calendar months, and start + 6 months
    (the subsidy's own month rule: the same day, or that month's last day)

A follow-up covers every due date up to a week after the day it was made: a call a few
days early counts, and a late call covers the months it was late for (it is what the
cadre knows now). So the due dates left open are those more than 7 days after the
latest follow-up of the current working period; the one the person waits for is the
latest of them that has come (overdue since then), else the first still to come; when
every date is covered, none is due. A follow-up that finds the person has left ends the
working period (the placement moves to 已离岗 on the day they left, with the reason), in
the same transaction.

Public API (stable):
- schedule(start: date, months: int) -> list[date]                            (pure)
- next_due(start, months, last_check: date | None, today) -> Due | None         (pure)
- record_check(placement_id: str, data: dict) -> dict   # checked_on, method, still_working,
  monthly_pay, problems, needs_help, left_on, left_reason, notes
- delete_check(check_id: str) -> str
- checks_of(placement_id: str) -> list[dict]            # newest first
- placement_status(placement_id: str, today=None) -> dict   # next due, the checks
- due_rows(scope=None, within_days=7, today=None) -> list[dict]   # most overdue first
- left_early_rows(scope=None, period=None, today=None) -> list[dict]
- figure_members(today, week_end) -> dict[str, list[dict]]   # for casework.services.figures
- left_early_members() -> list[dict]                          # the same, lean
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import NamedTuple

from peewee import JOIN

from casework import clock
from casework import validation as v
from casework.db import database
from casework.models import Cadre, Placement, WorkCheck
from casework.services.common import (
    ConflictError,
    current_cadre_id,
    get_live,
    log_event,
    row_dict,
)
from casework.services.jobs.subsidy import add_months, settings
from casework.services.register.list_rows import as_date
from casework.vocab import label
from casework.vocab_jobs import CHECK_METHOD, LEAVE_REASON, PLACE_NAME

# A follow-up made this many days before a due date counts for it.
EARLY_DAYS = 7
LAST_MONTH = 6


class Due(NamedTuple):
    on: dt.date
    month: int  # which month of work the follow-up is for


def schedule(start: dt.date, months: int) -> list[Due]:
    """The follow-ups a working period is due: each month to the subsidy count, and at 6."""
    return list(_schedule(start, months))


# The figures ask for thousands of schedules, and a county's jobs start on a few hundred
# days: each is worked out once.
@functools.lru_cache(maxsize=4096)
def _schedule(start: dt.date, months: int) -> tuple[Due, ...]:
    wanted = sorted(set(range(1, max(months, 1) + 1)) | {LAST_MONTH})
    return tuple(Due(add_months(start, month), month) for month in wanted)


def next_due(start: dt.date, months: int, last_check: dt.date | None, today: dt.date) -> Due | None:
    """The follow-up a working period waits for, given its latest follow-up: of the due
    dates that follow-up leaves open, the latest that has come (a call now covers the
    ones missed before it, so that one is what is overdue), else the first still to come;
    None when every date is covered."""
    covered_to = last_check + dt.timedelta(days=EARLY_DAYS) if last_check else None
    open_dates = [d for d in _schedule(start, months) if covered_to is None or d.on > covered_to]
    come = [d for d in open_dates if d.on <= today]
    return come[-1] if come else (open_dates[0] if open_dates else None)


def due_label(due: Due, months: int) -> str:
    if due.month == LAST_MONTH and months < LAST_MONTH:
        return "满6个月回访"
    return f"第{due.month}个月回访"


def _checked_data(placement: Placement, data: dict, today: dt.date) -> dict:
    check = v.FieldCollector()
    get = data.get
    start = placement.start_date
    checked_on = check.check(
        "checked_on", v.date, get("checked_on") or today, True, "回访日期", today
    )
    if checked_on and start and checked_on < start:
        check.add("checked_on", f"回访日期不能早于上岗日期 {start.isoformat()}")
    still_working = bool(get("still_working", True))
    clean = {
        "checked_on": checked_on,
        "method": check.check(
            "method", v.choice, get("method") or "phone", CHECK_METHOD, "回访方式", True
        ),
        "still_working": still_working,
        "monthly_pay": check.check("monthly_pay", v.money, get("monthly_pay"), "月收入", 100_000),
        "problems": check.check("problems", v.text, get("problems"), "遇到的问题", 1000),
        "needs_help": bool(get("needs_help")),
        "notes": check.check("notes", v.text, get("notes"), "备注", 1000),
        "left_on": None,
        "left_reason": "",
    }
    if not still_working:
        left_on = check.check("left_on", v.date, get("left_on"), True, "离岗日期", today)
        if left_on and start and left_on < start:
            check.add("left_on", f"离岗日期不能早于上岗日期 {start.isoformat()}")
        elif left_on and checked_on and left_on > checked_on:
            check.add("left_on", "离岗日期不能晚于回访日期")
        clean["left_on"] = left_on
        clean["left_reason"] = check.check(
            "left_reason", v.choice, get("left_reason"), LEAVE_REASON, "离岗原因", True
        )
    check.raise_if_any()
    return clean


def record_check(placement_id: str, data: dict) -> dict:
    """Record a follow-up of a placement at work; one that finds the person left ends the job."""
    from casework.services.jobs import placements

    today = clock.today()
    with database.atomic():
        placement = get_live(Placement, placement_id, "就业跟踪")
        if placement.stage != "working":
            raise ConflictError("只有在岗的就业才需要在岗回访")
        clean = _checked_data(placement, data, today)
        work_check = WorkCheck.create(placement=placement_id, cadre=current_cadre_id(), **clean)
        outcome = "在岗" if clean["still_working"] else "已离岗"
        log_event("work_check", work_check.id, "created", f"{clean['checked_on']} {outcome}")
        if clean["still_working"]:
            if clean["monthly_pay"] is not None:
                placements.update_placement(placement_id, {"monthly_pay": clean["monthly_pay"]})
        else:
            placements.move_stage(
                placement_id,
                "left",
                clean["left_on"],
                notes=f"在岗回访：{label(LEAVE_REASON, clean['left_reason'])}",
                reason=clean["left_reason"],
            )
    return placement_status(placement_id)


def delete_check(check_id: str) -> str:
    """Put a follow-up recorded in error in the recycle bin (a stage it moved stays moved)."""
    from casework.services.register.trash import delete_record

    with database.atomic():
        work_check = get_live(WorkCheck, check_id, "在岗回访")
        text = f"在岗回访 {work_check.checked_on.isoformat()}"
        return delete_record("work_check", work_check, text, [])


def _labelled(data: dict) -> dict:
    data["method_label"] = label(CHECK_METHOD, data["method"])
    data["left_reason_label"] = label(LEAVE_REASON, data["left_reason"])
    if data["still_working"]:
        data["outcome_label"] = "在岗"
    else:
        left_on = data["left_on"]
        data["outcome_label"] = f"已离岗（{left_on.isoformat() if left_on else ''}）"
    data["needs_help_label"] = "需要帮助" if data["needs_help"] else ""
    return data


def checks_of(placement_id: str) -> list[dict]:
    """A placement's live follow-ups, the latest first."""
    query = (
        WorkCheck.select(WorkCheck, Cadre.name.alias("cadre_name"))
        .join(Cadre, JOIN.LEFT_OUTER, on=(WorkCheck.cadre == Cadre.id))
        .where(WorkCheck.placement == placement_id, WorkCheck.deleted_at.is_null())
        .order_by(WorkCheck.checked_on.desc(), WorkCheck.created_at.desc())
    )
    return [
        _labelled({**row_dict(record), "cadre_name": record.cadre_name or ""})
        for record in query.objects()
    ]


def placement_status(placement_id: str, today: dt.date | None = None) -> dict:
    """A placement's follow-ups and, while at work, the next one due."""
    today = today or clock.today()
    placement = get_live(Placement, placement_id, "就业跟踪")
    checks = checks_of(placement_id)
    status = {"id": placement_id, "checks": checks, "due": None, "due_label": ""}
    if placement.stage == "working" and placement.start_date:
        months = settings()["months"]
        current = [c["checked_on"] for c in checks if c["checked_on"] >= placement.start_date]
        due = next_due(placement.start_date, months, max(current, default=None), today)
        if due:
            status["due"] = due.on
            status["due_label"] = due_label(due, months)
            status["overdue_days"] = max((today - due.on).days, 0)
    return status


# Each placement at work with the latest follow-up of its current working period, less
# those no follow-up can be due for by :limit: started less than 28 days before it (the
# first is a month on), or covered past six months. SQLite's own month arithmetic runs
# past a month's end (08-31 + 6 months = 03-03), never short of ours, so it only keeps a
# few extra rows that next_due() then settles.
# Each placement at work with the latest follow-up of its current working period
# (materialized: found once, not again for each place the query names it), less those no
# follow-up can be due for by :limit: started less than 28 days before it (the first is a
# month on), or covered past six months. SQLite's own month arithmetic runs past a
# month's end (08-31 + 6 months = 03-03), never short of ours, so it only keeps a few
# extra rows that next_due() then settles.
_AT_WORK_WITH = """
    WITH pl AS MATERIALIZED (
        SELECT pl.id, pl.person_id, pl.start_date, pl.employer_name, pl.position, pl.place,
               pl.monthly_pay,
               (SELECT max(w.checked_on) FROM work_check w WHERE w.placement_id = pl.id
                  AND w.deleted_at IS NULL AND w.checked_on >= pl.start_date) AS last_check
        FROM placement pl
        WHERE pl.deleted_at IS NULL AND pl.stage = 'working' AND pl.start_date <= :latest_start
    )
"""
_MAY_BE_DUE = """(pl.last_check IS NULL
    OR date(pl.last_check, '+7 days') < date(pl.start_date, '+6 months'))"""
_AT_WORK = f"""{_AT_WORK_WITH}
    SELECT pl.id, pl.start_date, pl.employer_name, pl.position, pl.place, pl.monthly_pay,
           p.id, p.name, p.phone, hh.id, hh.code, coalesce(va.name, ''), coalesce(t.name, ''),
           pl.last_check
    FROM pl JOIN person p ON p.id = pl.person_id {{scope}}
    LEFT JOIN area va ON va.id = hh.village_id LEFT JOIN area t ON t.id = va.parent_id
    WHERE p.deleted_at IS NULL AND {_MAY_BE_DUE}
"""
# The same for the figures, lean: each person's narrow row (person_fact) gives their
# household and whether they are live.
_AT_WORK_MEMBERS = f"""{_AT_WORK_WITH}
    SELECT pl.person_id, f.household_id, pl.start_date, pl.last_check
    FROM pl JOIN person_fact f ON f.person_id = pl.person_id
    WHERE f.live AND {_MAY_BE_DUE}
"""
_AT_WORK_COLUMNS = (
    "placement_id start_date employer_name position place monthly_pay person_id name phone "
    "household_id household_code village_name township_name last_checked_on"
).split()


def _scoped(sql: str, scope) -> tuple[str, dict]:
    from casework.services.figures.scope import Scope

    scope = scope or Scope()
    params = scope.prepare()
    joins, _group = scope.join("p.household_id")
    return sql.format(scope=joins), params


def due_rows(scope=None, within_days: int = 7, today: dt.date | None = None) -> list[dict]:
    """People at work whose next follow-up is due within `within_days` days (overdue too),
    the most overdue first; `scope` (casework.services.figures.scope.Scope) narrows them
    to an area or a cadre's households."""
    today = today or clock.today()
    months = settings()["months"]
    limit = today + dt.timedelta(days=within_days)
    sql, params = _scoped(_AT_WORK, scope)
    params["latest_start"] = (limit - dt.timedelta(days=28)).isoformat()
    rows = []
    for values in database.execute_sql(sql, params).fetchall():
        row = dict(zip(_AT_WORK_COLUMNS, values, strict=True))
        row["start_date"] = as_date(row["start_date"])
        row["last_checked_on"] = as_date(row["last_checked_on"])
        due = next_due(row["start_date"], months, row["last_checked_on"], today)
        if due is None or due.on > limit:
            continue
        row.update(
            due_on=due.on,
            due_label=due_label(due, months),
            overdue_days=max((today - due.on).days, 0),
            place_label=PLACE_NAME.get(row["place"], ""),
            area_label=" ".join(p for p in (row["township_name"], row["village_name"]) if p),
        )
        rows.append(row)
    rows.sort(key=lambda r: (r["due_on"], r["household_code"], r["name"]))
    return rows


def figure_members(today: dt.date, week_end: dt.date) -> dict[str, list[dict]]:
    """For the figures (casework.services.figures): the people whose follow-up is due today
    or earlier ("work_checks_due"), or after today up to `week_end`
    ("work_checks_this_week"), as member rows (member, household_id, value, note, day),
    not yet narrowed to a scope."""
    months = settings()["months"]
    sql = _AT_WORK_MEMBERS
    latest_start = (week_end - dt.timedelta(days=28)).isoformat()
    found: dict[str, list[dict]] = {"work_checks_due": [], "work_checks_this_week": []}
    for person_id, household_id, start, last in database.execute_sql(
        sql, {"latest_start": latest_start}
    ).fetchall():
        due = next_due(as_date(start), months, as_date(last), today)
        if due is None or due.on > week_end:
            continue
        key = "work_checks_due" if due.on <= today else "work_checks_this_week"
        note = due_label(due, months)
        found[key].append(
            {"member": person_id, "household_id": household_id, "value": 1, "note": note,
             "day": due.on}
        )  # fmt: skip
    return found


def left_early_members() -> list[dict]:
    """For the figures: each job that ended before the subsidy's count, lean (person_id,
    household_id, left_on, reason), not yet narrowed to a scope or a period."""
    months = settings()["months"]
    found = []
    for person_id, household_id, left_on, reason, started in database.execute_sql(
        _ENDED_MEMBERS
    ).fetchall():
        left_on, started = as_date(left_on), as_date(started)
        if started is not None and add_months(started, months) > left_on:
            found.append(
                {"person_id": person_id, "household_id": household_id, "left_on": left_on,
                 "reason": reason}
            )  # fmt: skip
    return found


def left_early_rows(scope=None, period=None, today: dt.date | None = None) -> list[dict]:
    """People whose job ended, in the period, before the subsidy count of months, with why:
    each working period that ended short, latest first."""
    today = today or clock.today()
    months = settings()["months"]
    sql, params = _scoped(_ENDED, scope)
    rows = []
    for values in database.execute_sql(sql, params).fetchall():
        row = dict(zip(_ENDED_COLUMNS, values, strict=True))
        row["left_on"], started = as_date(row["left_on"]), as_date(row.pop("started"))
        if period is not None and not period.contains(row["left_on"]):
            continue
        if started is None or add_months(started, months) <= row["left_on"]:
            continue  # worked the whole count: not early
        row.update(
            start_date=started,
            days_worked=(row["left_on"] - started).days + 1,
            reason_label=label(LEAVE_REASON, row["reason"]) or "（未填写原因）",
            place_label=PLACE_NAME.get(row["place"], ""),
            area_label=" ".join(p for p in (row["township_name"], row["village_name"]) if p),
        )
        rows.append(row)
    rows.sort(key=lambda r: (r["left_on"], r["household_code"]), reverse=True)
    return rows


# Each job's end with the start of the working period it ended (stages go working → left
# → working, so that is the latest start on or before the end).
_STARTED = """(SELECT max(s.event_date) FROM placement_event s WHERE s.placement_id = pl.id
       AND s.stage = 'working' AND s.deleted_at IS NULL AND s.event_date <= ev.event_date)"""
_ENDED_FROM = """
    FROM placement_event ev JOIN placement pl ON pl.id = ev.placement_id
    JOIN person p ON p.id = pl.person_id {joins}
    WHERE ev.deleted_at IS NULL AND ev.stage = 'left' AND pl.deleted_at IS NULL
      AND p.deleted_at IS NULL
"""
_ENDED = f"""
    SELECT pl.id, ev.event_date, ev.reason, ev.notes, pl.employer_name, pl.position, pl.place,
           pl.organised, p.id, p.name, p.phone, hh.id, hh.code, coalesce(va.name, ''),
           coalesce(t.name, ''), {_STARTED}
""" + _ENDED_FROM.format(
    joins="{scope} LEFT JOIN area va ON va.id = hh.village_id "
    "LEFT JOIN area t ON t.id = va.parent_id"
)
# The same for the figures, lean: each person's narrow row (person_fact) gives their
# household and whether they are live.
_ENDED_MEMBERS = f"""
    SELECT f.person_id, f.household_id, ev.event_date, ev.reason, {_STARTED}
    FROM placement_event ev JOIN placement pl ON pl.id = ev.placement_id
    JOIN person_fact f ON f.person_id = pl.person_id
    WHERE ev.deleted_at IS NULL AND ev.stage = 'left' AND pl.deleted_at IS NULL AND f.live
"""
_ENDED_COLUMNS = (
    "placement_id left_on reason notes employer_name position place organised person_id name "
    "phone household_id household_code village_name township_name started"
).split()
