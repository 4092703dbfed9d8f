"""Bring the store's working set into the server's page cache after a restart, by asking the questions.

Neo4j Community has no page-cache warm-up of its own (Enterprise's `db.memory.pagecache.warmup.*`): a
restarted server reads each part of the store from disk the first time a question needs it, so the first
answer for a borough after a restart at L takes 100 to 200 ms more than the next (docs/scaling.md, the
twentieth and twenty-first sessions). `warm` asks the questions the explorer's pages open with once for all
London and once for each borough, and each borough's reports for the year to the newest record, as a reader
of every source and borough would, with each question's own row limit (what a reader reaches by paging on);
it keeps nothing of the answers. The pages those questions read (summaries, their indexes, the records they
name) are then in memory before a person asks. A question that fails or passes its time limit is counted,
not fatal; the whole warm-up stops at its own time budget.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from neo4j import Driver
from neo4j.exceptions import Neo4jError

from . import catalogue
from .bounded_read import QueryTooCostly, ResultTooLarge
from .cypher_files import load as cypher
from .geo.boroughs import boroughs
from .summary_answers import SUMMARISED

DEFAULT_BUDGET = 600.0  # seconds; at L the whole warm-up took 77 s from a cold disk, 14 to 23 s warm (docs/scaling.md)
# The questions the explorer's pages open with, for all London or a borough: those a summary answers, and
# the lists that read a borough's records live. Not those that start from what a reader names (a person,
# a place, a name searched): they read little, and co-location for a whole borough, which nobody opens a
# page with, takes seconds a borough at L.
ASKED = frozenset({*SUMMARISED, "doubtful_values", "placed_out_of_borough", "peer_groups"})
REPORT_PARAMS = frozenset({"borough", "date_from", "date_to"})  # a borough's report for a period (report_*)


@dataclass
class WarmUp:
    """What a warm-up asked and how long it took."""

    asked: int = 0
    failed: int = 0
    seconds: float = 0.0
    stopped_at_budget: bool = False
    by_query: dict[str, float] = field(default_factory=dict)  # seconds spent on each question


def questions(only: list[str] | None = None) -> list[str]:
    """The catalogue questions a warm-up asks (`only` some of them, if given), in the catalogue's order:
    ASKED, and the reports (a borough and a period, nothing else required)."""
    return [
        name
        for name, query in catalogue.catalogue().items()
        if (name in ASKED or {p.name for p in query.params if p.required} == REPORT_PARAMS)
        and (only is None or name in only)
    ]


def asks(names: list[str], newest: date | None = None) -> list[tuple[str, dict]]:
    """Each question for all London, then for each borough where it takes one; a report for each borough over
    the year to `newest` (today if None), as the Reports page opens."""
    end = newest or date.today()
    year = {"date_from": end - timedelta(days=365), "date_to": end}

    def takes_borough(name: str) -> bool:
        return any(p.name == "borough" for p in catalogue.get(name).params)

    def is_report(name: str) -> bool:
        return {p.name for p in catalogue.get(name).params if p.required} == REPORT_PARAMS

    every = [(name, {}) for name in names if not is_report(name)]
    by_borough = [
        (name, {"borough": borough} | (year if is_report(name) else {}))
        for borough in boroughs()
        for name in names
        if takes_borough(name)
    ]
    return every + by_borough


def warm(
    driver: Driver,
    database: str,
    *,
    only: list[str] | None = None,
    budget: float = DEFAULT_BUDGET,
    progress: Callable[[int, int], None] | None = None,
) -> WarmUp:
    """Ask the warm-up's questions (`only` some catalogue queries, if given) until done or `budget` seconds."""
    report = WarmUp()
    began = time.monotonic()
    names = questions(only)
    newest = None
    if budget > 0 and any(name not in ASKED for name in names):  # a report is asked: for which year
        found = driver.execute_query(cypher("admin/latest_record_date"), database_=database, routing_="r")
        newest = found.records[0]["d"].to_native() if found.records[0]["d"] is not None else None
    todo = asks(names, newest)
    for done, (name, params) in enumerate(todo):
        if time.monotonic() - began >= budget:
            report.stopped_at_budget = True
            break
        asked_at = time.monotonic()
        try:
            catalogue.run(driver, database, name, params)
        except (QueryTooCostly, ResultTooLarge, Neo4jError):
            report.failed += 1  # the pages it read are warm all the same; the next question goes on
        report.asked += 1
        report.by_query[name] = report.by_query.get(name, 0.0) + time.monotonic() - asked_at
        if progress:
            progress(done + 1, len(todo))
    report.seconds = time.monotonic() - began
    return report
