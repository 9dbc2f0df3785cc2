"""Visit logs and household files read back from Word: the right visits, the official layout."""

from __future__ import annotations

import datetime as dt

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from casework.exports import household_file, render, templates, visit_log
from casework.exports.visit_log import Scope, chinese_number
from casework.services.register import cadres, visits, wishes
from tests.docs_helpers import SPECIAL, cjk_runs_without_fonts, full_text, open_docx
from tests.factories import add_person, make_cadre, make_household, make_village

DAYS = [
    dt.date(2026, 9, 30),
    dt.date(2026, 10, 1),
    dt.date(2026, 10, 15),
    dt.date(2026, 10, 31),
    dt.date(2026, 11, 1),
]


def record(household, day, cadre_ids, text, **extra):
    return visits.record_visit(
        household["id"],
        {"visit_date": day, "situation": text, "cadre_ids": cadre_ids, **extra},
    )


@pytest.fixture
def register(db, today):
    me = make_cadre("杨志勇")
    other = cadres.create_cadre({"name": "李红", "unit": "科左中旗人社局"})
    village = make_village("大新艾力嘎查")
    elsewhere = make_village("好力保嘎查", township="保康镇")
    home = make_household(village, code="150521000101", head="韩福")
    son = add_person(home, "韩令春", relation="son")
    far = make_household(elsewhere, code="150521000202", head="包巴特尔")
    for day in DAYS:
        record(home, day, [me["id"]], f"韩福户走访记号{day.isoformat()}", person_ids=[son["id"]])
    record(far, dt.date(2026, 10, 10), [other["id"]], "包巴特尔户走访记号")
    return {"me": me, "other": other, "village": village, "home": home, "far": far, "son": son}


def visit_marks(doc) -> list[str]:
    text = full_text(doc)
    return [word for word in text.split("了解情况：")[1:] for word in [word.split("\n")[0]]]


def test_a_date_range_holds_exactly_its_visits(register, tmp_path):
    scope = Scope(date_from=dt.date(2026, 10, 1), date_to=dt.date(2026, 10, 31))
    doc = open_docx(visit_log.export_visit_log(scope, tmp_path))
    assert visit_marks(doc) == [
        "韩福户走访记号2026-10-01",
        "包巴特尔户走访记号",
        "韩福户走访记号2026-10-15",
        "韩福户走访记号2026-10-31",
    ]
    text = full_text(doc)
    assert "共走访2户4次" in text
    assert "一、2026年10月1日　韩福户（150521000101）" in text
    assert "四、2026年10月31日" in text


@pytest.mark.parametrize(
    ("scope_key", "expected"),
    [
        ("household", ["2026-10-01", "2026-10-15", "2026-10-31"]),
        ("village", ["2026-10-01", "2026-10-15", "2026-10-31"]),
        ("cadre", ["包巴特尔"]),
    ],
)
def test_scope_by_household_village_or_cadre(register, tmp_path, scope_key, expected):
    ids = {
        "household": {"household_id": register["home"]["id"]},
        "village": {"village_id": register["village"]["id"]},
        "cadre": {"cadre_id": register["other"]["id"]},
    }[scope_key]
    scope = Scope(date_from=dt.date(2026, 10, 1), date_to=dt.date(2026, 10, 31), **ids)
    marks = visit_marks(open_docx(visit_log.export_visit_log(scope, tmp_path)))
    assert len(marks) == len(expected)
    assert all(word in mark for word, mark in zip(expected, marks, strict=True))


def test_people_met_cadres_and_deleted_visits(register, tmp_path):
    from casework.services.register import trash

    deleted = record(register["home"], dt.date(2026, 10, 20), [register["me"]["id"]], "已删除")
    trash.delete_visit(deleted["id"])
    scope = Scope(household_id=register["home"]["id"], label="韩福户")
    path = visit_log.export_visit_log(scope, tmp_path)
    assert path.name == f"走访日志-韩福户-{dt.date(2026, 11, 27).isoformat()}.docx"
    text = full_text(open_docx(path))
    assert "已删除" not in text
    assert "见到人员：韩令春" in text and "走访干部：杨志勇" in text
    assert "（韩福户　2026年9月30日至2026年11月1日）" in text


