"""`check` shows how far it has got on a terminal, and nothing of it in a pipe or a script."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from casework import cli
from casework.cli.common import terminal_progress


class Terminal(io.StringIO):
    """stderr as a terminal is: it says it is one."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def demo_db(tmp_path, today, capsys) -> Path:
    path = tmp_path / "x.db"
    assert cli.main(["--db", str(path), "demo", "--households", "3"]) == 0
    capsys.readouterr()
    return path


def test_check_counts_its_steps_on_a_terminal(demo_db, monkeypatch, capsys):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli.main(["--db", str(demo_db), "check"]) == 0
    shown = terminal.getvalue()
    steps = [part for part in shown.split("\r") if part.strip()]
    assert steps[0] == "正在检查：0/10 文件完整性"
    assert "正在检查：3/10 搜索索引" in steps
    assert "正在检查：4/10 就业统计用的人员情况" in steps
    assert shown.endswith("\r")  # wiped: the result starts on a clean line
    assert shown.rstrip("\r").split("\r")[-1].strip() == ""
    assert "未发现问题" in capsys.readouterr().out


def test_check_says_nothing_of_its_progress_in_a_pipe(demo_db, capsys):
    assert cli.main(["--db", str(demo_db), "check"]) == 0
    captured = capsys.readouterr()
    assert "正在检查" not in captured.err and "正在检查" not in captured.out


def test_a_shorter_line_leaves_nothing_of_the_longer_one(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    report = terminal_progress("正在检查")
    report(0, 2, "各户的人数、户主和走访日期")
    report(1, 2, "索引")
    second = terminal.getvalue().split("\r")[3]  # the first line twice, then this one
    assert second.startswith("正在检查：1/2 索引") and second.endswith(" " * 20)
