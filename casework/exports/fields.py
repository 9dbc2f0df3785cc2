"""The fields each kind of template may use (documented in templates/README.md), and their check.

A template is a file from outside (an office restyles it and sends it on), so what it
may do is an allow-list, checked on Jinja's own parse of its tags before it is ever
rendered: read the documented fields (and, inside `{% for x in a_list %}`, the fields
of `x` and `loop`), test them with `{% if %}`, loop over the documented lists, and
pass values through a few harmless filters. Everything else is refused with a Chinese
sentence naming the tag: unknown fields (`{{ person.nmae }}`), attributes outside the
tree (`{{ person.name.__class__ }}`), Jinja's own objects (`cycler`, `range`...),
calls, arithmetic, `{% set %}`, macros, includes. The renderer
(casework.exports.render) enforces the same limits again in a sandbox.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Obj:
    """A dict with these keys."""

    keys: frozenset[str]


@dataclass(frozen=True)
class ListOf:
    """A list of dicts with these keys."""

    keys: frozenset[str]


def _keys(text: str) -> frozenset[str]:
    return frozenset(text.split())


SCALAR = None
ENTRY = ListOf(_keys("kind kind_label period period_from period_to organisation title detail"))
CADRE = Obj(_keys("name unit phone"))
FACT_ROWS = ListOf(_keys("label1 value1 label2 value2"))
VISIT = ListOf(
    _keys(
        "number date household household_code head_name area place kind cadres people_met "
        "situation requests actions next_visit"
    )
)

FIELDS: dict[str, dict[str, object]] = {
    "resume": {
        "person": Obj(
            _keys(
                "name gender age age_text birth_month birth_date ethnicity education health "
                "phone hometown political_status marital_status"
            )
        ),
        "resume": Obj(
            _keys(
                "title target_job target_place expected_pay available_from phone self_description"
            )
        ),
        "photo": SCALAR,
        "fact_rows": FACT_ROWS,
        "job_rows": FACT_ROWS,
        "education_entries": ENTRY,
        "work_entries": ENTRY,
        "certificate_entries": ENTRY,
        "training_entries": ENTRY,
        "skill_entries": ENTRY,
        "skills_text": SCALAR,
        "cadre": CADRE,
        "today": SCALAR,
    },
    "visit_log": {
        "title": SCALAR,
        "scope": SCALAR,
        "period": SCALAR,
        "date_from": SCALAR,
        "date_to": SCALAR,
        "visit_count": SCALAR,
        "household_count": SCALAR,
        "visits": VISIT,
        "cadre": CADRE,
        "today": SCALAR,
    },
    "household": {
        "household": Obj(
            _keys(
                "code head_name status area area_full address phone member_count last_visit "
                "next_visit notes"
            )
        ),
        "members": ListOf(
            _keys(
                "name relation gender age birth_date ethnicity id_number phone education health "
                "labour_ability skills work_status wish"
            )
        ),
        "wishes": ListOf(
            _keys(
                "name recorded_on willing destinations job_kinds expected_pay available_from "
                "constraints training_wanted status notes"
            )
        ),
        "visits": VISIT,
        "cadre": CADRE,
        "today": SCALAR,
    },
}
REPORT_ROW = Obj(_keys("name in_beijing placed_in_beijing local_employment trained_people visits"))
FIELDS["report"] = {
    "title": SCALAR,
    "scope": SCALAR,
    "sentences": ListOf(_keys("text")),
    "table_title": SCALAR,
    "area_heading": SCALAR,
    "rows": ListOf(REPORT_ROW.keys),
    "total": REPORT_ROW,
    "charts_title": SCALAR,
    "trend_chart": SCALAR,
    "trend_caption": SCALAR,
    "bars_chart": SCALAR,
    "bars_caption": SCALAR,
    "rules": SCALAR,
    "cadre": CADRE,
    "today": SCALAR,
}
KIND_LABEL = {
    "resume": "简历",
    "visit_log": "走访日志",
    "household": "一户一档",
    "report": "工作简报",
}

# What a template may do besides reading fields (templates/README.md lists these too).
FILTERS = frozenset(
    "select reject join default d length count first last reverse upper lower trim replace "
    "truncate".split()
)
TESTS = frozenset("defined undefined none string number true false eq ne equalto in".split())
LOOP_FIELDS = frozenset("index index0 revindex revindex0 first last length".split())
# Names Jinja itself provides inside a template; none of them is plain data.
JINJA_NAMES = frozenset(
    "range dict lipsum cycler joiner namespace self caller varargs kwargs".split()
)
# The other shapes an expression can have: loop, a [list, of, values], anything (only
# after a refusal, so one mistake is reported once and not again for every use).
LOOP = "loop"
VALUES = "values"
ANY = "any"
README = "（可用的字段见 templates/README.md）"

_STATEMENTS_REFUSED = {
    "Assign": "不能用 {% set %} 定义变量",
    "AssignBlock": "不能用 {% set %} 定义变量",
    "With": "不能用 {% with %} 定义变量",
    "Macro": "不能定义宏（macro）",
    "CallBlock": "不能调用宏（call）",
    "FilterBlock": "不能使用 {% filter %} 块",
    "Include": "不能引用其他模板",
    "Import": "不能引用其他模板",
    "FromImport": "不能引用其他模板",
    "Extends": "不能引用其他模板",
    "Block": "不能定义模板块（block）",
    "Scope": "不能关闭或改变转义（autoescape）",  # what Jinja makes of {% autoescape %}
    "ScopedEvalContextModifier": "不能关闭或改变转义（autoescape）",
    "EvalContextModifier": "不能关闭或改变转义（autoescape）",
}
_ARITHMETIC = ("Add", "Sub", "Mul", "Div", "FloorDiv", "Mod", "Pow", "Neg", "Pos")


class _Refused(Exception):
    def __init__(self, reason: str, lineno: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.lineno = lineno


def field_problems(source: str, fields: dict[str, object]) -> list[str]:
    """What the Jinja `source` does that a template may not, as Chinese sentences naming tags.

    `source` is what docxtpl renders, each tag starting a line (casework.exports.tags),
    so a refused node's line number finds the tag it is in.
    """
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    found: list[tuple[int, str]] = []
    tree = ImmutableSandboxedEnvironment().parse(source)  # parsed only, never compiled
    _Checker(found).statements(tree.body, dict(fields))
    problems = []
    for lineno, reason in found:
        problems.append(f"模板中的标记 {_tag_at(source, lineno)} 不被允许：{reason}")
    return list(dict.fromkeys(problems))


def _tag_at(source: str, lineno: int) -> str:
    """The text of the tag that starts on or before line `lineno` (XML tags removed)."""
    lines = source.split("\n")
    index = min(max(lineno, 1), len(lines)) - 1
    while index > 0 and not lines[index].startswith(("{{", "{%")):
        index -= 1
    text = "\n".join(lines[index : index + 20])
    match = re.match(r"\{\{.*?\}\}|\{%.*?%\}", text, re.DOTALL)
    tag = re.sub(r"<[^>]+>", "", match.group(0) if match else lines[index])
    tag = " ".join(tag.split())
    return tag if len(tag) <= 120 else tag[:120] + "…"


class _Checker:
    """Walks a parsed template, recording (line, reason) for everything not allowed."""

    def __init__(self, found: list[tuple[int, str]]) -> None:
        from jinja2 import nodes

        self.nodes = nodes
        self.found = found

    def refuse(self, reason: str, node) -> None:
        raise _Refused(reason, node.lineno)

    def statements(self, body: list, scope: dict[str, object]) -> None:
        for node in body:
            try:
                self.statement(node, scope)
            except _Refused as refused:
                self.found.append((refused.lineno or _first_line(node), refused.reason))

    def statement(self, node, scope: dict[str, object]) -> None:
        n = self.nodes
        if isinstance(node, n.Output):
            for child in node.nodes:
                self.guarded(child, scope)
        elif isinstance(node, n.If):
            self.guarded(node.test, scope)
            self.statements(node.body, scope)
            for branch in node.elif_:
                self.statement(branch, scope)
            self.statements(node.else_, scope)
        elif isinstance(node, n.For):
            self.loop(node, scope)
        else:
            kind = type(node).__name__
            self.refuse(_STATEMENTS_REFUSED.get(kind, f"不能使用 {kind} 语句"), node)

    def guarded(self, expr, scope: dict[str, object]) -> object:
        """The shape of `expr`, or ANY after recording why it is refused."""
        try:
            return self.shape(expr, scope)
        except _Refused as refused:
            self.found.append((refused.lineno, refused.reason))
            return ANY

    def loop(self, node, scope: dict[str, object]) -> None:
        n = self.nodes
        iterable = self.guarded(node.iter, scope)
        if isinstance(iterable, ListOf):
            item: object = Obj(iterable.keys)
        elif iterable in (VALUES, ANY):
            item = SCALAR if iterable == VALUES else ANY
        else:
            item = ANY
            self.found.append((node.lineno, f"只能对列表循环，“{_path(node.iter, n)}”不是列表"))
        if not isinstance(node.target, n.Name) or node.target.name.startswith("_"):
            self.found.append((node.lineno, "循环变量只能是一个不以“_”开头的名字"))
        elif node.recursive:
            self.found.append((node.lineno, "循环不能递归（recursive）"))
        inner = dict(scope)
        if isinstance(node.target, n.Name):
            inner[node.target.name] = item
        if node.test is not None:
            self.guarded(node.test, inner)
        self.statements(node.body, inner | {"loop": LOOP})
        self.statements(node.else_, scope)

    # ------------------------------------------------------------ expressions

    def shape(self, expr, scope: dict[str, object]) -> object:
        n = self.nodes
        if isinstance(expr, (n.Const, n.TemplateData)):
            return SCALAR
        if isinstance(expr, n.Name):
            return self.name(expr, scope)
        if isinstance(expr, (n.Getattr, n.Getitem)):
            return self.member(expr, scope)
        if isinstance(expr, (n.List, n.Tuple)):
            for item in expr.items:
                if self.shape(item, scope) not in (SCALAR, ANY):
                    self.refuse(f"方括号列表里只能放字段的值，“{_path(item, n)}”不是", item)
            return VALUES
        if isinstance(expr, n.Filter):
            return self.filter(expr, scope)
        if isinstance(expr, n.Test):
            self.shape(expr.node, scope)
            self.arguments(expr, scope, expr.name in TESTS, f"没有名为“{expr.name}”的判断")
            return SCALAR
        if isinstance(expr, (n.And, n.Or, n.CondExpr)):
            parts = [expr.left, expr.right] if not isinstance(expr, n.CondExpr) else []
            if isinstance(expr, n.CondExpr):
                self.shape(expr.test, scope)
                parts = [p for p in (expr.expr1, expr.expr2) if p is not None]
            shapes = [self.shape(p, scope) for p in parts]
            return shapes[0] if len(set(shapes)) == 1 else SCALAR
        if isinstance(expr, (n.Not, n.Compare, n.Concat, n.Operand)):
            for child in expr.iter_child_nodes():
                self.shape(child, scope)
            return SCALAR
        if isinstance(expr, n.Call):
            self.shape(expr.node, scope)
            self.refuse("模板中不能调用函数或方法", expr)
        if type(expr).__name__ in _ARITHMETIC:
            self.refuse("模板中不能做算术运算", expr)
        if isinstance(expr, n.Slice):
            self.refuse("不能截取列表或文字的片段", expr)
        if isinstance(expr, n.Dict):
            self.refuse("模板中不能写字典", expr)
        self.refuse(f"不能使用 {type(expr).__name__}", expr)

    def name(self, expr, scope: dict[str, object]) -> object:
        name = expr.name
        if name.startswith("_"):
            self.refuse(f"不能使用以“_”开头的名字“{name}”", expr)
        if name in scope:
            return scope[name]
        if name == "loop":
            self.refuse("“loop”只能在 {% for %} 循环里使用", expr)
        if name in JINJA_NAMES:
            self.refuse(f"“{name}”是 Jinja 自带的对象，不是模板的字段，模板中不能使用", expr)
        self.refuse(f"使用了未知的字段“{name}”{README}", expr)

    def member(self, expr, scope: dict[str, object]) -> object:
        n = self.nodes
        base = self.shape(expr.node, scope)
        if isinstance(expr, n.Getattr):
            key = expr.attr
        elif isinstance(expr.arg, n.Const) and isinstance(expr.arg.value, (str, int)):
            key = expr.arg.value
        else:
            self.refuse("方括号里只能写字段名或序号", expr)
        where = _path(expr.node, n)
        if isinstance(key, str) and key.startswith("_"):
            self.refuse(f"不能访问以“_”开头的内部属性“{key}”", expr)
        if isinstance(key, int) and not isinstance(key, bool):
            if isinstance(base, ListOf) and key >= 0:
                return Obj(base.keys)
            if base == VALUES and key >= 0:
                return SCALAR
            self.refuse(f"“{where}”不是列表，不能按序号取", expr)
        if base == ANY:
            return ANY
        if isinstance(base, Obj):
            if key in base.keys:
                return SCALAR
            self.refuse(f"使用了未知的字段“{where}.{key}”{README}", expr)
        if base == LOOP:
            if key in LOOP_FIELDS:
                return SCALAR
            allowed = "、".join(sorted(LOOP_FIELDS))
            self.refuse(f"循环变量 loop 只有这些属性：{allowed}", expr)
        if isinstance(base, ListOf):
            self.refuse(f"“{where}”是列表，请用 {{% for %}} 逐条取出后再用它的字段", expr)
        self.refuse(f"“{where}”是一个值，不能再取它的“{key}”", expr)

    def filter(self, expr, scope: dict[str, object]) -> object:
        n = self.nodes
        base = self.shape(expr.node, scope)
        name = expr.name
        self.arguments(expr, scope, name in FILTERS, f"没有名为“{name}”的过滤器")
        if name in ("select", "reject") and expr.args:
            test = expr.args[0]
            if not (isinstance(test, n.Const) and test.value in TESTS):
                self.refuse(f"{name} 只能用这些判断：{'、'.join(sorted(TESTS))}", expr)
        if name == "join" and len(expr.args) > 1:
            key = expr.args[1]
            if not (
                isinstance(base, ListOf) and isinstance(key, n.Const) and key.value in base.keys
            ):
                self.refuse("join 的第二个参数只能是列表中每一条的字段名", expr)
        if name in ("select", "reject", "reverse", "default", "d"):
            return base
        if name in ("first", "last"):
            return Obj(base.keys) if isinstance(base, ListOf) else SCALAR
        return SCALAR

    def arguments(self, expr, scope: dict[str, object], known: bool, unknown: str) -> None:
        """A filter's or test's arguments: plain values only, no keywords, no *args."""
        if not known:
            self.refuse(unknown + README.replace("字段", "过滤器和判断"), expr)
        if expr.kwargs or expr.dyn_args is not None or expr.dyn_kwargs is not None:
            self.refuse(f"“{expr.name}”只能带普通参数，不能带关键字参数或 *参数", expr)
        for argument in expr.args:
            if self.shape(argument, scope) not in (SCALAR, VALUES, ANY):
                self.refuse(
                    f"“{expr.name}”的参数只能是值，“{_path(argument, self.nodes)}”不是", expr
                )


def _first_line(node) -> int:
    """A line for a node Jinja gives none (an autoescape block): its first child's."""
    from jinja2 import nodes

    return next((child.lineno for child in node.find_all(nodes.Node) if child.lineno), 1)


def _path(expr, nodes) -> str:
    """An expression as a template writes it, for messages: person.name, e, 'text'."""
    if isinstance(expr, nodes.Name):
        return expr.name
    if isinstance(expr, nodes.Getattr):
        return f"{_path(expr.node, nodes)}.{expr.attr}"
    if isinstance(expr, nodes.Getitem):
        return f"{_path(expr.node, nodes)}[{_path(expr.arg, nodes)}]"
    if isinstance(expr, nodes.Const):
        return repr(expr.value)
    if isinstance(expr, nodes.Filter):
        return f"{_path(expr.node, nodes)}|{expr.name}"
    return "…"