def test_official_layout_fonts_margins_and_page_number(register, tmp_path):
    doc = open_docx(visit_log.export_visit_log(Scope(), tmp_path))
    section = doc.sections[0]
    margins = [
        round(m.mm)
        for m in (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]
    assert margins == [37, 35, 28, 26]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    title = doc.paragraphs[0]
    assert title.text == "走访日志"
    fonts = title.runs[0]._r.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "方正小标宋简体" and title.runs[0].font.size.pt == 22
    body = next(p for p in doc.paragraphs if p.text.startswith("了解情况"))
    value_run = body.runs[-1]
    assert value_run._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert value_run.font.size.pt == 16
    footer = section.footer._element
    assert "— " in "".join(footer.itertext()) and "PAGE" in "".join(footer.itertext())
    assert cjk_runs_without_fonts(doc.element.body) == []
    assert cjk_runs_without_fonts(footer) == []


def test_a_log_without_dates_gives_the_span_of_its_visits(register, tmp_path):
    data = visit_log.visit_log_data(Scope(household_id=register["home"]["id"]))
    assert data["period"] == "2026年9月30日至2026年11月1日"
    assert (data["date_from"], data["date_to"]) == ("2026年9月30日", "2026年11月1日")
    one_day = visit_log.visit_log_data(Scope(household_id=register["far"]["id"]))
    assert one_day["period"] == "2026年10月10日"


def test_a_log_with_no_visits_and_no_dates_counts_up_to_today(db, today, tmp_path):
    make_cadre()
    home = make_household(make_village(), code="150521000909", head="白音")
    scope = Scope(household_id=home["id"], label="白音户")
    text = full_text(open_docx(visit_log.export_visit_log(scope, tmp_path)))
    assert "（白音户　截至2026年11月27日）" in text
    assert "截至2026年11月27日，共走访0户0次" in text and "全部时间" not in text


def _closing(doc) -> list:
    return [p for p in doc.paragraphs if p.text][-3:]


def test_signed_with_the_cadres_unit_and_name_above_the_date(register, tmp_path):
    doc = open_docx(visit_log.export_visit_log(Scope(), tmp_path))
    unit, name, date = _closing(doc)
    assert [unit.text, name.text, date.text] == [
        "北京市顺义区人力资源和社会保障局",
        "杨志勇",
        "2026年11月27日",
    ]
    for line in (unit, name, date):
        assert line.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert line.paragraph_format.right_indent.pt == 32  # 右空二字
    # The signature stays with the last visit: no page holds only the signature.
    assert all(p.paragraph_format.keep_with_next for p in (unit, name))


def test_a_cadre_without_a_unit_signs_with_the_name_only(register):
    data = visit_log.visit_log_data(Scope(), cadre={"name": "李红", "unit": "", "phone": ""})
    content = render.render(templates.load_template(None, "visit_log"), data)
    closing = [p.text for p in _closing(open_docx(content))]
    assert closing == ["下次走访：未定", "李红", "2026年11月27日"]


def test_the_page_is_a_grid_of_22_lines_of_28_characters(register, tmp_path):
    doc = open_docx(visit_log.export_visit_log(Scope(), tmp_path))
    section = doc.sections[0]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert (grid.get(qn("w:linePitch")), grid.get(qn("w:charSpace"))) == ("579", "-842")
    height = (section.page_height - section.top_margin - section.bottom_margin) / 12700
    width = (section.page_width - section.left_margin - section.right_margin) / 12700
    pitch = int(grid.get(qn("w:linePitch"))) / 20
    assert 22 * pitch <= height < 23 * pitch
    char = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert 28 * char <= width < 29 * char
    # Lines are set on the pitch, and 三号 text is condensed to 28 characters a line.
    body = next(p for p in doc.paragraphs if p.text.startswith("了解情况"))
    assert body.paragraph_format.line_spacing.pt == pitch
    spacing = doc.styles["Normal"].element.rPr.find(qn("w:spacing"))
    condensed = 16 + int(spacing.get(qn("w:val"))) / 20
    assert 28 * condensed <= width


def _page_field(footer) -> bool:
    instructions = "".join(t.text for t in footer._element.iter(qn("w:instrText")))
    return instructions.strip() == "PAGE"


def test_page_numbers_on_the_outer_side_7_mm_below_the_text(register, tmp_path):
    doc = open_docx(visit_log.export_visit_log(Scope(), tmp_path))
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    odd, even = section.footer, section.even_page_footer
    assert odd.paragraphs[0].text == even.paragraphs[0].text == "— 1 —"
    assert _page_field(odd) and _page_field(even)
    assert odd.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert odd.paragraphs[0].paragraph_format.right_indent.pt == 14  # 空一字 of 四号
    assert even.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert even.paragraphs[0].paragraph_format.left_indent.pt == 14
    line = odd.paragraphs[0].paragraph_format.line_spacing
    top_of_number = section.footer_distance + line
    assert abs((section.bottom_margin - top_of_number) / 36000 - 7) < 0.1
    for footer in (odd, even):
        assert cjk_runs_without_fonts(footer._element) == []
        run = footer.paragraphs[0].runs[0]
        assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "宋体" and run.font.size.pt == 14


def test_latin_text_is_not_broken_as_chinese(register, tmp_path):
    # LibreOffice breaks text tagged w:lang w:val="zh-CN" anywhere, household codes too.
    doc = open_docx(visit_log.export_visit_log(Scope(), tmp_path))
    heading = next(p for p in doc.paragraphs if "150521000101" in p.text)
    for run in heading.runs:
        lang = run._r.rPr.find(qn("w:lang"))
        assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("en-US", "zh-CN")


def test_next_visit_date_or_undecided(register, tmp_path):
    record(
        register["far"],
        dt.date(2026, 11, 3),
        [register["me"]["id"]],
        "约好下次",
        next_visit_date=dt.date(2026, 12, 1),
    )
    scope = Scope(household_id=register["far"]["id"])
    text = full_text(open_docx(visit_log.export_visit_log(scope, tmp_path)))
    assert text.count("下次走访：未定") == 1 and "下次走访：2026年12月1日" in text


def test_empty_range_says_so(register, tmp_path):
    scope = Scope(date_from=dt.date(2020, 1, 1), date_to=dt.date(2020, 1, 31))
    text = full_text(open_docx(visit_log.export_visit_log(scope, tmp_path)))
    assert "这段时间内没有走访记录" in text and "共走访0户0次" in text


def test_visit_text_survives_exactly(register, tmp_path):
    typed = f"{SPECIAL}\n第二段"
    record(
        register["far"],
        dt.date(2026, 11, 2),
        [register["me"]["id"]],
        typed,
        requests="<script>&amp;",
        actions="",
    )
    scope = Scope(household_id=register["far"]["id"], date_from=dt.date(2026, 11, 2))
    text = full_text(open_docx(visit_log.export_visit_log(scope, tmp_path)))
    assert f"了解情况：{SPECIAL}\n第二段" in text
    assert "群众诉求：<script>&amp;" in text
    assert "帮扶措施：无" in text


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (25, "二十五"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (999, "九百九十九"),
        (1000, "1000"),
    ],
)
def test_chinese_numbers(n, text):
    assert chinese_number(n) == text


