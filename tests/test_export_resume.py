"""A resume read back from Word: facts, entries and photo where the template puts them."""

from __future__ import annotations

import re
import zipfile

import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from casework.exports import files, resume
from casework.services.documents import resumes
from casework.services.register import people
from tests.docs_helpers import (
    SPECIAL,
    all_paragraphs,
    cjk_runs_without_fonts,
    full_text,
    open_docx,
    person_with_draft,
    table_cell_texts,
)


@pytest.fixture
def drafted(db, today):
    return person_with_draft()


def export(draft, tmp_path, template=None):
    return resume.export_resume(draft["id"], tmp_path, template)


def test_file_is_named_in_chinese_and_opens(drafted, tmp_path):
    _, _, draft = drafted
    path = export(draft, tmp_path)
    assert path.name == "韩令春-简历-2026-11-27.docx"
    assert path.parent == tmp_path
    assert files.leftover_temp_files(tmp_path) == []
    open_docx(path)


def test_table_template_puts_facts_and_entries_in_their_cells(drafted, tmp_path):
    _, _, draft = drafted
    doc = open_docx(export(draft, tmp_path))
    cells = table_cell_texts(doc)
    # Label then value, as the 个人简历 table lays them out.
    for label, value in [
        ("姓　名", "韩令春"),
        ("性　别", "男"),
        ("民　族", "蒙古族"),
        ("学　历", "初中"),
        ("联系电话", "13800001111"),
        ("求职岗位", "保安"),
        ("期望月薪", "6000元/月"),
        ("期望地点", "北京"),
    ]:
        assert cells[cells.index(label) + 1] == value, label
    assert "科左中旗架玛吐镇大新艾力嘎查" in cells
    row = next(r for t in doc.tables for r in t.rows if r.cells[0].text == "2015.09—2018.07")
    texts = [c.text for c in row.cells]
    assert SPECIAL in texts and "保安" in texts and "门岗值守\n夜间巡逻" in texts
    assert "C1驾驶证" in cells and "通辽市公安局交通警察支队" in cells
    assert cells[cells.index("技能特长") + 1] == "电焊、驾驶"
    assert "身体健康" in cells[cells.index("自我评价") + 1]
    assert "{{" not in full_text(doc) and "{%" not in full_text(doc)


def test_photo_is_in_the_merged_cell_at_one_inch(drafted, tmp_path):
    _, _, draft = drafted
    doc = open_docx(export(draft, tmp_path))
    assert len(doc.inline_shapes) == 1
    shape = doc.inline_shapes[0]
    assert abs(shape.width - Mm(25)) < Mm(0.1) and abs(shape.height - Mm(35)) < Mm(0.1)
    first_row = doc.tables[0].rows[0]
    photo_cell = first_row.cells[-1]
    assert photo_cell._tc.xpath(".//a:blip")
    assert photo_cell._tc.tcPr.find(qn("w:vMerge")) is not None  # merged down the right
    blip = photo_cell._tc.xpath(".//a:blip")[0]
    image_part = doc.part.related_parts[blip.get(qn("r:embed"))]
    assert image_part.blob == draft["photo"]


def test_no_photo_leaves_the_word_photo_in_its_cell(db, today, tmp_path):
    _, _, draft = person_with_draft(with_photo=False)
    doc = open_docx(export(draft, tmp_path))
    assert len(doc.inline_shapes) == 0
    assert doc.tables[0].rows[0].cells[-1].text == "照片"


def test_every_chinese_run_has_an_east_asian_font_and_language(drafted, tmp_path):
    _, _, draft = drafted
    for template in ("个人简历-表格", "个人简历-简洁"):
        doc = open_docx(export(draft, tmp_path, template))
        assert cjk_runs_without_fonts(doc.element.body) == [], template
        fonts = {r.get(qn("w:eastAsia")) for r in doc.element.body.iter(qn("w:rFonts"))}
        assert fonts <= {"宋体", "黑体"}, fonts


def test_page_is_a4_and_the_facts_rows_do_not_split(drafted, tmp_path):
    _, _, draft = drafted
    doc = open_docx(export(draft, tmp_path))
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    for row in doc.tables[0].rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_special_characters_line_breaks_and_control_characters(drafted, tmp_path):
    _, _, draft = drafted
    typed = "说明：A&B <c> \"d\" 'e'\n第二行\t制表\x07\x0c\x1b完"
    long_text = "很长的自我评价。" * 120  # 960 characters: nothing may be cut
    resumes.update_resume(draft["id"], draft | {"self_description": long_text})
    resumes.add_entry(draft["id"], {"kind": "training", "title": "保安员培训", "detail": typed})
    doc = open_docx(export(resumes.get_resume(draft["id"]), tmp_path, "个人简历-简洁"))
    texts = [p.text for p in all_paragraphs(doc)]
    assert "说明：A&B <c> \"d\" 'e'" in texts
    assert "第二行\t制表完" in texts  # control characters dropped, the rest as typed
    assert long_text in texts
    assert SPECIAL in full_text(doc)


