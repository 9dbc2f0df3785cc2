"""The entry of the command line: parse the arguments, run the command, map errors.

Each command group is a module of casework.cli with one `add_commands(commands)` that
declares its commands; GROUPS lists them in the order `--help` shows them. A handler is
`handler(args, path) -> exit code`. Exit codes: 0 done, 1 the command found problems
(check, an import with refused rows), 2 an error (a Chinese message on stderr).
"""

from __future__ import annotations

import sys
from pathlib import Path

import peewee

from casework import APP_NAME, __version__, db, error_text, logs
from casework.cli import exports, imports, overview, safety, templates, window
from casework.cli.common import CommandError, Parser, as_file_error, describe_damage

GROUPS = (overview, exports, templates, safety, imports, window)


def build_parser() -> Parser:
    parser = Parser(description=f"{APP_NAME}：不带命令时打开窗口，带命令时在命令行中运行。")
    parser.add_argument(
        "--db",
        metavar="FILE",
        help="数据库文件（默认：环境变量 CASEWORK_DB，否则为用户数据目录中的 casework.db）",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{APP_NAME} {__version__}",
        help="显示版本号并退出",
    )
    commands = parser.add_subparsers(title="可用的命令", metavar="命令")
    for group in GROUPS:
        group.add_commands(commands)
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
    path = Path(args.db).expanduser() if args.db else db.default_path()
    handler = getattr(args, "handler", window.run_window)
    if handler is not window.run_window:  # the window keeps a log of its own
        logs.configure("cli")
    try:
        return handler(args, path)
    except KeyboardInterrupt:
        print("\n已取消。", file=sys.stderr)
        return 130
    except db.DatabaseFileError as error:
        print(f"错误：{describe_damage(error)}", file=sys.stderr)
        return 2
    except peewee.DatabaseError as error:
        print(f"错误：{describe_damage(as_file_error(error, path))}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - the one error path: Chinese, and logged
        # A known trouble (a full disk, a locked file, our own Chinese refusals) is said in
        # a sentence; a bug is logged with its traceback and the message says where.
        # The database is named only for a database error: a full disk during an export
        # is not the database's fault.
        named = path if error_text.is_database_error(error) else None
        print(f"错误：{logs.report(error, '运行命令', named)}", file=sys.stderr)
        return 2
    finally:
        db.close_database()
