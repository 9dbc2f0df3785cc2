"""On Windows, user data, backups, logs and edited templates live under %LOCALAPPDATA%\\casework.

platformdirs decides the folders; this checks that Casework asks it the right way (no
roaming profile, no company folder), with Windows' folder lookup stood in for.
"""

from __future__ import annotations

from pathlib import PureWindowsPath

import platformdirs
import platformdirs.windows
import pytest

from casework import logs, paths

LOCAL = r"C:\Users\cadre\AppData\Local"


@pytest.fixture
def windows(monkeypatch):
    folders = {"CSIDL_LOCAL_APPDATA": LOCAL, "CSIDL_APPDATA": r"C:\Users\cadre\AppData\Roaming"}
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", folders.__getitem__)
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.delenv("CASEWORK_DB")
    monkeypatch.delenv(logs.LOG_DIR_ENV_VAR)


def windows_path(path) -> PureWindowsPath:
    return PureWindowsPath(str(path).replace("/", "\\"))


def test_data_backups_logs_and_templates_are_under_localappdata_casework(windows):
    home = PureWindowsPath(LOCAL) / "casework"
    assert windows_path(paths.user_data_dir()) == home
    assert windows_path(paths.default_db_path()) == home / "casework.db"
    assert windows_path(paths.backups_dir(paths.default_db_path())) == home / "backups"
    assert windows_path(paths.user_templates_dir()) == home / "templates"
    assert windows_path(logs.log_dir()) == home / "Logs"


def test_the_shipped_templates_are_read_from_the_program_never_the_data_folder(windows):
    assert paths.builtin_templates_dir() != paths.user_templates_dir()
    assert (paths.builtin_templates_dir() / "走访日志.docx").is_file()


def test_a_built_app_reads_its_templates_and_icon_from_its_bundle(monkeypatch, tmp_path):
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert paths.builtin_templates_dir() == tmp_path / "templates"
    assert paths.asset("icon.png") == tmp_path / "casework" / "assets" / "icon.png"
