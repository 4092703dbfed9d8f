"""A full build of the gang overlap summary: read every record's people once, work each person's
part out in Python, write it back in large batches.

Through Cypher (cypher/summary/overlap_build.cypher with $people null) every candidate's ways
were walked, written, then read back for the nearest nominal and `depends`: 110 s at 100,000 rows,
and more than the whole import at L. The result is the same nodes, properties and
relationships (tests/test_summaries.py compares the incremental Cypher upkeep with this build
after every kind of change). The incremental upkeep stays in Cypher: it reads only the
neighbourhoods of the people a change reaches.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice

from neo4j import Driver

from jigsaw.cypher_files import load as cypher
from jigsaw.cypher_files import vocabulary

from . import paged_read

BATCH = 2000  # people per write transaction
PEER_SOURCES = ("mash", "hsb")


@dataclass(frozen=True)
class Held:
    """A record as the build sees it."""

    key: str
    source: str | None
    boroughs: tuple[str, ...]
    said: tuple[tuple[str, str | None], ...]  # (person id, role), one per mention of a person
    active_entry: bool
    harmed: bool | None
    gangs: tuple[str, ...]


def peer_roles() -> list[str]:
    return vocabulary(cypher("summary/overlap_build"))["peer_roles"]


def projection(driver: Driver, database: str, page: int = paged_read.PAGE) -> list[Held]:
    """Every record that names a person, read in pages by record key (graph_loader/paged_read.py)."""
    return [
        Held(key, source, tuple(boroughs), tuple((p, role) for p, role in said), bool(active), harmed, tuple(gangs))
        for row in paged_read.pages(driver, database, "summary/overlap_projection", page)
        for key, source, boroughs, said, active, harmed, gangs in zip(
            row["keys"], row["sources"], row["boroughs"], row["said"], row["active_entry"], row["harmed"], row["gangs"]
        )
        if said
    ]


def _distinct(items) -> list:
    return list(dict.fromkeys(items))


def parts(records: list[Held], peer_roles: list[str]) -> Iterator[dict]:
    """Every person's part (as cypher/summary/overlap_write takes it), as overlap_build.cypher works it out,
    one at a time (at L the ways are millions)."""
    named_in: dict[str, list[Held]] = defaultdict(list)  # person -> records naming them (once each)
    people_of: dict[str, list[str]] = {}  # record key -> distinct people it names
    entries: dict[str, list[Held]] = defaultdict(list)  # person -> active entries naming them as nominal
    for r in records:
        people = _distinct(p for p, _ in r.said)
        people_of[r.key] = people
        for p in people:
            named_in[p].append(r)
        if r.active_entry:
            for p in _distinct(p for p, role in r.said if role == "gang_nominal"):
                entries[p].append(r)
    nominals = set(entries)
    peers = set(peer_roles)
    source_of = {r.key: r.source for r in records}

    def sources(keys: list[str]) -> list[str]:
        """The sources of a step's records, in order: a reader of every borough may follow the step
        when they may read one of them (cypher/summary/read_gang_overlap_every_borough)."""
        return sorted({source_of[k] for k in keys if source_of.get(k) is not None})

    def gangs_of(person: str) -> tuple[list[str], bool]:
        """An active nominal's gangs, and whether flagged harmed (entries naming a gang only, as the MATCH)."""
        with_gang = [e for e in entries.get(person, ()) if e.gangs]
        gangs = sorted({g for e in with_gang for g in e.gangs})
        return gangs, any(bool(e.harmed) for e in with_gang)

    known: dict[str, dict[str, tuple[list[str], list[str]]]] = {}
    near_nominals: dict[str, list[tuple[str, list[str], list[str]]]] = {}

    def neighbours(person: str) -> dict[str, tuple[list[str], list[str]]]:
        """Other people named in a record beside `person`, with those records' keys (once each) and
        their sources: worked out once a person, not once a way (a busy person is many ways' step)."""
        found = known.get(person)
        if found is None:
            near: dict[str, list[str]] = defaultdict(list)
            for r in named_in.get(person, ()):
                for other in people_of[r.key]:
                    if other != person:
                        near[other].append(r.key)
            found = known[person] = {other: (_distinct(keys), sources(keys)) for other, keys in near.items()}
        return found

    def nominals_near(person: str) -> list[tuple[str, list[str], list[str]]]:
        """The nominals among `person`'s neighbours, in their order: the only second steps that make a way."""
        found = near_nominals.get(person)
        if found is None:
            found = near_nominals[person] = [(n, *ties) for n, ties in neighbours(person).items() if n in nominals]
        return found

    for p, held in named_in.items():
        mine = [
            (r, _distinct(role for who, role in r.said if who == p and role in peers))
            for r in held
            if r.source in PEER_SOURCES
        ]
        mine = [(r, roles) for r, roles in mine if roles]
        if not mine:
            continue
        ways = []
        first = neighbours(p)
        for n, (via, via_sources) in first.items():
            if n in nominals:
                ways.append({"steps": 1, "nominal": n, "via": via, "next": None, "via_sources": via_sources})
        for m, (via, via_sources) in first.items():
            for n, after, after_sources in nominals_near(m):
                if n != p:
                    ways.append(
                        {
                            "steps": 2,
                            "nominal": n,
                            "via": via,
                            "next": after,
                            "via_sources": via_sources,
                            "next_sources": after_sources,
                        }
                    )
        if not ways and p not in nominals:
            continue
        nominal_of, harmed = gangs_of(p)
        nearest = steps = nearest_gangs = None
        if ways:
            steps, nearest = min((w["steps"], w["nominal"]) for w in ways)
            nearest_gangs = gangs_of(nearest)[0]
        if nominal_of:
            steps = 0
        depends = _distinct(
            chain(
                (k for w in ways for step in (w["via"], w["next"] or ()) for k in step),
                (r.key for r in held),
                (e.key for n in _distinct(w["nominal"] for w in ways) for e in entries.get(n, ())),
            )
        )
        # (source, borough) of the person's peer-role MASH and HSB records, in order (borough,
        # then source, no borough last), so the same fact leads however the graph was read.
        grouped: dict[tuple[str | None, str | None], list[str]] = {}
        for r, roles in mine:
            for borough in r.boroughs or (None,):
                grouped.setdefault((r.source, borough), []).extend(roles)
        ordered = sorted(grouped.items(), key=lambda item: (item[0][1] is None, item[0][1] or "", item[0][0] or ""))
        all_roles = sorted({role for _, roles in ordered for role in roles})
        by_borough: dict[str, set] = defaultdict(set)
        for (_, borough), roles in ordered:
            if borough is not None:
                by_borough[borough].update(roles)
        facts, led = [], set()
        for i, ((source, borough), roles) in enumerate(ordered):
            lead_here = borough is not None and borough not in led
            led.add(borough)
            props = {
                "source": source,
                "depends": depends,
                "roles": sorted(set(roles)),
                "person_id": p,
                "steps": steps,
                "nominal_of": nominal_of,
                "harmed_nominal": harmed,
                "nearest_nominal": None if steps == 0 else nearest,
                "nearest_gangs": nominal_of if steps == 0 else nearest_gangs,
                "lead": i == 0,
                "all_roles": all_roles,
                "borough_lead": lead_here,
                "borough_roles": sorted(by_borough[borough]) if borough is not None else [],
                "borough": borough,  # beside IN_BOROUGH: a restricted reader's borough read seeks it (migration 015)
            }
            facts.append({"borough": borough, "props": {k: v for k, v in props.items() if v is not None}})
        yield {"person_id": p, "ways": [{k: v for k, v in w.items() if v is not None} for w in ways], "facts": facts}


def build(driver: Driver, database: str, page: int = paged_read.PAGE) -> dict[str, float]:
    """Write every person's part (the caller has deleted the old ones); returns seconds per step and counts.
    `page`: records per read (a test reads in small pages)."""
    began = time.monotonic()
    records = projection(driver, database, page)
    read = time.monotonic() - began
    found = parts(records, peer_roles())
    worked = writing = 0.0
    people = ways = 0
    while True:
        start = time.monotonic()
        batch = list(islice(found, BATCH))
        worked += time.monotonic() - start
        if not batch:
            break
        start = time.monotonic()
        driver.execute_query(cypher("summary/overlap_write"), people=batch, database_=database)
        writing += time.monotonic() - start
        people += len(batch)
        ways += sum(len(part["ways"]) for part in batch)
    return {
        "read": round(read, 3),
        "work": round(worked, 3),
        "write": round(writing, 3),
        "people": people,
        "ways": ways,
    }
