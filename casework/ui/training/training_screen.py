"""技能培训: the classes, and for the selected class who enrolled, attended, finished,
got a certificate, and found work afterwards."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from casework.masking import masked_rows
from casework.services.common import ConflictError, NotFoundError
from casework.services.training import training
from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import ListTable
from casework.ui.kit.widgets import Column, PagedTable, SearchBox, attach_tooltip
from casework.ui.kit.workbench import Workbench
from casework.ui.register.household_list import ALL, compact_choice
from casework.ui.training.training_dialogs import (
    AddPeopleDialog,
    CertificateDialog,
    ClassFormDialog,
)
from casework.validation import ValidationError
from casework.vocab_training import TRAINING_KIND

PAGE_SIZE = 30
CLASS_COLUMNS = [
    Column("name", "培训班名称", 220),
    Column("kind_label", "类别", 100),
    Column("start_date", "开班", 90, "center"),
    Column("end_date", "结业", 90, "center"),
    Column("place", "地点", 150),
    Column("enrolled", "报名", 50, "center"),
    Column("completed", "结业", 50, "center"),
    Column("certified", "证书", 50, "center"),
]
ENROLMENT_COLUMNS = [
    Column("person_name", "姓名", 70),
    Column("id_number", "身份证号码", 160),
    Column("household_code", "户编号", 120),
    Column("attended_mark", "参训", 45, "center"),
    Column("completed_mark", "结业", 45, "center"),
    Column("certificate_text", "证书", 150),
    Column("wish_label", "培训意愿", 130),
    Column("found_work_label", "培训后就业", 190),
]
MARK = {True: "✓", False: ""}
HINT = (
    "选中培训班后，在下方添加参训人员并勾选参训、结业、证书；“培训意愿”前的 ✓ 表示与本班类别相符。"
)


def elided(text: str, fits: Callable[[str], bool]) -> str:
    """`text`, or its longest beginning followed by "…" that `fits` (at least "…")."""
    if fits(text):
        return text
    low, high = 0, len(text)  # fits(text[:low] + "…") holds (or low is 0); high does not
    while high - low > 1:
        middle = (low + high) // 2
        if fits(text[:middle] + "…"):
            low = middle
        else:
            high = middle
    return text[:low] + "…"


class TrainingScreen(ttk.Frame):
    """Classes on top; the selected class's enrolments below, with their marks."""

    def __init__(self, master: tk.Misc, app: Workbench) -> None:
        super().__init__(master, padding=app.theme.pad_large)
        self.app = app
        self.course: dict | None = None
        self.create_widgets()
        self.classes.refresh()
        self._class_selected(None)

    # Building ------------------------------------------------------------------------

    def create_widgets(self) -> None:
        t = self.app.theme
        self.columnconfigure(0, weight=1)
        self.rowconfigure(2, weight=2)
        self.rowconfigure(3, weight=5)
        header = ttk.Frame(self)
        header.grid(row=0, column=0, sticky="ew")
        ttk.Label(header, text="技能培训", style="Title.TLabel").pack(side="left")
        self.button_new = self._button(header, "新建培训班", self.new_class, "登记一期新的培训班")
        self.button_new.configure(style="Accent.TButton")
        self.button_delete = self._button(
            header, "删除", self.delete_class, "把选中的培训班连同参训名单放入回收站"
        )
        self.button_edit = self._button(header, "编辑", self.edit_class, "修改选中培训班的信息")
        ttk.Label(self, text=HINT, style="Hint.TLabel").grid(
            row=1, column=0, sticky="w", pady=(t.pad_small, t.pad)
        )
        self._build_classes(t)
        self._build_enrolments(t)

    def _button(self, bar: ttk.Frame, text: str, command, help_text: str) -> ttk.Button:
        button = ttk.Button(bar, text=text, command=command)
        button.pack(side="right", padx=(self.app.theme.pad, 0))
        attach_tooltip(button, help_text)
        return button

    def _build_classes(self, t) -> None:
        card = ttk.Frame(self, style="Card.TFrame", padding=t.pad)
        card.grid(row=2, column=0, sticky="nsew")
        card.columnconfigure(0, weight=1)
        card.rowconfigure(1, weight=1)
        bar = ttk.Frame(card, style="Card.Inner.TFrame")
        bar.grid(row=0, column=0, sticky="ew", pady=(0, t.pad_small))
        self.search = SearchBox(bar, "查找培训班名称、地点、组织单位", width=30)
        self.search.pack(side="left", anchor="s")
        self.search.on_search(lambda _text: self.classes.refresh(reset_page=True))
        self.kind = compact_choice(bar, "类别", "只看这一类培训班", width=12)
        self.kind.set_choices({"": ALL, **TRAINING_KIND})
        self.kind.set("")
        self.kind.on_change(lambda: self.classes.refresh(reset_page=True))
        self.kind.pack(side="left", padx=(t.pad, 0))
        self.classes = PagedTable(card, CLASS_COLUMNS, self._fetch_classes, page_size=PAGE_SIZE)
        self.classes.tree.configure(height=5)
        self.classes.grid(row=1, column=0, sticky="nsew")
        self.classes.on_select(self._class_selected)
        self.classes.on_open(lambda _id: self.edit_class())

    def _build_enrolments(self, t) -> None:
        card = ttk.Frame(self, style="Card.TFrame", padding=t.pad)
        card.grid(row=3, column=0, sticky="nsew", pady=(t.pad, 0))
        card.columnconfigure(0, weight=1)
        card.rowconfigure(1, weight=1)
        bar = ttk.Frame(card, style="Card.Inner.TFrame")
        bar.grid(row=0, column=0, sticky="ew", pady=(0, t.pad_small))
        # The title asks for one character and takes what the buttons leave: a long class
        # name is shortened with "…" instead of pushing the buttons out of the window.
        self.class_title = ""
        self.class_label = ttk.Label(bar, text="", style="Card.Subtitle.TLabel", width=1)
        self.class_label.grid(row=0, column=0, sticky="ew")
        self.class_label.bind("<Configure>", lambda _e: self._fit_class_title())
        bar.columnconfigure(0, weight=1)
        actions = [
            ("button_add", "添加人员…", self.add_people, "按姓名、身份证号查找并加入本班"),
            ("button_attended", "参训 ✓", lambda: self.toggle("attended"), "标记/取消参训"),
            ("button_completed", "结业 ✓", lambda: self.toggle("completed"), "标记/取消结业"),
            ("button_certificate", "证书…", self.edit_certificate, "登记选中者取得的证书"),
            ("button_remove", "移出", self.remove_selected, "把选中的人移出本班（可在回收站恢复）"),
        ]
        for column, (name, text, command, help_text) in enumerate(actions, start=1):
            button = ttk.Button(bar, text=text, command=command)
            button.grid(row=0, column=column, padx=(t.pad, 0))
            attach_tooltip(button, help_text)
            setattr(self, name, button)
        self.enrolments = ListTable(
            card,
            ENROLMENT_COLUMNS,
            self._load_enrolments,
            empty_text="本班还没有参训人员，点“添加人员…”加入",
            height=7,
        )
        self.enrolments.tree.configure(selectmode="extended")
        self.enrolments.grid(row=1, column=0, sticky="nsew")
        self.enrolments.on_select(lambda _id: self._update_buttons())
        self.enrolments.on_open(lambda _id: self.edit_certificate())
        self.enrolments.tree.bind("<space>", lambda _e: self.toggle("attended"))

    # Data ----------------------------------------------------------------------------

    def _fetch_classes(self, page: int, page_size: int) -> tuple[list[dict], int]:
        return training.list_classes(
            self.search.get(), self.kind.get() or None, page - 1, page_size
        )

    def _load_enrolments(self) -> list[dict]:
        if self.course is None:
            return []
        try:
            rows = masked_rows(training.list_enrollments(self.course["id"]))
        except NotFoundError:
            return []
        for row in rows:
            row["attended_mark"] = MARK[bool(row["attended"])]
            row["completed_mark"] = MARK[bool(row["completed"])]
            certificate = " ".join(
                filter(None, [row["certificate_name"], row["certificate_number"]])
            )
            row["certificate_text"] = (certificate or "✓") if row["certificate"] else ""
        return rows

    def _class_selected(self, class_id: str | None) -> None:
        self.course = self.classes.rows.get(class_id or "")
        if self.course:
            c = self.course
            dates = f"{c['start_date'] or ''} 至 {c['end_date'] or ''}"
            self.class_title = f"{c['name']}（{c['kind_label']}，{dates}）参训人员"
        else:
            self.class_title = "请先在上方选中一期培训班"
        self._fit_class_title()
        self.enrolments.refresh()
        self._update_buttons()

    def _fit_class_title(self) -> None:
        label = self.class_label
        font = ttk.Style(label).lookup(label.cget("style"), "font") or "TkDefaultFont"
        width = label.winfo_width()

        def fits(text: str) -> bool:
            # Not laid out yet (1 px): the whole title, until <Configure> gives the width.
            return width <= 1 or int(label.tk.call("font", "measure", font, text)) <= width

        label.configure(text=elided(self.class_title, fits))

    def _update_buttons(self) -> None:
        has_class = self.course is not None
        has_people = bool(self.enrolments.selected_ids())
        for button in (self.button_edit, self.button_delete, self.button_add):
            button.state(["!disabled"] if has_class else ["disabled"])
        for button in (
            self.button_attended,
            self.button_completed,
            self.button_certificate,
            self.button_remove,
        ):
            button.state(["!disabled"] if has_people else ["disabled"])

    def _changed(self, message: str) -> None:
        selected = self.classes.selected_id()
        self.classes.refresh()
        if selected:
            self.classes.select(selected)
        self._class_selected(self.classes.selected_id())
        self.app.notify(message)
        self.app.data_changed()

    # Actions -------------------------------------------------------------------------

    def new_class(self) -> None:
        ClassFormDialog(self, self.app, on_saved=self._class_saved)

    def edit_class(self) -> None:
        if self.course:
            ClassFormDialog(self, self.app, self.course["id"], on_saved=self._class_saved)

    def _class_saved(self, course: dict) -> None:
        self.classes.refresh()
        self.classes.select(course["id"])
        self._class_selected(course["id"] if course["id"] in self.classes.rows else None)
        self.app.notify(f"已保存培训班：{course['name']}")
        self.app.data_changed()

    def delete_class(self) -> None:
        if not self.course:
            return
        question = f"把“{self.course['name']}”连同参训名单放入回收站？"
        if not dialogs.ask_yes_no(self, "删除培训班", question):
            return
        try:
            training.delete_class(self.course["id"])
        except (NotFoundError, ConflictError) as error:
            dialogs.show_error(self, "无法删除", str(error))
            self.refresh()
            return
        name = self.course["name"]
        self.classes.refresh()
        self._class_selected(None)
        self.app.notify(f"已删除培训班：{name}（可在回收站恢复）")
        self.app.data_changed()

    def add_people(self) -> None:
        if self.course:
            AddPeopleDialog(self, self.app, self.course, on_saved=self._people_added)

    def _people_added(self, added: list[dict]) -> None:
        self._changed(f"已加入 {len(added)} 人")

    def toggle(self, mark: str) -> str:
        """Tick or untick a mark for the selected people (all set when any was unset)."""
        ids = self.enrolments.selected_ids()
        if not ids:
            return "break"
        rows = [self.enrolments.rows[i] for i in ids]
        value = not all(row[mark] for row in rows)
        changes = {mark: value}
        if not value:  # taking back attendance takes back what depends on it
            changes.update({"completed": False, "certificate": False} if mark == "attended" else {})
            changes.update({"certificate": False} if mark == "completed" else {})
        try:
            for enrolment_id in ids:
                training.update_enrollment(enrolment_id, changes)
        except (NotFoundError, ValidationError) as error:
            dialogs.show_error(self, "无法修改", str(error))
        self._changed(f"已更新 {len(ids)} 人的{'参训' if mark == 'attended' else '结业'}情况")
        for enrolment_id in ids:
            if enrolment_id in self.enrolments.rows:
                self.enrolments.tree.selection_add(enrolment_id)
        return "break"

    def edit_certificate(self) -> None:
        row = self.enrolments.selected_row()
        if row:
            CertificateDialog(self, self.app, row, on_saved=lambda _r: self._changed("已保存证书"))

    def remove_selected(self) -> None:
        ids = self.enrolments.selected_ids()
        if not ids:
            return
        names = "、".join(self.enrolments.rows[i]["person_name"] for i in ids)
        if not dialogs.ask_yes_no(self, "移出培训班", f"把 {names} 移出本班？"):
            return
        try:
            for enrolment_id in ids:
                training.remove_enrollment(enrolment_id)
        except NotFoundError as error:
            dialogs.show_error(self, "无法移出", str(error))
        self._changed(f"已移出 {len(ids)} 人（可在回收站恢复）")

    # The screen contract -------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.classes.selected_id()
        self.classes.refresh()
        if selected:
            self.classes.select(selected)
        self._class_selected(self.classes.selected_id())

    def focus_default(self) -> None:
        self.classes.tree.focus_set()
        children = self.classes.tree.get_children()
        if children and not self.classes.selected_id():
            self.classes.select(children[0])
