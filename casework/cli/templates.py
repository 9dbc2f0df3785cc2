"""`templates`: list the Word templates and check one a cadre or another office made."""

from __future__ import annotations

import argparse
from pathlib import Path

from casework.cli.common import CommandError


def add_commands(commands) -> None:
    parser = commands.add_parser("templates", help="查看和检查 Word 模板", description="Word 模板")
    actions = parser.add_subparsers(title="操作", metavar="操作", required=True)
    check = actions.add_parser(
        "check",
        help="检查模板（不写文件时检查全部模板；退出码 0 正常，1 有问题）",
        description="检查模板",
    )
    check.add_argument("file", nargs="?", metavar="文件", help="要检查的 .docx 模板文件")
    check.set_defaults(handler=_templates_check)
    listing = actions.add_parser(
        "list", help="列出所有模板和自定义模板文件夹", description="列出模板"
    )
    listing.set_defaults(handler=_templates_list)


def _templates_check(args: argparse.Namespace, path: Path) -> int:
    from casework.exports import templates

    if args.file:
        target = Path(args.file).expanduser()
        if not target.is_file():
            raise CommandError(f"找不到文件：{target}")
        checks = [(target.name, target, templates.kind_of(target.stem))]
    else:
        checks = [(f"{i.name}（{i.origin}）", i.path, i.kind) for i in templates.list_templates()]
    failed = 0
    for label, file, kind in checks:
        problems = templates.check_file(file, kind)
        if problems:
            failed += 1
            print(f"✗ {label}：{len(problems)} 个问题")
            for problem in problems:
                print(f"    - {problem}")
        else:
            print(f"✓ {label}")
    print("检查完毕，全部可用。" if not failed else f"有 {failed} 个模板不能使用。")
    return 1 if failed else 0


def _templates_list(args: argparse.Namespace, path: Path) -> int:
    from casework.exports import templates
    from casework.exports.fields import KIND_LABEL

    for info in templates.list_templates():
        kind = KIND_LABEL.get(info.kind, "用途不明")
        print(f"  {info.name}　{kind}　{info.origin}　{info.path}")
    print(f"自定义模板文件夹：{templates.user_dir()}")
    print("把内置模板复制到这个文件夹并保持文件名不变，修改后即可代替内置模板。")
    return 0
