"""IN_SCOPE judges a node by the borough name it keeps (`borough`) where it keeps one, and walks its
IN_BOROUGH tie where it does not (jigsaw/need_to_know.py). That is one definition only while the two
agree: a node that keeps a name is tied to exactly that borough. Proved here for every label IN_SCOPE
is applied to in any .cypher file, on generated data of a seed the definition was not written against,
after a load, a reload that moves a record to another borough, a split and an erasure (each rebuilds
the facts that keep a borough). Labels whose `borough` means something else (a list's fact keeps its
matrix entry's or HSB case's borough, tied to none) must never be given to IN_SCOPE.

HELD_IN_SCOPE judges a record a list's fact names by the fact's note of its source and borough
(migration 027): one definition only while every note says what the record itself says, proved
after the same changes.
"""

from __future__ import annotations

import re

import pytest

from fixtures.generator import generate
from governance import erasure
from identity import decisions
from jigsaw import catalogue, cypher_files, need_to_know
from jigsaw.access import ALL_SOURCES, Scope
from tests.builders import folder_with, load, person_in, referral

SEED = 41177  # not the demo's 7, nor any other test's


def _labels_given_to_in_scope() -> dict[str, set[str]]:
    """label -> the .cypher files that give a node of that label to IN_SCOPE (as `(v:Label` in the file)."""
    given: dict[str, set[str]] = {}
    for name in cypher_files.names() + [f"summary/{n}" for n in cypher_files.names("summary")]:
        text = cypher_files.read(name)
        for var in set(re.findall(r"(?<![A-Z_])IN_SCOPE\((\w+)\)", text)):
            for label in re.findall(rf"\({var}\s*:\s*(\w+)", text):
                given.setdefault(label, set()).add(name)
    return given


def _disagreeing(graph, db) -> dict[str, int]:
    """label -> nodes that keep a borough name other than the one borough they are tied to."""
    rows = graph.execute_query(
        "MATCH (n) WHERE n.borough IS NOT NULL "
        "WITH n, COLLECT { MATCH (n)-[:IN_BOROUGH]->(b:Borough) RETURN b.name } AS tied "
        "WHERE tied <> [n.borough] "
        "UNWIND labels(n) AS label RETURN label, count(*) AS n",
        database_=db,
    ).records
    return {r["label"]: r["n"] for r in rows}


def _named(graph, db) -> set[str]:
    """Labels of nodes that keep a borough name and are tied to it."""
    rows = graph.execute_query(
        "MATCH (n)-[:IN_BOROUGH]->(b:Borough) WHERE n.borough = b.name UNWIND labels(n) AS label RETURN DISTINCT label",
        database_=db,
    ).records
    return {r["label"] for r in rows}


def _notes(graph, db) -> list[dict]:
    """Every note a list's fact keeps of a record it names, beside what the record says (None: not there)."""
    rows = graph.execute_query(
        "MATCH (f:HarmedNominalFact) "
        "UNWIND range(0, size(f.named_keys) - 1) AS i "
        "RETURN f.named_keys[i] AS key, [f.named_sources[i], f.named_boroughs[i]] AS noted "
        "UNION ALL "
        "MATCH (f:PeerHsbFact) "
        "UNWIND range(0, size(f.mash_referrals) - 1) AS i "
        "RETURN f.mash_referrals[i] AS key, ['mash', f.referral_boroughs[i]] AS noted",
        database_=db,
    ).records
    said = graph.execute_query(
        "UNWIND $keys AS key MATCH (r:Record {record_key: key}) RETURN key, [r.source, r.borough] AS said",
        keys=sorted({r["key"] for r in rows}),
        database_=db,
    ).records
    records = {r["key"]: r["said"] for r in said}
    return [{"key": r["key"], "noted": r["noted"], "said": records.get(r["key"])} for r in rows]


def _assert_names_agree(graph, db, when: str) -> None:
    given = _labels_given_to_in_scope()
    wrong = {label: n for label, n in _disagreeing(graph, db).items() if label in given}
    assert not wrong, f"{when}: nodes given to IN_SCOPE keep a borough name they are not tied to: {wrong}"
    notes = _notes(graph, db)
    assert notes, f"{when}: no list fact names a record (nothing was compared)"
    stale = [n for n in notes if n["noted"] != n["said"]]
    assert not stale, f"{when}: list facts note records other than as they are held: {stale[:5]}"


def test_the_scan_finds_the_labels_in_scope_is_given():
    given = _labels_given_to_in_scope()
    expected = {"Record", "MatrixEntry", "Referral", "GangOverlapFact", "MissingRisingFact", "CrossBoroughFact"}
    assert expected | {"SourceCount"} <= set(given), given
    # Their `borough` is their entry's or case's, and they are tied to no borough: never IN_SCOPE's.
    assert not {"HarmedNominalFact", "PeerHsbFact"} & set(given)
    # The definition reads the name first and walks the tie only for a node without one.
    expanded = need_to_know.expand("MATCH (r:Record) WHERE IN_SCOPE(r) RETURN r")
    assert "r.borough IN $scope_boroughs" in expanded and "r.borough IS NULL AND EXISTS" in expanded


@pytest.mark.neo4j
def test_every_node_in_scope_judges_by_its_borough_name_is_tied_to_that_borough(graph, db, tmp_path):
    generate(SEED, "S", tmp_path / "gen", rows=600)
    load(graph, db, tmp_path / "gen", tmp_path)
    moving = referral("BN-1", "Rory Mover", "2010-03-03", suspect="Zed Keeper", borough="Hackney")
    again = referral("BN-2", "Rory Mover", "2010-03-03", borough="Hackney")
    load(graph, db, folder_with(tmp_path / "first", mash=[moving, again]), tmp_path)
    _assert_names_agree(graph, db, "after the loads")
    # Not vacuous: records and the facts that keep a name do keep one, tied to it.
    assert {"Record", "Referral", "GangOverlapFact", "MissingRisingFact", "CrossBoroughFact", "SourceCount"} <= _named(
        graph, db
    )

    hackney = Scope(sources=ALL_SOURCES, boroughs=("Hackney",))
    rory = person_in(graph, db, "mash:BN-1", name="Rory Mover")

    def seen_by_hackney() -> bool:
        rows = catalogue.run(graph, db, "person_profile", {"person_id": rory}, scope=hackney).rows
        return any(r.get("record_id") == "BN-1" for r in rows)

    assert seen_by_hackney()
    # The same referral again, held for Camden: the record's name and tie move together.
    moved = referral("BN-1", "Rory Mover", "2010-03-03", suspect="Zed Keeper", borough="Camden")
    assert load(graph, db, folder_with(tmp_path / "moved", mash=[moved]), tmp_path).records_changed == 1
    _assert_names_agree(graph, db, "after a reload that moved a record to Camden")
    assert graph.execute_query(
        "MATCH (r:Record {record_key: 'mash:BN-1'})-[:IN_BOROUGH]->(b) RETURN r.borough AS kept, b.name AS tied",
        database_=db,
    ).records[0].data() == {"kept": "Camden", "tied": "Camden"}
    assert not seen_by_hackney()

    second = [m["mention_key"] for m in decisions.person_mentions(graph, db, rory) if "BN-2" in m["mention_key"]]
    decisions.split(graph, db, rory, second, user="lead", why="two children of one name")
    _assert_names_agree(graph, db, "after a split")
    erasure.erase_records(graph, db, ["mash:BN-1"], user="lead")
    _assert_names_agree(graph, db, "after an erasure")
