"""Areas as the pickers read them."""

from __future__ import annotations

from casework.services.register import areas
from tests.factories import make_village


def test_the_dashboards_townships_and_villages_are_the_trees_at_those_levels(db):
    make_village("大新艾力嘎查", "架玛吐镇")
    make_village("巴彦塔拉嘎查", "架玛吐镇")
    village = make_village("敖包嘎查", "保康镇")
    areas.create_area(village["id"], "一组")
    gone = make_village("已撤并村", "保康镇")
    areas.delete_area(gone["id"])

    chosen = areas.townships_and_villages()

    tree = [a for a in areas.area_tree() if a["level"] in ("township", "village")]
    assert chosen == tree
    assert {a["name"] for a in chosen} == {
        "架玛吐镇",
        "保康镇",
        "大新艾力嘎查",
        "巴彦塔拉嘎查",
        "敖包嘎查",
    }
