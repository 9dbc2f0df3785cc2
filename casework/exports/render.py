"""Rendering a checked template with docxtpl: a sandbox, strict fields, autoescape, fonts after.

A template is a file from outside, so it is rendered by Jinja's immutable sandbox,
narrowed further to what casework.exports.fields allows: no Jinja globals, only the
documented filters and tests, no calls, no arithmetic, no attribute of any Python
object (the data are plain dicts, lists and text; only `loop.index` and its kind are
attributes), and nothing but plain values printed. Should a template get past the
check, what it tries raises SecurityError, and no document is written.

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
from casework.exports.fields import FILTERS, LOOP_FIELDS, TESTS
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
    """The shared sandboxed Jinja environment (see the module docstring)."""
    global _environment
    if _environment is None:
        _environment = _sandbox_class()(
            autoescape=True, undefined=_strict_undefined(), finalize=_plain_value
        )
    return _environment


def _strict_undefined():
    from jinja2 import StrictUndefined

    return StrictUndefined


def _sandbox_class():
    from jinja2.runtime import LoopContext
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

    class PlainDataSandbox(ImmutableSandboxedEnvironment):
        """Reads plain data through documented filters; refuses everything else."""

        intercepted_binops = frozenset(["+", "-", "*", "/", "//", "%", "**"])
        intercepted_unops = frozenset(["+", "-"])

        def __init__(self, **options: Any) -> None:
            super().__init__(**options)
            self.globals.clear()  # no range, cycler, lipsum, joiner, namespace, dict
            self.filters = {name: self.filters[name] for name in FILTERS}
            self.tests = {name: self.tests[name] for name in TESTS}

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            # Dict keys are read as items, never as attributes; only loop has attributes.
            return isinstance(obj, LoopContext) and attr in LOOP_FIELDS

        def is_safe_callable(self, obj: Any) -> bool:
            return False

        def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
            raise SecurityError(f"arithmetic ({operator}) is not allowed in a template")

        def call_unop(self, context, operator: str, arg: Any) -> Any:
            raise SecurityError(f"arithmetic ({operator}) is not allowed in a template")

    return PlainDataSandbox


def _plain_value(value: Any) -> Any:
    """What `{{ … }}` may print: text, numbers, the data's dicts and lists, the photo."""
    from docxtpl import InlineImage
    from jinja2 import Undefined
    from jinja2.sandbox import SecurityError

    plain = (str, int, float, dict, list, tuple, InlineImage, Undefined)
    if value is None or isinstance(value, plain):
        return value  # an Undefined raises its own error when printed
    raise SecurityError(f"a template may not print a {type(value).__name__} object")


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
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.sandbox import SecurityError

    from casework.exports.tags import describe_syntax

    document = document if document is not None else new_template(template)
    try:
        document.render(clean_context(context), jinja_env=environment(), autoescape=True)
    except SecurityError:
        raise TemplateError(
            f"模板“{template.name}”中有不被允许的内容（模板只能读取 templates/README.md "
            "中列出的字段），已拒绝生成文档"
        ) from None
    except UndefinedError as error:
        raise TemplateError(
            f"模板“{template.name}”使用了数据中没有的字段（{error.message}），"
            "请对照 templates/README.md 修改模板"
        ) from None
    except TemplateSyntaxError as error:
        raise TemplateError(
            f"模板“{template.name}”无法生成文档：{describe_syntax(error)}"
        ) from None
    except JinjaError as error:
        raise TemplateError(f"模板“{template.name}”无法生成文档：{error}") from None
    finish_document(document.docx)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
