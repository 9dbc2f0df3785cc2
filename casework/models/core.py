"""The register: settings, areas, cadres, households, people, visits, wishes, trash, history."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    CompositeKey,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from casework.db import database
from casework.models.base import BaseModel, SoftDeleteModel, current_time


class Setting(Model):
    """Per-laptop settings (current cadre, follow-up interval); not merged."""

    key = CharField(primary_key=True)
    value = TextField()

    class Meta:
        database = database
        table_name = "setting"


class Area(SoftDeleteModel):
    parent = ForeignKeyField("self", null=True, backref="children")
    level = CharField(max_length=16)  # vocab.AREA_LEVEL
    name = CharField(max_length=50)
    code = CharField(max_length=12, default="")  # administrative code, e.g. 150521

    class Meta:
        indexes = ((("parent", "name"), False),)


class Cadre(SoftDeleteModel):
    name = CharField(max_length=30)
    unit = CharField(max_length=60, default="")
    phone = CharField(max_length=20, default="")


class Household(SoftDeleteModel):
    code = CharField(max_length=30, index=True)
    village = ForeignKeyField(Area, backref="households")
    group = ForeignKeyField(Area, null=True, backref="group_households")
    address = CharField(max_length=100, default="")
    phone = CharField(max_length=20, default="")
    status = CharField(max_length=16, default="ordinary", index=True)
    notes = TextField(default="")
    # Kept up to date by the services so that lists sort and filter on an index.
    head_name = CharField(max_length=30, default="")
    member_count = IntegerField(default=0)
    last_visit_date = DateField(null=True, index=True)
    next_visit_date = DateField(null=True, index=True)


class Person(SoftDeleteModel):
    household = ForeignKeyField(Household, backref="members")
    relation = CharField(max_length=20, default="other")
    name = CharField(max_length=30)
    name_pinyin = CharField(max_length=120, default="")
    name_initials = CharField(max_length=30, default="")
    # Unigrams and bigrams for 1-2 character searches (migration 0002).
    search_grams = TextField(default="")
    gender = CharField(max_length=8, default="")
    birth_date = DateField(null=True)
    ethnicity = CharField(max_length=16, default="")
    id_number = CharField(max_length=18, null=True)
    phone = CharField(max_length=20, default="")
    education = CharField(max_length=16, default="")
    health = CharField(max_length=16, default="")
    health_notes = CharField(max_length=100, default="")
    labour_ability = CharField(max_length=16, default="")
    skills = CharField(max_length=200, default="")
    work_status = CharField(max_length=16, default="")
    political_status = CharField(max_length=16, default="")  # vocab.POLITICAL_STATUS
    marital_status = CharField(max_length=16, default="")  # vocab.MARITAL_STATUS
    notes = TextField(default="")


class Visit(SoftDeleteModel):
    household = ForeignKeyField(Household, backref="visits", index=False)
    visit_date = DateField()
    kind = CharField(max_length=16, default="home")
    place = CharField(max_length=100, default="")
    situation = TextField(default="")
    requests = TextField(default="")
    actions = TextField(default="")
    next_visit_date = DateField(null=True)
    recorded_by = ForeignKeyField(Cadre, null=True, backref="recorded_visits")

    class Meta:
        indexes = ((("household", "visit_date"), False),)


class VisitCadre(Model):
    """Who went on a visit. Keyed by the pair, so it merges with its visit and stays small."""

    visit = ForeignKeyField(Visit, backref="cadre_links", index=False)
    cadre = ForeignKeyField(Cadre, backref="visit_links")

    class Meta:
        database = database
        table_name = "visit_cadre"
        primary_key = CompositeKey("visit", "cadre")
        without_rowid = True


class VisitPerson(Model):
    """Who was met on a visit."""

    visit = ForeignKeyField(Visit, backref="person_links", index=False)
    person = ForeignKeyField(Person, backref="visit_links")

    class Meta:
        database = database
        table_name = "visit_person"
        primary_key = CompositeKey("visit", "person")
        without_rowid = True


class EmploymentWish(SoftDeleteModel):
    person = ForeignKeyField(Person, backref="wishes")
    visit = ForeignKeyField(Visit, null=True, backref="wishes")
    recorded_on = DateField()
    willing_to_go_out = BooleanField(default=False)
    destinations = CharField(max_length=60, default="")  # codes of vocab.DESTINATION
    job_kinds = CharField(max_length=200, default="")
    expected_pay = IntegerField(null=True)  # yuan per month
    available_from = DateField(null=True)
    constraints = CharField(max_length=100, default="")  # codes of vocab.CONSTRAINT
    constraint_notes = CharField(max_length=200, default="")
    training_wanted = CharField(max_length=200, default="")
    status = CharField(max_length=16, default="active")
    notes = TextField(default="")

    class Meta:
        indexes = ((("person", "recorded_on"), False),)


class Deletion(BaseModel):
    """One delete made by a user: what was deleted, by whom; restoring undoes it."""

    kind = CharField(max_length=16)  # household / person / visit / wish / area
    record_id = CharField(max_length=32)
    label = CharField(max_length=200)
    deleted_at = DateTimeField(default=current_time, index=True)
    cadre = ForeignKeyField(Cadre, null=True)
    restored_at = DateTimeField(null=True)
    replica = CharField(max_length=32, default="")  # the laptop that deleted
    known = TextField(default="{}")  # JSON {replica: seq}: the changes it knew of then


class Change(BaseModel):
    """Change history: who changed which field of which record, old and new value."""

    entity = CharField(max_length=30)  # table name
    record_id = CharField(max_length=32, index=True)
    field = CharField(max_length=40)
    old_value = TextField(null=True)
    new_value = TextField(null=True)
    changed_at = DateTimeField(default=current_time)
    cadre = ForeignKeyField(Cadre, null=True)
    # Merging (casework.services.sync): which laptop made the change and its number
    # there, a Lamport time for ordering without clocks, and the ids (comma-separated) of
    # the changes of this field it replaced.
    replica = CharField(max_length=32, default="")
    seq = IntegerField(default=0)
    lamport = IntegerField(default=0)
    parents = TextField(default="")
