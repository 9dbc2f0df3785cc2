"""The work report (工作简报): its figures in sentences, the table by township, the charts,
read back with python-docx and printed by LibreOffice; the same numbers as `stats`."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from docx import Document
from PIL import Image

from casework import cli
from casework.exports import report, report_charts
from casework.services import figures
from casework.services.jobs import placements, subsidy
from casework.services.register import visits
from tests.factories import add_person, make_cadre, make_household, make_village
from tests.test_export_pdf import text_of, to_pdf

NOVEMBER = figures.Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def work(person: dict, on: str) -> dict:
    return placements.create_placement(
        {"person_id": person["id"], "employer_name": "北京嘉宇集团", "position": "保安",
         "place": "beijing", "organised": True, "stage": "working", "stage_date": on},
    )  # fmt: skip


@pytest.fixture
def county(db, set_now):
    """架玛吐镇: two in Beijing since November, one paid the subsidy; 宝龙山镇: one by the
    register, one started in June."""
    set_now(dt.date(2026, 6, 1))
    cadre = make_cadre()
    north = make_household(make_village("大新艾力嘎查", "架玛吐镇"), head="韩令春")
    south = make_household(make_village("宝龙山嘎查", "宝龙山镇"), head="包金山")
    june = work(add_person(south, "包青山"), "2026-06-01")
    set_now(dt.date(2026, 11, 27))
    work(add_person(north, "韩国庆"), "2026-11-02")
    work(add_person(north, "韩国栋"), "2026-11-03")
    add_person(south, "包青松", work_status="beijing")
    subsidy.record_payment(june["id"], {"paid_on": "2026-11-20", "amount": "2000"})
    visits.record_visit(
        north["id"], {"visit_date": "2026-11-05", "cadre_ids": [cadre["id"]], "situation": "了解"}
    )
    return cadre


def test_the_sentences_carry_the_periods_figures(county):
    data = report.report_data(period=NOVEMBER)
    text = "".join(s["text"] for s in data["sentences"])
    assert "2026年11月，科左中旗新增赴京就业2人，有组织输出（赴京和区内）2人" in text
    assert "截至2026年11月27日，在京务工4人" in text
    assert "已发放1人次、2000元" in text and "走访农户1户1次" in text
    assert data["figures"] == figures.compute(period=NOVEMBER).values
    assert data["scope"] == "科左中旗　2026年11月"


def test_the_table_has_a_row_for_each_township_and_the_total(county):
    data = report.report_data(period=NOVEMBER)
    assert data["area_heading"] == "苏木乡镇"
    rows = {r["name"]: r for r in data["rows"]}
    assert (rows["架玛吐镇"]["in_beijing"], rows["宝龙山镇"]["in_beijing"]) == ("2", "2")
    assert rows["架玛吐镇"]["placed_in_beijing"] == "2" and rows["宝龙山镇"]["visits"] == "0"
    assert data["total"] == {
        "name": "合计", "in_beijing": "4", "placed_in_beijing": "2", "local_employment": "0",
        "trained_people": "0", "visits": "1",
    }  # fmt: skip


def test_the_charts_are_pictures_of_the_figures():
    trend = Image.open(io.BytesIO(report_charts.trend_png([("2026-10", 3), ("2026-11", 5)])))
    bars = Image.open(io.BytesIO(report_charts.bars_png([("架玛吐镇", 2), ("宝龙山镇", 1)])))
    assert trend.format == bars.format == "PNG"
    assert trend.width == bars.width == report_charts.WIDTH
    assert bars.height < report_charts.HEIGHT  # two bars need no more than two rows
    assert report_charts.chinese_font_file() is not None  # .ci/run installs fonts-noto-cjk
    # The latest month in the accent colour: blue is drawn where its bar stands.
    colours = {colour for _count, colour in trend.convert("RGB").getcolors(1 << 16)}
    assert (0x2F, 0x6F, 0xDB) in colours
    assert report.amount_text(24000) == "2.4万元" and report.amount_text(2000) == "2000元"


def test_the_report_reads_back_and_prints(county, tmp_path):
    path = report.export_report(tmp_path, period=NOVEMBER)
    assert path.name == "科左中旗-工作简报-2026-11-01至2026-11-30.docx"
    document = Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert text.startswith("工作简报\n（科左中旗　2026年11月）")
    assert "新增赴京就业2人" in text and "一、分苏木乡镇情况" in text
    assert "图1　新增赴京就业人数（2025年12月至2026年11月，按月）" in text
    assert "北京市顺义区人力资源和社会保障局\n杨志勇\n2026年11月27日" in text
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells][:2] == ["苏木乡镇", "在京务工"]
    assert [c.text for c in table.rows[-1].cells] == ["合计", "4", "2", "0", "0", "1"]
    assert len(document.inline_shapes) == 2
    (pdf,) = to_pdf([path], tmp_path)
    printed = text_of(pdf)
    flat = re.sub(r"\s", "", printed)  # pdftotext breaks lines where the page does
    assert "工作简报" in flat and "在京务工4人" in flat
    assert "—1—" in flat and printed.count("\f") == 3  # three pages


def test_the_command_writes_the_report_with_the_figures_of_stats(county, tmp_path, capsys):
    db = str(tmp_path / "casework.db")
    out = tmp_path / "简报.docx"
    args = ["--from", "2026-11-01", "--to", "2026-11-30", "--area", "架玛吐镇"]
    assert cli.main(["--db", db, "export", "report", *args, "-o", str(out)]) == 0
    assert "已导出工作简报" in capsys.readouterr().out
    assert cli.main(["--db", db, "stats", "--json", *args]) == 0
    figures_of_stats = json.loads(capsys.readouterr().out)["figures"]
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert f"架玛吐镇新增赴京就业{figures_of_stats['placed_in_beijing']}人" in text
    assert f"在京务工{figures_of_stats['in_beijing']}人" in text
    rows = Document(str(out)).tables[0].rows
    assert [c.text for c in rows[0].cells][0] == "嘎查村"
    assert [c.text for c in rows[1].cells][:2] == ["大新艾力嘎查", "2"]
