"""Every jigsaw link worked out in Python from each record's people and places (a full build).

The same links, ties and boroughs as cypher/summary/links_build.cypher builds with $all, found
once per bridge rather than once per record taken as either end: for each person, every pair
of their records from two sources, and the people of one with the people of the other; for
each place, the same. Cypher walked each record's neighbourhood from both ends and looked up
the records tying each pair on every row; here each pair's tying records are found once, as
the intersection of the two people's records. Who reads the rows: graph_loader/link_build.py
(written back through Cypher) and the first load (written as the importer's files).

Records and places are named by opaque ids (an element id, or a key in the importer's files);
a link's tying records by their record keys, sorted (the link keeps them in a list).

Each link also keeps its place in the answer's order once per borough of its pieces (`rank_a`,
`rank_b`: see `rank`), so a borough's first page is read in order from an index (migration 012).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import NamedTuple


@dataclass(frozen=True)
class Held:
    """One record as the links see it."""

    id: str
    key: str  # record_key: how a link names the records tying its people
    source: str | None
    people: frozenset[str]  # person_id of everyone it mentions
    places: tuple[str, ...]  # ids of the places it names
    borough: str | None = None  # the borough it is held for (a record has one: load/write_records)


class Link(NamedTuple):
    """A JigsawLink: person_a < person_b; r1 is person_a's record. `ties`: the record keys, sorted,
    of every record naming both people (none: an Untied link); `tie_sources`: their sources."""

    kind: str
    person_a: str
    bridge: str | None
    person_b: str
    r1: str
    r2: str
    ties: tuple[str, ...]
    rank_a: str | None = None  # r1's borough, then the answer's order (`rank`)
    rank_b: str | None = None  # r2's borough likewise, when it is another
    # The sources of the tying records, sorted (none when untied): a reader of every borough sees
    # the link unless one of these is theirs, so no tying record need be looked up for them.
    tie_sources: tuple[str, ...] = ()
    # The sources of its two pieces, sorted, joined by '|' ('hsb|mash'): all London's links for a
    # reader of every borough and two sources are read from their own pair's index (migration 023).
    pair: str | None = None


# Order-keeping text (cypher/summary/links_rank.cypher writes the same): each field becomes
# \x02, itself with \x00 and \x01 escaped as \x01\x02 and \x01\x03, then \x01\x01; a missing one
# \x03. So comparing two ranks compares their fields in turn, as ORDER BY does (a missing value
# last), whatever characters a place's name holds, and no NUL reaches the importer's files.
def _part(value: str | None) -> str:
    if value is None:
        return "\x03"
    if "\x01" in value or "\x00" in value:  # rare: the search is cheaper than two replaces on every field
        value = value.replace("\x01", "\x01\x03").replace("\x00", "\x01\x02")
    return "\x02" + value + "\x01\x01"


def rank(
    borough: str, kind: str, person_a: str, person_b: str, bridge: str | None, record_a: str, record_b: str
) -> str:
    """A link's place in a borough's answer: the borough, then jigsaw_links' ORDER BY (kind, person_a,
    person_b, bridge, record_a, record_b), as one text a range index keeps in order."""
    return _part(borough) + _tail(kind, person_a, person_b, bridge, record_a, record_b)


def _tail(
    kind: str,
    person_a: str,
    person_b: str,
    bridge: str | None,
    record_a: str,
    record_b: str,
    part: Callable[[str | None], str] = _part,
) -> str:
    """A rank after its borough: the same in either borough of the link, so worked out once."""
    return part(kind) + part(person_a) + part(person_b) + part(bridge) + part(record_a) + part(record_b)


class _Parts(dict):
    """Each value's part worked out once: a build names the same people and records in many links."""

    def __missing__(self, value: str | None) -> str:
        found = self[value] = _part(value)
        return found


def ranks(
    kind: str,
    person_a: str,
    person_b: str,
    bridge: str | None,
    r1: Held,
    r2: Held,
    part: Callable[[str | None], str] = _part,
) -> tuple[str | None, ...]:
    """(rank_a, rank_b): the link's rank in r1's borough, and in r2's when that is another."""
    if r1.borough is None and r2.borough is None:
        return None, None
    tail = _tail(kind, person_a, person_b, bridge, r1.key, r2.key, part)
    rank_a = None if r1.borough is None else part(r1.borough) + tail
    rank_b = None if r2.borough is None or r2.borough == r1.borough else part(r2.borough) + tail
    return rank_a, rank_b


def links(records: Iterable[Held], place_names: dict[str, str | None]) -> Iterator[Link]:
    """Every link, each once: by person bridges first, then by place."""
    held = [r for r in records if r.people]
    records_of: dict[str, list[int]] = defaultdict(list)  # every record naming the person: the ties
    for i, r in enumerate(held):
        for p in r.people:
            records_of[p].append(i)
    tying: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
    part = _Parts().__getitem__
    pairs: dict[tuple[str | None, str | None], str] = {}

    def pair(a: str | None, b: str | None) -> str:
        found = pairs.get((a, b))
        if found is None:
            found = pairs[(a, b)] = "|".join(sorted((a or "", b or "")))
        return found

    def ties(a: str, b: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The keys of the records naming both, and their sources (both sorted)."""
        found = tying.get((a, b))
        if found is None:
            mine, theirs = records_of[a], records_of[b]
            if len(theirs) < len(mine):
                mine, theirs = theirs, mine
            other = set(theirs)
            both = [held[i] for i in mine if i in other]
            found = tying[(a, b)] = (
                tuple(sorted(r.key for r in both)),
                tuple(sorted({r.source for r in both if r.source is not None})),
            )
        return found

    def made(kind: str, bridge: str | None, p: str, q: str, r: Held, s: Held) -> Link:
        if q < p:
            p, q, r, s = q, p, s, r
        keys, sources = ties(p, q)
        return Link(
            kind,
            p,
            bridge,
            q,
            r.id,
            s.id,
            keys,
            *ranks(kind, p, q, bridge, r, s, part),
            sources,
            pair(r.source, s.source),
        )

    # Person bridges: x named by both records, a person of each at the ends.
    for x, mine in records_of.items():
        for i, j in combinations(mine, 2):
            r, s = held[i], held[j]
            if r.source is None or s.source is None or r.source == s.source:
                continue
            for p in r.people:
                if p == x:
                    continue
                for q in s.people:
                    if q != x and q != p:
                        yield made("person", x, p, q, r, s)
    # Place bridges: a place both records name; the bridge is its name, so two places of one
    # name shared by the same two records make one link, not two.
    at_place: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(held):
        if r.source is not None:
            for pl in set(r.places):
                at_place[pl].append(i)
    names_of_pair: dict[tuple[int, int], dict[str | None, None]] = defaultdict(dict)
    for pl, mine in at_place.items():
        for i, j in combinations(mine, 2):
            if held[i].source != held[j].source:
                names_of_pair[(i, j)][place_names.get(pl)] = None
    for (i, j), names in names_of_pair.items():
        r, s = held[i], held[j]
        for name in names:
            for p in r.people:
                for q in s.people:
                    if q != p:
                        yield made("place", name, p, q, r, s)
