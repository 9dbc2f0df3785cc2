"""`demo`, `check` and `stats`: fill a new database, check one, and show its figures."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from casework.cli.common import (
    as_file_error,
    describe_damage,
    open_existing,
    open_or_create,
    progress_line,
    table,
)

DEMO_LABELS = {
    "areas": "地区（旗、苏木乡镇、嘎查村、组）",
    "cadres": "挂职干部",
    "households": "农户",
    "people": "家庭成员",
    "visits": "走访记录",
    "visit_cadres": "走访干部（人次）",
    "visit_people": "见到的家庭成员（人次）",
    "wishes": "就业意愿记录",
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
    stats = commands.add_parser("stats", help="显示主要数字", description="显示主要数字")
    stats.add_argument("--json", action="store_true", help="以 JSON 输出（英文键名）")
    stats.set_defaults(handler=_stats)


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
        report = integrity.check()
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
    from casework.services import stats

    open_existing(path)
    figures = stats.summary()
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    print(f"截至 {figures['as_of']}：")
    print(table([(label, figures[key]) for key, label in stats.LABELS.items()]))
    return 0
