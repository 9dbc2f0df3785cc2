"""The resume editor (简历): a person's drafts, one draft's fields, entries and photo, export.

Open it with `open_resume_editor(parent, app, person_id)`. A new draft is pre-filled
from the person's record and latest employment wish. Entries are saved as soon as
their dialog is confirmed (like members of a household); the draft's own fields and
its photo are saved with 保存 (Ctrl+S), and closing, switching drafts or starting a
new one asks first when they hold unsaved changes. Under the entries the editor says how
many pages the draft will print on, and warns when it runs past two
(casework.exports.resume_pages has the rule).
"""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from casework.exports import resume_pages
from casework.services.common import ConflictError, NotFoundError
from casework.services.documents import photos, resumes
from casework.services.register import people
from casework.ui.documents.export_common import export_resume
from casework.ui.documents.resume_entry_dialog import EntriesPanel, photo_preview
from casework.ui.kit import dialogs
from casework.ui.kit.theme import PAD, PAD_LARGE, PAD_SMALL, px
from casework.ui.kit.widgets import ChoiceField, DateField, Form, MultiLineField, TextField
from casework.ui.kit.workbench import Workbench
from casework.validation import ValidationError

# fmt: off
FIELDS = {
    "title": (TextField, "简历名称", "区分同一人的几份简历，例如“保安岗位简历”", {"width": 18}),
    "target_job": (TextField, "求职岗位", "想应聘的岗位，例如“保安、厨师”", {"width": 18}),
    "target_place": (TextField, "期望工作地点", "例如“北京”“通辽市”", {"width": 14}),
    "expected_pay": (TextField, "期望月薪(元)", "填数字，例如 6000；不填时简历写“面议”",
                     {"width": 10}),
    "available_from": (DateField, "可到岗日期", "最早能上班的日期；不填时简历写“随时到岗”",
                       {"width": 12, "today_button": False}),
    "phone": (TextField, "联系电话", "简历上留的电话，默认是本人的手机号", {"width": 14}),
    "template": (ChoiceField, "简历模板", "导出 Word 时用的版式：表格式或简洁式",
                 {"width": 16, "required": True}),
    "health_print": (ChoiceField, "健康状况",
                     "个人敏感信息，按本人意愿选择是否印在简历上；默认只在登记为“健康”时打印",
                     {"width": 22, "required": True, "choices": resumes.HEALTH_PRINT}),
    "self_description": (MultiLineField, "自我评价", "几句话介绍自己：能吃苦、会什么、愿意去哪里",
                         {"height": 3, "width": 40}),
}
# fmt: on
UNSAVED_QUESTION = "这份简历有未保存的修改，要保存吗？"
LENGTH_DELAY_MS = 400  # the page estimate follows typing once it pauses


