"""Both imports read the same messy heading the same way: one normalisation, one rule.

The roster and the labour-demand sheet both have a 联系电话 column (the person's phone,
the employer's); each variant below is how offices really type it. It must reach the
saved record through either import, or through neither.
"""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from casework.imports import roster
from casework.imports.headings import Headings, normalise
from casework.imports.postings import import_postings
from casework.imports.postings_rows import POSTINGS
from casework.imports.roster_rows import ROSTER
from casework.models import Person
from casework.services.jobs import employers
from tests.factories import make_cadre, valid_id
from tests.roster_builder import MONITORING_HEADER
from tests.test_postings_import import HEADER, ROWS, write_sheet

PHONE_HEADINGS = [
    "联系电话",
    " 联系电话 ",
    "联系 电话",
    "联系\u3000电话",  # the ideographic space a Chinese input method types
    "联系\n电话",  # Alt+Enter inside the cell
    "联系\r\n电话",
    "联系电话\u200b",  # a zero-width space pasted from a web page
    "*联系电话",
    "＊联系电话",
    "联系电话：",
    "联系电话(手机)",
    "联系电话（必填）",
    "【联系电话】",
    "〔联系电话〕",
    "联系电话、",
]
NOT_THE_PHONE = ["帮扶责任人联系电话", "户主联系电话", "联系", "电话号"]
KINDS = {"roster": ROSTER, "postings": POSTINGS}


@pytest.mark.parametrize("heading", PHONE_HEADINGS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_variant_names_the_phone_column(kind, heading):
    assert KINDS[kind].headings.field_for(heading) == "phone"


@pytest.mark.parametrize("heading", NOT_THE_PHONE)
@pytest.mark.parametrize("kind", KINDS)
def test_a_heading_that_only_contains_a_known_name_is_not_taken_for_it(kind, heading):
    assert KINDS[kind].headings.field_for(heading) is None


@pytest.mark.parametrize("heading", ["性 别", "性别：", "*性别", "性别（男/女）", "性\n别"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_gender_column_too(kind, heading):
    assert KINDS[kind].headings.field_for(heading) == "gender"


def test_full_width_letters_and_digits_are_folded():
    headings = Headings({"qq": ("QQ号",), "line": ("第1行",)})
    assert headings.field_for("ＱＱ号") == "qq" and headings.field_for("第１行") == "line"
    assert normalise("ＱＱ　号") == "QQ号"


def test_a_table_naming_one_heading_for_two_fields_is_refused():
    with pytest.raises(ValueError, match="names both"):
        Headings({"phone": ("联系电话",), "contact": ("联系 电话",)})


@pytest.mark.parametrize("heading", [PHONE_HEADINGS[n] for n in (0, 4, 6, 9, 11, 12)])
def test_both_imports_save_the_phone_under_a_messy_heading(db, today, tmp_path, heading):
    make_cadre()
    number = valid_id("19680305")
    path = tmp_path / "花名册.xlsx"
    book = Workbook()
    book.active.append([*MONITORING_HEADER[:10], heading])
    place = ["科左中旗", "架玛吐镇", "大新艾力嘎查", "150521009001", "韩令春"]
    book.active.append([*place, "户主", "韩令春", "女", "蒙古族", number, "13904750001"])
    book.save(path)
    assert roster.import_roster(path).applied
    assert Person.get(Person.id_number == number).phone == "13904750001"

    header = [heading if h == "联系电话" else h for h in HEADER]
    assert import_postings(write_sheet(tmp_path / "需求.xlsx", ROWS[:1], header)).applied
    [employer] = employers.list_employers()[0]
    assert employer["phone"] == "13912345678"


def test_a_header_row_is_found_under_titles_in_both_kinds():
    title = ["科左中旗脱贫人口信息表（2026年）"]
    assert ROSTER.header(title) is None and POSTINGS.header(title) is None
    assert ROSTER.header(MONITORING_HEADER)["name"] == 6
    assert POSTINGS.header(HEADER)["position"] == 5
