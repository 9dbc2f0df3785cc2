"""Packages from outside are hostile: each bad one is refused in Chinese, nothing changes."""

from __future__ import annotations

import shutil

import pytest
from sqlcipher3 import dbapi2

from casework.db import database
from casework.services.sync import identity, merge
from casework.services.sync.package_file import PackageError
from tests.factories import add_person, make_cadre, make_household, make_village
from tests.sync.laptops import PASSWORD


@pytest.fixture
def package(laptops):
    """A good package from laptop a, and laptop b ready to receive it."""
    laptops.use("office")
    make_cadre()
    household = make_household(make_village())
    laptops.copy("office", "a")
    laptops.copy("office", "b")
    laptops.use("a")
    add_person(household, "韩春明")
    return laptops.export("a")


def _state():
    listed = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'person_%'"
    tables = [row[0] for row in database.execute_sql(listed)]
    return {t: database.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _refused(laptops, path, match, password=PASSWORD):
    laptops.use("b")
    identity.replica_id()  # the copy's first use makes it a laptop of its own
    before = _state()
    with pytest.raises(PackageError, match=match) as raised:
        merge.import_package(path, password)
    assert _state() == before
    assert not any(laptops.folder.glob("**/*merge*"))  # no backup was taken for it
    assert "Traceback" not in str(raised.value)
    return str(raised.value)


def _edit(path, statements, password=PASSWORD):
    conn = dbapi2.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = '{password}'")
    for statement in statements:
        conn.execute(statement)
    conn.close()


def test_a_wrong_password(laptops, package):
    _refused(laptops, package, "交换密码不对", password="not-the-password")


def test_a_truncated_package(laptops, package):
    data = package.read_bytes()
    cut = laptops.folder / "cut.cwp"
    cut.write_bytes(data[: len(data) // 2 // 4096 * 4096])
    _refused(laptops, cut, "不完整|损坏|交换密码不对")
    odd = laptops.folder / "odd.cwp"
    odd.write_bytes(data[:-100])
    _refused(laptops, odd, "不是完整的数据包")


def test_a_tampered_package(laptops, package):
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tampered = laptops.folder / "tampered.cwp"
    tampered.write_bytes(bytes(data))
    _refused(laptops, tampered, "损坏|改动")


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04" + b"\x00" * 5000, b"\x00" * 8192])
def test_a_foreign_file(laptops, package, content):
    foreign = laptops.folder / "foreign.cwp"
    foreign.write_bytes(content)
    _refused(laptops, foreign, "不是完整的数据包|不是本程序导出的数据包|交换密码不对")


def test_a_plain_database_posing_as_a_package(laptops, package):
    plain = laptops.folder / "plain.cwp"
    shutil.copyfile(laptops.path("office"), plain)
    _refused(laptops, plain, "交换密码不对|不是")


def test_this_laptops_own_package(laptops, package):
    laptops.use("a")
    before = _state()
    with pytest.raises(PackageError, match="本机导出的"):
        merge.import_package(package, PASSWORD)
    assert _state() == before


def test_a_package_from_a_newer_version(laptops, package):
    _edit(package, ["UPDATE meta SET value = '99' WHERE key = 'schema'"])
    _refused(laptops, package, "更新版本")


@pytest.mark.parametrize(
    "statements",
    [
        ["CREATE VIEW sneaky AS SELECT 1"],
        ["CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END"],
        ["CREATE TABLE extra (x)"],
        ["UPDATE person SET birth_date = 'not a date'"],
        ["UPDATE person SET id = 'x'"],
        ["UPDATE person SET name = printf('%.200c', 'x')"],
        ["ALTER TABLE person ADD COLUMN payload TEXT"],
        ["UPDATE meta SET value = 'something-else' WHERE key = 'format'"],
    ],
    ids=["view", "trigger", "table", "date", "id", "too-long", "column", "format"],
)
def test_a_package_with_content_it_may_not_hold(laptops, package, statements):
    _edit(package, statements)
    _refused(laptops, package, "不符合要求|不是本程序导出的数据包")


def test_a_package_from_an_older_version_is_upgraded(laptops, package):
    # As written by a version before 政治面貌 and 婚姻状况: those columns take their defaults.
    _edit(
        package,
        [
            "ALTER TABLE person DROP COLUMN political_status",
            "ALTER TABLE person DROP COLUMN marital_status",
            "UPDATE meta SET value = '6' WHERE key = 'schema'",
        ],
    )
    laptops.use("b")
    summary = merge.import_package(package, PASSWORD)
    assert summary.new_records == 1
    arrived = database.execute_sql(
        "SELECT political_status, marital_status FROM person WHERE name = '韩春明'"
    ).fetchall()
    assert arrived == [("", "")]


def test_a_package_whose_records_point_at_nothing(laptops, package):
    # Found only by merging (at commit): the backup taken first stays, the file is as it was.
    _edit(package, ["UPDATE person SET household_id = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'"])
    laptops.use("b")
    identity.replica_id()
    before = _state()
    for dry_run in (True, False):
        with pytest.raises(PackageError, match="缺少它所属"):
            merge.import_package(package, PASSWORD, dry_run=dry_run)
        assert _state() == before
