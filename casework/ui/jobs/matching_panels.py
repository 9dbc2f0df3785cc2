"""人岗匹配 panels: people ranked for a posting, postings ranked for a person; 推荐.

Each ranked row shows its score; the selected one's reasons (✓), concerns (!) and the
requirements it misses (✗) are spelled out below the list. 推荐 starts a placement at stage 已推荐.
The panels are reused by two dialogs: CandidatesDialog (from the postings list) and
PersonPostingsDialog (from a member on the household screen).
"""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from casework import logs
from casework.services.common import ConflictError, NotFoundError
from casework.services.jobs import matching, placements, postings
from casework.services.register import people, wishes
from casework.ui.jobs.job_forms import on_selection
from casework.ui.kit import dialogs
from casework.ui.kit.form_dialog import ReadOnlyText, close_modal, show_modal
from casework.ui.kit.kept_worker import KeptWorker
from casework.ui.kit.theme import PAD, PAD_LARGE, px
from casework.ui.kit.widgets import Column, PagedTable, attach_tooltip
from casework.ui.kit.workbench import Workbench

# Names, numbers and short words keep their width (fixed); the long texts (the employer's
# name above all) take what room is left and give it up first.
CANDIDATE_COLUMNS = [
    Column("rank", "序", 34, "center", fixed=True),
    Column("name", "姓名", 72, fixed=True),
    Column("age", "年龄", 42, "center", fixed=True),
    Column("gender_label", "性别", 42, "center", fixed=True),
    Column("education_label", "文化程度", 78, fixed=True),
    Column("village_name", "嘎查村", 100, fixed=True),
    Column("score", "匹配度", 60, "center", fixed=True),
    Column("wish_summary", "就业意愿", 250),
    Column("missing_text", "不满足", 110),
]
POSTING_COLUMNS = [
    Column("rank", "序", 34, "center", fixed=True),
    Column("employer_name", "用工单位", 260),
    Column("position", "岗位", 110),
    Column("place_label", "地点", 62, "center", fixed=True),
    Column("pay_text", "月薪", 90, fixed=True),
    Column("score", "匹配度", 60, "center", fixed=True),
    Column("placement_stage_label", "推荐", 56, "center", fixed=True),
    Column("missing_text", "不满足", 60),
]


def explain(row: dict | None) -> list[tuple[str, str]]:
    """The reasons and missing requirements of one ranked row, as ReadOnlyText parts."""
    if row is None:
        return [("选中一行查看匹配理由", "heading")]
    # The row in full first: its employer's or person's name may be cut off in the list.
    if row.get("employer_name"):
        what = f"{row['employer_name']}　{row.get('position', '')}".strip()
    else:
        what = f"{row.get('name', '')}（{row.get('village_name') or '—'}）"
    parts = [(f"{what}　匹配度 {row['score']}\n", "heading")]
    if row["reasons"]:
        parts.append(("有利\n", "heading"))
        parts += [(f"  ✓ {reason}\n", "") for reason in row["reasons"]]
    if row["concerns"]:
        parts.append(("需要注意\n", "heading"))
        parts += [(f"  ! {item}\n", "") for item in row["concerns"]]
    if row["missing"]:
        parts.append(("不满足的要求\n", "heading"))
        parts += [(f"  ✗ {item}\n", "") for item in row["missing"]]
    return parts


def _ranked(rows: list[dict], key: str) -> list[dict]:
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
        row["id"] = row[key]
        row["missing_text"] = "；".join(row["missing"]) or "—"
    return rows


class _RankedPanel(ttk.Frame):
    """A ranked list over a text of reasons, with a 推荐 button; subclasses say what is ranked."""

    columns: list[Column] = []
    recommend_text = "推荐"
    recommend_help = ""

    def __init__(self, master: tk.Misc, app: Workbench, selectmode: str = "browse") -> None:
        super().__init__(master, style="Card.Inner.TFrame")
        self.app = app
        self.rows: list[dict] = []
        self.columnconfigure(0, weight=1)
        self.rowconfigure(1, weight=1)
        self.heading = ttk.Label(self, text="", style="Card.TLabel", wraplength=px(self, 760))
        self.heading.grid(row=0, column=0, sticky="ew")
        self.table = PagedTable(
            self, self.columns, self._page, page_size=100, unit="条", selectmode=selectmode
        )
        self.table.grid(row=1, column=0, sticky="nsew", pady=(px(self, PAD), 0))
        self.table.tree.configure(height=9)
        self.table.prev_button.master.grid_remove()  # one list of at most 100: no pages
        on_selection(self.table, self._selected)
        self.reasons = ReadOnlyText(self, height=5)
        self.reasons.grid(row=2, column=0, sticky="ew", pady=(px(self, PAD), 0))
        bar = ttk.Frame(self, style="Card.Inner.TFrame")
        bar.grid(row=3, column=0, sticky="ew", pady=(px(self, PAD), 0))
        self.button_recommend = ttk.Button(
            bar, text=self.recommend_text, style="Accent.TButton", command=self.recommend
        )
        self.button_recommend.pack(side="right")
        attach_tooltip(self.button_recommend, self.recommend_help)
        self.bar = bar
        self._selected()

    def _page(self, _page: int, _size: int) -> tuple[list[dict], int]:
        return self.rows, len(self.rows)

    def _selected(self) -> None:
        self.reasons.show(explain(self.table.selected_row()))
        state = ["!disabled"] if self.table.selected_ids() else ["disabled"]
        self.button_recommend.state(state)

    def recommend(self) -> None:
        raise NotImplementedError

    def _recommend(self, function, *args) -> list | None:
        try:
            return function(*args)
        except (NotFoundError, ConflictError, ValueError) as error:
            dialogs.show_error(self, "无法推荐", str(error))
            return None


