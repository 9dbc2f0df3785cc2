"""The paged table, driven through real Tk widgets on the virtual display."""

from __future__ import annotations

from casework.ui.kit.widgets import (
    PagedTable,
)
from tests.tkutil import pump
from tests.ui.widget_helpers import show_and_focus

# PagedTable ----------------------------------------------------------------------------

COLUMNS = [
    ("code", "户编号", 120, "w", True),
    ("head", "户主", 80),
    ("members", "人口", 50, "e", True),
]


class FakeRows:
    """1,234 households served a page at a time, counting the fetches."""

    def __init__(self, count: int = 1234) -> None:
        self.rows = [
            {"id": f"{i:032x}", "code": f"HH{i:05d}", "head": f"户主{i}", "members": i % 7}
            for i in range(count)
        ]
        self.calls: list[tuple[int, int]] = []

    def fetch(self, page: int, page_size: int):
        self.calls.append((page, page_size))
        start = (page - 1) * page_size
        return self.rows[start : start + page_size], len(self.rows)


def test_paged_table_holds_one_page_and_pages_through(themed):
    data = FakeRows()
    table = PagedTable(themed, COLUMNS, data.fetch, page_size=50, unit="户")
    table.refresh()

    tree = table.tree
    assert len(tree.get_children()) == 50
    assert tree.get_children()[0] == data.rows[0]["id"]
    assert tree.item(data.rows[0]["id"], "values")[:2] == ("HH00000", "户主0")
    assert table.pager_label.cget("text") == "第 1/25 页，共 1,234 户"
    assert table.prev_button.instate(["disabled"])

    table.next_button.invoke()
    assert tree.get_children()[0] == data.rows[50]["id"]
    assert len(tree.get_children()) == 50
    assert table.pager_label.cget("text") == "第 2/25 页，共 1,234 户"
    assert data.calls[-1] == (2, 50)

    table.prev_button.invoke()
    assert table.page == 1
    table.go_to_page(25)
    assert len(tree.get_children()) == 34
    assert table.next_button.instate(["disabled"])
    assert table.pager_label.cget("text") == "第 25/25 页，共 1,234 户"


def test_paged_table_never_shows_more_than_a_page(themed):
    data = FakeRows()
    table = PagedTable(
        themed, COLUMNS, lambda page, size: (data.rows, len(data.rows)), page_size=20
    )
    table.refresh()
    assert len(table.tree.get_children()) == 20


def test_paged_table_stripes_rows(themed):
    table = PagedTable(themed, COLUMNS, FakeRows().fetch, page_size=10)
    table.refresh()
    tags = [table.tree.item(iid, "tags") for iid in table.tree.get_children()[:3]]
    assert tags[0] != tags[1] and tags[0] == tags[2]


def test_paged_table_goes_back_when_its_page_empties(themed):
    data = FakeRows(120)
    table = PagedTable(themed, COLUMNS, data.fetch, page_size=50)
    table.refresh()
    table.go_to_page(3)
    del data.rows[60:]  # someone deleted records meanwhile
    table.refresh()
    assert table.page == 2
    assert len(table.tree.get_children()) == 10


def test_clicking_a_sortable_heading_asks_for_the_order_and_restarts(themed):
    data = FakeRows()
    table = PagedTable(themed, COLUMNS, data.fetch, page_size=50)
    sorts = []
    table.on_sort(lambda key, descending: sorts.append((key, descending)))
    table.refresh()
    table.next_page()

    themed.tk.call(table.tree.heading("members", "command"))
    assert sorts == [("members", False)]
    assert table.page == 1
    assert data.calls[-1] == (1, 50)
    assert table.tree.heading("members", "text").endswith("▲")

    themed.tk.call(table.tree.heading("members", "command"))
    assert sorts[-1] == ("members", True)
    assert table.tree.heading("members", "text").endswith("▼")
    assert table.tree.heading("head", "command") == ""  # not sortable


