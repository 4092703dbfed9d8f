"""A borough's jigsaw links are read in the answer's order from the links' rank indexes (migration
010) and the read stops at the row cap: the rows must still be the live query's, cut where the
live one is cut, for every reader, and stay so after a load, a split and an erasure.

Data generated with a seed the read was not written against, in one borough so that it holds
more links than the catalogue keeps (the cap bites for an unrestricted and a restricted reader),
plus shapes the generator never makes: places whose names hold the characters the rank escapes
(\\x00, \\x01, \\x02, \\x03), names that are prefixes of one another, and a character beyond the
BMP, named by two agencies' records in three boroughs (links whose pieces lie in different
boroughs: rank_b).
"""

from __future__ import annotations

import pytest

from fixtures.generator import generate
from governance import erasure
from graph_loader.models.common import PlaceSeen
from identity import decisions
from jigsaw.access import ALL_SOURCES, FULL_SCOPE, Scope
from tests.builders import folder_with, hsb_case, load, person_in, referral
from tests.summary_checks import Comparisons

pytestmark = pytest.mark.neo4j

SEED = 52021  # not the demo's 7, nor any other summary test's


def _boroughs(graph, db) -> list[str]:
    rows = graph.execute_query(
        "MATCH (b:Borough)<-[:IN_BOROUGH]-(:Record)<-[:PIECE_A|PIECE_B]-(l:JigsawLink) "
        "RETURN b.name AS name, count(l) AS n ORDER BY n DESC, name",
        database_=db,
    ).records
    return [r["name"] for r in rows]


def _readers(boroughs: list[str]) -> dict[str, Scope]:
    return {
        "every source": FULL_SCOPE,
        "MASH and HSB": Scope(sources=("mash", "hsb"), boroughs=None),
        "MASH and the matrix, busiest borough": Scope(sources=("mash", "matrix"), boroughs=(boroughs[0],)),
        "every source, two boroughs": Scope(sources=ALL_SOURCES, boroughs=(boroughs[0], boroughs[1])),
    }


def _assert_as_live(graph, db, when: str, extra: tuple[str, ...] = ()) -> set[tuple[str, str | None]]:
    """Every reader, all London, the three busiest boroughs and `extra`: summary == live, whole and as a first
    page (each way in reads only as many links as the page asks: `$rows_read`); returns the (reader, borough)
    whose answer was cut at the cap."""
    boroughs = _boroughs(graph, db)
    answers, cut, paged = Comparisons(graph, db, when), set(), set()
    for label, scope in _readers(boroughs).items():
        for borough in dict.fromkeys([None, *boroughs[:3], *extra]):  # None: all London (migration 013's way)
            params = {} if borough is None else {"borough": borough}
            if answers.compare(label, "jigsaw_links", params, scope).truncated:
                cut.add((label, borough))
            page = answers.compare(label, "jigsaw_links", params, scope, limit=25)
            if page is not None and page.truncated:
                paged.add(label)
    answers.check()
    assert paged == set(_readers(boroughs)), f"{when}: a first page cut no answer of {set(_readers(boroughs)) - paged}"
    return cut


def _odd_places() -> list:
    """Two agencies' records at places whose names hold the escaped characters, in two boroughs."""
    names = ["Yard", "Yard\x00", "Yard\x01", "Yard\x01\x02", "Yard\x02", "Yard\x03x", "Yar", "Yard\U0001f600"]
    places = [{"place_name": n, "place_type": "other", "date_seen": "2024-02-10"} for n in names]
    mash = [
        referral("ORD-1", "Ori Ordway", "2010-01-01", suspect="Pax Ordway", places=places, borough="Hackney"),
        referral("ORD-2", "Una Ordway", "2011-02-02", suspect="Pax Ordway", places=places[::2], borough="Camden"),
    ]
    case = hsb_case("ORD-H1", "Vic Ordway", "Wes Ordway").model_copy(
        update={"borough": "Bexley", "places": [PlaceSeen.model_validate(p) for p in places]}
    )
    return mash, [case]


def test_a_boroughs_links_read_in_order_equal_the_live_answer_through_every_change(graph, db, tmp_path):
    generate(SEED, "M", tmp_path / "gen", rows=2500)  # one borough, ten years: its links pass the cap
    load(graph, db, tmp_path / "gen", tmp_path)
    mash, hsb = _odd_places()
    load(graph, db, folder_with(tmp_path / "odd", mash=mash, hsb=hsb), tmp_path)
    odd = ("Hackney", "Camden", "Bexley")
    ranked = graph.execute_query(
        "MATCH (l:JigsawLink) RETURN count(l.rank_a) AS a, count(l.rank_b) AS b, count(l) AS n", database_=db
    ).records[0]
    assert ranked["a"] == ranked["n"] > 0 and ranked["b"] > 0  # every piece has a borough; some links span two
    cut = _assert_as_live(graph, db, "after the loads", odd)
    readers = {label for label, _ in cut}
    assert "every source" in readers and len(readers) > 1, f"only {cut} reached the cap: the test would prove little"
    # All London's way for a restricted reader (read in (kind, person_a) order, filtered while read) cut too.
    assert any(borough is None and label != "every source" for label, borough in cut), cut

    # A load of new records in the busiest borough, naming generated children: new links among the first.
    busiest = _boroughs(graph, db)[0]
    kids = graph.execute_query(
        "MATCH (b:Borough {name: $b})<-[:IN_BOROUGH]-(:Record)-[:MENTIONS {role: 'child_at_risk'}]->(m:Mention) "
        "RETURN DISTINCT m.name AS name, toString(m.dob) AS dob ORDER BY name LIMIT 3",
        b=busiest,
        database_=db,
    ).records
    new = [
        referral(f"ORD-N{i}", k["name"], k["dob"], suspect="Ada Aardvark", borough=busiest) for i, k in enumerate(kids)
    ]
    load(graph, db, folder_with(tmp_path / "new", mash=new), tmp_path)
    _assert_as_live(graph, db, "after a load of new records", odd)

    # An identity split (Pax, named in two boroughs, taken apart), then an erasure.
    pax = person_in(graph, db, "mash:ORD-2", name="Pax Ordway")
    moved = [m["mention_key"] for m in decisions.person_mentions(graph, db, pax) if "ORD-2" in m["mention_key"]]
    decisions.split(graph, db, pax, moved, user="lead", why="two young people of one name")
    _assert_as_live(graph, db, "after a split", odd)

    erasure.erase_records(graph, db, ["mash:ORD-1", "mash:ORD-N0"], user="lead")
    _assert_as_live(graph, db, "after an erasure", odd)
