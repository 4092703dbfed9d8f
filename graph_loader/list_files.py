"""A first load's missing-rising, harmed-nominals and peer-on-peer HSB lists, written as the offline
importer's files.

The MissingRisingFact, HarmedNominalFact and PeerHsbFact nodes cypher/summary/rising_build.cypher,
harmed_build.cypher and peer_hsb_build.cypher make of the imported graph, worked out from the graph
the load builds instead: through Cypher after the import they took 20 to 23 s each at L, mostly a
server that has just started (each 7 to 9 s warm; peer HSB 8.3 s), against a few seconds here, in
the main process while the links' process runs. Each part keeps what its records say of the people
they name (a record is in one part only); the merge, which resolved the mentions, gathers them by
person. tests/test_first_load.py compares the result with the three builds on the imported graph.

What the Cypher does that the Python must do the same way (tests/test_list_files.py):
  * a referral naming a child twice is counted twice (one row per MENTIONS of the child);
  * referrals in date order, a referral with no date last (ORDER BY puts nulls last), then by key;
  * a category is an integer by toInteger, 'none' 0, a missing one null (no rise can be judged);
  * `looked_after` is any() of the referrals': true if one is, else null if one is unknown;
  * an empty list is no importer cell: summary/harmed_lists and peer_hsb_lists give them back after
    the import;
  * peer HSB: a case's children in person-id order, each list without repeats; its MASH referrals
    (any mention of the child, any role) in key order, each with its borough or ''; its first
    school by name of those its mentions attend; no fact unless a child is in a referral.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path

from graph_loader.models.vocab import CseCategory
from jigsaw.cypher_files import load as cypher
from jigsaw.cypher_files import vocabulary

from . import import_files
from .import_files import stored

RISING_SPACE, HARMED_SPACE, PEER_SPACE = "MissingRising", "HarmedNominal", "PeerHsb"
CHILD_AT_RISK, NOMINAL = "child_at_risk", "gang_nominal"
DISPLAYING, HARMED = "child_displaying_hsb", "child_harmed"  # the two children of an HSB case
# The categories a referral can hold (graph_loader/models/vocab.py), as rising_build ranks them.
LEVELS = {c.value: (0 if c is CseCategory.none else int(c.value)) for c in CseCategory}

# A referral as the missing-rising list sees it: key, date, borough, category, missing episodes,
# looked after, source, and the mentions it names as a child at risk (one per MENTIONS).
ReferralFacts = tuple[str, date | None, str | None, str | None, int | None, bool | None, str | None, tuple[str, ...]]
# A record naming people in a child's role: key, source, borough (its property), those mentions.
NamingFacts = tuple[str, str | None, str | None, tuple[str, ...]]
# An active, harmed-or-exploited entry with a borough: key, its properties the fact copies, its nominal mentions.
EntryFacts = tuple[str, dict, tuple[str, ...]]
# An HSB case: key, case id, its borough where it has a date (else None), its mentions as the child
# displaying HSB and as the child harmed, and the keys of the schools any of its mentions attend.
CaseFacts = tuple[str, str | None, str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...]]
# A MASH referral: key, borough, every mention it names (any role): where a child of a case is "in MASH".
MashFacts = tuple[str, str | None, tuple[str, ...]]


@dataclass
class PartLists:
    """What one part's records give the two lists."""

    referrals: list[ReferralFacts] = field(default_factory=list)
    naming: list[NamingFacts] = field(default_factory=list)
    entries: list[EntryFacts] = field(default_factory=list)
    cases: list[CaseFacts] = field(default_factory=list)
    mash: list[MashFacts] = field(default_factory=list)


def child_roles() -> frozenset[str]:
    return frozenset(vocabulary(cypher("summary/harmed_build"))["child_roles"])


def part_lists(graph: import_files.Graph) -> PartLists:
    """What the records in `graph` (one part's) give the lists."""
    roles = child_roles()
    at_risk: dict[str, list[str]] = defaultdict(list)
    as_child: dict[str, dict[str, None]] = defaultdict(dict)
    nominal: dict[str, dict[str, None]] = defaultdict(dict)
    named: dict[str, dict[str, None]] = defaultdict(dict)  # every mention of each record
    children: dict[str, dict[str, dict[str, None]]] = {DISPLAYING: defaultdict(dict), HARMED: defaultdict(dict)}
    for record, mention, props in graph.relationships.get(("MENTIONS", "Record", "Mention"), ()):
        role = props.get("role")
        named[record][mention] = None
        if role == CHILD_AT_RISK:
            at_risk[record].append(mention)
        if role in roles:
            as_child[record][mention] = None
        if role == NOMINAL:
            nominal[record][mention] = None
        if role in children:
            children[role][record][mention] = None
    schools: dict[str, list[str]] = defaultdict(list)
    for mention, school, _ in graph.relationships.get(("ATTENDS", "Mention", "School"), ()):
        schools[mention].append(school)
    lists = PartLists()
    for labels, group in graph.nodes.items():
        if labels[0] != "Record":
            continue
        for key, props in group.items():
            source, borough = stored(props.get("source")), stored(props.get("borough"))
            if "HsbCase" in labels:
                lists.cases.append(
                    (
                        key,
                        stored(props.get("source_id")),
                        borough if props.get("record_date") is not None else None,
                        tuple(children[DISPLAYING].get(key, ())),
                        tuple(children[HARMED].get(key, ())),
                        tuple(dict.fromkeys(s for m in named.get(key, ()) for s in schools.get(m, ()))),
                    )
                )
            if "Referral" in labels and key in named:
                lists.mash.append((key, borough, tuple(named[key])))
            if key in as_child:
                lists.naming.append((key, source, borough, tuple(as_child[key])))
            if "Referral" in labels and key in at_risk:
                lists.referrals.append(
                    (
                        key,
                        props.get("record_date"),
                        borough,
                        stored(props.get("cse_category")),
                        props.get("missing_episodes"),
                        props.get("looked_after"),
                        source,
                        tuple(at_risk[key]),
                    )
                )
            if (
                "MatrixEntry" in labels
                and key in nominal
                and props.get("harmed_or_exploited") is True
                and props.get("status") == "active"
                and borough is not None
            ):
                kept = {name: props.get(name) for name in ("source_id", "gangs", "harm_band", "status", "borough")}
                lists.entries.append((key, kept, tuple(nominal[key])))
    return lists


