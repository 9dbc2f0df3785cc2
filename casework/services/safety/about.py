"""关于: what a support message needs — version, the database, its backups, the log file."""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from pathlib import Path

from casework import APP_NAME, __version__, db, logs, paths


@dataclass(frozen=True)
class AboutInfo:
    version: str
    database: Path | None
    encrypted: bool
    schema_version: int | None
    backups: Path | None
    log_file: Path | None

    def support_text(self) -> str:
        """Plain text to paste into a message to whoever supports the cadre."""
        lines = [
            f"{APP_NAME} {self.version}",
            f"系统：{platform.platform()}；Python {platform.python_version()}"
            + ("（安装版）" if getattr(sys, "frozen", False) else "（源代码）"),
            f"数据库文件：{self.database or '（未打开）'}",
            f"数据库：{'已加密' if self.encrypted else '未加密'}；结构版本 {self.schema_version}",
            f"备份文件夹：{self.backups or '（无）'}",
            f"日志文件：{self.log_file or '（未记录）'}",
        ]
        return "\n".join(lines)


def about() -> AboutInfo:
    """The figures of the database open now (none are secret: no key, no personal data)."""
    current = db.current_file()
    return AboutInfo(
        version=__version__,
        database=current.path if current else None,
        encrypted=bool(current and current.encrypted),
        schema_version=db.schema_version() if current else None,
        backups=paths.backups_dir(current.path) if current else None,
        log_file=logs.log_file(),
    )
