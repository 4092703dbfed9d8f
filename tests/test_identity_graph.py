"""`jigsaw identity run` on the demo data in the real Neo4j, judged against ground truth."""

from __future__ import annotations

import json
from itertools import combinations

import pytest

from identity.graph_run import run
from tests.builders import load
from tests.paths import REPO_ROOT

pytestmark = pytest.mark.neo4j
DEMO = REPO_ROOT / "fixtures" / "demo"


@pytest.fixture
def resolved(graph, db, tmp_path):
    load(graph, db, DEMO, tmp_path)
    summary = run(graph, db)
    truth = json.loads((DEMO / "ground_truth.json").read_text())
    person_of = {
        r["k"]: r["p"]
        for r in graph.execute_query(
            "MATCH (m:Mention)-[:REFERS_TO]->(p:Person) RETURN m.mention_key AS k, p.person_id AS p", database_=db
        ).records
    }
    return summary, truth, person_of


def test_links_are_precise_and_find_more_than_exact_matching(resolved):
    _, truth, person_of = resolved
    true_pairs = {frozenset(p) for t in truth["persons"] for p in combinations(t["mention_keys"], 2)}
    by_person: dict[str, list[str]] = {}
    for key, person in person_of.items():
        if ":associate:" not in key:
            by_person.setdefault(person, []).append(key)
    linked = {frozenset(p) for keys in by_person.values() for p in combinations(keys, 2)}
    precision = len(linked & true_pairs) / len(linked)
    recall = len(linked & true_pairs) / len(true_pairs)
    print(f"demo: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.99 and recall >= 0.9


def test_controls_stay_apart_and_the_planted_people_come_together(resolved):
    _, truth, person_of = resolved
    persons = {t["person_id"]: {person_of[k] for k in t["mention_keys"]} for t in truth["persons"]}
    scenarios = {s["name"]: s for s in truth["scenarios"]}
    for control in ("control_twins_same_dob", "control_common_name"):
        first, second = scenarios[control]["person_ids"]
        assert not persons[first] & persons[second], control
    girl = scenarios["placed_out_of_borough_missing"]["person_ids"][0]
    assert len(persons[girl]) == 1, "her three referrals are one child"


def test_doubtful_pairs_wait_for_an_analyst_with_the_evidence(resolved, graph, db):
    summary, truth, _ = resolved
    assert summary.review_queued > 0
    row = graph.execute_query(
        "MATCH (c:IdentityCandidate {status: 'open'})-[:CANDIDATE_MENTION]->(m) "
        "WITH c, collect(m.mention_key) AS ms RETURN c.fields AS fields, c.reason AS reason, ms LIMIT 1",
        database_=db,
    ).records[0]
    assert len(row["ms"]) == 2 and row["reason"]
    assert any(f.startswith("date_of_birth: ") for f in row["fields"])
    # The suspect recorded only by his street name is queued against his matrix entry.
    man = next(s for s in truth["scenarios"] if s["name"] == "older_nominal_three_girls")["person_ids"][0]
    keys = next(t["mention_keys"] for t in truth["persons"] if t["person_id"] == man)
    queued = graph.execute_query(
        "MATCH (c:IdentityCandidate)-[:CANDIDATE_MENTION]->(m:Mention) WHERE m.mention_key IN $keys "
        "RETURN count(DISTINCT c) AS n",
        keys=keys,
        database_=db,
    ).records[0]["n"]
    assert queued >= 1


def test_a_second_run_changes_no_links(resolved, graph, db):
    again = run(graph, db)
    assert again.relinked == 0 and again.persons_removed == 0


def _pair_for(graph, db, keys: list[str]) -> str:
    return graph.execute_query(
        "MATCH (c:IdentityCandidate {status: 'open'})-[:CANDIDATE_MENTION]->(m:Mention) WHERE m.mention_key IN $keys "
        "RETURN c.pair_key AS k ORDER BY c.score DESC LIMIT 1",
        keys=keys,
        database_=db,
    ).records[0]["k"]


def _person(graph, db, key: str) -> str:
    return graph.execute_query(
        "MATCH (:Mention {mention_key: $k})-[:REFERS_TO]->(p) RETURN p.person_id AS p", k=key, database_=db
    ).records[0]["p"]


def test_analyst_decisions_are_recorded_honoured_and_survive_reload(resolved, graph, db, tmp_path):
    from identity.decisions import Verdict, decide

    _, truth, _ = resolved
    man = next(s for s in truth["scenarios"] if s["name"] == "older_nominal_three_girls")["person_ids"][0]
    keys = next(t["mention_keys"] for t in truth["persons"] if t["person_id"] == man)
    pair = _pair_for(graph, db, keys)
    a, b = pair.split("|")
    with pytest.raises(ValueError, match="say why"):
        decide(graph, db, pair, Verdict.same_person, "analyst-1", " ")
    decide(graph, db, pair, Verdict.same_person, "analyst-1", "street name and gang match the matrix entry")
    assert _person(graph, db, a) == _person(graph, db, b)

    twins = next(s for s in truth["scenarios"] if s["name"] == "control_twins_same_dob")
    twin_keys = [k for t in truth["persons"] if t["person_id"] in twins["person_ids"] for k in t["mention_keys"]]
    twin_pair = _pair_for(graph, db, twin_keys)
    decide(graph, db, twin_pair, Verdict.not_same, "analyst-1", "twins: different first names, same birthday")

    load(graph, db, DEMO, tmp_path)  # reload every source
    run(graph, db)
    assert _person(graph, db, a) == _person(graph, db, b), "a confirmed pair stays joined"
    ta, tb = twin_pair.split("|")
    assert _person(graph, db, ta) != _person(graph, db, tb), "a rejected pair is never joined"
    history = graph.execute_query(
        "MATCH (c:IdentityCandidate)-[:DECIDED]->(d) "
        "RETURN c.pair_key AS k, d.user AS user, d.why AS why, d.verdict AS v",
        database_=db,
    ).records
    assert {(r["k"], r["v"]) for r in history} == {(pair, "same_person"), (twin_pair, "not_same")}
    assert all(r["user"] == "analyst-1" and r["why"] for r in history)
    open_pairs = {
        r["k"]
        for r in graph.execute_query(
            "MATCH (c:IdentityCandidate {status: 'open'}) RETURN c.pair_key AS k", database_=db
        ).records
    }
    assert pair not in open_pairs and twin_pair not in open_pairs, "a decided pair is never proposed again"
