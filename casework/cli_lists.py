"""Command-line Excel lists and roster import: `export list KIND -o FILE` and `import roster FILE`.

Registered by casework/cli.py (EXPORT_KINDS, IMPORT_KINDS). openpyxl is imported inside
the handlers only, so that `python main.py --help` stays quick.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

LIST_KINDS = ("demand", "beijing", "willing", "subsidy", "training")
LIST_HELP = "demand 用工需求清单，beijing 在京务工人员清单，willing 有意愿外出务工清单，"
LIST_HELP += "subsidy 稳岗补贴花名册，training 技能培训台账"
# Each refused row prints one line; a roster with thousands of bad rows is summarised.
MAX_LINES = 200


def _cli():
    # casework.cli imports this module to register it; look it up at run time instead.
    from casework import cli

    return cli


# ---------------------------------------------------------------- export list


def add_export_list(kinds) -> None:
    parser = kinds.add_parser("list", help="导出 Excel 清单", description="导出 Excel 清单")
    parser.add_argument("kind", choices=LIST_KINDS, metavar="清单", help=LIST_HELP)
    parser.add_argument(
        "-o", "--output", required=True, metavar="文件", help="保存到的 .xlsx 文件或文件夹"
    )
    parser.add_argument(
        "--force", action="store_true", help="文件已存在时覆盖它（默认另起一个不重名的文件名）"
    )
    parser.add_argument(
        "--full-ids",
        action="store_true",
        help="包含完整身份证号和电话（默认只显示前6位和后4位；这次导出会记入修改记录）",
    )
    parser.set_defaults(handler=_export_list)


def _export_list(args: argparse.Namespace, path: Path) -> int:
    from casework.exports import lists
    from casework.exports.files import describe_error

    _cli()._open_existing(path)
    target = Path(args.output).expanduser()
    if target.is_dir():
        target = target / lists.suggested_name(args.kind)
    elif target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    try:
        result = lists.export_list(args.kind, target, overwrite=args.force, full_ids=args.full_ids)
    except (OSError, ValueError) as error:
        raise _cli().CommandError(f"导出失败：{describe_error(error)}") from None
    title = lists.LISTS[args.kind].title
    sheets = "，".join(f"{name} {count} 行" for name, count in result.rows.items())
    print(f"已导出{title}（{sheets}）：{result.path}")
    if args.full_ids:
        print("此文件含完整身份证号和电话，请妥善保管；本次导出已记入修改记录。")
    return 0


# ---------------------------------------------------------------- import roster


def add_import_roster(kinds) -> None:
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

    _cli()._open_existing(path)
    try:
        if args.dry_run:
            report = roster.plan_roster(args.file)
        else:
            mode = "all" if args.all_or_nothing else "valid"
            report = roster.import_roster(args.file, mode)
    except roster.RosterFileError as error:
        raise _cli().CommandError(str(error)) from None
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
