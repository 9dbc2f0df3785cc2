"""Search keys computed when a person is saved: pinyin, initials and short n-grams; and the
stored forms a typed query may stand for (query_forms).

Kept pure (no database) so the people service, the demo generator and migrations
compute exactly the same keys. pypinyin is imported on first use: it costs about a
tenth of a second that start-up should not pay.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

_NON_KEY = re.compile(r"[^0-9a-z\u3400-\u9fff]")


def normalize_query(text: str) -> str:
    """Lower-case, full-width to half-width, and keep only letters, digits and hanzi."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return _NON_KEY.sub("", text)


# Initials are stored one letter a syllable (张树林 -> "zsl"), but cadres often type the
# two-letter initials zh, ch and sh in full ("zhsl"). A query of consonants only is all but
# never a stretch of full pinyin, so it is also read as initials; each zh/ch/sh in it may
# be one initial (stored as its first letter) or two (张慧 -> "zh"), so both forms count.
# The stored keys stay as they are: the query is widened, not the index.
_DIGRAPH = re.compile(r"[zcs]h")
_CONSONANTS_ONLY = re.compile(r"[b-df-hj-np-tw-z]+")
_MAX_DIGRAPHS = 4  # a name has at most four syllables worth typing


def query_forms(query: str) -> list[str]:
    """The stored forms a normalized query may stand for, the query itself first.

    "zhsl" -> ["zhsl", "zsl"]; "chl" -> ["chl", "cl"]; any other query -> [query].
    """
    if not _CONSONANTS_ONLY.fullmatch(query):
        return [query]
    pieces = _DIGRAPH.split(query)
    digraphs = _DIGRAPH.findall(query)
    if not digraphs or len(digraphs) > _MAX_DIGRAPHS:
        return [query]
    forms = []
    for choice in itertools.product((False, True), repeat=len(digraphs)):
        form = pieces[0]
        for digraph, short, piece in zip(digraphs, choice, pieces[1:], strict=True):
            form += (digraph[0] if short else digraph) + piece
        forms.append(form)
    return forms


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
