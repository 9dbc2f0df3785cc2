"""The entry of the command line: parse the arguments, run the command, map errors.

Each command group is a module of casework.cli with one `add_commands(commands)` that
declares its commands; build_parser adds them in the order `--help` shows them. A handler
is `handler(args, path) -> exit code`. Exit codes: 0 done, 1 the command found problems
(check, an import with refused rows), 2 an error (a Chinese message on stderr).

No arguments but `--db` is how the window is opened (a double-click, a shortcut): it
skips the parser, whose groups and their imports were some 25 ms of every start.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from casework import APP_NAME, __version__, paths
from casework.cli import window

if TYPE_CHECKING:
    from casework.cli.common import Parser


def build_parser() -> Parser:
    # Imported here, not at the top: the window skips the parser (see window_only).
    from casework.cli import exports, imports, overview, safety, sync, templates
    from casework.cli.common import Parser

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
    for group in (overview, exports, templates, safety, imports, sync, window):
        group.add_commands(commands)
    return parser


def window_only(argv: list[str]) -> SimpleNamespace | None:
    """The arguments when `argv` asks for nothing but the window, on `--db`'s file or the
    default one, as the parser would make them; None when it needs the parser (a command,
    --help, --version, anything else).
    """
    if not argv:
        return SimpleNamespace(db=None)
    if len(argv) == 1 and argv[0].startswith("--db="):
        return SimpleNamespace(db=argv[0].removeprefix("--db="))
    if len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        return SimpleNamespace(db=argv[1])  # "--db -x" is the parser's to refuse
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the command in `argv` (default: sys.argv[1:]); return the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    args = window_only(argv)
    if args is None:
        from casework.cli.common import CommandError

        try:
            args = build_parser().parse_args(argv)
        except SystemExit as done:  # --help
            return done.code if isinstance(done.code, int) else 0
        except CommandError as error:
            print(error, file=sys.stderr)
            return 2
    path = Path(args.db).expanduser() if args.db else paths.default_db_path()
    handler = getattr(args, "handler", window.run_window)
    if handler is not window.run_window:  # the window does both itself, as it starts
        from casework import logs, tempfiles

        tempfiles.clean_at_start()  # what a crashed run left, before anything else
        logs.configure("cli")
    try:
        return handler(args, path)
    except KeyboardInterrupt:
        print("\n已取消。", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the one error path: Chinese, and logged
        print(f"错误：{_describe(error, path)}", file=sys.stderr)
        return 2
    finally:
        # Loaded only by a command that opened a database (and by the window).
        if "casework.db" in sys.modules:
            sys.modules["casework.db"].close_database()


def _describe(error: Exception, path: Path) -> str:
    """A damaged file with the backup that would restore it; a known trouble in a
    sentence; a bug logged with its traceback, the message saying where."""
    from casework import db, error_text, logs
    from casework.cli.common import as_file_error, describe_damage

    if isinstance(error, db.DatabaseFileError):
        return describe_damage(error)
    if error_text.is_database_error(error) and error_text.database_reason(error) is not None:
        return describe_damage(as_file_error(error, path))
    # The database is named only for a database error: a full disk during an export
    # is not the database's fault.
    named = path if error_text.is_database_error(error) else None
    return logs.report(error, "运行命令", named)
