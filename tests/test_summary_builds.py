"""The full build of jigsaw links in Python (graph_loader/link_build.py) writes exactly what the
Cypher build writes (cypher/summary/links_build.cypher with $all, which the incremental path
still runs): every node with its labels and properties, and every relationship with its ends.
The signature (tests/summary_signatures.py: links and cross-borough facts) is also what tests/test_first_load.py
compares a first load's imported summaries with.

Generated data with a seed the builds were not written against, and shapes the generator never
makes: two places of one name (different postcodes) named by the same two records of two
agencies, one person named twice in a record, a record naming a place twice, a nominal removed
from the matrix held in two boroughs, a child named in three boroughs.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fixtures.generator import generate
from governance import erasure
from graph_loader import overlap_build, summaries
from graph_loader.models.common import PlaceSeen
from identity import decisions
from jigsaw import catalogue
from jigsaw.cypher_files import load as cypher
from tests.builders import folder_with, hsb_case, load, referral
from tests.overlap_signature import overlap_summary
from tests.summary_signatures import SEED, awkward, cypher_build, python_build, summary_signature

pytestmark = pytest.mark.neo4j


def test_the_python_full_build_writes_what_the_cypher_build_writes(graph, db, tmp_path):
    generate(SEED, "S", tmp_path / "gen", rows=600)
    load(graph, db, tmp_path / "gen", tmp_path)
    load(graph, db, awkward(tmp_path / "odd"), tmp_path)
    cypher_build(graph, db)
    expected = summary_signature(graph, db)
    built = python_build(graph, db)
    found = summary_signature(graph, db)
    assert found == expected
    links, facts = found
    assert built["links"] == links.total() > 0 and facts.total() > 0
    assert any("Untied" in labels for labels, *_ in links) and any("ties" in dict(props) for _, props, *_ in links)
    assert {degree for *_, degree in links} == {2}  # a node and its two pieces: nothing else per link
    odd = [k for k in links if k[2].startswith("mash:ODD") or k[3].startswith("mash:ODD")]
    assert any(dict(k[1])["bridge"] == "Corner Cafe" for k in odd)  # the two cafes of one name: one link per pair
    assert any("removed_from_matrix" in dict(f[2])["roles"] for f in facts)


def test_the_full_build_read_in_small_pages_finds_the_same_links(graph, db, tmp_path):
    """The full build reads the records in pages by record key (one read of a million could pass
    the transaction timeout at L); pages of 7 records, most links crossing a page's edge, give
    exactly the links one page of everything gives."""
    generate(SEED + 1, "S", tmp_path / "gen", rows=400)
    load(graph, db, tmp_path / "gen", tmp_path)
    load(graph, db, awkward(tmp_path / "odd"), tmp_path)
    whole = python_build(graph, db, page=1_000_000)
    expected = summary_signature(graph, db)
    paged = python_build(graph, db, page=7)
    assert summary_signature(graph, db) == expected and paged["links"] == whole["links"] > 0


def test_gang_overlap_read_in_small_pages_builds_the_same_summary(graph, db, tmp_path):
    """Gang overlap's full build reads the records through the same paging loop as the links'
    (graph_loader/paged_read.py): pages of 7 records, most of a person's records and ways crossing a
    page's edge, give exactly the facts and ways one page of everything gives."""
    generate(SEED + 2, "S", tmp_path / "gen", rows=400)
    load(graph, db, tmp_path / "gen", tmp_path)
    load(graph, db, awkward(tmp_path / "odd"), tmp_path)

    def built(page: int) -> tuple[dict, tuple]:
        summaries.delete_in_batches(graph, db, "overlap_delete_all")
        counts = overlap_build.build(graph, db, page)
        return counts, overlap_summary(graph, db)

    whole, expected = built(1_000_000)
    paged, found = built(7)
    assert found == expected and paged["people"] == whole["people"] > 0 and paged["ways"] == whole["ways"] > 0


def _tie_shapes(when: str, tying: tuple[str, str]) -> list:
    """Ava and Max (a MASH referral) and Jo and Kit (an HSB case) seen at one cafe: place links
    between them; TIE-2, another referral, names `tying` (child, suspect) and so ties a pair."""
    child, suspect = tying
    cafe = {"place_name": "Tie Cafe", "place_type": "cafe", "postcode": "E8 2TT", "date_seen": "2024-02-10"}
    mash = [
        referral("TIE-1", "Ava Tiepin", "2010-01-01", suspect="Max Tiepin", places=[cafe]),
        referral("TIE-2", child, "2009-01-01", suspect=suspect, date_received=when),
    ]
    case = hsb_case("TIE-H1", "Jo Tiepin", "Kit Tiepin").model_copy(update={"places": [PlaceSeen.model_validate(cafe)]})
    return mash, [case]


