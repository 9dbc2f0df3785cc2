"""The household list at county scale: one full-text pass a keystroke, every sort on an index."""

from __future__ import annotations

import pytest

from casework.services.register import listing, search, trash
from casework.services.register.listing import HouseholdFilter
from tests.factories import add_person, make_cadre, make_household, make_village


@pytest.fixture
def register(db, today):
    make_cadre()
    village = make_village()
    made = {
        "full": make_household(village, code="1505210101001", head="韩令春"),
        "empty": make_household(village, code="1505210101002", head=""),
        "other": make_household(
            make_village("义兴元村", "哈乐镇"), code="1505210202001", head="白福生"
        ),
    }
    add_person(made["full"], "韩国庆")
    return made


def statements(db, work) -> list[str]:
    """The SQL `work` runs (a trigger's repeat of its statement's text counted once)."""
    seen: list[str] = []
    connection = db.connection()
    connection.set_trace_callback(seen.append)
    try:
        work()
    finally:
        connection.set_trace_callback(None)
    return [sql for i, sql in enumerate(seen) if i == 0 or sql != seen[i - 1]]


def codes(f: HouseholdFilter, **kwargs) -> list[str]:
    return [r["code"] for r in listing.list_households(f, **kwargs)[0]]


def test_a_household_with_no_members_is_found_by_the_start_of_its_code(register):
    assert codes(HouseholdFilter(text="1505210101")) == ["1505210101001", "1505210101002"]
    assert listing.list_households(HouseholdFilter(text="1505210101"))[1] == 2
    trash.delete_household(register["empty"]["id"])
    assert codes(HouseholdFilter(text="1505210101")) == ["1505210101001"]


def test_a_search_with_filters_counts_only_what_passes_them(register):
    village_id = register["other"]["village_id"]
    f = HouseholdFilter(text="150521", village_id=village_id)
    assert listing.list_households(f) == ([listing.list_households(f)[0][0]], 1)
    assert codes(f) == ["1505210202001"]


@pytest.mark.parametrize(
    "f",
    [HouseholdFilter(text="韩"), HouseholdFilter(text="150521"), HouseholdFilter(text="hlc")],
    ids=["one character", "code and ID digits", "initials"],
)
def test_a_keystroke_reads_the_full_text_index_once(db, register, f):
    ran = statements(db, lambda: listing.household_page(f))
    assert len([sql for sql in ran if " MATCH " in sql]) == 1


def test_too_many_people_lists_the_households_of_the_first_and_says_so(register, monkeypatch):
    monkeypatch.setattr(search, "MATCH_LIMIT", 1)
    page = listing.household_page(HouseholdFilter(text="150521"))  # in every ID number
    # The first person's household, and the one with no members found by its code.
    assert page.too_broad and page.total == len(page.rows) == 2
    assert register["empty"]["id"] in {r["id"] for r in page.rows}
    monkeypatch.setattr(search, "MATCH_LIMIT", 2)
    assert not listing.household_page(HouseholdFilter(text="白福生")).too_broad  # one found


@pytest.mark.parametrize("sort", sorted(listing.SORTS))
@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("text", ["", "150521"], ids=["no search", "a search"])
def test_every_sort_walks_an_index_instead_of_sorting_the_register(
    db, register, monkeypatch, sort, descending, text
):
    monkeypatch.setattr(listing, "SCAN_FROM", 1)  # a broad search, as on a county
    ran = statements(
        db, lambda: listing.household_page(HouseholdFilter(text=text), sort, descending)
    )
    # A page, or a stretch of the sort's walk: whatever reads households in order a
    # page at a time (the 50 ids of a page found by a walk are then read and put in order).
    walks = [sql for sql in ran if '"household"' in sql and "ORDER BY" in sql and "LIMIT" in sql]
    assert walks
    for sql in walks:
        plan = [row[3] for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}")]
        assert not [step for step in plan if "TEMP B-TREE" in step], plan


def test_a_reversed_sort_reverses_ties_too(register):
    make_household(make_village("胡吉日嘎查"), code="1505210101003", head="韩令春")
    up = codes(HouseholdFilter(), sort="head_name")
    down = codes(HouseholdFilter(), sort="head_name", descending=True)
    assert down == list(reversed(up))
    by_size = listing.list_households(sort="member_count", descending=True)[0]
    assert [r["member_count"] for r in by_size] == [2, 1, 1, 0]


@pytest.mark.parametrize("sort, descending", [("code", False), ("head_name", True)])
def test_paging_a_broad_search_lists_each_household_once_in_order(
    register, monkeypatch, sort, descending
):
    make_household(make_village("胡吉日嘎查"), code="1505210303001", head="包巴特尔")
    f = HouseholdFilter(text="150521")

    def paged() -> list[str]:
        pages = [listing.list_households(f, sort, descending, page, 1)[0] for page in range(5)]
        return [row["code"] for rows in pages for row in rows]

    monkeypatch.setattr(listing, "SCAN_FROM", 10**9)  # looked up and sorted
    looked_up = paged()
    monkeypatch.setattr(listing, "SCAN_FROM", 1)  # the sort's index walked
    assert paged() == looked_up and len(looked_up) == 4
