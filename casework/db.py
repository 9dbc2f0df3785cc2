"""Opening the database: the one place that knows the file, its key, the pragmas, the schema.

Every connection goes through SQLCipher (`sqlcipher3`, through peewee's playhouse), for
plain files too, so one SQLite (3.53, FTS5) serves both. An encrypted file is opened
with a raw 256-bit key (see casework.db_keys), so no connection pays for key derivation
after the password has been checked once. A file is looked at before it is opened: a
zero-byte file, a file that is not a database, a damaged one, one that needs a password,
each raises a DatabaseFileError whose Chinese message names the file; only a path with
no file makes a new database.
"""

from __future__ import annotations

import contextlib
import enum
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from playhouse.sqlcipher_ext import SqlCipherDatabase
from sqlcipher3 import dbapi2 as sqlcipher

from casework import db_keys, db_presence, error_text, paths

SQLITE_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 4096
# Long enough to wait out another process's import or merge, which holds the write lock
# for seconds; a save in the window waits rather than fails.
BUSY_TIMEOUT_MS = 30_000

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # A laptop battery can die mid-visit: a committed visit must survive it.
    "synchronous": "full",
    "busy_timeout": BUSY_TIMEOUT_MS,
    "cache_size": -16000,
    "temp_store": "memory",
}

ENV_VAR = paths.DB_ENV_VAR


class CaseworkDatabase(SqlCipherDatabase):
    """SQLCipher with its log kept off stderr, the key set first, and the busy timeout."""

    def _connect(self):
        params = dict(self.connect_params)
        key = params.pop("passphrase", "")
        conn = sqlcipher.connect(
            self.database, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, **params
        )
        try:
            # A wrong key makes SQLCipher print to stderr; the cadre gets our message.
            conn.execute("PRAGMA cipher_log_level = NONE")
            if key:
                conn.execute(f'PRAGMA key = "{key}"')
            self._add_conn_hooks(conn)
        except BaseException:
            conn.close()
            raise
        return conn


# Deferred: the GUI, the CLI and each test choose the file with open_database().
# Write transactions take the write lock when they begin (BEGIN IMMEDIATE): a transaction
# that reads first and writes later cannot upgrade its lock while another process
# writes, and fails at once with "database is locked" whatever the busy timeout.
database = CaseworkDatabase(None, lock_type="IMMEDIATE")


class FileKind(enum.Enum):
    MISSING = "missing"
    EMPTY = "empty"
    ZEROED = "zeroed"
    PLAIN = "plain"
    ENCRYPTED = "encrypted"
    FOREIGN = "foreign"
    FOLDER = "folder"


class DatabaseFileError(Exception):
    """Something about the database file itself; `str()` is a Chinese sentence naming it.

    `damaged` is true when the file is unreadable and a backup is the way out.
    """

    damaged = False

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"数据库文件 {self.path}：{reason}")


class DamagedDatabaseError(DatabaseFileError):
    damaged = True


class NotADatabaseError(DatabaseFileError):
    damaged = True


class PasswordRequiredError(DatabaseFileError):
    """The file is encrypted and no password (or recovery key) was given."""


class WrongSecretError(DatabaseFileError):
    """The password or recovery key does not open this file."""


class FileBusyError(DatabaseFileError):
    """Another program holds the file (an encryption or restore in progress)."""


class NewerSchemaError(DatabaseFileError):
    """The file was written by a newer Casework."""


@dataclass(frozen=True)
class OpenFile:
    """The file now open: where it is and, when encrypted, the key that opened it."""

    path: Path
    database_key: bytes | None = field(repr=False)

    @property
    def encrypted(self) -> bool:
        return self.database_key is not None


_open: OpenFile | None = None
_presence: db_presence.Presence | None = None


def default_path() -> Path:
    """The database file: CASEWORK_DB if set, else the per-user data directory."""
    return paths.default_db_path()


def current_file() -> OpenFile | None:
    """The file open_database last opened (and close_database has not closed), or None.

    Not tied to the calling thread: a worker thread opens its own connection on first use.
    """
    return _open


# ------------------------------------------------------------------ looking at a file


