"""What every command shares: its error, its parser, opening the database, output helpers.

Passwords come from the environment (CASEWORK_PASSWORD; a new one from
CASEWORK_NEW_PASSWORD), else from a prompt when a person is at a terminal; a script
never waits on a prompt. A damaged file is reported with the newest checked backup and
the command that restores it.
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casework.db import DatabaseFileError

# casework.db (peewee, SQLCipher) loads inside the functions that open a database: the
# window's start imports this module, and loads the database layer while Tk starts.

PASSWORD_ENV = "CASEWORK_PASSWORD"
NEW_PASSWORD_ENV = "CASEWORK_NEW_PASSWORD"
PROMPT_TRIES = 3


class CommandError(Exception):
    """A problem to report to the user in Chinese, ending the command with exit code 2."""


# ---------------------------------------------------------------- the parser


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # prefix "" is argparse building a subcommand's name, not a usage line.
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse with Chinese headings, and errors that raise CommandError instead of exiting.

    Subcommand parsers are of the same class (argparse's default for add_subparsers).
    """

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


def add_output(parser: argparse.ArgumentParser, help_text: str) -> None:
    """-o/--output and --force, the same for every command that writes a file."""
    parser.add_argument("-o", "--output", required=True, metavar="文件", help=help_text)
    parser.add_argument(
        "--force", action="store_true", help="文件已存在时覆盖它（默认另起一个不重名的文件名）"
    )


# ---------------------------------------------------------------- passwords


def at_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _prompt(text: str) -> str:
    return getpass.getpass(text)


def password_from_env_or_prompt(path: Path, prompt: str = "数据库密码：") -> str:
    """The password for `path`: CASEWORK_PASSWORD, else asked at a terminal, else an error."""
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    if at_terminal():
        return _prompt(prompt)
    raise CommandError(
        f"数据库 {path} 已加密，需要密码：请设置环境变量 {PASSWORD_ENV}，或在终端中运行以输入密码"
    )


def new_password(env: tuple[str, ...] = (NEW_PASSWORD_ENV,)) -> str:
    """A new password: the first of the `env` variables set, else typed twice at a terminal."""
    from casework import db_keys

    for name in env:
        if os.environ.get(name):
            value = os.environ[name]
            try:
                return db_keys.check_new_password(value)
            except db_keys.PasswordRuleError as error:
                raise CommandError(f"{name} 中的新密码不可用：{error}") from None
    if not at_terminal():
        raise CommandError(f"请在环境变量 {env[0]} 中给出新密码，或在终端中运行以输入新密码")
    for _ in range(PROMPT_TRIES):
        first = _prompt(f"新密码（至少 {db_keys.MIN_PASSWORD_LENGTH} 位）：")
        try:
            return db_keys.check_new_password(first, _prompt("再输入一次新密码："))
        except db_keys.PasswordRuleError as error:
            print(f"{error}，请重新输入。", file=sys.stderr)
    raise CommandError("没有设置新密码")


# ---------------------------------------------------------------- opening the database


def open_existing(path: Path, migrate: bool = True) -> None:
    """Open the database at `path`, which must exist; ask for the password if it is encrypted."""
    from casework import db
    from casework.services.safety import backups

    kind = db.inspect_file(path)
    if kind is db.FileKind.MISSING:
        raise CommandError(f"数据库文件不存在：{path}")
    tries = PROMPT_TRIES if at_terminal() and not os.environ.get(PASSWORD_ENV) else 1
    for attempt in range(tries):
        password = password_from_env_or_prompt(path) if kind is db.FileKind.ENCRYPTED else None
        try:
            db.open_database(
                path,
                migrate,
                password=password,
                create=False,
                before_upgrade=backups.before_migration,
            )
            return
        except db.WrongSecretError as error:
            if attempt + 1 == tries:
                raise
            print(f"{error.reason}，请重新输入。", file=sys.stderr)


def open_or_create(path: Path) -> None:
    """Open `path`, or make a new database there: encrypted when CASEWORK_PASSWORD is set."""
    from casework import db

    if db.inspect_file(path) is not db.FileKind.MISSING:
        open_existing(path)
        return
    password = os.environ.get(PASSWORD_ENV)
    if not password:
        db.create_database(path)
        print(
            f"提示：已新建一个未加密的数据库 {path}。要加密，请运行 python main.py encrypt，"
            f"或设置环境变量 {PASSWORD_ENV} 后再新建。",
            file=sys.stderr,
        )
        return
    from casework import db_keys

    try:
        recovery_key = db.create_database(path, password)
    except db_keys.PasswordRuleError as error:
        raise CommandError(f"{PASSWORD_ENV} 中的密码不可用：{error}") from None
    print_recovery_key(recovery_key, path)


def print_recovery_key(recovery_key: str | None, path: Path) -> None:
    print(f"数据库 {path} 已加密。")
    print(f"恢复密钥（只显示这一次，请抄下或打印，放进办公室保险柜）：\n  {recovery_key}")
    print("忘记密码时，用恢复密钥可以打开数据库并设置新密码；两者都丢失，数据将无法找回。")


def as_file_error(error: Exception, path: Path) -> DatabaseFileError:
    """A database error met while reading: the file's fault, in the file's words."""
    from casework import db

    mapped = db.describe_error(error, path)
    if isinstance(mapped, db.DatabaseFileError):
        return mapped
    return db.DatabaseFileError(path, f"读取时出错（{error}）")


def describe_damage(error: DatabaseFileError) -> str:
    """The error, plus the newest checked backup and how to restore it, when there is one."""
    from casework.services.safety import backups

    lines = [str(error)]
    if error.damaged:
        latest = backups.newest(error.path)
        if latest is None:
            lines.append("备份文件夹中没有可用的备份。")
        else:
            lines.append(f"最近一次检查过的备份：{latest.name}（{latest.summary()}）")
            lines.append(
                "恢复它：python main.py backup restore latest（当前文件会先改名保留，不会被覆盖）"
            )
    return "\n".join(lines)


# ---------------------------------------------------------------- output


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(rows: list[tuple[str, object]]) -> str:
    """Label-value rows, values right-aligned, padding by display width (a hanzi is two)."""
    label_width = max(display_width(label) for label, _ in rows)
    value_width = max(len(str(value)) for _, value in rows)
    return "\n".join(
        f"  {label}{' ' * (label_width - display_width(label))}  {str(value):>{value_width}}"
        for label, value in rows
    )


def progress_line(label: str, unit: str = "") -> Callable[[int, int], None]:
    """A progress callback that rewrites one line on the terminal as work goes on."""

    def report(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        percent = done * 100 // total if total else 100
        print(f"\r{label}：{done}/{total} {unit}（{percent}%）", end=end, flush=True)

    return report


def terminal_progress(label: str) -> Callable[[int, int, str], None] | None:
    """Progress on one line of a terminal's stderr ("正在检查：2/9 搜索索引"), rewritten as
    the work goes and wiped when it is done; None when stderr is not a terminal, so a
    script or a pipe sees only the result."""
    if not sys.stderr.isatty():
        return None
    shown = {"width": 0}

    def report(done: int, total: int, text: str = "") -> None:
        line = f"{label}：{done}/{total} {text}".rstrip()
        width = display_width(line)
        pad = " " * max(0, shown["width"] - width)
        shown["width"] = width
        if done >= total:
            line, pad = "", " " * width  # the result follows on a clean line
        print(f"\r{line}{pad}\r{line}", end="", file=sys.stderr, flush=True)

    return report
