"""Project the graph into a weighted person-to-person NetworkX graph.

A record ties its subject (see SUBJECT_ROLES) to each person it names.
Weight = the records tying both people, each weighed by its claim, its recency and the tie's
recorded strength where the source gave one (the rule in jigsaw/policies/tie_weights.toml,
`tie_weights.py`) + the place weight x places both were seen at. Edge
attributes keep the counts and agencies so every tie can be explained.

Neo4j returns the people of every record and of every place in scope (a row per query); the
pairs are formed and counted here in numpy, which at pan-London size is far cheaper than
pairing and counting millions of rows in Cypher. People are numbered in person_id order and
ties sorted, so a projection does not depend on the order rows arrive in; the arrays are kept
beside the graph for the analytics (`ties.py`).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from itertools import islice

import networkx as nx
import numpy as np
from neo4j import READ_ACCESS, Driver

from jigsaw.cypher_files import load as cypher
from jigsaw.cypher_files import vocabulary

from . import tie_weights
from .tie_weights import TieWeights
from .ties import PLACE_EVIDENCE, TIES, Projection, Ties

PLACE_WEIGHT = 0.5


@dataclass(frozen=True)
class Scope:
    """Which part of the graph a projection covers."""

    date_from: date | None = None
    date_to: date | None = None
    borough: str | None = None
    max_place_people: int = 50

    @property
    def key(self) -> str:
        return f"{self.date_from or '*'}..{self.date_to or '*'}|{self.borough or 'London'}"

    def params(self) -> dict:
        return {"date_from": self.date_from, "date_to": self.date_to, "borough": self.borough}


PERIOD_UNITS = {"d": 1, "w": 7, "m": 30.44, "y": 365.25}  # days; a month is an average month


def period_start(period: str, ends: date) -> date:
    """The first day of a period like "6m", "1y", "90d" or "2w" ending on `ends` (a time window)."""
    import re
    from datetime import timedelta

    found = re.fullmatch(r"\s*(\d{1,4})\s*([dwmy])\s*", period.lower())
    if not found:
        raise ValueError(f"a period is a number and d, w, m or y (e.g. 6m, 1y), not {period[:20]!r}")
    days = round(int(found[1]) * PERIOD_UNITS[found[2]])
    if not 0 < days <= 100 * 365:
        raise ValueError("a period is from 1 day to 100 years")
    return ends - timedelta(days=days - 1)


@dataclass
class Rows:
    """What Neo4j returned, people numbered in arrival order (`names[i]` is person i)."""

    names: list[str]
    agencies: list[str]  # agency number -> name
    record_agency: np.ndarray  # per record
    record_sizes: np.ndarray  # people per record
    record_people: np.ndarray  # the records' people, record after record
    record_subjects: np.ndarray  # bool, alongside record_people
    place_sizes: np.ndarray
    place_people: np.ndarray
    record_claim_weights: np.ndarray | None = None  # per mention, alongside record_people (None: all 1)
    record_recency: np.ndarray | None = None  # per record (None: all 1)
    place_weight: float = PLACE_WEIGHT
    record_strengths: np.ndarray | None = None  # per mention, the tie's recorded strength (None: all 1)


@dataclass
class Tied:
    """Every tie once, `a < b` in person_id order, with its attributes."""

    names: list[str]  # sorted person_ids of everyone tied
    a: np.ndarray
    b: np.ndarray
    records: np.ndarray
    places: np.ndarray
    agency_masks: np.ndarray  # bit i set: agency i has a record tying the pair
    agencies: list[str]
    weighted_records: np.ndarray | None = None  # the records weighed by claim and recency (None: counted)
    place_weight: float = PLACE_WEIGHT

    @property
    def weights(self) -> np.ndarray:
        records = self.records if self.weighted_records is None else self.weighted_records
        return records + self.place_weight * self.places


def project(driver: Driver, database: str, scope: Scope, weights: TieWeights | None = None) -> nx.Graph:
    """The projection, ties weighed by `weights`: the configured rule (`tie_weights.load()`, from
    jigsaw/policies/tie_weights.toml or JIGSAW_TIE_WEIGHTS) unless another is given, e.g.
    `tie_weights.COUNTING` to count records (`--unweighted`)."""
    rule = weights or tie_weights.load()
    graph = to_networkx(pair(fetch(driver, database, scope, rule)))
    graph.graph[tie_weights.RULE_KEY] = rule.describe()  # recorded with the run that uses it
    return graph


def fetch(driver: Driver, database: str, scope: Scope, weights: TieWeights | None = None) -> Rows:
    """The records and places in scope, each with its people (a round trip per query)."""
    rule = weights or tie_weights.load()
    agency_index: dict[str, int] = {}
    record_params = scope.params() | vocabulary(cypher("analytics/projection_records"))  # $subject_roles
    place_params = scope.params() | {"max_place_people": scope.max_place_people}

    def records(tx):
        row = tx.run(cypher("analytics/projection_records"), record_params).single(strict=True)
        people, subjects, claims, strengths = [], [], [], []
        for names, flags, kinds, strong in zip(row["people"], row["subjects"], row["claims"], row["strengths"]):
            people += names
            subjects += flags
            claims += kinds
            strengths += strong
        agency = [agency_index.setdefault(source or None, len(agency_index)) for source in row["agencies"]]
        sizes = [len(names) for names in row["people"]]
        return agency, sizes, people, subjects, claims, [d[0] for d in row["dates"]], strengths

    def places(tx):
        groups = tx.run(cypher("analytics/projection_places"), place_params).single(strict=True)["people"]
        return [len(names) for names in groups], [name for names in groups for name in names]

    with driver.session(database=database, default_access_mode=READ_ACCESS) as session, _collector_paused():
        agency, record_sizes, record_people, subjects, claims, dates, strengths = session.execute_read(records)
        place_sizes, place_people = session.execute_read(places)
    index: dict[str, int] = {}
    number = lambda names: np.fromiter(
        (index.setdefault(n, len(index)) for n in names), dtype=np.int64, count=len(names)
    )
    record_numbers, place_numbers = number(record_people), number(place_people)
    return Rows(
        names=list(index),
        agencies=list(agency_index),
        record_agency=np.asarray(agency, dtype=np.int64),
        record_sizes=np.asarray(record_sizes, dtype=np.int64),
        record_people=record_numbers,
        record_subjects=np.asarray(subjects, dtype=bool),
        place_sizes=np.asarray(place_sizes, dtype=np.int64),
        place_people=place_numbers,
        record_claim_weights=rule.claim_weights(claims),
        record_recency=_recency(rule, dates),
        place_weight=rule.place,
        record_strengths=np.asarray(strengths, dtype=np.float64) if rule.recorded_strength else None,
    )


def _recency(rule: TieWeights, dates: list) -> np.ndarray:
    """Each record's recency factor, against the latest record in scope (a record with no date counts in full)."""
    days = np.fromiter(
        (d.toordinal() if hasattr(d, "toordinal") else -1 for d in dates), dtype=np.int64, count=len(dates)
    )
    known = days >= 0
    latest = days[known].max() if known.any() else 0
    return np.where(known, rule.recency(latest - days), 1.0)


