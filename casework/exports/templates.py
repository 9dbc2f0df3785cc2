"""Word templates: the built-in ones in `templates/`, a user's changed copies, and their check.

A user (an office) may put a changed copy of a template, under the same name, in the
user templates folder; it then replaces the built-in one. A template is what a kind
of document (resume, visit log, household file, work report) looks like; which kind a
file is for is told by its name (简历 / 走访日志 / 一户一档 / 简报). Every template is
checked when it is loaded, because Word happily breaks a tag in two, an office may
mistype a field, and a file received from elsewhere may try to run code: broken files,
invalid XML, tags split across paragraphs or runs of text, Jinja syntax errors, unknown
fields and anything beyond reading the documented fields (casework.exports.fields) are
refused with a Chinese message naming the problem, instead of producing a broken
document.
"""

from __future__ import annotations

import io
import os
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

from casework import paths
from casework.exports.fields import FIELDS, KIND_LABEL, field_problems

# In a built app this is inside the bundle, read-only: a cadre's edits go to user_dir().
BUILTIN_DIR = paths.builtin_templates_dir()
SUFFIX = ".docx"
DEFAULT_TEMPLATE = {
    "resume": "个人简历-表格",
    "visit_log": "走访日志",
    "household": "一户一档",
    "report": "工作简报",
}
# Which kind of document a template is for, told by a word in its name.
NAME_HINTS = [
    ("简历", "resume"),
    ("走访", "visit_log"),
    ("一户一档", "household"),
    ("户档", "household"),
    ("简报", "report"),
]
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc


class TemplateError(ValueError):
    """A template that cannot be used; the message (Chinese) says which and why."""


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    kind: str | None
    path: Path
    user: bool  # from the user templates folder (overriding a built-in one of that name)

    @property
    def origin(self) -> str:
        return "自定义" if self.user else "内置"


@dataclass(frozen=True)
class LoadedTemplate:
    """A checked template, its bytes in memory (a batch renders it many times)."""

    name: str
    kind: str
    path: Path
    data: bytes
    key: str  # identifies this exact file content, for render caches


def user_dir() -> Path:
    """The user templates folder (created on demand): <user data dir>/casework/templates."""
    return paths.user_templates_dir()


def kind_of(name: str) -> str | None:
    for hint, kind in NAME_HINTS:
        if hint in name:
            return kind
    return None


def list_templates(kind: str | None = None) -> list[TemplateInfo]:
    """Templates by name, a user's copy replacing the built-in one of the same name."""
    found: dict[str, TemplateInfo] = {}
    for folder, user in ((BUILTIN_DIR, False), (user_dir(), True)):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*" + SUFFIX)):
            if path.name.startswith(("~$", ".")):  # Word's lock files, our temp files
                continue
            found[path.stem] = TemplateInfo(path.stem, kind_of(path.stem), path, user)
    rows = [info for info in found.values() if kind is None or info.kind == kind]
    builtin_order = list(DEFAULT_TEMPLATE.values())
    return sorted(rows, key=lambda i: (i.kind or "", i.name not in builtin_order, i.name))


def template_names(kind: str) -> list[str]:
    return [info.name for info in list_templates(kind)]


def find_template(name: str | None, kind: str) -> TemplateInfo:
    """The template called `name` (or a path to a .docx), or the kind's default."""
    name = (name or "").strip() or DEFAULT_TEMPLATE[kind]
    if name.lower().endswith(SUFFIX) and (os.sep in name or "/" in name or Path(name).is_file()):
        path = Path(name).expanduser()
        if not path.is_file():
            raise TemplateError(f"找不到模板文件：{path}")
        return TemplateInfo(path.stem, kind, path, True)
    for info in list_templates():
        if info.name == name:
            if info.kind not in (None, kind):
                raise TemplateError(
                    f"模板“{name}”是{KIND_LABEL[info.kind]}模板，不能用来生成{KIND_LABEL[kind]}"
                )
            return info
    choices = "、".join(template_names(kind)) or "无"
    raise TemplateError(f"没有名为“{name}”的{KIND_LABEL[kind]}模板。可用的模板：{choices}")


_cache: dict[tuple, LoadedTemplate] = {}
_cache_lock = threading.Lock()


def load_template(name: str | None, kind: str) -> LoadedTemplate:
    """Find, read and check a template; a changed file is checked again, an unchanged one not."""
    info = find_template(name, kind)
    try:
        stat = info.path.stat()
    except OSError as error:
        raise TemplateError(f"无法读取模板“{info.name}”（{info.path}）：{error.strerror}") from None
    key = (str(info.path), stat.st_mtime_ns, stat.st_size, kind)
    with _cache_lock:
        cached = _cache.get(key)
    if cached is not None:
        return cached
    data = info.path.read_bytes()
    problems = check_bytes(data, kind)
    if problems:
        where = "自定义模板" if info.user else "模板"
        raise TemplateError(
            f"{where}“{info.name}”有问题，不能使用（文件：{info.path}）：\n"
            + "\n".join(f"· {p}" for p in problems)
        )
    loaded = LoadedTemplate(info.name, kind, info.path, data, "|".join(map(str, key)))
    with _cache_lock:
        _cache[key] = loaded
    return loaded


def check_file(path: str | os.PathLike[str], kind: str | None = None) -> list[str]:
    """Problems found in a template file (empty when it is fine), in Chinese."""
    path = Path(path)
    kind = kind or kind_of(path.stem)
    if kind is None:
        return [
            f"无法从文件名“{path.name}”判断模板用途：文件名中应含有“简历”、“走访日志”或“一户一档”"
        ]
    try:
        data = path.read_bytes()
    except OSError as error:
        return [f"无法读取文件：{error.strerror or error}"]
    return check_bytes(data, kind)


def check_bytes(data: bytes, kind: str) -> list[str]:
    """Every problem of a template's content for documents of `kind`."""
    structure = _zip_problems(data)
    if structure:
        return structure
    from casework.exports import tags

    problems = tags.split_tag_problems(data)
    if problems:
        return problems  # the Jinja check would only repeat them, less clearly
    sources, syntax = tags.jinja_sources(data)
    if syntax:
        return [syntax]
    problems = []
    for source in sources:
        problems += field_problems(source, FIELDS[kind])
    return list(dict.fromkeys(problems))


def _zip_problems(data: bytes) -> list[str]:
    from lxml import etree

    if data.startswith(OLE_MAGIC):
        return ["这是旧版 Word 97-2003（.doc）文件，请在 Word 中“另存为” .docx 格式"]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return ["不是有效的 Word（.docx）文件：文件已损坏，或只是把扩展名改成了 .docx"]
    with archive:
        names = archive.namelist()
        if "word/document.xml" not in names:
            return ["不是有效的 Word（.docx）文件：缺少正文部分 word/document.xml"]
        problems = []
        for member in names:
            if not member.endswith((".xml", ".rels")):
                continue
            try:
                etree.fromstring(archive.read(member))
            except etree.XMLSyntaxError as error:
                line = error.lineno or "?"
                problems.append(f"文件内部的 XML 已损坏：{member} 第 {line} 行（{error.msg}）")
            except (zipfile.BadZipFile, OSError, RuntimeError):
                problems.append(f"文件内部的 {member} 无法解压，文件已损坏")
        return problems