def _links_kept_as_built_whole(graph, db, when: str) -> tuple:
    """The links kept incrementally equal those a full build makes of the same graph."""
    state = {s["name"]: s for s in summaries.states(graph, db)}["jigsaw_links"]
    assert state["how"] == "incremental" and not state["running"], f"{when}: {state}"
    kept = summary_signature(graph, db)[0]
    python_build(graph, db)
    whole = summary_signature(graph, db)[0]
    assert kept == whole, f"{when}: missing {list(whole - kept)[:3]}; stale {list(kept - whole)[:3]}"
    return kept


def _max_and(graph, db, child: str = "Kit Tiepin") -> list[tuple]:
    """The links between Max (TIE-1) and a child of TIE-H1 through the cafe, with their ties."""
    rows = graph.execute_query(
        "MATCH (:Record {record_key: 'mash:TIE-1'})-[:MENTIONS]->(:Mention {name: 'Max Tiepin'})-[:REFERS_TO]->(m), "
        "(:Record {record_key: 'hsb:TIE-H1'})-[:MENTIONS]->(:Mention {name: $child})-[:REFERS_TO]->(k) "
        "MATCH (l:JigsawLink {kind: 'place', bridge: 'Tie Cafe'}) "
        "WHERE [l.person_a, l.person_b] IN [[m.person_id, k.person_id], [k.person_id, m.person_id]] "
        "RETURN DISTINCT l.ties AS ties",
        child=child,
        database_=db,
    ).records
    return [r["ties"] for r in rows]


def test_links_kept_incrementally_equal_the_full_build_when_a_tie_is_made_and_lost(graph, db, tmp_path):
    """A record that ties two people is changed by a load so that it names neither (a link keeps its
    tying records' keys, not relationships, so only what the record named before the change finds
    the links it tied), then ties them again, then one of its people is split off, then it is
    erased: after each, the links kept incrementally are those a full build makes."""
    generate(4711, "S", tmp_path / "gen", rows=300)  # a seed the code was not written against
    load(graph, db, tmp_path / "gen", tmp_path)
    mash, hsb = _tie_shapes("2024-03-01", ("Kit Tiepin", "Max Tiepin"))
    load(graph, db, folder_with(tmp_path / "t1", mash=mash, hsb=hsb), tmp_path)
    _links_kept_as_built_whole(graph, db, "a load of new records")
    assert _max_and(graph, db) == [["mash:TIE-2"]]  # Max and Kit: linked through the cafe, tied by TIE-2

    mash, _ = _tie_shapes("2024-03-01", ("Lou Other", "Ned Other"))  # TIE-2 now names neither
    assert load(graph, db, folder_with(tmp_path / "t2", mash=mash[1:]), tmp_path).records_changed == 1
    _links_kept_as_built_whole(graph, db, "a changed record naming neither of the people it tied")
    assert _max_and(graph, db) == [None]  # untied now: the jigsaw link shows
    live = catalogue.run(graph, db, "jigsaw_links", {"borough": "Hackney"}, summary=False)
    kept = catalogue.run(graph, db, "jigsaw_links", {"borough": "Hackney"})
    assert kept.answered_from == "summary" and kept.rows == live.rows

    mash, _ = _tie_shapes("2024-03-01", ("Kit Tiepin", "Max Tiepin"))  # and ties them again
    assert load(graph, db, folder_with(tmp_path / "t3", mash=mash[1:]), tmp_path).records_changed == 1
    _links_kept_as_built_whole(graph, db, "a changed record tying two people again")
    assert _max_and(graph, db) == [["mash:TIE-2"]]

    kit = graph.execute_query(
        "MATCH (:Record {record_key: 'mash:TIE-2'})-[:MENTIONS]->(:Mention {name: 'Kit Tiepin'})-[:REFERS_TO]->(p) "
        "RETURN p.person_id AS id",
        database_=db,
    ).records[0]["id"]
    moved = [m["mention_key"] for m in decisions.person_mentions(graph, db, kit) if "TIE-2" in m["mention_key"]]
    decisions.split(graph, db, kit, moved, user="lead", why="two children of one name")
    _links_kept_as_built_whole(graph, db, "a split of one of the tied people")
    assert _max_and(graph, db) == [None]

    # A new record tying them again, then erased: the link it tied is found again from the people it named.
    again = [referral("TIE-3", "Jo Tiepin", "2009-04-04", suspect="Max Tiepin", date_received="2024-04-01")]
    load(graph, db, folder_with(tmp_path / "t4", mash=again), tmp_path)
    _links_kept_as_built_whole(graph, db, "a new record tying two people")
    assert _max_and(graph, db, "Jo Tiepin") == [["mash:TIE-3"]]
    erasure.erase_records(graph, db, ["mash:TIE-3"], user="lead")
    _links_kept_as_built_whole(graph, db, "an erasure of a tying record")
    assert _max_and(graph, db, "Jo Tiepin") == [None]


def _mention_keys(graph, db, record_key: str) -> list[str]:
    return [
        r["key"]
        for r in graph.execute_query(
            "MATCH (:Record {record_key: $key})-[:MENTIONS]->(m:Mention) RETURN m.mention_key AS key",
            key=record_key,
            database_=db,
        ).records
    ]


