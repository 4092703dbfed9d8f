"""A reader of every borough but not every source (e.g. MASH and the matrix, all London) has gang overlap
read from what the summary keeps per source (cypher/summary/read_gang_overlap_every_borough.cypher: each
way's steps' sources, migration 019), no record or entry looked up to decide a row. The rows must be the
live query's for every source set such a reader can have, all London and boroughs, hops 0 to 2, where the
1,000-row cap bites, and after a load, a split, a reload changing a record and an erasure.

Data generated with a seed the read was not written against, plus shapes the generator never makes, in
Bexley: Harry, a child one step from the nominal Nina only through an HSB case and two steps from the
nominal Olly through MASH referrals (a reader of MASH and the matrix sees Olly, two steps); Jack, a child
whose only way is through an HSB case (that reader sees no one); Kate, two steps from Nina through a
MASH referral then an HSB case. Harry is in a referral of his own in Bromley too, so he has MASH facts in
two boroughs. Then 1,100 children in Sutton beside one nominal, so the cap bites.
"""

from __future__ import annotations

from itertools import combinations

import pytest

from fixtures.generator import generate
from governance import erasure
from identity import decisions
from jigsaw import catalogue, cypher_files, summary_answers
from jigsaw.access import ALL_SOURCES, Scope
from tests.builders import (
    crowd_beside_a_nominal,
    folder_with,
    generated_borough,
    hsb_case,
    load,
    nominal,
    person_in,
    referral,
    run_paged_migration,
)
from tests.overlap_signature import overlap_summary
from tests.summary_checks import Comparisons

SEED = 70717  # not the demo's 7, nor any other summary test's
ROWS = 2000  # one borough
CROWD = 1100
READ = "summary/read_gang_overlap_every_borough"
MIGRATION = "migrations/019_gang_reach_sources"

# Every source set a reader of every borough can have (the last is every source: its own read).
SOURCE_SETS = [c for n in range(1, len(ALL_SOURCES) + 1) for c in combinations(sorted(ALL_SOURCES), n)]
MASH_AND_MATRIX = Scope(sources=("mash", "matrix"), boroughs=None)


def test_a_reader_of_every_borough_but_not_every_source_has_the_read_of_their_own():
    assert len(SOURCE_SETS) == 7
    assert summary_answers.read_query("gang_overlap", False, True).name == "read_gang_overlap_every_borough"
    assert summary_answers.read_query("gang_overlap", False, False).name == "read_gang_overlap"
    assert summary_answers.read_query("gang_overlap", True, True).name == "read_gang_overlap_unrestricted"
    # The read asks of each source whether the reader may read it: a new source must be added to it.
    text = cypher_files.read(READ)
    assert all(f"SOURCE_IN_SCOPE({s})" in text for s in ALL_SOURCES)


def _person(rid: str, role: str, name: str, dob: str) -> dict:
    return {"person_ref": rid, "role": role, "name": name, "dob": dob}


def _shapes(tmp_path):
    """Harry, Jack and Kate in Bexley beside the nominals Nina and Olly (see the module's docstring)."""
    mash = [
        # Harry beside Sam; Sam beside Olly (Olly named as a child at risk: a peer role, and a nominal).
        referral("EVB-H", "Harry Child", "2009-01-01", suspect="Sam Middle", borough="Bexley"),
        referral("EVB-O", "Olly Nominal", "2008-08-08", suspect="Sam Middle", borough="Bexley"),
        referral("EVB-J", "Jack Child", "2009-01-02", borough="Bexley"),
        referral("EVB-H2", "Harry Child", "2009-01-01", borough="Bromley"),  # MASH facts in two boroughs
        referral(
            "EVB-K",
            "Kate Child",
            "2010-02-02",
            borough="Bexley",
            people=[_person("P1", "suspected_perpetrator", "Tom Middle", "2009-01-03")],
        ),
    ]
    matrix = [
        nominal("EVB-NOM-N", "Nina Nominal", "2009-04-04").model_copy(update={"borough": "Bexley"}),
        nominal("EVB-NOM-O", "Olly Nominal", "2008-08-08").model_copy(
            update={"borough": "Bexley", "gangs": ["Erith Crew", "Abbey Set"]}
        ),
    ]
    hsb = [
        hsb_case("EVB-HSB-H", "Nina Nominal", "Harry Child").model_copy(update={"borough": "Bexley"}),
        _case("EVB-HSB-J", "Jack Child", "2009-01-02"),
        _case("EVB-HSB-K", "Tom Middle", "2009-01-03"),
    ]
    return folder_with(tmp_path / "shapes", mash=mash, matrix=matrix, hsb=hsb)


