"""Layouts of the formal documents for build_templates.py: visit log, household file, report.

The visit log follows the proportions of GB/T 9704-2012 (党政机关公文格式): A4, margins
37/35/28/26 mm, title in 二号 小标宋, body in 三号 仿宋 at 22 lines a page, first-level
headings in 黑体, page number "— 1 —" in 四号 宋体 on the outer side, 7 mm below the text.
The work report (工作简报) is laid out on the same page.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx_builder import (
    CENTER,
    FANGSONG,
    HEI,
    JUSTIFY,
    KAI,
    RIGHT,
    SONG,
    XIAOBIAOSONG,
    document_grid,
    new_document,
    outer_page_numbers,
    page_number_footer,
    paragraph,
    run,
)
from docx_tables import (
    LABEL_SHADE,
    add_row,
    cell_margins,
    cell_text,
    labelled_row,
    table,
    tag_row,
)

BODY = 16  # 三号
LINE = 28.95  # 22 lines on a page of 225 mm type area: the grid's pitch (579 twentieths)
CHARS, LINES = 28, 22
# 28 characters of 16 pt are 158 mm, the type area 156 mm (GB/T 9704's pitch is 15.8 pt):
# condensed by a quarter point, 28 characters of 三号 fill a line in Word and LibreOffice.
CONDENSED = -5  # twentieths of a point


def _body(doc, text: str, **options):
    return paragraph(
        doc, text, FANGSONG, BODY, first_indent_chars=2, exact_line=LINE, align=JUSTIFY, **options
    )


def _labelled_line(doc, label: str, value: str):
    """「label：value」 with the label in bold 仿宋 (GB/T 9704's third-level style)."""
    para = _body(doc, "")
    run(para, f"{label}：", FANGSONG, BODY, bold=True)
    run(para, value, FANGSONG, BODY)
    return para


def build_visit_log() -> object:
    doc = new_document((37, 35, 28, 26), FANGSONG, BODY)
    line_pitch, _ = document_grid(doc.sections[0], CHARS, LINES, BODY)
    assert line_pitch / 20 == LINE, "exact line spacing must be the grid's pitch"
    outer_page_numbers(doc, SONG, 14, gap_mm=7)
    _condense(doc)
    paragraph(doc, "{{ title }}", XIAOBIAOSONG, 22, align=CENTER, exact_line=LINE * 1.2)
    paragraph(doc, "（{{ scope }}）", KAI, BODY, align=CENTER, exact_line=LINE)
    paragraph(doc, "", FANGSONG, BODY, exact_line=LINE)
    _body(doc, "{{ period }}，共走访{{ household_count }}户{{ visit_count }}次，情况如下。")
    paragraph(doc, "{%p for v in visits %}", FANGSONG, BODY)
    paragraph(
        doc,
        "{{ v.number }}、{{ v.date }}　{{ v.household }}",
        HEI,
        BODY,
        first_indent_chars=2,
        exact_line=LINE,
        keep_next=True,
    )
    _labelled_line(doc, "走访地点", "{{ v.place or v.area }}")
    _labelled_line(doc, "走访方式", "{{ v.kind }}")
    _labelled_line(doc, "走访干部", "{{ v.cadres }}")
    _labelled_line(doc, "见到人员", '{{ v.people_met or "无" }}')
    _labelled_line(doc, "了解情况", '{{ v.situation or "无" }}')
    _labelled_line(doc, "群众诉求", '{{ v.requests or "无" }}')
    _labelled_line(doc, "帮扶措施", '{{ v.actions or "无" }}')
    # The last line of each visit keeps with what follows, so that the signature never
    # sits alone at the top of a page (GB/T 9704 forbids a page with only the signature).
    _labelled_line(
        doc, "下次走访", '{{ v.next_visit or "未定" }}'
    ).paragraph_format.keep_with_next = True
    paragraph(doc, "{%p endfor %}", FANGSONG, BODY)
    paragraph(doc, "{%p if not visits %}", FANGSONG, BODY)
    _body(doc, "这段时间内没有走访记录。", keep_next=True)
    paragraph(doc, "{%p endif %}", FANGSONG, BODY)
    _signature(doc)
    _latin_words_whole(doc)
    return doc


def _condense(doc) -> None:
    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CONDENSED))
    rpr.find(qn("w:sz")).addprevious(spacing)  # schema order: w:spacing comes before w:sz


