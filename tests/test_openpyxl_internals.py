"""The openpyxl internals Casework relies on are still there and still work as assumed.

When one of these fails after an openpyxl upgrade, look at
casework/exports/openpyxl_internals.py before anything else: the Excel lists either
stream ID numbers to the system temp folder or lose speed.
"""

from __future__ import annotations

import tempfile

import openpyxl
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet import _writer

from casework.exports import openpyxl_internals as internals
from casework.paths import private_temp_dir


def work_files() -> list:
    """Files in the private folder other than the runs' own lock files."""
    return [p for p in private_temp_dir().rglob("*") if p.is_file() and p.name != ".lock"]


def test_the_version_is_the_one_these_were_checked_against():
    # Pinned in requirements.txt; a new version needs this module read again.
    assert openpyxl.__version__ == "3.1.5"


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
    try:
        internals.keep_temp_files_private()
    except RuntimeError as error:
        assert "openpyxl_internals" in str(error)
    else:
        raise AssertionError("keep_temp_files_private accepted an openpyxl it does not know")


def test_ready_cells_are_written_as_given(tmp_path):
    book = Workbook(write_only=True)
    ws = book.create_sheet("清单")
    assert callable(ws._values_to_row)
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
