"""The recovery-key sheet: one A4 page with the key, for the office safe.

Built with python-docx directly rather than from a user-editable template: this page
must say exactly what it says, and nobody should restyle the one thing that opens a
county's data.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

from casework.exports.files import write_bytes_atomic

TITLE = "劳务协作工作台　数据库恢复密钥"
FONT_BODY = "仿宋"
FONT_TITLE = "黑体"
FONT_KEY = "Courier New"


def recovery_sheet(
    recovery_key: str, db_path: str | os.PathLike[str], made_on: dt.date, holder: str = ""
) -> bytes:
    """The sheet as .docx bytes."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from casework.exports.docx_text import finish_document

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(30)
    section.left_margin = section.right_margin = Mm(28)

    def paragraph(text: str, font: str = FONT_BODY, size: float = 14, bold: bool = False):
        para = document.add_paragraph()
        run = para.add_run(text)
        run.font.name, run.font.size, run.font.bold = font, Pt(size), bold
        para.paragraph_format.space_after = Pt(8)
        return para

    paragraph(TITLE, FONT_TITLE, 20, True).alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph("")
    paragraph(f"数据库文件：{Path(db_path).name}")
    paragraph(f"所在位置：{Path(db_path).parent}")
    paragraph(f"生成日期：{made_on:%Y年%m月%d日}" + (f"　　使用人：{holder}" if holder else ""))
    paragraph("恢复密钥：", bold=True)
    groups = recovery_key.split("-")
    for line in ("-".join(groups[:4]), "-".join(groups[4:])):
        paragraph(line, FONT_KEY, 22, True).alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph("")
    for text in (
        "一、忘记密码时，在工作台的开启窗口点“使用恢复密钥”，输入上面的 48 位数字，"
        "即可打开数据库并设置新密码。",
        "二、恢复密钥能打开这台电脑上的数据库以及它的每一份备份，请像保管公章一样保管本页："
        "放入办公室保险柜，不要拍照、不要发到微信群、不要和电脑放在一起。",
        "三、密码和恢复密钥都丢失时，数据无法找回，任何人（包括软件开发者）都无法解密。",
    ):
        paragraph(text, size=12)
    finish_document(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_recovery_sheet(
    target: str | os.PathLike[str],
    recovery_key: str,
    db_path: str | os.PathLike[str],
    made_on: dt.date,
    holder: str = "",
) -> Path:
    """Write the sheet to `target` (a free name next to it if taken); the path written."""
    data = recovery_sheet(recovery_key, db_path, made_on, holder)
    return write_bytes_atomic(target, data)
