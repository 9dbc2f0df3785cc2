"""Import postings from an employer's labour-demand sheet (用工需求表, .xlsx).

Each sheet's header row is found by its names (单位名称/用工单位, 岗位名称, 薪资/月薪 ...,
see postings_cells.HEADERS), title rows above it, blank rows and repeated header rows
are skipped, and an employer cell left empty under a merged or repeated employer is
taken from the row above. Every row is tried inside one transaction, each in its own
savepoint, so the dry run goes through exactly the checks the real import does and is
then rolled back. Applying is all or nothing: with any row refused nothing is saved,
unless the caller asks to skip the refused rows. Re-importing a sheet updates the
postings it created (same employer and position) instead of adding them again.

Public API (stable):
- import_postings(path, apply: bool = False, skip_invalid: bool = False,
  progress: Callable[[int, int], None] | None = None,
  cancelled: Callable[[], bool] | None = None) -> ImportReport
- ImportReport: rows (list[RowReport]), problems (file-level, Chinese), created, updated,
  unchanged, refused, employers_created, applied, cancelled; summary() and lines() in Chinese
- RowReport: sheet, row (Excel row number), action ("create"/"update"/"unchanged"/"refused"),
  employer, position, messages (list[str]); text()
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from casework import spreadsheets
from casework import validation as v
from casework.db import database
from casework.models import JobPosting
from casework.services.common import apply_changes, log_event
from casework.services.jobs import employers, postings
from casework.services.jobs import postings_cells as cells
from casework.services.safety import backups
from casework.vocab_jobs import job_kind_for

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


@dataclass
class RowReport:
    sheet: str
    row: int
    action: str = "create"
    employer: str = ""
    position: str = ""
    messages: list[str] = field(default_factory=list)
    new_employer: bool = False

    def text(self) -> str:
        where = f"“{self.sheet}”第{self.row}行"
        what = f"{self.employer} {self.position}".strip()
        detail = "；".join(self.messages)
        return f"{where}：{ACTIONS[self.action]} {what}" + (f"（{detail}）" if detail else "")


@dataclass
class ImportReport:
    rows: list[RowReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
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

    def summary(self) -> str:
        text = (
            f"共{len(self.rows)}行：新增岗位{self.created}个，更新{self.updated}个，"
            f"无变化{self.unchanged}个，有问题{self.refused}行；新增用工单位{self.employers_created}家。"
        )
        if self.cancelled:
            return text + "已取消，未保存任何内容。"
        if self.applied:
            return text + "已导入。"
        return text + "（预览，尚未保存）"

    def lines(self) -> list[str]:
        return [*self.problems, *(r.text() for r in self.rows), self.summary()]


def _read(path, report: ImportReport) -> list[tuple[str, int, dict]]:
    """(sheet, row number, {field: raw cell}) for every data row of every sheet."""
    try:
        book, _sizes = spreadsheets.open_workbook(os.fspath(path))
    except spreadsheets.WorkbookTooLarge as error:  # refused before a row is read
        raise v.ValidationError({"path": str(error)}) from None
    except Exception as error:  # openpyxl raises many kinds for a file it cannot read
        raise v.ValidationError({"path": f"无法读取这个Excel文件：{error}"}) from None
    rows = []
    try:
        for sheet in book.worksheets:
            rows.extend(_sheet_rows(sheet, report))
    finally:
        book.close()
    if not rows and not report.problems:
        report.problems.append("文件中没有找到岗位数据")
    return rows


def _sheet_rows(sheet, report: ImportReport) -> list[tuple[str, int, dict]]:
    columns, header_texts, found = None, None, []
    carried: dict = {}
    for number, values in enumerate(spreadsheets.row_values(sheet), start=1):
        texts = [cells.normalise(c) for c in values]
        if not any(texts):
            continue
        if columns is None:
            matched = cells.match_headers(values)
            if "employer" in matched and "position" in matched and len(matched) >= 3:
                columns, header_texts = matched, texts
            elif number >= 20:
                break
            continue
        if texts == header_texts or any(t in ("合计", "总计") for t in texts[:3]):
            continue
        raw = {f: values[i] if i < len(values) else None for f, i in columns.items()}
        if not cells.normalise(raw.get("employer")) and cells.normalise(raw.get("position")):
            raw.update({f: carried.get(f) for f in cells.EMPLOYER_FIELDS if f in carried})
        elif cells.normalise(raw.get("employer")):
            carried = {f: raw.get(f) for f in cells.EMPLOYER_FIELDS if f in raw}
        found.append((sheet.title, number, raw))
    if columns is None:
        report.problems.append(
            f"工作表“{sheet.title}”没有找到表头（至少需要单位名称和岗位名称两列），已跳过"
        )
    return found


def _parse(raw: dict) -> tuple[dict, dict]:
    """(employer values, posting values) from one row's cells; FieldErrors gathered by column."""
    check = v.FieldCollector()
    text = cells.normalise
    employer = {
        "name": text(raw.get("employer")),
        "uscc": text(raw.get("uscc")),
        "place": text(raw.get("employer_place")),
        "contact": text(raw.get("contact")),
        "phone": text(raw.get("phone")),
    }
    pay = check.check("薪资", cells.pay_range, raw.get("pay")) or (None, None)
    age = check.check("年龄要求", cells.age_range, raw.get("age")) or (None, None)
    board = cells.board_lodging(raw.get("board"))
    position = text(raw.get("position"))
    place_text = str(raw.get("place") or "").strip()
    posting = {
        "position": position,
        "job_kind": job_kind_for(text(raw.get("job_kind")) or position),
        "place": check.check("工作地点", cells.place, place_text) or "",
        "address": place_text[:100],
        "headcount": check.check("招聘人数", cells.headcount, raw.get("headcount")),
        "pay_min": pay[0],
        "pay_max": pay[1],
        "age_min": age[0],
        "age_max": age[1],
        "gender": check.check("性别", cells.gender, raw.get("gender")) or "",
        "education_min": check.check("学历要求", cells.education, raw.get("education")) or "",
        "certificates": str(raw.get("certificates") or "").strip(),
        "board": board[0],
        "lodging": board[1],
        "valid_until": check.check("有效期", cells.valid_until, raw.get("valid_until")),
        "notes": str(raw.get("notes") or "").strip(),
    }
    if not employer["name"]:
        check.add("单位名称", "未填单位名称")
    check.raise_if_any()
    return employer, posting


