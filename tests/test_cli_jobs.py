"""`import postings` on the command line, run in-process."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from casework import cli
from tests.test_postings_import import ROWS, write_sheet


@pytest.fixture
def demo_db(tmp_path, today, capsys) -> Path:
    path = tmp_path / "x.db"
    assert cli.main(["--db", str(path), "demo", "--households", "3"]) == 0
    capsys.readouterr()
    return path


def postings(path: Path) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT count(*) FROM job_posting").fetchone()[0]


@pytest.fixture
def messy(tmp_path) -> Path:
    rows = [list(r) for r in ROWS]
    rows[2][9] = "看情况"
    return write_sheet(tmp_path / "需求.xlsx", rows)


def test_a_dry_run_prints_every_row_and_saves_nothing(demo_db, messy, capsys):
    before = postings(demo_db)  # the demo's own
    args = ["--db", str(demo_db), "import", "postings", str(messy), "--dry-run"]
    assert cli.main(args) == 1
    out = capsys.readouterr().out
    assert "“用工需求”第4行：新增 北京嘉裕集团 中餐厨师（新建用工单位）" in out
    assert "“用工需求”第6行：不导入 北京京城物业 保安（薪资“看情况”无法识别" in out
    assert "（预览，尚未保存）" in out
    assert postings(demo_db) == before


def test_all_or_nothing_refuses_then_the_default_imports_the_valid_rows(demo_db, messy, capsys):
    before = postings(demo_db)  # the demo's own
    args = ["--db", str(demo_db), "import", "postings", str(messy)]
    assert cli.main([*args, "--all-or-nothing"]) == 1
    assert "去掉 --all-or-nothing" in capsys.readouterr().out and postings(demo_db) == before
    assert cli.main(args) == 1  # the same default as the roster: valid rows go in
    assert "已导入" in capsys.readouterr().out and postings(demo_db) == before + 2
    good = write_sheet(messy.with_name("好.xlsx"), ROWS)
    assert cli.main(["--db", str(demo_db), "import", "postings", str(good)]) == 0
    assert postings(demo_db) == before + 3


def test_a_file_that_is_not_excel_is_reported_in_chinese(demo_db, tmp_path, capsys):
    bad = tmp_path / "坏.xlsx"
    bad.write_text("not a workbook")
    assert cli.main(["--db", str(demo_db), "import", "postings", str(bad)]) == 2
    assert "不是有效的Excel工作簿" in capsys.readouterr().err
