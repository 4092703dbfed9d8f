"""A restricted reader's gang overlap is read in the answer's order from indexes (migration 015: each
person's lead fact by person id, their borough-lead fact by borough and person id) and the read stops
at the row cap: the rows must still be the live query's, cut where the live one is cut, and the
migration must give a store built before it the facts' boroughs it reads by.

Data generated with a seed the read was not written against, plus shapes the generator never makes:
1,100 children in Sutton each named beside one nominal held there (more people than the catalogue keeps
within reach in one borough: the cap bites for readers of all London and of some boroughs), and children
named in Sutton and Bexley beside a nominal whose matrix entry is held in Camden (a reader of some
boroughs sees the children but cannot follow the way); and Nia, a nominal held in Sutton and a child at
risk in referrals held in Sutton and in Bexley (a reader of both boroughs meets her in each, and must list
her once).
"""

from __future__ import annotations

import pytest

from fixtures.generator import generate
from governance import erasure
from jigsaw import catalogue
from jigsaw.access import ALL_SOURCES, FULL_SCOPE, Scope
from tests.builders import (
    crowd_beside_a_nominal,
    folder_with,
    generated_borough,
    load,
    nominal,
    person_in,
    referral,
    run_paged_migration,
)
from tests.summary_checks import Comparisons, live_answer

pytestmark = pytest.mark.neo4j

SEED = 60613  # not the demo's 7, nor any other summary test's
ROWS = 3000  # one borough (the generator spreads more than 5,000 rows over London)
CROWD = 1100
MIGRATION = "migrations/015_gang_overlap_reader_order"

MASH_AND_MATRIX = Scope(sources=("mash", "matrix"), boroughs=None)


def _readers(generated: str) -> dict[str, Scope]:
    return {
        "every source": FULL_SCOPE,
        "MASH and the matrix": MASH_AND_MATRIX,
        "MASH and HSB, generated borough": Scope(sources=("mash", "hsb"), boroughs=(generated,)),
        "every source, Sutton and Bexley": Scope(sources=ALL_SOURCES, boroughs=("Sutton", "Bexley")),
        "matrix only": Scope(sources=("matrix",), boroughs=None),
    }


def _assert_as_live(graph, db, when: str) -> set[tuple]:
    """Every reader, all London and three boroughs, hops 0 to 2: summary == live; returns (reader, borough,
    hops) whose answer was cut at the cap."""
    answers, cut = Comparisons(graph, db, when), set()
    generated = generated_borough(graph, db, "GOR-")
    for label, scope in _readers(generated).items():
        for borough in (None, generated, "Sutton", "Bexley"):
            # Two steps through the crowd's nominal: the live search walks 1,100 x 1,100 ways (seconds
            # each on a shared machine), so two steps are compared where the crowd is not.
            for hops in (0, 1) if borough in (None, "Sutton") else (0, 1, 2):
                params = {"hops": hops} | ({} if borough is None else {"borough": borough})
                if answers.compare(label, "gang_overlap", params, scope).truncated:
                    cut.add((label, borough, hops))
    answers.check()
    return cut


def _odd(tmp_path):
    """A nominal held in Camden and the children beside them in Sutton and Bexley; Nia in both."""
    mash = [
        referral(f"GOR-{i}", f"Sutton Child{i}", "2011-04-04", suspect="Ned Wickham", borough="Sutton")
        for i in range(3)
    ] + [
        referral("GOR-B", "Bexley Child", "2011-05-05", suspect="Ned Wickham", borough="Bexley"),
        referral("GOR-NS", "Nia Both", "2008-08-08", borough="Sutton"),
        referral("GOR-NB", "Nia Both", "2008-08-08", borough="Bexley"),
    ]
    matrix = [
        nominal("GOR-NOM", "Ned Wickham", "2001-05-05").model_copy(update={"borough": "Camden"}),
        nominal("GOR-NOM-N", "Nia Both", "2008-08-08").model_copy(update={"borough": "Sutton"}),
    ]
    return folder_with(tmp_path / "odd", mash=mash, matrix=matrix)


