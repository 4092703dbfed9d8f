"""A reader of several boroughs asking overview_by_source for all London is answered from the summaries
(issue #22): their boroughs' counts, less every person counted again in a second of their boroughs for a
source, which the cross-borough facts tell (cypher/summary/read_overview_by_source.cypher). Live read
every record of their boroughs and its people: 1.2 s at L for three boroughs.

The data is shaped so that a plain sum would be wrong: a child referred in two of the reader's
boroughs and in a third they may not read, a suspect named in two of them, and an HSB case naming the
child in one. The answer must be live's for readers of two and three boroughs and of some sources,
after a load, an erasure and a split; and live, saying so, while the cross-borough facts are being
rebuilt. So must the same readers' missing_rising_category, which rests on the same facts (the child's
category rises from one borough's referral to the other's).
Migration 026's backfill of a store from before it (facts and counts without their borough's name).
"""

from __future__ import annotations

import pytest

from governance import erasure
from identity import decisions
from jigsaw import catalogue
from jigsaw.access import ALL_SOURCES, Scope
from tests.builders import folder_with, hsb_case, load, person_in, referral, run_paged_migration

pytestmark = pytest.mark.neo4j

MIGRATION = "migrations/026_cross_borough_fact_borough"
TWO = Scope(sources=ALL_SOURCES, boroughs=("Hackney", "Camden"))
READERS = {
    "Hackney and Camden": TWO,
    "Hackney, Camden and Islington": Scope(sources=ALL_SOURCES, boroughs=("Hackney", "Camden", "Islington")),
    "MASH only, Hackney and Camden": Scope(sources=("mash",), boroughs=("Hackney", "Camden")),
    "HSB and matrix, Camden and Lambeth": Scope(sources=("hsb", "matrix"), boroughs=("Camden", "Lambeth")),
}


def records() -> dict:
    return {
        "mash": [
            referral("OS-1", "Rory Twoplace", "2010-03-03", suspect="Zed Keeper", borough="Hackney"),
            referral(
                "OS-2",
                "Rory Twoplace",
                "2010-03-03",
                suspect="Zed Keeper",
                borough="Camden",
                cse_category="3",
                missing_episodes=3,
            ),
            referral("OS-3", "Rory Twoplace", "2010-03-03", borough="Islington"),
            referral("OS-4", "Ava Oneplace", "2011-04-04", borough="Hackney"),
            referral("OS-5", "Ava Oneplace", "2011-04-04", borough="Hackney"),
        ],
        "hsb": [hsb_case("OS-H1", "Kai Displaying", "Rory Twoplace", borough="Camden")],
    }


def answers(graph, db, scope: Scope) -> tuple[catalogue.QueryResult, catalogue.QueryResult]:
    kept = catalogue.run(graph, db, "overview_by_source", {}, scope=scope)
    live = catalogue.run(graph, db, "overview_by_source", {}, scope=scope, summary=False)
    return kept, live


def assert_as_live(graph, db, when: str) -> dict[str, dict]:
    """Every reader's all-London answer is from the summaries and is live's, and so is their rising categories';
    returns each one's overview rows by source."""
    shown = {}
    for label, scope in READERS.items():
        kept, live = answers(graph, db, scope)
        assert kept.answered_from == "summary" and kept.computed_at is not None, (when, label, kept.note)
        assert (kept.columns, kept.rows) == (live.columns, live.rows), (when, label)
        shown[label] = {row["source"]: row for row in kept.rows}
        rising = catalogue.run(graph, db, "missing_rising_category", {}, scope=scope)
        rising_live = catalogue.run(graph, db, "missing_rising_category", {}, scope=scope, summary=False)
        assert rising.answered_from == "summary" and rising.rows == rising_live.rows, (when, label)
        shown[label]["rising"] = [row["person_id"] for row in rising.rows]
    return shown


def borough_sum(graph, db, scope: Scope, source: str) -> int:
    """People of `source` summed over the reader's boroughs one by one (what a plain sum would show)."""
    total = 0
    for borough in scope.boroughs or ():
        rows = catalogue.run(graph, db, "overview_by_source", {"borough": borough}, scope=scope).rows
        total += sum(row["people"] for row in rows if row["source"] == source)
    return total


