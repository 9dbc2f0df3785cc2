"""The denormalised columns on Household that let lists sort and filter on an index.

head_name, member_count, last_visit_date and next_visit_date are recomputed from the
live rows whenever a member or a visit is saved, deleted or restored.
"""

from __future__ import annotations

from peewee import fn

from casework.models import Household, Person, Visit


def refresh(household_id: str) -> None:
    """Recompute one household's summary columns; call inside the caller's transaction."""
    live_members = Person.select().where(
        Person.household == household_id, Person.deleted_at.is_null()
    )
    head = live_members.where(Person.relation == "head").order_by(Person.created_at).first()
    latest = (
        Visit.select(Visit.visit_date, Visit.next_visit_date)
        .where(Visit.household == household_id, Visit.deleted_at.is_null())
        .order_by(Visit.visit_date.desc(), Visit.created_at.desc())
        .first()
    )
    Household.update(
        head_name=head.name if head else "",
        member_count=live_members.select(fn.COUNT(Person.id)).scalar(),
        last_visit_date=latest.visit_date if latest else None,
        next_visit_date=latest.next_visit_date if latest else None,
    ).where(Household.id == household_id).execute()
