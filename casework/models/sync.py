"""Merging laptops: field heads, revisions, delete targets, peers, packages, duplicates."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    CompositeKey,
    DateTimeField,
    IntegerField,
    Model,
    TextField,
)

from casework.db import database
from casework.models.base import SoftDeleteModel


class _Plain(Model):
    class Meta:
        database = database


class FieldHead(_Plain):
    """The change(s) a field's value stands on; two with different values = a conflict."""

    entity = CharField(max_length=30)
    record_id = CharField(max_length=32)
    field = CharField(max_length=40)
    change_id = CharField(max_length=32)

    class Meta:
        table_name = "field_head"
        primary_key = CompositeKey("entity", "record_id", "field", "change_id")
        without_rowid = True


class RowLog(_Plain):
    """Each record's last local revision, kept by triggers (migration 7)."""

    tbl = CharField(max_length=30)
    record_id = CharField(max_length=32)
    rev = IntegerField()

    class Meta:
        table_name = "row_log"
        primary_key = CompositeKey("tbl", "record_id")
        without_rowid = True


class DeletionTarget(_Plain):
    deletion_id = CharField(max_length=32)
    tbl = CharField(max_length=30)
    record_id = CharField(max_length=32)

    class Meta:
        table_name = "deletion_target"
        primary_key = CompositeKey("deletion_id", "tbl", "record_id")
        without_rowid = True


class Peer(_Plain):
    """A laptop this one has heard of (itself included)."""

    id = CharField(primary_key=True, max_length=32)
    name = CharField(max_length=60)
    is_office = BooleanField(default=False)
    known_seq = IntegerField(default=0)
    received_rows = IntegerField(default=0)
    received_changes = IntegerField(default=0)
    acked_rows = IntegerField(default=0)
    acked_changes = IntegerField(default=0)
    last_exchange = DateTimeField(null=True)

    class Meta:
        table_name = "peer"


class PackageLog(_Plain):
    id = CharField(primary_key=True, max_length=32)
    direction = CharField(max_length=8)  # sent / received
    peer_id = CharField(max_length=32)
    peer_name = CharField(max_length=60)
    file = TextField()
    at = DateTimeField()
    summary = TextField()  # JSON counts

    class Meta:
        table_name = "package_log"


class DuplicatePair(SoftDeleteModel):
    """Two records of one person (or household) registered on two laptops."""

    entity = CharField(max_length=16)  # person / household
    kept_id = CharField(max_length=32)
    other_id = CharField(max_length=32)
    reason = CharField(max_length=16)  # id_number / code / likely
    status = CharField(max_length=16, default="open")  # open / merged / distinct

    class Meta:
        table_name = "duplicate_pair"