class CandidatesPanel(_RankedPanel):
    """People ranked for one posting; several may be selected and recommended together."""

    columns = CANDIDATE_COLUMNS
    recommend_text = "推荐选中的人"
    recommend_help = "把选中的人（可按住Ctrl多选）推荐到这个岗位，记入就业跟踪"

    def __init__(self, master: tk.Misc, app: Workbench, posting_id: str | None = None) -> None:
        super().__init__(master, app, selectmode="extended")
        self._ranking = 0  # which show_posting call the list is waiting for
        self.in_flight = 0  # rankings started and not yet arrived
        self.posting_id = posting_id
        self.posting: dict | None = None
        # One thread ranks, and keeps its connection's cache of the indexes it reads.
        self.worker = KeptWorker(self)
        self.bind("<Destroy>", self._destroyed, add="+")
        self.button_open = ttk.Button(self.bar, text="打开农户", command=self.open_household)
        self.button_open.pack(side="right", padx=(0, px(self, PAD)))
        attach_tooltip(self.button_open, "查看选中人员所在的农户")
        self.show_posting(posting_id)

    def show_posting(self, posting_id: str | None) -> None:
        """Rank the people for `posting_id` (None: nothing chosen yet).

        Ranking a county's willing people takes a noticeable moment, so it runs in the
        panel's worker thread: the list empties at once, says 正在计算…, and fills when the
        ranking arrives, unless another posting was chosen meanwhile (then it is dropped,
        or not even run when it was still waiting its turn).
        """
        self.posting_id = posting_id
        self.posting = postings.get_posting(posting_id) if posting_id else None
        self.rows = []
        self._ranking += 1
        if posting_id:
            self._rank_in_background(self._ranking, posting_id)
            self.heading.configure(text=f"{self._posting_text()}：正在计算…")
        else:
            self.heading.configure(text="请先选择岗位")
        self.table.refresh(reset_page=True)
        self._selected()

    @property
    def computing(self) -> bool:
        """Whether a ranking is still under way (tests wait on it going False)."""
        return self.in_flight > 0

    def _rank_in_background(self, ranking: int, posting_id: str) -> None:
        self.in_flight += 1

        def rank() -> list[dict] | None:  # in the worker: reads an int, touches no widget
            if ranking != self._ranking:
                return None
            return matching.candidates_for_posting(posting_id)

        def arrived(rows: list[dict] | None) -> None:
            self.in_flight -= 1
            if ranking == self._ranking and rows is not None:  # still the chosen posting
                self._show_ranked(rows)

        def failed(error: BaseException) -> None:
            self.in_flight -= 1
            message = logs.report(error, "计算人岗匹配")
            if ranking == self._ranking:
                self.heading.configure(text=f"{self._posting_text()}：{message}")

        self.worker.submit(rank, arrived, failed)

    def release_connection(self) -> None:
        """Let the worker's connection go (the screen is hidden); the next ranking opens one."""
        self.worker.release()

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is self:
            self.worker.stop()

    def _show_ranked(self, rows: list[dict]) -> None:
        self.rows = _ranked(rows, "person_id")
        self.heading.configure(text=f"{self._posting_text()}：按匹配度列出前{len(self.rows)}人")
        self.table.refresh(reset_page=True)
        self._selected()

    def _posting_text(self) -> str:
        p = self.posting or {}
        return (
            f"{p['employer_name']}　{p['position']}（{p['place_label']}，{p['pay_text']}，"
            f"{p['requirements_text']}）"
        )

    def _selected(self) -> None:
        super()._selected()
        if hasattr(self, "button_open"):
            state = ["!disabled"] if self.table.selected_id() else ["disabled"]
            self.button_open.state(state)

    def recommend(self) -> None:
        chosen = [self.table.rows[i] for i in self.table.selected_ids()]
        if not chosen or not self.posting:
            return
        names = "、".join(r["name"] for r in chosen)
        question = (
            f"把 {names} 推荐到“{self.posting['employer_name']} {self.posting['position']}”？"
        )
        if not dialogs.ask_yes_no(self, "推荐", question):
            return
        ids = [r["person_id"] for r in chosen]
        if self._recommend(placements.recommend_many, self.posting_id, ids) is not None:
            self.app.notify(f"已推荐{len(ids)}人：{names}")
            self.app.data_changed()
            self.show_posting(self.posting_id)

    def open_household(self) -> None:
        row = self.table.selected_row()
        if row:
            self.app.open_household(row["household_id"])


