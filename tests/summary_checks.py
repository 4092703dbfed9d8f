"""A summarised query answered from its summary and live, compared, shared by the summary tests.

The live query is the reference: the summary's answer must have its columns, rows (in order), truncation
and rows withheld by the result guard, for every reader.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from jigsaw import catalogue
from jigsaw.access import Scope
from jigsaw.bounded_read import QueryTooCostly
from jigsaw.summary_answers import COVERS


def _twice(graph, db, name: str, params: dict, scope: Scope, limit: int | None, summary: bool):
    try:
        return catalogue.run(graph, db, name, params, scope=scope, limit=limit, summary=summary)
    except QueryTooCostly:  # first run on a machine shared with other suites, planning included: once more, planned
        return catalogue.run(graph, db, name, params, scope=scope, limit=limit, summary=summary)


def live_answer(graph, db, name: str, params: dict, scope: Scope, limit: int | None = None) -> catalogue.QueryResult:
    """The live query (all London's jigsaw links take seconds: run once more if the first run passes its timeout)."""
    live = _twice(graph, db, name, params, scope, limit, summary=False)
    assert live.answered_from == "live"
    return live


def summary_and_live(
    graph, db, name: str, params: dict, scope: Scope, limit: int | None = None, *, retry_summary: bool = False
) -> tuple[catalogue.QueryResult, catalogue.QueryResult]:
    """The answer as the catalogue gives it (from the summary when it can) and the live one.

    `retry_summary`: the summary's read may also run once more (only where a test always allowed it)."""
    live = live_answer(graph, db, name, params, scope, limit)
    if retry_summary:
        return _twice(graph, db, name, params, scope, limit, summary=True), live
    return catalogue.run(graph, db, name, params, scope=scope, limit=limit), live


def difference(kept: catalogue.QueryResult, live: catalogue.QueryResult) -> str | None:
    """How the summary's answer differs from the live one, or None when it does not."""
    if (kept.columns, kept.rows, kept.truncated, kept.withheld) == (
        live.columns,
        live.rows,
        live.truncated,
        live.withheld,
    ):
        return None
    first = next((i for i, (a, b) in enumerate(zip(kept.rows, live.rows)) if a != b), None)
    return (
        f"summary {len(kept.rows)} rows, live {len(live.rows)}, first differing row {first}; "
        f"truncated {kept.truncated}/{live.truncated}, withheld {kept.withheld}/{live.withheld}"
    )


@dataclass
class Comparisons:
    """A round of summary-against-live comparisons after one change (`when`): what differed and which
    queries had rows to compare. Differences are collected, so one failure lists them all."""

    graph: object
    db: str
    when: str
    retry_summary: bool = False
    differ: list[str] = field(default_factory=list)
    nonempty: Counter = field(default_factory=Counter)

    def compare(
        self, label: str, name: str, params: dict, scope: Scope, limit: int | None = None, *, may_be_live=False
    ) -> catalogue.QueryResult | None:
        """One reader's (`label`) answer from the summary against live; returns the live answer (its `truncated`
        says whether the row cap cut it). `may_be_live`: a question the summary does not cover (COVERS) is
        answered live, saying so, and None is returned; otherwise it must come from the summary."""
        kept, live = summary_and_live(self.graph, self.db, name, params, scope, limit, retry_summary=self.retry_summary)
        asked = f"{self.when} | {label} | {name}({params}{'' if limit is None else f', cap {limit}'})"
        if may_be_live and not COVERS[name](catalogue.get(name).bind(params), scope):
            assert kept.answered_from == "live" and kept.note, asked
            return None
        assert kept.answered_from == "summary", f"{asked}: answered live: {kept.note}"
        assert kept.computed_at is not None, asked  # an answer from a summary says when it was computed
        found = difference(kept, live)
        if found:
            self.differ.append(f"{asked}: {found}")
        self.nonempty[name] += bool(live.rows)
        return live

    def check(self, every_one_answered: Iterable[str] = ()) -> None:
        """Nothing differed, and each query of `every_one_answered` had rows for some reader."""
        assert not self.differ, f"{len(self.differ)} answers differ:\n" + "\n".join(self.differ[:20])
        empty = [name for name in every_one_answered if not self.nonempty[name]]
        assert not empty, f"{self.when}: held nothing to compare: {empty} ({dict(self.nonempty)})"
