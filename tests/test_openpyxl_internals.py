"""The openpyxl internals Casework relies on are still there and still work as assumed.

When one of these fails after an openpyxl upgrade, look at casework/openpyxl_internals.py
before anything else: the Excel lists either stream ID numbers to the system temp folder
or lose speed, and the import's size check cannot read a sheet's XML.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import tempfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet import _writer

from casework import openpyxl_internals as internals
from casework.paths import private_temp_dir

CASEWORK = Path(internals.__file__).parent
CHECKED_VERSION = "3.1.5"  # pinned in requirements.txt
UPGRADE_ADVICE = (
    "read casework/openpyxl_internals.py and check each use against the new openpyxl "
    "before upgrading"
)
# Each private thing used, as "module:qualified name", with the signature relied on.
SIGNATURES = {
    "openpyxl.worksheet._writer:create_temporary_file": "(suffix='')",
    "openpyxl.worksheet._writer:WorksheetWriter.cleanup": "(self)",
    "openpyxl.worksheet._write_only:WriteOnlyWorksheet._values_to_row": "(self, values, row_idx)",
    "openpyxl.worksheet._read_only:ReadOnlyWorksheet._get_source": "(self)",
}


def work_files() -> list:
    """Files in the private folder other than the runs' own lock files."""
    return [p for p in private_temp_dir().rglob("*") if p.is_file() and p.name != ".lock"]


def test_the_version_is_the_one_these_were_checked_against():
    assert openpyxl.__version__ == CHECKED_VERSION, (
        f"openpyxl is {openpyxl.__version__}, its internals were checked against "
        f"{CHECKED_VERSION}: {UPGRADE_ADVICE}, then change CHECKED_VERSION"
    )


def found_signature(spec: str) -> str:
    module_name, _, qualified = spec.partition(":")
    thing = importlib.import_module(module_name)
    for name in qualified.split("."):
        thing = getattr(thing, name, None)
        if thing is None:
            return "missing"
    # Names and defaults only: once keep_temp_files_private() has run, the function in
    # _writer is Casework's own, annotated, stand-in.
    signature = inspect.signature(thing)
    bare = [p.replace(annotation=p.empty) for p in signature.parameters.values()]
    return str(signature.replace(parameters=bare, return_annotation=signature.empty))


def test_each_internal_is_still_there_with_the_signature_relied_on():
    changed = {
        spec: f"{found_signature(spec)}, was {wanted}"
        for spec, wanted in SIGNATURES.items()
        if found_signature(spec) != wanted
    }
    assert changed == {}, f"openpyxl changed internals Casework uses: {UPGRADE_ADVICE}"
    assert isinstance(_writer.ALL_TEMP_FILES, list), f"_writer.ALL_TEMP_FILES: {UPGRADE_ADVICE}"
    assert "_value" in WriteOnlyCell(Workbook(write_only=True).create_sheet()).__slots__


def test_the_signature_check_reports_what_went_missing(monkeypatch):
    from openpyxl.worksheet import _read_only

    monkeypatch.delattr(_read_only.ReadOnlyWorksheet, "_get_source")
    assert found_signature("openpyxl.worksheet._read_only:ReadOnlyWorksheet._get_source") == (
        "missing"
    )


# Writing -------------------------------------------------------------------------------


def test_write_only_sheets_stream_into_the_private_folder(tmp_path, monkeypatch):
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    internals.keep_temp_files_private()
    internals.keep_temp_files_private()  # twice is the same as once
    book = Workbook(write_only=True)
    ws = book.create_sheet("清单")
    ws.append(["150521199001011234"])
    sheet_file = ws._writer.out
    assert str(sheet_file).startswith(str(private_temp_dir()))
    assert sheet_file in _writer.ALL_TEMP_FILES
    book.save(tmp_path / "x.xlsx")
    assert work_files() == [] and list(system_temp.iterdir()) == []
    assert sheet_file not in _writer.ALL_TEMP_FILES  # cleanup() still takes it off the list


def test_an_openpyxl_that_makes_its_files_otherwise_stops_the_export(monkeypatch):
    monkeypatch.delattr(_writer, "create_temporary_file")
    with pytest.raises(RuntimeError, match="openpyxl_internals"):
        internals.keep_temp_files_private()


def test_ready_cells_are_written_as_given(tmp_path):
    book = Workbook(write_only=True)
    ws = book.create_sheet("清单")
    internals.stream_cells_as_given(ws)
    cell = WriteOnlyCell(ws)
    internals.set_value(cell, "=1+1", "s")
    ws.append([cell, None])
    internals.set_value(cell, 42, "n")
    ws.append([None, cell])
    book.save(tmp_path / "x.xlsx")
    read = load_workbook(tmp_path / "x.xlsx").active
    assert read["A1"].value == "=1+1" and read["A1"].data_type == "s"
    assert read["B2"].value == 42 and read["A2"].value is None


