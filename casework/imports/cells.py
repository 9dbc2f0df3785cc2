"""Reading one spreadsheet cell as text, the same way for every import.

Each function takes what openpyxl read (str, int, float, datetime or None). Text is
half-width (NFKC), its spaces of every kind (the ideographic space, no-break and
zero-width spaces, line breaks inside a cell) squeezed, and Excel's "store as text"
apostrophe taken off; a number typed into a text column loses the ".0" Excel gave it.
"""

from __future__ import annotations

import re
import unicodedata

from casework.validation import halfwidth


class CellError(ValueError):
    """A cell that cannot be imported as it is; the message is for the cadre."""


_SPACES = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")  # \s has the ideographic space


def text(value: object) -> str:
    """Text as a cadre reads it: half-width, no leading apostrophe, spaces squeezed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    result = unicodedata.normalize("NFKC", str(value))
    result = _SPACES.sub(" ", result).strip()
    # Excel's "store as text" prefix, sometimes typed by hand, sometimes doubled.
    return result.lstrip("'‘’`").strip()


def compact(value: object) -> str:
    """Text with no spaces at all (codes)."""
    return _SPACES.sub("", text(value))


def number_text(value: object) -> str:
    """An ID number or phone cell as text with no spaces, full-width digits made 0-9.

    Not NFKC, unlike `text`: that would turn a superscript ³ or a circled ③ into 3, and
    the validators are to see (and refuse) whatever is not a plain digit.
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACES.sub("", halfwidth(str(value))).lstrip("'‘’`")
