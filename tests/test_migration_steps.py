"""Migration steps are frozen: they import nothing of Casework's but the migrations package.

A step that imported live code (models, services, vocab, search keys) would change what
it does to an old file whenever that code changed, long after the step was released.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from casework import migrations

PACKAGE = "casework.migrations"
FOLDER = Path(migrations.__file__).parent


def _imported(tree: ast.AST, package: str) -> list[str]:
    """Every dotted name `tree` imports, relative imports resolved against `package`."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                module = f"{base}.{module}" if module else base
            names += [f"{module}.{alias.name}" for alias in node.names]
    return names


def live_imports(source: str, package: str = PACKAGE) -> list[str]:
    """What `source` imports from casework outside casework.migrations."""
    return [
        name
        for name in _imported(ast.parse(source), package)
        if (name == "casework" or name.startswith("casework."))
        and not (name == PACKAGE or name.startswith(PACKAGE + "."))
    ]


def test_no_migration_module_imports_live_code():
    modules = sorted(FOLDER.glob("*.py"))
    assert len(modules) == len(migrations.STEP_NAMES) + 1  # the steps and __init__.py
    found = {path.name: live_imports(path.read_text(encoding="utf-8")) for path in modules}
    assert {name: imports for name, imports in found.items() if imports} == {}


@pytest.mark.parametrize(
    "source",
    [
        "from casework.search_keys import person_keys",  # what m0002 once did
        "from casework import vocab",
        "import casework.models",
        "from ..services.common import get_live",
        "from .. import db",
        "def apply(db):\n    from casework.models import Person\n",
    ],
)
def test_the_check_finds_a_live_import(source):
    assert live_imports(source) != []


@pytest.mark.parametrize(
    "source",
    [
        "import peewee",
        "from peewee import SqliteDatabase",
        "from casework.migrations import m0001_initial",
        "from casework import migrations",
        "from . import m0001_initial",
        "import casework.migrations.m0002_search",
    ],
)
def test_the_check_allows_libraries_and_the_migrations_package(source):
    assert live_imports(source) == []
