"""Resumes read back from Word: nothing empty is printed, long ones are laid out for paper.

A sparse resume has no empty section, no label without a value, no heading without text;
政治面貌 and 婚姻状况 are printed where the record has them; each section's table has its
title and column headings marked to repeat on the next page and entry rows that may
break; pages after the first carry the name and the page number.
"""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn

from casework.exports import resume
from casework.services.documents import resumes
from casework.services.register import people
from tests.docs_helpers import (
    WORK_DETAIL,
    full_text,
    long_draft,
    open_docx,
    person_with_draft,
    sparse_draft,
    table_cell_texts,
)

TABLE, PLAIN = "个人简历-表格", "个人简历-简洁"
LABEL_FILL = "F2F2F2"
SECTION_TITLES = ("教育经历", "工作经历", "技能证书", "培训经历")


def render(draft: dict, template: str):
    data = resume.resume_data(resumes.get_resume(draft["id"]))
    return open_docx(resume.render_resume(data, template))


def is_label(cell) -> bool:
    shade = cell._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
    return shade is not None and shade.get(qn("w:fill")) == LABEL_FILL


def labels_without_values(doc) -> list[str]:
    """Label cells (shaded) whose next cell in the row is empty, or that end the row;
    column headings (the rows marked to repeat) are not labels."""
    alone = []
    for tbl in doc.tables:
        for row in tbl.rows:
            if "tblHeader" in row_flags(row):
                continue
            cells = list(dict.fromkeys(row.cells))  # a merged cell is listed once
            for index, cell in enumerate(cells):
                if not is_label(cell) or not cell.text:
                    continue
                following = cells[index + 1] if index + 1 < len(cells) else None
                if following is None or not following.text.strip():
                    alone.append(cell.text)
    return alone


def row_flags(row) -> set[str]:
    tr_pr = row._tr.trPr
    if tr_pr is None:
        return set()
    return {name for name in ("cantSplit", "tblHeader") if tr_pr.find(qn(f"w:{name}")) is not None}


@pytest.fixture
def sparse(db, today):
    return sparse_draft()


def test_a_sparse_table_resume_has_no_empty_section_and_no_label_alone(sparse):
    _, draft = sparse
    doc = render(draft, TABLE)
    assert len(doc.tables) == 1  # the facts; no section, no 技能特长 / 自我评价 table
    text = full_text(doc)
    for absent in (*SECTION_TITLES, "技能特长", "自我评价", "政治面貌", "婚姻状况", "联系电话"):
        assert absent not in text, absent
    assert "求职岗位" not in text and "健康状况" not in text
    assert labels_without_values(doc) == []
    cells = table_cell_texts(doc)
    assert cells[cells.index("学　历") + 1] == "小学"
    assert cells[cells.index("期望月薪") + 1] == "面议"
    assert "推荐单位" in text  # the cadre is set up: the closing line stays
    assert "{" not in text


def test_a_sparse_plain_resume_prints_no_label_or_heading_alone(sparse):
    _, draft = sparse
    doc = render(draft, PLAIN)
    lines = [p.text for p in doc.paragraphs] + [
        p.text for t in doc.tables for c in t._cells for p in c.paragraphs
    ]
    assert not [line for line in lines if line.rstrip().endswith("：")]
    text = full_text(doc)
    for absent in ("电话：", "求职意向：", "期望地点：", "自我评价", "技能特长", *SECTION_TITLES):
        assert absent not in text, absent
    assert "包小明" in text and "小学" in text and "期望月薪：面议" in text


def test_a_new_drafts_facts_are_not_repeated_as_an_education_row(sparse):
    person, draft = sparse
    assert [e["kind"] for e in draft["entries"]] == []
    # A draft made before: its level-only education row is not printed, a real one is.
    resumes.add_entry(draft["id"], {"kind": "education", "title": "小学"})
    resumes.add_entry(
        draft["id"],
        {"kind": "education", "title": "小学", "organisation": "架玛吐镇中心小学"}
        | {"period_from": "1998-09", "period_to": "2004-07"},
    )
    data = resume.resume_data(resumes.get_resume(draft["id"]))
    assert [e["organisation"] for e in data["education_entries"]] == ["架玛吐镇中心小学"]
    doc = open_docx(resume.render_resume(data, TABLE))
    education = next(t for t in doc.tables if t.rows[0].cells[0].text == "教育经历")
    assert [r.cells[0].text for r in education.rows[2:]] == ["1998.09—2004.07"]


