"""`demo`, `check` and `stats`: fill a new database, check one, and show its figures."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from casework.cli.common import (
    CommandError,
    as_file_error,
    describe_damage,
    open_existing,
    open_or_create,
    progress_line,
    table,
    terminal_progress,
)
from casework.periods import PRESETS

DEMO_LABELS = {
    "areas": "地区（旗、苏木乡镇、嘎查村、组）",
    "cadres": "挂职干部",
    "households": "农户",
    "people": "家庭成员",
    "visits": "走访记录",
    "visit_cadres": "走访干部（人次）",
    "visit_people": "见到的家庭成员（人次）",
    "wishes": "就业意愿记录",
    "employers": "用工单位（含就业帮扶车间）",
    "postings": "招聘岗位",
    "placements": "就业跟踪（推荐至离岗）",
    "placement_events": "就业环节记录",
    "work_checks": "在岗回访",
    "subsidy_payments": "稳岗补贴发放",
    "training_classes": "培训班",
    "enrollments": "参训人次",
    "history": "修改历史",
}


def add_commands(commands) -> None:
    demo = commands.add_parser(
        "demo", help="生成演示数据（科左中旗），只用于空的数据库", description="生成演示数据"
    )
    demo.add_argument("--households", type=int, default=200, metavar="N", help="户数，默认 200")
    demo.add_argument(
        "--seed", type=int, default=1, metavar="N", help="随机种子，默认 1；同一种子生成同样的数据"
    )
    demo.set_defaults(handler=_demo)
    check = commands.add_parser(
        "check", help="检查数据库是否完好（退出码 0 完好，1 有问题）", description="检查数据库"
    )
    check.set_defaults(handler=_check)
    stats = commands.add_parser(
        "stats",
        help="显示工作概况的主要数字（可按地区、干部、期间）",
        description="显示工作概况的主要数字：在京务工、就地就近就业、培训、稳岗补贴、走访、用工需求等。"
        "在京务工等“截至今天”的数字不受期间影响；走访、新增就业等按期间计，默认本月。",
    )
    stats.add_argument("--json", action="store_true", help="以 JSON 输出（英文键名）")
    add_scope_arguments(stats)
    stats.add_argument("--explain", action="store_true", help="同时列出每个数字的统计口径")
    stats.set_defaults(handler=_stats)


def add_scope_arguments(parser: argparse.ArgumentParser) -> None:
    """--area, --cadre, --from, --to and --period: which households and dates figures cover."""
    parser.add_argument(
        "--area",
        metavar="地区",
        help="苏木乡镇或嘎查村；重名时连同上级写出，如“架玛吐镇 大新艾力嘎查”",
    )
    parser.add_argument("--cadre", metavar="干部姓名", help="只算这位干部走访过的农户")
    parser.add_argument("--from", dest="date_from", metavar="日期", help="期间开始，如 2026-11-01")
    parser.add_argument("--to", dest="date_to", metavar="日期", help="期间结束（含这一天）")
    parser.add_argument(
        "--period",
        choices=list(PRESETS),
        help="、".join(f"{k}={v}" for k, v in PRESETS.items()) + "；默认本月",
    )


def _demo(args: argparse.Namespace, path: Path) -> int:
    from casework.services.demo import demo

    open_or_create(path)
    started = time.monotonic()
    counts = demo.generate(args.households, args.seed, progress=progress_line("正在生成", "户"))
    seconds = time.monotonic() - started
    print(f"已生成演示数据（科左中旗，随机种子 {args.seed}），用时 {seconds:.1f} 秒：")
    print(table([(DEMO_LABELS.get(key, key), value) for key, value in counts.items()]))
    print(f"数据库文件：{path}")
    return 0


def _check(args: argparse.Namespace, path: Path) -> int:
    import peewee

    from casework import db
    from casework.services.safety import integrity

    # Not migrated first: the check reports the version the file really has.
    try:
        open_existing(path, migrate=False)
        report = integrity.check(progress=terminal_progress("正在检查"))
    except db.DatabaseFileError as error:
        if not error.damaged:
            raise
        print(describe_damage(error))
        return 1
    except peewee.DatabaseError as error:
        print(describe_damage(as_file_error(error, path)))
        return 1
    print(f"数据库文件：{path}")
    print(f"数据库结构版本：{report.schema_version}（本程序：{report.latest}）")
    if report.ok:
        print("检查完毕，未发现问题。")
        return 0
    print(f"发现 {len(report.problems)} 个问题：")
    for problem in report.problems:
        print(f"  - {problem}")
    return 1


def _stats(args: argparse.Namespace, path: Path) -> int:
    from casework.services import figures

    open_existing(path)
    scope, period = scope_and_period(args)
    overview = figures.compute(scope, period, progress=_progress_on_terminal())
    if args.json:
        print(json.dumps(overview.as_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"{overview.scope_label} 工作概况（{period.label()}；截至 {overview.today.isoformat()}）")
    rows = [(f.label, f"{overview.values[key]:,} {f.unit}") for key, f in figures.FIGURES.items()]
    # One width for all the rows, then printed section by section.
    lines = dict(zip(figures.FIGURES, table(rows).splitlines(), strict=True))
    for section in figures.SECTIONS:
        print(section)
        print("\n".join(lines[k] for k, f in figures.FIGURES.items() if f.section == section))
    if args.explain:
        print("统计口径：")
        for figure in figures.FIGURES.values():
            print(f"  {figure.label}：{figure.definition}")
    return 0


def scope_and_period(args: argparse.Namespace):
    """The Scope and Period that add_scope_arguments' options name (this month by default)."""
    from casework import clock
    from casework.services import figures
    from casework.services.common import NotFoundError

    try:
        area_id = figures.find_area(args.area) if args.area else None
        cadre_id = _cadre_id(args.cadre) if args.cadre else None
    except NotFoundError as error:
        raise CommandError(str(error)) from None
    start = _day(args.date_from, "开始日期")
    end = _day(args.date_to, "结束日期")
    if start and end and start > end:
        raise CommandError("开始日期不能晚于结束日期")
    if start or end:
        period = figures.Period(start, end)
    else:
        period = figures.preset(args.period or "month", clock.today())
    return figures.Scope(area_id, cadre_id), period


def _cadre_id(name: str) -> str:
    # Imported only when asked for: the documents service costs `stats` 10 ms to load.
    from casework.services.documents import documents

    return documents.cadre_by_name(name)["id"]


def _day(raw: str | None, label: str):
    if not raw:
        return None
    from casework import validation

    try:
        return validation.date(raw, label=label)
    except validation.FieldError as error:
        raise CommandError(error.message) from None


def _progress_on_terminal():
    """Figures being counted, on one line of a terminal's stderr, gone once done."""
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        end = "\r" + " " * 30 + "\r" if done >= total else ""
        print(f"\r正在统计：{done}/{total}", end=end, file=sys.stderr, flush=True)

    return report
