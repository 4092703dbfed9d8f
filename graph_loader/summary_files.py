"""A first load's jigsaw links and cross-borough facts, written as the offline importer's files.

`jigsaw load --initial` builds the graph with the importer; building these two summaries
through Cypher afterwards would take longer than the import itself at a million rows (each
link is a node and three or more relationships). So they are worked out from the records the
load validated and the people it resolved (the same rows the graph's files come from) and
imported with the graph: the same nodes, labels, properties and relationships as
cypher/summary/links_build.cypher and cross_build.cypher write (tests/test_first_load.py
compares them with a Cypher build of the same graph). The records' facts come from the parts
(each process holds its own records), the people from the merge.
"""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from collections.abc import Iterable
from contextlib import ExitStack, contextmanager
from pathlib import Path

from . import import_files
from .link_rows import Held, links

# A record as these summaries see it: key, source, status, boroughs, (mention key, role) pairs, place keys.
RecordFacts = tuple[str, str | None, str | None, tuple[str, ...], tuple[tuple[str, str | None], ...], tuple[str, ...]]


def record_facts(graph: import_files.Graph) -> list[RecordFacts]:
    """What the summaries need of each record in `graph` (small enough to send between processes)."""
    said: dict[str, dict[tuple[str, str | None], None]] = defaultdict(dict)
    for record, mention, props in graph.relationships.get(("MENTIONS", "Record", "Mention"), ()):
        said[record][(mention, props.get("role"))] = None
    held: dict[str, dict[str, None]] = defaultdict(dict)
    for record, borough, _ in graph.relationships.get(("IN_BOROUGH", "Record", "Borough"), ()):
        held[record][borough] = None
    named: dict[str, dict[str, None]] = defaultdict(dict)
    for record, place, _ in graph.relationships.get(("NAMES_PLACE", "Record", "Place"), ()):
        named[record][place] = None
    facts = []
    for labels, group in graph.nodes.items():
        if labels[0] != "Record":
            continue
        for key, props in group.items():
            facts.append(
                (key, props.get("source"), props.get("status"), tuple(held[key]), tuple(said[key]), tuple(named[key]))
            )
    return facts


@contextmanager
def _opened(path: Path, header: list[str]):
    """A CSV writer on a new importer file with its header, closed on leaving."""
    with import_files._open(path) as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(header)
        yield out


def write(
    graph: import_files.Graph, records: Iterable[RecordFacts], folder: Path
) -> tuple[import_files.ImportFiles, dict[str, float]]:
    """The two summaries' node and relationship files (`graph` holds the merge's people and
    places), and the seconds each took."""
    person_of = {m: p for m, p, _ in graph.relationships.get(("REFERS_TO", "Mention", "Person"), ())}
    places = {key: props.get("name") for key, props in graph.nodes.get(("Place",), {}).items()}
    records = list(records)
    files = import_files.ImportFiles(folder)
    files.multiline = any(
        "\n" in name or "\r" in name for name in places.values() if name
    )  # a place's name is a bridge
    began = time.monotonic()
    _write_links(records, person_of, places, folder, files)
    seconds = {"jigsaw_links": time.monotonic() - began}
    began = time.monotonic()
    _write_cross(records, person_of, folder, files)
    seconds["cross_borough_people"] = time.monotonic() - began
    return files, seconds


def _write_links(records, person_of, places, folder: Path, files: import_files.ImportFiles) -> None:
    held = [
        Held(key, source, boroughs, frozenset(person_of[m] for m, _ in said if m in person_of), named)
        for key, source, _, boroughs, said, named in records
    ]
    node_header = [":ID(JigsawLink)", "kind:string", "person_a:string", "bridge:string", "person_b:string"]
    paths = {
        name: folder / f"summary-{name}.csv"
        for name in ("links", "untied", "piece_a", "piece_b", "tied_by", "untied_in")
    }
    counts = dict.fromkeys(paths, 0)
    with ExitStack() as stack:
        out = {}
        for name, path in paths.items():
            if name in ("links", "untied"):
                header = node_header
            else:
                end = "Borough" if name == "untied_in" else "Record"
                header = [":START_ID(JigsawLink)", f":END_ID({end})"]
            out[name] = stack.enter_context(_opened(path, header))
        for number, link in enumerate(links(held, places)):
            n = str(number)
            out["untied" if not link.ties else "links"].writerow(
                (n, link.kind, link.person_a, link.bridge, link.person_b)
            )
            out["piece_a"].writerow((n, link.r1))
            out["piece_b"].writerow((n, link.r2))
            for tie in link.ties:
                out["tied_by"].writerow((n, tie))
            for borough in link.boroughs:
                out["untied_in"].writerow((n, borough))
            counts["untied" if not link.ties else "links"] += 1
            counts["piece_a"] += 1
            counts["piece_b"] += 1
            counts["tied_by"] += len(link.ties)
            counts["untied_in"] += len(link.boroughs)
    for name, labels in (("links", "JigsawLink"), ("untied", "JigsawLink:Untied")):
        files.node_files.append((labels, paths[name]))
        files.nodes += counts[name]
        files.properties += 4 * counts[name]  # kind, person_a, bridge, person_b
    for name, kind in (
        ("piece_a", "PIECE_A"),
        ("piece_b", "PIECE_B"),
        ("tied_by", "TIED_BY"),
        ("untied_in", "UNTIED_IN"),
    ):
        files.relationship_files.append((kind, paths[name]))
        files.relationships += counts[name]


