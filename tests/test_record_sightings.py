"""Each record keeps the first and last day its places were seen, and hotspots seeks by them (migration 025).

hotspots reads the records seen in its period through `seen_from` and `seen_until`
(graph_loader/graph_rows.sightings) instead of a borough's whole history, so a record whose span was
wrong would silently drop a sighting off the map. Shapes the generator never makes: a place seen years
before the record, one seen after it, one with no day of its own (seen on the record's date), a record
naming no place; a reload that moves a sighting; and a store loaded before the migration. Each check
compares hotspots with its text from before its rewrites (tests/queries_before_issue22_l/), for readers
of every kind, and the first load's importer writes the same span (tests/test_first_load.py compares
the two graphs property by property).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph_loader import graph_rows
from jigsaw import catalogue
from jigsaw.access import ALL_SOURCES, FULL_SCOPE, Scope
from tests.builders import folder_with, hsb_case, load, referral, run_paged_migration

MIGRATION = "migrations/025_record_sightings"
BEFORE = Path(__file__).parent / "queries_before_issue22_l" / "hotspots.cypher"
READERS = {
    "everyone": FULL_SCOPE,
    "MASH and HSB, Hackney": Scope(sources=("mash", "hsb"), boroughs=("Hackney",)),
    "every source, Sutton and Hackney": Scope(sources=ALL_SOURCES, boroughs=("Sutton", "Hackney")),
    "the matrix only": Scope(sources=("matrix",), boroughs=None),
}
YEAR_2021 = {"date_from": "2021-01-01", "date_to": "2021-12-31"}
ASKED = (
    {},
    YEAR_2021,
    {"date_from": "2024-05-01", "date_to": "2024-05-31"},
    {"borough": "Hackney", "held": True} | YEAR_2021,
    {"borough": "Hackney", "held": True},
    {"borough": "Sutton", "held": True},
    {"borough": "Hackney"} | YEAR_2021,
)


def test_a_records_sightings_span_its_places_days_and_its_own_date_where_a_place_gives_none():
    on = date(2024, 6, 1)
    places = [{"date_seen": date(2021, 3, 1)}, {"date_seen": None}, {"date_seen": date(2024, 7, 9)}]
    assert graph_rows.sightings({"record_date": on, "places": places}) == (date(2021, 3, 1), date(2024, 7, 9))
    assert graph_rows.sightings({"record_date": on, "places": [{"date_seen": None}]}) == (on, on)
    assert graph_rows.sightings({"record_date": on, "places": []}) == (None, None)
    assert graph_rows.sightings({"record_date": None, "places": [{"date_seen": None}]}) == (None, None)


def place(name: str, seen: str | None) -> dict:
    return {"place_name": name, "place_type": "takeaway", "postcode": "E8 1AB", "date_seen": seen}


def folder(tmp_path: Path, name: str, garages_seen: str) -> Path:
    return folder_with(
        tmp_path / name,
        mash=[
            # a place seen years before the record, and one on no day of its own
            referral(
                "ST-1",
                "Amelia Hughes",
                "2010-03-01",
                suspect="Zed Garage",
                date_received="2024-06-01",
                places=[place("Old Garages", garages_seen), place("Chicken Spot", None)],
            ),
            # a place seen after the record's date (as recorded)
            referral(
                "ST-2",
                "Bella Jones",
                "2011-01-01",
                borough="Sutton",
                date_received="2023-01-10",
                places=[place("Late Cafe", "2024-05-20") | {"postcode": "SM1 1AA"}],
            ),
            referral("ST-3", "Cara Wells", "2010-06-01"),  # no place
        ],
        hsb=[hsb_case("ST-H1", "Dan Moss", "Eve Park", places=[place("Old Garages", "2021-08-08")])],
    )


def spans(graph, db) -> dict[str, tuple]:
    """Each record's kept span, and the span of its places as hotspots counts them."""
    found = graph.execute_query(
        "MATCH (r:Record) OPTIONAL MATCH (r)-[np:NAMES_PLACE]->(:Place) "
        "WITH r, CASE WHEN np IS NOT NULL THEN coalesce(np.date_seen, r.record_date) END AS seen "
        "WITH r, min(seen) AS first, max(seen) AS last "
        "RETURN r.source_id AS id, [r.seen_from, r.seen_until] AS kept, [first, last] AS truth ORDER BY id",
        database_=db,
    ).records
    return {r["id"]: (r["kept"], r["truth"]) for r in found}


