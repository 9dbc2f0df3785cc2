"""Hostile templates: every payload is refused by the check and again by rendering, harmlessly.

Each payload would, in a plain Jinja environment, run a command or write a file that
creates MARKER in the test's folder (or hang the machine). Here it is refused in
Chinese by `templates check`, by loading it as a user template, and, with the check
bypassed, by the sandboxed renderer; no MARKER appears and no document is written.
"""

from __future__ import annotations

import io
import re
import time

import pytest
from docx import Document

from casework import cli
from casework.exports import resume, templates, visit_log
from casework.exports.templates import TemplateError
from tests.test_builtin_renders import resume_full

CJK = re.compile(r"[\u4e00-\u9fff]")
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
OS = "__init__.__globals__.os"
TOUCH = "popen('touch MARKER').read()"

PAYLOADS = {
    "cycler": f"{{{{ cycler.{OS}.{TOUCH} }}}}",
    "lipsum": f"{{{{ lipsum.__globals__['os'].{TOUCH} }}}}",
    "joiner": f"{{{{ joiner.{OS}.{TOUCH} }}}}",
    "namespace": f"{{{{ namespace.{OS}.{TOUCH} }}}}",
    "mro-chain": "{{ person.name.__class__.__mro__[1].__subclasses__() }}",
    "item": "{{ person['__class__'].__mro__[1].__subclasses__() }}",
    "attr-filter": "{{ (person|attr('__class__')).__mro__ }}",
    "set": f"{{% set x = cycler.{OS} %}}{{{{ x.{TOUCH} }}}}",
    "range-hang": "{% for i in range(10**9) %}{{ i }}{% endfor %}",
    "power-hang": "{{ 10**10**10 }}",
    "repeat-hang": "{{ 'x' * 1000000000 }}",
    "format": "{{ '{0.__class__.__mro__}'.format(person) }}",
    "self": "{{ self }}",
    "self-context": f"{{{{ self._TemplateReference__context.cycler.{OS}.{TOUCH} }}}}",
    "config": "{{ config }}",
    "config-chain": f"{{{{ config.__class__.{OS}.{TOUCH} }}}}",
    "photo-object": "{{ photo.tpl.save('MARKER') }}",
    "dict-method": "{{ person.update({'name': 'x'}) }}",
    "loop-cycle": "{% for e in work_entries %}{{ loop.cycle.__globals__ }}{% endfor %}",
}


def hostile_docx(payload: str, where: str = "body") -> bytes:
    """A one-paragraph Word file holding `payload` in its body, header or title."""
    document = Document()
    if where == "header":
        document.sections[0].header.paragraphs[0].text = payload
        document.add_paragraph("{{ person.name }}")
    elif where == "title":
        document.core_properties.title = payload
        document.add_paragraph("{{ person.name }}")
    else:
        document.add_paragraph("简历：")
        document.add_paragraph(payload)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """The folder MARKER would appear in: the current directory of the test."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def assert_harmless(folder, before: set) -> None:
    assert not (folder / "MARKER").exists()
    assert {p.name for p in folder.iterdir()} == before


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_templates_check_refuses_naming_the_tag(payload, workdir, capsys):
    path = workdir / "外来简历.docx"
    path.write_bytes(hostile_docx(payload))
    before = {p.name for p in workdir.iterdir()}
    started = time.monotonic()
    assert cli.main(["templates", "check", str(path)]) == 1
    assert time.monotonic() - started < 30  # parsed, never evaluated: no hang
    out = capsys.readouterr().out
    named = [tag for tag in TAG.findall(payload) if f"模板中的标记 {tag} 不被允许：" in out]
    assert named, out
    assert "✗ 外来简历.docx" in out and "有 1 个模板不能使用" in out
    assert_harmless(workdir, before)


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_a_user_template_with_it_is_refused_on_load(payload, workdir):
    folder = templates.user_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "个人简历-表格.docx").write_bytes(hostile_docx(payload))
    before = {p.name for p in workdir.iterdir()}
    with pytest.raises(TemplateError) as refused:
        templates.load_template(None, "resume")
    message = str(refused.value)
    assert "自定义模板“个人简历-表格”有问题，不能使用" in message and "不被允许" in message
    assert_harmless(workdir, before)


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_rendering_refuses_it_even_when_the_check_is_bypassed(payload, workdir, monkeypatch):
    monkeypatch.setattr(templates, "check_bytes", lambda data, kind: [])
    source = workdir / "外来简历.docx"
    source.write_bytes(hostile_docx(payload))
    out = workdir / "out"
    out.mkdir()
    before = {p.name for p in workdir.iterdir()}
    with pytest.raises(TemplateError) as refused:
        resume.write_resume(resume_full(), out, str(source))
    message = str(refused.value)
    assert message.startswith("模板“外来简历”") and CJK.search(message.split("（")[0])
    assert any(
        words in message for words in ("不被允许", "数据中没有的字段", "没有名为", "无法生成")
    ), message
    assert list(out.iterdir()) == []  # no document written
    assert_harmless(workdir, before)


@pytest.mark.parametrize("where", ["header", "title"])
def test_headers_and_document_properties_are_checked_too(where, workdir):
    data = hostile_docx(PAYLOADS["cycler"], where)
    problems = templates.check_bytes(data, "resume")
    assert problems and "“cycler”是 Jinja 自带的对象" in problems[0], problems
    assert not (workdir / "MARKER").exists()


def test_a_refused_visit_log_template_writes_nothing(db, workdir, monkeypatch):
    monkeypatch.setattr(templates, "check_bytes", lambda data, kind: [])
    source = workdir / "走访日志-外来.docx"
    source.write_bytes(hostile_docx(PAYLOADS["lipsum"]))
    out = workdir / "out"
    out.mkdir()
    with pytest.raises(TemplateError, match="数据中没有的字段"):
        visit_log.export_visit_log(visit_log.Scope(), out, str(source))
    assert list(out.iterdir()) == [] and not (workdir / "MARKER").exists()


def test_what_templates_may_do_still_works(workdir):
    """Fields, loops with loop.index, conditions and the documented filters pass and render."""
    tags = (
        "{% for e in work_entries %}{{ loop.index }}.{{ e.title|upper }}"
        "{% if not loop.last %}；{% endif %}{% endfor %}"
        "|{{ work_entries|join('、', 'organisation') }}"
        "|{{ [person.name, person.gender, '']|select|join('/') }}"
        "|{{ work_entries|first|default('') and (work_entries|first).period }}"
        "|{{ person.health or '未填' }}"
        "{% if person.age is number %}|{{ person.age_text }}{% endif %}"
    )
    path = workdir / "我的简历.docx"
    path.write_bytes(hostile_docx(tags))
    assert templates.check_file(path) == []
    data = resume_full()
    data["work_entries"][1]["title"] = "cook"
    written = resume.write_resume(data, workdir / "out.docx", str(path))
    text = Document(str(written)).paragraphs[1].text
    assert text == (
        "1.保安；2.COOK|甲 & <乙> \"丙\" '丁'、甲 & <乙> \"丙\" '丁'|韩令春/男"
        "|2015.09—2018.07|健康|36岁"
    )


def test_readme_lists_what_a_template_may_use():
    from casework.exports.fields import FILTERS, LOOP_FIELDS, TESTS

    readme = (templates.BUILTIN_DIR / "README.md").read_text(encoding="utf-8")
    missing = [f for f in FILTERS | TESTS if f"`{f}`" not in readme]
    missing += [f"loop.{f}" for f in LOOP_FIELDS if f"`loop.{f}`" not in readme]
    assert missing == []
