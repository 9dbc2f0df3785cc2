"""Search by name, pinyin, initials, ID number, phone or household code, through FTS5 indexes.

Queries of 3+ characters use the trigram index (substring match on every key); 1-2
character queries use the n-gram token table, because SQLite 3.40's trigram tokenizer
silently returns nothing for them. One Latin letter or digit alone is too broad to
mean anything and is ignored. Initials typed with zh/ch/sh in full ("zhsl" for 张树林,
stored as "zsl") also look for the stored forms (casework.search_keys.query_forms).
The indexes hold live people only (triggers of migration 0002), so no search has to
look at the person table to drop the deleted. The household list reads the index once
a keystroke (find): the people found give the households, how many there are and
whether there were too many to list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casework.db import database
from casework.search_keys import normalize_query, query_forms

# A query matching more people than this (e.g. "1505", the start of every ID number in
# the banner) is too broad to list in full; the first matches are shown and the screen
# asks for more characters. It keeps every keystroke fast on a county's caseload.
MATCH_LIMIT = 10_000


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def person_match_sql(text: str, limit: int | None = None) -> tuple[str, list] | None:
    """SQL selecting (person id, household id) of up to `limit` (MATCH_LIMIT) live people
    matching `text`.

    A query standing for several stored forms (zh/ch/sh initials: query_forms) is one
    MATCH of their OR per index, so each index is read once.
    """
    query = normalize_query(text)
    if not query or (len(query) == 1 and query.isascii()):
        return None
    by_table: dict[str, list[str]] = {}
    for form in query_forms(query):
        if len(form) > 1 or not form.isascii():
            by_table.setdefault("person_fts" if len(form) >= 3 else "person_short", []).append(form)
    selects, params = [], []
    for table, forms in by_table.items():
        selects.append(
            f"SELECT k.person_id, k.household_id FROM {table} f "
            f"JOIN search_key k ON k.rowid = f.rowid WHERE {table} MATCH ?"
        )
        params.append(" OR ".join(_fts_phrase(form) for form in forms))
    return " UNION ".join(selects) + " LIMIT ?", [*params, limit or MATCH_LIMIT]


@dataclass
class Found:
    """What one search text finds, read in one pass over the full-text index."""

    # The household of each matching live person, up to MATCH_LIMIT people.
    people_households: list[str]
    # Households with no live members yet whose code starts with the text: members'
    # terms hold their household's code, so a household with members is found by them.
    empty_households: list[str] = field(default_factory=list)

    @property
    def too_broad(self) -> bool:
        """More people match than a search lists (MATCH_LIMIT): only the first are found."""
        return len(self.people_households) >= MATCH_LIMIT

    def household_ids(self) -> list[str]:
        """The households found, each once, in the order they were found."""
        return list(dict.fromkeys([*self.people_households, *self.empty_households]))


def find(text: str) -> Found | None:
    """The people and households `text` finds (None when it is too short to search by)."""
    match = person_match_sql(text)
    if match is None:
        return None
    sql, params = match
    # One string, not a row per person: a broad query finds 10,000, and as many row
    # objects would cost the window's collector a full pass over its heap.
    joined = f"SELECT group_concat(household_id, ',') FROM ({sql})"
    found = database.execute_sql(joined, params).fetchone()[0]
    query = normalize_query(text).upper()
    empty = []
    if len(query) >= 3 and query.isascii():
        # The member-count index (migration 8) holds the empty households by code.
        empty = database.execute_sql(
            "SELECT id FROM household WHERE deleted_at IS NULL AND member_count = 0 "
            "AND code >= ? AND code < ? LIMIT ?",
            (query, query + "\x7f", MATCH_LIMIT),
        )
    return Found(found.split(",") if found else [], [h for (h,) in empty])


def count_people(text: str) -> int:
    """How many live people match, up to MATCH_LIMIT."""
    match = person_match_sql(text)
    if match is None:
        return 0
    sql, params = match
    return database.execute_sql(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]


def search_people(text: str, limit: int = 50) -> list[dict]:
    """Live people matching `text`, with their household's code and head, by name."""
    match = person_match_sql(text)
    if match is None:
        return []
    sql, params = match
    rows = database.execute_sql(
        "SELECT p.id, p.name, p.id_number, p.phone, h.id, h.code, h.head_name "
        f"FROM ({sql}) m JOIN person p ON p.id = m.person_id "
        "JOIN household h ON h.id = p.household_id "
        "WHERE h.deleted_at IS NULL ORDER BY p.name_pinyin, p.name LIMIT ?",
        [*params, limit],
    ).fetchall()
    keys = ["id", "name", "id_number", "phone", "household_id", "household_code", "head_name"]
    return [dict(zip(keys, row, strict=True)) for row in rows]
