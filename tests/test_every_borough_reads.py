"""A reader limited by source but not by borough (a MASH-and-matrix analyst of all London) is answered
by reads of their own (cypher/summary/read_*_every_borough): jigsaw links judged "not already tied"
on the sources of the tying records each link keeps (`tie_sources`), cross-borough people from
each person's answer kept per set of sources (CrossBoroughAnswer). Their rows must be the live
query's, cut where the live one is cut, for every set of sources such a reader can have, and stay
so after a load of new records, a reload that changes a record, a split and an erasure.
"""

from __future__ import annotations

import re
from itertools import combinations

import pytest

from fixtures.generator import generate
from governance import erasure
from graph_loader.models.matrix import MatrixAssociate
from identity import decisions
from jigsaw import catalogue, cypher_files, summary_answers
from jigsaw.access import ALL_SOURCES, Scope
from tests.builders import (
    folder_with,
    hsb_case,
    load,
    nominal,
    one_of_each,
    person_in,
    referral,
    run_paged_migration,
)
from tests.four_readers import busiest_boroughs
from tests.summary_checks import Comparisons
from tests.summary_signatures import summary_signature

SEED = 60613  # not the demo's 7, nor any other summary test's

# Every non-empty set of sources a reader of every borough can have (every source: the unrestricted read).
SOURCE_SETS = [chosen for size in range(1, len(ALL_SOURCES) + 1) for chosen in combinations(ALL_SOURCES, size)]
READS = ("jigsaw_links", "cross_borough_people")


def test_each_every_borough_read_tests_every_source_of_the_registry():
    """The reads name each source by hand (SOURCE_IN_SCOPE): a source added to the registry and not
    to them would be read as if no reader could read it. And the catalogue picks them only for a
    reader of every borough who is not unrestricted."""
    for name in READS:
        text = cypher_files.read(f"summary/read_{name}_every_borough")
        assert set(re.findall(r"SOURCE_IN_SCOPE\((\w+)\)", text)) == set(ALL_SOURCES), name
        # And each list of them: the reader's pairs of sources, and the sources a tie may have.
        lists = re.findall(r"\[s IN \[(.*?)\] WHERE s IS NOT NULL\]", text, re.S)
        lists += re.findall(r"none\(s IN coalesce\(l\.tie_sources, \[\]\) WHERE (.*?\)\)\))", text, re.S)
        if name == "jigsaw_links":
            assert lists, "the links' read builds its lists of sources by hand: the pattern no longer finds them"
        for one in lists:
            assert set(re.findall(r"SOURCE_IN_SCOPE\((\w+)\)", one)) == set(ALL_SOURCES), (name, one)
        assert summary_answers.read_query(name, False, True).name == f"read_{name}_every_borough"
        assert summary_answers.read_query(name, True, True).name == f"read_{name}_unrestricted"
        assert summary_answers.read_query(name, False, False).name == f"read_{name}"


def _readers() -> dict[str, Scope]:
    return {"+".join(chosen): Scope(sources=chosen, boroughs=None) for chosen in SOURCE_SETS}


def _busiest_person(graph, db) -> str:
    return graph.execute_query(
        "MATCH (l:JigsawLink) UNWIND [l.person_a, l.person_b] AS p RETURN p, count(*) AS n ORDER BY n DESC, p LIMIT 1",
        database_=db,
    ).records[0]["p"]


def _cases(boroughs: list[str], person: str, every: bool) -> list[tuple[str, dict, int | None]]:
    """(query, parameters, row cap): all London, a borough, a person; cross-borough people also cut
    by a smaller cap of the catalogue's (the generated data holds fewer than 1,000 of them). After a
    change (`every` false) the ways the change can move, not every parameter again."""
    cases = [
        ("jigsaw_links", {}, None),
        ("jigsaw_links", {"borough": boroughs[0]}, None),
        ("jigsaw_links", {"person_id": person}, None),
        ("cross_borough_people", {}, None),
        ("cross_borough_people", {}, 5),
    ]
    if every:
        cases += [
            ("jigsaw_links", {"borough": boroughs[1]}, None),
            ("jigsaw_links", {"person_id": person, "borough": boroughs[0]}, None),
            ("jigsaw_links", {"borough": boroughs[0]}, 40),
            ("cross_borough_people", {"min_boroughs": 3}, None),
            ("cross_borough_people", {"role": "child_at_risk"}, 10),
            ("cross_borough_people", {"role": "gang_nominal"}, None),
        ]
    return cases


