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


def _add_options(parser) -> None:
    """The options both imports share, with the same meaning and the same default."""
    parser.add_argument("--dry-run", action="store_true", help="只预览将要做什么，不写入数据库")
    parser.add_argument(
        "--all-or-nothing",
        action="store_true",
        help="有任何一行不能导入时，全部不导入（默认：导入无误的行，跳过有问题的行）",
    )


def _read_failed(error: Exception) -> CommandError:
    return CommandError(str(error))


# ---------------------------------------------------------------- import roster


def _add_roster(kinds) -> None:
    parser = kinds.add_parser(
        "roster",
        help="从 Excel 导入农户花名册（退出码 0 全部导入，1 有行未导入）",
        description="导入农户花名册：按身份证号匹配人员、按户编号匹配农户，重复导入只会更新",
    )
    parser.add_argument("file", metavar="文件", help="花名册 .xlsx 文件")
    _add_options(parser)
    parser.add_argument("--verbose", action="store_true", help="逐行列出每一行的处理结果")
    parser.set_defaults(handler=_import_roster)


def _import_roster(args: argparse.Namespace, path: Path) -> int:
    from casework.imports import roster
    from casework.imports.workbook import WorkbookError

    open_existing(path)
    try:
        report = roster.import_roster(
            args.file, dry_run=args.dry_run, all_or_nothing=args.all_or_nothing
        )
    except WorkbookError as error:
        raise _read_failed(error) from None
    _print_report(report, args.verbose)
    return 1 if report.refused or report.errors else 0


def _print_report(report, verbose: bool) -> None:
    from casework.masking import mask_id_number

    if verbose:
        for row in report.rows:
            who = f"{row.name} {mask_id_number(row.id_as_written)}".strip()
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
        description="导入用工需求表：按单位和岗位名称匹配，重复导入只会更新",
    )
    parser.add_argument("file", metavar="文件", help="用工需求表 .xlsx 文件")
    _add_options(parser)
    parser.set_defaults(handler=_import_postings)


def _import_postings(args: argparse.Namespace, path: Path) -> int:
    from casework.imports.postings import import_postings
    from casework.imports.workbook import WorkbookError

    open_existing(path)
    try:
        report = import_postings(
            Path(args.file).expanduser(),
            dry_run=args.dry_run,
            all_or_nothing=args.all_or_nothing,
        )
    except WorkbookError as error:
        raise _read_failed(error) from None
    for line in report.lines():
        print(line)
    if report.refused and args.all_or_nothing and not args.dry_run and not report.applied:
        print("有问题的行改好后再导入，或去掉 --all-or-nothing 只导入没有问题的行。")
    return 1 if report.refused or not report.rows else 0