def _relink(graph, db, keys: list[str], run_id: str, touch: bool) -> None:
    """What an identity run over new mentions does to these mentions: each moved to a person of its
    own (identity/relink), after summaries.touch_relinked as identity/graph_run calls it, or without."""
    op = summaries.begin_change(graph, db, "identity-run")
    if touch:
        summaries.touch_relinked(graph, db, keys)
    links = [{"mention_key": k, "person_id": f"{run_id}-{i}", "score": 1.0} for i, k in enumerate(keys)]
    graph.execute_query(
        cypher("identity/relink"),
        links=links,
        method="probabilistic",
        run_id=run_id,
        at=datetime.now(UTC),
        database_=db,
    )
    summaries.after_identity_run(graph, db, run_id, "new", op)


def test_links_kept_when_an_identity_run_moves_both_tied_people_off_one_record(graph, db, tmp_path):
    """TIE-2 ties Max and Kit (linked through a cafe); an identity run over new mentions moves both of
    its mentions to other people at once, so it names neither and no person is left to find the link
    through. Without the touch before the moves the link keeps a tie that no longer holds; with it
    (identity/graph_run.py calls summaries.touch_relinked) the links kept equal a full build."""
    generate(4712, "S", tmp_path / "gen", rows=300)  # a seed the code was not written against
    load(graph, db, tmp_path / "gen", tmp_path)
    mash, hsb = _tie_shapes("2024-03-01", ("Kit Tiepin", "Max Tiepin"))
    load(graph, db, folder_with(tmp_path / "t1", mash=mash, hsb=hsb), tmp_path)
    _links_kept_as_built_whole(graph, db, "a load of new records")
    assert _max_and(graph, db) == [["mash:TIE-2"]]
    keys = _mention_keys(graph, db, "mash:TIE-2")
    assert len(keys) == 2

    _relink(graph, db, keys, "gap-run", touch=False)  # the gap as it was: the stale tie stays
    state = {s["name"]: s for s in summaries.states(graph, db)}["jigsaw_links"]
    assert state["how"] == "incremental"
    stale = summary_signature(graph, db)[0]
    python_build(graph, db)
    assert stale != summary_signature(graph, db)[0]

    mash, hsb = _tie_shapes("2024-03-01", ("Kit Tiepin", "Max Tiepin"))  # TIE-2 named by them again
    mash[1] = mash[1].model_copy(update={"date_received": "2024-03-02"})  # changed: its mentions made afresh
    load(graph, db, folder_with(tmp_path / "t2", mash=mash[1:]), tmp_path)
    _links_kept_as_built_whole(graph, db, "TIE-2 tying them again")
    assert _max_and(graph, db) == [["mash:TIE-2"]]
    keys = _mention_keys(graph, db, "mash:TIE-2")
    _relink(graph, db, keys, "fixed-run", touch=True)
    _links_kept_as_built_whole(graph, db, "an identity run moving both tied people off one record")
    assert _max_and(graph, db) == [None]


def test_links_that_lost_a_piece_to_an_erasure_are_found_without_a_scan(graph, db, tmp_path):
    """A child's only record (Ann at a yard) and an HSB case of two others at the same yard: place
    links whose other piece names none of the erased record's people, so erasing Ann's record
    touches nothing those links are built from. links_delete must find them from the people the
    erasure names (the links' ends), not from the touched records; after it the links kept equal a
    full build and none is left with one piece (summary_signature checks that too)."""
    generate(4713, "S", tmp_path / "gen", rows=300)  # a seed the code was not written against
    load(graph, db, tmp_path / "gen", tmp_path)
    yard = {"place_name": "Lone Yard", "place_type": "other", "postcode": "E8 4LY", "date_seen": "2024-02-10"}
    mash = [referral("LONE-1", "Ann Lonely", "2010-01-01", places=[yard], borough="Camden")]
    case = hsb_case("LONE-H1", "Bea Lonely", "Cal Lonely").model_copy(
        update={"borough": "Bexley", "places": [PlaceSeen.model_validate(yard)]}
    )
    load(graph, db, folder_with(tmp_path / "t1", mash=mash, hsb=[case]), tmp_path)
    kept = _links_kept_as_built_whole(graph, db, "a load of new records")
    assert sum(1 for k in kept if "mash:LONE-1" in (k[2], k[3])) == 2  # Ann with Bea, Ann with Cal
    erasure.erase_records(graph, db, ["mash:LONE-1"], user="lead")
    kept = _links_kept_as_built_whole(graph, db, "an erasure of a record whose links' other piece is untouched")
    assert not any("mash:LONE-1" in (k[2], k[3]) for k in kept)
    left = graph.execute_query(
        "MATCH (l:JigsawLink) WHERE NOT EXISTS { (l)-[:PIECE_A]->() } OR NOT EXISTS { (l)-[:PIECE_B]->() } "
        "RETURN count(l) AS n",
        database_=db,
    ).records[0]["n"]
    assert left == 0
