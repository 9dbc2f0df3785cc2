"""Saving the postings of a labour-demand sheet (用工需求表): the write side of its import.

casework.imports.postings reads the sheet into rows (casework.imports.postings_rows);
`import_rows` saves them. Every row is tried inside one transaction, each in its own
savepoint, so a dry run goes through exactly the checks the real import does and is then
rolled back. The options are those of the roster import: by default the rows without
problems are saved and the others reported; with `all_or_nothing`, one refused row means
nothing is saved. Re-importing a sheet updates the postings it created (same employer and
position) instead of adding them again.

Public API (stable):
- import_rows(rows, *, dry_run=False, all_or_nothing=False, progress=None, cancelled=None,
  source="") -> ImportReport
- ImportReport: rows (list[RowReport]), problems (file-level, Chinese), created, updated,
  unchanged, refused, employers_created, applied, cancelled; summary() and lines() in Chinese
- RowReport: sheet, row (Excel row number), action ("create"/"update"/"unchanged"/"refused"),
  employer, position, messages (list[str]), expired (its 有效期 has passed: saved, but
  not a posting still recruiting); text()
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from casework import clock
from casework import validation as v
from casework.db import database
from casework.models import JobPosting
from casework.services.common import apply_changes, log_event
from casework.services.jobs import employers, postings
from casework.services.safety import backups

Progress = Callable[[int, int | None, str], None]  # done, total (None: not known), what

ACTIONS = {"create": "新增", "update": "更新", "unchanged": "无变化", "refused": "不导入"}
FIELD_NAMES = {
    "position": "岗位名称",
    "job_kind": "工种",
    "place": "工作地点",
    "address": "工作地址",
    "headcount": "人数",
    "pay_min": "月薪下限",
    "pay_max": "月薪上限",
    "age_min": "最低年龄",
    "age_max": "最高年龄",
    "gender": "性别",
    "education_min": "学历",
    "certificates": "证书",
    "board": "包吃",
    "lodging": "包住",
    "valid_until": "有效期",
    "notes": "备注",
}


class PostingRow(Protocol):
    """One row as read from the sheet (casework.imports.postings_rows.PostingRow)."""

    sheet: str
    row: int
    employer: dict  # name, uscc, place, contact, phone
    posting: dict  # JobPosting's fields, as codes
    errors: list[str]  # what could not be read: the row is refused with these


@dataclass
class RowReport:
    sheet: str
    row: int
    action: str = "create"
    employer: str = ""
    position: str = ""
    messages: list[str] = field(default_factory=list)
    new_employer: bool = False
    expired: bool = False

    def text(self) -> str:
        where = f"工作表“{self.sheet}”第{self.row}行"
        what = f"{self.employer} {self.position}".strip()
        detail = "；".join(self.messages)
        return f"{where}：{ACTIONS[self.action]} {what}" + (f"（{detail}）" if detail else "")


@dataclass
class ImportReport:
    rows: list[RowReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    dry_run: bool = False
    applied: bool = False
    cancelled: bool = False

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def employers_created(self) -> int:
        return sum(1 for r in self.rows if r.new_employer and r.action != "refused")

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def refused(self) -> int:
        return self.count("refused")

    @property
    def expired(self) -> int:
        """Rows saved (or to be) whose 有效期 has already passed."""
        return sum(1 for r in self.rows if r.expired and r.action != "refused")

    def summary(self) -> str:
        text = (
            f"共{len(self.rows)}行：新增岗位{self.created}个，更新{self.updated}个，"
            f"无变化{self.unchanged}个，有问题{self.refused}行；新增用工单位{self.employers_created}家。"
        )
        if self.expired:
            text += f"其中{self.expired}个岗位的有效期已过，导入后不算在招岗位，请核对。"
        if self.dry_run:
            return text + "（预览，尚未保存）"
        if self.cancelled:
            return text + "已取消，未保存任何内容。"
        if self.applied:
            return text + "已导入。"
        return text + "有问题的行，按“全部无误才导入”的选择，本次没有保存任何内容。"

    def lines(self) -> list[str]:
        return [*self.problems, *(r.text() for r in self.rows), self.summary()]


def _employer_id(values: dict, row: RowReport) -> str:
    found = employers.find_employer(values["name"], values["uscc"])
    if found:
        return found["id"]
    created = employers.create_employer({**values, "kind": "beijing"})
    row.new_employer = True
    row.messages.append("新建用工单位")
    return created["id"]


def _import_row(source: PostingRow, row: RowReport, seen: dict) -> None:
    values = dict(source.posting)
    if not values["place"]:
        values["place"] = "beijing"
        row.messages.append("未填工作地点，按北京处理")
    employer_id = _employer_id(source.employer, row)
    key = (employer_id, values["position"])
    if key in seen:
        raise v.ValidationError({"岗位": f"与第{seen[key]}行重复"})
    seen[key] = row.row
    clean = postings.clean_posting({**values, "employer_id": employer_id})
    until = clean.get("valid_until")
    if until and until < clock.today():
        row.expired = True
        row.messages.append(f"有效期{until:%Y-%m-%d}已过，导入后不算在招岗位")
    existing = (
        JobPosting.select()
        .where(
            JobPosting.employer == employer_id,
            JobPosting.position == values["position"],
            JobPosting.deleted_at.is_null(),
        )
        .order_by(JobPosting.created_at)
        .first()
    )
    if existing is None:
        posting = JobPosting.create(**clean)
        log_event("posting", posting.id, "created", f"导入 {posting.position}")
        row.action = "create"
        return
    clean.pop("status")  # re-importing does not reopen a posting the cadre closed
    changed = apply_changes(existing, clean, "posting")
    if changed:
        existing.save()
        row.action = "update"
        row.messages.append("改了" + "、".join(FIELD_NAMES.get(f, f) for f in changed))
    else:
        row.action = "unchanged"


def _refuse(row: RowReport, messages: list[str]) -> None:
    # The messages quote the cell and say what is wrong; the column needs no naming.
    row.action = "refused"
    row.new_employer = False  # nothing of a refused row is saved
    row.messages = list(dict.fromkeys(messages))


def import_rows(
    rows: Sequence[PostingRow],
    *,
    dry_run: bool = False,
    all_or_nothing: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    source: str = "用工需求表",
) -> ImportReport:
    """Check `rows` and, unless `dry_run`, save those without problems (with
    `all_or_nothing`, only when no row has one). A backup labelled `source` comes first."""
    report = ImportReport(dry_run=dry_run)
    seen: dict = {}
    if not dry_run:
        backups.before("import", source)
    with database.atomic() as transaction:
        for index, item in enumerate(rows, start=1):
            if cancelled and cancelled():
                report.cancelled = True
                break
            row = RowReport(item.sheet, item.row)
            row.employer, row.position = item.employer["name"], item.posting["position"]
            report.rows.append(row)
            if item.errors:
                _refuse(row, item.errors)
            else:
                try:
                    with database.atomic():
                        _import_row(item, row, seen)
                except v.ValidationError as error:
                    _refuse(row, list(error.errors.values()))
            if progress:
                progress(index, len(rows), "正在核对岗位…")
        stop = dry_run or report.cancelled or (all_or_nothing and report.refused)
        if stop:
            transaction.rollback()
        else:
            report.applied = True
    return report
