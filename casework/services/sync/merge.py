"""Importing a package: records, history, deletions and links merged field by field.

All in one transaction, after a backup: records this laptop has never seen arrive whole;
for the others only their history speaks, and a field moves on when the incoming change
replaced the value this laptop has (or says the same), and becomes a conflict, keeping
the local value, when both laptops changed it. Deletions merge as sets: a record stays
deleted while any delete that hid it is not restored. Two records of one person (or one
household) are never both left live: the later waits, hidden, for a person to decide.
Importing a package twice, or an old one after a newer, changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import peewee
from peewee import fn

from casework import clock
from casework.db import database
from casework.migrations import LATEST
from casework.models import PackageLog, Peer, new_id
from casework.services.register import household_summary
from casework.services.sync import duplicates, heads, identity, package_file, record_values
from casework.services.sync.package_file import ALIAS, PackageError
from casework.services.sync.tables import RECORD_TABLES

SOFT_TABLES = [table for table in RECORD_TABLES if table != "deletion"]


@dataclass
class MergeSummary:
    sender: str = ""
    sender_name: str = ""
    new_records: int = 0
    updated_fields: int = 0
    new_conflicts: int = 0
    new_duplicates: int = 0
    deleted: int = 0
    waiting: int = 0  # conflicts and duplicates open after the import
    dry_run: bool = False
    by_table: dict[str, int] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return self.waiting == 0

    def sentence(self) -> str:
        verb = "将" if self.dry_run else "已"
        parts = [
            f"{verb}新增 {self.new_records} 条记录",
            f"更新 {self.updated_fields} 个字段",
            f"新冲突 {self.new_conflicts} 处",
            f"疑似重复 {self.new_duplicates} 对",
        ]
        waiting = f"；共有 {self.waiting} 项待处理" if self.waiting else "；没有待处理的项目"
        return f"来自“{self.sender_name}”的数据包：" + "，".join(parts) + waiting


def import_package(path: str | Path, password: str, dry_run: bool = False) -> MergeSummary:
    """Merge the package at `path`; with `dry_run`, say what it would do and change nothing."""
    from casework.services.safety import backups

    me = identity.replica_id()
    path = Path(path)
    with package_file.reading(path, password) as meta:
        _refuse(meta, me, path.name)
        if not dry_run:
            backups.before("merge", path.name)
        try:
            with database.atomic() as transaction:
                summary = _merge(meta, me)
                summary.dry_run = dry_run
                if dry_run:
                    # A real import finds broken links at commit; a dry run looks for them.
                    if database.execute_sql("PRAGMA foreign_key_check").fetchone():
                        raise peewee.IntegrityError("FOREIGN KEY constraint failed")
                    transaction.rollback()
                else:
                    _log_received(meta, path, summary)
        except peewee.IntegrityError:
            # Rows that point at records neither laptop holds: a package cut from a larger
            # one, or made by hand. Nothing is kept.
            raise PackageError(
                f"数据包 {path.name} 中有记录缺少它所属的农户或人员，已拒绝导入；"
                "请让对方导出全部数据"
            ) from None
    return summary


def _refuse(meta: dict[str, str], me: str, name: str) -> None:
    try:
        schema = int(meta.get("schema", ""))
        version = int(meta.get("version", ""))
    except ValueError:
        raise PackageError(f"{name} 不是本程序导出的数据包") from None
    if version > package_file.FORMAT_VERSION or schema > LATEST:
        raise PackageError(
            f"数据包 {name} 由更新版本的劳务协作工作台导出"
            f"（数据库结构版本 {schema}，本程序 {LATEST}），请先升级本程序"
        )
    if meta.get("sender") == me:
        raise PackageError(f"数据包 {name} 是本机导出的，不需要导入")
    if not meta.get("sender"):
        raise PackageError(f"{name} 不是本程序导出的数据包")


def _merge(meta: dict[str, str], me: str) -> MergeSummary:
    summary = MergeSummary(sender=meta["sender"], sender_name=meta.get("sender_name", ""))
    database.execute_sql("PRAGMA defer_foreign_keys = ON")
    # The records new here and those the merge changed, by id: later steps join to them
    # instead of passing ids around.
    for temp in ("sync_new", "sync_touched"):
        database.execute_sql(f"DROP TABLE IF EXISTS temp.{temp}")
        database.execute_sql(
            f"CREATE TEMP TABLE {temp} (tbl TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (id, tbl))"
        )
    pkg_tables = _package_tables()
    unique = duplicates.drop_live_unique_indexes()
    for table in RECORD_TABLES:
        if table in pkg_tables:
            summary.by_table[table] = _insert_new(table, pkg_tables[table])
    summary.new_records = sum(
        count for table, count in summary.by_table.items()
        if table not in ("deletion", "duplicate_pair")
    )  # fmt: skip
    _merge_deletions()
    _insert_links()
    record_values.copy_heads()
    touched = heads.advance(_insert_changes())
    summary.updated_fields, summary.new_conflicts = record_values.apply(touched)
    summary.deleted = _recompute_deleted()
    summary.new_duplicates = duplicates.hold_clashes(me, unique)
    duplicates.restore_indexes(unique)
    _refresh_derived()
    _remember_peers(meta, me)
    summary.waiting = len(heads.open_conflicts()) + duplicates.open_count()
    for temp in ("sync_new", "sync_touched"):
        database.execute_sql(f"DROP TABLE temp.{temp}")
    return summary


def _package_tables() -> dict[str, list[str]]:
    found = {}
    names = database.execute_sql(f"SELECT name FROM {ALIAS}.sqlite_master").fetchall()
    for (name,) in names:
        columns = database.execute_sql(f'PRAGMA {ALIAS}.table_info("{name}")').fetchall()
        found[name] = [row[1] for row in columns]
    return found


def _insert_new(table: str, columns: list[str]) -> int:
    found = database.execute_sql(
        f"INSERT INTO temp.sync_new (tbl, id) SELECT '{table}', id FROM {ALIAS}.\"{table}\" "
        f'WHERE id NOT IN (SELECT id FROM main."{table}")'
    ).rowcount
    if found:
        names = ", ".join(f'"{c}"' for c in columns)
        database.execute_sql(
            f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM {ALIAS}."{table}" '
            f"WHERE id IN (SELECT id FROM temp.sync_new WHERE tbl = '{table}')"
        )
    return found


def _merge_deletions() -> None:
    # A restore anywhere is a restore everywhere: the earliest time is kept.
    database.execute_sql(
        f"UPDATE main.deletion AS d SET restored_at = p.restored_at FROM {ALIAS}.deletion AS p "
        "WHERE p.id = d.id AND p.restored_at IS NOT NULL "
        "AND (d.restored_at IS NULL OR p.restored_at < d.restored_at)"
    )
    database.execute_sql(
        f"INSERT OR IGNORE INTO main.deletion_target (deletion_id, tbl, record_id) "
        f"SELECT deletion_id, tbl, record_id FROM {ALIAS}.deletion_target "
        f"WHERE tbl IN ({', '.join('?' * len(SOFT_TABLES))})",
        SOFT_TABLES,
    )


def _insert_links() -> None:
    """Visits new here take their link sets whole; the others merge them as fields."""
    for link, other in (("visit_cadre", "cadre_id"), ("visit_person", "person_id")):
        database.execute_sql(
            f"INSERT OR IGNORE INTO main.{link} (visit_id, {other}) SELECT visit_id, {other} "
            f"FROM {ALIAS}.{link} WHERE visit_id IN "
            "(SELECT id FROM temp.sync_new WHERE tbl = 'visit')"
        )


def _insert_changes() -> list[dict]:
    """Add the changes new here; return those that move a field of a record known here
    (a record new here came with its heads)."""
    columns = [
        row[1] for row in database.execute_sql(f"PRAGMA {ALIAS}.table_info(change)").fetchall()
    ]
    events = ", ".join(f"'{event}'" for event in sorted(record_values.EVENTS))
    cursor = database.execute_sql(
        f"SELECT id, entity, record_id, field, parents, lamport FROM {ALIAS}.change "
        "WHERE id NOT IN (SELECT id FROM main.change) "
        f"AND record_id NOT IN (SELECT id FROM temp.sync_new) AND field NOT IN ({events})"
    )
    keys = ("id", "entity", "record_id", "field", "parents", "lamport")
    moving = [dict(zip(keys, row, strict=True)) for row in cursor]
    names = ", ".join(f'"{c}"' for c in columns)
    database.execute_sql(
        f"INSERT INTO main.change ({names}) SELECT {names} FROM {ALIAS}.change "
        "WHERE id NOT IN (SELECT id FROM main.change) ORDER BY lamport, id"
    )
    return moving


def _recompute_deleted() -> int:
    """A record is deleted while a delete that hid it stands. Only a record new here, or
    one a delete in the package hid (a delete new or restored travels with its targets),
    can change."""
    changed = 0
    for table in SOFT_TABLES:
        standing = (
            "SELECT {what} FROM deletion_target t JOIN deletion d ON d.id = t.deletion_id "
            f"WHERE t.tbl = '{table}' AND t.record_id = x.id AND d.restored_at IS NULL "
            "ORDER BY d.deleted_at, d.id LIMIT 1"
        )
        affected = (
            f"SELECT id FROM temp.sync_new WHERE tbl = '{table}' UNION SELECT record_id FROM "
            f"{ALIAS}.deletion_target WHERE tbl = '{table}'"
        )
        cursor = database.execute_sql(
            f'UPDATE main."{table}" AS r SET deleted_by = s.did, deleted_at = s.dat FROM '
            f"(SELECT x.id AS rid, ({standing.format(what='d.id')}) AS did, "
            f"({standing.format(what='d.deleted_at')}) AS dat "
            f'FROM main."{table}" x WHERE x.id IN ({affected})) AS s '
            f"WHERE r.id = s.rid AND r.deleted_by IS NOT s.did RETURNING '{table}', id"
        )
        done = cursor.fetchall()
        record_values.mark_touched(done)
        changed += len(done)
    return changed


def _refresh_derived() -> None:
    """The summary columns of every household whose members or visits the merge changed."""
    changed = "SELECT id FROM temp.sync_touched WHERE tbl = '{0}' UNION SELECT id FROM " \
        "temp.sync_new WHERE tbl = '{0}'"  # fmt: skip
    households = [
        row[0]
        for row in database.execute_sql(
            f"{changed.format('household')} UNION SELECT household_id FROM person WHERE id IN "
            f"({changed.format('person')}) UNION SELECT household_id FROM visit WHERE id IN "
            f"({changed.format('visit')})"
        )
    ]
    household_summary.refresh(sorted(h for h in households if h))


def _remember_peers(meta: dict[str, str], me: str) -> None:
    """The sender, what it holds of this laptop, and the laptops it has heard of."""
    sender = meta["sender"]
    _ensure(sender, meta.get("sender_name", ""))
    rows = database.execute_sql(
        f"SELECT id, name, known_seq, received_rows, received_changes FROM {ALIAS}.peer_state"
    ).fetchall()
    held = database.execute_sql(
        f"SELECT replica, max(seq) FROM {ALIAS}.change WHERE replica != '' GROUP BY replica"
    ).fetchall()
    for peer_id, known_seq in held:
        if peer_id != me:
            _ensure(peer_id, "")
            Peer.update(known_seq=fn.max(Peer.known_seq, known_seq)).where(
                Peer.id == peer_id
            ).execute()
    for peer_id, name, known_seq, received_rows, received_changes in rows:
        if peer_id == me:
            # What the sender holds of this laptop: the next package for it starts there.
            Peer.update(
                acked_rows=fn.max(Peer.acked_rows, received_rows),
                acked_changes=fn.max(Peer.acked_changes, received_changes),
            ).where(Peer.id == sender).execute()
        else:
            _ensure(peer_id, name)
            Peer.update(known_seq=fn.max(Peer.known_seq, known_seq)).where(
                Peer.id == peer_id
            ).execute()
    Peer.update(
        name=(meta.get("sender_name") or "")[:60] or Peer.name,
        is_office=meta.get("is_office") == "1",
        received_rows=fn.max(Peer.received_rows, _number(meta, "rows_through")),
        received_changes=fn.max(Peer.received_changes, _number(meta, "changes_through")),
        last_exchange=clock.now(),
    ).where(Peer.id == sender).execute()


def _number(meta: dict[str, str], key: str) -> int:
    try:
        return max(0, int(meta.get(key, "0")))
    except ValueError:
        return 0


def _ensure(peer_id: str, name: str) -> None:
    Peer.insert(id=peer_id, name=(name or "")[:60]).on_conflict_ignore().execute()


def _log_received(meta: dict[str, str], path: Path, summary: MergeSummary) -> None:
    counts = {
        "new_records": summary.new_records,
        "updated_fields": summary.updated_fields,
        "new_conflicts": summary.new_conflicts,
        "new_duplicates": summary.new_duplicates,
        "waiting": summary.waiting,
    }
    PackageLog.create(
        id=new_id(),
        direction="received",
        peer_id=meta["sender"],
        peer_name=meta.get("sender_name", ""),
        file=str(path),
        at=clock.now(),
        summary=json.dumps(counts, ensure_ascii=False),
    )