def _employer_id(values: dict, row: RowReport) -> str:
    found = employers.find_employer(values["name"], values["uscc"])
    if found:
        return found["id"]
    created = employers.create_employer({**values, "kind": "beijing"})
    row.new_employer = True
    row.messages.append("新建用工单位")
    return created["id"]


def _import_row(raw: dict, row: RowReport, seen: dict) -> None:
    employer_values, values = _parse(raw)
    row.employer, row.position = employer_values["name"], values["position"]
    if not values["place"]:
        values["place"] = "beijing"
        row.messages.append("未填工作地点，按北京处理")
    employer_id = _employer_id(employer_values, row)
    key = (employer_id, values["position"])
    if key in seen:
        raise v.ValidationError({"岗位": f"与第{seen[key]}行重复"})
    seen[key] = row.row
    clean = postings.clean_posting({**values, "employer_id": employer_id})
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


def import_postings(
    path,
    apply: bool = False,
    skip_invalid: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Check (and with apply=True save) the postings of a labour-demand sheet."""
    report = ImportReport()
    rows = _read(path, report)
    seen: dict = {}
    if apply:
        backups.before("import", f"用工需求表 {Path(path).name}")
    with database.atomic() as transaction:
        for index, (sheet, number, raw) in enumerate(rows, start=1):
            if cancelled and cancelled():
                report.cancelled = True
                break
            row = RowReport(sheet, number)
            report.rows.append(row)
            try:
                with database.atomic():
                    _import_row(raw, row, seen)
            except v.ValidationError as error:
                row.action = "refused"
                row.employer = row.employer or cells.normalise(raw.get("employer"))
                row.position = row.position or cells.normalise(raw.get("position"))
                row.new_employer = False
                # The messages quote the cell and say what is wrong; no field key needed.
                row.messages = list(dict.fromkeys(error.errors.values()))
            if progress:
                progress(index, len(rows))
        keep = apply and not report.cancelled and (skip_invalid or report.refused == 0)
        if keep:
            report.applied = True
        else:
            transaction.rollback()
    return report
