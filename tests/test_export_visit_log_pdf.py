"""The visit log as LibreOffice prints it: the GB/T 9704 grid, page numbers, whole codes.

One soffice run converts one long log; the positions come from pdftotext's bounding
boxes (in points, from the page's top left corner).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from casework.exports import visit_log
from casework.services.register import visits
from tests.factories import make_cadre, make_household, make_village
from tests.test_export_pdf import pages, text_of, to_pdf, tool

MM = 72 / 25.4  # points in a millimetre
TEXT_BOTTOM = (297 - 35) * MM  # the type area's lower edge
LEFT_EDGE, RIGHT_EDGE = 28 * MM, (210 - 26) * MM
CODE = "150521000303"
# A long name puts the household code across the end of its heading line (28 characters).
HEAD = "孟和巴雅尔其其格"
TENS = "一二三四五六七八九十"
SITUATION = "家中共4口人，户主患有慢性病，儿子有意愿赴京务工。"
BOX = ("xMin", "yMin", "xMax", "yMax")
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def words(pdf) -> list[list[dict]]:
    """Each page's words with their boxes."""
    out = subprocess.run(
        [tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        [
            {"text": text, **{key: float(value) for key, value in zip(BOX, box, strict=True)}}
            for *box, text in WORD.findall(page)
        ]
        for page in out.split("<page ")[1:]
    ]


def lines_of(page_words: list[dict]) -> list[float]:
    """The bottom of each line (words of one line differ by their fonts' descents)."""
    bottoms: list[float] = []
    for bottom in sorted(w["yMax"] for w in page_words):
        if not bottoms or bottom - bottoms[-1] > 10:
            bottoms.append(bottom)
    return bottoms


@pytest.fixture
def log_pdf(db, today, tmp_path):
    cadre = make_cadre()
    household = make_household(make_village(), code=CODE, head=HEAD)
    for day in range(1, 13):
        visits.record_visit(
            household["id"],
            {
                "visit_date": dt.date(2026, 10, day),
                "cadre_ids": [cadre["id"]],
                "situation": TENS * 6 if day == 1 else SITUATION,
                "requests": "希望帮助联系北京的保安岗位。",
                "actions": "已推荐至顺义区某物业公司。",
            },
        )
    log = visit_log.export_visit_log(visit_log.Scope(), tmp_path / "log.docx")
    (pdf,) = to_pdf([log], tmp_path)
    return pdf


def test_the_printed_log(log_pdf):
    count = pages(log_pdf)
    assert count >= 3
    text = text_of(log_pdf)
    # Every heading keeps its code whole, on one line.
    assert text.count(CODE) == 12
    assert "2026年10月1日至2026年10月12日" in text.replace(" ", "")
    # 28 characters of 三号 a line: the long situation's second line is a full one.
    lines = [line.strip() for line in text.splitlines()]
    first = next(i for i, line in enumerate(lines) if line.startswith("了解情况：一二"))
    on_first = len(lines[first]) - len("了解情况：")
    assert lines[first + 1] == (TENS * 6)[on_first : on_first + 28]
    for number, page in enumerate(words(log_pdf), 1):
        footer = [w for w in page if w["yMin"] > TEXT_BOTTOM]
        assert [w["text"] for w in footer if w["text"] not in ("—", "–")] == [str(number)]
        # The number's line starts 7 mm below the type area (its em box; pdftotext's box
        # also holds the font's ascent, so the box top is a little higher).
        assert 5 * MM < min(w["yMin"] for w in footer) - TEXT_BOTTOM < 8.5 * MM
        if number % 2:  # odd pages: right, one character in from the edge of the type area
            assert abs(RIGHT_EDGE - max(w["xMax"] for w in footer) - 14) < 3
        else:
            assert abs(min(w["xMin"] for w in footer) - LEFT_EDGE - 14) < 3
        # Body lines sit on the grid: 22 lines of 28.95 pt fill the type area.
        body = lines_of([w for w in page if w["yMax"] < TEXT_BOTTOM])
        assert len(body) <= 22
        if number == 2:  # a full page of visits
            assert len(body) == 22
            assert all(abs(b - a - 28.95) < 1 for a, b in zip(body, body[1:], strict=False))
