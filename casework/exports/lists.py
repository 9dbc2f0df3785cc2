"""The Excel lists the county asks for: labour demand, people in Beijing, people willing to
go out to work, the subsidy roster and the training ledger.

Each list is a title ("科左中旗 在京务工人员清单（截至2026年11月27日）"), the columns and a
stream of rows from the services; casework.exports.excel writes them. Row numbers (序号)
are added here, so the services stay free of presentation. ID numbers and phones are
masked (casework.masking) unless the cadre asks for them in full, and that choice is
recorded in the change history. Every list ends with a 汇总 sheet of the headline
figures (casework.services.figures), the same numbers as the dashboard and the report.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from casework import clock
from casework.exports.excel import (
    Column,
    ExportCancelled,
    RowChart,
    Sheet,
    WriteResult,
    write_workbook,
)
from casework.exports.files import document_name
from casework.exports.resume import chinese_date
from casework.masking import MASKS

T, D, N, M = "text", "date", "int", "money"

__all__ = ["LISTS", "ExportCancelled", "WriteResult", "export_list", "list_title", "suggested_name"]


@dataclass(frozen=True)
class ListSpec:
    """One list: what the county calls it, a short name for files, and how to build its sheets."""

    kind: str
    title: str
    short: str
    sheets: Callable[[dt.date, bool], list[Sheet]]  # (today, full ID numbers and phones)


def county_name() -> str:
    """The county (旗/县) the register covers, for titles and file names."""
    from casework.services.register import areas

    return "、".join(a["name"] for a in areas.children(None))


def list_title(kind: str, today: dt.date | None = None) -> str:
    """ "科左中旗 被帮扶地区有意愿外出务工清单（截至2026年11月27日）"."""
    return _titled(LISTS[kind].title, today or clock.today())


def _titled(title: str, today: dt.date) -> str:
    # Written as on a letter: 截至2026年12月2日, no leading zeros.
    return f"{county_name()} {title}（截至{chinese_date(today)}）".strip()


def suggested_name(kind: str, today: dt.date | None = None) -> str:
    """ "科左中旗-有意愿外出务工清单-2026-11-27.xlsx"."""
    return document_name(county_name(), LISTS[kind].short, today or clock.today(), suffix=".xlsx")


def export_list(
    kind: str,
    path: str | os.PathLike[str],
    progress: Callable[[int, int | None], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    overwrite: bool = True,
    today: dt.date | None = None,
    full_ids: bool = False,
) -> WriteResult:
    """Write the list `kind` (a key of LISTS) to `path`; returns the path and row counts.

    ID numbers and phones are masked (150521********123X, 138****1234) unless
    `full_ids`; a list written with them in full is recorded in the change history.
    """
    if kind not in LISTS:
        raise ValueError(f"没有这种清单：{kind}（可选：{'、'.join(LISTS)}）")
    today = today or clock.today()
    summary = summary_sheet(today)
    written = write_workbook(
        path, [*LISTS[kind].sheets(today, full_ids), summary], progress, cancelled, overwrite
    )
    # The rows of the list itself: the 汇总 sheet's figures are not people listed.
    result = WriteResult(written.path, {k: n for k, n in written.rows.items() if k != summary.name})
    if full_ids:
        from casework.services.register import list_rows

        list_rows.record_full_ids_export(f"{LISTS[kind].title}（{kind}）", result.path.name)
    return result


def _numbered(rows: Iterable[dict], keys: list[str], full_ids: bool) -> Iterator[tuple]:
    """(序号, values of `keys`) for each row, ID numbers and phones masked unless `full_ids`."""
    masks = [None if full_ids else MASKS.get(key) for key in keys]
    masked = [(i, mask) for i, mask in enumerate(masks) if mask is not None]
    for number, row in enumerate(rows, 1):
        values = [row.get(key) for key in keys]
        for index, mask in masked:
            values[index] = mask(values[index])
        yield (number, *values)


def _sheet(
    name: str,
    title: str,
    spec: list[tuple[str, float, str, str]],
    rows,
    total=None,
    *,
    full_ids: bool,
):
    """A sheet from (heading, widest before wrapping, kind, row key) tuples; 序号 comes first."""
    columns = [Column("序号", 6, N)] + [Column(h, w, k) for h, w, k, _key in spec]
    keys = [key for _h, _w, _k, key in spec]
    return Sheet(name, title, columns, _numbered(rows, keys, full_ids), total)


def summary_sheet(today: dt.date) -> Sheet:
    """汇总: every headline figure this month, for the county and each township, with its
    rule (the dashboard's and `stats`'s numbers), and 在京务工 by township as a chart."""
    from casework.services import figures

    period = figures.preset("month", today)
    overview = figures.compute(period=period, today=today, by_group=True)
    towns = overview.groups
    columns = [Column("类别", 8, T), Column("项目", 14, T), Column("单位", 4, T),
               Column("合计", 9, N), *(Column(name, 9, N) for _id, name in towns),
               Column("统计口径", 40, T)]  # fmt: skip
    rows = [
        (f.section, f.label, f.unit, overview.values[key],
         *(overview.by_group[key].get(area_id, 0) if f.scoped else None for area_id, _n in towns),
         f.definition)
        for key, f in figures.FIGURES.items()
    ]  # fmt: skip
    title = _titled(f"工作概况汇总（{period.label()}）", today)
    chart = RowChart(
        f"在京务工人数（截至{chinese_date(today)}）",
        list(figures.FIGURES).index("in_beijing"),
        4,
        3 + len(towns),
    )
    return Sheet("汇总", title, columns, rows, len(rows), chart if towns else None)


# ---------------------------------------------------------------- the lists

WILLING = [
    ("苏木乡镇", 12, T, "township_name"),
    ("嘎查村", 14, T, "village_name"),
    ("户编号", 16, T, "household_code"),
    ("农户类型", 10, T, "household_status"),
    ("姓名", 9, T, "name"),
    ("性别", 5, T, "gender"),
    ("年龄", 5, N, "age"),
    ("民族", 7, T, "ethnicity"),
    ("身份证号码", 20, T, "id_number"),
    ("联系电话", 13, T, "phone"),
    ("文化程度", 10, T, "education"),
    ("健康状况", 9, T, "health"),
    ("意向务工地", 12, T, "destinations"),
    ("意向工种", 16, T, "job_kinds"),
    ("期望月薪（元）", 9, M, "expected_pay"),
    ("可到岗日期", 11, D, "available_from"),
    ("培训意愿", 14, T, "training_wanted"),
    ("制约因素", 16, T, "constraints"),
    ("登记日期", 11, D, "recorded_on"),
    ("意愿状态", 11, T, "status"),
    ("备注", 20, T, "notes"),
]


def _willing(today: dt.date, full_ids: bool) -> list[Sheet]:
    from casework.services.register import list_rows

    title = list_title("willing", today)
    total = list_rows.count_willing()
    rows = list_rows.willing_rows(today)
    return [_sheet("有意愿外出务工", title, WILLING, rows, total, full_ids=full_ids)]


DEMAND = [
    ("用工单位", 24, T, "employer_name"),
    ("单位类型", 12, T, "employer_kind_label"),
    ("统一社会信用代码", 20, T, "uscc"),
    ("单位所在地", 10, T, "employer_place"),
    ("岗位名称", 14, T, "position"),
    ("工种", 10, T, "job_kind_label"),
    ("工作地点", 8, T, "place_label"),
    ("详细地址", 20, T, "address"),
    ("招聘人数", 7, N, "headcount"),
    ("已录用/在岗", 8, N, "placed_count"),
    ("月薪（元）", 12, T, "pay_text"),
    ("年龄要求", 10, T, "age_text"),
    ("性别要求", 7, T, "gender_label"),
    ("学历要求", 10, T, "education_label"),
    ("证书要求", 14, T, "certificates"),
    ("食宿", 9, T, "board_lodging_text"),
    ("有效期至", 11, D, "valid_until"),
    ("联系人", 9, T, "contact"),
    ("联系电话", 13, T, "phone"),
    ("状态", 8, T, "status_label"),
    ("备注", 20, T, "notes"),
]


def _demand(today: dt.date, full_ids: bool) -> list[Sheet]:
    from casework.services.jobs import postings

    # Still recruiting (open, not past the valid-until date): the figure 在招岗位's rule.
    rows = postings.open_postings()
    title = list_title("demand", today)
    return [_sheet("用工需求", title, DEMAND, rows, len(rows), full_ids=full_ids)]


BEIJING = [
    ("苏木乡镇", 12, T, "township_name"),
    ("嘎查村", 14, T, "village_name"),
    ("户编号", 16, T, "household_code"),
    ("姓名", 9, T, "name"),
    ("性别", 5, T, "gender_label"),
    ("年龄", 5, N, "age"),
    ("身份证号码", 20, T, "id_number"),
    ("联系电话", 13, T, "phone"),
    ("用工单位", 24, T, "employer_name"),
    ("岗位", 14, T, "position"),
    ("工种", 10, T, "job_kind_label"),
    ("上岗日期", 11, D, "start_date"),
    ("月收入（元）", 9, M, "monthly_pay"),
    ("就业方式", 10, T, "organised_label"),
    # 就业登记: a placement at work in Beijing; 台账状态: only the register's work status.
    ("来源", 9, T, "source"),
    ("备注", 20, T, "notes"),
]


def _beijing(today: dt.date, full_ids: bool) -> list[Sheet]:
    from casework.services.figures import lists as figure_lists

    # The rows of the figure 在京务工: one per person, as the dashboard and `stats` count.
    rows = list(figure_lists.beijing_rows(today=today))
    title = list_title("beijing", today)
    return [_sheet("在京务工", title, BEIJING, rows, len(rows), full_ids=full_ids)]


SUBSIDY = [
    ("苏木乡镇", 12, T, "township_name"),
    ("嘎查村", 14, T, "village_name"),
    ("姓名", 9, T, "name"),
    ("性别", 5, T, "gender_label"),
    ("身份证号码", 20, T, "id_number"),
    ("联系电话", 13, T, "phone"),
    ("用工单位", 24, T, "employer_name"),
    ("岗位", 14, T, "position"),
    ("上岗日期", 11, D, "start_date"),
    ("离岗日期", 11, D, "end_date"),
    ("连续在岗月数", 8, N, "months_worked"),
    ("符合条件日期", 12, D, "eligible_on"),
    ("补贴标准（元）", 9, M, "amount"),
    ("发放状态", 9, T, "status_label"),
    ("发放日期", 11, D, "paid_on"),
    ("发放金额（元）", 9, M, "paid_amount"),
    ("经办人", 9, T, "paid_by"),
    ("在岗回访", 22, T, "evidence"),
]
SOON = SUBSIDY[:11] + [("预计符合条件日期", 13, D, "eligible_on"), ("说明", 18, T, "reason")]


def _subsidy(today: dt.date, full_ids: bool) -> list[Sheet]:
    from casework.services.jobs import subsidy

    roster = subsidy.roster_rows(today)
    soon = subsidy.due_soon(30, today)
    return [
        _sheet(
            "稳岗补贴花名册",
            list_title("subsidy", today),
            SUBSIDY,
            roster,
            len(roster),
            full_ids=full_ids,
        ),
        _sheet(
            "30天内将符合条件",
            _titled("30天内将符合稳岗补贴条件人员", today),
            SOON,
            soon,
            len(soon),
            full_ids=full_ids,
        ),
    ]


LEDGER = [
    ("培训班名称", 20, T, "class_name"),
    ("培训类别", 12, T, "class_kind_label"),
    ("开班日期", 11, D, "class_start_date"),
    ("结业日期", 11, D, "class_end_date"),
    ("培训地点", 16, T, "class_place"),
    ("组织单位", 16, T, "class_organiser"),
    ("苏木乡镇", 12, T, "township_name"),
    ("嘎查村", 14, T, "village_name"),
    ("户编号", 16, T, "household_code"),
    ("姓名", 9, T, "person_name"),
    ("性别", 5, T, "gender_label"),
    ("身份证号码", 20, T, "id_number"),
    ("联系电话", 13, T, "phone"),
    ("参训", 5, T, "attended"),
    ("结业", 5, T, "completed"),
    ("取得证书", 7, T, "certificate"),
    ("证书名称", 16, T, "certificate_name"),
    ("证书编号", 16, T, "certificate_number"),
    ("培训意愿", 14, T, "training_wanted"),
    ("培训后就业情况", 22, T, "found_work_label"),
    ("备注", 20, T, "notes"),
]
CLASSES = [
    ("培训班名称", 22, T, "name"),
    ("培训类别", 12, T, "kind_label"),
    ("开班日期", 11, D, "start_date"),
    ("结业日期", 11, D, "end_date"),
    ("培训地点", 18, T, "place"),
    ("组织单位", 18, T, "organiser"),
    ("报名人数", 8, N, "enrolled"),
    ("参训人数", 8, N, "attended"),
    ("结业人数", 8, N, "completed"),
    ("取得证书人数", 9, N, "certified"),
    ("培训后就业人数", 9, N, "found_work"),
    ("备注", 20, T, "notes"),
]


def _training(today: dt.date, full_ids: bool) -> list[Sheet]:
    from casework.services.training import training_ledger

    classes = training_ledger.class_summaries()
    return [
        _sheet(
            "培训台账",
            list_title("training", today),
            LEDGER,
            training_ledger.ledger_rows(),
            full_ids=full_ids,
        ),
        _sheet(
            "培训班汇总",
            _titled("技能培训班汇总", today),
            CLASSES,
            classes,
            len(classes),
            full_ids=full_ids,
        ),
    ]


LISTS: dict[str, ListSpec] = {
    "demand": ListSpec("demand", "用工需求清单", "用工需求清单", _demand),
    "beijing": ListSpec("beijing", "在京务工人员清单", "在京务工人员清单", _beijing),
    "willing": ListSpec("willing", "被帮扶地区有意愿外出务工清单", "有意愿外出务工清单", _willing),
    "subsidy": ListSpec("subsidy", "稳岗补贴花名册", "稳岗补贴花名册", _subsidy),
    "training": ListSpec("training", "技能培训台账", "技能培训台账", _training),
}
