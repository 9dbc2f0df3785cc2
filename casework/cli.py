"""The command line: `python main.py <command>`; with no command, the window opens.

A thin skin over the services: each command opens the database, calls one service
function and prints the result in Chinese. To add a command (export, import,
templates...), write an `_add_<name>(commands)` that adds its subparser with
`handler=<function(args, path) -> exit code>` and list it in COMMANDS.
Exit codes: 0 done, 1 the check found problems, 2 an error (message on stderr).
"""

from __future__ import annotations

import argparse
import errno
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import peewee

from casework import APP_NAME, cli_documents, cli_jobs, cli_lists, cli_safety, db
from casework.cli_common import CommandError, describe_damage, open_existing, open_or_create
from casework.cli_common import table as _table
from casework.db import close_database, default_path
from casework.migrations import SchemaTooNewError


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # prefix "" is argparse building a subcommand's name, not a usage line.
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese headings, and errors that return 2 instead of exiting."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, add_help=False, formatter_class=_Formatter, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        for english, chinese in ARGPARSE_MESSAGES:
            message = re.sub(english, chinese, message)
        raise CommandError(f"命令行参数有误：{message}")


# argparse's own error messages, in the words a user reads.
ARGPARSE_MESSAGES = [
    (r"argument (\S+): invalid int value: (\S+)", r"\1 应为整数，而不是 \2"),
    (r"argument 命令: invalid choice: (\S+) \(choose from (.*)\)", r"没有命令 \1，可用的命令：\2"),
    (r"unrecognized arguments: (.*)", r"不认识的参数：\1"),
    (r"the following arguments are required: (.*)", r"缺少参数：\1"),
    (r"argument (\S+): expected one argument", r"\1 后面应跟一个值"),
]


# ---------------------------------------------------------------- commands


def _add_demo(commands) -> None:
    parser = commands.add_parser(
        "demo", help="生成演示数据（科左中旗），只用于空的数据库", description="生成演示数据"
    )
    parser.add_argument("--households", type=int, default=200, metavar="N", help="户数，默认 200")
    parser.add_argument(
        "--seed", type=int, default=1, metavar="N", help="随机种子，默认 1；同一种子生成同样的数据"
    )
    parser.set_defaults(handler=_demo)


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


def _demo(args: argparse.Namespace, path: Path) -> int:
    from casework.services.demo import demo

    open_or_create(path)
    started = time.monotonic()
    counts = demo.generate(args.households, args.seed, progress=_progress_line())
    seconds = time.monotonic() - started
    print(f"已生成演示数据（科左中旗，随机种子 {args.seed}），用时 {seconds:.1f} 秒：")
    print(_table([(DEMO_LABELS.get(key, key), value) for key, value in counts.items()]))
    print(f"数据库文件：{path}")
    return 0


def _add_check(commands) -> None:
    parser = commands.add_parser(
        "check", help="检查数据库是否完好（退出码 0 完好，1 有问题）", description="检查数据库"
    )
    parser.set_defaults(handler=_check)


def _check(args: argparse.Namespace, path: Path) -> int:
    from casework.services.safety import integrity

    # Not migrated first: the check reports the version the file really has.
    try:
        _open_existing(path, migrate=False)
        report = integrity.check()
    except db.DatabaseFileError as error:
        if not error.damaged:
            raise
        print(describe_damage(error))
        return 1
    except peewee.DatabaseError as error:
        print(describe_damage(_as_file_error(error, path)))
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


def _add_stats(commands) -> None:
    parser = commands.add_parser("stats", help="显示主要数字", description="显示主要数字")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（英文键名）")
    parser.set_defaults(handler=_stats)


def _stats(args: argparse.Namespace, path: Path) -> int:
    from casework.services import stats

    _open_existing(path)
    figures = stats.summary()
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    print(f"截至 {figures['as_of']}：")
    print(_table([(label, figures[key]) for key, label in stats.LABELS.items()]))
    return 0


def _add_gui(commands) -> None:
    parser = commands.add_parser("gui", help="打开工作台窗口（不带命令时也是如此）")
    parser.set_defaults(handler=_gui)


def _gui(args: argparse.Namespace, path: Path) -> int:
    try:
        from casework.ui.app import run
    except ImportError as error:
        raise CommandError(f"无法打开工作台窗口：{error}") from None
    return run(path)


# `export` has one sub-command per kind of document; each adder takes the kinds' subparsers.
EXPORT_KINDS: list[Callable] = [*cli_documents.EXPORT_KINDS, cli_lists.add_export_list]


