"""What is known now about an investigation's people, read through the catalogue under the
reader's scope, and how it differs from what was known when it was saved.

The reading goes through a `Runner` (a catalogue query name and parameters to rows), so the
explorer's runs are audited by explorer/data.py and the CLI's by its command; both run under
the reader's own scope, so a comparison never shows a record the reader may not read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from .models import RecordFact, Snapshot, Tie

Runner = Callable[[str, dict], list[dict]]


def _iso(value) -> str | None:
    if value is None:
        return None
    to_native = getattr(value, "to_native", None)
    value = to_native() if to_native else value
    return value.isoformat() if isinstance(value, (date, datetime)) else str(value)


def read_now(run: Runner, person_ids: list[str], taken_at: datetime) -> Snapshot:
    """The people's records (role, CSE category), the ties among them, who is one step away."""
    people = sorted(set(person_ids))
    facts: dict[str, list[RecordFact]] = {}
    if people:
        for row in run("investigation_records", {"person_ids": people}):
            facts.setdefault(row["person_id"], []).append(
                RecordFact(
                    record_key=row["record_key"],
                    role=row.get("role"),
                    cse_category=row.get("cse_category"),
                    source=row.get("source"),
                    date=_iso(row.get("date")),
                )
            )
    seen = sorted(facts)  # people the reader may see: someone with no record in scope is not shown
    ties = (
        [Tie(a=r["a"], b=r["b"], record_key=r["record_key"]) for r in run("ties_among", {"person_ids": seen})]
        if seen
        else []
    )
    reach = sorted({r["person_id"] for r in run("investigation_reach", {"person_ids": seen})}) if seen else []
    return Snapshot(taken_at=taken_at, people=facts, ties=ties, reach=reach)


@dataclass
class Changes:
    """What is new since the snapshot, among what the reader may see now."""

    new_records: list[dict] = field(default_factory=list)  # person_id, record_key, role, source, date
    changed: list[dict] = field(default_factory=list)  # person_id, record_key, what, before, after
    new_ties: list[dict] = field(default_factory=list)  # a, b, record_key
    new_reach: list[str] = field(default_factory=list)  # person ids one step away now, not before

    @property
    def people(self) -> set[str]:
        """Everyone in the investigation something new is about."""
        return (
            {c["person_id"] for c in self.new_records + self.changed}
            | {c["a"] for c in self.new_ties}
            | {c["b"] for c in self.new_ties}
        )

    def __bool__(self) -> bool:
        return bool(self.new_records or self.changed or self.new_ties or self.new_reach)


def compare(saved: Snapshot, now: Snapshot) -> Changes:
    """Record by record: a record not known then is new; a record known then with another role
    or CSE category has changed. Only what `now` holds is reported (it is the reader's scope)."""
    changes = Changes()
    for person, facts in sorted(now.people.items()):
        before = {(f.record_key, f.role): f for f in saved.people.get(person, [])}
        before_keys = {f.record_key: f for f in saved.people.get(person, [])}
        for fact in facts:
            old = before.get((fact.record_key, fact.role)) or before_keys.get(fact.record_key)
            if old is None:
                changes.new_records.append(
                    {
                        "person_id": person,
                        "record_key": fact.record_key,
                        "role": fact.role,
                        "source": fact.source,
                        "date": fact.date,
                    }
                )
                continue
            if old.role != fact.role and (fact.record_key, fact.role) not in before:
                changes.changed.append(
                    {
                        "person_id": person,
                        "record_key": fact.record_key,
                        "what": "role",
                        "before": old.role,
                        "after": fact.role,
                    }
                )
            change = {"person_id": person, "record_key": fact.record_key, "what": "CSE category"}
            if old.cse_category != fact.cse_category and not any(c.items() >= change.items() for c in changes.changed):
                changes.changed.append(
                    {
                        "person_id": person,
                        "record_key": fact.record_key,
                        "what": "CSE category",
                        "before": old.cse_category,
                        "after": fact.cse_category,
                    }
                )
    known_ties = {(t.a, t.b, t.record_key) for t in saved.ties}
    changes.new_ties = [
        {"a": t.a, "b": t.b, "record_key": t.record_key} for t in now.ties if (t.a, t.b, t.record_key) not in known_ties
    ]
    known_people = set(saved.reach) | set(saved.people)
    changes.new_reach = [p for p in now.reach if p not in known_people]
    return changes


def catalogue_runner(
    driver, database: str, scope, on_run: Callable[[str, dict, list[dict]], None] | None = None
) -> Runner:
    """A Runner over the catalogue for the CLI and tests: read-only, under `scope`; `on_run` audits each query."""
    from jigsaw import catalogue  # here, not at the top: the explorer passes its own audited runner

    def run(name: str, params: dict) -> list[dict]:
        rows = catalogue.run(driver, database, name, params, scope=scope).rows
        if on_run is not None:
            on_run(name, params, rows)
        return rows

    return run
