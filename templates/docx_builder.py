"""Helpers for build_templates.py: A4 pages, Chinese fonts on every run, tables that hold.

Only the template build uses this (python-docx); the application renders the built
.docx files with docxtpl and never imports this module.
"""

from __future__ import annotations

import math

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

SONG = "宋体"
HEI = "黑体"
KAI = "楷体_GB2312"
FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
LATIN = "Times New Roman"

# Fonts a Windows office machine may lack, with what Word should use instead
# (written to the font table as w:altName).
FALLBACK = {
    FANGSONG: ("仿宋", "modern"),
    KAI: ("楷体", "modern"),
    XIAOBIAOSONG: ("华文中宋", "roman"),
    SONG: ("SimSun", "auto"),
    HEI: ("SimHei", "modern"),
}

# Schema order of the children this module adds (Word refuses elements out of order).
PPR_ORDER = [
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
]
TCPR_ORDER = [
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
]
TBLPR_ORDER = [
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
]


def insert_ordered(parent, child, order: list[str]) -> None:
    """Insert `child` before the first existing sibling that the schema puts after it."""
    names = [qn(name) for name in order]
    rank = names.index(child.tag)
    for existing in parent:
        if existing.tag in names and names.index(existing.tag) > rank:
            existing.addprevious(child)
            return
    parent.append(child)


CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def new_document(
    margins_mm: tuple[float, float, float, float], font: str = SONG, size: float = 10.5
) -> Document:
    """An empty A4 document; margins are (top, bottom, left, right) in millimetres."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance, section.footer_distance = Mm(15), Mm(18)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(size)
    set_fonts(normal.element.get_or_add_rPr(), font)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    _set_defaults(doc, font)
    _declare_fonts(doc)
    doc.core_properties.language = "zh-CN"
    doc.core_properties.author = "劳务协作工作台"
    return doc


def set_fonts(rpr, east_asia: str, latin: str = LATIN) -> None:
    """Latin and East Asian fonts plus the Chinese language tag on one rPr element."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        style = rpr.find(qn("w:rStyle"))
        rpr.insert(1 if style is not None else 0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _set_defaults(doc: Document, font: str) -> None:
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, font)
    # East Asian line breaking rules (no 、。 at the start of a line) are on in Word by
    # default; the grid is not, so lines hold exactly the characters the layout allows.


def _declare_fonts(doc: Document) -> None:
    """Font table entries naming a fallback, so a missing 仿宋_GB2312 becomes 仿宋, not Arial."""
    part = _font_table_part(doc)
    if part is None:
        return
    root = part.element
    for name, (alt, family) in FALLBACK.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        alt_name = OxmlElement("w:altName")
        alt_name.set(qn("w:val"), alt)
        charset = OxmlElement("w:charset")
        charset.set(qn("w:val"), "86")  # GB2312
        fam = OxmlElement("w:family")
        fam.set(qn("w:val"), family)
        for child in (alt_name, charset, fam):
            font.append(child)
        root.append(font)


def _font_table_part(doc: Document):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import XmlPart
    from docx.oxml import parse_xml

    for rel in doc.part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            part = rel.target_part
            if not isinstance(part, XmlPart):
                # python-docx loads the font table as a plain part; parse it so it can change.
                new = XmlPart(part.partname, part.content_type, parse_xml(part.blob), part.package)
                rel._target = new
                return new
            return part
    return None


def run(
    paragraph,
    text: str,
    font: str = SONG,
    size: float | None = None,
    bold: bool = False,
    color: str | None = None,
):
    """A run with explicit fonts, so Word never falls back to a Latin font for Chinese."""
    new = paragraph.add_run(text)
    set_fonts(new._element.get_or_add_rPr(), font)
    if size:
        new.font.size = Pt(size)
    if bold:
        new.bold = True
    if color:
        new.font.color.rgb = RGBColor.from_string(color)
    return new


def paragraph(
    container,
    text: str = "",
    font: str = SONG,
    size: float | None = None,
    bold: bool = False,
    align=None,
    first_indent_chars: float = 0,
    exact_line: float | None = None,
    space_before: float = 0,
    space_after: float = 0,
    keep_next: bool = False,
    color: str | None = None,
):
    """A paragraph holding one run of `text` (none when empty)."""
    para = container.add_paragraph()
    fmt = para.paragraph_format
    if align is not None:
        para.alignment = align
    if first_indent_chars and size:
        fmt.first_line_indent = Pt(size * first_indent_chars)
    if exact_line:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(exact_line)
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
    if keep_next:
        fmt.keep_with_next = True
    set_fonts(mark_rpr(para), font)
    if text:
        run(para, text, font, size, bold, color)
    return para


def mark_rpr(para):
    """The paragraph mark's rPr (the pilcrow's font: an empty line takes its height from it)."""
    ppr = para._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        insert_ordered(ppr, rpr, PPR_ORDER)
    return rpr


