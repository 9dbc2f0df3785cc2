"""Standard modules the window's start imports but does not use, run once it is drawn.

peewee, logging and a few of our modules import inspect, json, uuid (and with it
platform, on Linux), hashlib, socket, traceback, subprocess, the file dialogs... at their
top, for functions the window's first moment never calls: running their code was some
15 ms of every start. `defer()` puts each in sys.modules as a module of its own name
whose code has not run, so `import json` binds it and runs nothing; the first attribute
read from it (`json.dumps`, `from json import dumps`) runs the module's code into that
same object, and it is an ordinary module from then on. (importlib.util.LazyLoader runs
it at once in Python 3.11: `import json` itself reads the module's `__spec__`.)

Deferred modules are for one thread only: the window defers them before it imports its
own modules (casework.cli.window) and runs what is left of them with `load_all()` once
it is drawn, or before a dialog opens on the way (whose work may use a thread), so that
no second thread ever meets one. A command of the command line defers nothing.
"""

from __future__ import annotations

import importlib.util
import sys
import types

# What the window's start imports and leaves unused (tests/ui/test_start_deferred.py).
WINDOW_DEFERRED = (
    "inspect",
    "json",
    "uuid",
    "platform",
    "hashlib",
    "hmac",
    "secrets",
    "socket",
    "traceback",
    "calendar",
    "base64",
    "subprocess",
    "queue",
    "tkinter.filedialog",
    "tkinter.messagebox",
)


def _isclass(object) -> bool:
    """inspect.isclass, as Python writes it."""
    return isinstance(object, type)


# What a deferred module holds before its code runs, for a name read from it as it is
# imported: peewee's `from inspect import isclass` is all the start reads of inspect (some
# 3 ms, with ast, dis and tokenize). The module's own code puts its own in place as it runs.
_GIVEN = {"inspect": {"isclass": _isclass}}


class _Deferred(types.ModuleType):
    """A module whose code has not run: reading an attribute it lacks runs it."""

    def __getattr__(self, name: str):
        # Only called for what the module's dict lacks: __spec__, __name__ and the rest
        # of what importing it reads are there already.
        if name == "__path__":
            raise AttributeError(name)  # not a package (a package's is there): no code runs
        _run(self)
        return getattr(self, name)


def _run(module: types.ModuleType) -> None:
    module.__class__ = types.ModuleType
    try:
        module.__spec__.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(module.__name__, None)  # as after a failed import: tried afresh
        raise


def defer(names: tuple[str, ...] = WINDOW_DEFERRED) -> None:
    """Put each module of `names` not imported yet in sys.modules, its code not run."""
    for name in names:
        if name in sys.modules:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            continue  # not on this machine: importing it fails as it always did
        module = importlib.util.module_from_spec(spec)
        module.__dict__.update(_GIVEN.get(name, {}))
        module.__class__ = _Deferred
        sys.modules[name] = module
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, module)  # as importing it would


def is_deferred(name: str) -> bool:
    """Whether `name` is deferred and nothing has read from it yet."""
    return isinstance(sys.modules.get(name), _Deferred)


def load_all() -> None:
    """Run every deferred module's code that has not run yet."""
    for module in list(sys.modules.values()):
        if isinstance(module, _Deferred):
            _run(module)
