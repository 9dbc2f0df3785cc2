"""What the own file chooser shows and decides, without widgets: folders, filters, names.

casework.ui.kit.file_chooser draws these; keeping them here lets the rules (hidden
files left out, folders first, a typed name completed with the type's extension) be read
and tested on their own.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

FileType = tuple[str, str]  # ("Excel 工作簿", "*.xlsx") as Tk's filetypes give them


@dataclass(frozen=True)
class Entry:
    """One line of the chooser's list: a folder or a file."""

    name: str
    path: Path
    is_folder: bool
    size: int = 0
    modified: dt.datetime | None = None

    @property
    def kind(self) -> str:
        if self.is_folder:
            return "文件夹"
        suffix = Path(self.name).suffix.lstrip(".").upper()
        return f"{suffix} 文件" if suffix else "文件"


def patterns_of(filetype: FileType) -> list[str]:
    """ "*.docx *.doc" -> ["*.docx", "*.doc"]; "*.*" and "*" mean every file."""
    patterns = filetype[1].split()
    return ["*"] if any(p in ("*", "*.*") for p in patterns) else patterns


def type_label(filetype: FileType) -> str:
    """How the type filter names a type: "Excel 工作簿 (*.xlsx)"."""
    name, patterns = filetype
    return f"{name} ({patterns})"


def matches(name: str, patterns: Sequence[str]) -> bool:
    """Whether a file called `name` is of one of `patterns`, whatever the letters' case."""
    folded = name.casefold()
    return any(fnmatch.fnmatchcase(folded, p.casefold()) for p in patterns)


def list_folder(
    folder: Path, patterns: Sequence[str] = ("*",), *, folders_only: bool = False
) -> list[Entry]:
    """The folders, then the matching files, of `folder`, each by name; hidden ones left out.

    Raises OSError when the folder cannot be read (gone, no permission).
    """
    folders, files = [], []
    with os.scandir(folder) as scan:
        for item in scan:
            if item.name.startswith("."):
                continue
            try:
                is_folder = item.is_dir()
                info = item.stat()
            except OSError:
                continue  # a broken link, or a file gone while listing
            modified = dt.datetime.fromtimestamp(info.st_mtime)
            if is_folder:
                folders.append(Entry(item.name, Path(item.path), True, modified=modified))
            elif not folders_only and matches(item.name, patterns):
                files.append(Entry(item.name, Path(item.path), False, info.st_size, modified))
    by_name = lambda e: e.name.casefold()  # noqa: E731 - one key, used twice
    return sorted(folders, key=by_name) + sorted(files, key=by_name)


def size_text(size: int) -> str:
    """ "812 字节", "12 KB", "3.4 MB"."""
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def places(home: Path | None = None) -> list[tuple[str, Path]]:
    """The folders the chooser offers on its left: home, desktop, documents, downloads,
    removable drives (a U 盘 is how files reach the county), and the root."""
    home = home or Path.home()
    found: list[tuple[str, Path]] = [("主文件夹", home)]
    for label, names in (
        ("桌面", ("Desktop", "桌面")),
        ("文档", ("Documents", "文档")),
        ("下载", ("Downloads", "下载")),
    ):
        for name in names:
            if (home / name).is_dir():
                found.append((label, home / name))
                break
    user = home.name
    for base in (Path("/media") / user, Path("/run/media") / user, Path("/mnt")):
        try:
            drives = sorted(p for p in base.iterdir() if p.is_dir())
        except OSError:
            continue
        found.extend((f"U 盘 {drive.name}", drive) for drive in drives)
    found.append(("计算机（/）", Path(home.anchor or "/")))
    return found


def typed_path(folder: Path, typed: str) -> Path:
    """What a name typed into the chooser points at: `~` expanded, relative to `folder`."""
    return (folder / Path(typed.strip()).expanduser()).absolute()


def with_extension(path: Path, default_extension: str, patterns: Sequence[str]) -> Path:
    """`path`, given the type's extension when it has none of the chosen type's.

    "名单" saved as Excel becomes "名单.xlsx"; "名单.xlsx" stays; "*" adds nothing unless
    a default extension was asked for.
    """
    if path.suffix and matches(path.name, patterns):
        return path
    extension = default_extension
    if not extension:
        first = next((p for p in patterns if p.startswith("*.") and "*" not in p[2:]), "")
        extension = first[1:]
    if not extension or path.name.casefold().endswith(extension.casefold()):
        return path
    return path.with_name(path.name + extension)