def pair(rows: Rows) -> Tied:
    """Form every tie and count its records, places and agencies."""
    n = max(len(rows.names), 1)
    order = np.argsort(np.array(rows.names, dtype=object), kind="stable")
    rank = np.empty(len(rows.names), dtype=np.int64)
    rank[order] = np.arange(len(rows.names))  # person i is the rank[i]-th by person_id
    record, a, b, claim, strength = _pairs_within(
        rows.record_sizes,
        rank[rows.record_people],
        rows.record_subjects,
        rows.record_claim_weights,
        rows.record_strengths,
    )
    record_keys, record_counts, starts, by_key = _counted(a * n + b)
    weighed = None
    if rows.record_claim_weights is not None or rows.record_recency is not None or strength is not None:
        each = (
            (claim if claim is not None else 1.0)
            * (rows.record_recency[record] if rows.record_recency is not None else 1.0)
            * (strength if strength is not None else 1.0)
        )
        weighed = (
            np.add.reduceat(np.broadcast_to(each, record.shape)[by_key].astype(np.float64), starts)
            if len(starts)
            else np.zeros(0)
        )
    record_masks = np.bitwise_or.reduceat((1 << rows.record_agency[record])[by_key], starts) if len(starts) else starts
    _, a, b, _, _ = _pairs_within(rows.place_sizes, rank[rows.place_people], None)
    place_keys, place_counts, _, _ = _counted(a * n + b)
    keys = np.sort(np.concatenate([record_keys, place_keys]), kind="stable")  # two sorted runs: a merge
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
    records, places, masks = (np.zeros(len(keys), dtype=np.int64) for _ in range(3))
    at = np.searchsorted(keys, record_keys)
    records[at], masks[at] = record_counts, record_masks
    weighted_records = None
    if weighed is not None:
        weighted_records = np.zeros(len(keys))
        weighted_records[at] = weighed
    places[np.searchsorted(keys, place_keys)] = place_counts
    # Only the people who are tied become nodes, numbered in the same (person_id) order.
    a, b = keys // n, keys % n
    tied = np.zeros(n, dtype=bool)
    tied[a] = tied[b] = True
    renumbered = np.cumsum(tied) - 1
    names = [rows.names[i] for i in order[np.flatnonzero(tied)].tolist()]
    return Tied(
        names, renumbered[a], renumbered[b], records, places, masks, rows.agencies, weighted_records, rows.place_weight
    )


