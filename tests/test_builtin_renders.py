"""Each built-in template, filled with fixed data, renders exactly the document it did before.

The expected output (tests/fixtures/builtin_renders.json) was captured with the plain
Jinja environment docxtpl used to render with, before templates were rendered in a
sandbox: for every case, the text of each paragraph and a SHA-256 of each rendered XML
part. A change to how templates are rendered must change nothing a reader can see.
Regenerate it only for a deliberate change to a template:
`python3 -m tests.test_builtin_renders`.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from casework.exports.resume import fact_and_job_rows

FIXTURE = Path(__file__).with_name("fixtures") / "builtin_renders.json"
PARTS = ("word/document.xml", "word/header", "word/footer", "word/footnotes.xml")
SPECIAL = "甲 & <乙> \"丙\" '丁'"

ENTRY = {
    "kind": "work",
    "kind_label": "工作经历",
    "period": "2015.09—2018.07",
    "period_from": "2015-09",
    "period_to": "2018-07",
    "organisation": SPECIAL,
    "title": "保安",
    "detail": "门岗值守\n夜间巡逻",
}
CADRE = {"name": "杨志勇", "unit": "北京市某区人力资源和社会保障局", "phone": "010-12345678"}
VISIT = {
    "number": "一",
    "date": "2026年10月8日",
    "household": "韩福户（150521000101）",
    "household_code": "150521000101",
    "head_name": "韩福",
    "area": "科左中旗架玛吐镇大新艾力嘎查",
    "place": "家中",
    "kind": "入户走访",
    "cadres": "杨志勇、包金花",
    "people_met": "韩福、韩令春",
    "situation": "家中四口人\n儿子想外出务工",
    "requests": SPECIAL,
    "actions": "",
    "next_visit": "",
}


def _entry(**changes) -> dict:
    return ENTRY | changes


def resume_full() -> dict:
    data = {
        "person": {
            "name": "韩令春",
            "gender": "男",
            "age": 36,
            "age_text": "36岁",
            "birth_month": "1990年1月",
            "birth_date": "1990年1月1日",
            "ethnicity": "蒙古族",
            "education": "初中",
            "health": "健康",
            "phone": "13800001111",
            "hometown": "科左中旗架玛吐镇大新艾力嘎查",
            "political_status": "共青团员",
            "marital_status": "已婚",
        },
        "resume": {
            "title": "保安岗位简历",
            "target_job": "保安",
            "target_place": "北京",
            "expected_pay": "6000元/月",
            "available_from": "随时到岗",
            "phone": "13800001111",
            "self_description": "身体健康，能吃苦。\n愿意到北京务工。",
        },
        "photo": _jpeg(),
        "education_entries": [
            _entry(kind="education", kind_label="教育经历", organisation="架玛吐镇中学")
        ],
        "work_entries": [_entry(), _entry(period="2019.03—至今", detail="")],
        "certificate_entries": [
            _entry(kind="certificate", kind_label="技能证书", title="C1驾驶证", detail="")
        ],
        "training_entries": [_entry(kind="training", kind_label="培训经历", title="保安员培训")],
        "skill_entries": [_entry(kind="skill", kind_label="技能特长", title="电焊")],
        "skills_text": "电焊、驾驶",
        "cadre": CADRE,
        "today": "2026年11月27日",
    }
    return data | fact_and_job_rows(data["person"], data["resume"])


def resume_sparse() -> dict:
    data = resume_full()
    data["photo"] = None
    for kind in ("education", "work", "certificate", "training", "skill"):
        data[f"{kind}_entries"] = []
    data["skills_text"] = ""
    data["person"] = data["person"] | {
        "health": "",
        "age": "",
        "age_text": "",
        "political_status": "",
        "marital_status": "",
    }
    data["resume"] = data["resume"] | {
        "target_job": "",
        "target_place": "",
        "phone": "",
        "self_description": "",
    }
    data["cadre"] = {"name": "", "unit": "", "phone": ""}
    return data | fact_and_job_rows(data["person"], data["resume"])


def visit_log(visits: list[dict]) -> dict:
    return {
        "title": "走访日志",
        "scope": "大新艾力嘎查　2026年10月1日至2026年10月31日",
        "period": "2026年10月1日至2026年10月31日",
        "date_from": "2026年10月1日",
        "date_to": "2026年10月31日",
        "visit_count": len(visits),
        "household_count": 1 if visits else 0,
        "visits": visits,
        "cadre": CADRE,
        "today": "2026年11月27日",
    }


def household(members: bool) -> dict:
    member = {
        "name": "韩福",
        "relation": "户主",
        "gender": "男",
        "age": 62,
        "birth_date": "1964年3月5日",
        "ethnicity": "蒙古族",
        "id_number": "150521196403051234",
        "phone": "13900002222",
        "education": "小学",
        "health": "长期慢性病（高血压）",
        "labour_ability": "普通劳动力",
        "skills": SPECIAL,
        "work_status": "在家务农",
        "wish": "愿意外出·赴京·保安",
    }
    wish = {
        "name": "韩令春",
        "recorded_on": "2026-10-08",
        "willing": "愿意外出",
        "destinations": "北京",
        "job_kinds": "保安",
        "expected_pay": "6000元",
        "available_from": "",
        "constraints": "照顾老人",
        "training_wanted": "",
        "status": "有意愿待推荐",
        "notes": "",
    }
    return {
        "household": {
            "code": "150521000101",
            "head_name": "韩福",
            "status": "脱贫户",
            "area": "架玛吐镇 大新艾力嘎查",
            "area_full": "科左中旗架玛吐镇大新艾力嘎查",
            "address": "三组12号",
            "phone": "13900002222",
            "member_count": 2 if members else 0,
            "last_visit": "2026年10月8日",
            "next_visit": "",
            "notes": "备注\n第二行",
        },
        "members": [member, member | {"name": "韩令春", "relation": "儿子"}] if members else [],
        "wishes": [wish] if members else [],
        "visits": [VISIT, VISIT | {"number": "二", "actions": "推荐岗位"}] if members else [],
        "cadre": CADRE,
        "today": "2026年11月27日",
    }


def _jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (295, 413), (200, 210, 230)).save(out, "JPEG", quality=90)
    return out.getvalue()


CASES = {
    "个人简历-表格/full": ("个人简历-表格", "resume", resume_full),
    "个人简历-表格/sparse": ("个人简历-表格", "resume", resume_sparse),
    "个人简历-简洁/full": ("个人简历-简洁", "resume", resume_full),
    "个人简历-简洁/sparse": ("个人简历-简洁", "resume", resume_sparse),
    "走访日志/visits": ("走访日志", "visit_log", lambda: visit_log([VISIT, VISIT])),
    "走访日志/empty": ("走访日志", "visit_log", lambda: visit_log([])),
    "一户一档/full": ("一户一档", "household", lambda: household(True)),
    "一户一档/empty": ("一户一档", "household", lambda: household(False)),
}


def rendered(case: str) -> bytes:
    from casework.exports import render, resume
    from casework.exports.templates import load_template

    name, kind, make = CASES[case]
    data = make()
    if kind == "resume":
        return resume.render_resume(data, name)
    return render.render(load_template(name, kind), data)


def summary(content: bytes) -> dict:
    """What a reader sees (paragraph texts) and exactly what Word reads (hashes of the XML)."""
    from docx.oxml.ns import qn

    from tests.docs_helpers import open_docx

    doc = open_docx(content)
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.iter(qn("w:p"))]
    hashes = {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for member in sorted(archive.namelist()):
            if member.startswith(PARTS):
                hashes[member] = hashlib.sha256(archive.read(member)).hexdigest()
    return {"paragraphs": texts, "xml_sha256": hashes}


@pytest.mark.parametrize("case", list(CASES))
def test_builtin_template_renders_as_before(case):
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))[case]
    got = summary(rendered(case))
    assert got["paragraphs"] == expected["paragraphs"]
    assert got["xml_sha256"] == expected["xml_sha256"]


def _regenerate() -> None:
    FIXTURE.parent.mkdir(exist_ok=True)
    data = {case: summary(rendered(case)) for case in CASES}
    FIXTURE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {FIXTURE}")


if __name__ == "__main__":
    _regenerate()
