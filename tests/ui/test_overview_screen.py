"""工作概况: the figures as large numbers, equal to `stats` and the lists; charts; a click lists."""

from __future__ import annotations

import json

import pytest

from casework import cli
from casework.exports import lists
from casework.services import figures
from casework.services.jobs import placements
from casework.services.register import visits
from casework.ui.overview.figure_list import FigureListDialog
from casework.ui.overview.overview_screen import OverviewScreen
from tests.factories import add_person, make_cadre, make_household, make_village
from tests.tkutil import pump, pump_until
from tests.ui.fake_app import FakeApp
from tests.ui.widget_helpers import press, show_and_focus


@pytest.fixture
def county(db, today):
    """Two townships; three people in Beijing (two by placement, one by the register)."""
    cadre = make_cadre()
    north = make_village("大新艾力嘎查", "架玛吐镇")
    far = make_village("宝龙山嘎查", "宝龙山镇")
    first = make_household(north, code="150521000001", head="韩令春")
    second = make_household(far, code="150521000002", head="包金山")
    for person in (add_person(first, "韩国庆"), add_person(second, "包青山")):
        placements.create_placement(
            {"person_id": person["id"], "employer_name": "北京嘉宇集团", "position": "保安",
             "place": "beijing", "organised": True, "stage": "working",
             "stage_date": "2026-11-02"},
        )  # fmt: skip
    add_person(first, "韩国栋", work_status="beijing")
    for household, next_visit in ((first, "2026-11-20"), (second, "2026-11-29")):
        visits.record_visit(
            household["id"],
            {"visit_date": "2026-11-03", "cadre_ids": [cadre["id"]], "situation": "了解情况",
             "next_visit_date": next_visit},
        )  # fmt: skip
    return {"first": first, "second": second, "north": north}


@pytest.fixture
def screen(tk_root, county):
    app = FakeApp(tk_root)
    screen = OverviewScreen(tk_root, app)
    screen.pack(fill="both", expand=True)
    tk_root.geometry("1280x760")
    assert pump_until(tk_root, lambda: not screen.computing), "the figures never arrived"
    pump(tk_root)
    return screen


def shown(screen: OverviewScreen) -> dict[str, int]:
    return {
        key: int(tile.number.cget("text").replace(",", "")) for key, tile in screen.tiles.items()
    }