def _case(cid: str, harmed: str, dob: str):
    """An HSB case in Bexley: Nina displaying, `harmed` harmed."""
    case = hsb_case(cid, "Nina Nominal", harmed).model_copy(update={"borough": "Bexley"})
    children = [c.model_copy(update={"dob": dob}) if c.name == harmed else c for c in case.children]
    return case.model_copy(update={"children": children})


def _assert_as_live(graph, db, when: str, where: dict) -> set[tuple]:
    """Every source set of a reader of every borough, each (borough: hops) of `where`: summary == live;
    returns (sources, borough, hops) whose answer was cut at the cap."""
    answers, cut = Comparisons(graph, db, when), set()
    for sources in SOURCE_SETS:
        scope = Scope(sources=sources, boroughs=None)
        for borough, hops in where.items():
            for h in hops:
                params = {"hops": h} | ({} if borough is None else {"borough": borough})
                if answers.compare("+".join(sources), "gang_overlap", params, scope).truncated:
                    cut.add((sources, borough, h))
    answers.check()
    return cut


def _row(graph, db, person: str, scope: Scope) -> dict | None:
    rows = catalogue.run(graph, db, "gang_overlap", {"hops": 2, "borough": "Bexley"}, scope=scope).rows
    return next((r for r in rows if r["person_id"] == person), None)


def _ways_keep_their_records_sources(graph, db) -> None:
    """Each way's `via_sources` and `next_sources` are the sources of its steps' records, in order."""
    sources = "COLLECT { UNWIND %s AS k MATCH (r:Record {record_key: k}) RETURN DISTINCT r.source AS s ORDER BY s }"
    wrong = graph.execute_query(
        f"MATCH (w:GangReach) WITH w, {sources % 'w.via'} AS first, {sources % 'coalesce(w.next, [])'} AS second "
        "WHERE w.via_sources IS NULL OR w.via_sources <> first OR coalesce(w.next_sources, []) <> second "
        "   OR (w.steps = 1) <> (w.next_sources IS NULL) "
        "RETURN w.nominal AS nominal, w.via_sources AS kept, first LIMIT 5",
        database_=db,
    ).records
    assert not wrong, wrong