def _add_export(commands) -> None:
    parser = commands.add_parser("export", help="导出 Word / Excel 文件", description="导出文件")
    kinds = parser.add_subparsers(
        title="可导出的内容", metavar="内容", parser_class=_Parser, required=True
    )
    for add in EXPORT_KINDS:
        add(kinds)


def _add_backup(commands) -> None:
    cli_safety.add_backup(commands, _Parser)


COMMANDS: list[Callable] = [_add_demo, _add_check, _add_stats, _add_export, _add_gui]
COMMANDS.insert(-1, cli_documents.add_templates)
COMMANDS[-1:-1] = [cli_safety.add_encrypt, cli_safety.add_password, _add_backup]

# `import` likewise has one sub-command per kind of spreadsheet read in.
IMPORT_KINDS: list[Callable] = [cli_lists.add_import_roster, cli_jobs.add_import_postings]


def _add_import(commands) -> None:
    parser = commands.add_parser("import", help="从 Excel 导入数据", description="导入数据")
    kinds = parser.add_subparsers(
        title="可导入的内容", metavar="内容", parser_class=_Parser, required=True
    )
    for add in IMPORT_KINDS:
        add(kinds)


COMMANDS.insert(-1, _add_import)


# ---------------------------------------------------------------- running


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(description=f"{APP_NAME}：不带命令时打开窗口，带命令时在命令行中运行。")
    parser.add_argument(
        "--db",
        metavar="FILE",
        help="数据库文件（默认：环境变量 CASEWORK_DB，否则为用户数据目录中的 casework.db）",
    )
    commands = parser.add_subparsers(title="可用的命令", metavar="命令", parser_class=_Parser)
    for add in COMMANDS:
        add(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command in `argv` (default: sys.argv[1:]); return the exit code."""
    from casework import tempfiles

    tempfiles.clean_at_start()  # what a crashed run left, before anything else
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else 0
    except CommandError as error:
        print(error, file=sys.stderr)
        return 2
    path = Path(args.db).expanduser() if args.db else default_path()
    handler = getattr(args, "handler", _gui)
    try:
        return handler(args, path)
    except KeyboardInterrupt:
        print("\n已取消。", file=sys.stderr)
        return 130
    except db.DatabaseFileError as error:
        print(f"错误：{describe_damage(error)}", file=sys.stderr)
        return 2
    except peewee.DatabaseError as error:
        print(f"错误：{describe_damage(_as_file_error(error, path))}", file=sys.stderr)
        return 2
    except (CommandError, SchemaTooNewError, ValueError, OSError, RuntimeError) as error:
        print(f"错误：{_describe(error, path)}", file=sys.stderr)
        return 2
    finally:
        close_database()


_open_existing = open_existing


def _as_file_error(error: Exception, path: Path) -> db.DatabaseFileError:
    """A database error met while reading: the file's fault, in the file's words."""
    mapped = db.describe_error(error, path)
    if isinstance(mapped, db.DatabaseFileError):
        return mapped
    return db.DatabaseFileError(path, f"读取时出错（{error}）")


def _describe(error: Exception, path: Path) -> str:
    """The error in Chinese words; the system's own (English) text only as a detail."""
    if isinstance(error, OSError):
        reasons = {
            errno.ENOTDIR: "路径中有一段不是文件夹",
            errno.EEXIST: "路径中有一段不是文件夹",
            errno.EACCES: "没有权限写入这个位置",
            errno.EPERM: "没有权限写入这个位置",
            errno.EROFS: "磁盘是只读的",
            errno.ENOSPC: "磁盘空间不足",
        }
        reason = reasons.get(error.errno, error.strerror or str(error))
        return f"无法使用数据库文件 {path}：{reason}"
    if isinstance(error, peewee.DatabaseError):
        text = str(error)
        if "locked" in text:
            return f"数据库 {path} 正被另一个程序使用（工作台窗口是否开着？），请稍后再试"
        if "unable to open" in text:
            return f"无法打开数据库文件 {path}：文件夹不存在或没有权限"
        return f"无法读取数据库 {path}：文件已损坏，或不是{APP_NAME}的数据库（{text}）"
    return str(error)


def _progress_line() -> Callable[[int, int], None]:
    """A progress callback that rewrites one line on the terminal as work goes on."""

    def report(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\r正在生成：{done}/{total} 户（{done * 100 // total}%）", end=end, flush=True)

    return report
