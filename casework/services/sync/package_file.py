"""The package file: an SQLCipher database under the office's exchange password.

SQLCipher gives what a file carried on a USB stick needs: without the password it is
noise, and a page changed, cut short or from another file fails its HMAC, so a tampered
package never reaches the merge. It is written beside its target and renamed into place,
and read from a private copy attached to the open database, so the merge is a few SQL
statements over both. Before any row is read, everything in it is checked against what
a package may hold: only tables (no views, triggers or indexes to run), only the known
tables and columns, and every value of the type and size its column in this database
takes. A package that fails any check is refused with a Chinese message.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import peewee
from sqlcipher3 import dbapi2

from casework import tempfiles
from casework.db import database
from casework.paths import TEMP_PREFIX
from casework.services.sync.tables import PACKAGE_TABLES, RECORD_TABLES

FORMAT = "casework-package"
FORMAT_VERSION = 1
ALIAS = "pkg"
PASSWORD_ENV = "CASEWORK_PACKAGE_PASSWORD"
MIN_PASSWORD = 6
# A package this size is far past a county's (30,000 households is about 300 MB).
MAX_BYTES = 4 * 1024**3
CACHE_BYTES = 512 * 1024**2

META_COLUMNS = {"key", "value"}
PEER_COLUMNS = {"id", "name", "is_office", "known_seq", "received_rows", "received_changes"}


# peewee wraps the driver's errors in its own classes; either may reach us.
READ_ERRORS = (dbapi2.DatabaseError, peewee.DatabaseError)


class PackageError(Exception):
    """The package cannot be used; str() is a Chinese sentence for the cadre."""


def check_password(password: str) -> str:
    if not password:
        raise PackageError(f"请输入交换密码（命令行：设置环境变量 {PASSWORD_ENV}）")
    if len(password) < MIN_PASSWORD:
        raise PackageError(f"交换密码至少需要 {MIN_PASSWORD} 个字符")
    return password


@contextlib.contextmanager
def writing(target: Path, password: str) -> Iterator[str]:
    """Attach a new package file; yield its schema name; put it at `target` when done."""
    check_password(password)
    target = Path(target)
    temp = target.with_name(f"{TEMP_PREFIX}{secrets.token_hex(6)}.partial")
    with tempfiles.in_flight(temp):
        try:
            database.execute_sql(f"ATTACH DATABASE ? AS {ALIAS} KEY ?", (str(temp), password))
            try:
                yield ALIAS
            finally:
                database.execute_sql(f"DETACH DATABASE {ALIAS}")
            with open(temp, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(temp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()


@contextlib.contextmanager
def reading(source: Path, password: str) -> Iterator[dict[str, str]]:
    """Attach a checked private copy of the package; yield its meta rows."""
    check_password(password)
    source = Path(source)
    try:
        size = source.stat().st_size
    except OSError as error:
        raise PackageError(f"无法读取数据包 {source.name}：{error.strerror or error}") from None
    if size == 0 or size > MAX_BYTES or size % 1024:
        raise PackageError(f"{source.name} 不是完整的数据包（文件不完整或不是本程序导出的）")
    copy = tempfiles.run_dir() / f"package-{secrets.token_hex(6)}"
    try:
        shutil.copyfile(source, copy)
        _attach(copy, password, source.name)
        try:
            try:
                meta = _check(source.name)
            except READ_ERRORS:
                raise PackageError(
                    f"数据包 {source.name} 不完整或已损坏，请让对方重新导出"
                ) from None
            yield meta
        finally:
            with contextlib.suppress(Exception):
                database.execute_sql(f"DETACH DATABASE {ALIAS}")
    finally:
        with contextlib.suppress(FileNotFoundError):
            copy.unlink()


def _attach(copy: Path, password: str, name: str) -> None:
    # Nothing in an outside file may call a function while the merge reads it.
    database.execute_sql("PRAGMA trusted_schema = OFF")
    try:
        database.execute_sql(f"ATTACH DATABASE ? AS {ALIAS} KEY ?", (str(copy), password))
        database.execute_sql(f"SELECT count(*) FROM {ALIAS}.sqlite_master").fetchone()
        # The merge reads the package several times: keep its pages decrypted in memory.
        pages = min(copy.stat().st_size, CACHE_BYTES) // 1024
        database.execute_sql(f"PRAGMA {ALIAS}.cache_size = -{pages}")
    except READ_ERRORS:
        with contextlib.suppress(Exception):
            database.execute_sql(f"DETACH DATABASE {ALIAS}")
        raise PackageError(
            f"无法打开数据包 {name}：交换密码不对，或文件已损坏、被改动过，或不是本程序导出的数据包"
        ) from None


def _check(name: str) -> dict[str, str]:
    refused = f"数据包 {name} 的内容不符合要求，已拒绝导入（文件可能被改动过）"
    # The value checks below read every page of every table, and SQLCipher checks each
    # page's HMAC as it reads it: a file cut short (a USB stick pulled) or changed fails
    # there, so no separate integrity pass is needed.
    objects = database.execute_sql(f"SELECT type, name FROM {ALIAS}.sqlite_master").fetchall()
    names = {table for kind, table in objects}
    if any(kind != "table" for kind, _ in objects) or not names <= set(PACKAGE_TABLES):
        raise PackageError(refused)
    if "meta" not in names:
        raise PackageError(refused)
    for table in names:
        if not _columns_fit(table):
            raise PackageError(refused)
        if _bad_values(table):
            raise PackageError(refused)
    rows = database.execute_sql(f"SELECT key, value FROM {ALIAS}.meta").fetchall()
    meta = {str(key): str(value) for key, value in rows}
    if meta.get("format") != FORMAT:
        raise PackageError(f"{name} 不是本程序导出的数据包")
    return meta


def _columns(schema: str, table: str) -> list[tuple]:
    return database.execute_sql(f'PRAGMA {schema}.table_info("{table}")').fetchall()


def _columns_fit(table: str) -> bool:
    theirs = {row[1] for row in _columns(ALIAS, table)}
    if table == "meta":
        return theirs == META_COLUMNS
    if table == "peer_state":
        return theirs == PEER_COLUMNS
    ours = {row[1] for row in _columns("main", table)}
    must = {"id"} if table in RECORD_TABLES or table == "change" else set()
    return bool(theirs) and theirs <= ours and must <= theirs


_HEX_ID = "(typeof({c}) = 'text' AND length({c}) = 32 AND {c} NOT GLOB '*[^0-9a-f]*')"
_VARCHAR = re.compile(r"VARCHAR\((\d+)\)", re.IGNORECASE)


def _value_rule(column: str, declared: str, not_null: bool) -> str:
    c = f'"{column}"'
    declared = declared.upper()
    if column == "id" or (column.endswith("_id") and declared.startswith("VARCHAR(32)")):
        rule = _HEX_ID.format(c=c)
    elif declared == "INTEGER":
        rule = f"typeof({c}) = 'integer'"
    elif declared == "DATE":
        rule = f"(typeof({c}) = 'text' AND date({c}) IS {c})"
    elif declared == "DATETIME":
        rule = f"(typeof({c}) = 'text' AND datetime({c}) IS NOT NULL AND length({c}) <= 32)"
    elif declared == "BLOB":
        rule = f"(typeof({c}) = 'blob' AND length({c}) <= 10000000)"
    elif match := _VARCHAR.fullmatch(declared):
        rule = f"(typeof({c}) = 'text' AND length({c}) <= {int(match.group(1))})"
    else:  # TEXT
        rule = f"(typeof({c}) = 'text' AND length({c}) <= 100000)"
    return rule if not_null else f"({c} IS NULL OR {rule})"


def _bad_values(table: str) -> bool:
    if table in ("meta", "peer_state"):
        checks = ["typeof(key) != 'text' OR typeof(value) != 'text'"] if table == "meta" else []
        if table == "peer_state":
            checks = [
                f"NOT {_HEX_ID.format(c='id')} OR typeof(name) != 'text' OR length(name) > 60"
                " OR typeof(known_seq) != 'integer' OR typeof(received_rows) != 'integer'"
                " OR typeof(received_changes) != 'integer'"
            ]
    else:
        theirs = {row[1] for row in _columns(ALIAS, table)}
        checks = [
            f"NOT {_value_rule(name, declared, bool(not_null))}"
            for _cid, name, declared, not_null, _default, _pk in _columns("main", table)
            if name in theirs
        ]
    if not checks:
        return False
    where = " OR ".join(f"({check})" for check in checks)
    found = database.execute_sql(f'SELECT 1 FROM {ALIAS}."{table}" WHERE {where} LIMIT 1')
    return found.fetchone() is not None
