"""Three catalogue queries that answered a different question from the one they state (issue 17):
`hotspots` by borough, `missing_rising_category`, and the steps of `connection_paths`. Each is
checked on the case reported, and against a plain oracle on generated data (a seed the queries
were not written against) in the real Neo4j."""

from __future__ import annotations

import random
from datetime import date

import pytest

from fixtures.generator import generate
from jigsaw import catalogue
from tests.builders import folder_with, load, referral

pytestmark = pytest.mark.neo4j

SEED = 48213  # never used while writing these queries


def run(graph, db, name, **params):
    return catalogue.run(graph, db, name, params).rows


@pytest.fixture
def generated(graph, db, tmp_path):
    folder = tmp_path / "generated"
    generate(SEED, "S", folder, noise="medium")
    load(graph, db, folder, tmp_path)
    return graph


def cafe_visit(rid: str, child: str, dob: str, held_by: str, suspect: str | None = None):
    place = {
        "place_name": "Corner Cafe",
        "place_type": "cafe",
        "postcode": "E13 9AA",
        "borough": "Newham",
        "date_seen": "2024-03-01",
    }
    people = (
        [{"person_ref": "P1", "role": "suspected_perpetrator", "name": suspect, "dob": "2000-02-02"}] if suspect else []
    )
    return referral(rid, child, dob, borough=held_by, date_received="2024-03-02", places=[place], people=people)


def test_hotspots_count_the_places_in_a_borough_whoever_holds_the_records(graph, db, tmp_path):
    # The case reported: a Newham cafe where four children were seen, two of them referred to Tower Hamlets.
    visits = [
        cafe_visit("NEW-1", "Ava Cole", "2009-01-01", "Newham", suspect="Ray Dunn"),
        cafe_visit("NEW-2", "Ben Ode", "2009-02-02", "Newham"),
        cafe_visit("TH-1", "Cat Pike", "2009-03-03", "Tower Hamlets", suspect="Ray Dunn"),
        cafe_visit("TH-2", "Dan Rees", "2009-04-04", "Tower Hamlets"),
    ]
    load(graph, db, folder_with(tmp_path / "in", mash=visits), tmp_path)
    period = {"date_from": "2024-01-01", "date_to": "2024-12-31"}
    [newham] = run(graph, db, "hotspots", borough="Newham", **period)
    assert (newham["place"], newham["children_at_risk"], newham["suspects"], newham["records"]) == (
        "Corner Cafe",
        4,
        1,
        4,
    )
    assert run(graph, db, "hotspots", borough="Tower Hamlets", **period) == [], "the cafe is not in Tower Hamlets"
    # The other reading, on request: the places a borough's own records name, counting only those records.
    [held] = run(graph, db, "hotspots", borough="Tower Hamlets", held=True, **period)
    assert (held["place"], held["children_at_risk"], held["records"]) == ("Corner Cafe", 2, 2)
    [held] = run(graph, db, "hotspots", borough="Newham", held=True, **period)
    assert (held["children_at_risk"], held["records"]) == (2, 2)


ORACLE = """
MATCH (pl:Place)<-[np:NAMES_PLACE]-(r:Record)
WHERE coalesce(np.date_seen, r.record_date) >= $from AND coalesce(np.date_seen, r.record_date) <= $to
  AND CASE WHEN $held THEN EXISTS { (r)-[:IN_BOROUGH]->(:Borough {name: $borough}) }
           ELSE EXISTS { (pl)-[:IN_BOROUGH]->(:Borough {name: $borough}) } END
OPTIONAL MATCH (r)-[said:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
WHERE said.role IN ['child_at_risk', 'child_harmed']
RETURN pl.place_key AS place_key, count(DISTINCT p) AS children, count(DISTINCT r) AS records
"""


def test_hotspots_by_borough_agree_with_a_plain_count_on_generated_data(generated, db):
    latest = generated.execute_query("MATCH (r:Record) RETURN max(r.record_date) AS d", database_=db).records[0]["d"]
    period = {"from": date(latest.year - 1, latest.month, 1), "to": latest.to_native()}
    boroughs = [
        r["b"]
        for r in generated.execute_query(
            "MATCH (:Place)-[:IN_BOROUGH]->(b:Borough) RETURN DISTINCT b.name AS b ORDER BY b", database_=db
        ).records
    ]
    assert len(boroughs) >= 3
    differs = 0
    for borough in boroughs:
        readings = {}
        for held in (False, True):
            rows = run(
                generated, db, "hotspots", borough=borough, held=held, date_from=period["from"], date_to=period["to"]
            )
            got = {r["place_key"]: (r["children_at_risk"], r["records"]) for r in rows}
            oracle = {
                r["place_key"]: (r["children"], r["records"])
                for r in generated.execute_query(ORACLE, borough=borough, held=held, database_=db, **period).records
                if r["records"]
            }
            assert got == oracle, (borough, held)
            readings[held] = got
        differs += readings[True] != readings[False]  # held reading against located
    assert differs, "on generated data the two readings differ for some borough"


def referral_on(rid, when, category, missing, child="Eve Lamb", dob="2009-06-06"):
    return referral(rid, child, dob, date_received=when, cse_category=category, missing_episodes=missing)


