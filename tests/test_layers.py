"""Layering and start-up cost: only casework.ui imports tkinter; heavy libraries load late.

Each check runs in a fresh interpreter, since this test process has long since
imported tkinter and everything else.
"""

from __future__ import annotations

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
