"""Demo data: the change history the services would have written for the jobs and training.

Services log a "created" event for each employer, posting, placement, subsidy payment,
class and enrolment, and a change row for each field a later step changed: a placement's
stage and dates, a person's work situation and a wish's status as placements start and
end, a posting's status, an enrolment's marks. The demo writes each record in its final
state and this history beside it, in the order the steps happened, numbered and chained
field by field the way casework.services.common numbers live changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from casework.models import Change, FieldHead
from casework.services.common import _as_text
from casework.services.demo.demo_rows import insert
from casework.services.sync.identity import next_numbers

CHANGE_COLUMNS = (
    "id created_at updated_at entity record_id field old_value new_value changed_at cadre "
    "replica seq lamport parents"
).split()


class History:
    """History rows gathered while the demo is drawn, written once at the end."""

    def __init__(self, uid: Callable[[], str]):
        self.uid = uid
        # (when, change id, entity, record id, field, old text, new text, cadre, is an event)
        self.items: list[tuple] = []

    def created(self, entity: str, record_id: str, detail: str, at: dt.datetime, cadre) -> None:
        """What log_event(entity, record_id, "created", detail) writes."""
        self.items.append(
            (at, self.uid(), entity, record_id, "created", None, detail or None, cadre, True)
        )

    def changed(
        self, entity: str, record_id: str, values: dict, old: dict, at: dt.datetime, cadre
    ) -> None:
        """What apply_changes writes for `values` on a record whose fields were `old`;
        `old` is brought up to date, as the record would be."""
        for field, new in values.items():
            before, after = _as_text(old.get(field)), _as_text(new)
            if before == after:
                continue
            old[field] = new
            self.items.append(
                (at, self.uid(), entity, record_id, field, before, after, cadre, False)
            )

    def write(self) -> int:
        """Insert the history, oldest first, with this laptop's numbers; return its length."""
        self.items.sort(key=lambda item: (item[0], item[1]))
        replica, seq, lamport = next_numbers(len(self.items)) if self.items else ("", 0, 0)
        heads: dict[tuple, str] = {}
        rows = []
        for offset, item in enumerate(self.items):
            at, change_id, entity, record_id, field, old, new, cadre, event = item
            parents = ""
            if not event:
                parents = heads.get((entity, record_id, field), "")
                heads[(entity, record_id, field)] = change_id
            # fmt: off
            rows.append((
                change_id, at, at, entity, record_id, field, old, new, at, cadre, replica,
                seq + offset, lamport + offset, parents,
            ))
            # fmt: on
        fields = [Change._meta.fields[name] for name in CHANGE_COLUMNS]
        insert(Change, fields, rows)
        head_fields = [FieldHead._meta.fields[n] for n in ("entity", "record_id", "field")]
        head_fields.append(FieldHead._meta.fields["change_id"])
        insert(FieldHead, head_fields, [(*key, cid) for key, cid in heads.items()])
        return len(rows)


class Part:
    """A part of the demo: it draws from the one random stream and writes the history.

    `cadres` is the generator's list of (id, name), filled once the cadres are drawn;
    each record's history names one of them, as the services name the current cadre.
    """

    def __init__(self, rng, today: dt.date, uid: Callable[[], str], history: History, cadres):
        self.rng = rng
        self.today = today
        self.yesterday = today - dt.timedelta(days=1)
        self.uid = uid
        self.history = history
        self.cadres: list[tuple[str, str]] = cadres

    def cadre(self) -> tuple[str, str]:
        """The cadre who did something: (id, name)."""
        return self.rng.choice(self.cadres)