def _assert_as_live(graph, db, when: str, every: bool = False) -> set[tuple[str, str, str]]:
    """Every source set, every case: summary == live; returns the (reader, query, case) cut at their cap."""
    boroughs = busiest_boroughs(graph, db)
    person = _busiest_person(graph, db)
    # The summary's read may run once more too, as here it always could: all London's first read of a
    # source set, planning included, can pass its timeout on a shared machine.
    answers, cut = Comparisons(graph, db, when, retry_summary=True), set()
    for label, scope in _readers().items():
        for name, params, limit in _cases(boroughs, person, every):
            if answers.compare(label, name, params, scope, limit).truncated:
                cut.add((label, name, f"{params} {limit}"))
    answers.check(every_one_answered=READS)
    return cut


def test_the_links_reads_guard_for_two_sources_names_every_source_of_the_registry():
    """A link's pieces are from two sources, so both links reads read nothing for a reader of one: the
    guard counts the reader's sources by hand, and a source missing from it would be counted as unread."""
    for stem in ("read_jigsaw_links", "read_jigsaw_links_every_borough"):
        guard = re.search(r"WHERE (CASE WHEN SOURCE_IN_SCOPE.*?) >= 2", cypher_files.read(f"summary/{stem}"), re.S)
        assert guard, stem
        assert set(re.findall(r"SOURCE_IN_SCOPE\((\w+)\)", guard.group(1))) == set(ALL_SOURCES), stem


@pytest.mark.neo4j
def test_every_source_set_of_a_reader_of_every_borough_is_answered_as_live_through_every_change(graph, db, tmp_path):
    generate(SEED, "S", tmp_path / "gen", rows=2500)  # ten boroughs: cross-borough people, links past the cap
    load(graph, db, tmp_path / "gen", tmp_path)
    kept = graph.execute_query(
        "MATCH (l:JigsawLink) WHERE l.ties IS NOT NULL "
        "RETURN count(l) AS tied, count(l.tie_sources) AS sourced, "
        "COUNT { (:CrossBoroughAnswer) } AS answers",
        database_=db,
    ).records[0]
    assert kept["tied"] == kept["sourced"] > 0 and kept["answers"] > 0
    cut = _assert_as_live(graph, db, "after the load", every=True)
    # The 1,000-row cap bites on all London's links for a reader of two sources and for everyone
    # (a pair's links are a part of London's), a smaller one on a borough's for most readers of two
    # sources or more, and on the cross-borough people of most source sets.
    assert {("mash+matrix", "{} None"), ("mash+matrix+hsb", "{} None")} <= {
        (label, case) for label, name, case in cut if name == "jigsaw_links"
    }, cut
    assert {"mash+hsb", "mash+matrix", "mash+matrix+hsb"} <= {
        label for label, name, case in cut if name == "jigsaw_links" and case.endswith(" 40")
    }, cut
    assert len({label for label, name, _ in cut if name == "cross_borough_people"}) >= 4, cut

    # A load of new records: two generated children named again in another borough beside a new
    # suspect and an HSB case (new cross-borough people, new links, a new tie).
    a, b = one_of_each(graph, db)
    far = "Bexley" if a["borough"] != "Bexley" else "Sutton"
    mash = [
        referral("EB-REF-1", a["name"], a["dob"], suspect="Zia Everley", borough=far),
        referral("EB-REF-2", b["name"], b["dob"], suspect="Zia Everley", borough=far),
    ]
    case = hsb_case("EB-HSB-1", "Yan Everley", b["name"]).model_copy(update={"borough": far})
    load(graph, db, folder_with(tmp_path / "new", mash=mash, hsb=[case]), tmp_path)
    _assert_as_live(graph, db, "after a load of new records")

    # The same referral again naming the other child and no suspect: a changed record.
    changed = [referral("EB-REF-1", b["name"], b["dob"], borough=far)]
    again = load(graph, db, folder_with(tmp_path / "changed", mash=changed), tmp_path)
    assert again.records_changed == 1
    _assert_as_live(graph, db, "after a reload that changed a record")

    # A split (the second child's new referral taken out of them), then an erasure.
    child = person_in(graph, db, "mash:EB-REF-2", role="child_at_risk")
    moved = [m["mention_key"] for m in decisions.person_mentions(graph, db, child) if "EB-REF-2" in m["mention_key"]]
    decisions.split(graph, db, child, moved, user="lead", why="two children of one name")
    _assert_as_live(graph, db, "after a split")

    erasure.erase_records(graph, db, ["mash:EB-REF-2", "hsb:EB-HSB-1"], user="lead")
    _assert_as_live(graph, db, "after an erasure")


