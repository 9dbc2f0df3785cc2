"""The two resume layouts for build_templates.py: 个人简历-表格 and 个人简历-简洁.

Both print only what the resume has: a section without entries, a fact without a value
and a heading without text under it leave no trace (no empty table, no "电话：" alone).
A long resume flows onto a second page: in the table layout each section is a table of
its own whose title and column headings repeat at the top of the next page, a row of
long 工作内容 breaks across pages (a short row moves whole), and every page after the
first carries the name and
"第 2 页 共 2 页" in its header. casework/exports/resume_pages.py estimates the pages
from the same measurements (FACT_WIDTHS, SECTIONS, the row heights).
"""

from __future__ import annotations

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm, Mm
from docx_builder import (
    CENTER,
    HEI,
    JUSTIFY,
    LEFT,
    RIGHT,
    SONG,
    bottom_border,
    field,
    new_document,
    paragraph,
    run,
)
from docx_tables import (
    LABEL_SHADE,
    add_row,
    cell_text,
    keep_with_next,
    labelled_row,
    no_borders,
    span,
    table,
    tag_row,
    vertical_merge,
)

SECTION_SHADE = "D9D9D9"
ACCENT = "1F4E79"
TABLE_MARGINS = (18, 15, 18, 18)  # top, bottom, left, right (mm): 174 mm of text width
# Room around the 25 mm photo: LibreOffice needs more than Word to keep it inside.
FACT_WIDTHS = [2.1, 2.6, 1.9, 2.5, 2.2, 2.7, 3.4]
PHOTO = len(FACT_WIDTHS) - 1
FACT_ROW_CM = 0.85
ENTRY_ROW_CM = 0.6
HELD_DETAIL_CHARS = 75  # 工作内容 of up to four lines: such a row never breaks across pages
# (title, list field, [(column heading, width cm, entry field)]); each row is 17.4 cm.
SECTIONS = [
    (
        "教育经历",
        "education_entries",
        [("起止时间", 3.8, "period"), ("学校", 7.4, "organisation"), ("学历 / 专业", 6.2, "title")],
    ),
    (
        "工作经历",
        "work_entries",
        [
            ("起止时间", 3.8, "period"),
            ("工作单位", 4.0, "organisation"),
            ("岗位", 2.4, "title"),
            ("工作内容", 7.2, "detail"),
        ],
    ),
    (
        "技能证书",
        "certificate_entries",
        [
            ("取得时间", 3.8, "period"),
            ("证书名称", 7.4, "title"),
            ("发证机关", 6.2, "organisation"),
        ],
    ),
    (
        "培训经历",
        "training_entries",
        [
            ("培训时间", 3.8, "period"),
            ("培训项目", 7.4, "title"),
            ("培训机构", 6.2, "organisation"),
        ],
    ),
]
CLOSING_WIDTHS = [2.1, 15.3]
CADRE_LINE = (
    "{% if cadre.unit %}推荐单位：{{ cadre.unit }}　{% endif %}"
    "{% if cadre.name %}联系人：{{ cadre.name }} {{ cadre.phone }}{% endif %}"
)


def later_pages_header(doc, text_width_cm: float, font: str = SONG) -> None:
    """Pages after the first: "韩令春　个人简历" on the left, "第 2 页 共 2 页" on the right.

    The first page has its own, empty, header (its title says whose resume it is).
    """
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.header_distance = Mm(8)
    para = section.header.paragraphs[0]
    tabs = para.paragraph_format.tab_stops
    for inherited in para.style.paragraph_format.tab_stops:  # the Header style's centre tab
        tabs.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(Cm(text_width_cm), WD_TAB_ALIGNMENT.RIGHT)
    run(para, "{{ person.name }}　个人简历\t第 ", font, 9, color="595959")
    field(para, "PAGE", font, 9)
    run(para, " 页 共 ", font, 9, color="595959")
    field(para, "NUMPAGES", font, 9)
    run(para, " 页", font, 9, color="595959")
    bottom_border(para, "808080", 4)


# ---------------------------------------------------------------- 个人简历-表格


def _photo_continues(row) -> None:
    vertical_merge(row.cells[PHOTO], restart=False)


def _pair_rows(tbl, name: str) -> None:
    """Rows of two label-value pairs from `name` (resume.fact_rows), the photo beside them."""
    tag_row(tbl, f"{{%tr for f in {name} %}}", PHOTO)
    tag_row(tbl, "{%tr if f.label2 %}", PHOTO)
    row = add_row(tbl, FACT_ROW_CM)
    labelled_row(
        row,
        [
            (0, 0, "{{ f.label1 }}", True),
            (1, 2, "{{ f.value1 }}", False),
            (3, 3, "{{ f.label2 }}", True),
            (4, 5, "{{ f.value2 }}", False),
        ],
    )
    _photo_continues(row)
    tag_row(tbl, "{%tr else %}", PHOTO)
    row = add_row(tbl, FACT_ROW_CM)
    labelled_row(row, [(0, 0, "{{ f.label1 }}", True), (1, 5, "{{ f.value1 }}", False)])
    _photo_continues(row)
    tag_row(tbl, "{%tr endif %}", PHOTO)
    tag_row(tbl, "{%tr endfor %}", PHOTO)


