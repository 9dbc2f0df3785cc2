"""Chinese text in Word: clean user text before rendering, East Asian fonts on every run after.

Before: text typed by cadres may hold control characters (pasted from elsewhere) that
XML forbids or that docxtpl would turn into page breaks (\\f) or new paragraphs (\\a);
they are dropped, while line breaks (as paragraph breaks) and tabs are kept.
`& < > " '` need nothing here: docxtpl renders with autoescape on.

After: Word picks the font for Chinese characters from `w:eastAsia`; a run without it
falls back to whatever the machine's theme says, which on an English Windows can be a
font with no Chinese glyphs. Every run that holds text gets the East Asian font the
template means for it (its own, its character style's, its paragraph style's or the
document default) written explicitly, and the Chinese language tag.
"""

from __future__ import annotations

import re
from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FALLBACK_FONT = "宋体"
LANGUAGE = "zh-CN"
PARAGRAPH_BREAK = "\a"

# C0 controls except tab and line feed, DEL, C1 controls, and the two non-characters
# XML 1.0 forbids; lone surrogates cannot be written to UTF-8 XML either.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def clean_text(text: str) -> str:
    """User text as typed, minus characters a Word document cannot hold."""
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A typed line break becomes a paragraph break (docxtpl's "\a"), not a manual line
    # break: Word stretches a justified line that ends in a manual break across the page.
    return _CONTROL.sub("", text).replace("\n", PARAGRAPH_BREAK)


def clean_context(value: Any) -> Any:
    """`clean_text` applied to every string in nested dicts and lists; other values kept."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {key: clean_context(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_context(item) for item in value]
    return value


# ---------------------------------------------------------------- fonts after rendering


class _StyleFonts:
    """The East Asian font each style resolves to, following basedOn chains."""

    def __init__(self, styles_element) -> None:
        self.default = FALLBACK_FONT
        self._direct: dict[str, str | None] = {}
        self._based_on: dict[str, str] = {}
        self._resolved: dict[str, str | None] = {}
        self.default_paragraph_style: str | None = None
        if styles_element is None:
            return
        defaults = styles_element.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        font = _east_asia(defaults)
        if font:
            self.default = font
        for style in styles_element.iter(_w("style")):
            style_id = style.get(_w("styleId"))
            self._direct[style_id] = _east_asia(style.find(_w("rPr")))
            based = style.find(_w("basedOn"))
            if based is not None:
                self._based_on[style_id] = based.get(_w("val"))
            if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true"):
                self.default_paragraph_style = style_id

    def font_of(self, style_id: str | None) -> str | None:
        if not style_id:
            return None
        if style_id not in self._resolved:
            seen, current, found = set(), style_id, None
            while current and current not in seen and found is None:
                seen.add(current)
                found = self._direct.get(current)
                current = self._based_on.get(current)
            self._resolved[style_id] = found
        return self._resolved[style_id]


def _east_asia(rpr) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(_w("rFonts"))
    if fonts is None:
        return None
    return fonts.get(_w("eastAsia"))


def _paragraph_font(paragraph, styles: _StyleFonts) -> str:
    ppr = paragraph.find(_w("pPr")) if paragraph is not None else None
    style_id = None
    if ppr is not None:
        style = ppr.find(_w("pStyle"))
        style_id = style.get(_w("val")) if style is not None else None
    return styles.font_of(style_id or styles.default_paragraph_style) or styles.default


def _ensure_run(run, paragraph_font: str, styles: _StyleFonts) -> None:
    rpr = run.find(_w("rPr"))
    if rpr is None:
        rpr = run.makeelement(_w("rPr"), {})
        run.insert(0, rpr)
    fonts = rpr.find(_w("rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(_w("rFonts"), {})
        style = rpr.find(_w("rStyle"))
        rpr.insert(1 if style is not None else 0, fonts)
    if not fonts.get(_w("eastAsia")):
        style = rpr.find(_w("rStyle"))
        char_font = styles.font_of(style.get(_w("val"))) if style is not None else None
        fonts.set(_w("eastAsia"), char_font or paragraph_font)
    # A theme attribute wins over the explicit name in Word; the name must decide.
    fonts.attrib.pop(_w("eastAsiaTheme"), None)
    lang = rpr.find(_w("lang"))
    if lang is None:
        lang = rpr.makeelement(_w("lang"), {})
        _insert_lang(rpr, lang)
        lang.set(_w("val"), LANGUAGE)
    lang.set(_w("eastAsia"), LANGUAGE)


# rPr children that come after w:lang in the schema.
_AFTER_LANG = {_w("eastAsianLayout"), _w("specVanish"), _w("oMath"), _w("rPrChange")}


def _insert_lang(rpr, lang) -> None:
    for child in rpr:
        if child.tag in _AFTER_LANG:
            child.addprevious(lang)
            return
    rpr.append(lang)


def _complete(run) -> bool:
    """Whether a run already names its East Asian font and the Chinese language."""
    rpr = run.find(_w("rPr"))
    if rpr is None:
        return False
    fonts = rpr.find(_w("rFonts"))
    lang = rpr.find(_w("lang"))
    return (
        fonts is not None
        and bool(fonts.get(_w("eastAsia")))
        and fonts.get(_w("eastAsiaTheme")) is None
        and lang is not None
        and lang.get(_w("eastAsia")) == LANGUAGE
    )


def apply_east_asian_fonts(root, styles: _StyleFonts) -> int:
    """Give every text run under `root` its East Asian font and language; returns runs fixed."""
    fixed = 0
    paragraph_fonts: dict[int, str] = {}
    for run in root.iter(_w("r")):
        # Most runs come from the template with both set: check that first, it is cheap.
        if _complete(run) or run.find(_w("t")) is None:
            continue
        paragraph = _nearest_paragraph(run)
        key = id(paragraph)
        if key not in paragraph_fonts:
            paragraph_fonts[key] = _paragraph_font(paragraph, styles)
        _ensure_run(run, paragraph_fonts[key], styles)
        fixed += 1
    return fixed


def _nearest_paragraph(element):
    parent = element.getparent()
    while parent is not None and parent.tag != _w("p"):
        parent = parent.getparent()
    return parent


def finish_document(document) -> int:
    """East Asian fonts and the Chinese language on every text run of a python-docx Document.

    Covers the body, headers and footers; returns how many runs needed it.
    """
    styles = _StyleFonts(document.styles.element)
    count = apply_east_asian_fonts(document.element.body, styles)
    seen = set()
    for section in document.sections:
        for part in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        ):
            if part.is_linked_to_previous:
                continue
            element = part._element
            if id(element) in seen:
                continue
            seen.add(id(element))
            count += apply_east_asian_fonts(element, styles)
    return count
