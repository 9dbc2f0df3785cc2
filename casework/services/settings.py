"""Per-laptop settings, each declared once with its type and default, read and written typed.

The setting table holds text. `setting(name)` turns it back into the declared type;
text that does not convert, or gives a value no caller could use (edited by hand,
written by a broken copy), yields the default and a logged warning, so one bad row
cannot stop the window from opening. The services check what a cadre types, with
their Chinese messages, before they call `save_setting`; the check declared here only
decides whether a stored value is usable at all.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from casework.db import database
from casework.models import Setting
from casework.vocab import DESTINATION

log = logging.getLogger(__name__)

Value = int | bool | str | None
_WHOLE = r"-?[0-9]+"  # compiled when first used, not by every start


def _anything(_value) -> bool:
    return True


@dataclass(frozen=True)
class Declared:
    """A setting's kind, its value until one is saved, and what a saved value must pass."""

    kind: type  # int, bool or str
    default: Value
    usable: Callable[[Value], bool] = _anything


SETTINGS: dict[str, Declared] = {
    # The cadre using this laptop; None on first run.
    "current_cadre_id": Declared(str, None, bool),
    # Days without a visit after which a household is due for one.
    "follow_up_days": Declared(int, 90, lambda days: days >= 1),
    # The stable-employment subsidy rules (services/jobs/subsidy.py).
    "subsidy_amount": Declared(int, 2000, lambda amount: amount >= 0),
    "subsidy_months": Declared(int, 3, lambda months: months >= 1),
    "subsidy_region": Declared(str, "beijing", lambda region: region in DESTINATION),
    "subsidy_sum_periods": Declared(bool, False),
    # The folder of the last Excel list exported; None until the first export.
    "export_folder": Declared(str, None, bool),
    # Merging (services/sync): how colleagues see this laptop, and whether it is the
    # county office's, which collects everyone's packages and sends back the county's.
    "laptop_name": Declared(str, None, lambda name: bool(name) and len(name) <= 60),
    "is_office": Declared(bool, False),
}


def _declared(name: str) -> Declared:
    try:
        return SETTINGS[name]
    except KeyError:
        raise KeyError(f"no setting is declared as {name!r}") from None


def _parse(kind: type, text: str) -> Value:
    """The stored text as `kind`; ValueError when it is not a value of that kind."""
    if kind is bool:
        if text not in ("0", "1"):
            raise ValueError(text)
        return text == "1"
    if kind is int:
        if not re.fullmatch(_WHOLE, text):
            raise ValueError(text)
        return int(text)
    return text


def _is_kind(kind: type, value: Value) -> bool:
    # bool is a subclass of int: True is not a number of days.
    return isinstance(value, kind) and (kind is bool or not isinstance(value, bool))


def setting(name: str) -> Value:
    """The value of the setting `name` on this laptop: stored, else its default."""
    declared = _declared(name)
    # Plain SQL: a save reads the current cadre, and peewee's building of this one-row
    # query costs ten times the query.
    row = database.execute_sql("SELECT value FROM setting WHERE key = ?", (name,)).fetchone()
    if row is None:
        return declared.default
    stored = row[0]
    try:
        value = _parse(declared.kind, stored)
        if declared.usable(value):
            return value
    except ValueError:
        pass  # not a value of its kind at all: as unusable as one out of bounds
    log.warning(
        "setting %s: stored %r is not a usable %s, using the default %r",
        name,
        stored,
        declared.kind.__name__,
        declared.default,
    )
    return declared.default


def save_setting(name: str, value: Value) -> None:
    """Store `value` for the setting `name`; a value of the wrong type or unusable is a bug."""
    declared = _declared(name)
    if not _is_kind(declared.kind, value):
        raise TypeError(f"setting {name} takes a {declared.kind.__name__}, not {value!r}")
    if not declared.usable(value):
        raise ValueError(f"setting {name} cannot be {value!r}")
    text = ("1" if value else "0") if declared.kind is bool else str(value)
    Setting.insert(key=name, value=text).on_conflict_replace().execute()
