"""Encrypting a plain database in place, with a backup before and a checked backup after."""

from __future__ import annotations

from pathlib import Path

from casework import db, db_files, db_keys
from casework.services.safety import backups


def encrypt_database(path: str | Path, password: str) -> str:
    """Encrypt the plain database at `path`; return the recovery key (shown once).

    A backup is taken first; only when the encrypted file has been checked (integrity,
    schema version, every table's rows) does it replace the plain one, and only then
    are the plain backups removed and the first encrypted backup taken. The database is
    left open, encrypted.
    """
    path = Path(path)
    db_keys.check_new_password(password)
    db.refuse_if_in_use(path)
    opened = db.current_file()
    if opened is None or opened.path != path:
        db.open_database(path, create=False, before_upgrade=backups.before_migration)
    if db.current_file().encrypted:
        raise db.DatabaseFileError(path, "文件已经加密了；要换密码，请用“修改密码”")
    backups.before("encryption")
    recovery_key = db_files.encrypt_file(path, password)
    db.open_database(path, database_key=db_keys.database_key_from_recovery(recovery_key))
    backups.remove_plain_backups(path)
    backups.before("encrypted")
    return recovery_key
