"""Shared by tests/test_summary_builds.py and tests/test_first_load.py: every jigsaw link,
cross-borough fact and answer (per set of sources), and every governance and overview count, as
comparable signatures, the Cypher and Python full builds, and the shapes of data the generator
never makes (see test_summary_builds' docstring)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from graph_loader import link_build
from graph_loader.models.common import PlaceSeen
from graph_loader.summaries import delete_in_batches
from jigsaw.access import ALL_SOURCES
from jigsaw.cypher_files import load as cypher
from tests.builders import folder_with, hsb_case, nominal, referral

SEED = 31337  # not the demo's 7, nor test_summaries' 90210

LINKS = """
MATCH (l:JigsawLink)-[:PIECE_A]->(r1), (l)-[:PIECE_B]->(r2)
RETURN labels(l) AS labels, properties(l) AS props, r1.record_key AS r1, r2.record_key AS r2,
       COUNT { (l)--() } AS degree
"""
FACTS = """
MATCH (p:Person)-[:SUMMARISED_IN]->(f:CrossBoroughFact)-[:IN_BOROUGH]->(b:Borough)
RETURN p.person_id AS person, labels(f) AS labels, properties(f) AS props, b.name AS borough,
       COUNT { (f)--() } AS degree
UNION ALL
MATCH (p:Person)-[:SUMMARISED_IN]->(f:CrossBoroughAnswer)
RETURN p.person_id AS person, labels(f) AS labels, properties(f) AS props, null AS borough,
       COUNT { (f)--() } AS degree
"""


COUNTS = """
MATCH (c) WHERE c:GovernanceCount OR c:BoroughCount OR c:SourceCount OR c:SourceTotal OR c:CategoryCount
RETURN labels(c) AS labels, properties(c) AS props, [(c)-[:IN_BOROUGH]->(b:Borough) | b.name] AS boroughs,
       COUNT { (c)--() } AS degree
"""


def counts_signature(driver, db) -> Counter:
    """Every governance and overview count node, with its labels, properties and borough, as a multiset."""
    return Counter(
        (tuple(sorted(r["labels"])), _plain(r["props"]), tuple(r["boroughs"]), r["degree"])
        for r in driver.execute_query(COUNTS, database_=db).records
    )


def _plain(props: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in props.items()))


def summary_signature(driver, db) -> tuple[Counter, Counter]:
    """Every link and fact, with its labels, properties (a link's tying records' keys among them) and
    relationships (ends by key), as multisets."""
    links = Counter(
        (tuple(sorted(r["labels"])), _plain(r["props"]), r["r1"], r["r2"], r["degree"])
        for r in driver.execute_query(LINKS, database_=db).records
    )
    facts = Counter(
        (r["person"], tuple(sorted(r["labels"])), _plain(r["props"]), r["borough"], r["degree"])
        for r in driver.execute_query(FACTS, database_=db).records
    )
    total = driver.execute_query(
        "MATCH (n) WHERE n:JigsawLink OR n:CrossBoroughFact OR n:CrossBoroughAnswer RETURN count(n) AS n",
        database_=db,
    ).records[0]["n"]
    assert total == links.total() + facts.total()  # none without its pieces
    return links, facts


def _run(driver, db, name: str) -> None:
    with driver.session(database=db) as session:
        session.run(cypher(f"summary/{name}"), {"all": True, "sources": list(ALL_SOURCES)}).consume()


def cypher_build(driver, db) -> None:
    delete_in_batches(driver, db, "links_delete_all")
    for name in ("links_build", "links_rank", "cross_delete", "cross_build", "cross_sets"):
        _run(driver, db, name)


def python_build(driver, db, page: int = link_build.PAGE) -> dict:
    delete_in_batches(driver, db, "links_delete_all")
    return link_build.build(driver, db, page)


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
