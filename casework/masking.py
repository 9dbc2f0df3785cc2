"""ID numbers and phone numbers as lists and exports show them by default: partly hidden.

ID numbers are sensitive personal information under the PIPL, so a list on screen or
a spreadsheet sent to the county shows the minimum that lets a cadre tell two people
apart: the area code and the last four (150521********123X), a mobile's first three
and last four (138****1234), a landline's area code and last three (0475-****567).
The full number stays in the database, in the person's own form and in the documents
made for that person; search matches the full number, since masking is display only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

STAR = "*"

_LANDLINE = re.compile(r"(0\d{2,3})-(\d{5,8})")
_LANDLINE_BARE = re.compile(r"0\d{9,11}")
_MOBILE = re.compile(r"(?:\+?86)?(1\d{10})")


def _hide_middle(text: str, head: int, tail: int) -> str:
    """`text` with all but its first `head` and last `tail` characters starred."""
    hidden = len(text) - head - tail
    if hidden <= 0:
        return text
    return text[:head] + STAR * hidden + (text[len(text) - tail :] if tail else "")


def _hide_most(text: str) -> str:
    """A value of no known shape: at most a quarter shown at each end."""
    keep = len(text) // 4
    return _hide_middle(text, keep, keep) if keep else STAR * len(text)


def mask_id_number(value: str | None) -> str:
    """ "150521199001011234" -> "150521********1234"; "" for no number."""
    text = re.sub(r"\s", "", value or "")
    if not text:
        return ""
    if len(text) >= 14:  # 18 digits, or the old 15
        return _hide_middle(text, 6, 4)
    return _hide_most(text)


def mask_phone(value: str | None) -> str:
    """ "13812341234" -> "138****1234"; "0475-1234567" -> "0475-****567"; "" for none."""
    text = re.sub(r"[\s()（）]", "", value or "")
    if not text:
        return ""
    mobile = _MOBILE.fullmatch(text.replace("-", ""))
    if mobile:
        return _hide_middle(mobile.group(1), 3, 4)
    landline = _LANDLINE.fullmatch(text)
    if landline:
        area, local = landline.groups()
        return f"{area}-{_hide_local(local)}"
    if _LANDLINE_BARE.fullmatch(text):  # written without its dash: 010 and 02x are short
        cut = 3 if text[1] in "12" else 4
        return f"{text[:cut]}-{_hide_local(text[cut:])}"
    return _hide_most(text)


def _hide_local(local: str) -> str:
    # The last 3 digits of a 7- or 8-digit local number; a short (often mistyped) one
    # keeps fewer, so that at least 4 digits are always hidden.
    return _hide_middle(local, 0, min(3, max(0, len(local) - 4)))


#: The row keys that hold an ID number or a phone, in every row the services return,
#: and how each is masked.
MASKS: dict[str, Callable[[str | None], str]] = {"id_number": mask_id_number, "phone": mask_phone}


def masked_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a service row with its ID and phone numbers masked, for a list on screen."""
    shown = dict(row)
    for key in MASKS.keys() & shown.keys():
        shown[key] = MASKS[key](shown[key])
    return shown


def masked_rows(rows: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """`masked_row` for each row of a page."""
    return [masked_row(row) for row in rows]
