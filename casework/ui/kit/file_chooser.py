"""Casework's own file chooser, in Chinese, for X11, where Tk's says Directory / File name.

Three modes: "open" a file, "save" one (asking before replacing a file), or choose a
"folder". On the left the places (主文件夹, 桌面, U 盘 …); above the list the folder shown,
which can be typed, and 上一级; the list of its folders and files; 文件名 and 文件类型
below; then 取消 and the action. The rules it follows are in folder_listing. It waits
through own_dialogs.wait_for_answer, as every own dialog does, so tests can answer it.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Sequence
from pathlib import Path
from tkinter import ttk

from casework.ui.kit import folder_listing as listing
from casework.ui.kit import own_dialogs
from casework.ui.kit.modal import close_modal, show_modal
from casework.ui.kit.theme import PAD, PAD_LARGE, PAD_SMALL, STRIPE_TAG, px

ACTION_TEXT = {"open": "打开", "save": "保存", "folder": "选择此文件夹"}
LIST_COLUMNS = (("name", "名称", 300), ("kind", "类型", 90), ("size", "大小", 80))
MODIFIED = ("modified", "修改时间", 130)

# Where the previous chooser ended: the next one opens there unless told otherwise.
_last_folder: Path | None = None


class FileChooser(tk.Toplevel):
    """The chooser window; `result` is the chosen path, or "" when cancelled."""

    def __init__(
        self,
        parent: tk.Misc,
        title: str,
        mode: str,
        *,
        filetypes: Sequence[listing.FileType] = (("所有文件", "*.*"),),
        initialdir: str | None = None,
        initialfile: str = "",
        defaultextension: str = "",
    ) -> None:
        super().__init__(parent)
        self.withdraw()
        self.title(title)
        own_dialogs.place_over(self, parent)
        self.mode = mode
        self.filetypes = list(filetypes) or [("所有文件", "*.*")]
        self.default_extension = defaultextension
        self.result = ""
        self.entries: list[listing.Entry] = []
        self.folder = _start_folder(initialdir)
        self.create_widgets()
        self.name.set(initialfile)
        self.show_folder(self.folder)
        self._bind_keys()
        self._previous_grab = show_modal(self, parent)
        self._focus_first()

    # Building ------------------------------------------------------------------------

    def create_widgets(self) -> None:
        outer = ttk.Frame(self, padding=px(self, PAD_LARGE))
        outer.pack(fill="both", expand=True)
        outer.columnconfigure(1, weight=1)
        outer.rowconfigure(1, weight=1)
        self._build_location(outer)
        self._build_places(outer)
        self._build_list(outer)
        self._build_name(outer)
        self.message = ttk.Label(outer, text="", style="Error.TLabel")
        self.message.grid(row=4, column=0, columnspan=2, sticky="w", pady=(px(self, PAD), 0))
        bar = ttk.Frame(outer)
        bar.grid(row=5, column=0, columnspan=2, sticky="ew", pady=(px(self, PAD), 0))
        self.button_ok = ttk.Button(
            bar, text=ACTION_TEXT[self.mode], style="Accent.TButton", command=self.ok
        )
        self.button_ok.pack(side="right")
        self.button_cancel = ttk.Button(bar, text="取消", command=self.cancel)
        self.button_cancel.pack(side="right", padx=(0, px(self, PAD)))

    def _build_location(self, outer: ttk.Frame) -> None:
        row = ttk.Frame(outer)
        row.grid(row=0, column=0, columnspan=2, sticky="ew", pady=(0, px(self, PAD)))
        ttk.Label(row, text="位置：").pack(side="left")
        self.location = tk.StringVar(self)
        self.entry_folder = ttk.Entry(row, textvariable=self.location)
        self.entry_folder.pack(side="left", fill="x", expand=True)
        self.entry_folder.bind("<Return>", lambda _e: self.go_to_typed_folder())
        self.entry_folder.bind("<KP_Enter>", lambda _e: self.go_to_typed_folder())
        self.button_up = ttk.Button(row, text="上一级", command=self.go_up)
        self.button_up.pack(side="left", padx=(px(self, PAD_SMALL), 0))

    def _build_places(self, outer: ttk.Frame) -> None:
        self.places = ttk.Treeview(outer, show="tree", selectmode="browse", height=10)
        self.places.column("#0", width=px(self, 150), stretch=False)
        self.place_paths: dict[str, Path] = {}
        for index, (label, path) in enumerate(listing.places()):
            self.places.insert("", "end", iid=str(index), text=label)
            self.place_paths[str(index)] = path
        self.places.bind("<<TreeviewSelect>>", self._place_chosen)
        self.places.grid(row=1, column=0, sticky="ns", padx=(0, px(self, PAD)))

    def _build_list(self, outer: ttk.Frame) -> None:
        frame = ttk.Frame(outer)
        frame.grid(row=1, column=1, sticky="nsew")
        frame.columnconfigure(0, weight=1)
        frame.rowconfigure(0, weight=1)
        columns = (*LIST_COLUMNS, MODIFIED)
        self.files = ttk.Treeview(
            frame, columns=[c[0] for c in columns], show="headings", height=10
        )
        for key, heading, width in columns:
            self.files.heading(key, text=heading, anchor="w")
            self.files.column(key, width=px(self, width), anchor="w", stretch=key == "name")
        self.files.tag_configure(STRIPE_TAG, background="#f8f9fb")
        scrollbar = ttk.Scrollbar(frame, orient="vertical", command=self.files.yview)
        self.files.configure(yscrollcommand=scrollbar.set)
        self.files.grid(row=0, column=0, sticky="nsew")
        scrollbar.grid(row=0, column=1, sticky="ns")
        self.files.bind("<<TreeviewSelect>>", self._entry_selected)
        self.files.bind("<Double-Button-1>", self._double_clicked)
        self.files.bind("<Return>", lambda _e: self.open_selected())
        self.files.bind("<KP_Enter>", lambda _e: self.open_selected())
        self.files.bind("<BackSpace>", lambda _e: self.go_up())

    def _build_name(self, outer: ttk.Frame) -> None:
        self.name = tk.StringVar(self)
        self.file_type = tk.StringVar(self, value=listing.type_label(self.filetypes[0]))
        self.entry_name = ttk.Entry(outer, textvariable=self.name)
        labels = [listing.type_label(t) for t in self.filetypes]
        self.type_choice = ttk.Combobox(
            outer, textvariable=self.file_type, values=labels, state="readonly"
        )
        self.type_choice.bind("<<ComboboxSelected>>", lambda _e: self.show_folder(self.folder))
        if self.mode == "folder":
            return
        gap = (px(self, PAD), 0)
        ttk.Label(outer, text="文件名：").grid(row=2, column=0, sticky="e", pady=gap)
        self.entry_name.grid(row=2, column=1, sticky="ew", pady=gap)
        self.entry_name.bind("<Return>", self.ok)
        self.entry_name.bind("<KP_Enter>", self.ok)
        ttk.Label(outer, text="文件类型：").grid(row=3, column=0, sticky="e", pady=gap)
        self.type_choice.grid(row=3, column=1, sticky="ew", pady=gap)

    def _bind_keys(self) -> None:
        self.bind("<Escape>", self.cancel)
        self.bind("<Alt-Up>", lambda _e: self.go_up())
        self.protocol("WM_DELETE_WINDOW", self.cancel)

    def _focus_first(self) -> None:
        if self.mode == "save":
            self.entry_name.focus_set()
            stem = Path(self.name.get()).stem
            self.entry_name.selection_range(0, len(stem))
            self.entry_name.icursor(len(stem))
        else:
            self.files.focus_set()

    # The folder shown ----------------------------------------------------------------

    @property
    def patterns(self) -> list[str]:
        labels = [listing.type_label(t) for t in self.filetypes]
        chosen = labels.index(self.file_type.get()) if self.file_type.get() in labels else 0
        return listing.patterns_of(self.filetypes[chosen])

    def show_folder(self, folder: Path) -> bool:
        """List `folder`; False (with the reason shown) when it cannot be read."""
        try:
            entries = listing.list_folder(folder, self.patterns, folders_only=self.mode == "folder")
        except OSError as error:
            self.say(f"无法打开文件夹“{folder}”：{error.strerror or error}")
            self.location.set(str(self.folder))
            return False
        self.folder, self.entries = folder, entries
        self.location.set(str(folder))
        self.files.delete(*self.files.get_children())
        for index, entry in enumerate(entries):
            size = "" if entry.is_folder else listing.size_text(entry.size)
            modified = entry.modified.strftime("%Y-%m-%d %H:%M") if entry.modified else ""
            values = (entry.name, entry.kind, size, modified)
            tags = (STRIPE_TAG,) if index % 2 else ()
            self.files.insert("", "end", iid=str(index), values=values, tags=tags)
        self.say("")
        return True

    def go_up(self) -> str:
        parent = self.folder.parent
        if parent != self.folder:
            self.show_folder(parent)
        return "break"

    def go_to_typed_folder(self) -> str:
        target = listing.typed_path(self.folder, self.location.get())
        if target.is_dir():
            self.show_folder(target)
        else:
            self.say(f"没有文件夹“{target}”")
        return "break"

    def visible_names(self) -> list[str]:
        """The names the list shows, in order (for tests and for reading the window)."""
        return [self.files.set(iid, "name") for iid in self.files.get_children()]

    def select_name(self, name: str) -> bool:
        """Select the list's line called `name`, as a click on it would."""
        for iid in self.files.get_children():
            if self.files.set(iid, "name") == name:
                self.files.selection_set(iid)
                self.files.focus(iid)
                self.files.see(iid)
                self.files.event_generate("<<TreeviewSelect>>")
                return True
        return False

    def selected_entry(self) -> listing.Entry | None:
        selection = self.files.selection()
        return self.entries[int(selection[0])] if selection else None

    def _place_chosen(self, _event: object = None) -> None:
        selection = self.places.selection()
        if selection:
            self.show_folder(self.place_paths[selection[0]])

    def _entry_selected(self, _event: object = None) -> None:
        entry = self.selected_entry()
        if entry is not None and not entry.is_folder:
            self.name.set(entry.name)

    def _double_clicked(self, event: tk.Event) -> str | None:
        if self.files.identify_region(event.x, event.y) != "cell":
            return None
        self.open_selected()
        return "break"

    def open_selected(self) -> str:
        """Enter on a line: a folder opens, a file is chosen."""
        entry = self.selected_entry()
        if entry is None:
            return "break"
        if entry.is_folder:
            self.show_folder(entry.path)
        elif self.mode != "folder":
            self.name.set(entry.name)
            self.ok()
        return "break"

    # Choosing ------------------------------------------------------------------------

    def say(self, text: str) -> None:
        self.message.configure(text=text)

    def chosen_path(self) -> Path | None:
        """The path the action would return, or None (the reason shown, or a folder opened)."""
        if self.mode == "folder":
            entry = self.selected_entry()
            return entry.path if entry is not None else self.folder
        typed = self.name.get().strip()
        if not typed:
            self.say("请输入文件名" if self.mode == "save" else "请选择一个文件")
            return None
        target = listing.typed_path(self.folder, typed)
        if target.is_dir():
            self.name.set("")
            self.show_folder(target)
            return None
        if self.mode == "open":
            if not target.is_file():
                self.say(f"找不到文件“{typed}”")
                return None
            return target
        target = listing.with_extension(target, self.default_extension, self.patterns)
        if not target.parent.is_dir():
            self.say(f"没有文件夹“{target.parent}”")
            return None
        return target

    def ok(self, _event: object = None) -> str:
        target = self.chosen_path()
        if target is None:
            return "break"
        if self.mode == "save" and target.exists():
            question = f"“{target.name}”已经存在。\n要替换它吗？"
            answer = own_dialogs.ask(
                self, "替换文件", question, icon="warning", buttons=("yes", "no"), escape="no"
            )
            if answer != "yes":
                return "break"
        self.result = str(target)
        self._close(target.parent if self.mode != "folder" else target)
        return "break"

    def cancel(self, _event: object = None) -> str:
        self.result = ""
        self._close(self.folder)
        return "break"

    def _close(self, folder: Path) -> None:
        global _last_folder
        _last_folder = folder
        close_modal(self, self._previous_grab)


def _start_folder(initialdir: str | None) -> Path:
    for candidate in (initialdir, _last_folder):
        if candidate and Path(candidate).expanduser().is_dir():
            return Path(candidate).expanduser().absolute()
    return Path.home()


def choose(parent: tk.Misc, title: str, mode: str, **options) -> str:
    """Show a FileChooser and wait; the chosen path, or "" when cancelled."""
    chooser = FileChooser(parent, title, mode, **options)
    own_dialogs.wait_for_answer(chooser)
    return chooser.result
