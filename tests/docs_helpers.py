"""Shared by the Word document tests: a person with a full resume draft, and docx readers."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.oxml.ns import qn
from PIL import Image

from casework.services.documents import photos, resumes
from casework.services.register import cadres, households, wishes
from tests.factories import add_person, make_cadre, make_household, make_village

CJK = re.compile(r"[\u4e00-\u9fff]")
SPECIAL = "甲 & <乙> \"丙\" '丁'"


def face_jpeg(colour=(200, 210, 230)) -> bytes:
    image = Image.new("RGB", (600, 900), colour)
    out = io.BytesIO()
    image.save(out, "JPEG")
    return photos.portrait(out.getvalue())


def willing_applicant(skills: str = "电焊、驾驶") -> dict:
    """韩令春 (a son in 韩福's household), willing to go to Beijing as a security guard."""
    make_cadre()
    household = make_household(make_village(), head="韩福")
    person = add_person(
        household,
        "韩令春",
        relation="son",
        phone="13800001111",
        education="junior",
        health="healthy",
        ethnicity="mongol",
        skills=skills,
    )
    wishes.record_wish(
        person["id"],
        {
            "willing_to_go_out": True,
            "destinations": ["beijing"],
            "job_kinds": "保安",
            "expected_pay": "6000",
        },
    )
    return person


def person_with_draft(with_photo: bool = True) -> tuple[dict, dict, dict]:
    """(household, person, draft): 韩令春, willing to go to Beijing as a security guard."""
    person = willing_applicant()
    household = households.get_household(person["household_id"])
    draft = resumes.create_resume(person["id"])
    resumes.add_entry(
        draft["id"],
        {
            "kind": "work",
            "period_from": "2015-09",
            "period_to": "2018-07",
            "organisation": SPECIAL,
            "title": "保安",
            "detail": "门岗值守\n夜间巡逻",
        },
    )
    resumes.add_entry(
        draft["id"],
        {
            "kind": "certificate",
            "period_from": "2017-05",
            "title": "C1驾驶证",
            "organisation": "通辽市公安局交通警察支队",
        },
    )
    if with_photo:
        resumes.set_photo(draft["id"], face_jpeg())
    return household, person, resumes.get_resume(draft["id"])


def sparse_draft() -> tuple[dict, dict]:
    """(person, draft) with only what a register always has: no phone, job, place, health,
    political or marital status, entries or self-description."""
    if cadres.current_cadre() is None:
        make_cadre()
    household = make_household(make_village("哈日干图嘎查"), head="包福")
    person = add_person(household, "包小明", relation="son", education="primary")
    draft = resumes.create_resume(person["id"], {"self_description": ""})
    return person, draft


WORK_DETAIL = "负责门岗值守、夜间巡逻、来访登记和消防巡查。"


def long_draft(person_id: str, per_section: int = 10, detail: str = WORK_DETAIL) -> str:
    """A draft with `per_section` entries in each section and a 200-character
    self-description; returns its id."""
    draft = resumes.create_resume(
        person_id, {"title": "长简历", "self_description": "认真负责，吃苦耐劳。" * 20}
    )
    for n in range(per_section):
        year = 2000 + n
        for entry in (
            {"kind": "education", "organisation": f"第{n + 1}中学", "title": "高中"},
            {"kind": "work", "organisation": f"第{n + 1}家用工单位（北京市顺义区）"}
            | {"title": "保安", "detail": detail},
            {"kind": "certificate", "title": f"职业技能证书{n + 1}", "organisation": "人社局"},
            {"kind": "training", "title": f"技能培训{n + 1}", "organisation": "旗人社局"},
        ):
            period = {"period_from": f"{year}-03", "period_to": f"{year}-12"}
            resumes.add_entry(draft["id"], entry | period)
    return draft["id"]


def open_docx(path_or_bytes) -> Document:
    if isinstance(path_or_bytes, bytes):
        return Document(io.BytesIO(path_or_bytes))
    return Document(str(path_or_bytes))


def all_paragraphs(doc: Document):
    """Every paragraph of the body, table cells included, in document order."""
    from docx.text.paragraph import Paragraph

    return [Paragraph(p, doc) for p in doc.element.body.iter(qn("w:p"))]


def full_text(doc: Document) -> str:
    return "\n".join(p.text for p in all_paragraphs(doc))


def table_cell_texts(doc: Document) -> list[str]:
    texts = []
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                if not texts or texts[-1] != cell.text:
                    texts.append(cell.text)
    return texts


def cjk_runs_without_fonts(element) -> list[str]:
    """Texts of runs holding Chinese that lack an East Asian font or the zh-CN language."""
    bad = []
    for run in element.iter(qn("w:r")):
        text = "".join(t.text or "" for t in run.iter(qn("w:t")))
        if not CJK.search(text):
            continue
        rpr = run.find(qn("w:rPr"))
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        lang = rpr.find(qn("w:lang")) if rpr is not None else None
        if (
            fonts is None
            or not fonts.get(qn("w:eastAsia"))
            or lang is None
            or lang.get(qn("w:eastAsia")) != "zh-CN"
        ):
            bad.append(text)
    return bad


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux /proc; CI runs on Linux)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")
