"""`gui`: open the window (also what no command at all does)."""

from __future__ import annotations

import argparse
from pathlib import Path

from casework.cli.common import CommandError


def add_commands(commands) -> None:
    parser = commands.add_parser("gui", help="打开工作台窗口（不带命令时也是如此）")
    parser.set_defaults(handler=run_window)


def run_window(args: argparse.Namespace | None, path: Path) -> int:
    try:
        from casework.ui.app import run
    except ImportError as error:  # no Tk on this machine
        raise CommandError(f"无法打开工作台窗口：{error}") from None
    return run(path)
