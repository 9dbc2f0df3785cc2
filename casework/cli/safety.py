"""Commands that keep the data safe: `encrypt`, `password`, `backup create|list|restore`."""

from __future__ import annotations

import argparse
from pathlib import Path

from casework.cli.common import (
    NEW_PASSWORD_ENV,
    PASSWORD_ENV,
    CommandError,
    new_password,
    open_existing,
    password_from_env_or_prompt,
    print_recovery_key,
)


def add_commands(commands) -> None:
    _add_encrypt(commands)
    _add_password(commands)
    _add_backup(commands)


def _add_encrypt(commands) -> None:
    parser = commands.add_parser(
        "encrypt",
        help="加密未加密的数据库（新密码取自 CASEWORK_NEW_PASSWORD 或 CASEWORK_PASSWORD）",
        description="加密数据库：先写出加密副本并检查，再替换原文件，然后删除未加密的备份",
    )
    parser.add_argument(
        "--key-document", metavar="文件", help="把恢复密钥另存为一页 Word 文档（.docx）"
    )
    parser.set_defaults(handler=_encrypt)


def _encrypt(args: argparse.Namespace, path: Path) -> int:
    from casework import db
    from casework.services.safety import encryption

    if db.inspect_file(path) is db.FileKind.ENCRYPTED:
        raise CommandError(f"数据库 {path} 已经加密；修改密码请用 password 命令")
    password = new_password((NEW_PASSWORD_ENV, PASSWORD_ENV))
    open_existing(path)
    recovery_key = encryption.encrypt_database(path, password)
    print_recovery_key(recovery_key, path)
    _save_key_document(args.key_document, recovery_key, path)
    return 0


def _save_key_document(target: str | None, recovery_key: str, path: Path) -> None:
    from casework import clock

    if not target:
        return
    from casework.exports.recovery_key import write_recovery_sheet

    written = write_recovery_sheet(Path(target).expanduser(), recovery_key, path, clock.today())
    print(f"恢复密钥已另存为：{written}")


def _add_password(commands) -> None:
    parser = commands.add_parser(
        "password",
        help="修改数据库密码（原密码 CASEWORK_PASSWORD，新密码 CASEWORK_NEW_PASSWORD）",
        description="修改加密数据库的密码；忘记密码时用 --recovery-key 给出恢复密钥",
    )
    parser.add_argument(
        "--recovery-key", metavar="恢复密钥", help="用恢复密钥代替原密码（48 位数字）"
    )
    parser.set_defaults(handler=_password)


def _password(args: argparse.Namespace, path: Path) -> int:
    from casework import db, db_files

    kind = db.inspect_file(path)
    if kind is db.FileKind.MISSING:
        raise CommandError(f"数据库文件不存在：{path}")
    if kind is not db.FileKind.ENCRYPTED:
        raise CommandError(f"数据库 {path} 没有加密，请先用 encrypt 命令加密")
    current = None if args.recovery_key else password_from_env_or_prompt(path, "原密码：")
    fresh = new_password()
    db_files.change_password(path, fresh, password=current, recovery_key=args.recovery_key)
    print(f"已修改数据库 {path} 的密码。恢复密钥不变，仍然有效。")
    return 0


def _add_backup(commands) -> None:
    parser = commands.add_parser("backup", help="备份与恢复", description="数据库的备份与恢复")
    actions = parser.add_subparsers(title="操作", metavar="操作", required=True)
    create = actions.add_parser("create", help="立即备份（检查后才算数）", description="立即备份")
    create.add_argument("--to", metavar="文件夹", help="再复制一份到这个文件夹（如 U 盘）")
    create.set_defaults(handler=_backup_create)
    listing = actions.add_parser("list", help="列出所有备份", description="列出所有备份")
    listing.set_defaults(handler=_backup_list)
    restore = actions.add_parser(
        "restore",
        help="用一份备份替换当前数据库（当前文件先保留一份）",
        description="恢复备份：当前数据库先另存一份备份（已损坏时改名保留），再换成所选的备份",
    )
    restore.add_argument("name", metavar="名称", help="备份文件名（见 backup list），或 latest")
    restore.set_defaults(handler=_backup_restore)


def _backup_create(args: argparse.Namespace, path: Path) -> int:
    from casework.services.safety import backups

    open_existing(path)
    backup = backups.before("manual")
    print(f"已备份并检查：{backup.path}")
    print(f"  {backup.summary()}")
    if args.to:
        copied = backups.copy_to_folder(backup, Path(args.to).expanduser(), path)
        print(f"已复制到：{copied}")
    return 0


def _backup_list(args: argparse.Namespace, path: Path) -> int:
    from casework.services.safety import backups

    found = backups.list_backups(path)
    print(f"备份文件夹：{backups.folder_for(path)}")
    if not found:
        print("还没有任何备份。")
        return 0
    for backup in found:
        lock = "加密" if backup.encrypted else "未加密"
        print(f"  {backup.name}　{backup.summary()}　{lock}")
    return 0


def _backup_restore(args: argparse.Namespace, path: Path) -> int:
    from casework import db
    from casework.services.safety import backups

    backup = backups.find(args.name, path)
    key = None
    if backup.encrypted:
        # The key file beside the database opens the backup too, even when the database
        # itself no longer opens.
        key = db.database_key_for(path, password_from_env_or_prompt(path))
    try:
        open_existing(path)
    except db.DatabaseFileError as error:
        if not error.damaged:
            raise
        print(f"当前数据库无法打开（{error.reason}），将改名保留后再恢复。")
    kept = backups.restore(backup, path, key)
    db.open_database(path, database_key=key, create=False)
    print(f"已恢复备份 {backup.name}（{backup.summary()}）")
    print(f"原来的数据库已保留为：{kept}")
    return 0
