"""Build the Word templates in this folder: python3 templates/build_templates.py

The .docx files are generated, then committed, so an office can open one in Word,
change its look and put the copy in the user templates folder (see README.md). The
layouts are laid out with python-docx (the resumes here, the visit log and household
file in official_layouts.py) and filled with docxtpl tags; every field a tag uses is
listed in README.md and checked by casework/exports/templates.py.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from docx_builder import (
    CENTER,
    HEI,
    JUSTIFY,
    LEFT,
    RIGHT,
    SONG,
    bottom_border,
    new_document,
    paragraph,
    slim,
)
from docx_tables import (
    LABEL_SHADE,
    add_row,
    cell_text,
    labelled_row,
    no_borders,
    span,
    table,
    tag_row,
)
from official_layouts import build_household_file, build_visit_log

HERE = Path(__file__).resolve().parent
BUILT = datetime.datetime(2026, 11, 1)
SECTION_SHADE = "D9D9D9"
ACCENT = "1F4E79"


# ---------------------------------------------------------------- 个人简历-表格


def _section(tbl, title: str) -> None:
    row = add_row(tbl, 0.7)
    cell_text(span(row, 0, 6), title, font=HEI, size=11, shade=SECTION_SHADE)


def _list_rows(tbl, name: str, headings: list[tuple[int, int, str]], fields: list[str]) -> None:
    """Heading row, one row per entry of `name`, and a blank row when the list is empty."""
    row = add_row(tbl, 0.65)
    for first, last, text in headings:
        cell_text(span(row, first, last), text, bold=True, shade=LABEL_SHADE)
    tag_row(tbl, f"{{%tr for e in {name} %}}")
    row = add_row(tbl, 0.65)
    for (first, last, _), field in zip(headings, fields, strict=True):
        align = CENTER if field == "period" else LEFT
        cell_text(span(row, first, last), f"{{{{ e.{field} }}}}", align=align)
    tag_row(tbl, "{%tr endfor %}")
    tag_row(tbl, f"{{%tr if not {name} %}}")
    row = add_row(tbl, 0.65)
    for first, last, _ in headings:
        cell_text(span(row, first, last), "")
    tag_row(tbl, "{%tr endif %}")


def build_table_resume() -> object:
    doc = new_document((18, 15, 18, 18), SONG, 10.5)
    paragraph(doc, "个 人 简 历", HEI, 20, align=CENTER, space_after=10)
    # Room around the 25 mm photo: LibreOffice needs more than Word to keep it inside.
    widths = [2.1, 2.6, 1.9, 2.5, 2.2, 2.7, 3.4]
    tbl = table(doc, widths)
    rows = [add_row(tbl, 0.9) for _ in range(6)]
    labelled_row(
        rows[0],
        [
            (0, 0, "姓　名", True),
            (1, 1, "{{ person.name }}", False),
            (2, 2, "性　别", True),
            (3, 3, "{{ person.gender }}", False),
            (4, 4, "出生年月", True),
            (5, 5, "{{ person.birth_month }}", False),
        ],
    )
    labelled_row(
        rows[1],
        [
            (0, 0, "民　族", True),
            (1, 1, "{{ person.ethnicity }}", False),
            (2, 2, "学　历", True),
            (3, 3, "{{ person.education }}", False),
            (4, 4, "健康状况", True),
            (5, 5, "{{ person.health }}", False),
        ],
    )
    labelled_row(
        rows[2],
        [
            (0, 0, "联系电话", True),
            (1, 3, "{{ resume.phone }}", False),
            (4, 4, "年　龄", True),
            (5, 5, "{{ person.age_text }}", False),
        ],
    )
    labelled_row(rows[3], [(0, 0, "户籍地址", True), (1, 5, "{{ person.hometown }}", False)])
    labelled_row(
        rows[4],
        [
            (0, 0, "求职岗位", True),
            (1, 3, "{{ resume.target_job }}", False),
            (4, 4, "期望月薪", True),
            (5, 5, "{{ resume.expected_pay }}", False),
        ],
    )
    labelled_row(
        rows[5],
        [
            (0, 0, "期望地点", True),
            (1, 3, "{{ resume.target_place }}", False),
            (4, 4, "到岗时间", True),
            (5, 6, "{{ resume.available_from }}", False),
        ],
    )
    photo = rows[0].cells[6].merge(rows[4].cells[6])
    cell_text(photo, "{% if photo %}{{ photo }}{% else %}照片{% endif %}")
    _section(tbl, "教育经历")
    _list_rows(
        tbl,
        "education_entries",
        [(0, 1, "起止时间"), (2, 4, "学校"), (5, 6, "学历 / 专业")],
        ["period", "organisation", "title"],
    )
    _section(tbl, "工作经历")
    _list_rows(
        tbl,
        "work_entries",
        [(0, 1, "起止时间"), (2, 3, "工作单位"), (4, 4, "岗位"), (5, 6, "工作内容")],
        ["period", "organisation", "title", "detail"],
    )
    _section(tbl, "技能证书")
    _list_rows(
        tbl,
        "certificate_entries",
        [(0, 1, "取得时间"), (2, 4, "证书名称"), (5, 6, "发证机关")],
        ["period", "title", "organisation"],
    )
    _section(tbl, "培训经历")
    _list_rows(
        tbl,
        "training_entries",
        [(0, 1, "培训时间"), (2, 4, "培训项目"), (5, 6, "培训机构")],
        ["period", "title", "organisation"],
    )
    row = add_row(tbl, 0.85)
    labelled_row(row, [(0, 0, "技能特长", True), (1, 6, "{{ skills_text }}", False)])
    row = add_row(tbl, 3.2)
    labelled_row(row, [(0, 0, "自我评价", True), (1, 6, "{{ resume.self_description }}", False)])
    paragraph(
        doc,
        "{% if cadre.unit %}推荐单位：{{ cadre.unit }}　{% endif %}"
        "{% if cadre.name %}联系人：{{ cadre.name }} {{ cadre.phone }}{% endif %}",
        SONG,
        9,
        align=LEFT,
        space_before=6,
    )
    return doc


# ---------------------------------------------------------------- 个人简历-简洁


def _modern_section(doc, title: str, name: str, head: str, detail: bool = True) -> None:
    paragraph(doc, f"{{%p if {name} %}}", SONG, 10.5)
    heading = paragraph(
        doc, title, HEI, 12, color=ACCENT, space_before=10, space_after=4, keep_next=True
    )
    bottom_border(heading, ACCENT)
    paragraph(doc, f"{{%p for e in {name} %}}", SONG, 10.5)
    paragraph(doc, head, SONG, 10.5, bold=True, space_before=3, keep_next=detail)
    if detail:
        paragraph(doc, "{%p if e.detail %}", SONG, 10.5)
        paragraph(doc, "{{ e.detail }}", SONG, 10.5, first_indent_chars=0, align=JUSTIFY)
        paragraph(doc, "{%p endif %}", SONG, 10.5)
    paragraph(doc, "{%p endfor %}", SONG, 10.5)
    paragraph(doc, "{%p endif %}", SONG, 10.5)


def build_modern_resume() -> object:
    doc = new_document((20, 18, 22, 22), SONG, 10.5)
    top = table(doc, [13.0, 3.6])
    no_borders(top)
    row = add_row(top, None)
    left, right = row.cells
    cell_text(left, "{{ person.name }}", HEI, 24, align=LEFT, middle=False)
    for line in (
        "{{ [person.gender, person.age_text, person.ethnicity, person.education]"
        '|select|join("　|　") }}',
        "电话：{{ resume.phone }}",
        "户籍：{{ person.hometown }}",
    ):
        paragraph(left, line, SONG, 10.5, space_before=4)
    paragraph(
        left,
        "求职意向：{{ resume.target_job }}"
        "{% if resume.target_place %}　地点：{{ resume.target_place }}{% endif %}",
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
    heading = paragraph(
        doc, "技能特长", HEI, 12, color=ACCENT, space_before=10, space_after=4, keep_next=True
    )
    bottom_border(heading, ACCENT)
    paragraph(doc, "{{ skills_text }}", SONG, 10.5)
    paragraph(doc, "{%p endif %}", SONG, 10.5)
    heading = paragraph(
        doc, "自我评价", HEI, 12, color=ACCENT, space_before=10, space_after=4, keep_next=True
    )
    bottom_border(heading, ACCENT)
    paragraph(doc, "{{ resume.self_description }}", SONG, 10.5, align=JUSTIFY)
    paragraph(
        doc,
        "{% if cadre.unit %}推荐单位：{{ cadre.unit }}　{% endif %}"
        "{% if cadre.name %}联系人：{{ cadre.name }} {{ cadre.phone }}{% endif %}",
        SONG,
        9,
        space_before=14,
        color="595959",
    )
    return doc


BUILDS = {
    "个人简历-表格": build_table_resume,
    "个人简历-简洁": build_modern_resume,
    "走访日志": build_visit_log,
    "一户一档": build_household_file,
}


def main(folder: Path = HERE) -> list[Path]:
    written = []
    for name, build in BUILDS.items():
        doc = build()
        # A fixed date, so that rebuilding without changes gives the same properties.
        doc.core_properties.created = doc.core_properties.modified = BUILT
        doc.core_properties.title = name
        slim(doc)
        path = folder / f"{name}.docx"
        doc.save(path)
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(written_path)
