"""The lists for a borough, answered from their summaries, answer exactly as the live queries do.

missing_rising_category (migration 020) for every reader, for every borough and threshold, after a load adds to
it, after an erasure, and after the migration's backfill of a store built before it. A borough's list counts only
the referrals held there, so it is not all London's list cut to a borough: the shapes below rise in one borough
and not across London, and the other way round. harmed_nominals and peer_on_peer_hsb (migration 021) for a reader
of every borough, after the backfill. The rest is generated data from a seed the summaries were not written
against. tests/test_list_summaries.py compares the busiest borough for every source set after every other kind
of change (reload, identity decision and split, rebuild).
"""

from __future__ import annotations

from itertools import combinations

import pytest

from fixtures.generator import generate
from governance import erasure
from jigsaw import catalogue
from jigsaw.access import ALL_SOURCES, FULL_SCOPE, Scope
from tests.builders import folder_with, load, person_in, referral, run_paged_migration
from tests.four_readers import busiest_boroughs
from tests.summary_checks import Comparisons

pytestmark = pytest.mark.neo4j

SEED = 60613  # not the demo's 7, nor any other summary test's


def shapes(tmp_path):
    """Ria rises in Sutton (1 then 2) but not across London (3 in Hackney first); Ben rises across London
    (1 in Sutton, then 3 in Hackney) but in neither borough (one referral each); Cal rises in Sutton from 'none'
    through a category not given, with no missing episodes recorded."""
    ria = [
        ("RB-R1", "Hackney", "2023-01-05", "3", 3),
        ("RB-R2", "Sutton", "2023-03-05", "1", 2),
        ("RB-R3", "Sutton", "2023-06-05", "2", 5),
    ]
    ben = [("RB-B1", "Sutton", "2023-01-07", "1", 0), ("RB-B2", "Hackney", "2023-05-07", "3", 4)]
    cal = [
        ("RB-C1", "Sutton", "2022-02-02", "none", None),
        ("RB-C2", "Sutton", "2022-05-02", None, None),
        ("RB-C3", "Sutton", "2022-09-02", "2", None),
    ]
    mash = [
        referral(rid, name, dob, borough=borough, date_received=on, cse_category=category, missing_episodes=missing)
        for name, dob, made in (
            ("Ria Riseborough", "2011-04-04", ria),
            ("Ben Boroughless", "2010-08-08", ben),
            ("Cal Categoryless", "2012-12-12", cal),
        )
        for rid, borough, on, category, missing in made
    ]
    return folder_with(tmp_path / "shapes", mash=mash)


def readers(boroughs: list[str]) -> dict[str, Scope]:
    return {
        "everyone": FULL_SCOPE,
        "MASH only, every borough": Scope(sources=("mash",), boroughs=None),
        "matrix and HSB, every borough": Scope(sources=("matrix", "hsb"), boroughs=None),
        "MASH, Sutton only": Scope(sources=("mash",), boroughs=("Sutton",)),
        "all sources, two boroughs": Scope(sources=ALL_SOURCES, boroughs=(boroughs[0], "Hackney")),
    }


def assert_as_live(graph, db, when: str) -> None:
    boroughs = busiest_boroughs(graph, db)
    checks = Comparisons(graph, db, when)
    for label, scope in readers(boroughs).items():
        for borough in dict.fromkeys(["Sutton", "Hackney", *boroughs[:2]]):
            for min_missing in (0, 2, 4):
                checks.compare(
                    label, "missing_rising_category", {"borough": borough, "min_missing": min_missing}, scope
                )
    checks.check(["missing_rising_category"])


def ids(graph, db, params: dict, scope: Scope = FULL_SCOPE) -> set[str]:
    result = catalogue.run(graph, db, "missing_rising_category", params, scope=scope)
    assert result.answered_from == "summary", result.note
    return {row["person_id"] for row in result.rows}


