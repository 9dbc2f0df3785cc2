"""A person's records go to the recycle bin with them, and come back with them."""

import pytest

from casework.services.common import ConflictError
from casework.services.documents import resumes
from casework.services.jobs import placements
from casework.services.register import trash
from casework.services.register.people import list_members
from casework.services.training import training
from tests.factories import make_cadre
from tests.jobs_factories import make_posting, make_willing


@pytest.fixture
def worker(db, today):
    make_cadre()
    person = make_willing("韩令春")
    resume = resumes.create_resume(person["id"])
    course = training.create_class(
        {
            "kind": "cooking",
            "name": "中式烹饪班",
            "start_date": "2026-09-01",
            "end_date": "2026-09-20",
        }
    )
    training.enrol(course["id"], [person["id"]])
    placement = placements.recommend(person["id"], make_posting()["id"])
    return person, resume, course, placement


def counts(person, course):
    return (
        len(resumes.list_resumes(person["id"])),
        len(training.list_enrollments(course["id"])),
        len(placements.person_placements(person["id"])),
    )


def test_deleting_a_person_hides_their_resume_training_and_placements(worker):
    person, _resume, course, _placement = worker
    assert counts(person, course) == (1, 1, 1)
    deletion = trash.delete_person(person["id"])
    assert counts(person, course) == (0, 0, 0)
    trash.restore(deletion)
    assert counts(person, course) == (1, 1, 1)


def test_deleting_the_household_does_the_same(worker):
    person, _resume, course, _placement = worker
    deletion = trash.delete_household(person["household_id"])
    assert counts(person, course) == (0, 0, 0)
    trash.restore(deletion)
    assert counts(person, course) == (1, 1, 1)
    assert [m["name"] for m in list_members(person["household_id"])] == ["韩令春"]


def test_a_resume_cannot_come_back_while_its_person_is_deleted(worker):
    person, resume, _course, _placement = worker
    resume_deletion = resumes.delete_resume(resume["id"])
    trash.delete_person(person["id"])
    with pytest.raises(ConflictError) as refused:
        trash.restore(resume_deletion)
    assert "韩令春" in str(refused.value)


def test_a_placement_cannot_come_back_while_its_person_is_deleted(worker):
    person, _resume, _course, placement = worker
    placement_deletion = placements.delete_placement(placement["id"])
    trash.delete_person(person["id"])
    with pytest.raises(ConflictError):
        trash.restore(placement_deletion)