def bottom_border(para, color: str = "2F5496", size: int = 8) -> None:
    """A rule under a heading (paragraph border, so it moves with the text)."""
    ppr = para._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", str(size)),
        ("w:space", "1"),
        ("w:color", color),
    ):
        bottom.set(qn(key), value)
    borders.append(bottom)
    insert_ordered(ppr, borders, PPR_ORDER)


def page_number_footer(section, font: str = SONG, size: float = 14) -> None:
    """A centred footer "— 1 —" (GB/T 9704: 4号 Arabic numerals between one-em dashes)."""
    para = section.footer.paragraphs[0]
    para.alignment = CENTER
    page_number(para, font, size)


def page_number(para, font: str = SONG, size: float = 14) -> None:
    """Append "— PAGE —" to `para`: the page number as a field Word and LibreOffice update."""
    run(para, "— ", font, size)
    field(para, "PAGE", font, size)
    run(para, " —", font, size)


def field(para, instruction: str, font: str = SONG, size: float | None = None) -> None:
    """Append a field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out."""
    field_run = run(para, "", font, size)
    for kind, text in (
        ("begin", None),
        ("instr", f" {instruction} "),
        ("separate", None),
        ("text", "1"),
        ("end", None),
    ):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        field_run._element.append(element)


def outer_page_numbers(doc, font: str = SONG, size: float = 14, gap_mm: float = 7) -> None:
    """GB/T 9704 page numbers: odd pages on the right, even on the left, one character in,
    the top of the number `gap_mm` below the text block.

    Word and LibreOffice both read different odd and even footers from w:evenAndOddHeaders
    in the settings; the footer distance is where the line's bottom sits, so the number's
    line is given an exact height and the distance is counted back from it.
    """
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    line_mm = size * 25.4 / 72
    section.footer_distance = Mm(section.bottom_margin.mm - gap_mm - line_mm)
    for footer, align, side in (
        (section.footer, RIGHT, "right_indent"),
        (section.even_page_footer, LEFT, "left_indent"),
    ):
        para = footer.paragraphs[0]
        para.alignment = align
        fmt = para.paragraph_format
        setattr(fmt, side, Pt(size))  # 空一字
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(size)
        set_fonts(mark_rpr(para), font)
        page_number(para, font, size)


def document_grid(section, chars: int, lines: int, font_pt: float) -> tuple[int, int]:
    """Give the section a grid of `lines` lines, and the pitch of `chars` characters of
    `font_pt` text; returns (linePitch in twentieths of a point, charSpace in 4096ths of
    a point beyond `font_pt`).

    The line grid is on (w:docGrid type "lines"): Word and LibreOffice both put each line
    on it. The character pitch is written too, as Word's page setup shows it, but not
    switched on (type "linesAndChars"): LibreOffice 7 lays such a grid out with a 16 pt
    character in two 15.8 pt cells, 14 characters a line, and breaks Latin text inside
    words. The layout gets its characters a line by condensing the text instead
    (official_layouts.CONDENSED). Pitches are rounded down, so the last line and the
    last character still fit in the type area.
    """
    width_pt = Emu(section.page_width - section.left_margin - section.right_margin).pt
    height_pt = Emu(section.page_height - section.top_margin - section.bottom_margin).pt
    line_pitch = math.floor(height_pt * 20 / lines)
    char_space = math.floor((width_pt / chars - font_pt) * 4096)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(line_pitch))
    grid.set(qn("w:charSpace"), str(char_space))
    return line_pitch, char_space


# ---------------------------------------------------------------- slimming

# python-docx's blank document carries ~800 kB of unused styles, a "styles with effects"
# copy, a thumbnail of a blank page and custom XML; every render would parse and
# re-compress them. Only what the layout uses is kept.
DROPPED_RELS = ("stylesWithEffects", "customXml", "webSettings")


def slim(doc) -> None:
    """Drop unused styles and parts from a built template."""
    for rel_id, rel in list(doc.part.rels.items()):
        if any(key in rel.reltype for key in DROPPED_RELS):
            doc.part.drop_rel(rel_id)
    package_rels = doc.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package_rels.pop(rel_id)
    styles = doc.styles.element
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    keep = _used_styles(doc)
    for style in list(styles.iter(qn("w:style"))):
        if style.get(qn("w:styleId")) not in keep:
            styles.remove(style)


def _used_styles(doc) -> set[str]:
    used = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
    parts = [doc.element]
    for section in doc.sections:
        # Touching ._element of a header that does not exist would create one.
        parts += [
            h._element for h in (section.header, section.footer) if not h.is_linked_to_previous
        ]
    for part in parts:
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            for element in part.iter(qn(tag)):
                used.add(element.get(qn("w:val")))
    by_id = {s.get(qn("w:styleId")): s for s in doc.styles.element.iter(qn("w:style"))}
    pending = list(used)
    while pending:  # a kept style keeps the styles it is based on or linked to
        style = by_id.get(pending.pop())
        if style is None:
            continue
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = style.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) not in used:
                used.add(ref.get(qn("w:val")))
                pending.append(ref.get(qn("w:val")))
    return used
