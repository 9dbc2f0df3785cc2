"""The command line, run in-process: demo, stats, check, errors in Chinese, and the GUI hand-off."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import types
from contextlib import closing
from pathlib import Path

import pytest

from casework import cli
from casework.migrations import LATEST

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def demo_db(tmp_path, today, capsys) -> Path:
    path = tmp_path / "x.db"
    assert cli.main(["--db", str(path), "demo", "--households", "20"]) == 0
    out = capsys.readouterr().out
    assert "农户" in out and "20" in out and "秒" in out
    return path


def count(path: Path, sql: str) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchone()[0]


def test_stats_json_agrees_with_the_database(demo_db, capsys):
    assert cli.main(["--db", str(demo_db), "stats", "--json", "--period", "all"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["as_of"] == "2026-11-27"
    assert report["period"] == {"from": None, "to": None, "label": "全部"}
    figures = report["figures"]
    assert figures["households"] == 20 == count(demo_db, "SELECT COUNT(*) FROM household")
    assert figures["people"] == count(demo_db, "SELECT COUNT(*) FROM person") > 40
    assert figures["visits"] == count(demo_db, "SELECT COUNT(*) FROM visit") > 0
    assert figures["in_beijing"] >= count(
        demo_db, "SELECT COUNT(*) FROM person WHERE work_status = 'beijing'"
    )
    assert (
        0
        < figures["willing"]
        <= count(demo_db, "SELECT COUNT(DISTINCT person_id) FROM employment_wish")
    )
    assert figures["follow_ups_due"] == count(
        demo_db, "SELECT COUNT(*) FROM household WHERE next_visit_date <= '2026-11-27'"
    )


def test_stats_for_an_area_and_a_period(demo_db, capsys):
    assert cli.main(["--db", str(demo_db), "stats", "--json", "--from", "2026-11-01",
                     "--to", "2026-11-30"]) == 0  # fmt: skip
    whole = json.loads(capsys.readouterr().out)
    assert whole["period"]["label"] == "2026年11月"
    visits = count(
        demo_db, "SELECT COUNT(*) FROM visit WHERE visit_date BETWEEN '2026-11-01' AND '2026-11-30'"
    )
    assert whole["figures"]["visits"] == visits
    township = count(
        demo_db,
        "SELECT t.name FROM household h JOIN area v ON v.id = h.village_id "
        "JOIN area t ON t.id = v.parent_id ORDER BY h.code",
    )
    assert cli.main(["--db", str(demo_db), "stats", "--json", "--area", township]) == 0
    part = json.loads(capsys.readouterr().out)
    assert part["scope"] == township
    assert 0 < part["figures"]["households"] <= whole["figures"]["households"]
    assert cli.main(["--db", str(demo_db), "stats", "--area", "没有这个地方"]) == 2
    assert "没有叫“没有这个地方”的地区" in capsys.readouterr().err
    assert (
        cli.main(["--db", str(demo_db), "stats", "--from", "2026-12-01", "--to", "2026-11-01"]) == 2
    )
    assert "开始日期不能晚于结束日期" in capsys.readouterr().err


def test_stats_table_is_in_chinese(demo_db, capsys):
    assert cli.main(["--db", str(demo_db), "stats", "--explain"]) == 0
    out = capsys.readouterr().out
    assert "截至 2026-11-27" in out and "2026年11月" in out and "people" not in out
    assert "在京务工" in out and "走访" in out and "统计口径" in out
    assert "来源：台账状态" in out


def test_check_passes_on_demo_data_and_shows_the_schema_version(demo_db, capsys):
    assert cli.main(["--db", str(demo_db), "check"]) == 0
    out = capsys.readouterr().out
    assert f"数据库结构版本：{LATEST}" in out
    assert "未发现问题" in out


def test_check_finds_a_member_of_a_household_that_does_not_exist(demo_db, capsys):
    replaced = {
        "id": "'" + "f" * 32 + "'",
        "household_id": "'" + "0" * 32 + "'",
        "id_number": "NULL",
    }
    with closing(sqlite3.connect(demo_db)) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        columns = [row[1] for row in connection.execute("PRAGMA table_info(person)")]
        values = [replaced.get(column, column) for column in columns]
        connection.execute(
            f"INSERT INTO person ({', '.join(columns)}) "
            f"SELECT {', '.join(values)} FROM person LIMIT 1"
        )
        connection.commit()
    assert cli.main(["--db", str(demo_db), "check"]) == 1
    out = capsys.readouterr().out
    assert "表 person 中有 1 条记录指向表 household 中不存在的记录" in out


def test_check_finds_a_wrong_member_count(demo_db, capsys):
    with closing(sqlite3.connect(demo_db)) as connection:
        code = connection.execute("SELECT code FROM household ORDER BY code LIMIT 1").fetchone()[0]
        connection.execute("UPDATE household SET member_count = 9 WHERE code = ?", (code,))
        connection.commit()
    assert cli.main(["--db", str(demo_db), "check"]) == 1
    assert f"有 1 户家庭人数与成员记录不符（如 {code}）" in capsys.readouterr().out


def test_demo_refuses_a_database_with_households(demo_db, capsys):
    assert cli.main(["--db", str(demo_db), "demo", "--households", "5"]) == 2
    err = capsys.readouterr().err
    assert "空的数据库" in err and "Traceback" not in err


def test_a_path_that_cannot_be_created_is_an_error_in_chinese(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert cli.main(["--db", str(blocker / "sub" / "x.db"), "demo"]) == 2
    err = capsys.readouterr().err
    assert "错误：文件" in err and "x.db" in err and "不是文件夹" in err
    assert "Traceback" not in err


def test_a_file_that_is_not_a_database_is_an_error_in_chinese(tmp_path, capsys):
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库" * 200)
    assert cli.main(["--db", str(path), "stats"]) == 2
    assert "不是劳务协作工作台的数据库" in capsys.readouterr().err


def test_stats_on_a_missing_file_does_not_create_it(tmp_path, capsys):
    path = tmp_path / "missing.db"
    assert cli.main(["--db", str(path), "stats"]) == 2
    assert "数据库文件不存在" in capsys.readouterr().err
    assert not path.exists()


def test_a_bad_argument_is_explained_in_chinese(tmp_path, capsys):
    assert cli.main(["--db", str(tmp_path / "x.db"), "demo", "--households", "many"]) == 2
    assert "--households 应为整数" in capsys.readouterr().err


def test_without_db_the_cli_uses_casework_db(tmp_path, today, monkeypatch):
    path = tmp_path / "from-env.db"
    monkeypatch.setenv("CASEWORK_DB", str(path))
    assert cli.main(["demo", "--households", "3"]) == 0
    assert count(path, "SELECT COUNT(*) FROM household") == 3


@pytest.mark.parametrize("argv", [[], ["gui"]])
def test_no_command_or_gui_opens_the_window_with_the_chosen_database(tmp_path, monkeypatch, argv):
    opened = []
    app = types.ModuleType("casework.ui.app")
    app.run = lambda db_path: opened.append(db_path) or 0
    monkeypatch.setitem(sys.modules, "casework.ui.app", app)
    assert cli.main(["--db", str(tmp_path / "g.db"), *argv]) == 0
    assert opened == [tmp_path / "g.db"]


def test_main_py_help_lists_the_commands():
    result = subprocess.run(
        [sys.executable, "main.py", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    for command in ("demo", "check", "stats", "gui", "--db"):
        assert command in result.stdout
    assert "tkinter" not in result.stderr
