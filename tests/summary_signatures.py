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
from jigsaw.cypher_files import vocabulary
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


LISTS = """
MATCH (f) WHERE f:MissingRisingFact OR f:HarmedNominalFact OR f:PeerHsbFact
RETURN labels(f) AS labels, properties(f) AS props,
       [(f)<-[:SUMMARISED_IN]-(x) | coalesce(x.person_id, x.record_key)] AS owners,
       [(f)-[:IN_BOROUGH]->(b:Borough) | b.name] AS boroughs, COUNT { (f)--() } AS degree
"""


def lists_signature(driver, db) -> Counter:
    """Every missing-rising, harmed-nominals and peer-on-peer HSB fact, with its labels, properties,
    owner (person, entry or case) and borough, as a multiset."""
    return Counter(
        (tuple(sorted(r["labels"])), _plain(r["props"]), tuple(r["owners"]), tuple(r["boroughs"]), r["degree"])
        for r in driver.execute_query(LISTS, database_=db).records
    )


def lists_cypher_build(driver, db) -> None:
    """The missing-rising, harmed-nominals and peer-on-peer HSB lists deleted and built again by their Cypher."""
    with driver.session(database=db) as session:
        for stem in ("rising", "harmed", "peer_hsb"):
            session.run(cypher(f"summary/{stem}_delete"), {"all": True}).consume()
            build = cypher(f"summary/{stem}_build")
            session.run(build, {"all": True, **vocabulary(build)}).consume()


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


def awkward_lists(folder: Path) -> Path:
    """Shapes all London's lists meet that the generator never makes: a category missing between two
    (the rise judged over it), a looked-after child in one referral, no category in the last referral
    (no rise), two referrals on one day (their keys decide the order), a borough's referrals rising
    while all London's fall; a harmed nominal named as a child by MASH and HSB, one named by no one
    (every list of their fact empty), one in no gang, one removed from the matrix; HSB cases with no
    child displaying HSB, with no school, with two schools, and with no child in MASH."""
    lia, ola, eve, uma = (
        ("Lia Listwood", "2009-02-02"),
        ("Ola Listwood", "2009-03-03"),
        ("Eve Listwood", "2009-04-04"),
        (
            "Uma Listwood",
            "2009-05-05",
        ),
    )

    def said(rid, child, received, category, borough="Hackney", **extra):
        return referral(
            rid, *child, date_received=received, cse_category=category, borough=borough, concern_types=[], **extra
        )

    mash = [
        said("LST-REF-1", lia, "2023-01-05", "1", missing_episodes=1),
        said("LST-REF-2", lia, "2023-06-05", None, "Camden", missing_episodes=3, looked_after=True),
        said("LST-REF-3", lia, "2024-01-05", "3", missing_episodes=2),
        said("LST-REF-4", ola, "2023-01-01", "3"),
        said("LST-REF-5", ola, "2023-02-01", "1", "Camden"),
        said("LST-REF-6", ola, "2023-03-01", "2", "Camden", missing_episodes=4),
        said("LST-REF-7", ola, "2023-04-01", "2"),
        said("LST-REF-8", eve, "2023-01-01", "1"),
        said("LST-REF-9", eve, "2023-02-01", None),
        said("LST-REF-11", uma, "2023-05-05", "2", missing_episodes=2),  # after LST-REF-10 by key: a rise
        said("LST-REF-10", uma, "2023-05-05", "none"),
    ]
    harmed = {"harmed_or_exploited": True}
    matrix = [
        nominal("LST-NOM-1", *lia).model_copy(update=harmed),
        nominal("LST-NOM-2", "Noa Listwood", "2008-06-06").model_copy(update=harmed | {"gangs": []}),
        nominal("LST-NOM-3", *ola).model_copy(update=harmed | {"status": "removed"}),
    ]
    child = {"dob": lia[1], "school": "Clapton Park Academy"}
    case = hsb_case(
        "LST-HSB-1",
        "Kit Listwood",
        lia[0],
        children=[
            {"child_ref": "C1", "role": "displaying_hsb", "name": "Kit Listwood", "dob": "2009-04-04"},
            {"child_ref": "C2", "role": "harmed", "name": lia[0]} | child,
        ],
    )
    # Peer HSB: a case whose only child is harmed (no child displaying HSB: an empty list), in four
    # referrals of two boroughs, with no school; one whose child displaying HSB is in MASH and two of
    # whose mentions attend schools (the first by name kept); one whose children are in no referral.
    lone = hsb_case(
        "LST-HSB-2",
        "unused",
        "unused",
        children=[{"child_ref": "C9", "role": "harmed", "name": ola[0], "dob": ola[1]}],
    )
    schooled = hsb_case(
        "LST-HSB-3",
        eve[0],
        "Zed Listwood",
        borough="Camden",
        children=[
            {"child_ref": "C1", "role": "displaying_hsb", "name": eve[0], "dob": eve[1], "school": "Zeta School"},
            {"child_ref": "C2", "role": "harmed", "name": "Zed Listwood", "dob": "2010-01-01"}
            | {"school": "Alpha School"},
        ],
    )
    unknown = hsb_case("LST-HSB-4", "Ada Nowhere", "Bo Nowhere")
    return folder_with(folder, mash=mash, matrix=matrix, hsb=[case, lone, schooled, unknown])
