"""The command line's one error path: a bug is logged with its traceback, shown in Chinese."""

from __future__ import annotations

from casework import cli, logs
from casework.services.figures import counting


def test_an_unexpected_error_in_a_command_is_logged_and_shown_only_in_chinese(
    tmp_path, capsys, monkeypatch
):
    path = str(tmp_path / "county.db")
    assert cli.main(["--db", path, "demo", "--households", "2"]) == 0
    capsys.readouterr()

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(counting, "measure", broken)
    assert cli.main(["--db", path, "stats"]) == 2
    captured = capsys.readouterr()
    log = logs.log_dir() / "cli.log"
    assert captured.out == ""
    assert captured.err.startswith("错误：运行命令未完成：发生了意外错误。")
    assert str(log) in captured.err
    assert "Traceback" not in captured.err and "KeyError" not in captured.err
    written = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in written
    assert "KeyError: 'boom'" in written and "in broken" in written


def test_a_known_trouble_is_one_chinese_sentence_and_no_traceback(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert cli.main(["--db", str(blocker / "x.db"), "stats"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "错误：" in err and "Traceback" not in err
