"""Resume drafts (简历): several per person, each with its entries and an optional photo."""

from __future__ import annotations

from peewee import (
    BlobField,
    CharField,
    DateField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from casework.models.base import SoftDeleteModel
from casework.models.core import Person


class Resume(SoftDeleteModel):
    """One draft; the person's own facts (name, age, education...) are read at export time."""

    person = ForeignKeyField(Person, backref="resumes")
    title = CharField(max_length=60, default="")  # tells drafts apart: 保安岗位简历
    target_job = CharField(max_length=100, default="")
    target_place = CharField(max_length=60, default="")
    expected_pay = IntegerField(null=True)  # yuan per month
    available_from = DateField(null=True)
    phone = CharField(max_length=20, default="")
    self_description = TextField(default="")
    # JPEG, already cropped to a one-inch 25x35 mm portrait (casework.services.documents.photos).
    photo = BlobField(null=True)
    template = CharField(max_length=60, default="")
    # Whether the resume prints the person's health
    # (casework.services.documents.resumes.HEALTH_PRINT).
    health_print = CharField(max_length=16, default="if_healthy")


class ResumeEntry(SoftDeleteModel):
    """A line of a resume: a school, a job, a certificate, a training course or a skill."""

    resume = ForeignKeyField(Resume, backref="entries", index=False)
    kind = CharField(max_length=16)  # casework.services.documents.resumes.ENTRY_KIND
    period_from = CharField(max_length=10, default="")  # "2015-09", "2015" or ""
    period_to = CharField(max_length=10, default="")  # the same, or "至今"
    organisation = CharField(max_length=100, default="")
    title = CharField(max_length=100, default="")
    detail = TextField(default="")
    position = IntegerField(default=0)  # order within its kind

    class Meta:
        table_name = "resume_entry"
        indexes = ((("resume", "position"), False),)