def test_a_reader_of_several_boroughs_counts_each_person_once_from_the_summaries(graph, db, tmp_path):
    load(graph, db, folder_with(tmp_path / "in", **records()), tmp_path)
    shown = assert_as_live(graph, db, "after the load")
    # Rory and Zed are each held by MASH in both Hackney and Camden: counted once, not twice.
    mash = shown["Hackney and Camden"]["mash"]
    assert (mash["records"], mash["people"]) == (4, 3)  # Rory, Zed, Ava
    # Rory's category rose from Hackney's referral to Camden's: listed for a reader of both, worked out from
    # the two referrals (no borough's referrals alone rose); not for one who also reads Islington's later one.
    rory = person_in(graph, db, "mash:OS-1", role="child_at_risk")
    assert shown["Hackney and Camden"]["rising"] == [rory]
    assert shown["Hackney, Camden and Islington"]["rising"] == []
    assert borough_sum(graph, db, TWO, "mash") == 5
    assert shown["Hackney, Camden and Islington"]["mash"]["people"] == 3
    assert shown["HSB and matrix, Camden and Lambeth"]["hsb"]["people"] == 2

    # An erasure of the Camden referral: Rory and Zed are Hackney's alone again, in the next answer.
    erasure.erase_records(graph, db, ["mash:OS-2"], user="lead")
    shown = assert_as_live(graph, db, "after an erasure")
    assert (shown["Hackney and Camden"]["mash"]["records"], shown["Hackney and Camden"]["mash"]["people"]) == (3, 3)

    # A split: Rory's Islington referral made a child of their own; the three-borough reader then counts two.
    islington = [m["mention_key"] for m in decisions.person_mentions(graph, db, rory) if "OS-3" in m["mention_key"]]
    assert len(islington) == 1
    decisions.split(graph, db, rory, islington, user="lead", why="two children of one name")
    shown = assert_as_live(graph, db, "after a split")
    assert shown["Hackney, Camden and Islington"]["mash"]["people"] == 4


def test_while_the_cross_borough_facts_are_rebuilt_a_reader_of_several_boroughs_is_answered_live(graph, db, tmp_path):
    load(graph, db, folder_with(tmp_path / "in", **records()), tmp_path)
    graph.execute_query(
        "MATCH (s:SummaryState {name: 'cross_borough_people'}) SET s.running = ['rebuild-in-progress']", database_=db
    )
    kept, live = answers(graph, db, TWO)
    assert kept.answered_from == "live" and "being brought up to date" in kept.note and kept.rows == live.rows
    # A child's rising category over two of their boroughs rests on those facts too.
    rising = catalogue.run(graph, db, "missing_rising_category", {}, scope=TWO)
    assert rising.answered_from == "live" and "being brought up to date" in rising.note
    # Readers whose answer does not rest on those facts are still answered from the counts.
    for scope, asked in ((TWO, {"borough": "Hackney"}), (Scope(sources=ALL_SOURCES, boroughs=("Camden",)), {})):
        assert catalogue.run(graph, db, "overview_by_source", asked, scope=scope).answered_from == "summary"
    graph.execute_query("MATCH (s:SummaryState {name: 'cross_borough_people'}) SET s.running = []", database_=db)
    assert answers(graph, db, TWO)[0].answered_from == "summary"
    assert catalogue.run(graph, db, "missing_rising_category", {}, scope=TWO).answered_from == "summary"


def test_the_migration_gives_a_store_from_before_it_each_facts_borough_in_pages(graph, db, tmp_path):
    load(graph, db, folder_with(tmp_path / "in", **records()), tmp_path)
    before = {label: answers(graph, db, scope)[0].rows for label, scope in READERS.items()}
    graph.execute_query("MATCH (n:CrossBoroughFact|SourceCount) REMOVE n.borough", database_=db)
    graph.execute_query("DROP INDEX cross_borough_borough IF EXISTS", database_=db)
    assert answers(graph, db, TWO)[0].rows == []  # nothing to seek by name: the migration is needed
    run_paged_migration(graph, db, MIGRATION)
    missing = graph.execute_query(
        "MATCH (n:CrossBoroughFact|SourceCount)-[:IN_BOROUGH]->(b) WHERE n.borough IS NULL OR n.borough <> b.name "
        "RETURN count(n) AS n",
        database_=db,
    ).records[0]["n"]
    assert missing == 0
    assert {label: answers(graph, db, scope)[0].rows for label, scope in READERS.items()} == before
    index = graph.execute_query(
        "SHOW INDEXES YIELD name, labelsOrTypes, properties, state WHERE name = 'cross_borough_borough' "
        "RETURN labelsOrTypes, properties, state",
        database_=db,
    ).records
    assert [r.data() for r in index] == [
        {"labelsOrTypes": ["CrossBoroughFact"], "properties": ["borough"], "state": "ONLINE"}
    ]