@pytest.mark.neo4j
def test_every_source_set_of_a_reader_of_every_borough_gets_the_live_answer_through_every_change(graph, db, tmp_path):
    generate(SEED, "M", tmp_path / "gen", rows=ROWS)
    load(graph, db, tmp_path / "gen", tmp_path)
    load(graph, db, _shapes(tmp_path), tmp_path)  # a load that adds records
    generated = generated_borough(graph, db, "EVB-")
    _ways_keep_their_records_sources(graph, db)
    # Harry has MASH facts in two boroughs: all London's candidates for a reader of MASH and the matrix
    # (sought by source, migration 024) meet him twice, and the answer must still have one row for him.
    twice = graph.execute_query(
        "MATCH (f:GangOverlapFact) WITH f.person_id AS p, f.source AS s, count(*) AS n WHERE n > 1 "
        "RETURN count(*) AS people",
        database_=db,
    ).records[0]["people"]
    assert twice > 0
    # Before the crowd: two steps everywhere too.
    _assert_as_live(graph, db, "after the loads", {None: (0, 1, 2), generated: (0, 1, 2), "Bexley": (0, 1, 2)})

    harry, jack, kate = (person_in(graph, db, f"mash:EVB-{x}", role="child_at_risk") for x in "HJK")
    olly = person_in(graph, db, "matrix:EVB-NOM-O", role="gang_nominal")
    nina = person_in(graph, db, "matrix:EVB-NOM-N", role="gang_nominal")
    everyone = Scope(sources=ALL_SOURCES, boroughs=None)
    # The shapes are what they are meant to be: a way through an HSB record is not this reader's.
    assert (_row(graph, db, harry, everyone)["steps"], _row(graph, db, harry, everyone)["nearest_nominal"]) == (1, nina)
    seen = _row(graph, db, harry, MASH_AND_MATRIX)
    assert (seen["steps"], seen["nearest_nominal"], seen["nearest_gangs"]) == (2, olly, ["Abbey Set", "Erith Crew"])
    assert _row(graph, db, jack, everyone)["steps"] == 1 and _row(graph, db, jack, MASH_AND_MATRIX) is None
    assert _row(graph, db, kate, everyone)["steps"] == 2 and _row(graph, db, kate, MASH_AND_MATRIX) is None

    load(graph, db, crowd_beside_a_nominal(tmp_path, "EVB", CROWD), tmp_path)
    crowded = {None: (0, 1), "Sutton": (0, 1), generated: (0, 1, 2), "Bexley": (0, 1, 2)}
    cut = _assert_as_live(graph, db, "after the crowd's load", crowded)
    # The cap bites for a restricted reader of every borough on both ways: all London's and a borough's.
    assert (("mash", "matrix"), None, 1) in cut and (("mash", "matrix"), "Sutton", 1) in cut, cut
    after = {None: (0, 1), "Bexley": (0, 1, 2)}

    # A split: Harry's HSB mention (his only way to Nina) taken out of Harry.
    moved = [m["mention_key"] for m in decisions.person_mentions(graph, db, harry) if "EVB-HSB-H" in m["mention_key"]]
    assert moved, decisions.person_mentions(graph, db, harry)
    decisions.split(graph, db, harry, moved, user="lead", why="two children of one name")
    assert _row(graph, db, harry, everyone)["nearest_nominal"] == olly
    _assert_as_live(graph, db, "after a split", after)

    # A reload changing a record: Kate's referral now names Sam, not Tom (two steps to Olly through MASH).
    changed = [referral("EVB-K", "Kate Child", "2010-02-02", suspect="Sam Middle", borough="Bexley")]
    assert load(graph, db, folder_with(tmp_path / "changed", mash=changed), tmp_path).records_changed == 1
    assert _row(graph, db, kate, MASH_AND_MATRIX)["nearest_nominal"] == olly
    _ways_keep_their_records_sources(graph, db)
    _assert_as_live(graph, db, "after a reload changing a record", after)

    # An erasure: Olly's referral, the second step of Harry's and Kate's ways through MASH.
    erasure.erase_records(graph, db, ["mash:EVB-O"], user="lead")
    assert _row(graph, db, harry, MASH_AND_MATRIX) is None and _row(graph, db, kate, MASH_AND_MATRIX) is None
    _ways_keep_their_records_sources(graph, db)
    _assert_as_live(graph, db, "after an erasure", after)


@pytest.mark.neo4j
def test_the_migration_gives_ways_built_before_it_their_sources_in_pages(graph, db, tmp_path):
    generate(SEED + 1, "S", tmp_path / "gen", rows=400)
    load(graph, db, tmp_path / "gen", tmp_path)
    load(graph, db, _shapes(tmp_path), tmp_path)
    built = overlap_summary(graph, db)
    graph.execute_query("MATCH (w:GangReach) REMOVE w.via_sources, w.next_sources", database_=db)
    assert overlap_summary(graph, db) != built
    run_paged_migration(graph, db, MIGRATION)  # paged: each page its own transaction
    assert overlap_summary(graph, db) == built
    _ways_keep_their_records_sources(graph, db)
    harry = person_in(graph, db, "mash:EVB-H", role="child_at_risk")
    assert _row(graph, db, harry, MASH_AND_MATRIX)["steps"] == 2