def test_enter_opens_the_selected_row_and_page_keys_turn_pages(themed):
    data = FakeRows()
    table = PagedTable(themed, COLUMNS, data.fetch, page_size=50)
    table.pack()
    table.refresh()
    opened, selected = [], []
    table.on_open(opened.append)
    table.on_select(selected.append)
    show_and_focus(themed, table.tree)
    pump(themed)
    assert table.selected_id() == data.rows[0]["id"]  # focus starts on the first row

    table.tree.event_generate("<Down>")
    pump(themed)
    assert table.selected_id() == data.rows[1]["id"]
    assert selected[-1] == data.rows[1]["id"]

    table.tree.event_generate("<Return>")
    pump(themed)
    assert opened == [data.rows[1]["id"]]

    table.tree.event_generate("<Next>")
    pump(themed)
    assert table.page == 2
    assert table.selected_id() == data.rows[50]["id"]
    table.tree.event_generate("<Prior>")
    pump(themed)
    assert table.page == 1


def test_double_click_opens_the_row_under_the_pointer(themed):
    data = FakeRows()
    table = PagedTable(themed, COLUMNS, data.fetch, page_size=50)
    table.pack()
    table.refresh()
    opened = []
    table.on_open(opened.append)
    show_and_focus(themed, table.tree)
    third = table.tree.bbox(data.rows[2]["id"])
    x, y = third[0] + 5, third[1] + third[3] // 2
    for _ in range(2):
        table.tree.event_generate("<ButtonPress-1>", x=x, y=y)
        table.tree.event_generate("<ButtonRelease-1>", x=x, y=y)
    pump(themed)
    assert opened == [data.rows[2]["id"]]


def test_empty_table_says_so(themed):
    data = FakeRows(0)
    table = PagedTable(themed, COLUMNS, data.fetch, page_size=50)
    table.refresh()
    assert table.empty_shown
    assert table.empty_label.cget("text") == "没有符合条件的记录"
    assert table.pager_label.cget("text") == "第 1/1 页，共 0 条"
    assert table.next_button.instate(["disabled"])

    data.rows.append({"id": "a" * 32, "code": "HH1", "head": "王玉梅", "members": 3})
    table.refresh()
    assert not table.empty_shown


def test_refresh_keeps_the_selection(themed):
    data = FakeRows()
    table = PagedTable(themed, COLUMNS, data.fetch, page_size=50)
    table.refresh()
    assert table.select(data.rows[7]["id"])
    data.rows[7]["head"] = "改名"
    table.refresh()
    assert table.selected_id() == data.rows[7]["id"]
    assert table.selected_row()["head"] == "改名"
    assert not table.select("not-on-this-page")


def test_a_narrow_table_keeps_its_fixed_columns_and_shares_out_the_rest(themed):
    from casework.ui.kit.theme import px
    from casework.ui.kit.widgets import Column

    columns = [
        Column("name", "姓名", 72, fixed=True),
        Column("score", "匹配度", 60, "center", fixed=True),
        Column("wish", "就业意愿", 250),
        Column("missing", "不满足", 110),
    ]
    table = PagedTable(themed, columns, FakeRows(3).fetch)
    table.pack(fill="x")
    themed.geometry("400x300")
    show_and_focus(themed, table.tree)
    pump(themed)
    widths = {c.key: int(table.tree.column(c.key, "width")) for c in columns}
    assert widths["name"] == px(table, 72) and widths["score"] == px(table, 60)
    assert widths["wish"] > widths["missing"] >= 40  # the long texts share what is left
    assert sum(widths.values()) <= table.tree.winfo_width()


def test_in_a_narrow_pane_the_page_buttons_keep_their_width(themed):
    # The dashboard's follow-up pane at 1366 px: the count gives way, never 上一页.
    data = FakeRows(123456)
    table = PagedTable(themed, COLUMNS, data.fetch, page_size=5, unit="户")
    table.place(x=0, y=0, width=260, height=300)
    table.refresh()
    pump(themed)
    for button in (table.prev_button, table.next_button):
        assert button.winfo_width() >= button.winfo_reqwidth()
    assert table.pager_label.winfo_width() < table.pager_label.winfo_reqwidth()
