"""Search by name, pinyin, initials, ID number, phone or household code, through FTS5 indexes.

Queries of 3+ characters use the trigram index (substring match on every key); 1-2
character queries use the n-gram token table, because SQLite 3.40's trigram tokenizer
silently returns nothing for them. One Latin letter or digit alone is too broad to
mean anything and is ignored.
"""

from __future__ import annotations

from peewee import SQL

from casework.db import database
from casework.search_keys import normalize_query


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def person_match_sql(text: str) -> tuple[str, list] | None:
    """SQL selecting (person id, household id) of live people matching `text`, or None."""
    query = normalize_query(text)
    if not query or (len(query) == 1 and query.isascii()):
        return None
    table, column = ("person_fts", "terms") if len(query) >= 3 else ("person_short", "grams")
    sql = (f"SELECT p.id, p.household_id FROM {table} f "
           "JOIN search_key k ON k.rowid = f.rowid JOIN person p ON p.id = k.person_id "
           f"WHERE f.{column} MATCH ? AND p.deleted_at IS NULL")
    return sql, [_fts_phrase(query)]


def household_condition(text: str):
    """A peewee condition on Household for the search box, or None when there is no query."""
    from casework.models import Household

    match = person_match_sql(text)
    if match is None:
        return None
    sql, params = match
    members = SQL(f"(SELECT household_id FROM ({sql}))", params)
    return Household.id.in_(members) | Household.code.startswith(normalize_query(text).upper())


def search_people(text: str, limit: int = 50) -> list[dict]:
    """Live people matching `text`, with their household's code and head, by name."""
    match = person_match_sql(text)
    if match is None:
        return []
    sql, params = match
    rows = database.execute_sql(
        "SELECT p.id, p.name, p.id_number, p.phone, h.id, h.code, h.head_name "
        f"FROM ({sql}) m JOIN person p ON p.id = m.id JOIN household h ON h.id = p.household_id "
        "WHERE h.deleted_at IS NULL ORDER BY p.name_pinyin, p.name LIMIT ?",
        [*params, limit]).fetchall()
    keys = ["id", "name", "id_number", "phone", "household_id", "household_code", "head_name"]
    return [dict(zip(keys, row)) for row in rows]
