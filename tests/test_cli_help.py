"""Every command speaks Chinese in its help, and the README lists exactly the real commands."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from casework import cli

README = Path(__file__).resolve().parent.parent / "README.md"
HAN = re.compile(r"[\u4e00-\u9fff]")


def subcommands(parser: argparse.ArgumentParser):
    """(help text, name, parser) of each subcommand of `parser`."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield helps.get(name), name, sub


def walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command path, help, parser) of every command and subcommand, depth first."""
    for help_text, name, sub in subcommands(parser):
        yield path + (name,), help_text, sub
        yield from walk(sub, path + (name,))


def leaves(parser: argparse.ArgumentParser) -> set[str]:
    return {" ".join(path) for path, _help, sub in walk(parser) if not any(subcommands(sub))}


def chinese_problems(parser: argparse.ArgumentParser) -> list[str]:
    problems = []
    for path, help_text, sub in walk(parser):
        name = " ".join(path)
        if not help_text or not HAN.search(help_text):
            problems.append(f"{name}: help {help_text!r}")
        for action in sub._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            if not action.help or not HAN.search(action.help):
                problems.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
    return problems


def readme_commands(text: str) -> dict[str, set[str]]:
    """Command path -> options, from the README's command-line block."""
    block = text.split("## 命令行 / Command line", 1)[1].split("```text", 1)[1]
    block = block.split("```", 1)[0]
    found: dict[str, set[str]] = {}
    for line in block.splitlines():
        words = line.split()[2:]  # after "python3 main.py"
        path = []
        for word in words:
            if not re.fullmatch(r"[a-z]+", word):
                break
            path.append(word)
        if path:
            found[" ".join(path)] = set(re.findall(r"(?<![\w-])--?[a-z][\w-]*", line))
    return found


def test_every_command_option_and_subcommand_has_chinese_help():
    parser = cli.build_parser()
    assert len(list(walk(parser))) > 20
    assert chinese_problems(parser) == []


def test_the_chinese_help_check_can_fail():
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    extra = commands.add_parser("sneaky", help="an English help")
    extra.add_argument("--quiet", action="store_true")
    assert chinese_problems(parser) == ["sneaky: help 'an English help'", "sneaky --quiet"]


def test_the_readme_lists_exactly_the_real_commands_and_their_options():
    parser = cli.build_parser()
    listed = readme_commands(README.read_text(encoding="utf-8"))
    assert set(listed) == leaves(parser)
    by_path = {" ".join(path): sub for path, _help, sub in walk(parser)}
    for name, options in listed.items():
        real = {o for action in by_path[name]._actions for o in action.option_strings}
        assert options <= real | {"--db", "-o"}, f"README lists {options - real} for {name}"


@pytest.mark.parametrize(
    "readme, problem",
    [
        ("python3 main.py demo\npython3 main.py fly --high\n", "fly"),
        ("python3 main.py demo --colour\n", "--colour"),
    ],
)
def test_the_readme_check_can_fail(readme, problem):
    listed = readme_commands(f"## 命令行 / Command line\n\n```text\n{readme}```\n")
    parser = cli.build_parser()
    real_leaves = leaves(parser)
    by_path = {" ".join(path): sub for path, _help, sub in walk(parser)}
    wrong = set(listed) - real_leaves
    for name in set(listed) & real_leaves:
        real = {o for action in by_path[name]._actions for o in action.option_strings}
        wrong |= listed[name] - real
    assert problem in wrong


def test_version_prints_the_program_and_its_version(capsys):
    from casework import APP_NAME, __version__

    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"{APP_NAME} {__version__}"
