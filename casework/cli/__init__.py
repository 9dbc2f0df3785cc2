"""The command line: `python main.py <command>`; with no command, the window opens.

A thin skin over the services: each command opens the database, calls one service
function and prints the result in Chinese. entry.py parses and dispatches; common.py
holds what every command shares; each other module is one group of commands.
"""

from casework.cli.entry import build_parser, main

__all__ = ["build_parser", "main"]
