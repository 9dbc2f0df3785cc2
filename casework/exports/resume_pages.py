"""How many pages a resume will print on, estimated from its content, so the editor can say
when a draft runs past two.

The rule: the built-in layouts (templates/resume_layouts.py) are laid out again here as
rows and lines of known height on A4 pages. Text wraps at the inner width of its cell or
page, a Chinese character (or full-width sign) taking one em of 10.5 pt, any other
character half an em; a typed line break starts a new line. A line of 10.5 pt text is
LINE_MM high, as LibreOffice sets 宋体 (its substitute has tall line spacing; Word with
SimSun sets lines closer, so a document estimated at two pages never takes more in
Word). Table rows grow to fit their tallest cell and are never lower than the layout's
minimum; an entry row breaks across pages only when its 工作内容 is longer than
HELD_DETAIL_CHARS (a shorter row moves whole to the next page), the facts table never,
and where a section's table runs onto the next page its title and column headings are
printed there again. A template the office made is measured as the built-in layout it replaces (the
table layout unless its name says 简洁). The tests compare the estimate with LibreOffice's
page count for short, typical, long and over-long resumes.
"""

from __future__ import annotations

import math
import unicodedata

PAGE_LIMIT = 2
EM_MM = 10.5 * 25.4 / 72  # one Chinese character of 10.5 pt (五号)
LINE_MM = 5.36  # a line of 10.5 pt text
CELL_PAD_MM = 3.8  # left and right cell margins together
# The table layout (个人简历-表格): 18 mm top, 15 mm bottom, 174 mm wide.
TABLE_PAGE_MM = 297 - 18 - 15
TITLE_MM = 13.0
FACT_ROW_MM = 8.5
PHOTO_BLOCK_MM = 40.0
GAP_MM = 1.45
SECTION_TITLE_MM = 7.0
HEADINGS_MM = 6.0
ENTRY_ROW_MM = 6.0
SKILLS_ROW_MM = 8.5
SELF_ROW_MM = 16.0
CADRE_LINE_MM = 6.8
HELD_DETAIL_CHARS = 75  # an entry row breaks across pages only with a longer 工作内容
# Column widths (cm) of each section's table, and the entry field in each column: those of
# templates/resume_layouts.py (tests/test_resume_layout.py reads them from the template).
SECTION_COLUMNS = {
    "education_entries": [(3.8, "period"), (7.4, "organisation"), (6.2, "title")],
    "work_entries": [(3.8, "period"), (4.0, "organisation"), (2.4, "title"), (7.2, "detail")],
    "certificate_entries": [(3.8, "period"), (7.4, "title"), (6.2, "organisation")],
    "training_entries": [(3.8, "period"), (7.4, "title"), (6.2, "organisation")],
}
# The plain layout (个人简历-简洁): 20 mm top, 18 mm bottom, 166 mm wide.
PLAIN_PAGE_MM = 297 - 20 - 18
PLAIN_WIDTH_CM = 16.6
PLAIN_LINE_MM = 6.15  # body text sets lines further apart than table cells do
PLAIN_TOP_MM = 49.0  # the name, four lines of facts and the 求职意向 beside the photo
PLAIN_HEADING_MM = 11.7
PLAIN_ENTRY_GAP_MM = 1.06
PLAIN_SECTIONS = ("work_entries", "education_entries", "certificate_entries", "training_entries")


def text_lines(text: str, width_cm: float, padding_mm: float = CELL_PAD_MM) -> int:
    """The lines `text` takes in a column `width_cm` wide (at least one)."""
    room = width_cm * 10 - padding_mm
    lines = 0
    for paragraph in (text or "").split("\n"):
        ems = sum(1.0 if _wide(char) else 0.5 for char in paragraph)
        lines += max(1, math.ceil(ems * EM_MM / room - 1e-9))
    return lines


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F") or "\u2014" <= char <= "\u2026"


class _Pages:
    """Fills pages with blocks of known height, some of which may break."""

    def __init__(self, page_mm: float, line_mm: float = LINE_MM) -> None:
        self.page_mm = page_mm
        self.line_mm = line_mm
        self.count = 1
        self.used = 0.0
        self.repeat_mm = 0.0  # printed again at the top of a page the current table reaches

    def add(self, height: float, breakable: bool = False, with_next: float = 0.0) -> None:
        """A block; `with_next` is the height of what must stay on its page with it."""
        room = self.page_mm - self.used
        if height + with_next <= room:
            self.used += height
            return
        if breakable and room >= self.line_mm * 2 and with_next == 0:
            rest = height - math.floor(room / self.line_mm) * self.line_mm
            self._new_page()
            self.add(rest, breakable)
            return
        self._new_page()
        self.used += height

    def _new_page(self) -> None:
        self.count += 1
        self.used = self.repeat_mm


