"""The work report (工作简报): the period's figures in sentences, a table by area, two charts.

Every number comes from casework.services.figures, the dashboard's and `stats`'s, for
the same scope and period; the template (templates/工作简报.docx) lays them out on the
visit log's page (GB/T 9704 proportions). The charts are the dashboard's, drawn with
Pillow (casework.exports.report_charts).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from pathlib import Path

from casework import clock
from casework.exports import files
from casework.exports.render import new_template, render
from casework.exports.resume import cadre_data, chinese_date
from casework.exports.templates import load_template
from casework.periods import Period
from casework.services.figures import FIGURES, Scope, compute, trends
from casework.services.figures.counting import Overview

TABLE_KEYS = ["in_beijing", "placed_in_beijing", "local_employment", "trained_people", "visits"]
TREND_KEY, BARS_KEY = "placed_in_beijing", "in_beijing"
AREA_HEADING = {"township": "苏木乡镇", "village": "嘎查村", "group": "村民小组"}
CHART_MM = 150


def amount_text(yuan: int) -> str:
    """2000 -> "2000元"; 24000 -> "2.4万元" (as reports write large sums)."""
    if yuan >= 10000:
        return f"{yuan / 10000:.2f}".rstrip("0").rstrip(".") + "万元"
    return f"{yuan}元"


def _n(value: int) -> str:
    return f"{value:,}"


def sentences(overview: Overview, left_reasons: list[tuple[str, int]] = ()) -> list[str]:
    """The figures in the sentences a report is read in, one paragraph each;
    `left_reasons`: why the people who left early left, the commonest first."""
    v, period = overview.values, overview.period
    as_of = chinese_date(overview.today)
    lead = f"截至{as_of}，累计" if period.is_open else f"{period.label()}，"
    where = "" if "走访的农户" in overview.scope_label else overview.scope_label
    work = (
        # 有组织输出 counts 区内 too, so it is no part ("其中") of 赴京 and can be larger.
        f"{lead}{where}新增赴京就业{_n(v['placed_in_beijing'])}人，有组织输出（赴京和区内）"
        f"{_n(v['organised_outbound'])}人。截至{as_of}，在京务工{_n(v['in_beijing'])}人，"
        f"就地就近就业{_n(v['local_employment'])}人（其中在就业帮扶车间"
        f"{_n(v['in_workshops'])}人）；有外出务工意愿的{_n(v['willing'])}人中，尚未就业的"
        f"{_n(v['willing_unplaced'])}人。"
    )
    if v["training_classes"]:
        training = (
            f"举办技能培训班{_n(v['training_classes'])}期，培训{_n(v['trained_people'])}人，"
            f"其中脱贫人口{_n(v['trained_registered'])}人。"
        )
    else:
        training = "期间内没有开班的技能培训。"
    subsidy = (
        f"稳岗补贴{_n(v['subsidy_eligible'])}人次符合条件，已发放{_n(v['subsidy_paid'])}人次、"
        f"{amount_text(v['subsidy_amount'])}；截至{as_of}尚有{_n(v['subsidy_unpaid'])}人次待发放。"
    )
    visits = (
        f"走访农户{_n(v['households_visited'])}户{_n(v['visits'])}次；到期应回访"
        f"{_n(v['follow_ups_due'])}户，本周内还将到期{_n(v['follow_ups_this_week'])}户。"
    )
    follow = (
        f"在岗回访{_n(v['work_checks_made'])}人；截至{as_of}在岗回访到期"
        f"{_n(v['work_checks_due'])}人，本周内还将到期{_n(v['work_checks_this_week'])}人。"
    )
    if v["left_early"]:
        why = "、".join(f"{reason}{_n(n)}人" for reason, n in left_reasons[:3])
        follow += f"提前离岗{_n(v['left_early'])}人" + (f"，主要原因：{why}。" if why else "。")
    demand = f"用工单位在招岗位{_n(v['open_postings'])}个，尚需{_n(v['open_demand'])}人。"
    return [work, training, subsidy, follow, visits, demand]


def _left_reasons(scope: Scope, period: Period) -> list[tuple[str, int]]:
    """Why the people counted as 提前离岗 left (each person once), the commonest first."""
    from casework.services.figures.counting import once_each
    from casework.services.jobs import work_checks

    rows = once_each(work_checks.left_early_rows(scope, period), "person_id")
    return Counter(row["reason_label"] for row in rows).most_common()


def _row(name: str, values: dict[str, int]) -> dict:
    return {"name": name, **{key: _n(values.get(key, 0)) for key in TABLE_KEYS}}


def report_data(
    scope: Scope | None = None,
    period: Period | None = None,
    today: dt.date | None = None,
    cadre: dict | None = None,
) -> dict:
    """Everything the template prints, charts as PNG bytes under trend_png and bars_png."""
    from casework.exports import report_charts

    scope, period = scope or Scope(), period or Period()
    today = today or clock.today()
    overview = compute(scope, period, today, by_group=TABLE_KEYS)
    months = trends([TREND_KEY], scope, period, today)[TREND_KEY]
    rows = [
        _row(name, {key: overview.by_group[key].get(area_id, 0) for key in TABLE_KEYS})
        for area_id, name in overview.groups
    ]
    bars = [
        (name, overview.by_group[BARS_KEY].get(area_id, 0)) for area_id, name in overview.groups
    ]
    area = AREA_HEADING.get(overview.breakdown or "", "地区")
    first, last = months[0][0], months[-1][0]
    return {
        "title": "工作简报",
        "scope": "　".join(
            [overview.scope_label, period.label() if not period.is_open else "累计"]
        ),
        "sentences": [{"text": text} for text in sentences(overview, _left_reasons(scope, period))],
        "table_title": f"一、分{area}情况",
        "area_heading": area,
        "rows": rows,
        "total": _row("合计", overview.values),
        "charts_title": "二、图表",
        "trend_caption": f"图1　新增赴京就业人数（{_month(first)}至{_month(last)}，按月）",
        "bars_caption": f"图2　在京务工人数（截至{chinese_date(today)}，按{area}）",
        "rules": "注：" + FIGURES["in_beijing"].definition,
        "cadre": cadre if cadre is not None else cadre_data(),
        "today": chinese_date(today),
        "figures": dict(overview.values),
        "trend_png": report_charts.trend_png(months),
        "bars_png": report_charts.bars_png(bars) if overview.groups else b"",
    }


def _month(month: str) -> str:
    year, number = month.split("-")
    return f"{year}年{int(number)}月"


def render_report(data: dict, template_name: str | None = None) -> bytes:
    """The .docx bytes of a report from report_data's data."""
    import io

    from docx.shared import Mm
    from docxtpl import InlineImage

    template = load_template(template_name, "report")
    document = new_template(template)
    context = {k: v for k, v in data.items() if k not in ("figures", "trend_png", "bars_png")}
    for name, key in (("trend_chart", "trend_png"), ("bars_chart", "bars_png")):
        png = data.get(key)
        context[name] = InlineImage(document, io.BytesIO(png), width=Mm(CHART_MM)) if png else ""
    return render(template, context, document)


def file_name(scope_label: str, period: Period, today: dt.date) -> str:
    """科左中旗-工作简报-2026-11-01至2026-11-30.docx"""
    if period.start and period.end:
        span = f"{period.start.isoformat()}至{period.end.isoformat()}"
    else:
        span = today.isoformat()
    return files.document_name(scope_label, "工作简报", span)


def export_report(
    target: str | os.PathLike[str],
    scope: Scope | None = None,
    period: Period | None = None,
    template_name: str | None = None,
    overwrite: bool = False,
    today: dt.date | None = None,
) -> Path:
    """Write the report for `scope` and `period` to `target` (a .docx path or a folder)."""
    today = today or clock.today()
    data = report_data(scope, period, today)
    content = render_report(data, template_name)
    path = Path(target)
    if path.is_dir() or not path.suffix:
        path = path / file_name(data["scope"].split("　")[0], period or Period(), today)
    return files.write_bytes_atomic(path, content, overwrite)
