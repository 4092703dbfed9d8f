"""A first load's jigsaw links, cross-borough facts and gang overlap, written as the offline importer's files.

`jigsaw load --initial` builds the graph with the importer; building these two summaries
through Cypher afterwards would take longer than the import itself at a million rows (3.4
million links, each a node and two relationships). So they are worked out from the records the
load validated and the people it resolved (the same rows the graph's files come from) and
imported with the graph: the same nodes, labels, properties and relationships as
cypher/summary/links_build.cypher and cross_build.cypher write (tests/test_first_load.py
compares them with a Cypher build of the same graph). The records' facts come from the parts
(each process holds its own records), the people from the merge. The governance and overview
counts are written beside them, by graph_loader/count_files.py, and all London's missing-rising,
harmed-nominals and peer-on-peer HSB lists by graph_loader/list_files.py.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from contextlib import ExitStack
from itertools import combinations
from pathlib import Path

from jigsaw.access import ALL_SOURCES

from . import count_files, forked, import_files, list_files, overlap_build
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


# An active matrix entry as gang overlap sees it: key, harmed_or_exploited, the keys of the gangs it names.
EntryFacts = tuple[str, bool | None, tuple[str, ...]]


def entry_facts(graph: import_files.Graph) -> list[EntryFacts]:
    """What gang overlap needs of each active matrix entry in `graph` besides its RecordFacts."""
    gangs: dict[str, dict[str, None]] = defaultdict(dict)
    for record, gang, _ in graph.relationships.get(("NAMES_GANG", "Record", "Gang"), ()):
        gangs[record][gang] = None
    return [
        (key, props.get("harmed_or_exploited"), tuple(gangs[key]))
        for labels, group in graph.nodes.items()
        if labels[0] == "Record" and "MatrixEntry" in labels
        for key, props in group.items()
        if props.get("status") == "active"
    ]


def write(
    graph: import_files.Graph,
    records: Iterable[RecordFacts],
    folder: Path,
    entries: Iterable[EntryFacts] | None = None,
    counts: list[count_files.PartCounts] | None = None,
    lists: list[list_files.PartLists] | None = None,
) -> tuple[import_files.ImportFiles, dict[str, float]]:
    """The summaries' node and relationship files (`graph` holds the merge's people, places,
    gangs and agencies), and the seconds each took; gang overlap's too when given the active
    `entries`, the governance and overview counts when given each part's `counts`, and the
    missing-rising, harmed-nominals and peer HSB lists when given each part's `lists`.

    Where the platform forks, the links are written by a second process while this one writes the
    rest: each file is the same either way, and the files are listed in the same order.
    """
    person_of = {m: p for m, p, _ in graph.relationships.get(("REFERS_TO", "Mention", "Person"), ())}
    places = {key: props.get("name") for key, props in graph.nodes.get(("Place",), {}).items()}
    records = list(records)
    linking = forked.Forked(_links_file, records, person_of, places, folder) if forked.available() else None
    if linking is None:
        files, seconds = _links_file(records, person_of, places, folder)
    else:
        files, seconds = import_files.ImportFiles(folder), {}
    rest = import_files.ImportFiles(folder)
    began = time.monotonic()
    _write_cross(records, person_of, folder, rest)
    seconds["cross_borough_people"] = time.monotonic() - began
    if entries is not None:
        began = time.monotonic()
        gang_names = {key: props.get("name") for key, props in graph.nodes.get(("Gang",), {}).items()}
        _write_overlap(records, entries, person_of, gang_names, folder, rest)
        seconds["gang_overlap"] = time.monotonic() - began
    if counts is not None:
        began = time.monotonic()
        rest.add(count_files.write(graph, counts, person_of, folder))
        seconds[count_files.TIMING] = time.monotonic() - began
    if lists is not None:
        listed, listed_seconds = list_files.write(graph, lists, person_of, folder)
        rest.add(listed)
        seconds |= listed_seconds
    if linking is not None:
        files, linked = linking.result()
        seconds = linked | seconds
    files.add(rest)
    return files, seconds


def _links_file(records, person_of, places, folder: Path) -> tuple[import_files.ImportFiles, dict[str, float]]:
    """The links' files and their seconds."""
    began = time.monotonic()
    files = import_files.ImportFiles(folder)
    files.multiline = any(
        "\n" in name or "\r" in name for name in places.values() if name
    )  # a place's name is a bridge
    _write_links(records, person_of, places, folder, files)
    return files, {"jigsaw_links": time.monotonic() - began}


