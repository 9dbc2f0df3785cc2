"""Which laptop (replica) this database is, and the numbers its changes carry.

A database knows its replica id and where it was first used (this machine and this
path). A file copied to another laptop, or to another place on this one (how an office
hands out the county roster, or a restored backup), finds itself somewhere new on first
use and becomes a laptop of its own: the changes it already holds keep their old
identity, new ones get the new id, and the copy and the original then merge like any
two laptops. Numbers come from the database, inside the caller's write transaction, so
two programs writing one file never hand out the same one.
"""

from __future__ import annotations

import os
import platform
import sys
import uuid
from pathlib import Path

from casework.db import database
from casework.models import Change, Peer, Setting

MACHINE_ENV = "CASEWORK_MACHINE_ID"


def machine_id() -> str:
    """A stable id of this computer (tests and odd machines may set CASEWORK_MACHINE_ID)."""
    if os.environ.get(MACHINE_ENV):
        return os.environ[MACHINE_ENV]
    if sys.platform == "win32":
        try:
            import winreg

            with winreg.OpenKey(
                winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Cryptography"
            ) as key:
                return str(winreg.QueryValueEx(key, "MachineGuid")[0])
        except OSError:
            pass
    for candidate in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            text = Path(candidate).read_text(encoding="ascii").strip()
        except OSError:
            continue
        if text:
            return text
    return f"{platform.node()}-{uuid.getnode():x}"


def _binding() -> str:
    path = database.database or ""
    if path and path != ":memory:":
        path = str(Path(path).resolve())
    return f"{machine_id()}|{path}"


def _setting(key: str) -> str | None:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row else None


def _put(key: str, value: str) -> None:
    Setting.insert(key=key, value=value).on_conflict_replace().execute()


# Where the file is used, as worked out for a connection: every change made asks for
# the replica id, and the machine id (a file read) and the resolved path cost more than
# the settings read. Neither changes while a connection is open, except the variable
# that stands for the machine id (a test moving the file to another "machine"). The
# connection itself is kept (sqlite3's cannot be weakly referenced), so that a new one at
# the same address is never taken for it; one tuple, replaced whole, so that a thread with
# a connection of its own never reads half of another's. The id itself is read every
# time: a transaction that made a new one may yet be undone.
_bound: tuple = (None, None, None)  # connection, CASEWORK_MACHINE_ID then, binding


def _current_binding() -> str:
    global _bound
    connection, machine = database.connection(), os.environ.get(MACHINE_ENV)
    known_connection, known_machine, binding = _bound
    if known_connection is not connection or known_machine != machine:
        binding = _binding()
        _bound = (connection, machine, binding)
    return binding


def replica_id() -> str:
    """This laptop's id; a file used somewhere new first takes a new one."""
    binding = _current_binding()
    # Plain SQL: a save asks, and peewee's building of the query costs ten times it.
    stored = dict(
        database.execute_sql(
            "SELECT key, value FROM setting WHERE key IN ('replica_id', 'replica_binding')"
        ).fetchall()
    )
    current = stored.get("replica_id")
    if current and stored.get("replica_binding") == binding:
        return current
    return _new_replica(current, stored.get("replica_binding"), binding)


def _new_replica(current: str | None, old_binding: str | None, binding: str) -> str:
    with database.atomic():
        if current and old_binding:
            # A copy: the old identity stays a laptop this one has heard of.
            _remember(current, own=False)
            current = None
        if not current:
            current = uuid.uuid4().hex
            _put("replica_id", current)
        _put("replica_binding", binding)
        _remember(current, own=True)
    return current


def _remember(replica: str, own: bool) -> None:
    seq = Change.select(Change.seq).where(Change.replica == replica).order_by(Change.seq.desc())
    highest = seq.scalar() or 0
    name = laptop_name() if own else ""
    Peer.insert(id=replica, name=name, known_seq=highest).on_conflict(
        conflict_target=[Peer.id], update={Peer.known_seq: highest}
    ).execute()


def laptop_name() -> str:
    """How other laptops see this one: its cadre, or the computer's name."""
    from casework.services.settings import setting

    name = setting("laptop_name")
    if name:
        return name
    cadre_id = setting("current_cadre_id")
    if cadre_id:
        from casework.models import Cadre

        cadre = Cadre.get_or_none(Cadre.id == cadre_id)
        if cadre:
            return cadre.name
    return platform.node()[:60] or "本机"


# The numbers of the next change as SQL, the replica its one parameter: an INSERT can
# take them as it writes instead of asking for them first.
NEXT_SEQ = 'coalesce((SELECT max(seq) FROM "change" WHERE replica = ?), 0) + 1'
NEXT_LAMPORT = 'coalesce((SELECT max(lamport) FROM "change"), 0) + 1'


def next_numbers(count: int) -> tuple[str, int, int]:
    """(replica, first seq, first Lamport time) for `count` new changes, made now."""
    replica = replica_id()
    sql = f"SELECT {NEXT_SEQ}, {NEXT_LAMPORT}"
    seq, lamport = database.execute_sql(sql, (replica,)).fetchone()
    return replica, seq, lamport


def stamped_events(rows: list[dict]) -> list[dict]:
    """Give history rows made in bulk (an import) this laptop's numbers, in order."""
    if not rows:
        return rows
    replica, seq, lamport = next_numbers(len(rows))
    for offset, row in enumerate(rows):
        row.update(replica=replica, seq=seq + offset, lamport=lamport + offset)
    return rows


def known_changes() -> dict[str, int]:
    """{laptop: its highest change held here}: what this laptop knows, right now."""
    me = replica_id()
    known = {peer.id: peer.known_seq for peer in Peer.select() if peer.known_seq}
    own = Change.select(Change.seq).where(Change.replica == me).order_by(Change.seq.desc())
    known[me] = own.scalar() or 0
    return known


def edited_elsewhere(deletion_ids: list[str]) -> set[str]:
    """The deletions whose records were edited on another laptop that did not know of the
    delete (the recycle bin says 在另一台电脑上被修改过)."""
    import json

    from casework.models import Deletion, DeletionTarget

    found = set()
    for deletion in Deletion.select().where(Deletion.id.in_(deletion_ids)):
        try:
            known = json.loads(deletion.known or "{}")
        except ValueError:
            known = {}
        targets = DeletionTarget.select(DeletionTarget.record_id).where(
            DeletionTarget.deletion_id == deletion.id
        )
        edits = (
            Change.select(Change.replica, Change.seq)
            .where(
                Change.record_id.in_(targets),
                Change.replica != deletion.replica,
                Change.field.not_in(["created", "deleted", "restored"]),
            )
            .tuples()
        )
        if any(seq > known.get(replica, 0) for replica, seq in edits):
            found.add(deletion.id)
    return found