def _write_cross(records, person_of, folder: Path, files: import_files.ImportFiles) -> None:
    """One CrossBoroughFact per (person, source, borough) of a person held by two boroughs or more;
    the first (by borough, then source) leads, with the person's whole answer and its rank."""
    # person -> (borough, source) -> (roles, records)
    kept: dict[str, dict[tuple[str, str | None], tuple[dict, set]]] = defaultdict(dict)
    for key, source, status, boroughs, said, _ in records:
        for mention, role in said:
            person = person_of.get(mention)
            if person is None:
                continue
            shown = (
                "removed_from_matrix" if role == "gang_nominal" and status is not None and status != "active" else role
            )
            for borough in boroughs:
                roles, held = kept[person].setdefault((borough, source), ({}, set()))
                if shown is not None:
                    roles[shown] = None
                held.add(key)
    nodes, summarised, located = (folder / f"summary-cross-{n}.csv" for n in ("facts", "people", "boroughs"))
    count = leads = 0
    with ExitStack() as stack:
        facts_out, people_out, boroughs_out = (
            stack.enter_context(_opened(path, header))
            for path, header in (
                (nodes, [":ID(CrossBoroughFact)", *CROSS_COLUMNS]),
                (summarised, [":START_ID(Person)", ":END_ID(CrossBoroughFact)"]),
                (located, [":START_ID(CrossBoroughFact)", ":END_ID(Borough)"]),
            )
        )
        for person, facts in kept.items():
            if len({borough for borough, _ in facts}) < 2:
                continue
            ordered = sorted(facts.items(), key=lambda item: (item[0][0], item[0][1] is None, item[0][1] or ""))
            for i, ((borough, source), (roles, held)) in enumerate(ordered):
                n = str(count)
                lead = _cross_lead(person, facts) if i == 0 else ("",) * 7
                facts_out.writerow((n, person, source, import_files._joined(sorted(roles)), len(held), *lead))
                people_out.writerow((person, n))
                boroughs_out.writerow((n, borough))
                count += 1
            leads += 1
    files.node_files.append(("CrossBoroughFact", nodes))
    files.nodes += count
    files.properties += 4 * count + 7 * leads
    files.relationship_files += [("SUMMARISED_IN", summarised), ("IN_BOROUGH", located)]
    files.relationships += 2 * count


# A fact's columns; the last seven only on the person's lead fact (empty cells write nothing).
CROSS_COLUMNS = [
    "person_id:string",
    "source:string",
    "roles:string[]",
    "records:long",
    "lead:boolean",
    "boroughs:string[]",
    "agencies:string[]",
    "all_roles:string[]",
    "total:long",
    "borough_count:long",
    "rank:string",
]


def _cross_lead(person: str, facts: dict[tuple[str, str | None], tuple[dict, set]]) -> tuple:
    """The person's answer for a reader of every source and borough, as cypher/summary/cross_build
    keeps it on the lead fact, and its rank (text that sorts as the live query orders)."""
    boroughs = sorted({borough for borough, _ in facts})
    agencies = sorted({source for _, source in facts if source is not None})
    roles = sorted({role for held_roles, _ in facts.values() for role in held_roles})
    total = len(set().union(*(held for _, held in facts.values())))
    rank = f"{9999 - len(boroughs):04d}{999999999999 - total:012d}{person}"
    joined = import_files._joined
    return ("true", joined(boroughs), joined(agencies), joined(roles), total, len(boroughs), rank)
