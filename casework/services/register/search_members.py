"""Who in a page of search results matched: 张树林 is how the household of 张德明 was found.

The search (casework.services.register.search) finds households through the full-text
indexes; this says, for the 50 households of one page, which of their members matched.
Asking the indexes again, restricted to those households, costs as much as the search
(40-50 ms for a broad query on a county), so the members' stored keys are read (one
indexed query, a few hundred rows, about 1 ms; the households' codes only for a form
long enough to be in one) and compared here exactly as the
indexes compare them: a form of 3+ characters is a substring of the person's terms
(migration 0002's TERMS: name | pinyin | initials | ID number | phone | household
code, lower case), a shorter one is one of the person's search_grams.
tests/test_search_members.py holds the two to the same answers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from casework.db import database
from casework.search_keys import normalize_query, query_forms

CODE = "户编号"  # a household found by its code, not by one member
SHOWN = 2  # names listed before "等N人"


@dataclass
class Match:
    """Why one household is in the results."""

    names: list[str] = field(default_factory=list)  # matching members, the head first
    by_code: bool = False

    def text(self, head_name: str) -> str:
        """ "匹配：张树林" for the list; "" when only the head matched (the row shows the
        head) or nothing did (a household with no members found by its code's start)."""
        if self.names and self.names != [head_name]:
            shown = "、".join(self.names[:SHOWN])
            more = f"等{len(self.names)}人" if len(self.names) > SHOWN else ""
            return f"匹配：{shown}{more}"
        return f"匹配：{CODE}" if self.by_code and not self.names else ""


def _forms(text: str) -> list[str]:
    query = normalize_query(text)
    if not query or (len(query) == 1 and query.isascii()):
        return []
    return [f for f in query_forms(query) if len(f) > 1 or not f.isascii()]


def matched_members(text: str, household_ids: list[str]) -> dict[str, Match]:
    """For each of `household_ids` the search for `text` found: which members matched."""
    forms = _forms(text)
    if not forms or not household_ids:
        return {}
    long_forms = [form for form in forms if len(form) >= 3]
    short_forms = [form for form in forms if len(form) < 3]
    # Plain SQL, as search does: peewee's building and row objects cost ten times the
    # query for a page's 200 members.
    ids = json.dumps(list(household_ids))
    rows = database.execute_sql(
        "SELECT p.household_id, p.name, p.name_pinyin, p.name_initials, p.id_number, "
        "p.phone, p.search_grams FROM person p "
        "WHERE p.household_id IN (SELECT value FROM json_each(?)) AND p.deleted_at IS NULL "
        "ORDER BY p.household_id, p.relation != 'head', p.birth_date",
        [ids],
    ).fetchall()
    found = {household_id: Match() for household_id in household_ids}
    # Only a form of 3+ characters can be in a code (the short ones look at names alone).
    by_code = set()
    if long_forms:
        codes = database.execute_sql(
            "SELECT id, code FROM household WHERE id IN (SELECT value FROM json_each(?))", [ids]
        )
        by_code = {h for h, code in codes if any(form in code.lower() for form in long_forms)}
    for household_id in by_code:
        found[household_id].by_code = True
    for household_id, name, pinyin, initials, number, phone, grams in rows:
        if household_id in by_code:
            continue  # the code is in every member's terms: it says nothing of one of them
        terms = "|".join([name, pinyin, initials, number or "", phone]).lower()
        if any(form in terms for form in long_forms) or (
            short_forms and not set(short_forms).isdisjoint(grams.split())
        ):
            found[household_id].names.append(name)
    return found