def _write_links(records, person_of, places, folder: Path, files: import_files.ImportFiles) -> None:
    """A link is a node and its two pieces: tied links (with their tying records' keys in `ties`
    and their sources in `tie_sources`) and Untied ones (neither) in files of their own, so an
    Untied link has no `ties` at all."""
    held = [
        Held(
            key,
            key,
            source,
            frozenset(person_of[m] for m, _ in said if m in person_of),
            named,
            min(boroughs, default=None),  # one a record (the first by name, as summary/links_rank takes)
        )
        for key, source, _, boroughs, said, named in records
    ]
    node_header = [
        ":ID(JigsawLink)",
        "kind:string",
        "person_a:string",
        "bridge:string",
        "person_b:string",
        "rank_a:string",
        "rank_b:string",
        "pair:string",
    ]
    headers = {
        "links": node_header + ["ties:string[]", "tie_sources:string[]"],
        "untied": node_header,
        "piece_a": [":START_ID(JigsawLink)", ":END_ID(Record)"],
        "piece_b": [":START_ID(JigsawLink)", ":END_ID(Record)"],
    }
    paths = {name: folder / f"summary-{name}.csv" for name in headers}
    counts = dict.fromkeys(paths, 0)
    with ExitStack() as stack:
        out = {
            name: stack.enter_context(import_files.opened_table(path, headers[name])) for name, path in paths.items()
        }
        for number, link in enumerate(links(held, places)):
            n = str(number)
            if link.ties:
                out["links"].writerow(
                    (
                        n,
                        *link[:4],
                        link.rank_a,
                        link.rank_b,
                        link.pair,
                        import_files.joined(link.ties),
                        import_files.joined(link.tie_sources) if link.tie_sources else None,
                    )
                )
                counts["links"] += 1
            else:
                out["untied"].writerow((n, *link[:4], link.rank_a, link.rank_b, link.pair))
                counts["untied"] += 1
            out["piece_a"].writerow((n, link.r1))
            out["piece_b"].writerow((n, link.r2))
    files.node_files += [("JigsawLink", paths["links"]), ("JigsawLink:Untied", paths["untied"])]
    files.nodes += counts["links"] + counts["untied"]
    # kind, person_a, bridge, person_b, rank_a, rank_b, pair (, ties, tie_sources)
    files.properties += 9 * counts["links"] + 7 * counts["untied"]
    files.relationship_files += [("PIECE_A", paths["piece_a"]), ("PIECE_B", paths["piece_b"])]
    files.relationships += 2 * (counts["links"] + counts["untied"])


