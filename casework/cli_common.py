"""What every command shares: its error, opening the database (password included), output.

Passwords come from the environment (CASEWORK_PASSWORD; a new one from
CASEWORK_NEW_PASSWORD), else from a prompt when a person is at a terminal; a script
never waits on a prompt. A damaged file is reported with the newest checked backup and
the command that restores it.
"""

from __future__ import annotations

import getpass
import os
import sys
import unicodedata
from pathlib import Path

from casework import db

PASSWORD_ENV = "CASEWORK_PASSWORD"
NEW_PASSWORD_ENV = "CASEWORK_NEW_PASSWORD"
PROMPT_TRIES = 3


class CommandError(Exception):
    """A problem to report to the user in Chinese, ending the command with exit code 2."""


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


def open_existing(path: Path, migrate: bool = True) -> None:
    """Open the database at `path`, which must exist; ask for the password if it is encrypted."""
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


def describe_damage(error: db.DatabaseFileError) -> str:
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