def inspect_file(path: str | os.PathLike[str]) -> FileKind:
    """What is at `path`, judged from its size and first bytes (nothing is opened)."""
    path = Path(path)
    if path.is_dir():
        return FileKind.FOLDER
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return FileKind.MISSING
    if size == 0:
        return FileKind.EMPTY
    if head == SQLITE_HEADER:
        return FileKind.PLAIN
    if not head.strip(b"\0"):
        return FileKind.ZEROED
    # An encrypted file is whole pages of random-looking bytes; with its key file beside
    # it, a file of another length is ours but cut short.
    if db_keys.key_file_path(path).exists() or (size >= PAGE_SIZE and size % PAGE_SIZE == 0):
        return FileKind.ENCRYPTED
    return FileKind.FOREIGN


def refuse_unusable(path: Path, kind: FileKind) -> None:
    """Raise the Chinese refusal for a file that cannot be opened as a database at all."""
    if kind is FileKind.EMPTY:
        raise NotADatabaseError(
            path, "文件是空的（0 字节），不是工作台的数据库，可能是复制中断或磁盘出错"
        )
    if kind is FileKind.ZEROED:
        raise DamagedDatabaseError(
            path, "文件开头全是空白（0），内容已丢失，可能是磁盘出错、断电或复制中断"
        )
    if kind is FileKind.FOREIGN:
        raise NotADatabaseError(path, "不是劳务协作工作台的数据库文件（也不是加密的数据库）")
    if kind is FileKind.FOLDER:
        raise DatabaseFileError(path, "这是一个文件夹，不是数据库文件")


# ------------------------------------------------------------------ keys


def database_key_for(
    path: Path, password: str | None = None, recovery_key: str | None = None
) -> bytes:
    """The key that opens the encrypted file at `path`, from the password or the recovery key."""
    try:
        if recovery_key:
            return db_keys.database_key_from_recovery(recovery_key)
        if password:
            key_file = db_keys.read_key_file(db_keys.key_file_path(path))
            return db_keys.unlock(key_file, password)
    except db_keys.WrongPasswordError as error:
        raise WrongSecretError(path, str(error)) from None
    except db_keys.KeyFileError as error:
        raise WrongSecretError(path, f"{error}。可以用恢复密钥打开它，再设置新密码") from None
    except db_keys.RecoveryKeyFormatError as error:
        raise WrongSecretError(path, str(error)) from None
    if not db_keys.key_file_path(path).exists():
        raise PasswordRequiredError(
            path, "文件已加密（或已损坏）：旁边没有密钥文件，只能用恢复密钥打开"
        )
    raise PasswordRequiredError(path, "文件已加密，需要密码才能打开")


# ------------------------------------------------------------------ opening


def open_database(
    path: str | os.PathLike[str],
    migrate: bool = True,
    *,
    password: str | None = None,
    recovery_key: str | None = None,
    database_key: bytes | None = None,
    create: bool = True,
    before_upgrade: Callable[[int, int], None] | None = None,
) -> CaseworkDatabase:
    """Open the database at `path` and bring its schema up to date.

    A missing file is made as a new, plain database when `create` (see create_database
    for an encrypted one). An encrypted file needs `database_key`, `password` or
    `recovery_key`. `before_upgrade(old, new)` runs before a migration (a backup).
    Raises DatabaseFileError (Chinese, naming the file) or SchemaTooNewError.
    """
    path = Path(path)
    kind = inspect_file(path)
    if kind is FileKind.MISSING:
        if not create:
            raise DatabaseFileError(path, "文件不存在")
        create_database(path)
        return database
    refuse_unusable(path, kind)
    key = None
    if kind is FileKind.ENCRYPTED:
        key = database_key or database_key_for(path, password, recovery_key)
    _first_look(path, key, secret_given=kind is FileKind.ENCRYPTED)
    _connect(path, key)
    if migrate:
        _upgrade(path, before_upgrade)
    return database


def create_database(path: str | os.PathLike[str], password: str | None = None) -> str | None:
    """Make a new database where there is no file; return its recovery key when encrypted.

    With a password, the key file is written first, so a file is never encrypted with a
    key nobody can find again.
    """
    path = Path(path)
    if inspect_file(path) is not FileKind.MISSING:
        raise DatabaseFileError(path, "这里已经有一个文件，不会覆盖它")
    path.parent.mkdir(parents=True, exist_ok=True)
    recovery_key = key = None
    if password is not None:
        db_keys.check_new_password(password)
        recovery_key = db_keys.new_recovery_key()
        key = db_keys.database_key_from_recovery(recovery_key)
        db_keys.write_key_file(path, db_keys.make_key_file(key, password))
    _connect(path, key)
    _upgrade(path, None)
    return recovery_key


