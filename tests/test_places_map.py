"""Places from real postcodes: a place in a district the test-data generator never used (N4,
SE22, E20) is on the map exactly (the deployment's postcode lookup, imported from an
ONSPD-shaped file with `jigsaw geo import`) or approximately (its postcode area's or its
borough's centre), marked as approximate on the map and in reports; never silently left off.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from explorer.geocode import open_lookup, with_positions
from explorer.place_map import APPROXIMATE_LABEL, chart
from jigsaw import catalogue
from jigsaw.access import FULL_SCOPE
from jigsaw.geo.boroughs import boroughs, centre
from jigsaw.geo.postcodes import PostcodeLookup, lookup_path
from reports import charts, produce
from tests.builders import folder_with, load, referral
from tests.explorer_app import app

# The published ONSPD header (August 2022 onwards), as the ONS CSV has it.
ONSPD_HEADER = (
    "pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m,osgrdind,oshlthau,"
    "nhser,ctry,rgn,streg,pcon,eer,teclec,ttwa,pct,itl,statsward,oa01,casward,park,lsoa01,msoa01,ur01ind,oac01,"
    "oa11,lsoa11,msoa11,wz11,sicbl,bua11,buasd11,ru11ind,oac11,lat,long,lep1,lep2,pfa,imd,calncv,icb,oa21,"
    "lsoa21,msoa21"
).split(",")
# Synthetic points (near, not at, the real places); the codes are the real boroughs'.
POINTS = {
    "N4 2DA": (51.5641, -0.1066, "E09000019", ""),  # Islington: a district the generator never used
    "N4 2DB": (51.5651, -0.1046, "E09000019", ""),
    "SE22 8EF": (51.4531, -0.0701, "E09000028", ""),  # Southwark, sector SE22 8
    "SE22 8EG": (51.4541, -0.0711, "E09000028", ""),
    "E20 1EJ": (51.5432, -0.0134, "E09000025", ""),  # Newham, the Olympic Park's district
    "N4 9ZZ": (51.5701, -0.1001, "E09000014", "201205"),  # terminated in May 2012: still where it was
}


def write_onspd(path: Path) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(ONSPD_HEADER)
        for pcds, (lat, lon, lad, doterm) in POINTS.items():
            cells = dict.fromkeys(ONSPD_HEADER, "")
            out, inward = pcds.split()
            cells |= {
                "pcd": f"{out:<4}{inward}",
                "pcd2": f"{out:<5}{inward}",
                "pcds": pcds,
                "dointr": "198001",
                "doterm": doterm,
                "oslaua": lad,
                "lat": f"{lat:.6f}",
                "long": f"{lon:.6f}",
                "ctry": "E92000001",
            }
            writer.writerow([cells[c] for c in ONSPD_HEADER])
        no_grid = dict.fromkeys(ONSPD_HEADER, "") | {"pcds": "ZZ99 3CZ", "lat": "99.999999", "long": "0.000000"}
        writer.writerow([no_grid[c] for c in ONSPD_HEADER])
        writer.writerow(['=HYPERLINK("x")'] * len(ONSPD_HEADER))  # a hostile row: counted, never fatal
    return path


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("JIGSAW_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JIGSAW_USER", "analyst.one")
    return tmp_path / "home"


def geo_import(home: Path, path: Path) -> dict:
    from jigsaw_cli import app

    result = CliRunner().invoke(app, ["geo", "import", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_borough_table_is_product_data_with_codes_and_centres():
    table = boroughs()
    assert len(table) == 33 and [b.code for b in table.values()] == sorted(f"E09{n:06d}" for n in range(1, 34))
    assert all(51.28 < b.latitude < 51.70 and -0.52 < b.longitude < 0.34 for b in table.values())


def test_geo_import_reads_onspd_columns_and_counts_what_it_skips(home, tmp_path):
    summary = geo_import(home, write_onspd(tmp_path / "ONSPD_TEST.csv"))
    assert (summary["rows_read"], summary["postcodes"], summary["terminated"]) == (8, 6, 1)
    assert summary["skipped"] == {
        "no coordinates in the UK (ONSPD gives 99.999999 where it has none)": 1,
        "not a postcode": 1,
    }
    lookup = PostcodeLookup(lookup_path(home))
    assert lookup.find("n42da").precision == "postcode" and (
        lookup.find("N4 2DA").latitude,
        lookup.find("N4 2DA").longitude,
    ) == (51.5641, -0.1066)
    assert lookup.find("SE22 8ZZ").precision == "sector" and lookup.find("E20 9QQ").precision == "district"
    assert lookup.find("N4 9ZZ").terminated and lookup.about()["sha256"] == summary["sha256"]
    # Importing again replaces the lookup whole: the same counts, nothing doubled.
    assert geo_import(home, tmp_path / "ONSPD_TEST.csv")["postcodes"] == 6


def test_geo_import_reads_every_row_of_a_large_file(home, tmp_path):
    """More text than one record's bound (4 million characters) in all: every row still counts."""
    path = tmp_path / "ONSPD_LARGE.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(ONSPD_HEADER)
        for n in range(12_000):
            cells = dict.fromkeys(ONSPD_HEADER, "E00000000") | {
                "pcds": f"N{n // 1000 + 1} {n % 10}{'ABDEFGHJLN'[n // 10 % 10]}{'PQRSTUWXYZ'[n // 100 % 10]}",
                "lat": "51.5",
                "long": "-0.1",
                "doterm": "",
            }
            writer.writerow([cells[c] for c in ONSPD_HEADER])
    assert path.stat().st_size > 4_000_000
    summary = geo_import(home, path)
    assert (summary["rows_read"], summary["postcodes"], summary["skipped"]) == (12_000, 12_000, {})


