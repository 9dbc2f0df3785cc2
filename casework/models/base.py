"""The base classes every table shares: a UUID key, timestamps, soft deletion."""

from __future__ import annotations

import uuid

from peewee import (
    CharField,
    DateTimeField,
    Model,
)

from casework import clock
from casework.db import database


def current_time():
    # Looked up at call time so tests that set the clock set record timestamps too.
    return clock.now()


def new_id() -> str:
    return uuid.uuid4().hex


class BaseModel(Model):
    id = CharField(primary_key=True, max_length=32, default=new_id)
    created_at = DateTimeField(default=current_time)
    updated_at = DateTimeField(default=current_time)

    class Meta:
        database = database
        legacy_table_names = False


class SoftDeleteModel(BaseModel):
    deleted_at = DateTimeField(null=True)
    # The Deletion that hid this record; a plain id, so that a merge never trips a
    # foreign key on a deletion made on another laptop.
    deleted_by = CharField(max_length=32, null=True)
