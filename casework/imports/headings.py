"""Recognising column headings however an office typed them: one rule for every kind of sheet.

The same column arrives headed many ways: 证件号码 / 身份证号, 乡(镇) / 乡（镇）, with spaces,
a line break inside the cell, full-width letters, a required-field star or a remark in
brackets (姓名（必填）). A heading is normalised (half-width, no spaces of any kind, no
brackets or punctuation) and looked up in the synonym table of its kind of sheet; failing
that, the heading without its bracketed remark is looked up. A heading that merely
contains a known name is not taken for it: in a roster, 帮扶责任人联系电话 is the cadre's
phone, not the person's, so each table lists the long forms it accepts instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

# After NFKC, so full-width ＊：（） and the ideographic space are already half-width here.
_DROP = re.compile(
    r"[\s\u200b-\u200d\u2060\ufeff"  # spaces, line breaks, zero-width spaces
    r"*:;,.!?#_/\\|'\"`~()\[\]{}<>【】〔〕《》、。“”‘’\-—–·•…]"
)
_REMARK = re.compile(r"[(\[【〔][^)\]】〕]*[)\]】〕]")


def normalise(text: object) -> str:
    """A heading reduced to what matters: half-width, no spaces, brackets or punctuation."""
    if text is None:
        return ""
    return _DROP.sub("", unicodedata.normalize("NFKC", str(text)))


def without_remark(text: object) -> str:
    """The heading with any bracketed remark taken out (姓名（必填） → 姓名), normalised."""
    if text is None:
        return ""
    return normalise(_REMARK.sub("", unicodedata.normalize("NFKC", str(text))))


class Headings:
    """One kind of sheet's columns: field -> the headings that name it.

    The first heading of a field is how messages name the column. Two fields may not
    share a heading once normalised; that would be a mistake in the table, caught here.
    """

    def __init__(self, synonyms: dict[str, tuple[str, ...]]) -> None:
        self.labels = {name: names[0] for name, names in synonyms.items()}
        self._lookup: dict[str, str] = {}
        for name, names in synonyms.items():
            for heading in names:
                owner = self._lookup.setdefault(normalise(heading), name)
                if owner != name:
                    raise ValueError(f"heading {heading!r} names both {owner} and {name}")

    def field_for(self, heading: object) -> str | None:
        """The field a heading names, or None (a number or a blank is no heading)."""
        if not isinstance(heading, str):
            return None
        key = normalise(heading)
        if not key:
            return None
        if key in self._lookup:
            return self._lookup[key]
        bare = without_remark(heading)
        return self._lookup.get(bare) if bare else None

    def match(self, cells: Sequence[object]) -> dict[str, int]:
        """{field: column index} of the headings among `cells`; a field named twice keeps
        its first column."""
        found: dict[str, int] = {}
        for index, cell in enumerate(cells):
            name = self.field_for(cell)
            if name and name not in found:
                found[name] = index
        return found


@dataclass(frozen=True)
class SheetKind:
    """What a kind of sheet (a roster, a labour-demand sheet) looks like to the reader.

    A row is its header when it names at least `min_fields` known columns, one of them
    among `identifying`; a sheet whose header lacks a `required` column is not imported.
    """

    headings: Headings
    identifying: tuple[str, ...]
    required: tuple[str, ...]
    noun: str  # what a row holds, for messages: 人员, 岗位
    min_fields: int = 3
    labels: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", self.headings.labels)

    def header(self, cells: Sequence[object]) -> dict[str, int] | None:
        """{field: column index} when `cells` are this kind's header row, else None."""
        found = self.headings.match(cells)
        if len(found) >= self.min_fields and any(f in found for f in self.identifying):
            return found
        return None

    def missing(self, columns: dict[str, int]) -> list[str]:
        """The Chinese names of required columns this header lacks."""
        return [self.labels[f] for f in self.required if f not in columns]

    def is_heading(self, cell: object) -> bool:
        """Whether a cell under an identifying column is that column's heading again."""
        return self.headings.field_for(cell) in self.identifying
