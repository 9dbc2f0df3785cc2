"""Several laptops in one test: database files opened in turn, packages passed between."""

from __future__ import annotations

import shutil
from pathlib import Path

from casework.db import close_database, open_database
from casework.services.sync import export, merge

PASSWORD = "county-exchange-2026"


class Laptops:
    """Database files by name; `use(name)` opens one (closing the one open)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.current: str | None = None
        self.sent = 0

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.db"

    def use(self, name: str) -> None:
        if self.current != name:
            close_database()
            open_database(self.path(name))
            self.current = name

    def copy(self, source: str, target: str) -> None:
        """Hand a copy of one laptop's file to another (how an office gives out a roster)."""
        self.use(source)
        close_database()
        self.current = None
        shutil.copyfile(self.path(source), self.path(target))

    def export(self, name: str, receiver: str | None = None) -> Path:
        self.use(name)
        self.sent += 1
        target = self.folder / f"package-{self.sent}-{name}.cwp"
        export.export_package(target, PASSWORD, receiver=receiver)
        return target

    def receive(self, name: str, package: Path, dry_run: bool = False) -> merge.MergeSummary:
        self.use(name)
        return merge.import_package(package, PASSWORD, dry_run=dry_run)

    def start_county(self) -> tuple[dict, dict]:
        """The office registers a household with a son and hands copies to laptops a and b."""
        from tests.factories import add_person, make_cadre, make_household, make_village

        self.use("office")
        make_cadre()
        household = make_household(make_village(), head="韩令春")
        son = add_person(household, "韩春明")
        self.copy("office", "a")
        self.copy("office", "b")
        return household, son

    def exchange(self, sender: str, receiver: str) -> merge.MergeSummary:
        return self.receive(receiver, self.export(sender))
