"""All London's hotspots from a summary: the Places page opens on them, and live they read every
place named in London (two seconds at pan-London size).

The summary keeps the live query's own rows for a reader of every borough and each set of sources;
a reader of some boroughs, a borough or a period of one's own is answered live and told so.
tests/test_summaries.py compares it with live after every kind of change on generated data; here:
the row cap biting, every set of sources, who is answered from it, a change reflected in the next
answer, and stores from before it and from before it was kept for every set.
"""

from __future__ import annotations

import re

import pytest

from governance import erasure
from graph_loader import summaries
from jigsaw import catalogue, cypher_files
from jigsaw.access import ALL_SOURCES, FULL_SCOPE, Scope
from tests.builders import folder_with, hsb_case, load, nominal, referral, run_migration
from tests.summary_checks import difference, summary_and_live

pytestmark = pytest.mark.neo4j


def _places(first: int, count: int, borough: str = "Hackney") -> list:
    """A referral per place, each naming a child and a suspect there: more places than the answer shows."""
    return [
        referral(
            f"HOT-{i:04d}",
            f"Child Hotspot{i}",
            "2010-01-01",
            suspect=f"Suspect Hotspot{i}",
            borough=borough,
            places=[
                {
                    "place_name": f"Corner Shop {i}",
                    "place_type": "takeaway",
                    "postcode": "E8 1AB",
                    "date_seen": "2024-02-10",
                }
            ],
        )
        for i in range(first, first + count)
    ]


def _hsb_at(count: int) -> list:
    """HSB cases naming the first places again, opened after the referrals: a reader of HSB has a period
    of their own (the year up to the latest record they may read) and a reader of both counts a child once."""
    return [
        hsb_case(
            f"HOT-HSB-{i}",
            f"Child Hotspot{i}",
            f"Harmed Hotspot{i}",
            date_opened="2024-03-20",
            places=[{"place_name": f"Corner Shop {i}", "place_type": "takeaway", "postcode": "E8 1AB"}],
        )
        for i in range(count)
    ]


def _same_as_live(graph, db, scope: Scope = FULL_SCOPE, params: dict | None = None) -> catalogue.QueryResult:
    kept, live = summary_and_live(graph, db, "hotspots", params or {}, scope)
    assert difference(kept, live) is None, difference(kept, live)
    return kept


def test_all_londons_hotspots_are_the_live_rows_cut_where_live_is_and_kept_after_each_change(graph, db, tmp_path):
    first = folder_with(
        tmp_path / "in",
        mash=_places(0, 203),
        hsb=_hsb_at(3),
        matrix=[nominal("HOT-GM-1", "Nominal Hotspot", "2004-04-04")],
    )
    load(graph, db, first, tmp_path)
    kept = _same_as_live(graph, db)
    assert kept.answered_from == "summary" and kept.computed_at is not None
    assert len(kept.rows) == 200 and kept.truncated  # one more kept than shown, so the cut is told
    # Counted once by both sources: the child of a referral shown again in the HSB case.
    assert kept.rows[0]["place"] == "Corner Shop 0" and kept.rows[0]["children_at_risk"] == 2

    # A reader of every borough is answered from the summary whatever their sources, each set its own rows.
    answers = {}
    for sources in summaries.SOURCE_SETS:
        mine = _same_as_live(graph, db, Scope(sources=sources, boroughs=None))
        assert mine.answered_from == "summary", sources
        answers[sources] = [(r["place"], r["children_at_risk"], r["records"]) for r in mine.rows]
    assert len(summaries.SOURCE_SETS) == 2 ** len(ALL_SOURCES) - 1
    assert answers[("hsb",)] == [(f"Corner Shop {i}", 1, 1) for i in range(3)]
    assert answers[("matrix",)] == []  # the matrix names no place
    assert len(answers[("mash",)]) == 200 and answers[("hsb", "mash")] == answers[("hsb", "mash", "matrix")]

    # A reader of some boroughs, a borough and a period of one's own are answered live, and told so.
    for scope in (Scope(sources=ALL_SOURCES, boroughs=("Hackney",)), Scope(sources=("mash",), boroughs=("Camden",))):
        other = _same_as_live(graph, db, scope)
        assert other.answered_from == "live" and "does not hold" in other.note
    for params in ({"borough": "Hackney"}, {"borough": "Hackney", "held": True}, {"date_from": "2023-06-01"}):
        assert _same_as_live(graph, db, params=params).answered_from == "live"

    # A later load naming one place again moves it to the top of the next answer.
    again = [
        referral(
            f"HOT-AGAIN-{i}",
            f"Child Again{i}",
            "2011-01-01",
            suspect="Suspect Hotspot150",
            places=[{"place_name": "Corner Shop 150", "place_type": "takeaway", "postcode": "E8 1AB"}],
        )
        for i in range(3)
    ]
    load(graph, db, folder_with(tmp_path / "again", mash=again), tmp_path)
    top = _same_as_live(graph, db)
    assert top.answered_from == "summary" and top.rows[0]["place"] == "Corner Shop 150"
    assert top.rows[0]["children_at_risk"] == 4 and top.rows[0]["records"] == 4

    # Erasing those referrals takes the place back down in the next answer.
    keys = [
        r["k"]
        for r in graph.execute_query(
            "MATCH (r:Record) WHERE r.record_key CONTAINS 'HOT-AGAIN' RETURN r.record_key AS k", database_=db
        ).records
    ]
    assert len(keys) == 3
    erasure.erase_records(graph, db, keys, user="lead")
    after = _same_as_live(graph, db)
    assert after.answered_from == "summary" and after.rows[0]["place"] != "Corner Shop 150"


