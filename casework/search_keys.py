"""Search keys computed when a person is saved: pinyin, initials and short n-grams.

Kept pure (no database) so the people service, the demo generator and migrations
compute exactly the same keys. pypinyin is imported on first use: it costs about a
tenth of a second that start-up should not pay.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_NON_KEY = re.compile(r"[^0-9a-z\u3400-\u9fff]")


def normalize_query(text: str) -> str:
    """Lower-case, full-width to half-width, and keep only letters, digits and hanzi."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return _NON_KEY.sub("", text)


@functools.lru_cache(maxsize=50_000)
def name_pinyin(name: str) -> tuple[str, str]:
    """Full pinyin and initials of a name: 韩令春 -> ("hanlingchun", "hlc")."""
    from pypinyin import Style, lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(name, style=Style.NORMAL, errors="ignore")]
    syllables = [normalize_query(s) for s in syllables if normalize_query(s)]
    return "".join(syllables), "".join(s[0] for s in syllables)


def _grams(text: str, sizes: tuple[int, ...]) -> list[str]:
    return [text[i : i + n] for n in sizes for i in range(len(text) - n + 1)]


def short_grams(name: str, pinyin: str, initials: str) -> str:
    """Space-separated 1- and 2-character tokens, for queries too short for a trigram index.

    Single hanzi are kept (a surname alone is a common search); single Latin letters are
    not, since one letter would match a fifth of a county.
    """
    name = normalize_query(name)
    tokens = _grams(name, (1, 2)) + _grams(pinyin, (2,)) + _grams(initials, (2,))
    return " ".join(dict.fromkeys(tokens))


def person_keys(name: str) -> dict[str, str]:
    """The stored search columns for a person named `name`."""
    pinyin, initials = name_pinyin(name.strip())
    return {
        "name_pinyin": pinyin,
        "name_initials": initials,
        "search_grams": short_grams(name, pinyin, initials),
    }
