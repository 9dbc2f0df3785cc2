"""Start-up stays light: what the window's first moment imports, in a fresh interpreter."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from casework.cli.entry import build_parser, window_only

REPO = Path(__file__).resolve().parent.parent

# The window's start up to its first screen, less Tk: the arguments, the log, the
# temporary files, a database opened (and so marked as open), the overview's modules.
PROBE = """
import sys, tempfile
from pathlib import Path
import casework.cli, casework.ui.app, casework.ui.safety.startup
import casework.ui.overview.overview_screen, casework.ui.register.household_list
from casework import db, logs, tempfiles
assert casework.cli.entry.window_only(["--db", "county.db"]) is not None
logs.configure("window", quick=True)
tempfiles.clean_at_start()
tempfiles.run_dir()
db.create_database(Path(tempfile.mkdtemp()) / "county.db", None)
heavy = ("importlib.metadata", "docx", "docxtpl", "openpyxl", "stdnum", "ssl", "pypinyin")
# Each of these was 5 to 25 ms of every start: filelock (casework/os_lock.py stands in),
# the rotating log handler (logs.settle, once drawn), the command line's parser; the
# start-up gate's dialogs (a file that opens at once shows none) some 2 ms.
late = ("filelock", "logging.handlers", "argparse") + tuple(
    f"casework.ui.safety.{dialog}" for dialog in ("key_dialogs", "damaged_dialog")
) + tuple(
    f"casework.cli.{group}"
    for group in ("overview", "exports", "templates", "safety", "imports", "sync")
)
print(sorted(name for name in heavy + late if name in sys.modules))
"""


def test_opening_the_window_imports_nothing_it_can_do_without():
    run = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ | {"CASEWORK_LOG_DIR": tempfile.mkdtemp()},
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "argv",
    [[], ["--db", "县.db"], ["--db=县.db"], ["--db="], ["--db", "~/县.db"]],
)
def test_the_windows_short_cut_reads_the_arguments_as_the_parser_does(argv):
    assert vars(window_only(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [["--version"], ["-h"], ["gui"], ["--db", "-x"], ["--d", "县.db"], ["--db", "a", "check"]],
)
def test_anything_else_goes_to_the_parser(argv):
    assert window_only(argv) is None


def test_the_tooltip_stand_in_version_is_the_installed_one():
    # casework/ui/kit/tooltips.py stands in for tktooltip's version module; an upgrade
    # of the pin must update it (and check the package still needs it).
    from casework.ui.kit import tooltips  # noqa: F401 - installs the stand-in

    tktooltip = importlib.import_module("tktooltip")  # then, as the first tip's window does
    installed = importlib.metadata.version("tkinter-tooltip")
    assert tktooltip.__version__ == installed


def test_the_command_line_parses_without_the_database_layer():
    # The window loads the database layer in a thread while Tk starts
    # (casework/ui/launch.py); parsing the command line must not load it first.
    code = (
        "import sys, casework.cli; casework.cli.build_parser()\n"
        "print(sorted(m for m in ('casework.db', 'peewee', 'sqlcipher3', 'casework.db_presence',"
        " 'casework.services.common') if m in sys.modules))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
