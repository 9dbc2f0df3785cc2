"""Rendering a checked template with docxtpl: strict fields, autoescape, Chinese fonts after.

docxtpl re-patches and re-compiles a template's XML on every render; a batch of a
thousand resumes renders the same template a thousand times, so the patched XML and
the compiled Jinja template are kept per template content and reused (the output is
the same; only the repeated work goes).
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from typing import Any

from casework.exports.docx_text import clean_context, finish_document
from casework.exports.templates import LoadedTemplate, TemplateError

_CACHE_SIZE = 32
_patched: OrderedDict[str, str] = OrderedDict()
_compiled: OrderedDict[str, Any] = OrderedDict()
_lock = threading.Lock()
_environment = None


def _remember(cache: OrderedDict, key: str, value: Any) -> None:
    with _lock:
        cache[key] = value
        cache.move_to_end(key)
        while len(cache) > _CACHE_SIZE:
            cache.popitem(last=False)


def environment():
    """The shared Jinja environment: autoescape on, a missing field an error, not a blank."""
    global _environment
    if _environment is None:
        from jinja2 import Environment, StrictUndefined

        _environment = Environment(autoescape=True, undefined=StrictUndefined)
    return _environment


def _template_class():
    from docxtpl import DocxTemplate

    class CachedTemplate(DocxTemplate):
        """docxtpl with its per-render XML patching and Jinja compiling remembered."""

        def patch_xml(self, src_xml: str) -> str:
            hit = _patched.get(src_xml)
            if hit is None:
                hit = super().patch_xml(src_xml)
                _remember(_patched, src_xml, hit)
            return hit

        def render_properties(self, context, jinja_env=None) -> None:
            # docxtpl compiles every core property as a template on every render; only
            # the ones that hold a tag need it.
            properties = self.docx.core_properties
            for name in ("author", "comments", "identifier", "language", "subject", "title"):
                value = getattr(properties, name)
                if value and ("{{" in value or "{%" in value):
                    rendered = (jinja_env or environment()).from_string(value).render(context)
                    setattr(properties, name, rendered)

        def render_xml_part(self, src_xml, part, context, jinja_env=None):
            env = jinja_env or environment()
            original = env.from_string

            def from_string(source, *args, **kwargs):
                compiled = _compiled.get(source)
                if compiled is None:
                    compiled = original(source, *args, **kwargs)
                    _remember(_compiled, source, compiled)
                return compiled

            # docxtpl calls env.from_string once per part; hand it the remembered one.
            proxy = _EnvironmentProxy(env, from_string)
            return super().render_xml_part(src_xml, part, context, proxy)

    return CachedTemplate


class _EnvironmentProxy:
    """An environment whose from_string is cached; everything else is the real one."""

    def __init__(self, env, from_string) -> None:
        self._env = env
        self.from_string = from_string

    def __getattr__(self, name: str) -> Any:
        return getattr(self._env, name)


_class = None


def new_template(template: LoadedTemplate):
    """A fresh docxtpl document of `template` (InlineImage needs it before rendering)."""
    global _class
    if _class is None:
        _class = _template_class()
    return _class(io.BytesIO(template.data))


def render(template: LoadedTemplate, context: dict, document=None) -> bytes:
    """The rendered .docx as bytes; TemplateError (Chinese) if the template asks for a field
    the data does not have.

    `document` is the object from `new_template` when the context holds images made for it.
    """
    from jinja2 import TemplateError as JinjaError
    from jinja2 import UndefinedError

    document = document if document is not None else new_template(template)
    try:
        document.render(clean_context(context), jinja_env=environment(), autoescape=True)
    except UndefinedError as error:
        raise TemplateError(
            f"模板“{template.name}”使用了数据中没有的字段（{error.message}），"
            "请对照 templates/README.md 修改模板"
        ) from None
    except JinjaError as error:
        raise TemplateError(f"模板“{template.name}”无法生成文档：{error}") from None
    finish_document(document.docx)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
