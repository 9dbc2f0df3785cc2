"""Resume page counts from LibreOffice, and the editor's estimate of them.

Sparse, typical, long (ten entries in every section) and over-long resumes are converted
to PDF in one soffice run; the pages are counted with pdfinfo and read with pdftotext.
The long one fills two pages: its first page is not left a quarter blank, the section
running on repeats its title and headings on page 2, and page 2 carries the name and
"第 2 页 共 2 页". casework.exports.resume_pages must tell the same page count.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from casework.exports import resume, resume_pages
from casework.services.documents import resumes
from tests.conftest import FIXED_NOW
from tests.docs_helpers import WORK_DETAIL, long_draft, person_with_draft, sparse_draft
from tests.test_export_pdf import pages, text_of, to_pdf, tool

TABLE, PLAIN = "个人简历-表格", "个人简历-简洁"
SECTION_TITLES = ("教育经历", "工作经历", "技能证书", "培训经历")


def lowest_text_mm(pdf, page: int) -> float:
    """How far down the page (mm from the top) its lowest text reaches."""
    bbox = subprocess.run(
        [tool("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return max(float(y) for y in re.findall(r'yMax="([\d.]+)"', bbox)) * 25.4 / 72


def page_texts(pdf) -> list[str]:
    return [page.replace(" ", "") for page in text_of(pdf).rstrip("\f").split("\f")]


def _render(folder) -> tuple[list, dict]:
    """The resumes below written as .docx files, with the estimate of each one's pages."""
    _, person, typical = person_with_draft()
    over_long = long_draft(person["id"], detail=WORK_DETAIL * 4)
    resumes.update_resume(
        over_long, resumes.get_resume(over_long) | {"self_description": "认真负责。" * 150}
    )
    _, sparse = sparse_draft()
    drafts = {
        "sparse": sparse["id"],
        "typical": typical["id"],
        "long": long_draft(person["id"]),
        "over_long": over_long,
    }
    cases = {f"{name}/{t}": (draft, t) for name, draft in drafts.items() for t in (TABLE, PLAIN)}
    documents, estimates = [], {}
    for case, (draft_id, template) in cases.items():
        data = resume.resume_data(resumes.get_resume(draft_id))
        path = folder / (case.replace("/", "-") + ".docx")
        path.write_bytes(resume.render_resume(data, template))
        documents.append(path)
        estimates[case] = resume_pages.estimate_pages(data, template)
    return documents, estimates


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """{case: (pdf, estimated pages)}, converted in one soffice run for the module."""
    from casework import clock
    from casework.db import close_database, open_database

    folder = tmp_path_factory.mktemp("resume-pages")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "now", lambda: FIXED_NOW)
        open_database(folder / "casework.db")
        try:
            documents, estimates = _render(folder)
        finally:
            close_database()
    pdfs = to_pdf(documents, folder)
    return {case: (pdf, estimates[case]) for case, pdf in zip(estimates, pdfs, strict=True)}


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("sparse/" + TABLE, 1),
        ("typical/" + TABLE, 1),
        ("long/" + TABLE, 2),
        ("over_long/" + TABLE, 3),
        ("sparse/" + PLAIN, 1),
        ("typical/" + PLAIN, 1),
        ("long/" + PLAIN, 3),
        ("over_long/" + PLAIN, 3),
    ],
)
def test_page_counts_and_their_estimate(printed, case, expected):
    pdf, estimate = printed[case]
    assert pages(pdf) == expected
    assert estimate == expected


def test_ten_entries_a_section_fill_two_table_pages_without_a_gap(printed):
    pdf, _ = printed["long/" + TABLE]
    first, second = page_texts(pdf)
    assert lowest_text_mm(pdf, 1) > 297 * 0.75  # no quarter of page 1 left blank
    assert "个人简历第" not in first  # the first page's header is empty: its title says it
    header, body = second.split("\n", 1)
    assert header == "韩令春个人简历第2页共2页"
    running_on = body.lstrip("\n").split("\n", 1)[0]
    assert running_on in SECTION_TITLES and running_on in first  # repeated on page 2
    assert "起止时间" in body.split(running_on, 1)[1].split("\n", 2)[1]  # with its headings


def test_a_sparse_resume_prints_only_what_it_has(printed):
    for template in (TABLE, PLAIN):
        pdf, _ = printed["sparse/" + template]
        text = page_texts(pdf)[0]
        assert "包小明" in text
        for absent in ("电话：", "求职意向", "自我评价", "政治面貌", *SECTION_TITLES):
            assert absent not in text, (template, absent)


def test_lines_are_counted_by_the_width_of_their_characters():
    assert resume_pages.text_lines("", 7.2) == 1
    room = (72 - resume_pages.CELL_PAD_MM) / resume_pages.EM_MM  # 18.4 Chinese characters
    assert resume_pages.text_lines("字" * 18, 7.2) == 1
    assert resume_pages.text_lines("字" * 19, 7.2) == 2 and room < 19
    assert resume_pages.text_lines("1" * 36, 7.2) == 1  # a digit is half as wide
    assert resume_pages.text_lines("门岗值守\n夜间巡逻", 7.2) == 2  # a typed line break


def test_the_estimate_grows_with_the_content_and_the_note_says_when_it_is_too_long(db, today):
    _, person, draft = person_with_draft()
    data = resume.resume_data(resumes.get_resume(draft["id"]))
    assert resume_pages.estimate_pages(data) == 1
    assert resume_pages.length_note(1) == "按目前的内容，打印约 1 页。"
    more = data | {"work_entries": data["work_entries"] * 40}
    assert resume_pages.estimate_pages(more, TABLE) > 2
    assert resume_pages.estimate_pages(more, PLAIN) > 2
    assert "超过两页" in resume_pages.length_note(3)


def test_the_estimate_of_a_draft_takes_what_the_editor_shows(db, today):
    _, person, _ = person_with_draft()
    draft_id = long_draft(person["id"])
    assert resume_pages.draft_pages(draft_id) == 2
    assert resume_pages.draft_pages(draft_id, {"template": PLAIN}) == 3
    typed = {"self_description": "认真负责，吃苦耐劳。" * 100, "expected_pay": "很多"}
    assert resume_pages.draft_pages(draft_id, typed) == 3  # unsaved text counts, nothing else
