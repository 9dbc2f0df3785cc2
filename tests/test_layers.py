"""Layering and start-up cost: which layer may import which, no import circles, late heavy
libraries.

The tkinter and start-up checks run in a fresh interpreter, since this test process has
long since imported tkinter and everything else. The import directions and circles are
read from the source (ast), imports inside functions included: a late import is still a
dependency, only a hidden one.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

GUI_MODULES = ["tkinter", "tktooltip"]
HEAVY_MODULES = ["pypinyin", "docx", "docxtpl", "openpyxl"]

# Run with PACKAGE and GUI_MODULES defined in front of it.
IMPORT_ALL_BUT_UI = """
import importlib, json, pkgutil, sys
package = importlib.import_module(PACKAGE)

def walk(path, prefix):
    for info in sorted(pkgutil.iter_modules(path), key=lambda info: info.name):
        name = prefix + info.name
        if name == PACKAGE + ".ui":
            continue  # neither imported nor walked: walking a package imports it
        yield name
        if info.ispkg:
            yield from walk(importlib.import_module(name).__path__, name + ".")

imported, culprits = [], {}
for name in walk(package.__path__, PACKAGE + "."):
    importlib.import_module(name)
    imported.append(name)
    for gui in GUI_MODULES:
        if gui in sys.modules and gui not in culprits:
            culprits[gui] = name
print(json.dumps({"imported": imported, "culprits": culprits}))
"""


def run_python(code: str, cwd: Path = REPO) -> dict:
    """Run `code` in a new interpreter in `cwd`; it prints one JSON line."""
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def import_all_but_ui(package: str, cwd: Path = REPO) -> dict:
    return run_python(
        f"PACKAGE = {package!r}\nGUI_MODULES = {GUI_MODULES!r}\n" + IMPORT_ALL_BUT_UI, cwd
    )


def test_only_the_ui_imports_tkinter():
    result = import_all_but_ui("casework")
    assert {"casework.db", "casework.models", "casework.validation"} <= set(result["imported"])
    assert not any(name.startswith("casework.ui") for name in result["imported"])
    assert result["culprits"] == {}, f"imported by a module outside casework.ui: {result}"


def test_the_layer_check_names_the_offender(tmp_path):
    # Guards the test above against passing vacuously: a fake package breaks the rule.
    package = tmp_path / "fakeapp"
    (package / "ui").mkdir(parents=True)
    (package / "services").mkdir()
    (package / "__init__.py").write_text("")
    (package / "ui" / "__init__.py").write_text("import tkinter\n")
    (package / "services" / "__init__.py").write_text("")
    (package / "services" / "export.py").write_text("import tkinter.filedialog\n")
    result = import_all_but_ui("fakeapp", cwd=tmp_path)
    assert result["imported"] == ["fakeapp.services", "fakeapp.services.export"]
    assert result["culprits"] == {"tkinter": "fakeapp.services.export"}


def test_start_up_does_not_load_heavy_libraries(tmp_path):
    code = f"""
        import json, sys
        import casework.clock, casework.db, casework.migrations, casework.models
        import casework.search_keys, casework.validation, casework.vocab
        loaded = {{"on import": [m for m in {HEAVY_MODULES!r} if m in sys.modules]}}
        # Opening (and creating) a database is part of start-up too.
        casework.db.open_database({str(tmp_path / "casework.db")!r})
        casework.db.close_database()
        loaded["on open"] = [m for m in {HEAVY_MODULES!r} if m in sys.modules]
        print(json.dumps(loaded))
    """
    assert run_python(code) == {"on import": [], "on open": []}


def test_the_check_would_notice_a_heavy_import():
    # Guards the test above against passing vacuously (e.g. a module name misspelt).
    code = f"""
        import json, sys
        import casework.search_keys
        casework.search_keys.name_pinyin("韩令春")
        print(json.dumps([m for m in {HEAVY_MODULES!r} if m in sys.modules]))
    """
    assert run_python(code) == ["pypinyin"]


# Import directions -----------------------------------------------------------------------

SQL_LIBRARIES = ["peewee", "playhouse", "sqlite3", "sqlcipher3"]
# The window opens its file through services.safety.database_file, and reads and writes
# through the other services; the spreadsheets are read and written from plain data.
FORBIDDEN = {
    "ui": ["db", "migrations", "models"],
    "imports": ["models"],
    "exports": ["models"],
}


def module_files(root: Path, package: str) -> dict[str, Path]:
    """Every module of `package` (found under `root`) by dotted name; a package is its __init__."""
    modules = {}
    for path in sorted((root / package.replace(".", "/")).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def imported_names(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """What module `name` imports anywhere in it, as dotted names.

    `from a import b` is the module a.b when there is one, else a (its __init__).
    """
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from .x import y, from .. import z
                anchor = package.rsplit(".", node.level - 1)[0]
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return found


def _under(name: str, prefixes: list[str]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def forbidden_imports(root: Path, package: str, layer: str, forbidden: list[str]) -> dict:
    """Modules of package.layer importing any of `forbidden` -> the names they import."""
    modules = module_files(root, package)
    offenders: dict[str, list[str]] = {}
    for name, path in modules.items():
        if _under(name, [f"{package}.{layer}"]):
            hits = sorted(i for i in imported_names(name, path, modules) if _under(i, forbidden))
            if hits:
                offenders[name] = hits
    return offenders


def layer_offenders(layer: str, root: Path = REPO, package: str = "casework") -> dict:
    forbidden = [f"{package}.{name}" for name in FORBIDDEN[layer]] + SQL_LIBRARIES
    return forbidden_imports(root, package, layer, forbidden)


def test_the_window_reaches_the_database_only_through_services():
    assert layer_offenders("ui") == {}


def test_exports_see_no_models():
    assert layer_offenders("exports") == {}


def test_imports_see_no_models():
    assert layer_offenders("imports") == {}


def write_package(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_the_direction_check_names_the_offender(tmp_path):
    # Guards the three tests above against passing vacuously: a fake package breaks each
    # rule once, in the ways that are easy to miss (a late import, a relative one).
    write_package(
        tmp_path,
        {
            "fakeapp/__init__.py": "",
            "fakeapp/db.py": "import peewee\n",
            "fakeapp/models/__init__.py": "from fakeapp.db import database\n",
            "fakeapp/services/__init__.py": "",
            "fakeapp/services/people.py": "from fakeapp import models\n",
            "fakeapp/ui/__init__.py": "",
            "fakeapp/ui/fine.py": "from fakeapp.services import people\n",
            "fakeapp/ui/screen.py": """
                def refresh():
                    from fakeapp import db
            """,
            "fakeapp/ui/kit/table.py": "from ...models import Person\n",
            "fakeapp/exports/__init__.py": "",
            "fakeapp/exports/lists.py": "from playhouse.migrate import migrate\n",
            "fakeapp/exports/files.py": "from fakeapp.services import people\n",
            "fakeapp/imports/roster.py": """
                from fakeapp.models import Household

                def write(rows):
                    import sqlite3
            """,
        },
    )
    assert layer_offenders("ui", tmp_path, "fakeapp") == {
        "fakeapp.ui.screen": ["fakeapp.db"],
        "fakeapp.ui.kit.table": ["fakeapp.models"],
    }
    assert layer_offenders("exports", tmp_path, "fakeapp") == {
        "fakeapp.exports.lists": ["playhouse.migrate"]
    }
    assert layer_offenders("imports", tmp_path, "fakeapp") == {
        "fakeapp.imports.roster": ["fakeapp.models", "sqlite3"]
    }


# Import circles ---------------------------------------------------------------------------


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Each module of `package` -> the modules of `package` it imports.

    Importing a.b.c also runs the __init__ of a and a.b; those are not counted, or every
    package whose __init__ imports its own modules would look like a circle.
    """
    modules = module_files(root, package)
    graph = {}
    for name, path in modules.items():
        targets = set()
        for imported in imported_names(name, path, modules):
            # `import a.b.c` of a name inside a.b reaches the module a.b.
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for target in graph[todo.pop()] - seen:
            seen.add(target)
            todo.append(target)
    return seen


