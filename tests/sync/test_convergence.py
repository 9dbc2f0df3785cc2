"""Three laptops from one copied file make random edits and exchange packages in random
orders, with repeats and losses. Once everyone has everyone's latest package they hold the
same live records and values, except where a conflict waits, and the same conflicts wait
on all three; no change made anywhere is missing anywhere."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from casework import clock
from casework.db import close_database, database
from casework.models import Change, Deletion, Person, VisitCadre, VisitPerson
from casework.services.common import ConflictError, NotFoundError
from casework.services.register import people, trash, visits
from casework.services.sync import conflicts, heads, pairs
from casework.services.sync.record_values import MODELS
from casework.services.sync.tables import BOOKKEEPING, TABLES
from casework.validation import ValidationError
from tests.factories import add_person, make_cadre, make_household, make_village, valid_id
from tests.sync.laptops import Laptops

NAMES = ("a", "b", "c")
PHONES = ("13900000001", "13900000002", "13900000003", "")
SKILLS = ("电焊", "瓦工", "厨师", "")
SHARED_IDS = [valid_id() for _ in range(3)]  # the same person may be registered twice
REFUSED = (ConflictError, NotFoundError, ValidationError)


def _values(laptops: Laptops, name: str) -> tuple[dict, set, set]:
    """(live records with their mergeable values, open conflicts, change ids) of a laptop."""
    laptops.use(name)
    waiting = set(heads.open_conflicts())
    records = {}
    for table in TABLES:
        model = MODELS[table.name]
        if table.name in ("deletion", "duplicate_pair"):
            continue
        columns = [
            f.column_name
            for n, f in model._meta.fields.items()
            if n not in BOOKKEEPING and n not in table.derived
        ]
        for row in model.select().where(model.deleted_at.is_null()).dicts():
            for name_, field in model._meta.fields.items():
                if field.column_name in columns and (table.entity, row["id"], name_) in waiting:
                    row.pop(name_, None)
            records[(table.name, row["id"])] = {
                k: v for k, v in row.items() if k not in BOOKKEEPING and k not in table.derived
            }
    for link in (VisitCadre, VisitPerson):
        for visit_id, other in link.select().tuples():
            records.setdefault(("link", visit_id, link.__name__), {})[other] = True
    changes = {c for (c,) in Change.select(Change.id).tuples()}
    return records, waiting, changes


class ThreeLaptops(RuleBasedStateMachine):
    @initialize()
    def start(self):
        self.folder = Path(tempfile.mkdtemp(prefix="casework-three-"))
        self.laptops = Laptops(self.folder)
        self.real_now = clock.now
        clock.now = lambda: dt.datetime(2026, 12, 1, 9, 0, 0)
        self.laptops.use("office")
        make_cadre()
        village = make_village()
        for head in ("韩令春", "包金山"):
            household = make_household(village, head=head)
            add_person(household, head[0] + "春明")
        for name in NAMES:
            self.laptops.copy("office", name)
        self.packages: list[tuple[str, Path]] = []
        self.made: set[str] = set()  # every change any laptop committed

    def teardown(self):
        close_database()
        clock.now = self.real_now
        shutil.rmtree(self.folder, ignore_errors=True)

    def _live_people(self, name: str) -> list[Person]:
        self.laptops.use(name)
        return list(Person.select().where(Person.deleted_at.is_null()).order_by(Person.id))

    def _note_changes(self) -> None:
        self.made |= {c for (c,) in Change.select(Change.id).tuples()}

    @rule(name=st.sampled_from(NAMES), pick=st.integers(0, 20), phone=st.sampled_from(PHONES),
          skills=st.sampled_from(SKILLS))  # fmt: skip
    def edit(self, name, pick, phone, skills):
        live = self._live_people(name)
        if not live:
            return
        person = people.get_person(live[pick % len(live)].id)
        try:
            people.update_member(person["id"], {**person, "phone": phone, "skills": skills})
        except REFUSED:
            pass
        self._note_changes()

    @rule(name=st.sampled_from(NAMES), shared=st.integers(0, 5))
    def add(self, name, shared):
        live = self._live_people(name)
        households = sorted({p.household_id for p in live})
        if not households:
            return
        number = SHARED_IDS[shared] if shared < len(SHARED_IDS) else valid_id()
        try:
            people.add_member(
                households[shared % len(households)],
                {"relation": "son", "name": "新成员", "id_number": number},
            )
        except REFUSED:
            pass
        self._note_changes()

    @rule(name=st.sampled_from(NAMES), pick=st.integers(0, 20))
    def delete(self, name, pick):
        live = [p for p in self._live_people(name) if p.relation != "head"]
        if live:
            trash.delete_person(live[pick % len(live)].id)
        self._note_changes()

    @rule(name=st.sampled_from(NAMES), pick=st.integers(0, 20))
    def restore(self, name, pick):
        self.laptops.use(name)
        waiting = list(
            Deletion.select().where(Deletion.restored_at.is_null()).order_by(Deletion.id)
        )
        if waiting:
            try:
                trash.restore(waiting[pick % len(waiting)].id)
            except REFUSED:
                pass
        self._note_changes()

    @rule(name=st.sampled_from(NAMES), pick=st.integers(0, 20))
    def visit(self, name, pick):
        live = self._live_people(name)
        if not live:
            return
        person = live[pick % len(live)]
        cadre_id = database.execute_sql("SELECT id FROM cadre LIMIT 1").fetchone()[0]
        try:
            visits.record_visit(
                person.household_id,
                {"visit_date": "2026-11-30", "situation": "在家", "cadre_ids": [cadre_id],
                 "person_ids": [person.id]},
            )  # fmt: skip
        except REFUSED:
            pass
        self._note_changes()

    @rule(name=st.sampled_from(NAMES), pick=st.integers(0, 3))
    def settle(self, name, pick):
        self.laptops.use(name)
        waiting = conflicts.list_conflicts()
        if waiting:
            item = waiting[pick % len(waiting)]
            choice = item["alternatives"][pick % len(item["alternatives"])]["value"]
            conflicts.resolve_conflict(item["entity"], item["record_id"], item["field"], choice)
        open_pairs = pairs.list_pairs()
        if open_pairs and pick % 2:
            try:
                pairs.merge_pair(open_pairs[0]["id"], {})
            except REFUSED:
                pass
        self._note_changes()

    @rule(sender=st.sampled_from(NAMES), receiver=st.sampled_from(NAMES), lost=st.booleans())
    def send(self, sender, receiver, lost):
        if sender == receiver:
            return
        package = self.laptops.export(sender)
        self.packages.append((sender, package))
        if not lost:
            self.laptops.receive(receiver, package)

    @rule(receiver=st.sampled_from(NAMES), pick=st.integers(0, 50))
    def replay_an_old_package(self, receiver, pick):
        others = [(s, p) for s, p in self.packages if s != receiver]
        if others:
            self.laptops.receive(receiver, others[pick % len(others)][1])

    @invariant()
    def nobody_holds_two_live_records_of_one_person(self):
        if not hasattr(self, "laptops") or self.laptops.current is None:
            return
        found = database.execute_sql(
            "SELECT id_number FROM person WHERE deleted_at IS NULL AND id_number IS NOT NULL "
            "GROUP BY id_number HAVING count(*) > 1"
        ).fetchall()
        assert found == []

    def check_convergence(self):
        for _round in range(2):
            latest = {name: self.laptops.export(name) for name in NAMES}
            for receiver in NAMES:
                for sender in NAMES:
                    if sender != receiver:
                        self.laptops.receive(receiver, latest[sender])
        seen = {name: _values(self.laptops, name) for name in NAMES}
        first = seen["a"]
        for name in ("b", "c"):
            records, waiting, changes = seen[name]
            assert waiting == first[1], f"{name}'s conflicts differ from a's"
            assert records.keys() == first[0].keys(), f"{name}'s live records differ"
            for key, values in records.items():
                assert values == first[0][key], f"{name} disagrees on {key}"
            assert changes == first[2]
        assert self.made <= first[2], "a change made somewhere is missing"


ThreeLaptops.TestCase.settings = settings(
    max_examples=12,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _with_final_exchange(machine_class):
    """Run the state machine, then the full exchange and its checks, in each example."""
    original = machine_class.teardown

    def teardown(self):
        try:
            if hasattr(self, "laptops"):
                self.check_convergence()
        finally:
            original(self)

    machine_class.teardown = teardown
    return machine_class


TestThreeLaptops = _with_final_exchange(ThreeLaptops).TestCase
