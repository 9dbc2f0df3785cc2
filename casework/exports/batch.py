"""Many resumes at once: for selected people or everyone willing to go out, into one folder.

Each resume is rendered and written on its own (temp file + rename), so a cancel or a
crash between two documents leaves only whole files; memory is collected after each
document, so a batch of a thousand keeps it flat (on the command line here, in the
window by the progress dialog on the Tk thread: see `_collects_here`). A person without
a saved draft gets one made from their record and latest wish (not saved). A problem
with one person (deleted meanwhile, say) skips that person; a broken template stops the
batch, as every document would fail the same way.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from casework import clock
from casework.exports import files
from casework.exports.resume import render_resume, resume_data
from casework.exports.templates import TemplateError, load_template
from casework.services.common import NotFoundError
from casework.services.documents import resumes
from casework.services.register import people
from casework.validation import ValidationError

Report = Callable[[int, int, str], None]


@dataclass
class BatchResult:
    folder: Path
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)
    cancelled: bool = False
    total: int = 0

    def summary(self) -> str:
        """One Chinese sentence for the cadre."""
        text = f"已导出 {len(self.written)} 份简历"
        if self.cancelled:
            text = f"已取消：{text}（共 {self.total} 份），已导出的文件完整可用"
        if self.skipped:
            text += f"；{len(self.skipped)} 人未导出（{self.skipped[0][0]}：{self.skipped[0][1]}"
            text += "等）" if len(self.skipped) > 1 else "）"
        return text + f"。文件夹：{self.folder}"


@dataclass(frozen=True)
class BatchItem:
    person_id: str
    name: str = ""
    resume_id: str | None = None  # None: a draft made from the record, not saved


def items_for_people(person_ids: list[str]) -> list[BatchItem]:
    """Selected people, each with the draft they edited last (or none)."""
    items = []
    for person_id in dict.fromkeys(person_ids):
        try:
            name = people.get_person(person_id)["name"]
        except NotFoundError:
            name = ""
        items.append(BatchItem(person_id, name, resumes.latest_resume_id(person_id)))
    return items


def items_for_willing() -> list[BatchItem]:
    """Everyone whose latest employment wish is to go out to work."""
    return [
        BatchItem(row["person_id"], row["name"], row["resume_id"])
        for row in resumes.willing_people()
    ]


def _draft(item: BatchItem) -> dict:
    if item.resume_id:
        return resumes.get_resume(item.resume_id)
    draft = resumes.prefill(item.person_id)
    draft["person_id"] = item.person_id
    return draft


def export_batch(
    items: list[BatchItem],
    folder: str | os.PathLike[str],
    template_name: str | None = None,
    report: Report | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BatchResult:
    """Write one resume per item into `folder`; see the module docstring for the rules.

    `template_name` forces one template for all; otherwise each draft's own is used.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if template_name:
        load_template(template_name, "resume")  # refuse a broken template before starting
    result = BatchResult(folder, total=len(items))
    if not _collects_here():
        _export_items(items, folder, template_name, report, cancelled, result, collect=False)
        return result
    # Everything that exists now (the program, its modules) is left out of the
    # collections after each document, which then look only at what that document made:
    # a full collection of a large heap per document would cost more than the document.
    gc.freeze()
    try:
        _export_items(items, folder, template_name, report, cancelled, result, collect=True)
    finally:
        gc.unfreeze()
    return result


def _collects_here() -> bool:
    """Whether this thread may collect garbage: only the main one.

    On the command line the batch runs on the main thread, which holds no Tk objects, so
    collecting here is safe and keeps memory flat. In the window it runs in a worker, and
    a collection there could run the finalizers of dead Tk objects off the Tk thread; the
    progress dialog collects on the Tk thread each time a document is reported instead
    (casework.ui.kit.progress).
    """
    return threading.current_thread() is threading.main_thread()


def _export_items(items, folder, template_name, report, cancelled, result, collect) -> None:
    for index, item in enumerate(items, 1):
        if cancelled is not None and cancelled():
            result.cancelled = True
            break
        try:
            data = resume_data(_draft(item))
            content = render_resume(data, template_name)
            path = folder / files.document_name(data["person"]["name"], "简历", clock.today())
            result.written.append(files.write_bytes_atomic(path, content))
        except (NotFoundError, ValidationError) as error:
            result.skipped.append((item.name or item.person_id, str(error)))
        except TemplateError:
            raise
        finally:
            data = content = None
            if collect:  # docxtpl and lxml leave reference cycles behind each document
                gc.collect()
        if report is not None:
            report(index, len(items), item.name)
