"""Logging: configured once, to a rotating file in the log folder; errors reported in Chinese."""

from __future__ import annotations

import errno
import logging
import logging.handlers
import os
import platform
import re
import sys
from pathlib import Path

import pytest

from casework import db_keys, logs


def records_in(path) -> list[str]:
    """The log's records, one per entry (a traceback belongs to the record above it)."""
    return re.findall(r"^\d{4}-\d\d-\d\d .*$", path.read_text(encoding="utf-8"), re.M)


def test_the_log_goes_to_the_folder_the_environment_names():
    path = logs.configure("window")
    assert path == Path(os.environ[logs.LOG_DIR_ENV_VAR]) / "window.log" == logs.log_file()
    logging.getLogger("casework.services.demo").info("生成了 %d 户", 200)
    [started, where, line] = records_in(path)
    assert "window started: Casework" in started
    assert f"INFO casework.logs [pid {os.getpid()} MainThread] on {platform.system()}" in where
    assert f"INFO casework.services.demo [pid {os.getpid()} MainThread] 生成了 200 户" in line


def test_without_the_override_it_is_the_users_log_folder(monkeypatch):
    from platformdirs import user_log_path

    monkeypatch.delenv(logs.LOG_DIR_ENV_VAR)
    assert logs.log_dir() == user_log_path("casework", appauthor=False)


def test_configuring_twice_changes_nothing(tmp_path):
    first = logs.configure("window")
    handlers = list(logging.getLogger().handlers)
    assert logs.configure("window") == first
    assert logging.getLogger().handlers == handlers
    logging.getLogger("casework").warning("一次")
    assert len([line for line in records_in(first) if "一次" in line]) == 1
    assert len([line for line in records_in(first) if "started" in line]) == 1


def test_another_kind_moves_the_log_to_its_own_file(tmp_path):
    window = logs.configure("window")
    command = logs.configure("cli")
    assert command.name == "cli.log" and logs.log_file() == command
    logging.getLogger("casework").warning("命令行")
    assert "命令行" not in window.read_text(encoding="utf-8")
    assert "命令行" in command.read_text(encoding="utf-8")
    handlers = logging.getLogger().handlers
    ours = [h for h in handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert [h.baseFilename for h in ours] == [str(command)]


def test_closing_undoes_the_configuration():
    level = logging.getLogger().level
    hook = sys.excepthook
    logs.configure("window")
    logs.close()
    assert logs.log_file() is None and logging.getLogger().level == level
    assert sys.excepthook is hook


def test_the_file_rotates_and_keeps_three_old_ones(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 4000)
    path = logs.configure("window")
    for number in range(400):
        logging.getLogger("casework").info("第 %d 条：劳务协作", number)
    folder = path.parent
    assert sorted(p.name for p in folder.iterdir()) == [
        "window.log",
        "window.log.1",
        "window.log.2",
        "window.log.3",
    ]
    # The handler measures in characters, and a hanzi is three bytes of UTF-8.
    assert all(p.stat().st_size < 2 * 4000 for p in folder.iterdir())
    assert "第 399 条：劳务协作" in path.read_text(encoding="utf-8")  # UTF-8, newest here


def test_an_unexpected_error_is_logged_with_its_traceback(tmp_path):
    path = logs.configure("window")
    try:
        {}["village"]
    except KeyError as error:
        message = logs.report(error, "导出简历")
    text = path.read_text(encoding="utf-8")
    assert "ERROR casework.logs" in text and "unexpected error while 导出简历" in text
    assert "Traceback (most recent call last)" in text and "KeyError: 'village'" in text
    assert message == (
        f"导出简历未完成：发生了意外错误。详细信息已记录在日志文件 {path} 中，"
        "请把这个文件发给技术支持。"
    )


def test_without_a_log_file_the_message_says_so():
    message = logs.unexpected(KeyError("x"), "导出简历")
    assert message.startswith("导出简历未完成：发生了意外错误。详细信息未能写入日志文件")


def test_a_log_folder_that_cannot_be_made_is_no_crash(tmp_path, monkeypatch):
    blocked = tmp_path / "a file"
    blocked.write_text("")
    monkeypatch.setenv(logs.LOG_DIR_ENV_VAR, str(blocked / "logs"))
    assert logs.configure("window") == blocked / "logs" / "window.log"
    assert logs.log_file() is None
    assert "未能写入日志文件" in logs.unexpected(KeyError("x"), "操作")


def test_a_known_error_is_described_and_logged_with_its_traceback():
    path = logs.configure("cli")
    try:
        raise PermissionError(errno.EACCES, "Permission denied", "D:/导出/名单.xlsx")
    except PermissionError as error:
        message = logs.report(error, "导出名单")
    assert message.startswith("文件 D:/导出/名单.xlsx：没有权限读写")
    text = path.read_text(encoding="utf-8")
    assert "WARNING casework.logs" in text and "PermissionError: [Errno 13]" in text


def test_the_programs_own_refusals_are_logged_by_type_only():
    # Their messages may echo what was typed: here a group of a recovery key.
    path = logs.configure("window")
    with pytest.raises(db_keys.RecoveryKeyFormatError) as raised:
        db_keys.parse_recovery_key("123456-" * 7 + "654321")
    message = logs.report(raised.value, "用恢复密钥打开")
    assert "123456" in message  # the cadre sees which group is wrong
    text = path.read_text(encoding="utf-8")
    assert "RecoveryKeyFormatError" in text and "123456" not in text


def test_an_uncaught_exception_is_logged(capsys):
    path = logs.configure("window")
    try:
        raise RuntimeError("before the main loop")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    text = path.read_text(encoding="utf-8")
    assert "CRITICAL casework.logs" in text and "RuntimeError: before the main loop" in text
    assert "RuntimeError: before the main loop" in capsys.readouterr().err  # as before, too


def test_an_old_error_log_moves_into_the_log_folder(tmp_path):
    old = tmp_path / "data" / "casework-errors.log"
    old.parent.mkdir()
    old.write_text("---- 2026-11-01 09:00:00\nKeyError: 'village'\n", encoding="utf-8")
    path = logs.configure("window")
    logs.adopt_old_log(old)
    assert not old.exists()
    moved = path.parent / "casework-errors.log"
    assert moved.read_text(encoding="utf-8") == "---- 2026-11-01 09:00:00\nKeyError: 'village'\n"
    logs.adopt_old_log(old)  # nothing left to move: nothing happens
    assert moved.read_text(encoding="utf-8").count("KeyError") == 1


def test_a_quick_start_writes_the_same_file_and_rotates_once_settled(tmp_path, monkeypatch):
    path = logs.configure("window", quick=True)
    assert not isinstance(logs._handler, logging.handlers.RotatingFileHandler)
    logging.getLogger("casework").warning("启动中")
    monkeypatch.setattr(logs, "MAX_BYTES", 400)
    logs.settle()
    logs.settle()  # the second changes nothing
    assert isinstance(logs._handler, logging.handlers.RotatingFileHandler)
    assert logs.log_file() == path
    writing = [
        h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "") == str(path)
    ]
    assert writing == [logs._handler]
    older = path.with_name("window.log.1")
    for number in range(6):  # each record some 80 bytes: past 400 once
        logging.getLogger("casework").warning("之后 %d", number)
    assert "之后 5" in path.read_text(encoding="utf-8")
    rotated = older.read_text(encoding="utf-8")
    assert "window started" in rotated and "启动中" in rotated  # the quick start's records