def _counted(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The distinct keys, how often each occurs, where each starts in sorted order, and that order."""
    by_key = np.argsort(keys, kind="stable")
    ordered = keys[by_key]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if len(keys) else np.zeros(0, dtype=np.int64)
    counts = np.diff(np.r_[starts, len(keys)])
    return ordered[starts], counts, starts, by_key


def _pairs_within(
    sizes: np.ndarray,
    people: np.ndarray,
    subjects: np.ndarray | None,
    values: np.ndarray | None = None,
    factors: np.ndarray | None = None,
):
    """Every pair of distinct people inside each group (a record or a place): group, a < b,
    with `values` (one per listing, e.g. a claim's weight) the smaller of the pair's two, and
    with `factors` (one per listing, e.g. a recorded strength) the product of the pair's two.

    With `subjects`, only the pairs where at least one of the two is a subject. A person
    listed twice in a group counts once, as a subject if either listing is one, with the
    larger of their values and of their factors.
    """
    empty = np.zeros(0, dtype=np.int64)
    if not len(people):
        return empty, empty, empty, _none_or_empty(values), _none_or_empty(factors)
    n = int(people.max()) + 1
    entries, listing = np.unique(np.repeat(np.arange(len(sizes)), sizes) * n + people, return_inverse=True)
    group_of, person = entries // n, entries % n  # sorted by group, then person
    subject = np.bincount(listing, weights=subjects, minlength=len(entries)) > 0 if subjects is not None else None
    value = factor = None
    if values is not None:
        value = np.full(len(entries), -np.inf)
        np.maximum.at(value, listing, values)
    if factors is not None:
        factor = np.full(len(entries), -np.inf)
        np.maximum.at(factor, listing, factors)
    _, starts, counts = np.unique(group_of, return_index=True, return_counts=True)
    found = []
    for size in np.unique(counts[counts >= 2]).tolist():
        block = starts[counts == size][:, None] + np.arange(size)  # entry positions, one row per group of this size
        i, j = np.triu_indices(size, 1)
        left, right = block[:, i].ravel(), block[:, j].ravel()
        if subject is not None:
            keep = subject[left] | subject[right]
            left, right = left[keep], right[keep]
        weakest = np.minimum(value[left], value[right]) if value is not None else np.zeros(0)
        product = factor[left] * factor[right] if factor is not None else np.zeros(0)
        found.append((group_of[left], person[left], person[right], weakest, product))  # person[left] < person[right]
    if not found:
        return empty, empty, empty, _none_or_empty(values), _none_or_empty(factors)
    group, a, b, weakest, product = (np.concatenate(column) for column in zip(*found))
    return group, a, b, (weakest if values is not None else None), (product if factors is not None else None)


def _none_or_empty(given: np.ndarray | None) -> np.ndarray | None:
    return None if given is None else np.zeros(0)


def to_networkx(tied: Tied) -> Projection:
    """The NetworkX graph of the ties, with the arrays kept beside it (see `ties.py`).

    Built in bulk: each person's neighbours are written as one dict, in the order
    `add_edges_from` would have added them tie by tie (in a fraction of its time at millions
    of ties), so iterating `graph.edges` gives the ties in the arrays' order.
    """
    graph = Projection()
    graph.add_nodes_from(tied.names)
    m, weights = len(tied.a), tied.weights
    # A record without a source ties its people but names no agency (as collect() skips nulls).
    named = {
        mask: sorted(name for bit, name in enumerate(tied.agencies) if mask >> bit & 1 and name is not None)
        for mask in np.unique(tied.agency_masks).tolist()
    }
    with _collector_paused(settle=True):
        data = np.empty(m, dtype=object)
        data[:] = [
            {"records": records, "places": places, "agencies": named[mask].copy(), "weight": weight}
            for records, places, mask, weight in zip(
                tied.records.tolist(), tied.places.tolist(), tied.agency_masks.tolist(), weights.tolist()
            )
        ]
        # Both directions of every tie, by person then neighbour: what add_edges_from gives for
        # ties added in (a, b) order. The ties are sorted, so listing each tie from its larger
        # end first and sorting stably by person puts every person's neighbours in order.
        person = np.concatenate([tied.b, tied.a])
        order = np.argsort(person, kind="stable")
        names = np.array(tied.names, dtype=object)
        neighbours = names[np.concatenate([tied.a, tied.b])[order]].tolist()
        shared = data[np.concatenate([np.arange(m)] * 2)[order]].tolist()
        adjacency = graph._adj
        neighbour_of, data_of = iter(neighbours), iter(shared)
        for name, count in zip(tied.names, np.bincount(person, minlength=len(tied.names)).tolist()):
            adjacency[name] = dict(zip(islice(neighbour_of, count), islice(data_of, count)))
    evidence = tied.records + PLACE_EVIDENCE * tied.places  # records counted, whatever the weights
    graph.graph[TIES] = Ties(
        tied.names, tied.a.astype(np.int64), tied.b.astype(np.int64), weights.astype(np.float64), evidence
    )
    return graph


@contextmanager
def _collector_paused(settle: bool = False):
    """Millions of new dicts and lists set off Python's cycle collector over and over, each
    time walking everything built so far (three quarters of the time here); none of them
    forms a cycle, so it waits until they are built.

    With `settle`, one full collection afterwards moves what was built into the oldest
    generation, here, rather than leaving the young generation's walks over millions of
    objects (seconds at pan-London size) to whatever allocates next, e.g. the analysis.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            if settle:
                gc.collect()