def _latin_words_whole(doc) -> None:
    """Tag Latin text (digits, household codes, ID numbers) as English; Chinese stays Chinese.

    With w:lang w:val="zh-CN" LibreOffice breaks Latin text anywhere, as it breaks
    Chinese: a household code 150521000303 or an ID number split over two lines. Word
    reads w:eastAsia for Chinese text, so nothing else changes.
    """
    section = doc.sections[0]
    footers = (section.footer, section.even_page_footer)
    parts = [doc.element, doc.styles.element]
    # Touching ._element of a footer that does not exist would create one.
    parts += [f._element for f in footers if not f.is_linked_to_previous]
    for part in parts:
        for lang in part.iter(qn("w:lang")):
            lang.set(qn("w:val"), "en-US")


def _signature(doc) -> None:
    """Signed as GB/T 9704 signs a document without a seal: after a blank line, the unit,
    then the cadre, then the date, each right-aligned two characters in."""
    paragraph(doc, "", FANGSONG, BODY, exact_line=LINE, keep_next=True)
    for field in ("cadre.unit", "cadre.name"):
        paragraph(doc, f"{{%p if {field} %}}", FANGSONG, BODY)
        _signature_line(doc, f"{{{{ {field} }}}}").paragraph_format.keep_with_next = True
        paragraph(doc, "{%p endif %}", FANGSONG, BODY)
    _signature_line(doc, "{{ today }}")


def _signature_line(doc, text: str):
    para = paragraph(doc, text, FANGSONG, BODY, align=RIGHT, exact_line=LINE)
    para.paragraph_format.right_indent = Pt(BODY * 2)
    return para


# ---------------------------------------------------------------- 一户一档


def _heading(doc, text: str) -> None:
    paragraph(doc, text, HEI, 14, space_before=12, space_after=6, keep_next=True)


def _grid(tbl, rows: list[list[tuple[int, int, str, bool]]], height: float = 0.75) -> None:
    for cells in rows:
        labelled_row(add_row(tbl, height), cells)


def _list_table(doc, widths, headings: list[str], name: str, fields: list[str]) -> None:
    tbl = table(doc, widths)
    cell_margins(tbl, 0.08)  # narrow margins: ten columns of 9 pt text on one page width
    row = add_row(tbl, 0.7, header=True)
    for index, text in enumerate(headings):
        cell_text(row.cells[index], text, SONG, 9, bold=True, shade=LABEL_SHADE)
    tag_row(tbl, f"{{%tr for m in {name} %}}")
    row = add_row(tbl, 0.65)
    for index, field in enumerate(fields):
        cell_text(row.cells[index], f"{{{{ m.{field} }}}}", SONG, 9)
    tag_row(tbl, "{%tr endfor %}")


