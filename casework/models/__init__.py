"""Peewee models: one module per area of the domain, nothing but table classes.

Every record carries a 32-hex UUID as its primary key (so it survives a merge of
several cadres' laptops), created/updated timestamps and soft deletion. A delete made
by the user is one `Deletion` row; every record it hid points at it through
`deleted_by`, so restoring brings back exactly what that delete hid. The schema itself
is built by the numbered migrations in casework/migrations, never from these classes.
"""

from casework.models.base import BaseModel, SoftDeleteModel, new_id
from casework.models.core import (
    Area,
    Cadre,
    Change,
    Deletion,
    EmploymentWish,
    Household,
    Person,
    Setting,
    Visit,
    VisitCadre,
    VisitPerson,
)
from casework.models.jobs import (
    Employer,
    JobPosting,
    Placement,
    PlacementEvent,
    SubsidyPayment,
    WorkCheck,
)
from casework.models.resumes import Resume, ResumeEntry
from casework.models.sync import (
    DeletionTarget,
    DuplicatePair,
    FieldHead,
    PackageLog,
    Peer,
    RowLog,
)
from casework.models.training import Enrollment, TrainingClass

ALL_MODELS = [
    Setting,
    Area,
    Cadre,
    Household,
    Person,
    Visit,
    VisitCadre,
    VisitPerson,
    EmploymentWish,
    Deletion,
    Change,
    TrainingClass,
    Enrollment,
    Employer,
    JobPosting,
    Placement,
    PlacementEvent,
    SubsidyPayment,
    Resume,
    ResumeEntry,
    FieldHead,
    RowLog,
    DeletionTarget,
    Peer,
    PackageLog,
    DuplicatePair,
    WorkCheck,
]

__all__ = ["ALL_MODELS", "BaseModel", "SoftDeleteModel", "new_id"] + [
    m.__name__ for m in ALL_MODELS
]
