"""Jobs: employers, their postings, placements with their stage history, subsidy payments,
in-work follow-ups."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from casework.models.base import SoftDeleteModel
from casework.models.core import Cadre, Person


class Employer(SoftDeleteModel):
    name = CharField(max_length=100, index=True)
    kind = CharField(max_length=16, default="beijing")  # vocab_jobs.EMPLOYER_KIND
    place = CharField(max_length=60, default="")  # 顺义区, or the township of a workshop
    contact = CharField(max_length=30, default="")
    phone = CharField(max_length=20, default="")
    # Unified social credit code (统一社会信用代码); unique among live employers when given.
    uscc = CharField(max_length=18, null=True)
    notes = TextField(default="")


class JobPosting(SoftDeleteModel):
    employer = ForeignKeyField(Employer, backref="postings")
    position = CharField(max_length=60)
    job_kind = CharField(max_length=16, default="")  # vocab_jobs.JOB_KIND
    place = CharField(max_length=16, default="beijing", index=True)  # vocab.DESTINATION
    address = CharField(max_length=100, default="")
    headcount = IntegerField(null=True)
    pay_min = IntegerField(null=True)  # yuan per month
    pay_max = IntegerField(null=True)
    age_min = IntegerField(null=True)
    age_max = IntegerField(null=True)
    gender = CharField(max_length=8, default="")  # vocab.GENDER, "" for either
    education_min = CharField(max_length=16, default="")  # vocab.EDUCATION
    certificates = CharField(max_length=200, default="")  # 、-separated names
    board = BooleanField(default=False)  # 包吃
    lodging = BooleanField(default=False)  # 包住
    valid_until = DateField(null=True)
    status = CharField(max_length=16, default="open", index=True)  # vocab_jobs.POSTING_STATUS
    notes = TextField(default="")


class Placement(SoftDeleteModel):
    """One person's way through one job: recommended → interviewed → hired → working → left."""

    person = ForeignKeyField(Person, backref="placements")
    posting = ForeignKeyField(JobPosting, null=True, backref="placements")
    employer = ForeignKeyField(Employer, null=True, backref="placements")
    # Kept with the placement so a job found without an employer record still has a name.
    employer_name = CharField(max_length=100, default="")
    position = CharField(max_length=60, default="")
    job_kind = CharField(max_length=16, default="")
    place = CharField(max_length=16, default="beijing")  # vocab.DESTINATION
    organised = BooleanField(default=True)  # 有组织输出
    stage = CharField(max_length=16, default="recommended", index=True)
    stage_date = DateField()
    recommended_on = DateField(null=True)
    interviewed_on = DateField(null=True)
    hired_on = DateField(null=True)
    # The first day of the current working period, and the last day worked once left.
    start_date = DateField(null=True)
    end_date = DateField(null=True)
    monthly_pay = IntegerField(null=True)
    notes = TextField(default="")


class PlacementEvent(SoftDeleteModel):
    """Each stage a placement entered, with its date: the working periods come from these."""

    placement = ForeignKeyField(Placement, backref="events")
    stage = CharField(max_length=16)
    event_date = DateField()
    notes = CharField(max_length=200, default="")
    reason = CharField(max_length=16, default="")  # why a job ended: vocab_jobs.LEAVE_REASON


class SubsidyPayment(SoftDeleteModel):
    """A stable-employment subsidy (稳岗补贴) paid for one placement."""

    placement = ForeignKeyField(Placement, backref="subsidy_payments")
    person = ForeignKeyField(Person, backref="subsidy_payments")
    paid_on = DateField()
    amount = IntegerField()
    paid_by = CharField(max_length=30, default="")
    notes = CharField(max_length=200, default="")


class WorkCheck(SoftDeleteModel):
    """An in-work follow-up (在岗回访) of a placement: still at work, or left when and why."""

    placement = ForeignKeyField(Placement, backref="work_checks")
    checked_on = DateField()
    method = CharField(max_length=16, default="phone")  # vocab_jobs.CHECK_METHOD
    still_working = BooleanField(default=True)
    monthly_pay = IntegerField(null=True)  # yuan, as the person said
    problems = TextField(default="")
    needs_help = BooleanField(default=False)
    left_on = DateField(null=True)  # the last day worked, when they had left
    left_reason = CharField(max_length=16, default="")  # vocab_jobs.LEAVE_REASON
    notes = TextField(default="")
    cadre = ForeignKeyField(Cadre, null=True, backref="work_checks")
