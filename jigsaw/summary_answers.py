"""Which catalogue queries a summary may answer, and whether it may answer now.

The London-wide queries (jigsaw_links, cross_borough_people, governance and overview counts, gang_overlap,
missing_rising_category, harmed_nominals and peer_on_peer_hsb for all London or a borough, all London's hotspots over
the default period) read every record on request; graph_loader/summaries.py keeps their answers in the graph after
each change. A summary answers only while it (and any other it rests on: RESTS_ON) is up to date: never computed,
or a load, identity decision, split, erasure or rebuild still folding a change in, and the catalogue runs the live
query instead and says why. Each summary's read is a scoped query of its own (cypher/summary/read_<name>.cypher),
filtered by the same need-to-know markers as the live one, so a restricted reader's answer is the same either way
(tests/test_summaries.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from neo4j import Driver

from . import cypher_files
from .access import FULL_SCOPE, Scope
from .cypher_files import load as cypher

# Query name -> when (given its bound parameters and the reader's scope) its summary holds the answer.
COVERS: dict[str, Callable[[dict[str, Any], Scope], bool]] = {
    "jigsaw_links": lambda params, scope: True,
    # The summary keeps people with records in two boroughs or more.
    "cross_borough_people": lambda params, scope: (params.get("min_boroughs") or 0) >= 2,
    "governance_counts": lambda params, scope: True,
    "overview_by_borough": lambda params, scope: True,
    # Referrals are counted per borough over all time: a period is counted live.
    "overview_cse_categories": lambda params, scope: params.get("date_from") is None and params.get("date_to") is None,
    "overview_data_quality": lambda params, scope: True,
    "gang_overlap": lambda params, scope: True,
    # Distinct people are kept per source and borough, and per source for all London (a reader of one
    # borough asking for all London is asked as their borough: THEIR_BOROUGH_IS_ALL). A reader of
    # several boroughs asking for all of them has their boroughs' counts less the people counted in two
    # of them, which the cross-borough facts tell (RESTS_ON).
    "overview_by_source": lambda params, scope: True,
    # The lists: for a reader of every borough, what they see depends on their sources only, which the
    # facts allow for, and a borough's list is all London's with the entries and cases held elsewhere left
    # out (migration 021). A reader of some boroughs has reads of their own (`_some_boroughs`): their
    # boroughs' facts, each record a fact names judged as live judges it, from the fact's note of its source
    # and borough (HELD_IN_SCOPE, migration 027), then sorted.
    **dict.fromkeys(("harmed_nominals", "peer_on_peer_hsb"), lambda params, scope: True),
    # The same, and a borough asked for any reader: a child's facts per borough are MASH facts held
    # there (migration 020), so IN_SCOPE filters them as it does the referrals; and all London for a
    # reader of some boroughs (one or several), each borough's facts of the children referred in it
    # alone, and the rows of those referred in two of them worked out from their referrals
    # (`_some_boroughs`; the cross-borough facts tell who: RESTS_ON).
    "missing_rising_category": lambda params, scope: True,
    # All London over the default period (where the Places page opens) for a reader of every borough,
    # kept for each set of sources; a borough's hotspots start from its places, and a reader of some
    # boroughs' all London from theirs, and are quick live.
    "hotspots": lambda params, scope: (
        scope.boroughs is None and all(params.get(p) is None for p in ("borough", "date_from", "date_to"))
    ),
}
SUMMARISED = tuple(COVERS)

# Other summaries an answer is read from, given its parameters and the reader's scope: it is answered from the
# summaries only while every one of them is up to date.
RESTS_ON: dict[str, Callable[[dict[str, Any], Scope], tuple[str, ...]]] = {
    # A reader of several boroughs' all London: people held by two of their boroughs are found among the
    # cross-borough facts (cypher/summary/read_overview_by_source.cypher, read_missing_rising_category_some_boroughs).
    name: lambda params, scope: ("cross_borough_people",) if _several_boroughs_all_london(params, scope) else ()
    for name in ("overview_by_source", "missing_rising_category")
}

# Queries whose `borough` keeps the records held for that borough and nothing else: a reader of one
# borough may read only records held there, so their answer for all London is that borough's, which
# the summaries keep for every reader (tests/test_summaries.py compares it with live for such readers).
# (missing_rising_category's read for readers of some boroughs takes one borough as it takes several.)
THEIR_BOROUGH_IS_ALL = frozenset({"overview_by_source"})


def _several_boroughs_all_london(params: dict[str, Any], scope: Scope) -> bool:
    """All London asked by a reader limited to two boroughs or more."""
    return params.get("borough") is None and scope.boroughs is not None and len(set(scope.boroughs)) > 1


def _one_borough(scope: Scope) -> str | None:
    """The borough of a reader limited to exactly one, else None."""
    return scope.boroughs[0] if scope.boroughs is not None and len(set(scope.boroughs)) == 1 else None


def summary_read(name: str, params: dict[str, Any], scope: Scope) -> tuple[Any, dict[str, Any]]:
    """The summary's read of `name` for this reader, and the parameters it is given: all London, asked by a
    reader of one borough, as their borough where that is the same answer (THEIR_BOROUGH_IS_ALL); otherwise
    the parameters as asked. One call, so no caller picks the read without the borough it needs."""
    if name in THEIR_BOROUGH_IS_ALL and params.get("borough") is None and _one_borough(scope) is not None:
        params = params | {"borough": _one_borough(scope)}
    read = read_query(name, scope.unrestricted, scope.boroughs is None, params.get("borough") is not None)
    return read, params


@dataclass(frozen=True)
class Source:
    """Where an answer came from: 'summary' (computed_at says when) or 'live' (note says why)."""

    answered_from: str
    computed_at: datetime | None = None
    note: str = ""


LIVE = Source("live")


@cache
def read_query(name: str, unrestricted: bool = False, every_borough: bool = False, borough: bool = False):
    """The summary's read of query `name`, parsed and need-to-know checked like any catalogue query.

    A reader of every source and borough may have a read of their own (`_unrestricted`): for them
    every tying record counts, so the summary can hold their answer outright. A reader of every
    borough but not every source may too (`_every_borough`): what each source adds is kept apart,
    so no record need be looked up to tell what such a reader may follow. A borough asked may have
    a read of its own for every reader (`_borough`, with `borough`): its facts are kept apart. A reader
    of some boroughs may have one (`_some_boroughs`), for all London and a borough asked alike; it comes
    first, since a `_borough` read that has such a twin is written for a reader of every borough.
    """
    from .catalogue import parse  # the catalogue imports this module

    stem = f"read_{name}"
    if not every_borough and cypher_files.exists(f"summary/{stem}_some_boroughs"):
        stem += "_some_boroughs"
    elif borough and cypher_files.exists(f"summary/{stem}_borough"):
        stem += "_borough"
    elif unrestricted and cypher_files.exists(f"summary/{stem}_unrestricted"):
        stem += "_unrestricted"
    elif every_borough and not unrestricted and cypher_files.exists(f"summary/{stem}_every_borough"):
        stem += "_every_borough"
    return parse(stem, cypher_files.read(f"summary/{stem}"))


def source_for(driver: Driver, database: str, name: str, params: dict[str, Any], scope: Scope = FULL_SCOPE) -> Source:
    """Answer `name` from its summary if that is up to date and holds the answer for this reader;
    else live, saying why."""
    if name not in COVERS:
        return LIVE
    if not COVERS[name](params, scope):
        return Source("live", note="the summary does not hold this selection; computed now")
    names = [name, *RESTS_ON.get(name, lambda params, scope: ())(params, scope)]
    found = driver.execute_query(cypher("summary/state_read"), names=names, database_=database, routing_="r")
    for state in found.records:
        if state["computed_at"] is None:
            return Source("live", note="no summary has been computed yet; computed now")
        if state["running"]:
            return Source("live", note="the summary is being brought up to date after a change; computed now")
    # An answer read from two summaries is as old as the older of them.
    return Source("summary", computed_at=min(state["computed_at"].to_native() for state in found.records))