def _any(values: Iterable[bool | None]) -> bool | None:
    """Cypher's any(): true if one is, else null if one is unknown, else false."""
    unknown = False
    for value in values:
        if value is None:
            unknown = True
        elif value:
            return True
    return None if unknown else False


def _by_date(referral: ReferralFacts) -> tuple:
    """ORDER BY r.record_date, r.record_key: a referral with no date after every dated one."""
    return (referral[1] is None, referral[1] or date.min, referral[0])


def rising_facts(
    referrals: Iterable[ReferralFacts], person_of: dict[str, str], boroughs: set[str]
) -> list[tuple[str, dict, str | None]]:
    """(person, the fact's properties, its borough or None) for each child whose category rose, over
    all their referrals and over each borough's alone, as summary/rising_build works them out."""
    held: dict[str, list[ReferralFacts]] = defaultdict(list)
    for referral in referrals:
        for mention in referral[7]:
            person = person_of.get(mention)
            if person is not None:
                held[person].append(referral)
    found = []
    for person, refs in held.items():
        if len(refs) < 2:
            continue
        refs.sort(key=_by_date)
        for borough in (None, *dict.fromkeys(r[2] for r in refs if r[2] in boroughs)):
            mine = refs if borough is None else [r for r in refs if r[2] == borough]
            fact = _rising(person, mine, borough)
            if fact is not None:
                found.append((person, fact, borough))
    return found


def _rising(person: str, refs: list[ReferralFacts], borough: str | None) -> dict | None:
    if len(refs) < 2:
        return None
    first, last = LEVELS.get(refs[0][3]), LEVELS.get(refs[-1][3])
    if first is None or last is None or not last > first:
        return None
    missing = [0 if r[4] is None else r[4] for r in refs]
    fact = {
        "person_id": person,
        "referrals": len(refs),
        "categories": ["" if r[3] is None else str(r[3]) for r in refs],
        "missing_episodes": missing,
        "missing_rose": any(b > a for a, b in pairwise(missing)),
        "first_date": refs[0][1],
        "last_date": refs[-1][1],
        "looked_after": _any(r[5] for r in refs),
    }
    if borough is None:
        fact["rank"] = -missing[-1]
    else:
        fact |= {"borough": borough, "borough_rank": -missing[-1], "source": refs[0][6]}
    return {k: v for k, v in fact.items() if v is not None}


def harmed_facts(
    naming: Iterable[NamingFacts], entries: Iterable[EntryFacts], person_of: dict[str, str]
) -> list[tuple[str, dict]]:
    """(entry key, the fact's properties) for each active, harmed-or-exploited entry with a borough and
    each person its nominal mentions are, as summary/harmed_build works them out (empty lists kept)."""
    named: dict[str, dict[str, tuple[str | None, str | None]]] = defaultdict(dict)  # person -> key -> held
    for key, source, borough, mentions in naming:
        for mention in mentions:
            person = person_of.get(mention)
            if person is not None:
                named[person][key] = (source, borough)
    found = []
    for key, props, mentions in entries:
        for person in dict.fromkeys(person_of[m] for m in mentions if m in person_of):
            held = sorted(named.get(person, {}).items())
            by = {
                s: [k for k, (source, _) in held if source == s] for s in ("mash", "hsb")
            }  # NOT x.source IN [...] is null, not true, for a record with no source
            other = [k for k, (source, _) in held if source is not None and source not in ("mash", "hsb")]
            fact = {
                "person_id": person,
                "nominal_id": props["source_id"],
                "gangs": props["gangs"],
                "harm_band": props["harm_band"],
                "status": props["status"],
                "borough": props["borough"],
                "harmed_mash": by["mash"],
                "harmed_hsb": by["hsb"],
                "harmed_other": other,
                "named_keys": [k for k, _ in held],
                "named_sources": [source for _, (source, _) in held],
                "named_boroughs": ["" if borough is None else borough for _, (_, borough) in held],
                "rank": -len(other),
                "rank_mash": -len(other) - len(by["mash"]),
                "rank_hsb": -len(other) - len(by["hsb"]),
                "rank_all": -len(other) - len(by["mash"]) - len(by["hsb"]),
            }
            found.append((key, {k: v for k, v in fact.items() if v is not None}))
    return found


