"""The resume editor on a real Tk root: drafts, fields, entries, photo, export, unsaved changes."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from casework.services.documents import resumes
from casework.ui.documents.export_common import ExportDoneDialog
from casework.ui.documents.resume_editor import open_resume_editor
from casework.ui.kit import dialogs
from tests.docs_helpers import open_docx, table_cell_texts, willing_applicant
from tests.tkutil import pump_until
from tests.ui.fake_app import FakeApp
from tests.ui.widget_helpers import focus_into, press


@pytest.fixture
def person(db, today):
    return willing_applicant(skills="电焊")


@pytest.fixture
def editor(tk_root, person):
    app = FakeApp(tk_root)
    window = open_resume_editor(tk_root, app, person["id"])
    yield window
    if window.winfo_exists():
        window.destroy()


def new_draft(editor):
    editor.button_new.invoke()
    return editor.resume_id


def children_of_type(root, cls):
    found = []
    for child in root.winfo_children():
        if isinstance(child, cls):
            found.append(child)
        found.extend(children_of_type(child, cls))
    return found


def test_no_draft_yet_then_a_prefilled_one(editor, pump):
    pump(editor)
    assert editor.resume_id is None and editor.drafts.get_children() == ()
    assert "新建简历" in str(editor.empty_hint.cget("text"))
    assert "disabled" in editor.button_save.state()
    draft_id = new_draft(editor)
    assert draft_id and editor.drafts.get_children() == (draft_id,)
    assert editor.form["target_job"].get() == "保安"
    assert editor.form["expected_pay"].get() == "6000"
    assert editor.form["template"].get() == "个人简历-表格"
    rows = [
        editor.entry_panel.tree.item(i, "values") for i in editor.entry_panel.tree.get_children()
    ]
    assert [r[0] for r in rows] == ["技能特长"]  # no education row holding only the level
    assert "已新建简历" in editor.app.notifications[-1]


def test_save_writes_fields_and_refreshes_the_list(editor):
    draft_id = new_draft(editor)
    editor.form["title"].set("厨师岗位")
    editor.form["target_job"].widget.delete(0, "end")
    editor.form["target_job"].widget.insert(0, "厨师")
    assert editor.is_dirty()
    editor.button_save.invoke()
    assert resumes.get_resume(draft_id)["target_job"] == "厨师"
    assert editor.drafts.item(draft_id, "values")[1] == "厨师"
    assert not editor.is_dirty() and editor.app.notifications[-1] == "已保存简历"


def test_invalid_values_are_shown_beside_their_field(editor):
    draft_id = new_draft(editor)
    editor.form["expected_pay"].set("很多")
    editor.form["expected_pay"].widget.insert("end", "钱")
    editor.button_save.invoke()
    assert "数字" in editor.form["expected_pay"].error
    assert resumes.get_resume(draft_id)["expected_pay"] == 6000
    assert editor.form["expected_pay"].get() == "很多钱"  # what was typed stays


@pytest.mark.parametrize(
    ("answer", "closed", "saved"), [(None, False, False), (False, True, False), (True, True, True)]
)
def test_closing_with_unsaved_changes_asks(editor, monkeypatch, answer, closed, saved):
    draft_id = new_draft(editor)
    editor.form["target_job"].widget.insert("end", "队长")
    asked = []
    monkeypatch.setattr(
        dialogs, "ask_yes_no_cancel", lambda parent, title, text: asked.append(text) or answer
    )
    editor.button_close.invoke()
    assert asked == ["这份简历有未保存的修改，要保存吗？"]
    assert (not editor.winfo_exists()) == closed
    assert (resumes.get_resume(draft_id)["target_job"] == "保安队长") == saved


def test_escape_closes_without_asking_when_nothing_changed(editor, monkeypatch, tk_root):
    new_draft(editor)
    monkeypatch.setattr(dialogs, "ask_yes_no_cancel", lambda *a: pytest.fail("asked"))
    focus_into(tk_root, editor)
    press(tk_root, "<Escape>")
    assert not editor.winfo_exists()


def test_escape_with_unsaved_changes_asks_first(editor, monkeypatch, tk_root):
    new_draft(editor)
    editor.form["target_job"].widget.insert("end", "队长")
    asked = []
    monkeypatch.setattr(
        dialogs, "ask_yes_no_cancel", lambda parent, title, text: asked.append(text) or None
    )
    focus_into(tk_root, editor)
    press(tk_root, "<Escape>")
    assert asked == ["这份简历有未保存的修改，要保存吗？"]
    assert editor.winfo_exists()  # 取消: the editor stays, with what was typed
    assert editor.form["target_job"].get() == "保安队长"


def test_switching_drafts_keeps_unsaved_work_when_cancelled(editor, monkeypatch, pump):
    first = new_draft(editor)
    second = new_draft(editor)
    editor.form["target_job"].widget.insert("end", "改")
    monkeypatch.setattr(dialogs, "ask_yes_no_cancel", lambda *a: None)
    editor.drafts.selection_set(first)
    pump(editor)
    assert editor.resume_id == second and editor.form["target_job"].get().endswith("改")


def test_entries_add_edit_move_remove(editor, monkeypatch, pump):
    draft_id = new_draft(editor)
    dialog = editor.entry_panel.add()
    dialog.form["kind"].set("work")
    dialog.relabel()
    assert dialog.form["organisation"].label.cget("text") == "工作单位"
    dialog.form["period_from"].set("2015-09")
    dialog.form["period_to"].set("至今")
    dialog.form["organisation"].set("通辽市某物业公司")
    dialog.form["title"].set("保安")
    dialog.button_ok.invoke()
    work = [e for e in resumes.list_entries(draft_id) if e["kind"] == "work"]
    assert work[0]["period"] == "2015.09—至今"
    assert editor.entry_panel.selected() == work[0]["id"]
    editor.entry_panel.add().form["organisation"].set("科左中旗合作社")
    children_of_type(editor, type(dialog))[-1].button_ok.invoke()
    second = [e for e in resumes.list_entries(draft_id) if e["kind"] == "work"][1]
    editor.entry_panel.tree.selection_set(second["id"])
    editor.entry_panel.button_up.invoke()
    order = [e["id"] for e in resumes.list_entries(draft_id) if e["kind"] == "work"]
    assert order == [second["id"], work[0]["id"]]
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: True)
    editor.entry_panel.tree.selection_set(second["id"])
    editor.entry_panel.button_remove.invoke()
    assert second["id"] not in editor.entry_panel.tree.get_children()


def photo_file(tmp_path, name="照片.jpg", data=None):
    path = tmp_path / name
    if data is None:
        out = io.BytesIO()
        Image.new("RGB", (800, 600), (90, 120, 200)).save(out, "JPEG")
        data = out.getvalue()
    path.write_bytes(data)
    return str(path)


def test_photo_choose_preview_save_and_clear(editor, monkeypatch, tmp_path):
    draft_id = new_draft(editor)
    monkeypatch.setattr(dialogs, "ask_open_filename", lambda *a, **k: photo_file(tmp_path))
    editor.button_photo.invoke()
    assert editor._preview_image is not None and editor.is_dirty()
    editor.button_save.invoke()
    stored = resumes.get_resume(draft_id)["photo"]
    assert Image.open(io.BytesIO(stored)).size == (295, 413)
    editor.button_clear_photo.invoke()
    assert str(editor.photo_label.cget("text")) == "无照片" and editor.is_dirty()
    editor.button_save.invoke()
    assert resumes.get_resume(draft_id)["photo"] is None


def test_a_bad_photo_is_refused_in_chinese(editor, monkeypatch, tmp_path):
    new_draft(editor)
    shown = []
    monkeypatch.setattr(
        dialogs,
        "ask_open_filename",
        lambda *a, **k: photo_file(tmp_path, "坏.jpg", b"not an image"),
    )
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    editor.button_photo.invoke()
    assert "不是可识别的图片" in shown[0] and editor.photo is None


def test_export_saves_first_then_offers_to_open(editor, monkeypatch, tmp_path, tk_root):
    draft_id = new_draft(editor)
    editor.form["target_job"].widget.insert("end", "队长")
    target = tmp_path / "韩令春-简历.docx"
    monkeypatch.setattr(dialogs, "ask_save_filename", lambda *a, **k: str(target))
    opened = []
    monkeypatch.setattr(dialogs, "open_path", lambda path: opened.append(path) or True)
    editor.button_export.invoke()
    assert resumes.get_resume(draft_id)["target_job"] == "保安队长"
    assert pump_until(tk_root, lambda: editor.progress.finished, timeout=20)
    assert "保安队长" in table_cell_texts(open_docx(target))
    done = children_of_type(editor, ExportDoneDialog)[-1]
    assert target.name in str(done.label.cget("text"))
    done.button_open_file.invoke()
    assert opened == [target]


def test_delete_draft_goes_to_the_recycle_bin(editor, monkeypatch):
    draft_id = new_draft(editor)
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: True)
    editor.button_delete.invoke()
    assert resumes.list_resumes(editor.person["id"]) == []
    assert editor.resume_id is None and "回收站" in editor.app.notifications[-1]
    from casework.services.register import trash

    rows, _ = trash.list_deleted()
    assert rows[0]["kind_label"] == "简历"
    assert draft_id


def choose(field, label: str) -> None:
    """Pick `label` in a ChoiceField's drop-down, as a click in its list does."""
    values = list(field.combo.cget("values"))
    field.combo.current(values.index(label))
    field.combo.event_generate("<<ComboboxSelected>>")


