"""Training: skills classes (培训班) and who enrolled in each (参训人员)."""

from __future__ import annotations

from peewee import BooleanField, CharField, DateField, ForeignKeyField, TextField

from casework.models.base import SoftDeleteModel
from casework.models.core import Person


class TrainingClass(SoftDeleteModel):
    kind = CharField(max_length=16, default="other")  # vocab_training.TRAINING_KIND
    name = CharField(max_length=60)
    start_date = DateField(null=True, index=True)
    end_date = DateField(null=True)
    place = CharField(max_length=100, default="")
    organiser = CharField(max_length=60, default="")
    notes = TextField(default="")

    class Meta:
        table_name = "training_class"


class Enrollment(SoftDeleteModel):
    training_class = ForeignKeyField(TrainingClass, backref="enrollments")
    person = ForeignKeyField(Person, backref="enrollments")
    attended = BooleanField(default=False)
    completed = BooleanField(default=False)
    certificate = BooleanField(default=False)
    certificate_name = CharField(max_length=60, default="")
    certificate_number = CharField(max_length=40, default="")
    notes = TextField(default="")

    class Meta:
        table_name = "enrollment"
