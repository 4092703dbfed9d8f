"""A first load's governance and overview counts, written as the offline importer's files.

The nodes cypher/summary/counts_build.cypher makes of the imported graph (GovernanceCount,
BoroughCount, SourceCount, SourceTotal, CategoryCount, each but SourceTotal tied to its borough by
IN_BOROUGH), worked out from the graph the load builds instead of read back after the import (20 s
of Cypher at L, after the import, against a few seconds here, beside the links' process). Each part
counts its own records (a record is in one part only) and keeps, for each count of people, the
mentions whose people it counts; the merge, which resolved the mentions, counts the people.
tests/test_first_load.py compares the result with counts_build's on the imported graph.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import import_files
from .import_files import stored

ID_SPACE = "Count"
# The counts' line in a load report's summaries (graph_loader/summaries.py times the Cypher build under it too).
TIMING = "governance and borough counts"


@dataclass
class PartCounts:
    """One part's counts, by the groups counts_build makes (agencies by key: the merge names them)."""

    # (source, role, borough, ethnicity) -> the mentions whose distinct people are counted
    governance: dict[tuple, set[str]] = field(default_factory=lambda: defaultdict(set))
    boroughs: Counter = field(default_factory=Counter)  # (borough, source) -> records
    categories: Counter = field(default_factory=Counter)  # (borough, source, cse_category) -> referrals
    by_source: dict[tuple, list] = field(default_factory=dict)  # (agency, source, borough) -> [records, mentions]
    totals: dict[tuple, list] = field(default_factory=dict)  # (agency, source) -> [records, mentions]


def part_counts(graph: import_files.Graph) -> PartCounts:
    """The counts of the records in `graph` (one part's), as counts_build groups them."""
    rels = graph.relationships
    said: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for record, mention, props in rels.get(("MENTIONS", "Record", "Mention"), ()):
        said[record].append((mention, stored(props.get("role"))))
    held: dict[str, list[str]] = defaultdict(list)
    for record, borough, _ in rels.get(("IN_BOROUGH", "Record", "Borough"), ()):
        held[record].append(borough)
    agencies: dict[str, list[str]] = defaultdict(list)
    for record, agency, _ in rels.get(("HELD_BY", "Record", "Agency"), ()):
        agencies[record].append(agency)
    mentions = graph.nodes.get(("Mention",), {})
    counts = PartCounts()
    for labels, group in graph.nodes.items():
        if labels[0] != "Record":
            continue
        referral = "Referral" in labels
        for key, props in group.items():
            boroughs = held.get(key)
            if not boroughs:
                continue  # every count is of records tied to a borough
            source = stored(props.get("source"))
            mine = said.get(key, ())
            ethnicity = {m: stored(mentions.get(m, {}).get("ethnicity")) or "not recorded" for m, _ in mine}
            for borough in boroughs:  # one row a tie, as the MATCH gives them
                counts.boroughs[(borough, source)] += 1
                if referral:
                    counts.categories[(borough, source, stored(props.get("cse_category")))] += 1
                for mention, role in mine:
                    counts.governance[(source, role, borough, ethnicity[mention])].add(mention)
            for agency in agencies.get(key, ()):
                total = counts.totals.setdefault((agency, source), [set(), set()])
                total[0].add(key)
                for borough in boroughs:
                    kept = counts.by_source.setdefault((agency, source, borough), [set(), set()])
                    kept[0].add(key)
                    kept[1].update(m for m, _ in mine)
                    total[1].update(m for m, _ in mine)
    # Records are one part's only: the merge adds their numbers; mentions stay for the people.
    for kept in (*counts.by_source.values(), *counts.totals.values()):
        kept[0] = len(kept[0])
    counts.governance = dict(counts.governance)
    return counts


def write(
    graph: import_files.Graph, parts: list[PartCounts], person_of: dict[str, str], folder: Path
) -> import_files.ImportFiles:
    """The count nodes and their IN_BOROUGH ties, from every part's counts (`graph` holds the merge's
    agencies; `person_of` each resolved mention's person)."""
    names = {key: stored(props.get("name")) for key, props in graph.nodes.get(("Agency",), {}).items()}

    def people(mentions) -> set[str]:
        return {person_of[m] for m in mentions if m in person_of}

    governance: dict[tuple, set[str]] = defaultdict(set)
    boroughs: Counter = Counter()
    categories: Counter = Counter()
    by_source: dict[tuple, list] = {}
    totals: dict[tuple, list] = {}
    for part in parts:
        for group, mentions in part.governance.items():
            governance[group] |= people(mentions)
        boroughs.update(part.boroughs)
        categories.update(part.categories)
        # Agencies are grouped by name, as counts_build groups them.
        for into, own in ((by_source, part.by_source), (totals, part.totals)):
            for (agency, *rest), (records, mentions) in own.items():
                kept = into.setdefault((names.get(agency), *rest), [0, set()])
                kept[0] += records
                kept[1] |= people(mentions)
    tables: dict[str, list[tuple[dict, str | None]]] = {
        # A group whose mentions name nobody resolved is no row of counts_build's MATCH.
        "GovernanceCount": [
            ({"source": s, "role": r, "ethnicity": e, "people": len(p)}, b)
            for (s, r, b, e), p in governance.items()
            if p
        ],
        "BoroughCount": [({"source": s, "records": n}, b) for (b, s), n in boroughs.items()],
        "SourceCount": [
            ({"agency": a, "source": s, "borough": b, "records": n, "people": len(p)}, b)
            for (a, s, b), (n, p) in by_source.items()
        ],
        "SourceTotal": [
            ({"agency": a, "source": s, "records": n, "people": len(p)}, None) for (a, s), (n, p) in totals.items()
        ],
        "CategoryCount": [({"source": s, "cse_category": c, "referrals": n}, b) for (b, s, c), n in categories.items()],
    }
    files = import_files.ImportFiles(folder)
    tied: list[tuple[str, str]] = []
    number = 0
    for label, rows in tables.items():
        nodes = []
        for props, borough in rows:
            nodes.append((str(number), {k: v for k, v in props.items() if v is not None}))
            if borough is not None:
                tied.append((str(number), borough))
            number += 1
        files.node_table(folder / f"summary-counts-{label}.csv", ID_SPACE, label, nodes)
    files.ties(folder / "summary-counts-boroughs.csv", "IN_BOROUGH", ID_SPACE, "Borough", tied)
    return files