def _write_cross(records, person_of, folder: Path, files: import_files.ImportFiles) -> None:
    """One CrossBoroughFact per (person, source, borough) of a person held by two boroughs or more;
    the first (by borough, then source) leads, with the person's whole answer and its rank; and a
    CrossBoroughAnswer per proper set of the sources (a reader of every borough and those sources)."""
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
    nodes, summarised, located, answers, answered = (
        folder / f"summary-cross-{n}.csv" for n in ("facts", "people", "boroughs", "answers", "answered")
    )
    count = leads = sets = 0
    with ExitStack() as stack:
        facts_out, people_out, boroughs_out, answers_out, answered_out = (
            stack.enter_context(import_files.opened_table(path, header))
            for path, header in (
                (nodes, [":ID(CrossBoroughFact)", *CROSS_COLUMNS]),
                (summarised, [":START_ID(Person)", ":END_ID(CrossBoroughFact)"]),
                (located, [":START_ID(CrossBoroughFact)", ":END_ID(Borough)"]),
                (answers, [":ID(CrossBoroughAnswer)", *ANSWER_COLUMNS]),
                (answered, [":START_ID(Person)", ":END_ID(CrossBoroughAnswer)"]),
            )
        )
        for person, facts in kept.items():
            if len({borough for borough, _ in facts}) < 2:
                continue
            for answer in _cross_answers(person, facts):
                answers_out.writerow((str(sets), person, *answer))
                answered_out.writerow((person, str(sets)))
                sets += 1
            ordered = sorted(facts.items(), key=lambda item: (item[0][0], item[0][1] is None, item[0][1] or ""))
            for i, ((borough, source), (roles, held)) in enumerate(ordered):
                n = str(count)
                lead = _cross_lead(person, facts) if i == 0 else ("",) * 7
                facts_out.writerow((n, person, source, import_files.joined(sorted(roles)), len(held), borough, *lead))
                people_out.writerow((person, n))
                boroughs_out.writerow((n, borough))
                count += 1
            leads += 1
    files.node_files += [("CrossBoroughFact", nodes), ("CrossBoroughAnswer", answers)]
    files.nodes += count + sets
    files.properties += 5 * count + 7 * leads + len(ANSWER_COLUMNS) * sets
    files.relationship_files += [("SUMMARISED_IN", summarised), ("IN_BOROUGH", located), ("SUMMARISED_IN", answered)]
    files.relationships += 2 * count + sets