def test_a_store_from_before_the_hotspot_summary_answers_live_and_keeps_its_other_summaries_incremental(
    graph, db, tmp_path
):
    load(graph, db, folder_with(tmp_path / "in", mash=_places(0, 5)), tmp_path)
    # As a store built before this summary existed: every other summary computed, no hotspots.
    graph.execute_query("MATCH (n:HotspotFact) DETACH DELETE n", database_=db)
    graph.execute_query("MATCH (s:SummaryState {name: 'hotspots'}) DELETE s", database_=db)
    before = _same_as_live(graph, db)
    assert before.answered_from == "live" and "no summary has been computed yet" in before.note

    load(graph, db, folder_with(tmp_path / "more", mash=_places(5, 2, borough="Camden")), tmp_path)
    how = {s["name"]: s["how"] for s in summaries.states(graph, db)}
    # Rebuilt whole after every change anyway: its absence does not make every summary be built again.
    assert how["jigsaw_links"] == "incremental" and how["hotspots"] == "full"
    now = _same_as_live(graph, db)
    assert now.answered_from == "summary" and len(now.rows) == 7


def test_the_read_names_every_source_of_the_registry():
    """The read gives a fact to a reader of exactly the sources it counted, naming each source by hand
    (SOURCE_IN_SCOPE): a source added to the registry and not to it would leave every reader an empty answer."""
    text = cypher_files.read("summary/read_hotspots")
    assert set(re.findall(r"SOURCE_IN_SCOPE\((\w+)\)", text)) == set(ALL_SOURCES)


def test_a_store_whose_hotspots_were_kept_for_every_source_only_answers_live_until_its_next_change(graph, db, tmp_path):
    load(graph, db, folder_with(tmp_path / "in", mash=_places(0, 5), hsb=_hsb_at(2)), tmp_path)
    # As a store kept before migration 022: the rows of a reader of every source, and no other set's.
    every = sorted(ALL_SOURCES)
    graph.execute_query("MATCH (h:HotspotFact) WHERE h.sources <> $every DETACH DELETE h", every=every, database_=db)
    run_migration(graph, db, "migrations/022_hotspots_every_source_set")
    assert graph.execute_query("MATCH (h:HotspotFact) RETURN count(h) AS n", database_=db).records[0]["n"] == 0
    for scope in (FULL_SCOPE, Scope(sources=("hsb",), boroughs=None)):
        before = _same_as_live(graph, db, scope)
        assert before.answered_from == "live" and "no summary has been computed yet" in before.note

    load(graph, db, folder_with(tmp_path / "more", mash=_places(5, 2, borough="Camden")), tmp_path)
    for scope, rows in ((FULL_SCOPE, 7), (Scope(sources=("hsb",), boroughs=None), 2)):
        now = _same_as_live(graph, db, scope)
        assert now.answered_from == "summary" and len(now.rows) == rows