def disagreeing(graph, db) -> list[str]:
    return [rid for rid, (kept, truth) in spans(graph, db).items() if kept != truth]


def hotspots(graph, db, text: catalogue.CatalogueQuery, given: dict, scope: Scope) -> list[dict]:
    params = catalogue.run_parameters(text, text, text.bind(given), scope, text.limit)
    records, _, _ = graph.execute_query(text.text, params, database_=db, routing_="r")
    return [r.data() for r in records][: text.limit + 1]  # the text from before read on past the rows asked


def same_as_before(graph, db) -> dict[str, list[str]]:
    """hotspots as now and as before its rewrites, for every reader and selection: equal. Returns the
    places everyone is shown for each selection."""
    new, old = catalogue.get("hotspots"), catalogue.parse("hotspots", BEFORE.read_text())
    shown = {}
    for given in ASKED:
        for label, scope in READERS.items():
            assert hotspots(graph, db, new, given, scope) == hotspots(graph, db, old, given, scope), (label, given)
        shown[str(given)] = sorted(r["place"] for r in hotspots(graph, db, new, given, FULL_SCOPE))
    return shown


@pytest.mark.neo4j
def test_hotspots_count_a_sighting_in_its_period_however_far_from_its_records_date(graph, db, tmp_path):
    load(graph, db, folder(tmp_path, "first", garages_seen="2021-03-01"), tmp_path)
    assert disagreeing(graph, db) == []
    kept = spans(graph, db)
    assert kept["ST-1"][0] == [date(2021, 3, 1), date(2024, 6, 1)]
    assert kept["ST-2"][0] == [date(2024, 5, 20), date(2024, 5, 20)]
    assert kept["ST-3"][0] == [None, None]
    shown = same_as_before(graph, db)
    assert shown[str(YEAR_2021)] == ["Old Garages"]  # seen in 2021 by a 2024 referral and a 2021 HSB case
    assert shown[str({"date_from": "2024-05-01", "date_to": "2024-05-31"})] == ["Late Cafe"]

    # A reload moves the referral's sighting to 2019: its span follows, and 2021 keeps only the HSB case's.
    load(graph, db, folder(tmp_path, "second", garages_seen="2019-05-05"), tmp_path)
    assert disagreeing(graph, db) == []
    assert spans(graph, db)["ST-1"][0] == [date(2019, 5, 5), date(2024, 6, 1)]
    moved = same_as_before(graph, db)
    assert moved[str(YEAR_2021)] == ["Old Garages"]
    records_2021 = hotspots(graph, db, catalogue.get("hotspots"), YEAR_2021, FULL_SCOPE)[0]["records"]
    assert records_2021 == 1


@pytest.mark.neo4j
def test_the_migration_backfills_a_store_loaded_before_it_in_pages(graph, db, tmp_path):
    load(graph, db, folder(tmp_path, "in", garages_seen="2021-03-01"), tmp_path)
    graph.execute_query("MATCH (r:Record) REMOVE r.seen_from, r.seen_until", database_=db)  # a store from before it
    assert set(disagreeing(graph, db)) == {"ST-1", "ST-2", "ST-H1"}
    assert hotspots(graph, db, catalogue.get("hotspots"), YEAR_2021, FULL_SCOPE) == []  # nothing to seek
    run_paged_migration(graph, db, MIGRATION)  # paged: each page its own transaction
    assert disagreeing(graph, db) == []
    assert same_as_before(graph, db)[str(YEAR_2021)] == ["Old Garages"]
    indexes = graph.execute_query(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state "
        "WHERE name IN ['record_seen_until', 'record_borough_seen_until'] "
        "RETURN name, labelsOrTypes, properties, state ORDER BY name",
        database_=db,
    ).records
    assert [r.data() for r in indexes] == [
        {
            "name": "record_borough_seen_until",
            "labelsOrTypes": ["Record"],
            "properties": ["borough", "seen_until"],
            "state": "ONLINE",
        },
        {"name": "record_seen_until", "labelsOrTypes": ["Record"], "properties": ["seen_until"], "state": "ONLINE"},
    ]