def _unbacked(graph, db) -> list:
    """Facts whose `borough` is not the name of the borough they are tied to (or that have no tie but a name)."""
    return graph.execute_query(
        "MATCH (f:GangOverlapFact) OPTIONAL MATCH (f)-[:IN_BOROUGH]->(b:Borough) WITH f, collect(b.name) AS tied "
        "WHERE tied <> CASE WHEN f.borough IS NULL THEN [] ELSE [f.borough] END "
        "RETURN f.person_id AS person, f.borough AS kept, tied",
        database_=db,
    ).records


def test_a_restricted_readers_gang_overlap_read_in_order_equals_live_where_the_cap_bites(graph, db, tmp_path):
    generate(SEED, "M", tmp_path / "gen", rows=ROWS)  # one borough: more people within reach than the cap
    load(graph, db, tmp_path / "gen", tmp_path)
    load(graph, db, _odd(tmp_path), tmp_path)
    load(graph, db, crowd_beside_a_nominal(tmp_path, "GOR", CROWD), tmp_path)
    assert _unbacked(graph, db) == []
    cut = _assert_as_live(graph, db, "after the loads")
    # A first page (the explorer's) makes the read stop at that many rows and one more, then sort them
    # (`$rows_read`): the whole answer's first rows, cut and said so, for readers of all London and of some
    # boroughs, as a summary's and as live.
    readers = _readers(generated_borough(graph, db, "GOR-"))
    for label in ("MASH and the matrix", "every source, Sutton and Bexley"):
        whole = catalogue.run(graph, db, "gang_overlap", {"hops": 1}, scope=readers[label])
        page = catalogue.run(graph, db, "gang_overlap", {"hops": 1}, scope=readers[label], limit=7)
        live = live_answer(graph, db, "gang_overlap", {"hops": 1}, readers[label], limit=7)
        assert page.answered_from == "summary" and page.truncated and page.rows == whole.rows[:7] == live.rows, label
    nia = person_in(graph, db, "matrix:GOR-NOM-N")
    both = catalogue.run(
        graph, db, "gang_overlap", {"hops": 0}, scope=_readers("Sutton")["every source, Sutton and Bexley"]
    )
    assert [r["person_id"] for r in both.rows].count(nia) == 1 and both.answered_from == "summary"
    # The cap bites for a restricted reader on both ways: all London's and a borough's.
    assert ("MASH and the matrix", None, 1) in cut and ("MASH and the matrix", "Sutton", 1) in cut, cut
    assert ("every source, Sutton and Bexley", "Sutton", 1) in cut, cut
    assert ("every source, Sutton and Bexley", None, 1) in cut, cut

    # An erasure of the nominal beside Sutton's and Bexley's children: their facts and ways go.
    nom = person_in(graph, db, "matrix:GOR-NOM")
    erasure.erase_person(graph, db, nom, user="lead")
    assert _unbacked(graph, db) == []
    _assert_as_live(graph, db, "after an erasure")


def test_the_migration_gives_a_store_built_before_it_the_facts_boroughs_in_pages(graph, db, tmp_path):
    generate(SEED + 1, "S", tmp_path / "gen", rows=400)
    load(graph, db, tmp_path / "gen", tmp_path)
    load(graph, db, _odd(tmp_path), tmp_path)
    # A store from before the migration (no borough kept), and one fact that disagrees with its tie.
    graph.execute_query("MATCH (f:GangOverlapFact) REMOVE f.borough", database_=db)
    graph.execute_query(
        "MATCH (f:GangOverlapFact)-[:IN_BOROUGH]->(:Borough {name: 'Sutton'}) SET f.borough = 'Hackney'",
        database_=db,
    )
    assert len(_unbacked(graph, db)) > 3
    run_paged_migration(graph, db, MIGRATION)  # paged: each page its own transaction
    assert _unbacked(graph, db) == []
    reader = MASH_AND_MATRIX
    sutton = catalogue.run(graph, db, "gang_overlap", {"hops": 1, "borough": "Sutton"}, scope=reader)
    children = {r["person_id"] for r in sutton.rows if r["steps"] == 1 and r["nearest_gangs"] is not None}
    assert sutton.answered_from == "summary" and len(children) >= 3, sutton.rows  # the three children, by the index
    assert sutton.rows == live_answer(graph, db, "gang_overlap", {"hops": 1, "borough": "Sutton"}, reader).rows