def test_discarding_a_half_written_book_deletes_its_sheet_files():
    internals.keep_temp_files_private()
    book = Workbook(write_only=True)
    ws = book.create_sheet("清单")
    ws.append(["150521199001011234"])
    internals.discard_sheets(book)
    assert work_files() == []


# Reading -------------------------------------------------------------------------------


def workbook_file(tmp_path) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = "花名册"
    ws.append(["姓名", "身份证号码"])
    ws.append(["韩令春", "150521199001011234"])
    ws.merge_cells("A4:B5")
    path = tmp_path / "花名册.xlsx"
    book.save(path)
    return path


def test_a_read_only_sheets_own_xml_is_streamed(tmp_path):
    book = load_workbook(workbook_file(tmp_path), read_only=True)
    try:
        with internals.open_sheet_xml(book["花名册"]) as stream:
            xml = stream.read()
    finally:
        book.close()
    assert b'<row r="2"' in xml and b'<mergeCell ref="A4:B5"/>' in xml


def test_a_sheet_in_memory_has_no_xml_to_stream(tmp_path):
    book = load_workbook(workbook_file(tmp_path))
    assert internals.open_sheet_xml(book["花名册"]) is None


def test_an_openpyxl_that_reads_sheets_otherwise_stops_the_import(tmp_path, monkeypatch):
    from openpyxl.worksheet import _read_only

    book = load_workbook(workbook_file(tmp_path), read_only=True)
    try:
        ws = book["花名册"]
        monkeypatch.delattr(_read_only.ReadOnlyWorksheet, "_get_source")
        with pytest.raises(RuntimeError, match="openpyxl_internals"):
            internals.open_sheet_xml(ws)
    finally:
        book.close()


# Nowhere else --------------------------------------------------------------------------


def openpyxl_private_names() -> set[str]:
    """Every _name openpyxl defines or uses: its private modules, functions and attributes."""
    names = set()
    for path in Path(openpyxl.__file__).parent.rglob("*.py"):
        names.add(path.stem)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.Name):
                names.add(node.id)
    return {n for n in names if n.startswith("_") and not n.startswith("__") and len(n) > 1}


ATTRIBUTE_FUNCTIONS = {"getattr", "hasattr", "setattr", "delattr"}


def private_uses(path: Path, private: set[str]) -> list[str]:
    """Where `path` reaches one of openpyxl's private names: `x._name` (not on self or
    cls), getattr(x, "_name") and friends, or an import from a private module."""
    found = []
    nodes = ast.walk(ast.parse(path.read_text(encoding="utf-8")))
    for node in sorted(nodes, key=lambda node: getattr(node, "lineno", 0)):
        if isinstance(node, ast.Attribute) and node.attr in private:
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ATTRIBUTE_FUNCTIONS
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in private
        ):
            found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("openpyxl"):
            parts = node.module.split(".") + [alias.name for alias in node.names]
            if any(part in private for part in parts):
                found.append(f"{node.lineno}: from {node.module} import …")
    return found


def offenders(root: Path, private: set[str]) -> dict[str, list[str]]:
    return {
        str(path.relative_to(root)): uses
        for path in sorted(root.rglob("*.py"))
        if path.name != "openpyxl_internals.py" and (uses := private_uses(path, private))
    }


def test_no_other_module_touches_openpyxl_internals():
    assert offenders(CASEWORK, openpyxl_private_names()) == {}, (
        "use openpyxl's private parts only through casework/openpyxl_internals.py, "
        "where a test checks each against the installed openpyxl"
    )


def test_the_check_would_notice_a_private_use(tmp_path):
    (tmp_path / "sizes.py").write_text(
        "def measure(ws):\n"
        '    source = getattr(ws, "_get_source", None)\n'
        "    return ws._values_to_row, self._writer\n"
        "from openpyxl.worksheet._writer import WorksheetWriter\n",
        encoding="utf-8",
    )
    (tmp_path / "openpyxl_internals.py").write_text("x = ws._writer\n", encoding="utf-8")
    assert offenders(tmp_path, openpyxl_private_names()) == {
        "sizes.py": [
            "2: getattr(ws, '_get_source', None)",
            "3: ws._values_to_row",
            "4: from openpyxl.worksheet._writer import …",
        ]
    }
