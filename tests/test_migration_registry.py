"""The listed migration steps are exactly the mNNNN_*.py files present, in order, no gaps."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from casework import migrations

FOLDER = Path(migrations.__file__).parent
RUN = {"capture_output": True, "text": True, "check": True, "cwd": FOLDER.parent.parent}


def registry_problems(files: list[str], listed: list[str]) -> list[str]:
    """What is wrong with `listed` (module names in STEP_NAMES order) given the step files."""
    problems = []
    numbers = [int(re.fullmatch(r"m(\d{4})_\w+", name).group(1)) for name in listed]
    if numbers != list(range(1, len(listed) + 1)):
        problems.append(f"steps must be numbered 1..N in order: {numbers}")
    steps = sorted(name for name in files if re.fullmatch(r"m\d{4}_\w+", name))
    if set(steps) - set(listed):
        problems.append(f"not listed in STEPS: {sorted(set(steps) - set(listed))}")
    if set(listed) - set(steps):
        problems.append(f"listed but no file: {sorted(set(listed) - set(steps))}")
    return problems


def test_steps_list_every_migration_file_in_order():
    files = [path.stem for path in FOLDER.glob("m*.py")]
    listed = list(migrations.STEP_NAMES)
    assert len(listed) >= 6
    assert registry_problems(files, listed) == []
    assert migrations.LATEST == len(listed)


@pytest.mark.parametrize(
    "files, listed, problem",
    [
        (["m0001_a", "m0002_b"], ["m0001_a"], "not listed in STEPS: ['m0002_b']"),
        (["m0001_a", "m0003_c"], ["m0001_a", "m0003_c"], "numbered 1..N"),
        (["m0001_a", "m0002_b"], ["m0002_b", "m0001_a"], "numbered 1..N"),
        (["m0001_a"], ["m0001_a", "m0002_b"], "listed but no file"),
    ],
)
def test_the_registry_check_can_fail(files, listed, problem):
    assert any(problem in text for text in registry_problems(files, listed))


def test_steps_are_imported_by_name_not_discovered():
    # A frozen app has no folder to scan: the package must not walk its own path.
    source = (FOLDER / "__init__.py").read_text(encoding="utf-8")
    assert not any(word in source for word in ("pkgutil", "glob", "listdir", "iterdir", "__path__"))


def test_every_listed_step_loads_as_its_own_module():
    for number, name in enumerate(migrations.STEP_NAMES, start=1):
        step = migrations.load_step(number)
        assert step.__name__ == f"casework.migrations.{name}" and callable(step.apply)


def test_a_file_at_the_latest_version_imports_no_step(tmp_path):
    # Every start but the first after an update opens such a file: the steps are not its cost.
    path = str(tmp_path / "county.db")
    opened = "from casework import db; db.open_database({!r}); db.close_database()\n"
    steps_imported = "import sys; print(sorted(m for m in sys.modules if '.migrations.m' in m))"
    first = subprocess.run([sys.executable, "-c", opened.format(path) + steps_imported], **RUN)
    again = subprocess.run([sys.executable, "-c", opened.format(path) + steps_imported], **RUN)
    assert first.stdout.count("casework.migrations.m") == len(migrations.STEP_NAMES)
    assert again.stdout.strip() == "[]"
