"""Writing a package: everything this laptop knows, or what one colleague has not yet
acknowledged, with the bookkeeping the receiver needs to merge it and to answer."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from casework import clock
from casework.db import database
from casework.migrations import LATEST
from casework.models import Change, PackageLog, Peer, new_id
from casework.services.settings import setting
from casework.services.sync import identity, package_file
from casework.services.sync.package_file import FORMAT, FORMAT_VERSION, PackageError
from casework.services.sync.tables import RECORD_TABLES


@dataclass(frozen=True)
class Exported:
    path: Path
    records: int
    changes: int
    receiver: str  # the colleague's name, "" for everything


def find_peer(name_or_id: str) -> Peer:
    """A colleague's laptop by its name or id, among those packages came from."""
    me = identity.replica_id()
    found = [
        peer for peer in Peer.select().where(Peer.id != me) if name_or_id in (peer.id, peer.name)
    ]
    if not found:
        raise PackageError(
            f"没有收到过“{name_or_id}”的数据包，无法只导出对方没有的内容；请导出全部"
        )
    return found[0]


def export_package(path: str | Path, password: str, receiver: str | None = None) -> Exported:
    """Write a package to `path` (atomically): all, or what `receiver` has not acknowledged."""
    path = Path(path)
    me = identity.replica_id()
    peer = find_peer(receiver) if receiver else None
    rows_after = peer.acked_rows if peer else 0
    changes_after = peer.acked_changes if peer else 0
    with package_file.writing(path, password) as schema, database.atomic():
        counts = _copy(schema, rows_after, changes_after)
        _write_meta(schema, me, peer)
        PackageLog.create(
            id=new_id(),
            direction="sent",
            peer_id=peer.id if peer else "",
            peer_name=peer.name if peer else "全部",
            file=str(path),
            at=clock.now(),
            summary=json.dumps(counts, ensure_ascii=False),
        )
    return Exported(path, counts["records"], counts["changes"], peer.name if peer else "")


def _copy(schema: str, rows_after: int, changes_after: int) -> dict[str, int]:
    execute = database.execute_sql
    records = 0
    for table in RECORD_TABLES:
        execute(
            f'CREATE TABLE {schema}."{table}" AS SELECT * FROM main."{table}" WHERE id IN '
            f"(SELECT record_id FROM row_log WHERE tbl = ? AND rev > ?)",
            (table, rows_after),
        )
        records += execute(f'SELECT count(*) FROM {schema}."{table}"').fetchone()[0]
    for link in ("visit_cadre", "visit_person"):
        execute(
            f"CREATE TABLE {schema}.{link} AS SELECT * FROM main.{link} "
            f"WHERE visit_id IN (SELECT id FROM {schema}.visit)"
        )
    execute(
        f"CREATE TABLE {schema}.change AS SELECT * FROM main.change WHERE rowid > ?",
        (changes_after,),
    )
    execute(
        f"CREATE TABLE {schema}.deletion_target AS SELECT * FROM main.deletion_target "
        f"WHERE deletion_id IN (SELECT id FROM {schema}.deletion)"
    )
    # The heads of the records sent: a receiver that has never seen a record takes them.
    execute(
        f"CREATE TABLE {schema}.field_head AS SELECT * FROM main.field_head WHERE record_id IN "
        f"(SELECT record_id FROM row_log WHERE rev > ?)",
        (rows_after,),
    )
    changes = execute(f"SELECT count(*) FROM {schema}.change").fetchone()[0]
    return {"records": records, "changes": changes}


def _write_meta(schema: str, me: str, peer: Peer | None) -> None:
    execute = database.execute_sql
    rows_through = execute("SELECT coalesce(max(rev), 0) FROM row_log").fetchone()[0]
    changes_through = execute("SELECT coalesce(max(rowid), 0) FROM change").fetchone()[0]
    own_seq = Change.select(Change.seq).where(Change.replica == me).order_by(Change.seq.desc())
    meta = {
        "format": FORMAT,
        "version": str(FORMAT_VERSION),
        "schema": str(LATEST),
        "sender": me,
        "sender_name": identity.laptop_name(),
        "is_office": "1" if setting("is_office") else "0",
        "rows_through": str(rows_through),
        "changes_through": str(changes_through),
        "made_at": clock.now().isoformat(timespec="seconds"),
        "receiver": peer.id if peer else "",
    }
    execute(f"CREATE TABLE {schema}.meta (key TEXT, value TEXT)")
    execute(
        f"INSERT INTO {schema}.meta VALUES " + ", ".join(["(?, ?)"] * len(meta)),
        [item for pair in meta.items() for item in pair],
    )
    execute(
        f"CREATE TABLE {schema}.peer_state (id TEXT, name TEXT, is_office INTEGER, "
        "known_seq INTEGER, received_rows INTEGER, received_changes INTEGER)"
    )
    for known in Peer.select():
        seq = (own_seq.scalar() or 0) if known.id == me else known.known_seq
        name = identity.laptop_name() if known.id == me else known.name
        execute(
            f"INSERT INTO {schema}.peer_state VALUES (?, ?, ?, ?, ?, ?)",
            (
                known.id,
                name[:60],
                int(known.is_office),
                seq,
                known.received_rows,
                known.received_changes,
            ),
        )