def test_a_category_that_rose_is_listed_whatever_the_missing_episodes_did(graph, db, tmp_path):
    records = [
        referral_on("R-1", "2023-01-10", "1", 4),
        referral_on("R-2", "2023-06-10", "2", 3),
        referral_on("R-3", "2024-01-10", "3", 2),  # the case reported: category up, missing 4, 3, 2
        referral_on("S-1", "2023-01-10", "1", 1, "Fay Moss", "2010-01-01"),
        referral_on("S-2", "2024-01-10", "2", 3, "Fay Moss", "2010-01-01"),  # both rose
        referral_on("T-1", "2023-01-10", "2", 5, "Gus Hale", "2010-02-02"),
        referral_on("T-2", "2024-01-10", "2", 6, "Gus Hale", "2010-02-02"),
    ]  # category flat: not listed
    load(graph, db, folder_with(tmp_path / "in", mash=records), tmp_path)
    rows = {r["missing_episodes"][0]: r for r in run(graph, db, "missing_rising_category")}
    assert set(rows) == {4, 1}
    assert (
        rows[4]["categories"] == ["1", "2", "3"]
        and rows[4]["missing_episodes"] == [4, 3, 2]
        and not rows[4]["missing_rose"]
    )
    assert rows[1]["missing_rose"]
    assert [r["missing_episodes"] for r in run(graph, db, "missing_rising_category", min_missing=3)] == [[1, 3]]


def test_missing_rising_category_agrees_with_its_question_on_generated_data(generated, db):
    refs = generated.execute_query(
        "MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'child_at_risk'}]-(r:Referral) "
        "RETURN p.person_id AS p, r.record_date AS d, r.cse_category AS c, coalesce(r.missing_episodes, 0) AS m",
        database_=db,
    ).records
    by_person: dict[str, list] = {}
    for r in sorted(refs, key=lambda r: (r["p"], r["d"])):
        by_person.setdefault(r["p"], []).append(r)
    level = lambda c: 0 if c == "none" else int(c)
    for min_missing in (0, 2, 4):
        expected = {
            p
            for p, rs in by_person.items()
            if len(rs) >= 2 and level(rs[-1]["c"]) > level(rs[0]["c"]) and rs[-1]["m"] >= min_missing
        }
        got = {r["person_id"] for r in run(generated, db, "missing_rising_category", min_missing=min_missing)}
        assert got == expected, min_missing
    assert expected, "generated data has children whose category rose"


def check_steps(rows, first, last):
    """Steps are numbered 1, 2, ... along each chain and meet end to end."""
    by_path: dict[int, list] = {}
    for r in rows:
        by_path.setdefault(r["path"], []).append(r)
    for steps in by_path.values():
        assert [s["step"] for s in steps] == list(range(1, len(steps) + 1))
        ends = [
            (s["from_person"] or f"place:{s['from_place']}", s["to_person"] or f"place:{s['to_place']}") for s in steps
        ]
        assert ends[0][0] == first and ends[-1][1] == last
        assert all(ends[k][1] == ends[k + 1][0] for k in range(len(ends) - 1)), ends
        assert all(s["via"] and s["via_kind"] in {"mash", "matrix", "hsb"} for s in steps)
    return by_path


def test_a_record_place_record_chain_is_two_steps_meeting_at_the_place(graph, db, tmp_path):
    mash = [
        cafe_visit("NEW-1", "Ava Cole", "2009-01-01", "Newham"),
        cafe_visit("TH-1", "Cat Pike", "2009-03-03", "Tower Hamlets"),
    ]
    load(graph, db, folder_with(tmp_path / "in", mash=mash), tmp_path)
    ids = {
        r["n"]: r["p"]
        for r in graph.execute_query(
            "MATCH (m:Mention)-[:REFERS_TO]->(p:Person) RETURN m.name AS n, p.person_id AS p", database_=db
        ).records
    }
    rows = run(graph, db, "connection_paths", from_person=ids["Ava Cole"], to_person=ids["Cat Pike"])
    check_steps(rows, ids["Ava Cole"], ids["Cat Pike"])
    assert [(r["step"], r["from_person"], r["from_place"], r["via"], r["to_person"], r["to_place"]) for r in rows] == [
        (1, ids["Ava Cole"], None, "mash:NEW-1", None, "Corner Cafe"),
        (2, None, "Corner Cafe", "mash:TH-1", ids["Cat Pike"], None),
    ]
    assert rows[0]["from_role"] == "child_at_risk" and rows[0]["to_role"] is None


def test_connection_paths_steps_meet_end_to_end_on_generated_data(generated, db):
    people = [
        r["p"]
        for r in generated.execute_query(
            "MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record)-[:NAMES_PLACE]->(:Place) "
            "RETURN DISTINCT p.person_id AS p ORDER BY p",
            database_=db,
        ).records
    ]
    rng = random.Random(SEED)
    chains = 0
    for _ in range(25):
        first, last = rng.sample(people, 2)
        rows = run(generated, db, "connection_paths", from_person=first, to_person=last, max_records=4)
        chains += len(check_steps(rows, first, last))
    assert chains >= 5, "enough connected pairs to say something"