@pytest.mark.parametrize("template", [TABLE, PLAIN])
def test_political_and_marital_status_are_printed(db, today, template):
    _, person, draft = person_with_draft()
    record = people.get_person(person["id"])
    people.update_member(
        person["id"], record | {"political_status": "cpc_member", "marital_status": "married"}
    )
    doc = render(draft, template)
    if template == TABLE:
        cells = table_cell_texts(doc)
        assert cells[cells.index("政治面貌") + 1] == "中共党员"
        assert cells[cells.index("婚姻状况") + 1] == "已婚"
        assert labels_without_values(doc) == []
    else:
        assert "初中　|　中共党员　|　已婚" in full_text(doc)


def test_an_odd_number_of_facts_puts_the_last_one_alone_on_its_row():
    rows = resume.pair_rows([("政治面貌", "群众"), ("婚姻状况", ""), ("联系电话", "13800001111")])
    assert rows == [
        {"label1": "政治面貌", "value1": "群众", "label2": "联系电话", "value2": "13800001111"}
    ]
    rows = resume.pair_rows([("求职岗位", "保安"), ("期望地点", "北京"), ("期望月薪", "面议")])
    assert len(rows) == 2 and rows[-1] == {
        "label1": "期望月薪",
        "value1": "面议",
        "label2": "",
        "value2": "",
    }
    assert resume.pair_rows([("政治面貌", "")]) == []


def test_long_sections_repeat_their_headings_and_long_rows_may_break(db, today):
    _, person, _ = person_with_draft()
    doc = render({"id": long_draft(person["id"], detail=WORK_DETAIL * 4)}, TABLE)
    facts, *sections, closing = doc.tables
    assert all(row_flags(row) == {"cantSplit"} for row in facts.rows)  # the facts hold together
    assert [s.rows[0].cells[0].text for s in sections] == list(SECTION_TITLES)
    for section in sections:
        title, headings, *entries = section.rows
        assert row_flags(title) >= {"tblHeader"} and row_flags(headings) >= {"tblHeader"}
        assert len(entries) == 10
        # 88 characters of 工作内容 (five lines) break across pages; one-line rows move whole.
        held = set() if title.cells[0].text == "工作经历" else {"cantSplit"}
        assert all(row_flags(row) == held for row in entries), title.cells[0].text
    assert [r.cells[0].text for r in closing.rows] == ["技能特长", "自我评价"]
    assert row_flags(closing.rows[1]) == set()  # a long self-description breaks too
    short = render({"id": long_draft(person["id"])}, TABLE).tables[2]
    assert all(row_flags(row) == {"cantSplit"} for row in short.rows[2:])


@pytest.mark.parametrize("template", [TABLE, PLAIN])
def test_pages_after_the_first_carry_the_name_and_the_page_number(drafted_doc, template):
    doc = drafted_doc(template)
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.is_linked_to_previous  # none: the first page has no header
    header = section.header
    assert header.paragraphs[0].text.startswith("韩令春　个人简历\t第 ")
    fields = [i.text.strip() for i in header._element.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]


@pytest.fixture
def drafted_doc(db, today):
    _, _, draft = person_with_draft()
    return lambda template: render(draft, template)


def test_the_page_estimate_measures_the_built_in_table_layout():
    from casework.exports import resume_pages
    from casework.exports.templates import find_template

    doc = open_docx(find_template(TABLE, "resume").path.read_bytes())
    by_title = dict(zip(SECTION_TITLES, resume_pages.SECTION_COLUMNS.values(), strict=True))
    measured = {}
    for tbl in doc.tables:
        title = tbl.rows[0].cells[0].text
        if title in by_title:
            grid = tbl._tbl.tblGrid.findall(qn("w:gridCol"))
            measured[title] = [round(int(c.get(qn("w:w"))) / 567, 1) for c in grid]
    assert measured == {t: [w for w, _ in columns] for t, columns in by_title.items()}
