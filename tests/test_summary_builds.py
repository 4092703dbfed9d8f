"""The full build of jigsaw links in Python (graph_loader/link_build.py) writes exactly what the
Cypher build writes (cypher/summary/links_build.cypher with $all, which the incremental path
still runs): every node with its labels and properties, and every relationship with its ends.
The signature here (links and cross-borough facts) is also what tests/test_first_load.py
compares a first load's imported summaries with.

Generated data with a seed the builds were not written against, and shapes the generator never
makes: two places of one name (different postcodes) named by the same two records of two
agencies, one person named twice in a record, a record naming a place twice, a nominal removed
from the matrix held in two boroughs, a child named in three boroughs.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from fixtures.generator import generate
from graph_loader import link_build
from graph_loader.models.common import PlaceSeen
from jigsaw.cypher_files import load as cypher
from tests.builders import folder_with, hsb_case, load, nominal, referral

pytestmark = pytest.mark.neo4j

SEED = 31337  # not the demo's 7, nor test_summaries' 90210

LINKS = """
MATCH (l:JigsawLink)-[:PIECE_A]->(r1), (l)-[:PIECE_B]->(r2)
RETURN labels(l) AS labels, properties(l) AS props, r1.record_key AS r1, r2.record_key AS r2,
       COLLECT { MATCH (l)-[:TIED_BY]->(t) RETURN t.record_key AS k ORDER BY k } AS ties,
       COLLECT { MATCH (l)-[:UNTIED_IN]->(b) RETURN b.name AS k ORDER BY k } AS boroughs,
       COUNT { (l)--() } AS degree
"""
FACTS = """
MATCH (p:Person)-[:SUMMARISED_IN]->(f:CrossBoroughFact)-[:IN_BOROUGH]->(b:Borough)
RETURN p.person_id AS person, labels(f) AS labels, properties(f) AS props, b.name AS borough,
       COUNT { (f)--() } AS degree
"""


def _plain(props: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in props.items()))


def summary_signature(driver, db) -> tuple[Counter, Counter]:
    """Every link and fact, with its labels, properties and relationships (ends by key), as multisets."""
    links = Counter(
        (tuple(sorted(r["labels"])), _plain(r["props"]), r["r1"], r["r2"], tuple(r["ties"]), tuple(r["boroughs"]))
        + (r["degree"],)
        for r in driver.execute_query(LINKS, database_=db).records
    )
    facts = Counter(
        (r["person"], tuple(sorted(r["labels"])), _plain(r["props"]), r["borough"], r["degree"])
        for r in driver.execute_query(FACTS, database_=db).records
    )
    total = driver.execute_query(
        "MATCH (n) WHERE n:JigsawLink OR n:CrossBoroughFact RETURN count(n) AS n", database_=db
    ).records[0]["n"]
    assert total == links.total() + facts.total()  # none without its pieces
    return links, facts


def _run(driver, db, name: str) -> None:
    with driver.session(database=db) as session:
        session.run(cypher(f"summary/{name}"), {"all": True}).consume()


def cypher_build(driver, db) -> None:
    for name in ("links_delete", "links_build", "cross_delete", "cross_build"):
        _run(driver, db, name)


def python_build(driver, db) -> dict:
    _run(driver, db, "links_delete")
    return link_build.build(driver, db)


def awkward(folder: Path) -> Path:
    """Shapes the generator never makes (see the module's docstring)."""
    cafe = {"place_name": "Corner Cafe", "place_type": "cafe", "date_seen": "2024-02-10"}
    twice = [cafe | {"postcode": "E8 1AB"}, cafe | {"postcode": "N16 5AA"}, cafe | {"postcode": "E8 1AB"}]
    mash = [
        referral(
            "ODD-REF-1",
            "Nia Oddfellow",
            "2010-06-06",
            suspect="Rex Oddfellow",
            places=twice,
            people=[
                {"person_ref": "P1", "role": "suspected_perpetrator", "name": "Rex Oddfellow", "dob": "2001-05-05"},
                {"person_ref": "P2", "role": "associate", "name": "Rex Oddfellow", "dob": "2001-05-05"},
                {"person_ref": "P3", "role": "associate", "name": "Sol Oddfellow", "dob": "2003-03-03"},
            ],
        ),
        referral("ODD-REF-2", "Nia Oddfellow", "2010-06-06", suspect="Sol Oddfellow", borough="Camden"),
        referral("ODD-REF-3", "Nia Oddfellow", "2010-06-06", borough="Bexley", suspect="Rex Oddfellow"),
    ]
    case = hsb_case("ODD-HSB-1", "Kai Oddfellow", "Nia Oddfellow").model_copy(
        update={"borough": "Camden", "places": [PlaceSeen.model_validate(p) for p in twice[:2]]}
    )
    removed = nominal("ODD-NOM-1", "Rex Oddfellow", "2001-05-05").model_copy(update={"status": "removed"})
    active = nominal("ODD-NOM-2", "Rex Oddfellow", "2001-05-05").model_copy(update={"borough": "Sutton"})
    return folder_with(folder, mash=mash, matrix=[removed, active], hsb=[case])


def test_the_python_full_build_writes_what_the_cypher_build_writes(graph, db, tmp_path):
    generate(SEED, "S", tmp_path / "gen", rows=600)
    load(graph, db, tmp_path / "gen", tmp_path)
    load(graph, db, awkward(tmp_path / "odd"), tmp_path)
    cypher_build(graph, db)
    expected = summary_signature(graph, db)
    built = python_build(graph, db)
    found = summary_signature(graph, db)
    assert found == expected
    links, facts = found
    assert built["links"] == links.total() > 0 and facts.total() > 0
    assert any("Untied" in labels for labels, *_ in links) and any(ties for *_, ties, _, _ in links)
    odd = [k for k in links if k[2].startswith("mash:ODD") or k[3].startswith("mash:ODD")]
    assert any(dict(k[1])["bridge"] == "Corner Cafe" for k in odd)  # the two cafes of one name: one link per pair
    assert any("removed_from_matrix" in dict(f[2])["roles"] for f in facts)