def _label(text: str, value: str) -> str:
    """A label printed only beside a value (姓名 and the like always have one)."""
    return f"{{% if {value} %}}{text}{{% endif %}}"


def _facts_table(doc) -> None:
    tbl = table(doc, FACT_WIDTHS)
    first = add_row(tbl, FACT_ROW_CM)
    labelled_row(
        first,
        [
            (0, 0, "姓　名", True),
            (1, 1, "{{ person.name }}", False),
            (2, 2, _label("性　别", "person.gender"), True),
            (3, 3, "{{ person.gender }}", False),
            (4, 4, _label("出生年月", "person.birth_month"), True),
            (5, 5, "{{ person.birth_month }}", False),
        ],
    )
    photo = first.cells[PHOTO]
    vertical_merge(photo, restart=True)
    cell_text(photo, "{% if photo %}{{ photo }}{% else %}照片{% endif %}")
    second = add_row(tbl, FACT_ROW_CM)
    labelled_row(
        second,
        [
            (0, 0, _label("民　族", "person.ethnicity"), True),
            (1, 1, "{{ person.ethnicity }}", False),
            (2, 2, _label("学　历", "person.education"), True),
            (3, 3, "{{ person.education }}", False),
            (4, 4, _label("年　龄", "person.age_text"), True),
            (5, 5, "{{ person.age_text }}", False),
        ],
    )
    _photo_continues(second)
    _pair_rows(tbl, "fact_rows")
    home = add_row(tbl, FACT_ROW_CM)
    labelled_row(home, [(0, 0, "户籍地址", True), (1, 5, "{{ person.hometown }}", False)])
    _photo_continues(home)
    _pair_rows(tbl, "job_rows")


def _gap(doc) -> None:
    # Two tables need a paragraph between them, or Word joins them into one and the
    # second one's heading rows no longer repeat.
    paragraph(doc, "", SONG, 3, exact_line=4, keep_next=True)


def _section_table(doc, title: str, name: str, columns: list[tuple[str, float, str]]) -> None:
    """Title and column headings (repeated on the next page), then a row per entry."""
    paragraph(doc, f"{{%p if {name} %}}", SONG, 10.5)
    _gap(doc)
    tbl = table(doc, [width for _, width, _ in columns])
    heading = add_row(tbl, 0.7, header=True)
    cell_text(span(heading, 0, len(columns) - 1), title, font=HEI, size=11, shade=SECTION_SHADE)
    keep_with_next(heading)
    names = add_row(tbl, ENTRY_ROW_CM, header=True)
    for index, (text, _, _) in enumerate(columns):
        cell_text(names.cells[index], text, bold=True, shade=LABEL_SHADE)
    keep_with_next(names)
    tag_row(tbl, f"{{%tr for e in {name} %}}")
    if any(entry_field == "detail" for _, _, entry_field in columns):
        # A row of up to about four lines moves whole to the next page (it leaves less
        # than a tenth of a page blank); a longer one breaks across the pages.
        tag_row(tbl, f"{{%tr if e.detail|length > {HELD_DETAIL_CHARS} %}}")
        _entry_row(tbl, columns, cant_split=False)
        tag_row(tbl, "{%tr else %}")
        _entry_row(tbl, columns, cant_split=True)
        tag_row(tbl, "{%tr endif %}")
    else:
        _entry_row(tbl, columns, cant_split=True)
    tag_row(tbl, "{%tr endfor %}")
    paragraph(doc, "{%p endif %}", SONG, 10.5)


def _entry_row(tbl, columns: list[tuple[str, float, str]], cant_split: bool) -> None:
    row = add_row(tbl, ENTRY_ROW_CM, cant_split=cant_split)
    for index, (_, _, entry_field) in enumerate(columns):
        align = CENTER if entry_field == "period" else LEFT
        cell_text(row.cells[index], f"{{{{ e.{entry_field} }}}}", align=align)


def _closing_table(doc) -> None:
    """技能特长 and 自我评价, each only when it has text."""
    paragraph(doc, "{%p if skills_text or resume.self_description %}", SONG, 10.5)
    _gap(doc)
    tbl = table(doc, CLOSING_WIDTHS)
    for label, value, height in (
        ("技能特长", "skills_text", FACT_ROW_CM),
        ("自我评价", "resume.self_description", 1.6),
    ):
        tag_row(tbl, f"{{%tr if {value} %}}")
        row = add_row(tbl, height, cant_split=False)
        labelled_row(row, [(0, 0, label, True), (1, 1, f"{{{{ {value} }}}}", False)])
        tag_row(tbl, "{%tr endif %}")
    paragraph(doc, "{%p endif %}", SONG, 10.5)


