"""A cadre's households: those the cadre has been on a (live) visit to.

The one rule behind "只看这位干部的农户" in the household list, the 走访提醒 lists and the
dashboard's figures (casework.services.figures.scope). Finding them means reading the
cadre's visits, tens of thousands on a county (about half a second), so the list keeps
them in a temporary table of its own connection and builds it again only when the
database has changed since (this connection's writes, or another's: PRAGMA
data_version), not at every keystroke or page.
"""

from __future__ import annotations

from casework.db import database

# The households of the cadre given as the one parameter.
VISITED_BY_SQL = (
    "SELECT DISTINCT v.household_id FROM visit_cadre vc JOIN visit v ON v.id = vc.visit_id "
    "WHERE vc.cadre_id = ? AND v.deleted_at IS NULL"
)
TABLE = "temp.cadre_households"

# The connection the table was last built on, and (cadre id, data_version,
# total_changes) then. The connection itself is kept (sqlite3's cannot be weakly
# referenced), so that a new one at the same address is never taken for it.
_built: list = [None, None]


def table(cadre_id: str) -> str:
    """The name of a temporary table holding `cadre_id`'s household ids (column
    household_id), up to date with the database."""
    connection = database.connection()
    version = database.execute_sql("PRAGMA data_version").fetchone()[0]
    state = (cadre_id, version, connection.total_changes)
    if _built[0] is not connection or _built[1] != state:
        database.execute_sql(
            "CREATE TEMP TABLE IF NOT EXISTS cadre_households "
            "(household_id TEXT PRIMARY KEY) WITHOUT ROWID"
        )
        database.execute_sql(f"DELETE FROM {TABLE}")
        database.execute_sql(f"INSERT INTO {TABLE} {VISITED_BY_SQL} ORDER BY 1", (cadre_id,))
        # Counted after its own writes, which are this connection's changes too.
        _built[:] = [connection, (cadre_id, version, connection.total_changes)]
    return TABLE