def _first_look(path: Path, key: bytes | None, secret_given: bool) -> None:
    """Read the schema and its version without writing a byte: a refused file stays as it was.

    (Opening for real switches the journal to WAL, which writes to the file's header.)
    """
    from casework.migrations import LATEST

    try:
        with raw_connection(path, key, read_only=True) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlcipher.Error as error:
        raise describe_error(error, path, secret_given=secret_given) from None
    if version > LATEST:
        raise NewerSchemaError(
            path,
            f"数据库版本为 {version}，本程序只支持到 {LATEST}，请升级劳务协作工作台后再打开",
        )


def _connect(path: Path, key: bytes | None) -> None:
    global _open, _presence
    close_database()
    database.init(
        str(path),
        pragmas={**PRAGMAS, "busy_timeout": BUSY_TIMEOUT_MS},
        passphrase=db_keys.sqlcipher_key(key) if key else "",
    )
    try:
        database.connect()
    except Exception as error:
        close_database()
        raise describe_error(error, path, secret_given=key is not None) from None
    _open = OpenFile(path, key)
    _presence = db_presence.Presence(path)


def _upgrade(path: Path, before_upgrade: Callable[[int, int], None] | None) -> None:
    from casework.migrations import LATEST, SchemaTooNewError, upgrade

    try:
        version = schema_version()
        if before_upgrade is not None and 0 < version < LATEST:
            before_upgrade(version, LATEST)
        upgrade(database)
    except SchemaTooNewError as error:
        close_database()
        raise NewerSchemaError(path, str(error)) from None
    except Exception as error:
        mapped = describe_error(error, path)
        if isinstance(mapped, DatabaseFileError) and mapped is not error:
            close_database()
            raise mapped from None
        raise


def describe_error(error: BaseException, path: Path, secret_given: bool = False) -> BaseException:
    """A SQLite error on `path` as a DatabaseFileError in Chinese; other errors unchanged.

    The wording is casework.error_text's, so the file's errors read the same everywhere.
    """
    if isinstance(error, DatabaseFileError):
        return error
    if isinstance(error, OSError) and not isinstance(error, sqlcipher.Error):
        return error
    found = error_text.database_reason(error, secret_given)
    if found is None:
        return error
    kind, reason = found
    return _FILE_ERRORS.get(kind, DatabaseFileError)(path, reason)


_FILE_ERRORS: dict[str, type[DatabaseFileError]] = {
    "damaged": DamagedDatabaseError,
    "wrong_secret": WrongSecretError,
    "busy": FileBusyError,
}


def close_database() -> None:
    global _open, _presence
    if not database.is_closed():
        database.close()
    _open = None
    if _presence is not None:
        _presence.release()
        _presence = None


def close_thread_connection() -> None:
    """Close only the calling thread's connection; the file stays open for the program.

    The window does this before a worker replaces the whole file (restore, encryption),
    so no connection of its own still points at the file being replaced.
    """
    if not database.is_closed():
        database.close()


def other_users(path: str | os.PathLike[str] | None = None) -> int:
    """How many other running programs (windows, commands) have the file open."""
    target = Path(path) if path is not None else (_open.path if _open else None)
    if target is None:
        return 0
    mine = _presence if _open is not None and _open.path == target else None
    return db_presence.other_users(target, mine)


def refuse_if_in_use(path: str | os.PathLike[str]) -> None:
    """Before replacing the whole file: no other program may have it open."""
    others = other_users(path)
    if others:
        raise FileBusyError(
            Path(path),
            f"另有 {others} 个工作台窗口或命令正在使用这个文件，请先关闭它们再试",
        )


def schema_version(db: CaseworkDatabase = database) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


# ------------------------------------------------------------------ whole-file operations


@contextlib.contextmanager
def raw_connection(
    path: str | os.PathLike[str], key: bytes | None, read_only: bool = False
) -> Iterator:
    """A connection of its own (not the app's): a backup, a copy being checked, a first look."""
    target, uri = str(path), False
    if read_only:
        target, uri = Path(path).resolve().as_uri() + "?mode=ro", True
    conn = sqlcipher.connect(target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, uri=uri)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key:
            conn.execute(f'PRAGMA key = "{db_keys.sqlcipher_key(key)}"')
        yield conn
    finally:
        conn.close()
