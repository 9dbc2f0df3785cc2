"""The command line: sync export / import / conflicts, exit codes, the password's source."""

from __future__ import annotations

import json

from casework.cli import main as cli
from casework.db import close_database
from casework.services.register import people
from tests.factories import add_person, make_cadre, make_household, make_village
from tests.sync.laptops import PASSWORD


def test_export_import_and_conflicts_with_their_exit_codes(laptops, monkeypatch, capsys):
    laptops.use("office")
    make_cadre()
    son = add_person(make_household(make_village()), "韩春明")
    laptops.copy("office", "a")
    laptops.copy("office", "b")
    for name, phone in (("a", "13900000001"), ("b", "13900000002")):
        laptops.use(name)
        people.update_member(son["id"], {**son, "phone": phone})
    close_database()
    laptops.current = None
    package = laptops.folder / "from-a.cwp"
    monkeypatch.delenv("CASEWORK_PACKAGE_PASSWORD", raising=False)
    a, b = str(laptops.path("a")), str(laptops.path("b"))
    assert cli(["--db", a, "sync", "export", "-o", str(package)]) == 2
    assert "CASEWORK_PACKAGE_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("CASEWORK_PACKAGE_PASSWORD", PASSWORD)
    assert cli(["--db", a, "sync", "export", "-o", str(package)]) == 0
    assert "已导出数据包" in capsys.readouterr().out
    assert cli(["--db", b, "sync", "import", str(package), "--dry-run"]) == 1
    assert "预览" in capsys.readouterr().out
    assert cli(["--db", b, "sync", "conflicts", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["conflicts"] == []  # the dry run wrote nothing
    assert cli(["--db", b, "sync", "import", str(package)]) == 1
    out = capsys.readouterr().out
    assert "新冲突 1 处" in out and "待处理" in out
    assert cli(["--db", b, "sync", "conflicts", "--json"]) == 0
    [conflict] = json.loads(capsys.readouterr().out)["conflicts"]
    assert conflict["field"] == "phone"
    assert cli(["--db", b, "sync", "import", str(package)]) == 1  # twice: still waiting
    monkeypatch.setenv("CASEWORK_PACKAGE_PASSWORD", "wrong-password")
    assert cli(["--db", b, "sync", "import", str(package)]) == 2
    assert "交换密码不对" in capsys.readouterr().err