def _entry_row(entry: dict, columns: list[tuple[float, str]]) -> float:
    lines = max(text_lines(entry.get(name) or "", width) for width, name in columns)
    return max(ENTRY_ROW_MM, lines * LINE_MM)


def table_pages(data: dict) -> int:
    """Pages of 个人简历-表格 for `data` (casework.exports.resume.resume_data)."""
    pages = _Pages(TABLE_PAGE_MM)
    rows = 3 + len(data.get("fact_rows", [])) + len(data.get("job_rows", []))
    home = text_lines(data["person"].get("hometown", ""), 11.9)
    facts = (rows - 1) * FACT_ROW_MM + max(FACT_ROW_MM, home * LINE_MM)
    pages.add(TITLE_MM)
    pages.add(max(facts, PHOTO_BLOCK_MM))
    for name, columns in SECTION_COLUMNS.items():
        entries = data.get(name) or []
        if not entries:
            continue
        heading = SECTION_TITLE_MM + HEADINGS_MM
        first = _entry_row(entries[0], columns)
        pages.add(GAP_MM + heading, with_next=first)
        pages.repeat_mm = heading
        for entry in entries:
            held = len(entry.get("detail") or "") <= HELD_DETAIL_CHARS
            pages.add(_entry_row(entry, columns), breakable=not held)
        pages.repeat_mm = 0.0
    closing = []
    if data.get("skills_text"):
        closing.append(max(SKILLS_ROW_MM, text_lines(data["skills_text"], 15.3) * LINE_MM))
    description = data["resume"].get("self_description", "")
    if description:
        closing.append(max(SELF_ROW_MM, text_lines(description, 15.3) * LINE_MM))
    if closing:
        pages.add(GAP_MM)
        for height in closing:
            pages.add(height, breakable=True)
    if data.get("cadre", {}).get("unit") or data.get("cadre", {}).get("name"):
        pages.add(CADRE_LINE_MM)
    return pages.count


def plain_pages(data: dict) -> int:
    """Pages of 个人简历-简洁 for `data` (casework.exports.resume.resume_data)."""
    pages = _Pages(PLAIN_PAGE_MM, PLAIN_LINE_MM)
    pages.add(PLAIN_TOP_MM)
    for name in PLAIN_SECTIONS:
        for index, entry in enumerate(data.get(name) or []):
            head = " ".join(entry.get(k) or "" for k in ("period", "organisation", "title"))
            height = PLAIN_ENTRY_GAP_MM + _plain_lines(head)
            if index == 0:
                pages.add(PLAIN_HEADING_MM, with_next=height)
            pages.add(height, with_next=PLAIN_LINE_MM if entry.get("detail") else 0)
            if entry.get("detail"):
                pages.add(_plain_lines(entry["detail"]), breakable=True)
    for text in (data.get("skills_text"), data["resume"].get("self_description")):
        if text:
            pages.add(PLAIN_HEADING_MM, with_next=PLAIN_LINE_MM)
            pages.add(_plain_lines(text), breakable=True)
    pages.add(CADRE_LINE_MM + 3)
    return pages.count


def _plain_lines(text: str) -> float:
    return text_lines(text, PLAIN_WIDTH_CM, 0) * PLAIN_LINE_MM


def draft_pages(resume_id: str, shown: dict | None = None) -> int:
    """The pages of a saved draft, with the fields of `shown` (what the editor holds, not
    yet saved) in place of the saved ones where they are text."""
    from casework.exports.resume import resume_data
    from casework.services.documents import resumes

    draft = resumes.get_resume(resume_id)
    typed = {k: v for k, v in (shown or {}).items() if k in TYPED_FIELDS and isinstance(v, str)}
    return estimate_pages(resume_data(draft | typed))


TYPED_FIELDS = ("target_job", "target_place", "phone", "self_description", "template")


def estimate_pages(data: dict, template: str | None = None) -> int:
    """The pages a resume will print on with `template` (its name; the draft's by default)."""
    name = template or data.get("template") or ""
    return plain_pages(data) if "简洁" in name else table_pages(data)


def length_note(pages: int) -> str:
    """What the editor says about a draft of `pages` pages."""
    if pages <= PAGE_LIMIT:
        return f"按目前的内容，打印约 {pages} 页。"
    return (
        f"按目前的内容，打印约 {pages} 页，超过两页：可精简工作内容或自我评价，"
        "或删去年代较早、与求职岗位无关的经历。"
    )
