"""`sync`: merging laptops by file — `export`, `import`, `conflicts`.

The exchange password comes from CASEWORK_PACKAGE_PASSWORD, else is asked at a terminal.
`sync import` exits 0 when everything merged cleanly, 1 when items wait for a person
(conflicts, duplicates), 2 on an error (a Chinese message; nothing changed).
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from casework.cli.common import CommandError, at_terminal, open_existing

PASSWORD_ENV = "CASEWORK_PACKAGE_PASSWORD"


def add_commands(commands) -> None:
    parser = commands.add_parser(
        "sync", help="与其他电脑交换数据（数据包）", description="用数据包合并多台电脑的数据"
    )
    actions = parser.add_subparsers(title="操作", metavar="操作", required=True)
    export = actions.add_parser(
        "export",
        help="导出数据包（默认：本机的全部数据）",
        description=f"导出加密的数据包，交换密码取自环境变量 {PASSWORD_ENV}",
    )
    export.add_argument("-o", "--output", required=True, metavar="文件", help="数据包文件")
    export.add_argument(
        "--to", metavar="电脑", help="只导出这台电脑（名称或编号）还没有确认收到的内容"
    )
    export.set_defaults(handler=_export)
    receive = actions.add_parser(
        "import",
        help="导入并合并数据包（退出码 0 全部合并，1 有待处理项，2 出错）",
        description="导入数据包：先自动备份，再逐字段合并；冲突和重复记录留待人工处理",
    )
    receive.add_argument("file", metavar="文件", help="数据包文件")
    receive.add_argument("--dry-run", action="store_true", help="只预览将要合并的内容，不写入")
    receive.set_defaults(handler=_import)
    waiting = actions.add_parser(
        "conflicts", help="列出待处理的冲突和重复记录", description="列出待处理的冲突和重复记录"
    )
    waiting.add_argument("--json", action="store_true", help="以 JSON 输出，供脚本使用")
    waiting.set_defaults(handler=_conflicts)


def _password() -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    if at_terminal():
        import getpass

        return getpass.getpass("交换密码：")
    raise CommandError(f"需要交换密码：请设置环境变量 {PASSWORD_ENV}，或在终端中运行以输入密码")


def _export(args: argparse.Namespace, path: Path) -> int:
    from casework.services.sync import export
    from casework.services.sync.package_file import PackageError

    password = _password()
    open_existing(path)
    try:
        made = export.export_package(Path(args.output).expanduser(), password, receiver=args.to)
    except PackageError as error:
        raise CommandError(str(error)) from None
    whom = f"（给“{made.receiver}”）" if made.receiver else "（全部数据）"
    print(f"已导出数据包{whom}：{made.path}，{made.records} 条记录，{made.changes} 条修改记录")
    return 0


def _import(args: argparse.Namespace, path: Path) -> int:
    from casework.services.sync import merge
    from casework.services.sync.package_file import PackageError

    password = _password()
    open_existing(path)
    try:
        summary = merge.import_package(Path(args.file).expanduser(), password, args.dry_run)
    except PackageError as error:
        raise CommandError(str(error)) from None
    print(summary.sentence())
    if args.dry_run:
        print("（预览：没有写入数据库）")
    return 0 if summary.clean else 1


def _conflicts(args: argparse.Namespace, path: Path) -> int:
    from casework.services.sync import conflicts, pairs

    open_existing(path)
    fields = conflicts.list_conflicts()
    duplicates = pairs.list_pairs()
    if args.json:
        print(json.dumps({"conflicts": fields, "duplicates": duplicates}, ensure_ascii=False,
                         default=str, indent=1))  # fmt: skip
        return 0
    if not fields and not duplicates:
        print("没有待处理的冲突或重复记录。")
        return 0
    for item in fields:
        values = " / ".join(
            f"{alt['display']}（{alt['laptop_name']} {alt['cadre_name']}）".replace(" ）", "）")
            for alt in item["alternatives"]
        )
        print(f"冲突  {item['record_label']}  {item['field_label']}：{values}")
    for pair in duplicates:
        print(f"重复  {pair['kept_label']} ↔ {pair['other_label']}（{pair['reason']}）")
    return 0