def import_cycles(root: Path, package: str) -> list[list[str]]:
    """The circles of the import graph: groups of modules that each reach all the others."""
    graph = import_graph(root, package)
    reach = {name: _reachable(graph, name) for name in graph}
    groups = {
        tuple(sorted({name} | {other for other in reach[name] if name in reach[other]}))
        for name in graph
    }
    return sorted(list(group) for group in groups if len(group) > 1)


def test_no_import_circles():
    assert import_cycles(REPO, "casework") == []


def test_the_circle_check_names_the_circle(tmp_path):
    # Guards the test above: a circle closed by a late import, one through a package's
    # __init__, and a module that imports a circle without being in it.
    write_package(
        tmp_path,
        {
            "fakeapp/__init__.py": "",
            "fakeapp/a.py": "from fakeapp import b\n",
            "fakeapp/b.py": """
                def later():
                    import fakeapp.a
            """,
            "fakeapp/c.py": "from fakeapp.a import something\n",
            "fakeapp/kit/__init__.py": "from fakeapp.kit.theme import Theme\n",
            "fakeapp/kit/theme.py": "from fakeapp.kit import COLORS\n",
        },
    )
    assert import_cycles(tmp_path, "fakeapp") == [
        ["fakeapp.a", "fakeapp.b"],
        ["fakeapp.kit", "fakeapp.kit.theme"],
    ]
