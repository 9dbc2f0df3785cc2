"""Builds roster workbooks the way real ones arrive: messy, for the import tests and benchmark."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from tests.factories import valid_id

MONITORING_HEADER = [
    "县（市、区）",
    "乡(镇)",
    " 村 ",
    "户编号",
    "户主姓名",
    "与户主关系",
    "姓 名",
    "性别",
    "民族",
    "证件号码",
    "文化程度",
    "健康状况",
    "劳动技能",
    "务工状况",
    "联系电话",
]


def to_fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" for c in text)


def numeric_id(birth: str, male: bool = True) -> str:
    """A valid ID number ending in a digit, so that it can be stored as an integer."""
    while True:
        number = valid_id(birth, male=male)
        if number[-1] != "X":
            return number


def messy_workbook(path: Path) -> dict:
    """A two-sheet roster with the usual mess; returns the ID numbers used, by role.

    Sheet 脱贫人口 (monitoring-system layout):
      row 1 a merged title, row 2 blank, row 3 the header,
      rows 4-6 household A (户编号/县/乡/村/户主 merged down the three rows):
        4 head, ID as a true integer; 5 spouse, ID with a leading apostrophe;
        6 son, ID in full-width digits with spaces, phone with spaces
      row 7 blank, row 8 the header repeated,
      rows 9-10 household B: 9 head fine; 10 daughter with the ID Excel rounded to
        1.50521E+17 (refused), 11 an unknown education word (imported, reported).
    Sheet 监测对象 (other heading words): rows 2-3 household C in another village.
    Sheet 说明: notes, no header (reported, skipped).
    """
    ids = {
        "a_head": numeric_id("19680305", male=False),
        "a_spouse": valid_id("19700812"),
        "a_son": valid_id("19950101"),
        "b_head": valid_id("19750620"),
        "b_daughter": valid_id("20000202", male=False),
        "b_father": valid_id("19480101"),
        "c_head": valid_id("19800101"),
        "c_wife": valid_id("19820101", male=False),
    }
    book = Workbook()
    ws = book.active
    ws.title = "脱贫人口"
    ws.append(["科左中旗脱贫人口信息表（2026年）"])
    ws.merge_cells("A1:O1")
    ws.append([])
    ws.append(MONITORING_HEADER)
    place = ["科左中旗", "架玛吐镇", "大新艾力嘎查", "150521001001", "韩令春"]
    ws.append(
        place
        + ["户主", "韩令春", "女", "蒙古族", "INTEGER-ID"]
        + ["初中", "长期慢性病", "普通劳动力", "乡（镇）内务工", "13904750001"]
    )
    ws.append([None] * 5 + ["配偶", "包巴特尔", "男", "蒙古族", "'" + ids["a_spouse"]])
    ws.append(
        [None] * 5
        + [
            "之子",
            " 韩国庆 ",
            "男",
            "蒙古族",
            to_fullwidth(ids["a_son"][:6] + " " + ids["a_son"][6:]),
        ]
        + ["高中", "健康", "普通劳动力", "省外务工", "139 0475 0003"]
    )
    for column in "ABCDE":
        ws.merge_cells(f"{column}4:{column}6")
    ws.append([])
    ws.append(MONITORING_HEADER)
    ws.append(
        ["科左中旗", "架玛吐镇", "哈日干图嘎查", "150521001002", "白福生", "户主", "白福生", "男"]
        + ["汉族", ids["b_head"], "小学", "健康", "普通劳动力", "", ""]
    )
    ws.append(
        ["科左中旗", "架玛吐镇", "哈日干图嘎查", "150521001002", "白福生", "之女", "白秀兰", "女"]
        + ["汉族", 1.50521e17, "大专", "健康", "普通劳动力", "", ""]
    )
    ws.append(
        ["科左中旗", "架玛吐镇", "哈日干图嘎查", "150521001002", "白福生", "之父", "白振山", "男"]
        + ["汉族", ids["b_father"], "私塾", "残疾", "丧失劳动力", "", ""]
    )
    other = book.create_sheet("监测对象")
    other.append(
        ["苏木乡镇", "嘎查村", "户码", "关系", "姓名", "公民身份号码", "学历", "就业状况", "电话"]
    )
    other.append(
        [
            "宝龙山镇",
            "东艾力嘎查",
            "150521002001",
            "户主",
            "包金山",
            ids["c_head"],
            "初中",
            "务农",
            "",
        ]
    )
    other.append(
        [
            "宝龙山镇",
            "东艾力嘎查",
            "150521002001",
            "妻",
            "乌云其木格",
            ids["c_wife"],
            "小学",
            "未务工",
            "",
        ]
    )
    notes = book.create_sheet("说明")
    notes.append(["本表由乡镇填报，数据截至2026年10月。"])
    book.save(path)
    store_as_integer(path, "xl/worksheets/sheet1.xml", "J4", "INTEGER-ID", ids["a_head"])
    return ids


def store_as_integer(path: Path, member: str, cell: str, placeholder: str, digits: str) -> None:
    """Rewrite one text cell as a true 18-digit integer, as some exporting programs write it.

    openpyxl (like Excel) writes a float for such a number, so the test file is patched.
    """
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    xml = parts[member].decode()
    text_cell = f'<c r="{cell}" t="inlineStr"><is><t>{placeholder}</t></is></c>'
    assert text_cell in xml, "placeholder cell not found"
    parts[member] = xml.replace(text_cell, f'<c r="{cell}" t="n"><v>{digits}</v></c>').encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


MEMBER_ROLES = [("户主", 0), ("配偶", 2), ("之子", 25), ("之女", 27)]


def big_roster(path: Path, people: int, county: str = "科左中旗") -> None:
    """A clean monitoring-system style roster of `people` rows (4 per household)."""
    from stdnum.cn import ric

    book = Workbook(write_only=True)
    ws = book.create_sheet("人员信息")
    ws.append(MONITORING_HEADER)
    towns = ["架玛吐镇", "宝龙山镇", "保康镇", "舍伯吐镇", "花吐古拉镇"]
    for n in range(people):
        household, member = divmod(n, 4)
        relation, younger = MEMBER_ROLES[member]
        year = 1960 + household % 20 + younger
        body = f"150521{year}{1 + household % 12:02d}{1 + household % 28:02d}{n % 1000:03d}"
        number = body + ric.calc_check_digit(body + "0")
        ws.append(
            [
                county,
                towns[household % 5],
                f"第{household % 40 + 1}嘎查",
                f"1505210{household:07d}",
                f"户主{household}",
                relation,
                f"韩{chr(0x4E00 + n % 3000)}{chr(0x4E00 + (n * 7) % 3000)}",
                "",
                "蒙古族",
                number,
                "初中",
                "健康",
                "普通劳动力",
                "乡（镇）内务工",
                f"139{n:08d}",
            ]
        )
    book.save(path)
