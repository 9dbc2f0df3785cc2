"""The visit log (走访日志): the visits of a household, a village or a cadre over a date range.

Laid out as a formal document in the proportions of GB/T 9704-2012 by its template;
this module only gathers the visits (through casework.services.documents.documents) and turns
them into the template's fields.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from casework import clock
from casework.exports import files
from casework.exports.render import render
from casework.exports.resume import cadre_data, chinese_date
from casework.exports.templates import load_template
from casework.services.documents import documents

CHINESE_DIGITS = "零一二三四五六七八九"
# How every document writes a next visit that has no date yet (the log, the household file).
NEXT_VISIT_UNSET = "未定"


def chinese_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 25 -> 二十五, 105 -> 一百零五 (headings number visits this way)."""
    if n < 10:
        return CHINESE_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        head = "" if tens == 1 else CHINESE_DIGITS[tens]
        return head + "十" + (CHINESE_DIGITS[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        text = CHINESE_DIGITS[hundreds] + "百"
        if rest == 0:
            return text
        if rest < 10:
            return text + "零" + CHINESE_DIGITS[rest]
        tail = chinese_number(rest)
        return text + ("一" + tail if rest < 20 else tail)
    return str(n)


@dataclass(frozen=True)
class Scope:
    """Which visits a log holds; any of the ids may be None (then that filter is off)."""

    household_id: str | None = None
    village_id: str | None = None
    cadre_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    label: str = ""  # 韩令春户 / 大新艾力嘎查 / 杨志勇 — what the log covers, for its title


def period_text(date_from: dt.date | None, date_to: dt.date | None) -> str:
    """The range in words; with no range at all, "截至" today (a log with no visits)."""
    if date_from and date_to:
        if date_from == date_to:
            return chinese_date(date_from)
        return f"{chinese_date(date_from)}至{chinese_date(date_to)}"
    if date_from:
        return f"{chinese_date(date_from)}以来"
    return f"截至{chinese_date(date_to or clock.today())}"


def covered_range(scope: Scope, rows: list[dict]) -> tuple[dt.date | None, dt.date | None]:
    """The scope's dates; a log asked for without any says the span of its visits instead."""
    if scope.date_from or scope.date_to or not rows:
        return scope.date_from, scope.date_to
    return rows[0]["visit_date"], rows[-1]["visit_date"]  # rows come oldest first


def visit_fields(visit: dict, number: int) -> dict:
    """One visit as the templates print it."""
    head = visit.get("head_name") or ""
    return {
        "number": chinese_number(number),
        "date": chinese_date(visit["visit_date"]),
        "household": f"{head}户（{visit['household_code']}）" if head else visit["household_code"],
        "household_code": visit["household_code"],
        "head_name": head,
        "area": visit.get("area_path", ""),
        "place": visit["place"],
        "kind": visit["kind_label"],
        "cadres": "、".join(visit["cadre_names"]),
        "people_met": "、".join(visit["person_names"]),
        "situation": visit["situation"],
        "requests": visit["requests"],
        "actions": visit["actions"],
        "next_visit": chinese_date(visit["next_visit_date"]) or NEXT_VISIT_UNSET,
    }


def visit_log_data(scope: Scope, cadre: dict | None = None) -> dict:
    """Template fields for the visits in `scope`, oldest first."""
    rows = documents.visits_between(
        scope.date_from, scope.date_to, scope.household_id, scope.village_id, scope.cadre_id
    )
    date_from, date_to = covered_range(scope, rows)
    period = period_text(date_from, date_to)
    return {
        "title": "走访日志",
        "scope": "　".join(part for part in (scope.label, period) if part),
        "period": period,
        "date_from": chinese_date(date_from),
        "date_to": chinese_date(date_to),
        "visit_count": len(rows),
        "household_count": len({r["household_id"] for r in rows}),
        "visits": [visit_fields(row, i) for i, row in enumerate(rows, 1)],
        "cadre": cadre if cadre is not None else cadre_data(),
        "today": chinese_date(clock.today()),
    }


def file_name(scope: Scope) -> str:
    """走访日志-大新艾力嘎查-2026-10-01至2026-10-31.docx"""
    if scope.date_from and scope.date_to:
        span = f"{scope.date_from.isoformat()}至{scope.date_to.isoformat()}"
    else:
        span = (scope.date_from or scope.date_to or clock.today()).isoformat()
    return files.document_name("走访日志", scope.label or None, span)


def export_visit_log(
    scope: Scope,
    target: str | os.PathLike[str],
    template_name: str | None = None,
    overwrite: bool = False,
) -> Path:
    """Write the visit log for `scope` to `target` (a .docx path or a folder)."""
    template = load_template(template_name, "visit_log")
    content = render(template, visit_log_data(scope))
    path = Path(target)
    if path.is_dir() or not path.suffix:
        path = path / file_name(scope)
    return files.write_bytes_atomic(path, content, overwrite)
