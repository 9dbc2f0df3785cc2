"""Table helpers for build_templates.py: fixed column widths, rows that hold or may split.

Rows default to "cannot split across pages" (a short row stays intact) and to an
"at least" height, so long text grows a row instead of being cut; a row of long text is
made with cant_split=False, so that it breaks across pages instead of leaving a page a
quarter blank. Header rows (header=True) repeat at the top of every page the table
reaches; Word repeats only the rows at the very top of a table, so a layout that wants
each section's heading repeated gives each section a table of its own.
"""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx_builder import (
    CENTER,
    LEFT,
    SONG,
    TBLPR_ORDER,
    TCPR_ORDER,
    insert_ordered,
    mark_rpr,
    run,
    set_fonts,
)

LABEL_SHADE = "F2F2F2"


def table(doc, widths_cm: list[float], rows: int = 0, style: str = "Table Grid"):
    """A fixed-layout table with the given column widths, centred on the page."""
    new = doc.add_table(rows=rows, cols=len(widths_cm))
    new.style = doc.styles[style]
    new.alignment = WD_TABLE_ALIGNMENT.CENTER
    new.autofit = False
    tbl_pr = new._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    insert_ordered(tbl_pr, layout, TBLPR_ORDER)
    for index, width in enumerate(widths_cm):
        new.columns[index].width = Cm(width)
    new._widths = widths_cm
    return new


def add_row(tbl, height_cm: float | None = 0.75, cant_split: bool = True, header: bool = False):
    """A new row whose cells have their column's width; it never splits across pages."""
    row = tbl.add_row()
    for index, cell in enumerate(row.cells):
        cell.width = Cm(tbl._widths[index])
    tr_pr = row._tr.get_or_add_trPr()
    if cant_split:
        tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))
    if height_cm:
        row.height = Cm(height_cm)
        row.height_rule = 1  # at least: long text grows the row
    return row


def span(row, first: int, last: int):
    """Merge cells first..last of a row into one; returns the merged cell."""
    cell = row.cells[first]
    if last > first:
        cell = cell.merge(row.cells[last])
    return cell


def cell_text(
    cell,
    text: str,
    font: str = SONG,
    size: float = 10.5,
    bold: bool = False,
    align=CENTER,
    shade: str | None = None,
    middle: bool = True,
):
    """Put `text` in a cell's first paragraph with explicit fonts."""
    para = cell.paragraphs[0]
    para.alignment = align
    set_fonts(mark_rpr(para), font)
    if text:
        run(para, text, font, size, bold)
    if middle:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if shade:
        tc_pr = cell._tc.get_or_add_tcPr()
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), shade)
        insert_ordered(tc_pr, shading, TCPR_ORDER)
    return para


def tag_row(tbl, tag: str, merged_column: int | None = None) -> None:
    """A row holding only a docxtpl row tag ({%tr for ... %}); it vanishes when rendered.

    With `merged_column` (the last column), that column's cell continues the vertical
    merge above it, so the template opened in Word shows the merged cell whole too.
    """
    row = add_row(tbl, height_cm=None)
    last = len(tbl._widths) - 1
    cell = span(row, 0, last - 1 if merged_column == last else last)
    cell_text(cell, tag, align=LEFT, size=9)
    if merged_column == last:
        vertical_merge(row.cells[last], restart=False)


def vertical_merge(cell, restart: bool) -> None:
    """Start (restart) or continue a merge down a column, cell by cell.

    Unlike python-docx's merge, this survives docxtpl copying or removing the rows
    between: every copy of a continuing row just lengthens the merged cell.
    """
    tc_pr = cell._tc.get_or_add_tcPr()
    merge = OxmlElement("w:vMerge")
    if restart:
        merge.set(qn("w:val"), "restart")
    insert_ordered(tc_pr, merge, TCPR_ORDER)


def keep_with_next(row) -> None:
    """Keep a row on the page of the row after it (a heading row never ends a page)."""
    for cell in row.cells:
        for para in cell.paragraphs:
            para.paragraph_format.keep_with_next = True


def no_borders(tbl) -> None:
    """Remove every border (a layout table, e.g. the photo beside the name)."""
    tbl_pr = tbl._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    insert_ordered(tbl_pr, borders, TBLPR_ORDER)


def cell_margins(tbl, cm: float) -> None:
    """Left and right cell margins of every cell of a table."""
    tbl_pr = tbl._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(round(cm * 567)))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    insert_ordered(tbl_pr, margins, TBLPR_ORDER)


def labelled_row(row, cells: list[tuple[int, int, str, bool]]) -> None:
    """Fill a row from (first column, last column, text, is_label) spans."""
    merged = [(span(row, first, last), text, is_label) for first, last, text, is_label in cells]
    for cell, text, is_label in merged:
        cell_text(
            cell,
            text,
            bold=is_label,
            shade=LABEL_SHADE if is_label else None,
            align=CENTER if is_label else LEFT,
        )
