"""Migration 5 (jobs): the rules its tables hold for every file, new or upgraded."""

from __future__ import annotations

import peewee
import pytest


def test_a_credit_code_belongs_to_one_live_employer(db):
    sql = db.execute_sql
    row = (
        "INSERT INTO employer VALUES "
        "(?, '2026-01-01', '2026-01-01', ?, NULL, ?, 'beijing', '', '', '', ?, '')"
    )
    sql(row, ("e1", None, "甲", "91110000600037341L"))
    with pytest.raises(peewee.IntegrityError):
        with db.atomic():
            sql(row, ("e2", None, "乙", "91110000600037341L"))
    sql(row, ("e3", "2026-02-01", "丙", "91110000600037341L"))  # a deleted one may share it
    sql(row, ("e4", None, "丁", None))
    sql(row, ("e5", None, "戊", None))