@pytest.mark.neo4j
def test_a_link_tied_only_by_a_source_the_reader_may_not_read_is_theirs_and_one_tied_by_theirs_is_not(
    graph, db, tmp_path
):
    """Kyle (suspect, MASH R2) and Jayden (HSB-1) are linked through Bella, named by both; only a
    matrix entry (Kyle's, naming Jayden as an associate) ties them. Kyle and Leo (HSB-2, also with
    Bella) are tied by a MASH referral naming both (R3)."""
    matrix_entry = nominal("GM-1", "Kyle Johnson", "2001-05-05").model_copy(
        update={"associates": [MatrixAssociate(associate_ref="A1", name="Jayden Smith", dob="2009-04-04")]}
    )
    leo = hsb_case("HSB-2", "Leo Grant", "Bella Jones")
    folder = folder_with(
        tmp_path / "tied",
        mash=[
            referral("R2", "Bella Jones", "2009-01-01", suspect="Kyle Johnson"),
            referral("R3", "Leo Grant", "2009-04-04", suspect="Kyle Johnson", borough="Camden"),
        ],
        matrix=[matrix_entry],
        hsb=[hsb_case("HSB-1", "Jayden Smith", "Bella Jones"), leo],
    )
    load(graph, db, folder, tmp_path)
    kyle, jayden, leo_id = (
        person_in(graph, db, "mash:R2", name="Kyle Johnson"),
        person_in(graph, db, "hsb:HSB-1", name="Jayden Smith"),
        person_in(graph, db, "hsb:HSB-2", name="Leo Grant"),
    )
    kept = {
        frozenset((r["a"], r["b"])): r["sources"]
        for r in graph.execute_query(
            "MATCH (l:JigsawLink {bridge: $bella}) RETURN l.person_a AS a, l.person_b AS b, l.tie_sources AS sources",
            bella=person_in(graph, db, "mash:R2", name="Bella Jones"),
            database_=db,
        ).records
    }
    assert kept[frozenset((kyle, jayden))] == ["matrix"] and kept[frozenset((kyle, leo_id))] == ["mash"], kept

    def pairs(scope: Scope, summary: bool) -> set[frozenset]:
        result = catalogue.run(graph, db, "jigsaw_links", {}, scope=scope, summary=summary)
        assert result.answered_from == ("summary" if summary else "live")
        return {frozenset((r["person_a"], r["person_b"])) for r in result.rows}

    mash_and_hsb = Scope(sources=("mash", "hsb"), boroughs=None)
    shown = pairs(mash_and_hsb, summary=True)
    assert frozenset((kyle, jayden)) in shown and frozenset((kyle, leo_id)) not in shown, shown
    assert shown == pairs(mash_and_hsb, summary=False)
    everyone = Scope(sources=ALL_SOURCES, boroughs=None)  # the matrix entry ties Kyle and Jayden for them
    assert frozenset((kyle, jayden)) not in pairs(everyone, summary=True)


def _backfilled_in_pages(graph, db, migration: str, built) -> None:
    """The store lacks what the build wrote; the migration (paged: each page its own transaction) writes
    it back, and a second run writes nothing more."""
    assert summary_signature(graph, db) != built
    for _ in range(2):
        run_paged_migration(graph, db, migration)
        assert summary_signature(graph, db) == built


@pytest.mark.neo4j
def test_the_migration_backfills_a_store_summarised_before_it_in_pages(graph, db, tmp_path):
    generate(SEED, "S", tmp_path / "gen", rows=500)
    load(graph, db, tmp_path / "gen", tmp_path)
    built = summary_signature(graph, db)
    # A store from before the migration: no tying sources, no answers per set of sources.
    graph.execute_query("MATCH (l:JigsawLink) REMOVE l.tie_sources", database_=db)
    graph.execute_query("MATCH (a:CrossBoroughAnswer) DETACH DELETE a", database_=db)
    _backfilled_in_pages(graph, db, "migrations/018_every_borough_reads", built)


@pytest.mark.neo4j
def test_migration_023_gives_a_store_summarised_before_it_each_links_pair_of_sources_in_pages(graph, db, tmp_path):
    generate(SEED, "S", tmp_path / "gen", rows=500)
    load(graph, db, tmp_path / "gen", tmp_path)
    built = summary_signature(graph, db)
    found = graph.execute_query("MATCH (l:JigsawLink) RETURN l.pair AS pair, count(*) AS n", database_=db).records
    # Every link's pieces are from two sources, kept sorted, whichever end is whose.
    assert {"hsb|mash", "mash|matrix"} <= {r["pair"] for r in found} <= {"hsb|mash", "hsb|matrix", "mash|matrix"}
    sources = (
        "MATCH (l:JigsawLink)-[:PIECE_A]->(r1), (l)-[:PIECE_B]->(r2) "
        "RETURN l.pair AS pair, r1.source AS a, r2.source AS b"
    )
    for r in graph.execute_query(sources, database_=db).records:
        assert r["pair"] == "|".join(sorted((r["a"], r["b"])))
    # A store from before the migration: no pairs.
    graph.execute_query("MATCH (l:JigsawLink) REMOVE l.pair", database_=db)
    _backfilled_in_pages(graph, db, "migrations/023_link_pairs", built)
