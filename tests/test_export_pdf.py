"""Word exports converted to PDF by LibreOffice: a typical resume is one page, a long one two
(more in tests/test_resume_pages.py).

LibreOffice (`soffice`) and poppler's `pdfinfo`/`pdftotext` are installed by .ci/run;
without them this test fails, it is never skipped. Only three documents are converted,
in one soffice run, to keep CI quick.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from casework.exports import resume, visit_log
from casework.services.register import cadres, visits
from tests.docs_helpers import long_draft, person_with_draft


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} 未安装（.ci/run 会安装 libreoffice-writer-nogui 和 poppler-utils）")
    return path


def to_pdf(paths, folder):
    profile = folder / "lo-profile"
    subprocess.run(
        [
            tool("soffice"),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return [folder / (p.stem + ".pdf") for p in paths]


def pages(pdf) -> int:
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def text_of(pdf) -> str:
    return subprocess.run(
        [tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_resumes_and_a_visit_log_have_the_right_page_counts(db, today, tmp_path):
    household, person, draft = person_with_draft()
    typical = resume.export_resume(draft["id"], tmp_path / "typical.docx")
    long = resume.export_resume(long_draft(person["id"]), tmp_path / "long.docx")
    cadre = cadres.current_cadre()
    for day in range(1, 9):
        visits.record_visit(
            household["id"],
            {
                "visit_date": dt.date(2026, 10, day),
                "cadre_ids": [cadre["id"]],
                "situation": "家中共4口人，户主患有慢性病，儿子有意愿赴京务工。",
                "requests": "希望帮助联系北京的保安岗位。",
                "actions": "已推荐至顺义区某物业公司。",
            },
        )
    log = visit_log.export_visit_log(
        visit_log.Scope(date_from=dt.date(2026, 10, 1), date_to=dt.date(2026, 10, 31)),
        tmp_path / "log.docx",
    )
    typical_pdf, long_pdf, log_pdf = to_pdf([typical, long, log], tmp_path)
    assert pages(typical_pdf) == 1
    assert pages(long_pdf) == 2
    log_pages = pages(log_pdf)
    assert 2 <= log_pages <= 5
    log_text = text_of(log_pdf).replace(" ", "")  # pdftotext drops the thin spaces anyway
    assert "走访日志" in log_text and "—1—" in log_text and f"—{log_pages}—" in log_text
    last_page = log_text.rstrip("\f").split("\f")[-1]
    assert "下次走访" in last_page  # the signature is not alone on its page
    assert "韩令春" in text_of(typical_pdf)