class ResumeEditor(tk.Toplevel):
    """A large window for one person's resume drafts."""

    def __init__(
        self, parent: tk.Misc, app: Workbench, person_id: str, resume_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.withdraw()
        self.app = app
        self.person = people.get_person(person_id)
        self.resume_id: str | None = None
        self.photo: bytes | None = None
        self.saved_photo: bytes | None = None
        self._preview_image = None
        self.title(f"简历 — {people.caption(person_id)}")
        self.create_widgets()
        self._bind_keys()
        self.refresh_drafts(select=resume_id)
        self._place(parent)

    # ------------------------------------------------------------ building

    def create_widgets(self) -> None:
        outer = ttk.Frame(self, padding=px(self, PAD_LARGE))
        outer.pack(fill="both", expand=True)
        outer.columnconfigure(1, weight=1)
        outer.rowconfigure(0, weight=1)
        self._build_drafts(outer)
        self.editor = ttk.Frame(outer)
        self.editor.grid(row=0, column=1, sticky="nsew", padx=(px(self, PAD_LARGE), 0))
        self.editor.columnconfigure(0, weight=1)
        self.editor.rowconfigure(3, weight=1)
        self._build_fields(self.editor)
        ttk.Label(self.editor, text="经历、证书与技能", style="Subtitle.TLabel").grid(
            row=2, column=0, columnspan=2, sticky="w", pady=(px(self, PAD), px(self, PAD_SMALL))
        )
        self.entry_panel = EntriesPanel(self.editor, self.app)
        self.entry_panel.grid(row=3, column=0, columnspan=2, sticky="nsew")
        # How many pages the draft will print on (casework.exports.resume_pages), kept up
        # to date as entries change and, a moment after typing stops, as fields do.
        self.length_note = ttk.Label(self.editor, text="", style="Hint.TLabel")
        self.length_note.grid(row=4, column=0, columnspan=2, sticky="w")
        self._length_job: str | None = None
        self.entry_panel.on_change = self.update_length_note
        for name in resume_pages.TYPED_FIELDS:
            self.form[name].on_change(self._length_changed)
        self._build_buttons(outer)

    def _build_drafts(self, outer: ttk.Frame) -> None:
        side = ttk.Frame(outer)
        side.grid(row=0, column=0, sticky="ns")
        side.rowconfigure(1, weight=1)
        ttk.Label(side, text="简历草稿", style="Subtitle.TLabel").grid(row=0, column=0, sticky="w")
        self.drafts = ttk.Treeview(
            side, columns=("title", "job"), show="headings", height=12, selectmode="browse"
        )
        for key, text, width in (("title", "名称", 120), ("job", "求职岗位", 90)):
            self.drafts.heading(key, text=text)
            self.drafts.column(key, width=px(self, width), stretch=False)
        self.drafts.grid(row=1, column=0, sticky="ns", pady=(px(self, PAD_SMALL), 0))
        self.drafts.bind("<<TreeviewSelect>>", self._draft_selected)
        self.empty_hint = ttk.Label(
            side,
            text="还没有简历。\n点“新建简历”，\n从登记信息生成一份。",
            style="Hint.TLabel",
            justify="left",
        )
        bar = ttk.Frame(side)
        bar.grid(row=3, column=0, sticky="w", pady=(px(self, PAD), 0))
        self.button_new = ttk.Button(bar, text="新建简历", command=self.new_draft)
        self.button_new.pack(side="left")
        self.button_delete = ttk.Button(bar, text="删除", command=self.delete_draft)
        self.button_delete.pack(side="left", padx=(px(self, PAD_SMALL), 0))

    def _build_fields(self, editor: ttk.Frame) -> None:
        top = ttk.Frame(editor)
        top.grid(row=0, column=0, sticky="ew")
        self.form = Form()
        for name, (cls, label, help_text, options) in FIELDS.items():
            self.form.add(name, cls(top, label, help=help_text, **options))
        from casework.exports.templates import template_names

        self.form["template"].set_choices({n: n for n in template_names("resume")})
        self.form.layout(columns=4)
        self.message = ttk.Label(editor, text="", style="Error.TLabel")
        self.message.grid(row=5, column=0, columnspan=2, sticky="w")
        photo = ttk.Frame(editor)
        photo.grid(row=0, column=1, sticky="n", padx=(px(self, PAD_LARGE), 0))
        self.photo_label = ttk.Label(
            photo, text="无照片", anchor="center", width=10, style="Hint.TLabel"
        )
        self.photo_label.pack(pady=(px(self, PAD), px(self, PAD_SMALL)))
        self.button_photo = ttk.Button(photo, text="选择照片…", command=self.choose_photo)
        self.button_photo.pack(fill="x")
        self.button_clear_photo = ttk.Button(photo, text="清除照片", command=self.clear_photo)
        self.button_clear_photo.pack(fill="x", pady=(px(self, PAD_SMALL), 0))

    def _build_buttons(self, outer: ttk.Frame) -> None:
        bar = ttk.Frame(outer)
        bar.grid(row=1, column=0, columnspan=2, sticky="e", pady=(px(self, PAD), 0))
        self.button_save = ttk.Button(
            bar, text="保存 (Ctrl+S)", style="Accent.TButton", command=self.save
        )
        self.button_save.pack(side="right")
        self.button_export = ttk.Button(bar, text="导出 Word…", command=self.export)
        self.button_export.pack(side="right", padx=(0, px(self, PAD)))
        self.button_close = ttk.Button(bar, text="关闭 (Esc)", command=self.close)
        self.button_close.pack(side="right", padx=(0, px(self, PAD)))
        self.button_changes = ttk.Button(bar, text="修改记录", command=self.show_changes)
        self.button_changes.pack(side="right", padx=(0, px(self, PAD)))

    def _bind_keys(self) -> None:
        for sequence in ("<Control-s>", "<Control-S>"):
            self.bind(sequence, lambda _e: self.save())
        self.bind("<Escape>", lambda _e: self.close())
        self.protocol("WM_DELETE_WINDOW", self.close)

    def _place(self, parent: tk.Misc) -> None:
        self.update_idletasks()
        width = min(self.winfo_reqwidth(), self.winfo_screenwidth() - px(self, 20))
        height = min(self.winfo_reqheight(), self.winfo_screenheight() - px(self, 80))
        self.geometry(f"{width}x{height}+{max(0, (self.winfo_screenwidth() - width) // 2)}+0")
        self.deiconify()
        self.lift()

    # ------------------------------------------------------------ drafts

    def refresh_drafts(self, select: str | None = None) -> None:
        rows = resumes.list_resumes(self.person["id"])
        self.drafts.delete(*self.drafts.get_children())
        for row in rows:
            self.drafts.insert("", "end", iid=row["id"], values=(row["title"], row["target_job"]))
        if rows:
            self.empty_hint.grid_remove()
        else:
            self.empty_hint.grid(row=2, column=0, sticky="w", pady=(px(self, PAD), 0))
        target = select if select in {r["id"] for r in rows} else (rows[0]["id"] if rows else None)
        if target is None:
            self.show_draft(None)
        elif target != self.resume_id or not self.drafts.selection():
            self.drafts.selection_set(target)
            self.show_draft(target)
        else:
            self.drafts.selection_set(target)

    def _draft_selected(self, _event: object = None) -> None:
        chosen = self.drafts.selection()
        if not chosen or chosen[0] == self.resume_id:
            return
        if not self.confirm_leave():
            self.drafts.selection_set(self.resume_id)  # stay on the unsaved one
            return
        self.show_draft(chosen[0])

    def show_draft(self, resume_id: str | None) -> None:
        """Load a draft into the editor (None: nothing to edit)."""
        self.resume_id = resume_id
        self.message.configure(text="")
        self.form.clear_errors()
        draft = resumes.get_resume(resume_id) if resume_id else {}
        self._set_editing(True)  # a disabled text box silently ignores what is put in it
        self.form.set_values({name: draft.get(name) for name in FIELDS})
        self.photo = self.saved_photo = draft.get("photo")
        self._show_photo()
        self.entry_panel.show(resume_id)
        self._set_editing(resume_id is not None)
        self.update_length_note()

    def _length_changed(self) -> None:
        if self._length_job is not None:
            self.after_cancel(self._length_job)
        self._length_job = self.after(LENGTH_DELAY_MS, self.update_length_note)

    def update_length_note(self) -> None:
        """Say how many pages the draft, as shown, will print on; warn past two."""
        if self._length_job is not None:
            self.after_cancel(self._length_job)
            self._length_job = None
        if self.resume_id is None:
            self.length_note.configure(text="")
            return
        try:
            pages = resume_pages.draft_pages(self.resume_id, self.form.values())
        except NotFoundError:
            self.length_note.configure(text="")
            return
        too_long = pages > resume_pages.PAGE_LIMIT
        self.length_note.configure(
            text=resume_pages.length_note(pages),
            style="Warning.TLabel" if too_long else "Hint.TLabel",
        )

    def _set_editing(self, enabled: bool) -> None:
        for field in self.form.fields.values():
            field.set_enabled(enabled)
        buttons = (
            self.button_photo,
            self.button_clear_photo,
            self.button_save,
            self.button_export,
            self.button_delete,
        )
        for button in (*buttons, *self.entry_panel.buttons):
            button.state(["!disabled"] if enabled else ["disabled"])

    def is_dirty(self) -> bool:
        return self.resume_id is not None and (
            self.form.is_dirty() or self.photo != self.saved_photo
        )

    def save(self) -> bool:
        """Save the draft's fields and photo; False (problems shown) when it could not."""
        if self.resume_id is None:
            return False
        self.message.configure(text="")
        try:
            saved = resumes.update_resume(self.resume_id, self.form.values())
            if self.photo != self.saved_photo:
                resumes.set_photo(self.resume_id, self.photo)
        except ValidationError as error:
            unplaced = self.form.show_errors(error.errors)
            self.message.configure(text="；".join(unplaced.values()))
            return False
        except (NotFoundError, ConflictError) as error:
            dialogs.show_error(self, "无法保存", str(error))
            return False
        self.form.clear_errors()
        self.form.set_values({name: saved.get(name) for name in FIELDS})
        self.saved_photo = self.photo
        self.refresh_drafts(select=self.resume_id)
        self.app.notify("已保存简历")
        return True

    def confirm_leave(self) -> bool:
        """Whether the editor may drop what it shows: saved, discarded, or nothing to lose."""
        if not self.is_dirty():
            return True
        answer = dialogs.ask_yes_no_cancel(self, "保存简历", UNSAVED_QUESTION)
        if answer is None:
            return False
        return self.save() if answer else True

    def new_draft(self) -> None:
        if not self.confirm_leave():
            return
        try:
            draft = resumes.create_resume(self.person["id"])
        except (NotFoundError, ConflictError, ValidationError) as error:
            dialogs.show_error(self, "无法新建简历", str(error))
            return
        self.resume_id = None  # so that the new one is loaded, not kept
        self.refresh_drafts(select=draft["id"])
        self.app.notify("已新建简历，内容取自登记信息和最近的就业意愿")
        self.form.focus_first()

    def delete_draft(self) -> None:
        if self.resume_id is None:
            return
        title = self.form["title"].get() or "这份简历"
        if not dialogs.ask_yes_no(self, "删除简历", f"删除“{title}”？删除后可在回收站恢复。"):
            return
        try:
            resumes.delete_resume(self.resume_id)
        except NotFoundError as error:
            dialogs.show_error(self, "无法删除", str(error))
        self.resume_id = None
        self.form.mark_clean()
        self.photo = self.saved_photo
        self.refresh_drafts()
        self.app.notify("已删除简历，可在回收站恢复")

    # ------------------------------------------------------------ photo

    def choose_photo(self) -> None:
        path = dialogs.ask_open_filename(self, "选择照片", photos.FILE_TYPES)
        if not path:
            return
        try:
            self.photo = photos.load_photo(path)
        except photos.PhotoError as error:
            dialogs.show_error(self, "无法使用这张照片", str(error))
            return
        self._show_photo()

    def clear_photo(self) -> None:
        self.photo = None
        self._show_photo()

    def _show_photo(self) -> None:
        self._preview_image = photo_preview(self, self.photo, height=px(self, 126))
        if self._preview_image is None:
            self.photo_label.configure(image="", text="无照片")
        else:
            self.photo_label.configure(image=self._preview_image, text="")

    # ------------------------------------------------------------ export and close

    def export(self) -> None:
        """Save first (the document shows what is on screen), then export."""
        if self.resume_id is None or (self.is_dirty() and not self.save()):
            return
        self.progress = export_resume(self, self.app, self.resume_id)

    def show_changes(self) -> None:
        """The draft's 修改记录; a value set back there shows in the editor at once."""
        from casework.ui.sync.history_view import open_history

        if not self.confirm_leave():
            return
        label = f"{self.person['name']}的简历 {self.form['title'].get()}".strip()
        self.dialog = open_history(
            self, self.app, "resume", self.resume_id, label, missing="还没有简历",
            on_restored=lambda _row: self.show_draft(self.resume_id),
        )  # fmt: skip

    def close(self) -> None:
        if not self.confirm_leave():
            return
        self.destroy()

    def destroy(self) -> None:
        if getattr(self, "_length_job", None):  # a page estimate waiting for typing to pause
            self.after_cancel(self._length_job)
            self._length_job = None
        super().destroy()


def open_resume_editor(
    parent: tk.Misc, app: Workbench, person_id: str, resume_id: str | None = None
) -> ResumeEditor | None:
    """The resume editor for one person (the person's button, the household's member tab)."""
    try:
        return ResumeEditor(parent, app, person_id, resume_id)
    except NotFoundError as error:
        dialogs.show_error(parent, "无法打开简历", str(error))
        return None
