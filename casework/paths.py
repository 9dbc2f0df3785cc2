"""Where Casework keeps its own files: the user data folder and what lives beside the database.

One home for every path the program chooses, so the window, the command line and the
tests agree. Nothing here touches the disk except `private_temp_dir`, which makes the
folder it names unless told not to.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "casework"
DB_ENV_VAR = "CASEWORK_DB"
DB_FILE_NAME = "casework.db"
#: How every temporary file beside a target starts (casework.tempfiles sweeps them;
#: casework.error_text never names one): here, so neither needs the other to know it.
TEMP_PREFIX = ".~casework-"


def user_data_dir() -> Path:
    """The per-user data folder (%LOCALAPPDATA%\\casework, ~/.local/share/casework, ...)."""
    from platformdirs import user_data_path

    return user_data_path(APP_DIR_NAME, appauthor=False)


def default_db_path() -> Path:
    """The database file: CASEWORK_DB if set, else casework.db in the user data folder."""
    if os.environ.get(DB_ENV_VAR):
        return Path(os.environ[DB_ENV_VAR])
    return user_data_dir() / DB_FILE_NAME


def backups_dir(db_path: str | os.PathLike[str]) -> Path:
    """The `backups` folder beside the database (for the default file: in the user data)."""
    return Path(db_path).parent / "backups"


def resource_dir() -> Path:
    """Where the read-only files that ship with the program are: templates/, casework/assets/.

    A source checkout: the repository. A PyInstaller build: its bundle folder
    (`sys._MEIPASS`, `_internal` beside the executable), never written to.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def builtin_templates_dir() -> Path:
    """The Word templates that ship with the program."""
    return resource_dir() / "templates"


def asset(name: str) -> Path:
    """A file of casework/assets (the app icon)."""
    return resource_dir() / "casework" / "assets" / name


def user_templates_dir() -> Path:
    """Word templates a user has changed; a same-named one replaces the built-in template."""
    return user_data_dir() / "templates"


def private_temp_dir(create: bool = True) -> Path:
    """The app's own temporary folder, made if need be.

    Work files with personal data in them (openpyxl's sheet XML, a photo being cropped)
    go here, never to the system temp folder that other programs and users can read.
    """
    folder = user_data_dir() / "tmp"
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder
