"""The listed migration steps are exactly the mNNNN_*.py files present, in order, no gaps."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casework import migrations

FOLDER = Path(migrations.__file__).parent


def registry_problems(files: list[str], listed: list[str]) -> list[str]:
    """What is wrong with `listed` (module names in STEPS order) given the step files."""
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
    listed = [step.__name__.rsplit(".", 1)[1] for step in migrations.STEPS]
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
    assert "pkgutil" not in source and "import_module" not in source
