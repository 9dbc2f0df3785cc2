"""Reading a template's tags the way docxtpl will, to find what would break a document.

Word stores a paragraph as runs of text; editing a template often splits a tag like
`{{ person.name }}` across runs (docxtpl copes) or, worse, across paragraphs or with
full-width characters typed by a Chinese input method (docxtpl does not). These are
found here, with the paragraph they are in, before a document is ever rendered.
"""

from __future__ import annotations

import io
import re
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
# Full-width characters an input method puts where a tag needs ASCII.
FULL_WIDTH = "｛｝％＃　。，（）｜＝！＜＞"
_STRINGS = re.compile(r'"[^"]*"|\'[^\']*\'|“[^”]*”|‘[^’]*’')
PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml$")
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# The document properties docxtpl renders as templates too.
RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
TAG_START = re.compile(r"\{\{|\{%")


def _paragraph_texts(xml: bytes) -> list[str]:
    from lxml import etree

    root = etree.fromstring(xml)
    texts = []
    for paragraph in root.iter(f"{{{W}}}p"):
        pieces = []
        for text in paragraph.iter(f"{{{W}}}t"):
            owner = text.getparent()
            while owner is not None and owner.tag != f"{{{W}}}p":
                owner = owner.getparent()
            if owner is paragraph:  # not the text of a nested paragraph (a text box)
                pieces.append(text.text or "")
        texts.append("".join(pieces))
    return texts


def _short(text: str, limit: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"


def paragraph_problems(text: str) -> list[str]:
    """Tags in one paragraph's text that are unclosed, or hold full-width characters."""
    problems = []
    if "｛｛" in text or "｛%" in text or "｛％" in text:
        problems.append(f"段落“{_short(text)}”中的标签用了全角括号“｛”，应改为半角 {{ }}")
    index, inside, start = 0, None, 0
    while index < len(text) - 1:
        pair = text[index : index + 2]
        if inside is None and pair in OPENERS:
            inside, start = pair, index
            index += 2
            continue
        if inside is not None and pair == OPENERS[inside]:
            tag = text[start : index + 2]
            code = _STRINGS.sub('""', tag)  # full-width text inside quotes is meant
            wide = sorted({c for c in code if c in FULL_WIDTH})
            if wide:
                shown = "、".join(f"“{c}”" if c != "　" else "全角空格" for c in wide)
                problems.append(f"标签“{_short(tag)}”中有全角字符{shown}，标签内只能用半角字符")
            inside = None
            index += 2
            continue
        index += 1
    if inside is not None:
        problems.append(
            f"标签“{_short(text[start:])}”在本段内没有结束：标签不能跨段落，"
            f"也可能是 Word 把它拆开了，请删掉后重新完整输入"
        )
    return problems


def split_tag_problems(data: bytes) -> list[str]:
    """Problems of the tags in the body, headers and footers of a .docx given as bytes."""
    problems: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in sorted(archive.namelist()):
            if PARTS.fullmatch(member):
                for text in _paragraph_texts(archive.read(member)):
                    if "{" in text or "｛" in text:
                        problems.extend(paragraph_problems(text))
    return list(dict.fromkeys(problems))


def jinja_sources(data: bytes) -> tuple[list[str], str | None]:
    """The Jinja source of every part docxtpl renders, or a syntax problem.

    The parts are the body, headers, footers, footnotes and the document properties
    (title, subject...), as docxtpl patches them. Each tag starts a line of its own, so
    the line of a parse error or of a refused name finds the tag it is in. The sources
    are parsed, never compiled: compiling would already evaluate constant expressions.
    """
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    template = DocxTemplate(io.BytesIO(data))
    template.init_docx()
    sources = [template.patch_xml(template.get_xml())]
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for _key, part in template.get_headers_footers(uri):
            sources.append(template.patch_xml(template.get_part_xml(part)))
    for part in template.docx.part.package.iter_parts():
        if part.content_type == FOOTNOTES_TYPE:
            sources.append(template.patch_xml(part.blob.decode("utf-8")))
    properties = template.docx.core_properties
    sources += [getattr(properties, name) or "" for name in RENDERED_PROPERTIES]
    # Only parsed, never compiled or rendered; the sandbox that renders (exports/render.py)
    # parses the same way, so what passes here is what it will see.
    environment = ImmutableSandboxedEnvironment()
    lined_sources = []
    for source in sources:
        lined = TAG_START.sub(lambda m: "\n" + m.group(0), source)
        try:
            environment.parse(lined)
        except TemplateSyntaxError as error:
            return [], describe_syntax(error, lined)
        lined_sources.append(lined)
    return lined_sources, None


def describe_syntax(error, source: str = "") -> str:
    message = error.message or ""
    innermost = re.search(r"innermost block that needs to be closed is '(\w+)'", message)
    unknown_tag = re.search(r"Encountered unknown tag '(\w+)'", message)
    unknown_filter = re.search(r"No filter named '(\w+)'", message)
    if innermost:
        block = innermost.group(1)
        text = f"缺少结束标签 {{% end{block} %}}（“{block}”没有配对的结束标签）"
    elif unknown_tag:
        text = f"标签“{unknown_tag.group(1)}”不认识，或前面缺少与它配对的开始标签"
    elif unknown_filter:
        text = f"没有名为“{unknown_filter.group(1)}”的过滤器"
    elif "unexpected end of template" in message.lower():
        text = "模板结尾前有标签没有结束"
    else:
        text = f"标签写法有误（{message}）"
    lines = source.splitlines()
    if error.lineno and 0 < error.lineno <= len(lines):
        where = re.sub(r"<[^>]+>", "", lines[error.lineno - 1])
        if where.strip():
            text += f"，位置：“{_short(where)}”"
    return f"标签语法错误：{text}"
