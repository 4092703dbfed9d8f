"""Splitting a wrongly joined person, and giving cut-off clusters persons of their own."""

from __future__ import annotations

import pytest

from identity.assign import assign
from identity.decisions import Verdict, decide, person_mentions, split
from identity.graph_run import run
from tests.builders import folder_with, load, referral


def test_a_cluster_cut_off_from_its_person_gets_a_new_one_and_nothing_else_moves():
    current = {"a": "P-1", "b": "P-1", "c": "P-1", "d": "P-2"}
    links = assign([{"a", "b"}, {"c"}, {"d"}], current)
    assert [link["mention_key"] for link in links] == ["c"] and links[0]["person_id"] not in {"P-1", "P-2"}
    assert assign([{"a", "b", "c"}, {"d"}], current) == []
    joined = assign([{"a", "b", "c", "d"}], current)
    assert joined == [{"mention_key": "d", "person_id": "P-1"}]


@pytest.mark.neo4j
def test_a_split_person_stays_split_through_runs_and_reloads(graph, db, tmp_path):
    # Two different girls recorded with the same name and birthday: exact matching joins them.
    records = [
        referral("R1", "Chloe Adams", "2009-04-04", place="Chicken Spot"),
        referral("R2", "Chloe Adams", "2009-04-04", borough="Lambeth"),
    ]
    folder = folder_with(tmp_path / "in", mash=records)
    load(graph, db, folder, tmp_path)
    [person] = {
        r["p"]
        for r in graph.execute_query(
            "MATCH (m:Mention {name: 'Chloe Adams'})-[:REFERS_TO]->(p) RETURN p.person_id AS p", database_=db
        ).records
    }
    keys = [m["mention_key"] for m in person_mentions(graph, db, person)]
    assert keys == ["mash:R1:child", "mash:R2:child"]
    with pytest.raises(ValueError, match="say why"):
        split(graph, db, person, ["mash:R2:child"], "analyst-1", "")
    with pytest.raises(ValueError, match="must stay"):
        split(graph, db, person, keys, "analyst-1", "all of them")
    new = split(graph, db, person, ["mash:R2:child"], "analyst-1", "different schools and boroughs: two girls")

    def people():
        return {
            r["k"]: r["p"]
            for r in graph.execute_query(
                "MATCH (m:Mention)-[:REFERS_TO]->(p) WHERE m.name = 'Chloe Adams' "
                "RETURN m.mention_key AS k, p.person_id AS p",
                database_=db,
            ).records
        }

    assert people() == {"mash:R1:child": person, "mash:R2:child": new} and new != person
    run(graph, db)
    assert people() == {"mash:R1:child": person, "mash:R2:child": new}, "an identity run does not re-join them"
    load(graph, db, folder, tmp_path)
    run(graph, db)
    assert len(set(people().values())) == 2, "nor does reloading every record"
    history = graph.execute_query(
        "MATCH (c:IdentityCandidate)-[:DECIDED]->(d {split_of: $p}) RETURN c.status AS s, d.user AS u, d.why AS why",
        p=person,
        database_=db,
    ).records
    assert [(r["s"], r["u"]) for r in history] == [("not_same", "analyst-1")] and history[0]["why"]
    # Reversible: an analyst can later confirm they are the same after all.
    decide(graph, db, "mash:R1:child|mash:R2:child", Verdict.same_person, "analyst-2", "same girl: school confirmed")
    run(graph, db)
    assert len(set(people().values())) == 1
