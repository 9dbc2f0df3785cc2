"""Employers and postings: validation in Chinese, lists, the labour-demand rows, deletion."""

from __future__ import annotations

import pytest

from casework import validation as v
from casework.services.jobs import employers, placements, postings
from casework.services.register import trash
from casework.validation import ValidationError
from tests.jobs_factories import USCC, make_employer, make_posting, make_willing


@pytest.mark.parametrize(
    "raw, message",
    [
        ("91110000600037341X", "统一社会信用代码校验位不对，请逐位核对"),
        ("9111000060003734", "统一社会信用代码应为18位，现在是16位"),
        ("9111000060003734OL", "统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）"),
    ],
)
def test_a_wrong_credit_code_is_explained(raw, message):
    with pytest.raises(v.FieldError) as caught:
        v.credit_code(raw)
    assert caught.value.message == message


def test_a_credit_code_is_tidied():
    assert v.credit_code(" 91110000 600037341l ") == USCC
    assert v.credit_code("") is None


def test_an_employer_is_saved_and_its_code_is_unique_among_live_ones(db, today):
    employer = make_employer(uscc=USCC, contact="王经理", phone="010-69451234")
    assert employer["kind_label"] == "北京用工单位" and employer["phone"] == "010-69451234"
    with pytest.raises(ValidationError) as caught:
        make_employer("另一家", uscc=USCC)
    assert "已登记为“北京嘉裕集团”" in caught.value.errors["uscc"]
    employers.delete_employer(employer["id"])
    assert make_employer("另一家", uscc=USCC)["uscc"] == USCC


def test_employer_errors_are_keyed_by_field(db, today):
    with pytest.raises(ValidationError) as caught:
        employers.create_employer({"name": "", "kind": "外星", "phone": "123"})
    assert set(caught.value.errors) == {"name", "kind", "phone"}


def test_a_posting_is_validated_and_described(db, today):
    employer = make_employer()
    with pytest.raises(ValidationError) as caught:
        postings.create_posting(
            {
                "employer_id": employer["id"],
                "position": "",
                "pay_min": "8000",
                "pay_max": "6000",
                "age_min": "50",
                "age_max": "20",
            }
        )
    assert caught.value.errors == {
        "position": "请填写岗位名称",
        "pay_max": "月薪上限不能低于下限",
        "age_max": "最高年龄不能低于最低年龄",
    }
    posting = make_posting(
        employer,
        age_min="18",
        age_max="45",
        gender="male",
        education_min="junior",
        certificates="健康证，厨师证",
        board=True,
        lodging=True,
    )
    assert posting["pay_text"] == "5000-7000元" and posting["board_lodging_text"] == "包吃住"
    assert posting["requirements_text"] == "18-45岁、限男、初中及以上、需健康证、厨师证"
    assert posting["status_label"] == "招聘中" and posting["place_label"] == "赴京"


def test_lists_search_and_the_demand_rows(db, today):
    jiayu = make_employer()
    make_posting(jiayu, position="中餐厨师")
    closed = make_posting(jiayu, position="面点师", job_kind="pastry")
    postings.set_posting_status(closed["id"], "closed")
    make_posting(make_employer("北京保安公司"), position="保安", job_kind="security")
    rows, total = postings.list_postings(text="嘉裕")
    assert total == 2 and rows[0]["position"] == "中餐厨师"  # open ones first
    assert postings.list_postings(status="closed")[1] == 1
    employer_rows, _ = employers.list_employers()
    assert [(e["name"], e["posting_count"]) for e in employer_rows] == [
        ("北京保安公司", 1),
        ("北京嘉裕集团", 2),
    ]
    demand = postings.demand_rows()
    assert [(r["employer_name"], r["position"]) for r in demand] == [
        ("北京保安公司", "保安"),
        ("北京嘉裕集团", "中餐厨师"),
    ]
    assert len(postings.demand_rows(include_closed=True)) == 3


def test_placed_count_and_deleting_an_employer_hides_its_postings(db, today):
    employer = make_employer()
    posting = make_posting(employer)
    person = make_willing("韩国庆")
    placements.move_stage(placements.recommend(person["id"], posting["id"])["id"], "hired")
    assert postings.get_posting(posting["id"])["placed_count"] == 1
    deletion = employers.delete_employer(employer["id"])
    assert postings.list_postings()[1] == 0
    assert placements.list_placements()[1] == 1  # the person's job stays on record
    trash.restore(deletion)
    assert postings.list_postings()[1] == 1
