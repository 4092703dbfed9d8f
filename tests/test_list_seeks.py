"""The flag and indexes the borough lists seek by stay right through reloads, erasure and migration (issue #22).

doubtful_values seeks a borough's records with `has_doubts` (migration 014) instead of reading its
whole history, so a record holding a doubt without the flag would silently drop out of the list. The
transactional load writes the flag from the row (graph_loader/graph_rows.holds_doubts; the first load's
importer files the same, which tests/test_first_load.py compares property by property), a reload that
adds or clears a doubt in any part changes it, an erased record leaves the index, and the migration's
backfill sets it on a store loaded before it. Each check compares the list with its text from before
the rewrite (tests/queries_before_issue22_o/), for every reader of tests/test_live_queries.py's kind.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from governance.erasure import erase_person, erase_records
from jigsaw import catalogue
from jigsaw.access import ALL_SOURCES, FULL_SCOPE, Scope
from tests.builders import folder_with, load, referral, run_paged_migration

pytestmark = pytest.mark.neo4j

MIGRATION = "migrations/014_list_seeks"
BEFORE = Path(__file__).parent / "queries_before_issue22_o"
READERS = (
    FULL_SCOPE,
    Scope(sources=("mash", "hsb"), boroughs=("Hackney",)),
    Scope(sources=("matrix",), boroughs=None),
    Scope(sources=ALL_SOURCES, boroughs=("Sutton", "Bexley")),
)
# Where each record's doubts are, as the query reads them: its own fields, a mention, a place as it names it.
TRUTH = (
    "MATCH (r:Record) WITH r, r.doubts IS NOT NULL "
    "OR EXISTS { (r)-[:MENTIONS]->(m:Mention) WHERE m.doubts IS NOT NULL } "
    "OR EXISTS { (r)-[np:NAMES_PLACE]->() WHERE np.doubts IS NOT NULL } AS holds "
)


def disagreeing(graph, db) -> list[tuple]:
    """Records whose `has_doubts` is not whether they hold a doubt in some part (or is missing)."""
    found = graph.execute_query(
        TRUTH + "WHERE r.has_doubts IS NULL OR r.has_doubts <> holds "
        "RETURN r.record_key AS key, r.has_doubts AS kept, holds ORDER BY key",
        database_=db,
    ).records
    return [tuple(r.values()) for r in found]


def flagged(graph, db) -> set[str]:
    found = graph.execute_query("MATCH (r:Record {has_doubts: true}) RETURN r.source_id AS id", database_=db).records
    return {r["id"] for r in found}


def listed(graph, db, text: catalogue.CatalogueQuery, given: dict, scope: Scope) -> list[dict]:
    params = text.bind(given) | text.vocabulary | scope.params()
    records, _, _ = graph.execute_query(text.text, params, database_=db, routing_="r")
    return [r.data() for r in records]


def same_as_before(graph, db) -> list[dict]:
    """doubtful_values as rewritten and as before, for every reader, each borough and all London: equal."""
    new = catalogue.get("doubtful_values")
    old = catalogue.parse("doubtful_values", (BEFORE / "doubtful_values.cypher").read_text())
    for given in ({"borough": "Hackney"}, {"borough": "Sutton"}, {}, {"borough": "Hackney", "field": "place_type"}):
        for scope in READERS:
            assert listed(graph, db, new, given, scope) == listed(graph, db, old, given, scope), (given, scope)
    return listed(graph, db, new, {"borough": "Hackney"}, FULL_SCOPE)


def place(name: str, place_type: str = "takeaway") -> dict:
    return {"place_name": name, "place_type": place_type, "postcode": "E8 1AB", "date_seen": "2024-02-10"}


def records(place_in_doubt: bool, clean_in_doubt: bool) -> list:
    return [
        # its only doubt: the kind of place it names, left blank
        referral(
            "LS-1", "Amelia Hughes", "2010-03-01", places=[place("Chicken Spot", "" if place_in_doubt else "takeaway")]
        ),
        # no doubt anywhere (or, reloaded, a blank expected field of its own)
        referral("LS-2", "Bella Jones", "2011-01-01", **({"referring_agency": ""} if clean_in_doubt else {})),
        # its only doubt: a person it names, in a role the export's code list does not know (set in the CSV below)
        referral("LS-3", "Cara Wells", "2010-06-01", suspect="Quill Doubtwell", borough="Sutton"),
    ]


def folder(tmp_path: Path, name: str, **kw) -> Path:
    out = folder_with(tmp_path / name, mash=records(**kw))
    people = out / "mash_people.csv"
    people.write_text(people.read_text().replace("LS-3,P1,suspected_perpetrator,", "LS-3,P1,cousin,"))
    return out


def test_the_indexes_are_composite_range_indexes_in_the_order_the_lists_seek(graph, db):
    found = graph.execute_query(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state "
        "WHERE name IN ['record_doubts_borough_date', 'matrix_harmed_status', 'referral_borough_missing', "
        "'hsb_borough_date'] "
        "RETURN name, type, labelsOrTypes, properties, state ORDER BY name",
        database_=db,
    ).records
    assert [r.data() for r in found] == [
        {
            "name": "hsb_borough_date",
            "type": "RANGE",
            "labelsOrTypes": ["HsbCase"],
            "properties": ["borough", "record_date"],
            "state": "ONLINE",
        },
        {
            "name": "matrix_harmed_status",
            "type": "RANGE",
            "labelsOrTypes": ["MatrixEntry"],
            "properties": ["harmed_or_exploited", "status", "borough"],
            "state": "ONLINE",
        },
        {
            "name": "record_doubts_borough_date",
            "type": "RANGE",
            "labelsOrTypes": ["Record"],
            "properties": ["has_doubts", "borough", "record_date"],
            "state": "ONLINE",
        },
        {
            "name": "referral_borough_missing",
            "type": "RANGE",
            "labelsOrTypes": ["Referral"],
            "properties": ["borough", "missing_episodes"],
            "state": "ONLINE",
        },
    ]


def test_a_doubt_in_any_part_flags_the_record_through_reloads_and_erasure(graph, db, tmp_path):
    load(graph, db, folder(tmp_path, "first", place_in_doubt=True, clean_in_doubt=False), tmp_path)
    assert disagreeing(graph, db) == []
    assert flagged(graph, db) == {"LS-1", "LS-3"}
    rows = same_as_before(graph, db)
    assert [(r["record_id"], r["part"], r["field"]) for r in rows] == [
        ("LS-1", "place named (Chicken Spot)", "place_type")
    ]

    # Reloaded: the place's kind now recorded (its only doubt gone), the clean one's agency left blank.
    report = load(graph, db, folder(tmp_path, "again", place_in_doubt=False, clean_in_doubt=True), tmp_path)
    assert report.records_changed == 2
    assert disagreeing(graph, db) == []
    assert flagged(graph, db) == {"LS-2", "LS-3"}
    assert [r["record_id"] for r in same_as_before(graph, db)] == ["LS-2"]

    erase_records(graph, db, ["mash:LS-2", "mash:LS-3"], "dpo-1")
    assert disagreeing(graph, db) == []
    assert flagged(graph, db) == set()
    assert same_as_before(graph, db) == []


def test_erasing_the_person_named_in_doubt_clears_the_flag_of_the_record_that_stays(graph, db, tmp_path):
    """LS-3's only doubt is the role it names Quill Doubtwell in: erasing Quill takes that mention out
    of LS-3 and LS-3 stays, now holding no doubt, so it leaves the flag (and the list) too."""
    load(graph, db, folder(tmp_path, "first", place_in_doubt=False, clean_in_doubt=False), tmp_path)
    assert flagged(graph, db) == {"LS-3"}
    named = graph.execute_query(
        "MATCH (:Record {record_key: 'mash:LS-3'})-[:MENTIONS]->(m:Mention)-[:REFERS_TO]->(p:Person) "
        "WHERE m.doubts IS NOT NULL RETURN p.person_id AS id",
        database_=db,
    ).records
    assert len(named) == 1
    erase_person(graph, db, named[0]["id"], "dpo-1")
    assert graph.execute_query("MATCH (r:Record {record_key: 'mash:LS-3'}) RETURN r", database_=db).records
    assert disagreeing(graph, db) == []
    assert flagged(graph, db) == set()
    assert same_as_before(graph, db) == []


def test_the_migration_backfills_a_store_loaded_before_it_in_pages(graph, db, tmp_path):
    load(graph, db, folder(tmp_path, "in", place_in_doubt=True, clean_in_doubt=True), tmp_path)
    graph.execute_query("MATCH (r:Record) REMOVE r.has_doubts", database_=db)  # a store from before the migration
    assert len(disagreeing(graph, db)) == 3
    assert listed(graph, db, catalogue.get("doubtful_values"), {"borough": "Hackney"}, FULL_SCOPE) == []
    run_paged_migration(graph, db, MIGRATION)  # paged: each page its own transaction
    assert disagreeing(graph, db) == []
    assert flagged(graph, db) == {"LS-1", "LS-2", "LS-3"}
    assert {r["record_id"] for r in same_as_before(graph, db)} == {"LS-1", "LS-2"}