def test_an_unsaved_prefilled_draft_renders_too(drafted, tmp_path):
    _, person, _ = drafted
    data = resume.resume_data(resumes.prefill(person["id"]) | {"person_id": person["id"]})
    path = resume.write_resume(data, tmp_path / "预览.docx")
    assert "保安" in table_cell_texts(open_docx(path))


def test_existing_file_is_kept_unless_overwrite(drafted, tmp_path):
    _, _, draft = drafted
    target = tmp_path / "简历.docx"
    target.write_bytes(b"old")
    written = resume.export_resume(draft["id"], target)
    assert written.name == "简历(2).docx" and target.read_bytes() == b"old"
    assert resume.export_resume(draft["id"], target, overwrite=True) == target
    open_docx(target)


def test_unknown_template_name_is_a_chinese_error(drafted, tmp_path):
    from casework.exports.templates import TemplateError

    _, _, draft = drafted
    with pytest.raises(TemplateError, match="没有名为“不存在”的简历模板"):
        export(draft, tmp_path, "不存在")
    with pytest.raises(TemplateError, match="走访日志模板"):
        export(draft, tmp_path, "走访日志")


# ---------------------------------------------------------------- personal data


def every_part_text(path) -> str:
    """All XML of a .docx (body, headers, footers, properties, relationships) as text."""
    with zipfile.ZipFile(path) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        )


def health_cell(doc) -> str:
    """The printed health; "" when the 健康状况 label is not there at all."""
    cells = table_cell_texts(doc)
    return cells[cells.index("健康状况") + 1] if "健康状况" in cells else ""


@pytest.mark.parametrize("template", ["个人简历-表格", "个人简历-简洁"])
def test_a_resume_never_carries_the_id_number(drafted, tmp_path, template):
    _, person, draft = drafted
    number = people.get_person(person["id"])["id_number"]
    assert len(number) == 18
    data = resume.resume_data(draft)
    assert number not in repr(data) and "id_number" not in repr(data)
    path = resume.write_resume(data, tmp_path, template)
    everything = every_part_text(path)
    assert number not in everything
    assert number[:6] + number[6:14] not in everything  # nor its first 14 digits
    assert not re.search(r"\d{15,}", full_text(open_docx(path)))


def test_no_resume_template_may_read_the_id_number():
    from casework.exports.fields import FIELDS

    assert "id_number" not in FIELDS["resume"]["person"].keys
    assert "id_number" in FIELDS["household"]["members"].keys  # the household file keeps it


@pytest.mark.parametrize(
    ("health", "choice", "printed"),
    [
        ("healthy", None, "健康"),  # a draft saved before the choice existed
        ("healthy", "if_healthy", "健康"),
        ("healthy", "always", "健康"),
        ("healthy", "never", ""),
        ("chronic", "if_healthy", ""),
        ("chronic", "always", "长期慢性病"),
        ("chronic", "never", ""),
    ],
)
def test_health_is_printed_only_as_the_applicant_chooses(
    drafted, tmp_path, health, choice, printed
):
    _, person, draft = drafted
    record = people.get_person(person["id"])
    people.update_member(person["id"], record | {"health": health, "health_notes": "高血压"})
    if choice:
        resumes.update_resume(draft["id"], draft | {"health_print": choice})
        assert resumes.get_resume(draft["id"])["health_print"] == choice
    table = open_docx(export(resumes.get_resume(draft["id"]), tmp_path, "个人简历-表格"))
    assert health_cell(table) == printed
    plain = full_text(open_docx(export(draft, tmp_path, "个人简历-简洁")))
    assert "高血压" not in full_text(table) + plain  # health notes never reach a resume
    if health == "chronic":
        assert ("长期慢性病" in full_text(table)) == bool(printed)
        assert "长期慢性病" not in plain  # the plain layout has no health line at all


def test_a_new_draft_prints_health_only_when_healthy(drafted):
    _, person, draft = drafted
    assert draft["health_print"] == "if_healthy"
    assert resumes.prefill(person["id"])["health_print"] == "if_healthy"
    with pytest.raises(resumes.v.ValidationError) as refused:
        resumes.update_resume(draft["id"], draft | {"health_print": "sometimes"})
    assert "健康状况打印" in refused.value.errors["health_print"]
