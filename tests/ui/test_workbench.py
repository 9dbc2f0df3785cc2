"""The Workbench protocol: App and FakeApp both fit it, and it names exactly what screens use.

runtime_checkable's isinstance only sees that the names exist, so the methods' signatures
(annotations resolved) and the attributes' values are compared with the protocol's too.
"""

from __future__ import annotations

import ast
import inspect
import types
import typing
from pathlib import Path

import pytest

from casework.ui.app import App, build_app
from casework.ui.kit.workbench import Workbench
from tests.factories import make_cadre
from tests.ui.fake_app import FakeApp

UI = Path(__file__).resolve().parents[2] / "casework" / "ui"
# The App itself, and the protocol's own module, are not screens asking for something.
NOT_SCREENS = {UI / "app.py", UI / "kit" / "workbench.py"}


def protocol_members() -> dict[str, object]:
    return {name: value for name, value in vars(Workbench).items() if not name.startswith("_")}


def _is_app(node: ast.expr) -> bool:
    """`app`, `self.app` or `anything.app`: where screens keep the Workbench they were given."""
    return (isinstance(node, ast.Name) and node.id == "app") or (
        isinstance(node, ast.Attribute) and node.attr == "app"
    )


def app_uses(source: str) -> set[str]:
    """The names `source` asks of the app: `app.x`, `self.app.x`, `getattr(self.app, "x")`."""
    used = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and _is_app(node.value):
            used.add(node.attr)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr")
            and len(node.args) >= 2
            and _is_app(node.args[0])
            and isinstance(node.args[1], ast.Constant)
        ):
            used.add(node.args[1].value)
    return used


def screens_use() -> dict[str, set[str]]:
    """Each name asked of the app anywhere under casework/ui -> the modules asking."""
    users: dict[str, set[str]] = {}
    for path in sorted(UI.rglob("*.py")):
        if path not in NOT_SCREENS:
            for name in app_uses(path.read_text(encoding="utf-8")):
                users.setdefault(name, set()).add(str(path.relative_to(UI)))
    return users


def test_the_protocol_names_exactly_what_the_screens_use():
    users = screens_use()
    missing = {name: sorted(users[name]) for name in users.keys() - protocol_members().keys()}
    assert not missing, f"screens use names the Workbench protocol does not list: {missing}"
    unused = protocol_members().keys() - users.keys()
    assert not unused, f"the Workbench protocol lists names no screen uses: {sorted(unused)}"


def test_the_scan_finds_every_way_of_asking():
    # Guards the test above against passing vacuously: each spelling of a use is seen.
    source = """
def open(parent, app):
    app.notify("已保存")
    parent.app.back()

class Screen:
    def refresh(self):
        pad = self.app.theme.pad_large
        who = getattr(self.app, "cadre", None)
        self.app = None  # the screen's own attribute, not a use of the app
        self.application.root.destroy()
"""
    assert app_uses(source) == {"notify", "back", "theme", "cadre"}


def _conforms(value: object, hint: object) -> bool:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return any(_conforms(value, arg) for arg in typing.get_args(hint))
    if hint is None or hint is type(None):
        return value is None
    return isinstance(value, typing.get_origin(hint) or hint)


def misfits(app: object) -> list[str]:
    """How `app` differs from the Workbench protocol, one line per member; [] when it fits."""
    found = []
    for name, member in protocol_members().items():
        if isinstance(member, property):
            hint = typing.get_type_hints(member.fget)["return"]
            value = getattr(app, name, None)
            if not _conforms(value, hint):
                found.append(f"{name}: {value!r} is not {hint}")
            continue
        wanted = inspect.signature(member, eval_str=True)
        actual = getattr(type(app), name, None)
        if actual is None:
            found.append(f"{name}: missing")
        elif inspect.signature(actual, eval_str=True) != wanted:
            found.append(f"{name}{inspect.signature(actual, eval_str=True)}, not {wanted}")
    return found


@pytest.fixture
def real_app(tk_root, db, today, tmp_path):
    make_cadre()
    return build_app(tk_root, tmp_path / "casework.db")


def test_the_main_window_fits_the_protocol(real_app):
    assert isinstance(real_app, App)
    assert isinstance(real_app, Workbench)
    assert misfits(real_app) == []


def test_the_fake_app_fits_the_protocol(tk_root):
    app = FakeApp(tk_root)
    assert isinstance(app, Workbench)
    assert misfits(app) == []


def test_a_misfit_is_named(tk_root):
    # Guards the two tests above: a wrong signature, a wrong type and a missing method.
    class Misfit(FakeApp):
        def new_visit(self, household_id: str) -> None:  # the person is not optional here
            pass

        reload_after_file_change = None  # type: ignore[assignment]

    app = Misfit(tk_root)
    app.db_path = "casework.db"  # a str, not a Path
    found = misfits(app)
    assert [line.split(":")[0].split("(")[0] for line in found] == [
        "db_path",
        "new_visit",
        "reload_after_file_change",
    ]
