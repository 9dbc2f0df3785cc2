"""Logging, set up once per run: a rotating file in the user log folder, and the one error path.

The window starts under pythonw on Windows, where stderr goes nowhere: without a file, a
cadre's crash would leave nothing to send back. `configure("window")` or
`configure("cli")` sends every logger's records (INFO and up) to `window.log` or
`cli.log` in `log_dir()`, kept to about 1 MB and 3 older files. A
file per kind, because a window and a command can run at once and two processes must
not rotate the same file. The window starts with `configure("window", quick=True)` and
calls `settle()` once it is drawn: the rotation's module (logging.handlers, with socket
and pickle) and the platform's description cost some 15 ms, and no start needs them.

`report(error, where)` is what the window and the command line do with an error that
reached them: a recognised one (a locked file, a full disk) is logged and described in
Chinese; anything else goes through `unexpected`, which logs the traceback and tells
the cadre where the log is.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path
from types import TracebackType

from casework import __version__, error_text, paths

LOG_DIR_ENV_VAR = "CASEWORK_LOG_DIR"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s [pid %(process)d %(threadName)s] %(message)s"

log = logging.getLogger(__name__)

_handler: logging.FileHandler | None = None
_saved_level: int | None = None
_saved_excepthook = None


def log_dir() -> Path:
    """The log folder: CASEWORK_LOG_DIR if set (tests, CI), else the per-user one.

    (%LOCALAPPDATA%\\casework\\Logs, ~/.local/state/casework/log, ...)
    """
    if os.environ.get(LOG_DIR_ENV_VAR):
        return Path(os.environ[LOG_DIR_ENV_VAR])
    from platformdirs import user_log_path

    return user_log_path(paths.APP_DIR_NAME, appauthor=False)


def log_path(kind: str = "window") -> Path:
    """Where `configure(kind)` writes (read each time: CASEWORK_LOG_DIR may change)."""
    return log_dir() / f"{kind}.log"


def configure(kind: str = "window", *, quick: bool = False) -> Path:
    """Log to the rotating file for `kind` from now on; return its path.

    Calling it again with the same kind (and folder) changes nothing; with another kind
    (`python main.py` is the command line until it opens the window) the log moves to
    that kind's file. If the folder cannot be made, records go to stderr as before and
    the path is still returned: `unexpected()` then says the log could not be written.
    `quick` (the window, as it starts) writes to the same file without rotating it nor
    naming the platform until `settle()`.
    """
    global _handler, _saved_level, _saved_excepthook
    path = log_path(kind)
    if _handler is not None and Path(_handler.baseFilename) == path.absolute():
        return path
    close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8") if quick else _rotating(path)
    except OSError:
        log.warning("cannot write the log file %s", path, exc_info=True)
        return path
    root = logging.getLogger()
    _install(handler)
    if root.getEffectiveLevel() > logging.INFO:
        _saved_level = root.level
        root.setLevel(logging.INFO)
    # An error before the window's main loop (or outside any handler) would otherwise be
    # printed to the stderr that pythonw does not have.
    _saved_excepthook = sys.excepthook
    sys.excepthook = _log_uncaught
    log.info("%s started: Casework %s, Python %s", kind, __version__, sys.version.split()[0])
    if not quick:
        _log_platform()
    return path


def settle() -> None:
    """What `configure(quick=True)` left for later: the rotation, the platform in the log."""
    import logging.handlers

    if _handler is None or isinstance(_handler, logging.handlers.RotatingFileHandler):
        return
    quick = _handler
    try:
        handler = _rotating(Path(quick.baseFilename))
    except OSError:
        log.warning("cannot rotate the log file %s", quick.baseFilename, exc_info=True)
        return
    _install(handler)  # before the quick one goes, so that no record falls between
    logging.getLogger().removeHandler(quick)
    quick.close()
    _log_platform()


def _rotating(path: Path) -> logging.FileHandler:
    import logging.handlers

    return logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )


def _install(handler: logging.FileHandler) -> None:
    global _handler
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.INFO)
    logging.getLogger().addHandler(handler)
    _handler = handler


def _log_platform() -> None:
    import platform

    log.info("on %s", platform.platform())


def log_file() -> Path | None:
    """The file the log goes to now, or None when logging has not been configured."""
    return Path(_handler.baseFilename) if _handler is not None else None


def close() -> None:
    """Stop logging to the file and undo what `configure` changed (tests; a kind change)."""
    global _handler, _saved_level, _saved_excepthook
    if _handler is None:
        return
    root = logging.getLogger()
    root.removeHandler(_handler)
    _handler.close()
    _handler = None
    if _saved_level is not None:
        root.setLevel(_saved_level)
        _saved_level = None
    if sys.excepthook is _log_uncaught:
        sys.excepthook = _saved_excepthook or sys.__excepthook__
    _saved_excepthook = None


def adopt_old_log(old: Path) -> None:
    """Move an error log an older version wrote elsewhere into the log folder, once.

    Its lines are appended to a file of the same name there, so support finds every
    log in one folder; a failure leaves it where it is.
    """
    if _handler is None or not old.is_file():
        return
    target = Path(_handler.baseFilename).parent / old.name
    try:
        with open(old, encoding="utf-8", errors="replace") as source:
            with open(target, "a", encoding="utf-8") as destination:
                shutil.copyfileobj(source, destination)
        old.unlink()
    except OSError:
        log.warning("could not move the old error log %s", old, exc_info=True)
        return
    log.info("moved the old error log %s to %s", old, target)


def _log_uncaught(
    exc_type: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    if not issubclass(exc_type, KeyboardInterrupt):
        log.critical("uncaught exception", exc_info=(exc_type, value, tb))
    (_saved_excepthook or sys.__excepthook__)(exc_type, value, tb)


def unexpected(error: BaseException, where: str) -> str:
    """Log `error`'s traceback; the Chinese message for the cadre, naming the log file.

    `where` says in Chinese what was being done ("导出简历", "操作"): the message begins
    "导出简历未完成：发生了意外错误。"; it goes to the log too.
    """
    log.error("unexpected error while %s", where, exc_info=_exc_info(error))
    target = log_file()
    if target is None:
        detail = "详细信息未能写入日志文件，请记下刚才的操作步骤告诉技术支持。"
    else:
        detail = f"详细信息已记录在日志文件 {target} 中，请把这个文件发给技术支持。"
    return f"{where}未完成：{error_text.UNEXPECTED}。{detail}"


def report(error: BaseException, where: str, path: Path | str | None = None) -> str:
    """An error that reached the window or the command line: logged, and in Chinese.

    OS, database and library errors are logged with their traceback (their messages hold
    paths and SQLite's words, never what was typed). The program's own errors are logged
    by type only: their message may echo what the cadre typed (a recovery key's group).
    """
    if error_text.is_unexpected(error):
        return unexpected(error, where)
    message = error_text.describe(error, path)
    if type(error).__module__.partition(".")[0] == "casework":
        log.info("while %s: %s", where, type(error).__name__)
    else:
        log.warning("while %s: %s", where, message, exc_info=_exc_info(error))
    return message


def _exc_info(error: BaseException) -> tuple[type[BaseException], BaseException, object]:
    return type(error), error, error.__traceback__
