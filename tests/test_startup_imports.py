"""Start-up stays light: what the window's first moment imports, in a fresh interpreter."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROBE = """
import sys
import casework.cli, casework.ui.app, casework.ui.register.household_list
late = ("importlib.metadata", "docx", "docxtpl", "openpyxl", "stdnum", "ssl", "pypinyin")
print(sorted(name for name in late if name in sys.modules))
"""


def test_opening_the_window_imports_no_package_metadata_and_no_heavy_library():
    run = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_the_tooltip_stand_in_version_is_the_installed_one():
    # casework/ui/kit/tooltips.py stands in for tktooltip's version module; an upgrade
    # of the pin must update it (and check the package still needs it).
    from casework.ui.kit import tooltips  # noqa: F401 - installs the stand-in, then loads it

    installed = importlib.metadata.version("tkinter-tooltip")
    assert sys.modules["tktooltip"].__version__ == installed


def test_the_command_line_parses_without_the_database_layer():
    # The window loads the database layer in a thread while Tk starts
    # (casework/ui/launch.py); parsing the command line must not load it first.
    code = (
        "import sys, casework.cli; casework.cli.build_parser()\n"
        "print(sorted(m for m in ('casework.db', 'peewee', 'sqlcipher3', 'filelock',"
        " 'casework.services.common') if m in sys.modules))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