# A fact's columns (its borough's name beside its IN_BOROUGH, as a record keeps it: migration 026); the
# last seven only on the person's lead fact (empty cells write nothing).
CROSS_COLUMNS = [
    "person_id:string",
    "source:string",
    "roles:string[]",
    "records:long",
    "borough:string",
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
    joined = import_files.joined
    return ("true", joined(boroughs), joined(agencies), joined(roles), total, len(boroughs), rank)


# A CrossBoroughAnswer's columns (cypher/summary/cross_sets writes the same).
ANSWER_COLUMNS = [
    "person_id:string",
    "boroughs:string[]",
    "agencies:string[]",
    "all_roles:string[]",
    "total:long",
    "borough_count:long",
    "rank:string",
]


def _cross_answers(person: str, facts: dict[tuple[str, str | None], tuple[dict, set]]) -> list[tuple]:
    """The person's answer for a reader of every borough and each proper set of the sources in which
    they are held by two boroughs or more, as cypher/summary/cross_sets works it out from the facts:
    the set's name (sorted sources, ',' between, ';' after) leads its rank."""
    found = []
    for size in range(1, len(ALL_SOURCES)):
        for chosen in combinations(sorted(ALL_SOURCES), size):
            mine = {(borough, source): held for (borough, source), held in facts.items() if source in chosen}
            boroughs = sorted({borough for borough, _ in mine})
            if len(boroughs) < 2:
                continue
            agencies = sorted({source for _, source in mine})
            roles = sorted({role for held_roles, _ in mine.values() for role in held_roles})
            total = sum(len(held) for _, held in mine.values())  # a record has one source and one borough
            rank = f"{','.join(chosen)};{9999 - len(boroughs):04d}{999999999999 - total:012d}{person}"
            joined = import_files.joined
            found.append((joined(boroughs), joined(agencies), joined(roles), total, len(boroughs), rank))
    return found


# Gang overlap's columns (graph_loader/overlap_build.py works the parts out, as overlap_build.cypher).
OVERLAP_FACT_COLUMNS = {
    "source": "string",
    "depends": "string[]",
    "roles": "string[]",
    "person_id": "string",
    "steps": "long",
    "nominal_of": "string[]",
    "harmed_nominal": "boolean",
    "nearest_nominal": "string",
    "nearest_gangs": "string[]",
    "lead": "boolean",
    "all_roles": "string[]",
    "borough_lead": "boolean",
    "borough_roles": "string[]",
    "borough": "string",
}
WAY_COLUMNS = {
    "steps": "long",
    "nominal": "string",
    "via": "string[]",
    "next": "string[]",
    "via_sources": "string[]",
    "next_sources": "string[]",
}


def _cells(props: dict, columns: dict[str, str], converted: list[tuple[int, str]]) -> list:
    """A row's cells: lists joined, booleans in lower case, nothing for a missing value. An empty
    list writes nothing too (the importer cannot tell it from none): summary/overlap_lists sets
    those after the import."""
    out = [props.get(key) for key in columns]
    for i, kind in converted:
        value = out[i]
        if value is not None:
            if kind == "boolean":
                out[i] = "true" if value else "false"
            else:
                out[i] = import_files.joined(value) if value else None
    return out


def _converted(columns: dict[str, str]) -> list[tuple[int, str]]:
    """The columns whose cells are not written as they are (worked out once a table, not once a row)."""
    return [(i, kind) for i, kind in enumerate(columns.values()) if kind.endswith("[]") or kind == "boolean"]


FACT_CONVERTED, WAY_CONVERTED = _converted(OVERLAP_FACT_COLUMNS), _converted(WAY_COLUMNS)


def _write_overlap(records, entries, person_of, gang_names, folder: Path, files: import_files.ImportFiles) -> None:
    """Every person's gang overlap part: GangOverlapFact and GangReach nodes, SUMMARISED_IN from the
    person, IN_BOROUGH from a fact, as graph_loader/overlap_build.py writes them through Cypher."""
    active = {key: (harmed, tuple(gang_names.get(g) for g in gangs)) for key, harmed, gangs in entries}
    held = [
        overlap_build.Held(
            key,
            source,
            boroughs,
            tuple((person_of[m], role) for m, role in said if m in person_of),
            key in active,
            active.get(key, (None, ()))[0],
            tuple(g for g in active.get(key, (None, ()))[1] if g is not None),
        )
        for key, source, _, boroughs, said, _ in records
    ]
    found = overlap_build.parts([h for h in held if h.said], overlap_build.peer_roles())
    paths = {name: folder / f"summary-overlap-{name}.csv" for name in ("facts", "ways", "summarised", "boroughs")}
    counts = dict.fromkeys(paths, 0)
    properties = 0
    with ExitStack() as stack:
        facts_out, ways_out, summarised_out, boroughs_out = (
            stack.enter_context(import_files.opened_table(paths[name], header))
            for name, header in (
                ("facts", [":ID(GangOverlap)", *(f"{k}:{v}" for k, v in OVERLAP_FACT_COLUMNS.items())]),
                ("ways", [":ID(GangOverlap)", *(f"{k}:{v}" for k, v in WAY_COLUMNS.items())]),
                ("summarised", [":START_ID(Person)", ":END_ID(GangOverlap)"]),
                ("boroughs", [":START_ID(GangOverlap)", ":END_ID(Borough)"]),
            )
        )
        number = 0
        for part in found:
            for way in part["ways"]:
                ways_out.writerow((number, *_cells(way, WAY_COLUMNS, WAY_CONVERTED)))
                summarised_out.writerow((part["person_id"], number))
                properties += len(way)
                counts["ways"] += 1
                number += 1
            for fact in part["facts"]:
                facts_out.writerow((number, *_cells(fact["props"], OVERLAP_FACT_COLUMNS, FACT_CONVERTED)))
                summarised_out.writerow((part["person_id"], number))
                if fact["borough"] is not None:
                    boroughs_out.writerow((number, fact["borough"]))
                    counts["boroughs"] += 1
                properties += len(fact["props"])
                counts["facts"] += 1
                number += 1
    files.node_files += [("GangOverlapFact", paths["facts"]), ("GangReach", paths["ways"])]
    files.nodes += counts["facts"] + counts["ways"]
    files.properties += properties
    files.relationship_files += [("SUMMARISED_IN", paths["summarised"]), ("IN_BOROUGH", paths["boroughs"])]
    files.relationships += counts["facts"] + counts["ways"] + counts["boroughs"]
