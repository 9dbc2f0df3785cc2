"""`import`: spreadsheets read in — the household roster and the labour-demand sheet.

openpyxl loads inside the handlers only. Exit codes: 0 every row imported (or would be),
1 some rows refused, 2 an error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from casework.cli.common import CommandError, open_existing

# Each refused row prints one line; a roster with thousands of bad rows is summarised.
MAX_LINES = 200


def add_commands(commands) -> None:
    parser = commands.add_parser("import", help="从 Excel 导入数据", description="导入数据")
    kinds = parser.add_subparsers(title="可导入的内容", metavar="内容", required=True)
    for add in (_add_roster, _add_postings):
        add(kinds)


# ---------------------------------------------------------------- import roster


def _add_roster(kinds) -> None:
    parser = kinds.add_parser(
        "roster",
        help="从 Excel 导入农户花名册（退出码 0 全部导入，1 有行未导入）",
        description="导入农户花名册：按身份证号匹配人员、按户编号匹配农户，重复导入只会更新",
    )
    parser.add_argument("file", metavar="文件", help="花名册 .xlsx 文件")
    parser.add_argument("--dry-run", action="store_true", help="只预览将要做什么，不写入数据库")
    parser.add_argument(
        "--all-or-nothing",
        action="store_true",
        help="有任何一行不能导入时，全部不导入（默认：导入无误的行，跳过有问题的行）",
    )
    parser.add_argument("--verbose", action="store_true", help="逐行列出每一行的处理结果")
    parser.set_defaults(handler=_import_roster)


def _import_roster(args: argparse.Namespace, path: Path) -> int:
    from casework.imports import roster

    open_existing(path)
    try:
        if args.dry_run:
            report = roster.plan_roster(args.file)
        else:
            mode = "all" if args.all_or_nothing else "valid"
            report = roster.import_roster(args.file, mode)
    except roster.RosterFileError as error:
        raise CommandError(str(error)) from None
    _print_report(report, args.verbose)
    return 1 if report.refused or report.errors else 0


def _print_report(report, verbose: bool) -> None:
    from casework.masking import mask_id_number

    if verbose:
        for row in report.rows:
            who = f"{row.name} {mask_id_number(row.id_number)}".strip()
            print(f"  {row.sheet} 第{row.row}行  {row.action_label}  {who}  {row.detail}")
    problems = report.problems
    if problems:
        print(f"发现 {len(problems)} 个问题：")
        for problem in problems[:MAX_LINES]:
            print(f"  - {problem}")
        if len(problems) > MAX_LINES:
            print(f"  ……另有 {len(problems) - MAX_LINES} 个问题未列出（可在窗口中的导入向导查看）")
    print(report.summary())
    sys.stdout.flush()


# ---------------------------------------------------------------- import postings


def _add_postings(kinds) -> None:
    parser = kinds.add_parser(
        "postings",
        help="从 Excel 用工需求表导入岗位（退出码 0 全部导入，1 有行有问题）",
        description="导入用工需求表：按单位和岗位名称匹配，重复导入只会更新；默认全部无误才导入",
    )
    parser.add_argument("file", metavar="文件", help="用工需求表 .xlsx 文件")
    parser.add_argument("--dry-run", action="store_true", help="只预览将要做什么，不写入数据库")
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="跳过有问题的行，导入其余的行（默认：有任何一行有问题就全部不导入）",
    )
    parser.set_defaults(handler=_import_postings)


def _import_postings(args: argparse.Namespace, path: Path) -> int:
    from casework.services.jobs.postings_import import import_postings
    from casework.validation import ValidationError

    open_existing(path)
    try:
        report = import_postings(
            Path(args.file).expanduser(), apply=not args.dry_run, skip_invalid=args.skip_invalid
        )
    except ValidationError as error:
        raise CommandError("；".join(error.errors.values())) from None
    for line in report.lines():
        print(line)
    if report.refused and not args.dry_run and not report.applied:
        print("有问题的行改好后再导入，或加 --skip-invalid 只导入没有问题的行。")
    return 1 if report.refused or not report.rows else 0