class PersonPostingsPanel(_RankedPanel):
    """Open postings ranked for one person."""

    columns = POSTING_COLUMNS
    recommend_text = "推荐到此岗位"
    recommend_help = "把这个人推荐到选中的岗位，记入就业跟踪"

    def __init__(self, master: tk.Misc, app: Workbench, person_id: str | None = None) -> None:
        super().__init__(master, app)
        self.show_person(person_id)

    def show_person(self, person_id: str | None, name: str = "") -> None:
        self.person_id = person_id
        self.rows = _ranked(matching.postings_for_person(person_id), "id") if person_id else []
        if person_id and not name:
            name = people.get_person(person_id)["name"]
        self.person_name = name
        self.heading.configure(text=self._heading(person_id, name))
        self.table.refresh(reset_page=True)
        self._selected()

    def _heading(self, person_id: str | None, name: str) -> str:
        if not person_id:
            return "请先选择人员"
        history = wishes.wish_history(person_id)
        wish = f"就业意愿：{history[0]['summary']}" if history else "未登记就业意愿"
        return f"适合{name}的岗位（招聘中），按匹配度排列。{wish}"

    def recommend(self) -> None:
        row = self.table.selected_row()
        if row is None or not self.person_id:
            return
        question = f"把{self.person_name}推荐到“{row['employer_name']} {row['position']}”？"
        if not dialogs.ask_yes_no(self, "推荐", question):
            return
        if self._recommend(placements.recommend, self.person_id, row["id"]) is not None:
            self.app.notify(f"已推荐{self.person_name}到{row['employer_name']} {row['position']}")
            self.app.data_changed()
            self.show_person(self.person_id, self.person_name)
            self.table.select(row["id"])


class _PanelDialog(tk.Toplevel):
    """A modal window around one panel, closed with Esc."""

    def __init__(self, parent: tk.Misc, title: str) -> None:
        super().__init__(parent)
        self.withdraw()
        self.title(title)
        self.transient(parent.winfo_toplevel())
        self.outer = ttk.Frame(self, style="Card.TFrame", padding=px(self, PAD_LARGE))
        self.outer.pack(fill="both", expand=True)
        self.outer.columnconfigure(0, weight=1)
        self.outer.rowconfigure(0, weight=1)

    def place_panel(self, panel: ttk.Frame, parent: tk.Misc) -> None:
        panel.grid(row=0, column=0, sticky="nsew")
        self.button_close = ttk.Button(panel.bar, text="关闭 (Esc)", command=self.close)
        self.button_close.pack(side="left")
        self.bind("<Escape>", lambda _e: self.close())
        self.protocol("WM_DELETE_WINDOW", self.close)
        self._previous_grab = show_modal(self, parent)
        panel.table.tree.focus_set()

    def close(self) -> None:
        close_modal(self, getattr(self, "_previous_grab", None))


class CandidatesDialog(_PanelDialog):
    def __init__(self, parent: tk.Misc, app: Workbench, posting_id: str) -> None:
        posting = postings.get_posting(posting_id)
        super().__init__(parent, f"找人选 — {posting['position']}（{posting['employer_name']}）")
        self.panel = CandidatesPanel(self.outer, app, posting_id)
        self.place_panel(self.panel, parent)


class PersonPostingsDialog(_PanelDialog):
    """推荐岗位 for one person (the household screen's hook)."""

    def __init__(self, parent: tk.Misc, app: Workbench, person_id: str) -> None:
        super().__init__(parent, f"推荐岗位 — {people.caption(person_id)}")
        self.panel = PersonPostingsPanel(self.outer, app, person_id)
        self.place_panel(self.panel, parent)


def open_postings_for_person(
    parent: tk.Misc, app: Workbench, person_id: str
) -> PersonPostingsDialog:
    return PersonPostingsDialog(parent, app, person_id)
