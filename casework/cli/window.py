"""`gui`: open the window (also what no command at all does)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from types import SimpleNamespace


def add_commands(commands) -> None:
    parser = commands.add_parser("gui", help="打开工作台窗口（不带命令时也是如此）")
    parser.set_defaults(handler=run_window)


def run_window(args: argparse.Namespace | SimpleNamespace | None, path: Path) -> int:
    # Importing the window's modules makes classes and functions that live as long as it
    # does, not garbage: collecting as it went was dozens of collections. Frozen after, no
    # collection looks at them again (casework.ui.app.run holds collection until drawn).
    fresh, collecting = "casework.ui.app" not in sys.modules, gc.isenabled()
    gc.disable()
    try:
        from casework.ui.kit import deferred_modules

        deferred_modules.defer()  # what the start imports and does not use: run when used
        from casework.ui.app import run
    except ImportError as error:  # no Tk on this machine
        from casework.cli.common import CommandError  # argparse and more: not at every start

        raise CommandError(f"无法打开工作台窗口：{error}") from None
    finally:
        if fresh:
            gc.freeze()
        if collecting:
            gc.enable()
    return run(path)