def test_a_boroughs_list_answers_as_live_for_every_reader_and_change(graph, db, tmp_path):
    generate(SEED, "S", tmp_path / "gen", rows=600)
    load(graph, db, tmp_path / "gen", tmp_path)
    load(graph, db, shapes(tmp_path), tmp_path)
    ria, ben, cal = (person_in(graph, db, f"mash:{rid}", role="child_at_risk") for rid in ("RB-R1", "RB-B1", "RB-C1"))
    sutton = {"borough": "Sutton", "min_missing": 0}
    assert {ria, cal} <= ids(graph, db, sutton) and ben not in ids(graph, db, sutton)
    assert ben in ids(graph, db, {"min_missing": 0}) and ria not in ids(graph, db, {"min_missing": 0})
    assert ria not in ids(graph, db, {"borough": "Hackney", "min_missing": 0})
    assert ria in ids(graph, db, {"borough": "Sutton", "min_missing": 5}) and cal not in ids(
        graph, db, sutton | {"min_missing": 1}
    )
    assert not ids(graph, db, sutton, Scope(sources=("mash",), boroughs=("Hackney",)))
    assert_as_live(graph, db, "after the first loads")

    # A later load: Ben's second Sutton referral makes him rise there, with 6 episodes (first in the list).
    more = [
        referral(
            "RB-B3",
            "Ben Boroughless",
            "2010-08-08",
            borough="Sutton",
            date_received="2024-01-07",
            cse_category="2",
            missing_episodes=6,
        )
    ]
    load(graph, db, folder_with(tmp_path / "more", mash=more), tmp_path)
    sutton_rows = catalogue.run(graph, db, "missing_rising_category", sutton).rows
    assert sutton_rows[0]["person_id"] == ben and sutton_rows[0]["missing_episodes"] == [0, 6]
    assert_as_live(graph, db, "after a load that adds to a borough")

    # Erasing Ria's records takes her from Sutton's list at once.
    erasure.erase_records(graph, db, [f"mash:{rid}" for rid in ("RB-R1", "RB-R2", "RB-R3")], user="lead")
    assert ria not in ids(graph, db, sutton)
    assert_as_live(graph, db, "after an erasure")


def test_the_migration_backfills_a_store_built_before_it(graph, db, tmp_path):
    load(graph, db, shapes(tmp_path), tmp_path)
    generate(SEED + 1, "S", tmp_path / "gen", rows=300)
    load(graph, db, tmp_path / "gen", tmp_path)
    count = "MATCH (f:MissingRisingFact) WHERE f.borough IS NOT NULL RETURN count(f) AS n"
    built = graph.execute_query(count, database_=db).records[0]["n"]
    assert built
    graph.execute_query("MATCH (f:MissingRisingFact) WHERE f.borough IS NOT NULL DETACH DELETE f", database_=db)
    # A list never built is left to its first build (a store the importer just made builds it after its migrations).
    state = "MATCH (s:SummaryState {name: 'missing_rising_category'}) "
    graph.execute_query(state + "SET s.kept = s.computed_at REMOVE s.computed_at", database_=db)
    run_paged_migration(graph, db, "migrations/020_rising_by_borough")
    assert graph.execute_query(count, database_=db).records[0]["n"] == 0
    graph.execute_query(state + "SET s.computed_at = s.kept REMOVE s.kept", database_=db)
    run_paged_migration(graph, db, "migrations/020_rising_by_borough")
    assert graph.execute_query(count, database_=db).records[0]["n"] == built
    run_paged_migration(graph, db, "migrations/020_rising_by_borough")  # a second run writes nothing
    assert graph.execute_query(count, database_=db).records[0]["n"] == built
    assert_as_live(graph, db, "after the backfill")


def test_the_harmed_and_peer_lists_of_a_borough_after_the_backfill(graph, db, tmp_path):
    generate(SEED + 2, "S", tmp_path / "gen", rows=600)
    load(graph, db, tmp_path / "gen", tmp_path)
    boroughs = busiest_boroughs(graph, db)[:3]
    every_borough = [Scope(sources=chosen, boroughs=None) for n in (1, 2, 3) for chosen in combinations(ALL_SOURCES, n)]

    def assert_as_live(when: str) -> None:
        checks = Comparisons(graph, db, when)
        for name in ("harmed_nominals", "peer_on_peer_hsb"):
            for borough in boroughs:
                for scope in every_borough:
                    checks.compare(f"{scope}", name, {"borough": borough}, scope)
        checks.check(["harmed_nominals", "peer_on_peer_hsb"])

    assert_as_live("as built")
    graph.execute_query(
        "MATCH (f) WHERE f:HarmedNominalFact OR f:PeerHsbFact REMOVE f.borough", database_=db
    )  # as a store built before migration 021 holds them
    run_paged_migration(graph, db, "migrations/021_lists_by_borough")
    assert_as_live("after the backfill")
