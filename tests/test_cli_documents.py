"""`python main.py export resume|resumes|visits|household`, run in-process, errors in Chinese."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from casework import cli
from casework.db import close_database
from casework.services.register import visits
from tests.docs_helpers import full_text, open_docx, person_with_draft, table_cell_texts


@pytest.fixture
def register(db, today, tmp_path):
    household, person, draft = person_with_draft()
    from casework.services.register import cadres

    cadre = cadres.current_cadre()
    for day in (dt.date(2026, 10, 5), dt.date(2026, 11, 20)):
        visits.record_visit(
            household["id"],
            {"visit_date": day, "situation": f"记号{day.isoformat()}", "cadre_ids": [cadre["id"]]},
        )
    close_database()  # the CLI opens the file itself
    return {"db": str(tmp_path / "casework.db"), "household": household, "person": person}


def run(register, *args) -> int:
    return cli.main(["--db", register["db"], *args])


def test_export_resume_by_id_number(register, tmp_path, capsys):
    out = tmp_path / "out"
    assert (
        run(
            register,
            "export",
            "resume",
            "--person",
            register["person"]["id_number"],
            "-o",
            str(out),
        )
        == 0
    )
    written = out / "韩令春-简历-2026-11-27.docx"
    assert str(written) in capsys.readouterr().out
    assert "韩令春" in table_cell_texts(open_docx(written))
    target = tmp_path / "简历.docx"
    base = ["export", "resume", "--person", register["person"]["id_number"], "-o", str(target)]
    assert run(register, *base, "--template", "个人简历-简洁") == 0
    assert run(register, *base) == 0  # the file exists: a new name, nothing overwritten
    assert run(register, *base, "--force") == 0
    names = sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".docx")
    assert names == ["简历(2).docx", "简历.docx"]
    assert "个 人 简 历" in full_text(open_docx(target))  # --force replaced the modern one


def test_export_resumes_for_the_willing_with_a_progress_line(register, tmp_path, capsys):
    assert run(register, "export", "resumes", "--willing", "-o", str(tmp_path / "批量")) == 0
    out = capsys.readouterr().out
    assert "正在导出简历：1/1（100%）" in out and "已导出 1 份简历" in out
    assert (tmp_path / "批量" / "韩令春-简历-2026-11-27.docx").is_file()


def test_export_visits_with_filters(register, tmp_path, capsys):
    code = register["household"]["code"]
    target = tmp_path / "日志.docx"
    assert (
        run(
            register,
            "export",
            "visits",
            "--household",
            code,
            "--village",
            "大新艾力嘎查",
            "--cadre",
            "杨志勇",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "-o",
            str(target),
        )
        == 0
    )
    text = full_text(open_docx(target))
    assert "记号2026-11-20" in text and "记号2026-10-05" not in text
    assert "韩福户、大新艾力嘎查、杨志勇" in text


def test_export_household_file(register, tmp_path):
    target = tmp_path / "档案.docx"
    assert (
        run(register, "export", "household", register["household"]["code"], "-o", str(target)) == 0
    )
    assert "一户一档" in full_text(open_docx(target))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "resume", "--person", "150521199001010000"], "身份证号有误"),
        (["export", "resume", "--person", "11010519491231002X"], "没有身份证号为"),
        (["export", "household", "NOPE"], "没有户编号为 NOPE 的农户"),
        (["export", "visits", "--village", "没有村"], "没有名为“没有村”的嘎查村"),
        (["export", "visits", "--cadre", "无名"], "没有名为“无名”的干部"),
        (["export", "visits", "--from", "2026-02-30"], "不存在"),
        (["export", "visits", "--from", "2026-11-02", "--to", "2026-11-01"], "结束日期不能早于"),
        (["export", "resumes"], "--willing"),
        (["export", "visits", "--template", "个人简历-表格"], "不能用来生成走访日志"),
    ],
)
def test_errors_exit_2_with_a_chinese_message(register, tmp_path, capsys, args, message):
    assert run(register, *args, "-o", str(tmp_path / "x.docx")) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_unwritable_target_is_a_chinese_error(register, tmp_path, capsys):
    blocker = tmp_path / "文件"
    blocker.write_text("not a folder")
    assert (
        run(
            register,
            "export",
            "household",
            register["household"]["code"],
            "-o",
            str(blocker / "sub" / "x.docx"),
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "导出失败" in err and "Traceback" not in err


def test_help_does_not_import_docxtpl():
    code = (
        "import sys; from casework import cli; cli.build_parser(); "
        "print('docxtpl' in sys.modules, 'docx' in sys.modules, 'PIL' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False False"