def test_the_first_draft_shows_its_prefilled_self_description(editor):
    draft_id = new_draft(editor)
    assert editor.form["self_description"].get().startswith("身体健康")
    editor.button_save.invoke()
    assert resumes.get_resume(draft_id)["self_description"].startswith("身体健康")


def test_health_printing_is_chosen_in_the_editor(editor, monkeypatch, tmp_path, tk_root):
    draft_id = new_draft(editor)
    field = editor.form["health_print"]
    assert field.label.cget("text") == "健康状况"
    assert list(field.combo.cget("values")) == ["仅在“健康”时打印（默认）", "打印", "不打印"]
    assert field.combo.get() == "仅在“健康”时打印（默认）"
    choose(field, "不打印")
    assert editor.is_dirty()
    target = tmp_path / "韩令春-简历.docx"
    monkeypatch.setattr(dialogs, "ask_save_filename", lambda *a, **k: str(target))
    monkeypatch.setattr(dialogs, "open_path", lambda path: True)
    editor.button_export.invoke()  # saves first
    assert resumes.get_resume(draft_id)["health_print"] == "never"
    assert pump_until(tk_root, lambda: editor.progress.finished, timeout=20)
    cells = table_cell_texts(open_docx(target))
    assert "健康状况" not in cells and "健康" not in cells  # not even the label
    # Back to the default: the healthy applicant's 健康 is printed again.
    choose(field, "仅在“健康”时打印（默认）")
    editor.button_save.invoke()
    assert resumes.get_resume(draft_id)["health_print"] == "if_healthy"
    editor.show_draft(draft_id)
    assert field.combo.get() == "仅在“健康”时打印（默认）" and not editor.is_dirty()


def test_the_editor_says_how_many_pages_and_warns_past_two(editor, tk_root):
    draft_id = new_draft(editor)
    assert editor.length_note.cget("text") == "按目前的内容，打印约 1 页。"
    assert str(editor.length_note.cget("style")) == "Hint.TLabel"
    for n in range(24):  # as if added one by one; the panel's refresh tells the editor
        resumes.add_entry(
            draft_id,
            {"kind": "work", "organisation": f"第{n + 1}家用工单位", "title": "保安"}
            | {"detail": "负责门岗值守、夜间巡逻、来访登记和消防巡查。" * 2},
        )
    editor.entry_panel.refresh()
    assert "打印约 2 页。" in editor.length_note.cget("text")
    box = editor.form["self_description"].widget
    box.insert("end", "认真负责，吃苦耐劳。" * 90)  # typed, not yet saved
    box.event_generate("<<Modified>>")
    assert pump_until(tk_root, lambda: "超过两页" in editor.length_note.cget("text"))
    assert str(editor.length_note.cget("style")) == "Warning.TLabel"
    assert "打印约 3 页" in editor.length_note.cget("text")