def peer_facts(
    cases: Iterable[CaseFacts], mash: Iterable[MashFacts], person_of: dict[str, str], school_names: dict[str, str]
) -> list[tuple[str, dict]]:
    """(case key, the fact's properties) for each HSB case a child of which is in a MASH referral, as
    summary/peer_hsb_build works them out (empty lists kept)."""
    referred: dict[str, dict[str, str]] = defaultdict(dict)  # person -> referral key -> its borough or ''
    for key, borough, mentions in mash:
        for mention in mentions:
            person = person_of.get(mention)
            if person is not None:
                referred[person][key] = "" if borough is None else borough
    found = []
    for key, case_id, borough, displaying, harmed, schools in cases:
        shown = sorted({person_of[m] for m in displaying if m in person_of})
        hurt = sorted({person_of[m] for m in harmed if m in person_of})
        in_mash = sorted({p for p in (*shown, *hurt) if p in referred})
        if not in_mash:
            continue
        referrals = sorted({k: b for p in in_mash for k, b in referred[p].items()}.items())
        names = sorted({school_names[s] for s in schools if school_names.get(s) is not None})
        fact = {
            "hsb_case": case_id,
            "school": names[0] if names else None,
            "displaying": shown,
            "harmed": hurt,
            "in_mash": in_mash,
            "mash_referrals": [k for k, _ in referrals],
            "referral_boroughs": [b for _, b in referrals],
            "rank": -len(in_mash),
            "borough": borough,
        }
        found.append((key, {k: v for k, v in fact.items() if v is not None}))
    return found


def _record_facts(
    files: import_files.ImportFiles,
    folder: Path,
    stem: str,
    owners: str,
    space: str,
    label: str,
    facts: list[tuple[str, dict]],
) -> None:
    """Facts each summarising one record ((record key, properties) pairs): their nodes, without empty
    lists (no importer cell holds one), in `<stem>.csv`, and each record's SUMMARISED_IN in `<stem>-<owners>.csv`."""
    files.node_table(
        folder / f"{stem}.csv",
        space,
        label,
        [(str(n), {k: v for k, v in fact.items() if v != []}) for n, (_, fact) in enumerate(facts)],
    )
    files.ties(
        folder / f"{stem}-{owners}.csv",
        "SUMMARISED_IN",
        "Record",
        space,
        [(record, str(n)) for n, (record, _) in enumerate(facts)],
    )


def write(
    graph: import_files.Graph, parts: list[PartLists], person_of: dict[str, str], folder: Path
) -> tuple[import_files.ImportFiles, dict[str, float]]:
    """The three lists' nodes and relationships (`graph` holds the merge's boroughs and schools;
    `person_of` each resolved mention's person)."""
    files, seconds = import_files.ImportFiles(folder), {}
    began = time.monotonic()
    rising = rising_facts(
        (r for part in parts for r in part.referrals), person_of, set(graph.nodes.get(("Borough",), {}))
    )
    files.node_table(
        folder / "summary-rising.csv",
        RISING_SPACE,
        "MissingRisingFact",
        [(str(n), f) for n, (_, f, _) in enumerate(rising)],
    )
    files.ties(
        folder / "summary-rising-people.csv",
        "SUMMARISED_IN",
        "Person",
        RISING_SPACE,
        [(person, str(n)) for n, (person, _, _) in enumerate(rising)],
    )
    files.ties(
        folder / "summary-rising-boroughs.csv",
        "IN_BOROUGH",
        RISING_SPACE,
        "Borough",
        [(str(n), borough) for n, (_, _, borough) in enumerate(rising) if borough is not None],
    )
    seconds["missing_rising_category"] = time.monotonic() - began
    began = time.monotonic()
    harmed = harmed_facts(
        (n for part in parts for n in part.naming), (e for part in parts for e in part.entries), person_of
    )
    # An empty list has no cell: summary/harmed_lists gives it back after the import.
    _record_facts(files, folder, "summary-harmed", "entries", HARMED_SPACE, "HarmedNominalFact", harmed)
    seconds["harmed_nominals"] = time.monotonic() - began
    began = time.monotonic()
    school_names = {key: stored(props.get("name")) for key, props in graph.nodes.get(("School",), {}).items()}
    peer = peer_facts(
        (c for part in parts for c in part.cases), (m for part in parts for m in part.mash), person_of, school_names
    )
    # An empty list has no cell: summary/peer_hsb_lists gives it back after the import.
    _record_facts(files, folder, "summary-peer-hsb", "cases", PEER_SPACE, "PeerHsbFact", peer)
    seconds["peer_on_peer_hsb"] = time.monotonic() - began
    return files, seconds
