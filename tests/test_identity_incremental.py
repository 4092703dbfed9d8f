"""Incremental identity: a new load is resolved against existing persons without redoing everything."""

from __future__ import annotations

import pytest

from identity.block import candidate_pairs
from identity.compare import MentionData
from identity.graph_run import run
from tests.builders import folder_with, load, referral
from tests.paths import REPO_ROOT

DEMO = REPO_ROOT / "fixtures" / "demo"


def test_focus_keeps_only_pairs_with_a_new_mention():
    people = [MentionData(f"k{i}", "Jayden Smith", None, None, None, None, ()) for i in range(4)]
    every = {(a.mention_key, b.mention_key) for a, b in candidate_pairs(people)}
    focused = {(a.mention_key, b.mention_key) for a, b in candidate_pairs(people, focus={"k3"})}
    assert len(every) == 6 and focused == {("k0", "k3"), ("k1", "k3"), ("k2", "k3")}


@pytest.mark.neo4j
def test_a_new_load_links_to_existing_persons_and_leaves_the_rest(graph, db, tmp_path):
    from jigsaw.graph_admin import wipe_data

    wipe_data(graph, db)
    load(graph, db, DEMO, tmp_path)
    full = run(graph, db)
    before = {
        r["k"]: r["p"]
        for r in graph.execute_query(
            "MATCH (m:Mention)-[:REFERS_TO]->(p) RETURN m.mention_key AS k, p.person_id AS p", database_=db
        ).records
    }
    queue_before = graph.execute_query(
        "MATCH (c:IdentityCandidate {status: 'open'}) RETURN count(c) AS c", database_=db
    ).records[0]["c"]
    # The matrix's "Cameron Knighht" (GM-000002, born 14/11/1999, street name Ghost, W6 1XJ),
    # now named in a new referral with a slightly different spelling.
    person = {
        "person_ref": "P1",
        "role": "suspected_perpetrator",
        "name": "Cameron Knight",
        "dob": "1999-11-14",
        "alias": "Ghost",
        "postcode": "W6 1XJ",
        "gender": "male",
    }
    new = referral("NEW-1", "Tia Brooks", "2009-09-09", people=[person], borough="Hammersmith and Fulham")
    load(graph, db, folder_with(tmp_path / "new", mash=[new]), tmp_path)
    incremental = run(graph, db, new_only=True)
    assert incremental.mode == "new_only" and incremental.mentions == 2
    assert incremental.pairs_compared < full.pairs_compared / 10
    after = {
        r["k"]: r["p"]
        for r in graph.execute_query(
            "MATCH (m:Mention)-[:REFERS_TO]->(p) RETURN m.mention_key AS k, p.person_id AS p", database_=db
        ).records
    }
    assert after["mash:NEW-1:person:P1"] == after["matrix:GM-000002"]
    assert {k: after[k] for k in before} == before, "nothing that was resolved before moves"
    queue_after = graph.execute_query(
        "MATCH (c:IdentityCandidate {status: 'open'}) RETURN count(c) AS c", database_=db
    ).records[0]["c"]
    assert queue_after >= queue_before, "the review queue is added to, not replaced"
    again = run(graph, db, new_only=True)
    assert again.mentions == 0 and again.pairs_compared == 0
    wipe_data(graph, db)