def test_household_file_has_facts_members_wishes_and_visits(register, tmp_path):
    home, son = register["home"], register["son"]
    wishes.record_wish(
        son["id"], {"willing_to_go_out": True, "destinations": ["beijing"], "job_kinds": "保安"}
    )
    path = household_file.export_household_file(home["id"], tmp_path)
    assert path.name == "韩福户-一户一档-2026-11-27.docx"
    doc = open_docx(path)
    facts, members, wish_table = doc.tables
    cells = [c.text for row in facts.rows for c in row.cells]
    assert cells[cells.index("户编号") + 1] == "150521000101"
    assert cells[cells.index("户类别") + 1] == "建档立卡户"
    assert "科左中旗架玛吐镇大新艾力嘎查" in cells
    names = [row.cells[0].text for row in members.rows[1:]]
    assert names == ["韩福", "韩令春"]
    id_numbers = [row.cells[5].text for row in members.rows[1:]]
    assert all(len(n) == 18 for n in id_numbers)
    wish_row = [c.text for c in wish_table.rows[1].cells]
    assert wish_row[0] == "韩令春" and "保安" in wish_row and "赴京" in wish_row
    text = full_text(doc)
    assert text.count("走访干部：杨志勇") == len(DAYS)
    assert "（五）2026年11月1日" in text
    assert cjk_runs_without_fonts(doc.element.body) == []
