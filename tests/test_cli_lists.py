"""`export list` and `import roster` on the command line, run in-process."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from openpyxl import load_workbook

from casework import cli
from tests.roster_builder import messy_workbook


@pytest.fixture
def demo_db(tmp_path, today, capsys) -> Path:
    path = tmp_path / "x.db"
    assert cli.main(["--db", str(path), "demo", "--households", "30"]) == 0
    capsys.readouterr()
    return path


def people(path: Path) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT count(*) FROM person").fetchone()[0]


def test_export_list_writes_the_willing_list(demo_db, tmp_path, capsys):
    target = tmp_path / "意愿.xlsx"
    assert cli.main(["--db", str(demo_db), "export", "list", "willing", "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "已导出被帮扶地区有意愿外出务工清单" in out and str(target) in out
    ws = load_workbook(target).active
    assert ws["A1"].value.startswith("科左中旗 被帮扶地区有意愿外出务工清单")
    assert ws.freeze_panes == "A3"


def id_numbers(target: Path) -> list[str]:
    ws = load_workbook(target).active
    column = [c.value for c in ws[2]].index("身份证号码")
    return [row[column] for row in ws.iter_rows(min_row=3, values_only=True)]


def full_ids_events(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        query = "SELECT new_value FROM change WHERE entity = 'export' AND field = ?"
        return [row[0] for row in connection.execute(query, ["exported_full_ids"])]


def test_export_list_masks_id_numbers_unless_full_ids_is_given(demo_db, tmp_path, capsys):
    masked, full = tmp_path / "masked.xlsx", tmp_path / "full.xlsx"
    base = ["--db", str(demo_db), "export", "list", "willing", "-o"]
    assert cli.main([*base, str(masked)]) == 0
    assert id_numbers(masked) and all("********" in n for n in id_numbers(masked))
    assert full_ids_events(demo_db) == []
    assert cli.main([*base, str(full), "--full-ids"]) == 0
    assert "含完整身份证号和电话" in capsys.readouterr().out
    assert all(len(n) == 18 and "*" not in n for n in id_numbers(full))
    assert [n[:6] + "*" * 8 + n[-4:] for n in id_numbers(full)] == id_numbers(masked)
    [event] = full_ids_events(demo_db)
    assert "有意愿外出务工清单" in event and "full.xlsx" in event


def test_export_list_into_a_folder_uses_the_suggested_name(demo_db, tmp_path, capsys):
    args = ["--db", str(demo_db), "export", "list", "training", "-o", str(tmp_path)]
    for _ in range(2):  # the second time a free name is chosen, nothing is overwritten
        assert cli.main(args) == 0
    names = sorted(p.name for p in tmp_path.glob("*.xlsx"))
    assert names == [
        "科左中旗-技能培训台账-2026-11-27(2).xlsx",
        "科左中旗-技能培训台账-2026-11-27.xlsx",
    ]


def test_export_list_refuses_an_unknown_list(demo_db, capsys):
    assert cli.main(["--db", str(demo_db), "export", "list", "everyone", "-o", "x.xlsx"]) == 2
    assert "命令行参数有误" in capsys.readouterr().err


def test_import_roster_dry_run_changes_nothing_and_exits_1(demo_db, tmp_path, capsys):
    roster = tmp_path / "花名册.xlsx"
    messy_workbook(roster)
    before = people(demo_db)
    args = ["--db", str(demo_db), "import", "roster", str(roster), "--dry-run", "--verbose"]
    assert cli.main(args) == 1
    out = capsys.readouterr().out
    assert "脱贫人口 第4行  新增  韩令春" in out
    assert "工作表“脱贫人口”第10行：身份证号码被Excel存成了数字" in out
    assert "这是预览" in out
    assert people(demo_db) == before


def test_import_roster_all_or_nothing_refuses_then_valid_rows_go_in(demo_db, tmp_path, capsys):
    roster = tmp_path / "花名册.xlsx"
    messy_workbook(roster)
    before = people(demo_db)
    args = ["--db", str(demo_db), "import", "roster", str(roster)]
    assert cli.main([*args, "--all-or-nothing"]) == 1
    assert "没有导入任何数据" in capsys.readouterr().out
    assert people(demo_db) == before
    assert cli.main(args) == 1  # one row still refused
    assert "已导入" in capsys.readouterr().out
    assert people(demo_db) == before + 7


def test_import_roster_reports_a_bad_file_in_chinese(demo_db, tmp_path, capsys):
    bad = tmp_path / "花名册.xlsx"
    bad.write_text("not a workbook")
    assert cli.main(["--db", str(demo_db), "import", "roster", str(bad)]) == 2
    assert "不是有效的Excel工作簿" in capsys.readouterr().err
