"""Every record keeps the name of the borough holding it, right through reloads, erasure and migration.

The borough reports read a borough's records in a period through the (borough, record_date) index
(migration 011), so a record whose `borough` disagreed with its IN_BOROUGH tie would be missing from
one borough's report and counted in another's. The transactional load writes both (the first load's
importer too: tests/test_first_load.py), a reload that moves a record to another borough moves it in
the index, an erased record leaves it, and the migration's backfill repairs a store loaded before it.
"""

from __future__ import annotations

from datetime import date

import pytest

from governance.erasure import erase_records
from jigsaw import catalogue
from jigsaw.access import FULL_SCOPE
from tests.builders import folder_with, hsb_case, load, nominal, referral, run_paged_migration

pytestmark = pytest.mark.neo4j

MIGRATION = "migrations/011_record_borough"


def disagreeing(graph, db) -> list[tuple]:
    """Records whose `borough` is not the name of the borough they are tied to (or that have no tie)."""
    found = graph.execute_query(
        "MATCH (r:Record) OPTIONAL MATCH (r)-[:IN_BOROUGH]->(b:Borough) WITH r, collect(b.name) AS tied "
        "WHERE r.borough IS NULL OR tied <> [r.borough] "
        "RETURN r.record_key AS key, r.borough AS kept, tied ORDER BY key",
        database_=db,
    ).records
    return [tuple(r.values()) for r in found]


def children_listed(graph, db, borough: str) -> list[str]:
    """report_children_list for a borough over all time, as the catalogue runs it: the children's ids."""
    query = catalogue.get("report_children_list")
    given = {"borough": borough, "date_from": date(2000, 1, 1), "date_to": date(2030, 12, 31)}
    params = query.bind(given) | query.vocabulary | FULL_SCOPE.params()
    records, _, _ = graph.execute_query(query.text, params, database_=db, routing_="r")
    return sorted(r["person_id"] for r in records)


def person_of(graph, db, record_id: str) -> str:
    return graph.execute_query(
        "MATCH (:Record {source_id: $id})-[:MENTIONS {role: 'child_at_risk'}]->(:Mention)-[:REFERS_TO]->(p:Person) "
        "RETURN p.person_id AS p",
        id=record_id,
        database_=db,
    ).records[0]["p"]


def test_the_index_is_a_composite_range_index_on_borough_then_date(graph, db):
    found = graph.execute_query(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state WHERE name = 'record_borough_date' "
        "RETURN type, labelsOrTypes, properties, state",
        database_=db,
    ).records
    assert [r.data() for r in found] == [
        {"type": "RANGE", "labelsOrTypes": ["Record"], "properties": ["borough", "record_date"], "state": "ONLINE"}
    ]


def test_a_reload_that_moves_a_record_moves_it_in_the_borough_reports_and_erasure_takes_it_out(graph, db, tmp_path):
    first = folder_with(
        tmp_path / "first",
        mash=[
            referral("RB-1", "Amelia Hughes", "2010-03-01", date_received="2024-02-14"),
            referral("RB-2", "Bella Jones", "2011-01-01", date_received="2024-05-01"),
        ],
        matrix=[nominal("GM-RB-1", "Kyle Johnson", "2001-05-05")],
        hsb=[hsb_case("HSB-RB-1", "Jayden Smith", "Cara Wells")],
    )
    load(graph, db, first, tmp_path)
    assert disagreeing(graph, db) == []
    amelia, bella = person_of(graph, db, "RB-1"), person_of(graph, db, "RB-2")
    assert {amelia, bella} <= set(children_listed(graph, db, "Hackney"))

    # The same referral, now held for Sutton (a child moving borough): reloaded, not added.
    moved = folder_with(
        tmp_path / "moved",
        mash=[
            referral("RB-1", "Amelia Hughes", "2010-03-01", date_received="2024-02-14", borough="Sutton"),
            referral("RB-2", "Bella Jones", "2011-01-01", date_received="2024-05-01"),
        ],
    )
    report = load(graph, db, moved, tmp_path, source="mash")
    assert report.records_changed == 1 and report.records_new == 0
    assert disagreeing(graph, db) == []
    amelia = person_of(graph, db, "RB-1")
    assert amelia not in children_listed(graph, db, "Hackney")
    assert amelia in children_listed(graph, db, "Sutton")

    erase_records(graph, db, ["mash:RB-2"], "dpo-1")
    assert bella not in children_listed(graph, db, "Hackney")
    assert (
        graph.execute_query(
            "MATCH (r:Record) WHERE r.borough = 'Hackney' AND r.record_date >= date('2024-01-01') "
            "AND r.source_id = 'RB-2' RETURN count(r) AS n",
            database_=db,
        ).records[0]["n"]
        == 0
    )
    assert disagreeing(graph, db) == []


def test_the_migration_backfills_a_store_loaded_before_it_in_pages(graph, db, tmp_path):
    folder = folder_with(
        tmp_path / "in",
        mash=[
            referral(f"RB-M-{i}", f"Child Number{i}", "2010-03-01", borough=b)
            for i, b in enumerate(["Hackney", "Sutton", "Bexley", "Hackney", "Camden"])
        ],
        hsb=[hsb_case("HSB-RB-M", "Jayden Smith", "Cara Wells")],
    )
    load(graph, db, folder, tmp_path)
    # A store from before the migration (no borough kept), and one record that disagrees with its tie.
    graph.execute_query("MATCH (r:Record) REMOVE r.borough", database_=db)
    graph.execute_query("MATCH (r:Record {source_id: 'RB-M-1'}) SET r.borough = 'Hackney'", database_=db)
    assert len(disagreeing(graph, db)) >= 6
    listed_before = children_listed(graph, db, "Sutton")
    assert listed_before == []  # nothing is found through the index until the backfill runs
    run_paged_migration(graph, db, MIGRATION)  # paged: each page its own transaction
    assert disagreeing(graph, db) == []
    assert children_listed(graph, db, "Sutton") == [person_of(graph, db, "RB-M-1")]


def test_of_two_referrals_the_same_day_the_higher_key_is_the_latest_whatever_order_they_were_loaded(
    graph, db, tmp_path
):
    # Loaded key order reversed (RB-T-2 first, then RB-T-1): the order the records are read in
    # (creation, or the index) must not decide the child's latest category on report_children_list.
    day = "2024-03-05"
    later_key = folder_with(
        tmp_path / "a", mash=[referral("RB-T-2", "Dana Moss", "2010-04-04", date_received=day, cse_category="3")]
    )
    earlier_key = folder_with(
        tmp_path / "b", mash=[referral("RB-T-1", "Dana Moss", "2010-04-04", date_received=day, cse_category="1")]
    )
    load(graph, db, later_key, tmp_path)
    load(graph, db, earlier_key, tmp_path)
    query = catalogue.get("report_children_list")
    for given in (
        {"date_from": date(2024, 3, 5), "date_to": date(2024, 3, 5)},
        {"date_from": date(2000, 1, 1), "date_to": date(2030, 1, 1)},
    ):
        params = query.bind(given | {"borough": "Hackney"}) | query.vocabulary | FULL_SCOPE.params()
        found = graph.execute_query(query.text, params, database_=db, routing_="r").records
        assert [(r["latest_category"], r["records"]) for r in found] == [("3", 2)]
