"""The Excel lists as printed: A4 landscape, page numbers, borders, 宋体, widths from content.

Read back with openpyxl, and one list rendered by LibreOffice (installed by .ci/run,
never skipped) to check the paper it prints on and the size its text prints at.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess

from openpyxl import load_workbook

from casework.exports import excel, excel_print, lists
from tests.test_excel_lists import county  # noqa: F401  (the fixture)
from tests.test_export_pdf import tool


def letter_of(ws, heading: str) -> str:
    return next(c.column_letter for c in ws[2] if c.value == heading)


def test_a_list_is_set_up_for_a4_landscape_with_page_numbers(county, set_now, tmp_path):  # noqa: F811
    set_now(dt.date(2026, 12, 2))
    ws = load_workbook(lists.export_list("willing", tmp_path / "w.xlsx").path).active
    assert ws["A1"].value == "科左中旗 被帮扶地区有意愿外出务工清单（截至2026年12月2日）"
    setup = ws.page_setup
    assert (str(setup.paperSize), setup.orientation) == ("9", "landscape")
    assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToHeight == 0
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.print_title_rows == "$2:$2"  # the header row on every page


def test_every_table_cell_is_bordered_and_in_songti(county, tmp_path):  # noqa: F811
    ws = load_workbook(lists.export_list("willing", tmp_path / "w.xlsx").path).active
    table = [cell for row in ws.iter_rows(min_row=2) for cell in row]
    assert any(cell.value is None for cell in table)  # 备注 is empty: bordered all the same
    for cell in table:
        sides = (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom)
        assert all(side.style == "thin" for side in sides), cell.coordinate
        assert cell.font.name == "宋体", cell.coordinate
    assert ws["A1"].font.name == "宋体"
    assert all(cell.alignment.wrap_text for cell in table)


def test_the_willing_list_prints_two_pages_wide_rather_than_below_8_pt(county, tmp_path):  # noqa: F811
    willing = load_workbook(lists.export_list("willing", tmp_path / "w.xlsx").path).active
    assert willing.page_setup.fitToWidth == 2
    assert willing.print_title_cols == "$A:$A"  # 序号 follows each row onto the second page
    classes = load_workbook(lists.export_list("training", tmp_path / "t.xlsx").path)["培训班汇总"]
    assert classes.page_setup.fitToWidth == 1 and classes.print_title_cols is None


def widths_of(path) -> dict[str, float]:
    ws = load_workbook(path).active
    return {c.value: ws.column_dimensions[c.column_letter].width for c in ws[2]}


def test_columns_are_as_wide_as_their_content_and_long_text_wraps(tmp_path):
    columns = [
        excel.Column("名称", 30, "text"),
        excel.Column("代码", 30, "text"),
        excel.Column("说明", 20, "text"),
        excel.Column("日期", 6, "date"),
    ]
    short = [("张三", "ab", "好", dt.date(2026, 1, 1))]
    long = [("内蒙古自治区通辽市", "150521001001", "很长的说明" * 20, dt.date(2026, 1, 1))]
    narrow = widths_of(excel.write_list(tmp_path / "s.xlsx", "短", columns, iter(short)).path)
    wide = widths_of(excel.write_list(tmp_path / "l.xlsx", "长", columns, iter(long)).path)
    assert wide["名称"] == 20 > narrow["名称"]  # nine hanzi count 18, and the padding
    assert wide["代码"] == 14 > narrow["代码"]  # 12 ASCII characters
    assert wide["说明"] == 20  # capped: the rest wraps
    assert narrow["日期"] == wide["日期"] == 12  # a date never wraps, whatever the cap

    # Neither Excel nor LibreOffice grows a wrapped row on opening: the row says how tall.
    rows = load_workbook(tmp_path / "l.xlsx").active.row_dimensions
    assert rows[3].height == excel_print.row_height(12)  # 100 hanzi, 9 to a line
    short_rows = load_workbook(tmp_path / "s.xlsx").active.row_dimensions
    assert short_rows[3].height is None  # one line: the sheet's default row height


def test_widths_come_from_the_first_rows_and_every_row_is_still_written(tmp_path, monkeypatch):
    monkeypatch.setattr(excel_print, "SAMPLE_ROWS", 3)
    rows = [(n, "短") for n in range(3)] + [(3, "这一行在样本之后" * 2)]
    columns = [excel.Column("序号", 6, "int"), excel.Column("备注", 30, "text")]
    result = excel.write_list(tmp_path / "x.xlsx", "样本", columns, iter(rows))
    ws = load_workbook(result.path).active
    assert [c.value for c in ws["A"][2:]] == [0, 1, 2, 3]
    assert ws.column_dimensions[letter_of(ws, "备注")].width == excel_print.MIN_WIDTH + 2


def printed_sizes(pdf) -> list[float]:
    """The size in points each word on the first page prints at (from pdftotext -bbox).

    A word's box is taller than its font size by the font's ascent and descent; the
    16 pt title calibrates the ratio.
    """
    html = subprocess.run(
        [tool("pdftotext"), "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', html)
    heights = [float(y_max) - float(y_min) for y_min, y_max in words]
    title = heights[0]  # 科左中旗, the first word of the title
    return [16 * height / title for height in heights]


def test_libreoffice_prints_the_willing_list_on_a4_landscape_at_8_pt_or_more(county, tmp_path):  # noqa: F811
    path = lists.export_list("willing", tmp_path / "willing.xlsx").path
    subprocess.run(
        [
            tool("soffice"),
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "willing.pdf"
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert (round(float(size[1])), round(float(size[2]))) == (842, 595)  # A4 landscape
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    text = subprocess.run(
        [tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout.split("\f")[:pages]
    # The list two pages wide, one down (序号 repeats on each); the 汇总 sheet follows it.
    list_pages = [page for page in text if "序号" in page]
    assert len(list_pages) == 2 and text.index(list_pages[-1]) == 1
    assert "工作概况汇总" in "".join(text[2:])
    sizes = printed_sizes(pdf)
    assert len(sizes) > 20 and min(sizes) >= 7.9  # 8 pt, give or take the rounding
