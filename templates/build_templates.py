"""Build the Word templates in this folder: python3 templates/build_templates.py

The .docx files are generated, then committed, so an office can open one in Word,
change its look and put the copy in the user templates folder (see README.md). The
layouts are laid out with python-docx (the resumes in resume_layouts.py, the visit log
and household file in official_layouts.py) and filled with docxtpl tags; every field a tag uses is
listed in README.md and checked by casework/exports/templates.py.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from docx_builder import slim
from official_layouts import build_household_file, build_visit_log, build_work_report
from resume_layouts import build_modern_resume, build_table_resume

HERE = Path(__file__).resolve().parent
BUILT = datetime.datetime(2026, 11, 1)


BUILDS = {
    "个人简历-表格": build_table_resume,
    "个人简历-简洁": build_modern_resume,
    "走访日志": build_visit_log,
    "一户一档": build_household_file,
    "工作简报": build_work_report,
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