def build_household_file() -> object:
    doc = new_document((30, 28, 22, 20), SONG, 10.5)
    page_number_footer(doc.sections[0], SONG, 14)
    paragraph(doc, "一户一档", XIAOBIAOSONG, 22, align=CENTER, space_after=4)
    paragraph(
        doc,
        "{{ household.area }}　{{ household.head_name }}户",
        KAI,
        14,
        align=CENTER,
        space_after=10,
    )
    _heading(doc, "一、基本情况")
    tbl = table(doc, [2.6, 5.8, 2.6, 5.8])
    _grid(
        tbl,
        [
            [
                (0, 0, "户编号", True),
                (1, 1, "{{ household.code }}", False),
                (2, 2, "户类别", True),
                (3, 3, "{{ household.status }}", False),
            ],
            [
                (0, 0, "户　主", True),
                (1, 1, "{{ household.head_name }}", False),
                (2, 2, "家庭人口", True),
                (3, 3, "{{ household.member_count }}人", False),
            ],
            [(0, 0, "所在地", True), (1, 3, "{{ household.area_full }}", False)],
            [(0, 0, "住　址", True), (1, 3, "{{ household.address }}", False)],
            [
                (0, 0, "联系电话", True),
                (1, 1, "{{ household.phone }}", False),
                (2, 2, "最近走访", True),
                (3, 3, "{{ household.last_visit }}", False),
            ],
            [
                (0, 0, "下次走访", True),
                (1, 1, '{{ household.next_visit or "未定" }}', False),
                (2, 2, "建档日期", True),
                (3, 3, "{{ today }}", False),
            ],
            [(0, 0, "备　注", True), (1, 3, "{{ household.notes }}", False)],
        ],
    )
    _heading(doc, "二、家庭成员")
    _list_table(
        doc,
        # The ID and the (masked) phone at 9 pt stay on one line even in a wide Latin font
        # (DejaVu Serif where Times New Roman is missing); the Chinese columns may wrap.
        [1.3, 0.9, 0.8, 0.8, 1.2, 3.9, 2.4, 1.4, 1.5, 1.2, 1.4],
        [
            "姓名",
            "关系",
            "性别",
            "年龄",
            "民族",
            "身份证号码",
            "联系电话",
            "文化程度",
            "健康状况",
            "劳动能力",
            "务工状况",
        ],
        "members",
        [
            "name",
            "relation",
            "gender",
            "age",
            "ethnicity",
            "id_number",
            "phone",
            "education",
            "health",
            "labour_ability",
            "work_status",
        ],
    )
    _heading(doc, "三、就业意愿")
    paragraph(doc, "{%p if wishes %}", SONG, 10.5)
    _list_table(
        doc,
        [1.4, 2.0, 1.6, 1.7, 2.4, 1.5, 2.0, 2.2, 2.0],
        [
            "姓名",
            "登记日期",
            "外出意愿",
            "意向地",
            "意向工种",
            "期望月薪",
            "可到岗",
            "制约因素",
            "状态",
        ],
        "wishes",
        [
            "name",
            "recorded_on",
            "willing",
            "destinations",
            "job_kinds",
            "expected_pay",
            "available_from",
            "constraints",
            "status",
        ],
    )
    paragraph(doc, "{%p else %}", SONG, 10.5)
    paragraph(doc, "尚未登记就业意愿。", SONG, 10.5)
    paragraph(doc, "{%p endif %}", SONG, 10.5)
    _heading(doc, "四、走访记录")
    paragraph(doc, "{%p for v in visits %}", SONG, 10.5)
    paragraph(
        doc,
        "（{{ v.number }}）{{ v.date }}　{{ v.kind }}　走访干部：{{ v.cadres }}",
        HEI,
        11,
        space_before=6,
        keep_next=True,
    )
    for label, value in (
        ("走访地点", "v.place or v.area"),  # as the visit log says where a visit took place
        ("见到人员", 'v.people_met or "无"'),
        ("了解情况", 'v.situation or "无"'),
        ("群众诉求", 'v.requests or "无"'),
        ("帮扶措施", 'v.actions or "无"'),
        ("下次走访", 'v.next_visit or "未定"'),
    ):
        para = paragraph(doc, "", SONG, 10.5, first_indent_chars=2, align=JUSTIFY, space_before=2)
        run(para, f"{label}：", SONG, 10.5, bold=True)
        run(para, f"{{{{ {value} }}}}", SONG, 10.5)
    paragraph(doc, "{%p endfor %}", SONG, 10.5)
    paragraph(doc, "{%p if not visits %}", SONG, 10.5)
    paragraph(doc, "尚无走访记录。", SONG, 10.5)
    paragraph(doc, "{%p endif %}", SONG, 10.5)
    _latin_words_whole(doc)
    return doc


