"""Deferred modules (casework.ui.kit.deferred_modules): imported, their code runs when used."""

from __future__ import annotations

import sys
import textwrap

import pytest

from casework.ui.kit import deferred_modules


@pytest.fixture
def modules(tmp_path, monkeypatch):
    """Writes modules into a folder on sys.path; each one's code appends its name to
    `ran` (a list in the `ran_log` module) when it runs."""
    monkeypatch.syspath_prepend(str(tmp_path))
    log = tmp_path / "ran_log.py"
    log.write_text("ran = []\n", encoding="utf-8")
    made = ["ran_log"]

    def write(name: str, body: str = "") -> None:
        path = tmp_path.joinpath(*name.split("."))
        if "." in name:
            path.parent.mkdir(exist_ok=True)
            (path.parent / "__init__.py").touch()
        source = f"import ran_log\nran_log.ran.append({name!r})\n" + textwrap.dedent(body)
        path.with_suffix(".py").write_text(source, encoding="utf-8")
        made.append(name)

    yield write
    for name in made + [name.split(".")[0] for name in made]:
        sys.modules.pop(name, None)


def ran() -> list[str]:
    import ran_log

    return ran_log.ran


def test_importing_a_deferred_module_runs_none_of_its_code(modules):
    modules("quiet_one", "VALUE = 42\n")
    deferred_modules.defer(("quiet_one",))

    import quiet_one

    assert ran() == [] and deferred_modules.is_deferred("quiet_one")
    assert quiet_one.VALUE == 42
    assert ran() == ["quiet_one"] and not deferred_modules.is_deferred("quiet_one")
    import quiet_one as again

    assert again is quiet_one and sys.modules["quiet_one"] is quiet_one
    assert quiet_one.VALUE == 42 and ran() == ["quiet_one"], "its code runs once"


def test_importing_a_name_from_it_runs_it(modules):
    modules("named_one", "def greet():\n    return 'hi'\n")
    deferred_modules.defer(("named_one",))

    from named_one import greet

    assert greet() == "hi" and ran() == ["named_one"]


def test_a_module_of_a_package_is_deferred_as_its_attribute_too(modules):
    modules("deferred_pkg.inner", "X = 1\n")
    import deferred_pkg

    deferred_modules.defer(("deferred_pkg.inner",))
    from deferred_pkg import inner

    assert inner is sys.modules["deferred_pkg.inner"] is deferred_pkg.inner
    assert ran() == []
    assert inner.X == 1 and ran() == ["deferred_pkg.inner"]


def test_a_name_given_before_it_runs_is_read_without_running_it(modules, monkeypatch):
    modules("given_one", "def isclass(x):\n    return 'its own'\nOTHER = 2\n")
    monkeypatch.setitem(deferred_modules._GIVEN, "given_one", {"isclass": len})
    deferred_modules.defer(("given_one",))

    from given_one import isclass

    assert isclass is len and ran() == []
    assert sys.modules["given_one"].OTHER == 2
    assert sys.modules["given_one"].isclass("x") == "its own", "its own code's from then on"


def test_the_stand_in_isclass_is_inspects():
    import inspect

    for thing in (int, type, inspect, 3, "x", None, deferred_modules._Deferred):
        assert deferred_modules._isclass(thing) is inspect.isclass(thing)


def test_a_module_already_imported_or_missing_is_left_alone(modules):
    modules("loaded_one")
    import loaded_one

    deferred_modules.defer(("loaded_one", "no_such_module_here"))

    assert sys.modules["loaded_one"] is loaded_one
    assert not deferred_modules.is_deferred("loaded_one")
    assert "no_such_module_here" not in sys.modules
    with pytest.raises(ImportError):
        import no_such_module_here  # noqa: F401


def test_a_module_that_fails_fails_when_used_and_is_tried_again(modules):
    modules("failing_one", "raise RuntimeError('broken')\n")
    deferred_modules.defer(("failing_one",))
    import failing_one

    with pytest.raises(RuntimeError, match="broken"):
        failing_one.anything  # noqa: B018
    assert "failing_one" not in sys.modules
    with pytest.raises(RuntimeError, match="broken"):
        import failing_one  # noqa: F401, F811
    assert ran() == ["failing_one", "failing_one"]


def test_load_all_runs_what_has_not_run(modules):
    modules("first_one", "A = 1\n")
    modules("second_one", "B = 2\n")
    deferred_modules.defer(("first_one", "second_one"))
    import first_one
    import second_one

    assert first_one.A == 1
    deferred_modules.load_all()

    assert ran() == ["first_one", "second_one"]
    assert not deferred_modules.is_deferred("second_one") and second_one.B == 2
