"""本机干部: the cadre using the laptop can be corrected, switched or added at any time."""

from casework.services.register import cadres
from casework.ui.app import build_app
from casework.ui.register.cadre_dialog import NEW_CADRE
from tests.factories import make_cadre, make_household, make_village
from tests.tkutil import pump


def open_dialog(tk_root, tmp_path):
    app = build_app(tk_root, tmp_path / "casework.db")
    pump(tk_root)
    app.button_cadre.invoke()
    return app, app.dialog


def test_correcting_the_current_cadre_shows_everywhere(
    tk_root, db, today, tmp_path, no_message_boxes
):
    cadre = make_cadre("杨志勇")
    make_household(make_village())
    app, dialog = open_dialog(tk_root, tmp_path)
    assert dialog.form["who"].get() == cadre["id"]
    assert dialog.form["name"].get() == "杨志勇"
    dialog.form["phone"].set("139 0475 0001")
    dialog.button_ok.invoke()
    pump(tk_root)
    assert cadres.current_cadre()["phone"] == "13904750001"
    assert app.cadre["phone"] == "13904750001"
    assert "杨志勇" in app.status.left.cget("text")


def test_adding_a_new_cadre_makes_them_current(tk_root, db, today, tmp_path, no_message_boxes):
    make_cadre("杨志勇")
    app, dialog = open_dialog(tk_root, tmp_path)
    dialog.form["who"].set(NEW_CADRE)
    dialog._who_changed()
    assert dialog.form["name"].get() == ""
    dialog.form["name"].set("曹子立")
    dialog.form["unit"].set("北京市门头沟区")
    dialog.button_ok.invoke()
    pump(tk_root)
    assert cadres.current_cadre()["name"] == "曹子立"
    assert app.cadre["name"] == "曹子立"
    assert app.cadre_name.cget("text") == "曹子立"
    assert "曹子立" in app.status.left.cget("text")
    assert {c["name"] for c in cadres.list_cadres()} == {"杨志勇", "曹子立"}


def test_switching_to_another_cadre(tk_root, db, today, tmp_path, no_message_boxes):
    first = make_cadre("杨志勇")
    make_cadre("邱程")  # make_cadre makes each new one current
    app, dialog = open_dialog(tk_root, tmp_path)
    dialog.form["who"].set(first["id"])
    dialog._who_changed()
    assert dialog.form["name"].get() == "杨志勇"
    dialog.button_ok.invoke()
    pump(tk_root)
    assert cadres.current_cadre()["id"] == first["id"]


def test_a_blank_name_is_refused_beside_the_field(tk_root, db, today, tmp_path, no_message_boxes):
    make_cadre("杨志勇")
    app, dialog = open_dialog(tk_root, tmp_path)
    dialog.form["name"].set("")
    dialog.button_ok.invoke()
    assert "请填写姓名" in dialog.form["name"].error_label.cget("text")
    assert cadres.current_cadre()["name"] == "杨志勇"