def test_geo_import_without_postcode_columns_says_what_it_found(home, tmp_path):
    from jigsaw_cli import app

    bad = tmp_path / "bad.csv"
    bad.write_text("name,<script>\nx,y\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["geo", "import", str(bad)])
    assert result.exit_code == 2 and "no postcode or latitude or longitude column" in result.output
    assert not lookup_path(home).exists()


def test_a_file_with_no_usable_row_keeps_the_lookup_in_use(home, tmp_path):
    """A hostile or mistaken file (every row skipped) must not wipe a lookup that works."""
    from jigsaw_cli import app

    geo_import(home, write_onspd(tmp_path / "onspd.csv"))
    kept = lookup_path(home).read_bytes()
    useless = tmp_path / "useless.csv"
    useless.write_text("pcds,lat,long\n[red]=HYPERLINK(1),nan,inf\nnot a postcode,1e308,-1e308\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["geo", "import", str(useless)])
    assert (
        result.exit_code == 2 and "no usable postcode row" in result.output and "lookup in use is kept" in result.output
    )
    assert lookup_path(home).read_bytes() == kept


def places_referral():
    places = [
        {"place_name": "Finsbury Park gates", "place_type": "park", "postcode": "N4 2DA"},  # in the lookup: exact
        {"place_name": "Lordship Lane takeaway", "place_type": "takeaway", "postcode": "SE22 8QQ"},  # its sector only
        {
            "place_name": "Stratford bus station",
            "place_type": "transport_hub",
            "postcode": "E20 9ZZ",
        },  # its district only
        {"place_name": "Old flats", "place_type": "private_address", "postcode": "N4 9ZZ"},  # terminated, still known
        {"place_name": "Brixton arches", "place_type": "cafe", "borough": "Lambeth"},  # no postcode: its borough
        {"place_name": "Pier", "place_type": "transport_hub", "latitude": 51.5079, "longitude": -0.0877},  # recorded
        {
            "place_name": "Seaside B&B",
            "place_type": "hotel_or_bnb",
            "postcode": "TR19 7AA",
        },  # unknown: the record's borough
    ]
    return referral("R1", "Amelia Hughes", "2008-03-01", places=[p | {"date_seen": "2024-02-10"} for p in places])


@pytest.fixture
def placed_graph(graph, db, tmp_path):
    load(graph, db, folder_with(tmp_path / "in", mash=[places_referral()]), tmp_path)
    return graph


def hotspots(graph, db):
    import pandas as pd

    return pd.DataFrame(catalogue.run(graph, db, "hotspots", {}).rows)


@pytest.mark.neo4j
def test_hotspots_read_only_the_rows_asked_and_say_the_answer_was_cut(placed_graph, db):
    whole = catalogue.run(placed_graph, db, "hotspots", {}, summary=False)
    assert len(whole.rows) == 7 and not whole.truncated
    page = catalogue.run(placed_graph, db, "hotspots", {}, limit=3, summary=False)
    assert page.rows == whole.rows[:3] and page.truncated
    # The server stops at `$rows_read` (the cap and one): the places past it are not looked up.
    query = catalogue.get("hotspots")
    params = catalogue.run_parameters(query, query, query.bind({}), FULL_SCOPE, 3)
    found = placed_graph.execute_query(query.text, params, database_=db, routing_="r").records
    assert [r.data() for r in found] == whole.rows[:4]


@pytest.mark.neo4j
def test_every_place_is_on_the_map_exactly_or_marked_approximate(placed_graph, db, home, tmp_path):
    geo_import(home, write_onspd(tmp_path / "ONSPD_TEST.csv"))
    lookup = open_lookup(home)
    placed = with_positions(hotspots(placed_graph, db), lookup).set_index("place")  # what the Places page draws
    assert placed.latitude.notna().all(), "a place was left off the map"
    assert placed.precision.to_dict() == {
        "Finsbury Park gates": "from its postcode",
        "Lordship Lane takeaway": "approximately: postcode sector centre",
        "Stratford bus station": "approximately: postcode district centre",
        "Old flats": "from its postcode",
        "Brixton arches": "approximately: borough centre",
        "Pier": "as recorded",
        "Seaside B&B": "approximately: borough centre",
    }
    assert tuple(placed.loc["Finsbury Park gates", ["latitude", "longitude"]]) == (51.5641, -0.1066)
    assert tuple(placed.loc["Brixton arches", ["latitude", "longitude"]]) == centre("Lambeth")
    assert tuple(placed.loc["Seaside B&B", ["latitude", "longitude"]]) == centre("Hackney")  # the record's borough
    assert placed.approximate.sum() == 4
    spec = chart(placed.reset_index()).to_dict()
    drawn = [row for rows in spec["datasets"].values() for row in rows if "place" in row]
    assert sorted(r["place"] for r in drawn if r["key"].endswith(APPROXIMATE_LABEL)) == [
        "Brixton arches",
        "Lordship Lane takeaway",
        "Seaside B&B",
        "Stratford bus station",
    ]
    fill = spec["layer"][1]["encoding"]["fill"]  # approximate places are hollow, and the legend says so
    assert fill["scale"]["range"][fill["scale"]["domain"].index(f"children only {APPROXIMATE_LABEL}")] == "transparent"
    assert "hollow" in fill["title"]


@pytest.mark.neo4j
def test_without_a_lookup_places_sit_at_their_borough_marked_approximate(placed_graph, db, home):
    placed = with_positions(hotspots(placed_graph, db), open_lookup(home)).set_index("place")
    assert placed.latitude.notna().all()
    assert (placed.drop(index="Pier").precision == "approximately: borough centre").all()
    assert placed.loc["Pier", "precision"] == "as recorded"


@pytest.mark.neo4j
def test_places_page_shows_every_place_and_says_how_many_are_approximate(
    placed_graph, db, home, tmp_path, explorer_env
):

    geo_import(explorer_env, write_onspd(tmp_path / "ONSPD_TEST.csv"))
    at = app()
    at.switch_page("views/places.py").run()
    assert not at.exception and not at.warning
    assert any("7 of 7 places on the map; 4 placed approximately" in c.value for c in at.caption)


@pytest.mark.neo4j
def test_reports_mark_approximate_places_and_keep_private_ones_to_their_district(placed_graph, db, home, tmp_path):
    geo_import(home, write_onspd(tmp_path / "ONSPD_TEST.csv"))
    report, _ = produce.profile(
        placed_graph,
        db,
        "Hackney",
        date(2023, 3, 1),
        date(2024, 2, 28),
        user="test-analyst",
        purpose="PP-TEST",
        home=home,
    )
    [figure] = [f for s in report.sections for f in s.figures if f.query == "hotspots"]
    on_map = {row[1]: row[-1] for row in figure.rows}
    assert on_map["Finsbury Park gates (N4)"] == "from its postcode"
    assert (
        on_map["Private address in N4"] == "approximately: postcode district centre"
    )  # pseudonymised: never the address
    assert on_map["Seaside B&B (TR19)"] == "approximately: borough centre"
    assert len(figure.chart.points) == 7 and sum(p["approximate"] for p in figure.chart.points) == 5
    assert "Hollow markers: placed approximately" in figure.note
    assert "<svg" in charts.svg(figure.chart) and charts.png(figure.chart)[:4] == b"\x89PNG"
