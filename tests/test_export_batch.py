"""Batch resumes: everyone willing, memory kept flat, a cancel leaves only whole files."""

from __future__ import annotations

import gc

import pytest

from casework.exports import batch, files
from casework.services.documents import resumes
from casework.services.register import trash, wishes
from tests.docs_helpers import face_jpeg, full_text, open_docx, rss_mb
from tests.factories import add_person, make_cadre, make_household, make_village

SURNAMES = "韩包白李王张刘陈杨赵"
FIRST = "春夏秋冬东南西北金木水火土日月星云山河海"
SECOND = "明亮红芳华英强伟军平"


def name(h: int, m: int) -> str:
    """A distinct Chinese name for member m of household h (names may not hold digits)."""
    return SURNAMES[m] + FIRST[h % 20] + SECOND[h // 20]


@pytest.fixture
def crowd(db, today):
    """200 people willing to go out (half with a saved draft and photo) and 5 who are not."""
    make_cadre()
    village = make_village()
    photo = face_jpeg()
    willing = []
    for h in range(40):
        household = make_household(village, head=SURNAMES[h % 10] + "老" + FIRST[h % 20])
        for m in range(5):
            person = add_person(household, name(h, m), relation="son")
            wishes.record_wish(
                person["id"],
                {"willing_to_go_out": True, "destinations": ["beijing"], "job_kinds": "保安"},
            )
            if m % 2 == 0:
                draft = resumes.create_resume(person["id"])
                resumes.set_photo(draft["id"], photo)
            willing.append(person)
    stay = make_household(village, head="留守")
    for m in range(5):
        person = add_person(stay, "不外出" + FIRST[m], relation="son")
        wishes.record_wish(person["id"], {"willing_to_go_out": False})
    return willing


def docx_files(folder):
    return sorted(p for p in folder.iterdir() if p.suffix == ".docx")


def test_two_hundred_willing_people_with_flat_memory(crowd, tmp_path):
    items = batch.items_for_willing()
    assert len(items) == 200
    assert sum(1 for i in items if i.resume_id) == 120  # m = 0, 2, 4 of each household
    warm = batch.export_batch(items[:10], tmp_path / "warm")
    assert len(warm.written) == 10
    gc.collect()
    before = rss_mb()
    seen = []
    result = batch.export_batch(
        items, tmp_path / "out", report=lambda done, total, name: seen.append(rss_mb())
    )
    growth = max(seen) - before
    assert len(result.written) == 200 and not result.cancelled and not result.skipped
    assert growth < 30, f"memory grew {growth:.1f} MB over 200 resumes"
    assert len(docx_files(tmp_path / "out")) == 200
    assert files.leftover_temp_files(tmp_path / "out") == []
    names = {p.name for p in docx_files(tmp_path / "out")}
    assert f"{name(0, 0)}-简历-2026-11-27.docx" in names
    assert "已导出 200 份简历" in result.summary()


def test_cancel_midway_leaves_only_whole_files(crowd, tmp_path):
    items = batch.items_for_willing()
    done = []
    result = batch.export_batch(
        items,
        tmp_path,
        report=lambda d, t, name: done.append(d),
        cancelled=lambda: len(done) >= 7,
    )
    assert result.cancelled and len(result.written) == 7
    written = docx_files(tmp_path)
    assert len(written) == 7 and files.leftover_temp_files(tmp_path) == []
    for path in written:
        open_docx(path)  # every file is a whole document
    assert "已取消" in result.summary() and "共 200 份" in result.summary()


def test_a_crash_inside_one_document_leaves_no_partial_file(crowd, tmp_path, monkeypatch):
    items = batch.items_for_willing()[:3]
    real = files.write_bytes_atomic
    calls = []

    def crash_on_second(path, data, overwrite=False):
        calls.append(path)
        if len(calls) == 2:

            def half(handle):
                handle.write(data[:100])
                raise KeyboardInterrupt  # the laptop "dies" mid-write

            return files.write_atomic(path, half, overwrite)
        return real(path, data, overwrite)

    monkeypatch.setattr(files, "write_bytes_atomic", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        batch.export_batch(items, tmp_path)
    assert len(docx_files(tmp_path)) == 1 and files.leftover_temp_files(tmp_path) == []


def test_selected_people_and_a_deleted_one_is_skipped(crowd, tmp_path):
    chosen = [crowd[0]["id"], crowd[1]["id"], crowd[2]["id"]]
    trash.delete_person(crowd[1]["id"])
    result = batch.export_batch(batch.items_for_people(chosen), tmp_path)
    assert len(result.written) == 2
    assert len(result.skipped) == 1 and "找不到" in result.skipped[0][1]
    assert "1 人未导出" in result.summary()


def test_one_template_for_all(crowd, tmp_path):
    items = batch.items_for_people([crowd[0]["id"]])
    result = batch.export_batch(items, tmp_path, template_name="个人简历-简洁")
    doc = open_docx(result.written[0])
    assert "个 人 简 历" not in full_text(doc)  # the modern layout has no such title


def test_a_broken_template_stops_before_writing(crowd, tmp_path):
    from casework.exports.templates import TemplateError

    with pytest.raises(TemplateError):
        batch.export_batch(batch.items_for_willing(), tmp_path, template_name="没有这个")
    assert docx_files(tmp_path) == []
