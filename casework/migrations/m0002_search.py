"""Step 2: the search index (FTS5 trigram for 3+ characters, n-gram tokens for 1-2).

SQLite 3.40's trigram tokenizer silently finds nothing for patterns under three
characters, so short queries go to a second FTS5 table of 1- and 2-character tokens
that the application computes when a person is saved (column person.search_grams).
FTS rowids come from `search_key`, an INTEGER PRIMARY KEY table, because a VACUUM may
renumber the implicit rowids of `person`.
"""

from __future__ import annotations

import re
import unicodedata

from peewee import SqliteDatabase

TERMS = (
    "lower(new.name || '|' || new.name_pinyin || '|' || new.name_initials || '|' || "
    "coalesce(new.id_number, '') || '|' || new.phone || '|' || "
    "coalesce((SELECT code FROM household WHERE id = new.household_id), ''))"
)
KEY = "(SELECT rowid FROM search_key WHERE person_id = new.id)"
OLD_KEY = "(SELECT rowid FROM search_key WHERE person_id = old.id)"
# Only live people are in the FTS tables, so a search needs no join to person to drop the
# deleted, and search_key carries the household id for the same reason.
INDEX_LIVE = f"""
        INSERT INTO person_fts (rowid, terms) SELECT {KEY}, {TERMS} WHERE new.deleted_at IS NULL;
        INSERT INTO person_short (rowid, grams)
            SELECT {KEY}, new.search_grams WHERE new.deleted_at IS NULL;"""

STATEMENTS = [
    'ALTER TABLE "person" ADD COLUMN "search_grams" TEXT NOT NULL DEFAULT \'\'',
    "CREATE TABLE search_key (rowid INTEGER PRIMARY KEY, person_id VARCHAR(32) NOT NULL UNIQUE, "
    "household_id VARCHAR(32) NOT NULL)",
    "CREATE VIRTUAL TABLE person_fts USING fts5(terms, tokenize='trigram')",
    "CREATE VIRTUAL TABLE person_short USING fts5(grams, tokenize='unicode61', detail='none')",
    f"""CREATE TRIGGER person_search_insert AFTER INSERT ON person BEGIN
        INSERT INTO search_key (person_id, household_id) VALUES (new.id, new.household_id);
        {INDEX_LIVE}
    END""",
    f"""CREATE TRIGGER person_search_update AFTER UPDATE OF
        name, name_pinyin, name_initials, id_number, phone, search_grams, household_id, deleted_at
        ON person BEGIN
        UPDATE search_key SET household_id = new.household_id WHERE person_id = new.id;
        DELETE FROM person_fts WHERE rowid = {KEY};
        DELETE FROM person_short WHERE rowid = {KEY};
        {INDEX_LIVE}
    END""",
    f"""CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN
        DELETE FROM person_fts WHERE rowid = {OLD_KEY};
        DELETE FROM person_short WHERE rowid = {OLD_KEY};
        DELETE FROM search_key WHERE person_id = old.id;
    END""",
    # A household's code is part of its members' search terms.
    """CREATE TRIGGER household_code_search AFTER UPDATE OF code ON household BEGIN
        UPDATE person SET search_grams = search_grams WHERE household_id = new.id;
    END""",
]


# The search keys as casework.search_keys computed them when this step was released
# (unchanged since 61b335d), copied here so that a later change to how the application
# computes keys cannot change what this step writes into an old file. Only pypinyin's own
# readings remain outside the step.
_NON_KEY = re.compile(r"[^0-9a-z\u3400-\u9fff]")


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return _NON_KEY.sub("", text)


def _grams(text: str, sizes: tuple[int, ...]) -> list[str]:
    return [text[i : i + n] for n in sizes for i in range(len(text) - n + 1)]


def person_keys(name: str) -> dict[str, str]:
    """name_pinyin, name_initials and search_grams for a person named `name`."""
    from pypinyin import Style, lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(name.strip(), style=Style.NORMAL, errors="ignore")]
    syllables = [_normalize(s) for s in syllables if _normalize(s)]
    pinyin, initials = "".join(syllables), "".join(s[0] for s in syllables)
    tokens = _grams(_normalize(name), (1, 2)) + _grams(pinyin, (2,)) + _grams(initials, (2,))
    return {
        "name_pinyin": pinyin,
        "name_initials": initials,
        "search_grams": " ".join(dict.fromkeys(tokens)),
    }


def apply(db: SqliteDatabase) -> None:
    for statement in STATEMENTS[:4]:
        db.execute_sql(statement)
    rows = db.execute_sql("SELECT id, name FROM person").fetchall()
    for person_id, name in rows:
        keys = person_keys(name)
        db.execute_sql(
            "UPDATE person SET name_pinyin = ?, name_initials = ?, search_grams = ? WHERE id = ?",
            (keys["name_pinyin"], keys["name_initials"], keys["search_grams"], person_id),
        )
    for statement in STATEMENTS[4:]:
        db.execute_sql(statement)
    db.execute_sql(
        "INSERT INTO search_key (person_id, household_id) SELECT id, household_id FROM person"
    )
    live = " FROM person p JOIN search_key k ON k.person_id = p.id WHERE p.deleted_at IS NULL"
    db.execute_sql(
        "INSERT INTO person_fts (rowid, terms) SELECT k.rowid, "
        + TERMS.replace("new.", "p.")
        + live
    )
    db.execute_sql("INSERT INTO person_short (rowid, grams) SELECT k.rowid, p.search_grams" + live)