def test_the_figures_are_those_of_stats_and_the_lists(screen, county, tmp_path, capsys):
    on_screen = shown(screen)
    assert set(on_screen) == set(figures.FIGURES)
    assert on_screen["in_beijing"] == 3 and on_screen["placed_in_beijing"] == 2
    assert on_screen["visits"] == 2 and on_screen["follow_ups_due"] == 1
    assert cli.main(["--db", str(tmp_path / "casework.db"), "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["figures"] == on_screen
    written = lists.export_list("beijing", tmp_path / "b.xlsx")
    assert written.total == on_screen["in_beijing"]
    assert lists.export_list("willing", tmp_path / "w.xlsx").total == on_screen["willing"]
    subtitle = screen.subtitle.cget("text")
    assert "科左中旗" in subtitle and "2026年11月" in subtitle


def test_the_charts_are_drawn(screen):
    bars = screen.bars
    assert sorted(bars.texts("label")) == ["宝龙山镇", "架玛吐镇"]
    assert bars.texts("value") == ["2", "1"]  # largest first
    assert len(bars.find_withtag("bar")) == 2
    trend = screen.trend
    assert len(trend.find_withtag("bar")) == 12
    assert trend.texts("value")[-1] == "2"  # two people started in Beijing in November
    assert screen.bars_heading.cget("text") == "按苏木乡镇"


def test_choosing_a_township_gives_its_figures_and_its_villages(screen, county, tk_root):
    screen.scope_bar.choose("架玛吐镇")
    assert pump_until(tk_root, lambda: not screen.computing)
    township = figures.Scope(area_id=county["north"]["parent_id"])
    expected = figures.compute(township, screen.scope_bar.period()).values
    assert shown(screen) == expected and expected["in_beijing"] == 2
    assert screen.bars.texts("label") == ["大新艾力嘎查"]
    assert screen.bars_heading.cget("text") == "按嘎查村"


def test_a_period_typed_in_is_used_and_a_bad_one_refused(screen, tk_root):
    bar = screen.scope_bar
    bar.date_from.delete(0, "end")
    bar.date_from.insert(0, "2026-10-02")
    bar.date_to.delete(0, "end")
    bar.date_to.insert(0, "2026-10-31")
    bar.button_apply.invoke()
    assert pump_until(tk_root, lambda: not screen.computing)
    assert shown(screen)["visits"] == 0 and shown(screen)["in_beijing"] == 3
    assert bar.preset.get() == "自定义"
    bar.date_to.delete(0, "end")
    bar.date_to.insert(0, "2026-09-01")
    bar.button_apply.invoke()
    assert bar.error.cget("text") == "开始日期不能晚于结束日期"
    assert not screen.computing


def test_clicking_a_figure_lists_the_people_behind_it(screen, county, tk_root):
    show_and_focus(tk_root, screen.tiles["in_beijing"])
    screen.tiles["in_beijing"].number.event_generate("<Button-1>")
    pump(tk_root)
    dialog = screen.dialog
    assert isinstance(dialog, FigureListDialog) and dialog.winfo_exists()
    tree = dialog.table.tree
    names = [tree.set(iid, "name") for iid in tree.get_children()]
    assert sorted(names) == sorted(["包青山", "韩国栋", "韩国庆"])
    sources = {tree.set(iid, "name"): tree.set(iid, "note") for iid in tree.get_children()}
    assert sources["韩国栋"] == "台账状态" and sources["韩国庆"] == "就业登记"
    assert dialog.heading.cget("text") == "在京务工：共 3 人"
    dialog.table.select(next(i for i in tree.get_children() if tree.set(i, "name") == "包青山"))
    dialog.button_open.invoke()
    assert screen.app.opened == [county["second"]["id"]]
    assert not dialog.winfo_exists()


def test_enter_on_a_figure_opens_its_list_too(screen, tk_root):
    show_and_focus(tk_root, screen.tiles["follow_ups_due"])
    press(tk_root, "<Return>")
    dialog = screen.dialog
    assert dialog.title() == "科左中旗 到期应回访（截至今天）"
    assert dialog.table.total == 1
    dialog.close()


def test_the_follow_ups_due_and_due_this_week_are_listed(screen, county):
    table = screen.follow_ups
    rows = [table.tree.item(iid, "values") for iid in table.tree.get_children()]
    assert rows == [
        ("韩令春", "大新艾力嘎查", "2026-11-20", "逾期7天"),
        ("包金山", "宝龙山嘎查", "2026-11-29", "本周"),
    ]
    assert screen.follow_ups_heading.cget("text") == "到期及本周应回访（2 户）"
    show_and_focus(screen.winfo_toplevel(), table.tree)
    table.select(table.tree.get_children()[0])
    press(screen.winfo_toplevel(), "<Return>")
    assert screen.app.opened == [county["first"]["id"]]


def test_another_figure_for_each_chart(screen, tk_root):
    screen.bars_choice.set("走访")
    screen.bars_choice.event_generate("<<ComboboxSelected>>")
    screen.trend_choice.set("走访")
    screen.trend_choice.event_generate("<<ComboboxSelected>>")
    assert pump_until(tk_root, lambda: not screen.computing)
    assert screen.bars.texts("value") == ["1", "1"]
    assert screen.trend.texts("value")[-1] == "2"


def test_the_report_button_writes_the_report_of_the_chosen_area(screen, tmp_path, monkeypatch):
    from docx import Document

    from casework.ui.documents.export_common import ExportDoneDialog
    from casework.ui.kit import dialogs

    names = []
    monkeypatch.setattr(
        dialogs,
        "ask_save_filename",
        lambda parent, title, types, initialfile, **k: (
            names.append(initialfile) or str(tmp_path / initialfile)
        ),
    )
    screen.scope_bar.choose("架玛吐镇")
    tk_root = screen.winfo_toplevel()
    assert pump_until(tk_root, lambda: not screen.computing)
    screen.button_report.invoke()
    assert names == ["架玛吐镇-工作简报-2026-11-01至2026-11-30.docx"]

    def done() -> list:
        return [w for w in tk_root.winfo_children() if isinstance(w, ExportDoneDialog)]

    assert pump_until(tk_root, done, timeout=30), "the report was never written"
    (dialog,) = done()
    text = "\n".join(p.text for p in Document(str(tmp_path / names[0])).paragraphs)
    assert "架玛吐镇新增赴京就业1人" in text and "在京务工2人" in text
    assert screen.app.notifications[-1] == f"已导出 {names[0]}"
    dialog.close()
