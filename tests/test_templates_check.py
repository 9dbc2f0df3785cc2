"""Templates: built-in ones are sound, a user's copy overrides them, a broken one is refused."""

from __future__ import annotations

import io
import zipfile

import pytest

from casework import cli
from casework.exports import templates
from casework.exports.templates import TemplateError

BUILTIN = templates.BUILTIN_DIR


def rewrite(name: str, change) -> bytes:
    """A built-in template with `change(document_xml) -> document_xml` applied."""
    source = (BUILTIN / f"{name}.docx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "word/document.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            new.writestr(item, data)
    return out.getvalue()


def user_copy(name: str, data: bytes):
    folder = templates.user_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.docx"
    path.write_bytes(data)
    return path


def test_every_builtin_template_passes_its_check():
    found = templates.list_templates()
    assert {t.name for t in found} >= {"个人简历-表格", "个人简历-简洁", "走访日志", "一户一档"}
    for info in found:
        assert templates.check_file(info.path) == [], info.name
        assert not info.user


def test_template_names_by_kind():
    assert templates.template_names("resume")[:2] == ["个人简历-表格", "个人简历-简洁"]
    assert templates.template_names("visit_log") == ["走访日志"]
    assert templates.find_template(None, "household").name == "一户一档"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda x: x.replace("person.name", "person.nmae"), ["未知的字段", "person.nmae"]),
        (lambda x: x.replace("{{ skills_text }}", "{{ hobbies }}"), ["未知的字段", "hobbies"]),
        (lambda x: x.replace("e.organisation", "e.company", 1), ["e.company"]),
        (lambda x: x.replace("{%tr endfor %}", "{%tr endfr %}", 1), ["标签语法错误"]),
        (
            lambda x: x.replace("{{ person.gender }}", "{{ person.gender", 1),
            ["没有结束", "不能跨段落"],
        ),
        (lambda x: x.replace("{{ person.gender }}", "｛｛ person.gender ｝｝", 1), ["全角括号"]),
        (lambda x: x.replace("{{ person.gender }}", "{{ person。gender }}", 1), ["全角字符"]),
        (lambda x: x.replace("</w:body>", "<w:p></w:body>", 1), ["XML 已损坏", "document.xml"]),
    ],
    ids=[
        "attribute",
        "name",
        "loop-item",
        "syntax",
        "unclosed",
        "full-width-brace",
        "full-width-dot",
        "xml",
    ],
)
def test_broken_template_is_refused_with_a_message(change, words):
    problems = templates.check_bytes(rewrite("个人简历-表格", change), "resume")
    assert problems
    joined = "\n".join(problems)
    for word in words:
        assert word in joined, joined


def test_tag_split_across_two_paragraphs_is_found():
    def split(xml: str) -> str:
        return xml.replace(
            "{{ person.gender }}", "{{ person.</w:t></w:r></w:p><w:p><w:r><w:t>gender }}", 1
        )

    problems = templates.check_bytes(rewrite("个人简历-表格", split), "resume")
    assert any("不能跨段落" in p for p in problems), problems


def test_tag_split_across_runs_of_one_paragraph_is_fine():
    def split(xml: str) -> str:
        return xml.replace("{{ person.gender }}", "{{ person.</w:t></w:r><w:r><w:t>gender }}", 1)

    assert templates.check_bytes(rewrite("个人简历-表格", split), "resume") == []


@pytest.mark.parametrize(
    ("data", "word"),
    [
        (b"not a zip at all", "不是有效的 Word"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "97-2003"),
        (b"", "不是有效的 Word"),
    ],
)
def test_files_that_are_not_docx_are_refused(data, word):
    assert word in templates.check_bytes(data, "resume")[0]


def test_a_user_copy_overrides_the_builtin_one():
    data = rewrite("走访日志", lambda x: x.replace("{{ title }}", "{{ title }}（本单位版）"))
    path = user_copy("走访日志", data)
    info = templates.find_template("走访日志", "visit_log")
    assert info.user and info.path == path and info.origin == "自定义"
    assert templates.load_template("走访日志", "visit_log").data == data


def test_a_broken_user_copy_is_refused_on_load_naming_the_file():
    path = user_copy(
        "个人简历-表格", rewrite("个人简历-表格", lambda x: x.replace("person.name", "person.nmae"))
    )
    with pytest.raises(TemplateError) as caught:
        templates.load_template(None, "resume")
    message = str(caught.value)
    assert "自定义模板“个人简历-表格”有问题" in message and str(path) in message
    assert "person.nmae" in message


def test_a_fixed_user_copy_is_checked_again():
    path = user_copy(
        "个人简历-表格", rewrite("个人简历-表格", lambda x: x.replace("person.name", "person.nmae"))
    )
    with pytest.raises(TemplateError):
        templates.load_template(None, "resume")
    path.write_bytes((BUILTIN / "个人简历-表格.docx").read_bytes() + b"")
    import os

    os.utime(path, ns=(1, 1))  # a different mtime, as saving in Word gives
    assert templates.load_template(None, "resume").path == path


def test_a_template_used_for_another_kind_is_refused():
    with pytest.raises(TemplateError, match="不能用来生成"):
        templates.find_template("一户一档", "resume")


def test_cli_templates_check(tmp_path, capsys):
    assert cli.main(["templates", "check"]) == 0
    out = capsys.readouterr().out
    assert "✓ 个人简历-表格（内置）" in out and "全部可用" in out
    broken = tmp_path / "我的简历.docx"
    broken.write_bytes(rewrite("个人简历-表格", lambda x: x.replace("person.name", "person.nmae")))
    assert cli.main(["templates", "check", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "✗ 我的简历.docx" in out and "person.nmae" in out
    assert cli.main(["templates", "check", str(tmp_path / "无.docx")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    odd = tmp_path / "随便.docx"
    odd.write_bytes((BUILTIN / "走访日志.docx").read_bytes())
    assert cli.main(["templates", "check", str(odd)]) == 1
    assert "无法从文件名" in capsys.readouterr().out


def test_cli_templates_list_names_the_user_folder(capsys):
    assert cli.main(["templates", "list"]) == 0
    out = capsys.readouterr().out
    assert str(templates.user_dir()) in out and "个人简历-简洁" in out


def test_readme_lists_every_field_a_template_may_use():
    from casework.exports.fields import FIELDS, ListOf, Obj

    readme = (BUILTIN / "README.md").read_text(encoding="utf-8")
    missing = []
    for kind, fields in FIELDS.items():
        for name, shape in fields.items():
            if f"`{name}" not in readme:
                missing.append(f"{kind}: {name}")
            if isinstance(shape, Obj):
                missing += [
                    f"{kind}: {name}.{k}" for k in shape.keys if f"`{name}.{k}`" not in readme
                ]
            if isinstance(shape, ListOf):
                missing += [f"{kind}: {name}[].{k}" for k in shape.keys if f".{k}`" not in readme]
    assert missing == []