def build_table_resume() -> object:
    doc = new_document(TABLE_MARGINS, SONG, 10.5)
    later_pages_header(doc, sum(FACT_WIDTHS))
    paragraph(doc, "个 人 简 历", HEI, 20, align=CENTER, space_after=10)
    _facts_table(doc)
    for title, name, columns in SECTIONS:
        _section_table(doc, title, name, columns)
    _closing_table(doc)
    paragraph(doc, "{%p if cadre.unit or cadre.name %}", SONG, 9)
    paragraph(doc, CADRE_LINE, SONG, 9, align=LEFT, space_before=6)
    paragraph(doc, "{%p endif %}", SONG, 9)
    return doc


# ---------------------------------------------------------------- 个人简历-简洁


def _modern_heading(doc, title: str) -> None:
    heading = paragraph(
        doc, title, HEI, 12, color=ACCENT, space_before=10, space_after=4, keep_next=True
    )
    bottom_border(heading, ACCENT)


def _modern_section(doc, title: str, name: str, head: str) -> None:
    paragraph(doc, f"{{%p if {name} %}}", SONG, 10.5)
    _modern_heading(doc, title)
    paragraph(doc, f"{{%p for e in {name} %}}", SONG, 10.5)
    # The head keeps with its detail, never with the next entry's head: a chain of heads
    # held together would leave the end of a page blank.
    paragraph(doc, "{%p if e.detail %}", SONG, 10.5)
    paragraph(doc, head, SONG, 10.5, bold=True, space_before=3, keep_next=True)
    paragraph(doc, "{{ e.detail }}", SONG, 10.5, first_indent_chars=0, align=JUSTIFY)
    paragraph(doc, "{%p else %}", SONG, 10.5)
    paragraph(doc, head, SONG, 10.5, bold=True, space_before=3)
    paragraph(doc, "{%p endif %}", SONG, 10.5)
    paragraph(doc, "{%p endfor %}", SONG, 10.5)
    paragraph(doc, "{%p endif %}", SONG, 10.5)


def _when(container, condition: str, text: str, font=SONG, size=10.5, **options) -> None:
    """A paragraph printed only when `condition` holds (a label never stands alone)."""
    paragraph(container, f"{{%p if {condition} %}}", font, size)
    paragraph(container, text, font, size, **options)
    paragraph(container, "{%p endif %}", font, size)


FACTS_LINE = (
    "{{ [person.gender, person.age_text, person.ethnicity, person.education, "
    'person.political_status, person.marital_status]|select|join("　|　") }}'
)
TARGET_LINE = (
    "{% if resume.target_job %}求职意向：{{ resume.target_job }}{% endif %}"
    "{% if resume.target_job and resume.target_place %}　{% endif %}"
    "{% if resume.target_place %}期望地点：{{ resume.target_place }}{% endif %}"
)


def build_modern_resume() -> object:
    doc = new_document((20, 18, 22, 22), SONG, 10.5)
    later_pages_header(doc, 16.6)
    top = table(doc, [13.0, 3.6])
    no_borders(top)
    row = add_row(top, None)
    left, right = row.cells
    cell_text(left, "{{ person.name }}", HEI, 24, align=LEFT, middle=False)
    paragraph(left, FACTS_LINE, SONG, 10.5, space_before=4)
    _when(left, "resume.phone", "电话：{{ resume.phone }}", space_before=4)
    _when(left, "person.hometown", "户籍：{{ person.hometown }}", space_before=4)
    _when(
        left,
        "resume.target_job or resume.target_place",
        TARGET_LINE,
        HEI,
        11,
        space_before=8,
        color=ACCENT,
    )
    paragraph(
        left,
        "期望月薪：{{ resume.expected_pay }}　到岗时间：{{ resume.available_from }}",
        SONG,
        10.5,
        space_before=4,
    )
    cell_text(right, "{% if photo %}{{ photo }}{% endif %}", align=RIGHT, middle=False)
    by_place = '{{ [e.period, e.organisation, e.title]|select|join("　") }}'
    by_title = '{{ [e.period, e.title, e.organisation]|select|join("　") }}'
    _modern_section(doc, "工作经历", "work_entries", by_place)
    _modern_section(doc, "教育经历", "education_entries", by_place)
    _modern_section(doc, "技能证书", "certificate_entries", by_title)
    _modern_section(doc, "培训经历", "training_entries", by_title)
    paragraph(doc, "{%p if skills_text %}", SONG, 10.5)
    _modern_heading(doc, "技能特长")
    paragraph(doc, "{{ skills_text }}", SONG, 10.5)
    paragraph(doc, "{%p endif %}", SONG, 10.5)
    paragraph(doc, "{%p if resume.self_description %}", SONG, 10.5)
    _modern_heading(doc, "自我评价")
    paragraph(doc, "{{ resume.self_description }}", SONG, 10.5, align=JUSTIFY)
    paragraph(doc, "{%p endif %}", SONG, 10.5)
    _when(doc, "cadre.unit or cadre.name", CADRE_LINE, SONG, 9, space_before=14, color="595959")
    return doc
