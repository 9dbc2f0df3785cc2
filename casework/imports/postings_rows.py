"""A labour-demand sheet (用工需求表) read into rows of employer and posting values; no database.

POSTINGS is the sheet's kind: its columns as employers head them. The workbook is read
by the shared pipeline (casework.imports.workbook), so a merged employer cell already
reaches every row it covers; an employer cell simply left empty under the employer's
first posting is taken from the row above. Each row's cells are read by
casework.imports.postings_cells, and whatever cannot be read is kept as the row's errors.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from casework import validation as v
from casework.imports import postings_cells as cells
from casework.imports.cells import compact, text
from casework.imports.headings import Headings, SheetKind
from casework.imports.workbook import Problem, read_workbook
from casework.vocab_jobs import job_kind_for

# field -> headings; the first is how messages name the column.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "employer": (
        "单位名称",
        "用工单位",
        "用人单位",
        "企业名称",
        "公司名称",
        "招聘单位",
        "单位",
        "用工单位名称",
        "用人单位名称",
        "招聘单位名称",
        "企业单位名称",
        "单位全称",
        "企业全称",
    ),
    "uscc": ("统一社会信用代码", "社会信用代码", "信用代码", "统一信用代码"),
    "employer_place": ("所在区", "所属区", "单位所在地", "所在区县", "所在地区"),
    "contact": ("联系人", "联系人姓名", "负责人"),
    "phone": ("联系电话", "联系方式", "电话", "手机", "手机号", "手机号码", "联系人电话"),
    "position": (
        "岗位名称",
        "招聘岗位",
        "岗位",
        "职位",
        "工作岗位",
        "招聘岗位名称",
        "需求岗位",
        "用工岗位",
        "拟招聘岗位",
        "招聘职位",
        "职位名称",
    ),
    "job_kind": ("工种", "岗位类别", "工种类别", "行业工种", "岗位类型"),
    "place": ("工作地点", "工作地址", "务工地点", "地点", "工作区域"),
    "headcount": ("招聘人数", "需求人数", "用工人数", "人数", "招聘数量", "需求数量", "岗位人数"),
    "pay": (
        "薪资",
        "月薪",
        "薪资待遇",
        "工资待遇",
        "月工资",
        "工资",
        "薪酬",
        "待遇",
        "月薪范围",
        "薪资范围",
        "工资标准",
        "综合薪资",
        "综合月薪",
        "月收入",
        "薪酬待遇",
    ),
    "age": ("年龄要求", "年龄", "年龄范围", "年龄限制"),
    "education": ("学历要求", "学历", "文化程度", "文化程度要求"),
    "gender": ("性别要求", "性别"),
    "certificates": ("证书要求", "资格证书", "证书", "所需证书"),
    "board": ("食宿", "是否包吃住", "食宿情况", "吃住", "食宿条件", "是否提供食宿"),
    "valid_until": ("有效期至", "有效期", "截止日期", "招聘截止", "招聘截止日期", "截止时间"),
    "notes": ("备注", "其他要求", "其他"),
}
POSTINGS = SheetKind(
    Headings(SYNONYMS),
    identifying=("employer", "position"),
    required=("employer", "position"),
    noun="岗位",
)
EMPLOYER_FIELDS = ("employer", "uscc", "employer_place", "contact", "phone")


@dataclass
class PostingRow:
    """One row of the sheet: the employer's values, the posting's, and what was wrong."""

    sheet: str
    row: int
    employer: dict = field(default_factory=dict)  # name, uscc, place, contact, phone
    posting: dict = field(default_factory=dict)  # JobPosting's fields, as codes
    errors: list[str] = field(default_factory=list)  # the row is refused with these


def read_postings(path: str | os.PathLike[str]) -> tuple[list[PostingRow], list[Problem]]:
    """Every posting row of the sheet at `path`, and the sheets that could not be read.

    Raises casework.imports.workbook.WorkbookError for a file that cannot be read at all.
    """
    read = read_workbook(path, POSTINGS)
    rows, carried, sheet = [], {}, None
    for name, number, raw in read.rows():
        if name != sheet:
            carried, sheet = {}, name
        if not compact(raw.get("employer")) and compact(raw.get("position")):
            raw = {**raw, **{f: carried[f] for f in EMPLOYER_FIELDS if f in carried}}
        elif compact(raw.get("employer")):
            carried = {f: raw[f] for f in EMPLOYER_FIELDS if f in raw}
        rows.append(parse_row(name, number, raw))
    return rows, read.problems


def parse_row(sheet: str, number: int, raw: dict[str, object]) -> PostingRow:
    """Clean one row's raw cell values (keyed by field) into a PostingRow."""
    check = v.FieldCollector()
    employer = {
        "name": compact(raw.get("employer")),
        "uscc": compact(raw.get("uscc")),
        "place": compact(raw.get("employer_place")),
        "contact": compact(raw.get("contact")),
        "phone": compact(raw.get("phone")),
    }
    pay = check.check("薪资", cells.pay_range, raw.get("pay")) or (None, None)
    age = check.check("年龄要求", cells.age_range, raw.get("age")) or (None, None)
    board = cells.board_lodging(raw.get("board"))
    position = compact(raw.get("position"))
    place_text = text(raw.get("place"))
    posting = {
        "position": position,
        "job_kind": job_kind_for(compact(raw.get("job_kind")) or position),
        "place": check.check("工作地点", cells.place, place_text) or "",
        "address": place_text[:100],
        "headcount": check.check("招聘人数", cells.headcount, raw.get("headcount")),
        "pay_min": pay[0],
        "pay_max": pay[1],
        "age_min": age[0],
        "age_max": age[1],
        "gender": check.check("性别", cells.gender, raw.get("gender")) or "",
        "education_min": check.check("学历要求", cells.education, raw.get("education")) or "",
        "certificates": text(raw.get("certificates")),
        "board": board[0],
        "lodging": board[1],
        "valid_until": check.check("有效期", cells.valid_until, raw.get("valid_until")),
        "notes": text(raw.get("notes")),
    }
    if not employer["name"]:
        check.add("单位名称", "未填单位名称")
    # The messages quote the cell and say what is wrong; the column needs no naming.
    errors = list(dict.fromkeys(check.errors.values()))
    return PostingRow(sheet, number, employer, posting, errors)