# ---------------------------------------------------------------- 工作简报

# 分苏木乡镇情况: the sub-area, then five figures; widths add up to the type area, 15.6 cm.
REPORT_COLUMNS = [
    (3.6, "{{ area_heading }}", "name"),
    (2.4, "在京务工", "in_beijing"),
    (2.4, "新增赴京就业", "placed_in_beijing"),
    (2.4, "就地就近就业", "local_employment"),
    (2.4, "培训人数", "trained_people"),
    (2.4, "走访次数", "visits"),
]
TABLE_SIZE = 12  # 小四


def _report_table(doc) -> None:
    tbl = table(doc, [width for width, _heading, _field in REPORT_COLUMNS])
    cell_margins(tbl, 0.1)
    row = add_row(tbl, 0.9, header=True)
    for index, (_width, heading, _field) in enumerate(REPORT_COLUMNS):
        cell_text(row.cells[index], heading, HEI, TABLE_SIZE, shade=LABEL_SHADE)
    tag_row(tbl, "{%tr for r in rows %}")
    row = add_row(tbl, 0.8)
    for index, (_width, _heading, field) in enumerate(REPORT_COLUMNS):
        cell_text(row.cells[index], f"{{{{ r.{field} }}}}", FANGSONG, TABLE_SIZE)
    tag_row(tbl, "{%tr endfor %}")
    row = add_row(tbl, 0.8)
    for index, (_width, _heading, field) in enumerate(REPORT_COLUMNS):
        cell_text(row.cells[index], f"{{{{ total.{field} }}}}", HEI, TABLE_SIZE)


def _report_heading(doc, text: str) -> None:
    """A first-level heading of GB/T 9704: 黑体, two characters in, on the line grid."""
    paragraph(doc, text, HEI, BODY, first_indent_chars=2, exact_line=LINE, keep_next=True)


def _figure(doc, image: str, caption: str) -> None:
    """A chart on its own line, centred, with its caption in 楷体 below it."""
    paragraph(doc, f"{{%p if {image} %}}", FANGSONG, BODY)
    paragraph(doc, f"{{{{ {image} }}}}", FANGSONG, BODY, align=CENTER, keep_next=True)
    paragraph(doc, f"{{{{ {caption} }}}}", KAI, 14, align=CENTER, exact_line=LINE)
    paragraph(doc, "{%p endif %}", FANGSONG, BODY)


def build_work_report() -> object:
    """工作简报: the visit log's page, the period's figures in sentences, a table, two charts."""
    doc = new_document((37, 35, 28, 26), FANGSONG, BODY)
    document_grid(doc.sections[0], CHARS, LINES, BODY)
    outer_page_numbers(doc, SONG, 14, gap_mm=7)
    _condense(doc)
    paragraph(doc, "{{ title }}", XIAOBIAOSONG, 22, align=CENTER, exact_line=LINE * 1.2)
    paragraph(doc, "（{{ scope }}）", KAI, BODY, align=CENTER, exact_line=LINE)
    paragraph(doc, "", FANGSONG, BODY, exact_line=LINE)
    paragraph(doc, "{%p for s in sentences %}", FANGSONG, BODY)
    _body(doc, "{{ s.text }}")
    paragraph(doc, "{%p endfor %}", FANGSONG, BODY)
    _report_heading(doc, "{{ table_title }}")
    _report_table(doc)
    paragraph(doc, "", FANGSONG, BODY, exact_line=LINE)
    _report_heading(doc, "{{ charts_title }}")
    _figure(doc, "trend_chart", "trend_caption")
    _figure(doc, "bars_chart", "bars_caption")
    _body(doc, "{{ rules }}", keep_next=True)
    _signature(doc)
    _latin_words_whole(doc)
    return doc
