"""Demo data: the cadres' in-work follow-ups (在岗回访) of each placement that went to work.

Each working period gets the follow-ups its schedule asks (casework.services.jobs.
work_checks.schedule), made a few days either side of the date, most of them: the ones
due in the last weeks are often still to make, so the reminders have people due and
overdue. A job that ended was often heard of on a follow-up after the last day worked,
with its reason.
"""

from __future__ import annotations

import datetime as dt

from casework.services.demo import demo_jobs_data as data
from casework.services.demo.demo_rows import Rows, moment
from casework.services.jobs.placement_rows import working_periods
from casework.services.jobs.work_checks import schedule

METHODS = ["phone"] * 14 + ["wechat"] * 4 + ["visit", "employer"]
RECENT = 25  # days: follow-ups due this recently are made about half the time


def follow_ups(careers, rows: Rows, track) -> None:
    """Draw the follow-ups of one placement (`careers` gives the random stream, the ids,
    the history and today; `track` its events and values) into `rows`."""
    rng, today = careers.rng, careers.today
    events = [(stage, day) for _at, stage, day, _notes in track.events]
    ends = {
        day: track.reasons.get(i, "") for i, (stage, day) in enumerate(events) if stage == "left"
    }
    pay = track.values.get("monthly_pay")
    for start, end in working_periods(events):
        last = min(end or today, careers.yesterday)
        for due in schedule(start, careers.rules["months"]):
            if due.on > last:
                break
            if rng.random() > (0.5 if (today - due.on).days < RECENT else 0.97):
                continue
            checked_on = min(last, due.on + dt.timedelta(days=rng.randint(-5, 9)))
            if checked_on <= start:
                continue
            _add(careers, rows, track, checked_on, True, pay, None, "")
        if end is not None and rng.random() < 0.7:
            heard = end + dt.timedelta(days=rng.randint(1, 20))
            if heard <= careers.yesterday:
                _add(careers, rows, track, heard, False, None, end, ends.get(end, "") or "other")


def _add(careers, rows, track, checked_on, working, pay, left_on, reason) -> None:
    rng = careers.rng
    problems = rng.choice(data.CHECK_PROBLEMS) if working and rng.random() < 0.15 else ""
    told = pay if pay is None or rng.random() < 0.8 else pay + rng.choice((-300, 200, 500))
    at = moment(rng, checked_on, 9, 540)
    check_id = careers.uid()
    # fmt: off
    rows.work_checks.append((
        check_id, at, at, track.id, checked_on, rng.choice(METHODS), working, told,
        problems, bool(problems) and rng.random() < 0.5, left_on, reason,
        rng.choice(data.CHECK_NOTES) if working else "", track.cadre,
    ))
    # fmt: on
    outcome = "在岗" if working else "已离岗"
    careers.history.created("work_check", check_id, f"{checked_on} {outcome}", at, track.cadre)
