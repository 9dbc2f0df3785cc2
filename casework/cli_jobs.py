"""Command-line postings import: `import postings FILE.xlsx [--dry-run] [--skip-invalid]`.

Registered by casework/cli.py (IMPORT_KINDS). openpyxl loads inside the handler only.
Exit codes: 0 every row imported (or would be), 1 some rows refused, 2 an error.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def _cli():
    # casework.cli imports this module to register it; look it up at run time instead.
    from casework import cli

    return cli


def add_import_postings(kinds) -> None:
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

    _cli()._open_existing(path)
    try:
        report = import_postings(
            Path(args.file).expanduser(), apply=not args.dry_run, skip_invalid=args.skip_invalid
        )
    except ValidationError as error:
        raise _cli().CommandError("；".join(error.errors.values())) from None
    for line in report.lines():
        print(line)
    if report.refused and not args.dry_run and not report.applied:
        print("有问题的行改好后再导入，或加 --skip-invalid 只导入没有问题的行。")
    return 1 if report.refused or not report.rows else 0
