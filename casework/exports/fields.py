"""The fields each kind of template may use (documented in templates/README.md), and their check.

A template's tags are parsed with Jinja and every name and attribute it reads is
compared with this list, so `{{ person.nmae }}` is refused when the template is loaded
with a message naming the unknown field, not discovered as a blank in a printed resume.
"""

from __future__ import annotations

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
                "phone hometown"
            )
        ),
        "resume": Obj(
            _keys(
                "title target_job target_place expected_pay available_from phone self_description"
            )
        ),
        "photo": SCALAR,
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
KIND_LABEL = {"resume": "简历", "visit_log": "走访日志", "household": "一户一档"}
# Names Jinja provides itself inside templates.
JINJA_NAMES = {
    "loop",
    "range",
    "dict",
    "lipsum",
    "cycler",
    "joiner",
    "namespace",
    "true",
    "false",
    "none",
    "True",
    "False",
    "None",
}


def field_problems(source: str, fields: dict[str, object]) -> list[str]:
    """Unknown names and attributes used by the Jinja `source`, as Chinese sentences."""
    from jinja2 import Environment, nodes

    tree = Environment().parse(source)
    unknown: list[str] = []
    _walk(tree, dict(fields), unknown, nodes)
    problems = []
    for name in dict.fromkeys(unknown):
        problems.append(f"模板使用了未知的字段“{name}”（可用的字段见 templates/README.md）")
    return problems


def _walk(node, scope: dict[str, object], unknown: list[str], nodes) -> None:
    """Visit `node`, tracking loop variables; record every unknown field path."""
    if isinstance(node, nodes.For):
        _walk(node.iter, scope, unknown, nodes)
        inner = dict(scope)
        item = _item_type(node.iter, scope, nodes)
        for target in _names(node.target, nodes):
            inner[target] = item
        for child in node.body + node.else_:
            _walk(child, inner, unknown, nodes)
        if node.test is not None:
            _walk(node.test, inner, unknown, nodes)
        return
    if isinstance(node, nodes.Assign):
        _walk(node.node, scope, unknown, nodes)
        for target in _names(node.target, nodes):
            scope[target] = "any"
        return
    if isinstance(node, (nodes.Getattr, nodes.Getitem)) and isinstance(node.node, nodes.Name):
        attribute = _attribute(node, nodes)
        base = node.node.name
        if base not in scope and base not in JINJA_NAMES:
            unknown.append(base)
        elif attribute is not None and isinstance(scope.get(base), (Obj, ListOf)):
            keys = scope[base].keys
            if isinstance(scope[base], Obj) and attribute not in keys:
                unknown.append(f"{base}.{attribute}")
        if isinstance(node, nodes.Getitem):
            _walk(node.arg, scope, unknown, nodes)
        return
    if isinstance(node, nodes.Name) and node.ctx == "load":
        if node.name not in scope and node.name not in JINJA_NAMES:
            unknown.append(node.name)
        return
    for child in node.iter_child_nodes():
        _walk(child, scope, unknown, nodes)


def _attribute(node, nodes) -> str | None:
    if isinstance(node, nodes.Getattr):
        return node.attr
    if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
        return node.arg.value
    return None


def _item_type(iterable, scope: dict[str, object], nodes) -> object:
    """What a loop over `iterable` yields: an Obj for a known list of dicts, else anything."""
    if isinstance(iterable, nodes.Name) and isinstance(scope.get(iterable.name), ListOf):
        return Obj(scope[iterable.name].keys)
    if isinstance(iterable, nodes.Filter) and iterable.node is not None:
        return _item_type(iterable.node, scope, nodes)  # e.g. visits|reverse
    return "any"


def _names(target, nodes) -> list[str]:
    if isinstance(target, nodes.Name):
        return [target.name]
    if isinstance(target, nodes.Tuple):
        return [n.name for n in target.items if isinstance(n, nodes.Name)]
    return []
