"""Every use of openpyxl's private internals, in one place; tests/test_openpyxl_internals.py
checks each against the installed openpyxl, so an upgrade that changes one fails loudly.

Writing (the Excel lists, casework.exports.excel):
- Where a write-only sheet streams its XML: `openpyxl.worksheet._writer` makes the file
  with its module function `create_temporary_file()` (NamedTemporaryFile in the system
  temp folder), records it in the module list `ALL_TEMP_FILES` (deleted at exit) and
  `WorksheetWriter.cleanup()` takes it off that list. The sheet XML holds every ID
  number in clear, so the function is replaced by one that makes the same file in the
  app's private temporary folder.
- Handing ready cells to a write-only sheet (`WriteOnlyWorksheet._values_to_row`) and
  setting a cell's value and type without openpyxl guessing them (`cell._value`).
- Closing and deleting the sheets' files after a cancel (`ws._writer.cleanup()`).

Reading (the size check before an import, casework.imports):
- A read-only sheet's own XML, streamed (`ReadOnlyWorksheet._get_source()`), to count
  its rows, cells and merged ranges without trusting its dimension tag.

Sits beside tempfiles.py, below the imports and the exports that both use it; openpyxl
itself is imported only inside the functions.
"""

from __future__ import annotations

import contextlib
import os
import tempfile

from casework.tempfiles import run_dir

TEMP_PREFIX = "openpyxl."


def keep_temp_files_private() -> None:
    """Make every write-only sheet from now on stream into the private temporary folder.

    Idempotent. Raises RuntimeError when openpyxl no longer works the way this relies
    on: exporting then stops rather than writing ID numbers to the system temp folder.
    """
    from openpyxl.worksheet import _writer

    current = getattr(_writer, "create_temporary_file", None)
    if getattr(current, "casework_private", False):
        return
    registry = getattr(_writer, "ALL_TEMP_FILES", None)
    if current is None or not isinstance(registry, list):
        raise RuntimeError(
            "openpyxl changed how write-only sheets make their temporary files; "
            "see casework/openpyxl_internals.py"
        )

    def create_temporary_file(suffix: str = "") -> str:
        fd, name = tempfile.mkstemp(suffix=suffix, prefix=TEMP_PREFIX, dir=run_dir())
        os.close(fd)
        registry.append(name)
        return name

    create_temporary_file.casework_private = True  # type: ignore[attr-defined]
    _writer.create_temporary_file = create_temporary_file


def stream_cells_as_given(ws) -> None:
    """Hand our ready cells to a write-only sheet's writer as they are.

    openpyxl's own path assigns each appended cell as a value first, which fails and is
    caught (formatting an error message each time), then builds a new cell: that alone
    made a styled list ~1.5x slower than an unstyled one. Every row we append is a list
    of cells (or None), so positioning them is all that is needed. Should a future
    openpyxl drop this hook, the public path still writes the same file, only slower.
    """
    if not callable(getattr(ws, "_values_to_row", None)):
        return

    def cells_of_row(values, row_index):
        for column_index, cell in enumerate(values, 1):
            if cell is not None:
                cell.row = row_index
                cell.column = column_index
                yield cell

    ws._values_to_row = cells_of_row


def set_value(cell, value: object, data_type: str) -> None:
    """Give a cell `value` of the known type ("s", "n", "d") without openpyxl's guessing."""
    cell._value = value
    cell.data_type = data_type


def discard_sheets(book) -> None:
    """Close and delete a write-only book's sheet files after a cancel or an error.

    Left alone, the half-written sheet streams complain when garbage-collected and
    their temporary files stay behind until the program exits.
    """
    for ws in book.worksheets:
        with contextlib.suppress(Exception):
            ws.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            with contextlib.suppress(OSError, ValueError):
                writer.cleanup()


def open_sheet_xml(ws):
    """A read-only sheet's XML as a binary stream to read and close (use it in `with`);
    None for a sheet openpyxl holds in memory, which knows its own size and merges.

    Raises RuntimeError when openpyxl no longer opens the XML this way: the size check
    then stops the import rather than trusting the sheet's own word for its size.
    """
    if not getattr(ws.parent, "read_only", False):
        return None
    source = getattr(ws, "_get_source", None)
    if not callable(source):
        raise RuntimeError(
            "openpyxl changed how read-only sheets read their XML; "
            "see casework/openpyxl_internals.py"
        )
    return source()
