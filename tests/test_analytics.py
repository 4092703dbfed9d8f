"""Peer groups, brokers, components and bridges on a planted network, against the real Neo4j."""

from __future__ import annotations

from datetime import date

import networkx as nx
import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from analytics import ties
from analytics.peer_groups import analyse
from analytics.projection import Scope, project
from analytics.tie_weights import COUNTING
from analytics.write_back import write_peer_groups
from graph_loader.models import MashReferral
from jigsaw import catalogue
from tests.builders import folder_with, load, nominal

pytestmark = pytest.mark.neo4j

GROUP_A = [f"Ava Group{i}" for i in range(5)]
GROUP_B = [f"Ben Crew{i}" for i in range(5)]
BROKER = "Xavier Bridge"


def _referral(rid: str, child: str, associates: list[str], borough: str = "Hackney") -> MashReferral:
    dob = lambda name: f"2008-01-{1 + sum(map(ord, name)) % 28:02d}"
    return MashReferral.model_validate(
        {
            "referral_id": rid,
            "date_received": "2024-02-14",
            "borough": borough,
            "referring_agency": "school",
            "cse_category": "1",
            "concern_types": ["cse"],
            "child_name": child,
            "child_dob": dob(child),
            "people": [
                {"person_ref": f"P{i}", "role": "associate", "name": a, "dob": dob(a)} for i, a in enumerate(associates)
            ],
        }
    )


@pytest.fixture
def planted(graph, db, tmp_path):
    records = []
    for prefix, members, borough in (("A", GROUP_A, "Hackney"), ("B", GROUP_B, "Haringey")):
        n = len(members)
        for i, child in enumerate(members):
            records.append(_referral(f"{prefix}{i}", child, [members[(i + 1) % n], members[(i + 2) % n]], borough))
    # the broker is named with each group twice: one chance record is not reach (analytics/brokers.py)
    records.append(_referral("X1", BROKER, [GROUP_A[0]]))
    records.append(_referral("X2", BROKER, [GROUP_B[0]], "Haringey"))
    records.append(_referral("X3", BROKER, [GROUP_A[0]]))
    records.append(_referral("X4", BROKER, [GROUP_B[0]], "Haringey"))
    load(graph, db, folder_with(tmp_path / "in", mash=records), tmp_path)
    rows = graph.execute_query(
        "MATCH (m:Mention)-[:REFERS_TO]->(p:Person) RETURN DISTINCT m.name AS name, p.person_id AS id", database_=db
    ).records
    return {r["name"]: r["id"] for r in rows}


def test_peer_groups_match_the_planted_groups(graph, db, planted):
    result = analyse(project(graph, db, Scope()), seed=7)
    truth = {planted[n]: 0 for n in GROUP_A} | {planted[n]: 1 for n in GROUP_B}
    found = {person: i for i, group in enumerate(result.groups) for person in group}
    people = sorted(truth)
    ari = adjusted_rand_score([truth[p] for p in people], [found.get(p, -1) for p in people])
    print(f"adjusted Rand index against planted peer groups: {ari:.3f}")
    assert ari == pytest.approx(1.0)
    assert (
        planted[BROKER] in result.betweenness and max(result.betweenness, key=result.betweenness.get) == planted[BROKER]
    )
    assert len(result.components) == 1
    assert {
        tuple(sorted((planted[BROKER], planted[GROUP_A[0]]))),
        tuple(sorted((planted[BROKER], planted[GROUP_B[0]]))),
    } <= set(result.bridges)


def test_the_same_seed_gives_the_same_groups(graph, db, planted):
    projection = project(graph, db, Scope())
    assert analyse(projection, seed=3).groups == analyse(projection, seed=3).groups


def test_peer_groups_are_written_back_and_replaced_on_rerun(graph, db, planted):
    scope = Scope()
    projection = project(graph, db, scope)
    first = write_peer_groups(graph, db, scope, analyse(projection, seed=7), "analyst")
    second = write_peer_groups(graph, db, scope, analyse(projection, seed=7), "analyst")
    rows = catalogue.run(graph, db, "peer_groups", {}).rows
    assert len(rows) == 2 and {r["run_id"] for r in rows} == {second} and first != second
    # The broker has records in both boroughs, so the group he joins spans them.
    for row in rows:
        spans = planted[BROKER] in row["members"]
        assert row["spans_boroughs"] is spans and (row["boroughs"] == ["Hackney", "Haringey"]) is spans
    assert all(r["algorithm"] == "map equation" and r["seed"] == 7 for r in rows)
    brokers = {b for r in rows for b in r["brokers"]}
    assert brokers <= {planted[GROUP_A[0]], planted[GROUP_B[0]], planted[BROKER]} and brokers


def test_a_borough_scope_projects_only_that_borough(graph, db, planted):
    projection = project(graph, db, Scope(borough="Haringey"))
    assert {planted[n] for n in GROUP_B} <= set(projection.nodes)
    assert not {planted[n] for n in GROUP_A[1:]} & set(projection.nodes)


def test_the_networkit_path_finds_groups_as_good_as_networkx_and_repeats_itself():
    from bench.analytics_speed import adjusted_rand, planted

    graph, truth = planted(6000, 24000, 20, seed=3)
    fast_result = analyse(graph, seed=3)  # above LARGE_GRAPH_NODES: networkit
    reference = analyse(graph, seed=3, backend="networkx")
    assert fast_result.parameters["backend"] == "networkit" and reference.parameters["backend"] == "networkx"
    assert abs(fast_result.modularity - reference.modularity) < 0.02

    def ari(result):
        grouped = set().union(*result.groups)
        return adjusted_rand(result.groups + [{n} for n in graph if n not in grouped], truth)

    assert abs(ari(fast_result) - ari(reference)) < 0.05  # the same agreement with the planted groups
    assert analyse(graph, seed=3).groups == fast_result.groups  # a seed gives one answer
    top = sorted(reference.betweenness, key=reference.betweenness.get, reverse=True)[:50]
    assert (
        len(set(top) & set(sorted(fast_result.betweenness, key=fast_result.betweenness.get, reverse=True)[:50])) >= 25
    )


# The projection as it was built before it paired people in numpy: Cypher formed and counted
# every pair, Python added the ties one by one. Kept as the reference the projection must equal.
REFERENCE_RECORD_PAIRS = """
MATCH (a:Person)<-[:REFERS_TO]-(:Mention)<-[sa:MENTIONS]-(r:Record)-[sb:MENTIONS]->(:Mention)-[:REFERS_TO]->(b:Person)
WHERE a.person_id < b.person_id
  AND (sa.role IN $subject_roles OR sb.role IN $subject_roles)
  AND ($date_from IS NULL OR r.record_date >= $date_from)
  AND ($date_to IS NULL OR r.record_date <= $date_to)
  AND ($borough IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(:Borough {name: $borough}) })
RETURN a.person_id AS a, b.person_id AS b, count(DISTINCT r) AS records, collect(DISTINCT r.source) AS agencies
"""
REFERENCE_PLACE_PAIRS = """
MATCH (pl:Place)<-[np:NAMES_PLACE]-(r:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
WITH pl, p, coalesce(np.date_seen, r.record_date) AS seen, r
WHERE ($date_from IS NULL OR seen >= $date_from)
  AND ($date_to IS NULL OR seen <= $date_to)
  AND ($borough IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(:Borough {name: $borough}) })
WITH pl, collect(DISTINCT p.person_id) AS people
WHERE 2 <= size(people) <= $max_place_people
UNWIND people AS a
UNWIND people AS b
WITH pl, a, b WHERE a < b
RETURN a, b, count(DISTINCT pl) AS places
"""


def _reference_projection(driver, db, scope: Scope) -> nx.Graph:
    from graph_loader.models.vocab import SUBJECT_ROLES

    graph = nx.Graph()
    params = scope.params() | {
        "subject_roles": [str(r) for r in SUBJECT_ROLES],
        "max_place_people": scope.max_place_people,
    }
    for row in driver.execute_query(REFERENCE_RECORD_PAIRS, params, database_=db).records:
        graph.add_edge(row["a"], row["b"], records=row["records"], places=0, agencies=sorted(row["agencies"]))
    for row in driver.execute_query(REFERENCE_PLACE_PAIRS, params, database_=db).records:
        if graph.has_edge(row["a"], row["b"]):
            graph[row["a"]][row["b"]]["places"] = row["places"]
        else:
            graph.add_edge(row["a"], row["b"], records=0, places=row["places"], agencies=[])
    for _, _, data in graph.edges(data=True):
        data["weight"] = data["records"] + 0.5 * data["places"]
    return graph


def _assert_same_projection(found: nx.Graph, expected: nx.Graph) -> None:
    assert sorted(found.nodes) == sorted(expected.nodes)
    assert found.number_of_edges() == expected.number_of_edges()
    for a, b, data in expected.edges(data=True):
        assert found.has_edge(a, b) and found[a][b] == data, (a, b)
        assert all(type(found[a][b][k]) is type(v) for k, v in data.items()), (a, b)  # plain ints, floats and lists
    # The arrays kept for the analytics are exactly what reading the graph gives.
    kept, read = found.graph[ties.TIES], ties.read(found)
    assert kept.nodes == read.nodes and kept.nodes == sorted(found.nodes)
    for column in ("sources", "targets", "weights"):
        assert np.array_equal(getattr(kept, column), getattr(read, column)), column


SCOPES = [
    Scope(),
    Scope(borough="Hackney"),
    Scope(borough="Haringey"),
    Scope(date_from=date(2024, 1, 1), date_to=date(2024, 12, 31)),
    Scope(date_from=date(2099, 1, 1)),
    Scope(max_place_people=3),
]


def test_the_projection_equals_the_pairwise_reference_on_a_hand_built_network(graph, db, planted, tmp_path):
    # Edge cases: a child named again as her own associate, two records tying the same pair from
    # two agencies, a pair tied by a place only, and a place seen twice by one person.
    extra = [
        _referral("D1", GROUP_A[0], [GROUP_A[0], GROUP_B[3]]),
        MashReferral.model_validate(
            _referral("D2", GROUP_B[3], [BROKER]).model_dump()
            | {
                "places": [
                    {
                        "place_name": "Chicken Spot",
                        "place_type": "takeaway",
                        "postcode": "E8 1AB",
                        "date_seen": "2024-02-10",
                    }
                ]
            }
        ),
        MashReferral.model_validate(
            _referral("D3", GROUP_A[4], []).model_dump()
            | {
                "places": [
                    {
                        "place_name": "Chicken Spot",
                        "place_type": "takeaway",
                        "postcode": "E8 1AB",
                        "date_seen": "2024-02-11",
                    }
                ]
            }
        ),
        MashReferral.model_validate(
            _referral("D4", GROUP_A[4], []).model_dump()
            | {
                "places": [
                    {
                        "place_name": "Chicken Spot",
                        "place_type": "takeaway",
                        "postcode": "E8 1AB",
                        "date_seen": "2024-02-12",
                    }
                ]
            }
        ),
    ]
    load(graph, db, folder_with(tmp_path / "extra", mash=extra), tmp_path)
    dob = lambda name: _referral("R0", name, []).child_dob.isoformat()
    matrix = [nominal("GM-8", GROUP_A[0], dob(GROUP_A[0]), ["GM-9"]), nominal("GM-9", BROKER, dob(BROKER), ["GM-8"])]
    load(graph, db, folder_with(tmp_path / "matrix", matrix=matrix), tmp_path)
    for scope in SCOPES:
        _assert_same_projection(project(graph, db, scope, COUNTING), _reference_projection(graph, db, scope))
    full = project(graph, db, Scope(), COUNTING)
    assert full[planted[GROUP_B[3]]][planted[GROUP_A[4]]] == {"records": 0, "places": 1, "agencies": [], "weight": 0.5}
    assert len(full[planted[BROKER]][planted[GROUP_A[0]]]["agencies"]) == 2


REFERENCE_WEIGHED_RECORDS = """
MATCH (r:Record)-[m:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
RETURN elementId(r) AS record, r.record_date AS on, p.person_id AS person, m.claim AS claim,
       coalesce(m.role IN $subject_roles, false) AS subject
"""


def test_ties_are_weighed_by_claim_and_recency(graph, db, planted, tmp_path):
    """The projection's weights equal the documented rule worked out by hand from the records."""
    from collections import defaultdict
    from itertools import combinations

    from analytics.tie_weights import TieWeights
    from graph_loader.models.vocab import SUBJECT_ROLES

    rule = TieWeights(
        {"recorded_fact": 1.0, "allegation": 0.6, "intelligence": 0.3}, other=0.2, half_life_months=6, place=0.25
    )
    rows = graph.execute_query(
        REFERENCE_WEIGHED_RECORDS, subject_roles=[str(r) for r in SUBJECT_ROLES], database_=db
    ).records
    records = defaultdict(list)
    for row in rows:
        records[row["record"]].append(row)
    tying = [
        listed
        for listed in records.values()
        if len({r["person"] for r in listed}) >= 2 and any(r["subject"] for r in listed)
    ]
    latest = max(listed[0]["on"] for listed in tying).to_native()  # recency counts back from the latest tying record
    expected = defaultdict(float)
    for listed in tying:
        best = {}  # a person listed twice: subject if either listing is, the larger claim weight
        for row in listed:
            weight = rule.claims.get(row["claim"] or "", rule.other)
            subject, old = best.get(row["person"], (False, 0.0))
            best[row["person"]] = (subject or row["subject"], max(old, weight))
        age = (latest - listed[0]["on"].to_native()).days
        for (a, (sa, wa)), (b, (sb, wb)) in combinations(sorted(best.items()), 2):
            if sa or sb:
                expected[(a, b)] += min(wa, wb) * 0.5 ** (age / (6 * 30.44))
    weighed = project(graph, db, Scope(), rule)
    counted = project(graph, db, Scope(), COUNTING)
    assert {tuple(sorted(e)) for e in weighed.edges} == {tuple(sorted(e)) for e in counted.edges}
    for a, b, data in weighed.edges(data=True):
        assert data["weight"] == pytest.approx(expected.get(tuple(sorted((a, b))), 0.0) + 0.25 * data["places"]), (a, b)
    assert any(data["weight"] != counted[a][b]["weight"] for a, b, data in weighed.edges(data=True))


def test_a_wrong_tie_weight_rule_is_refused_with_a_message(tmp_path):
    from analytics import tie_weights

    assert tie_weights.load().claims["recorded_fact"] == 1.0  # the shipped rule reads
    assert tie_weights.load().recorded_strength and not tie_weights.COUNTING.recorded_strength
    for text in ("[claim]\nrecorded_fact = 'lots'", "[claim]\nrecorded_fact = -1", "not toml [", ""):
        (tmp_path / "rule.toml").write_text(text)
        with pytest.raises(ValueError, match=r"rule\.toml"):
            tie_weights.load(tmp_path / "rule.toml")
    shipped = tie_weights.rule_file().read_text(encoding="utf-8")
    (tmp_path / "rule.toml").write_text(shipped.replace("recorded = true", "recorded = 'yes'"))
    with pytest.raises(ValueError, match=r"\[strength\] recorded must be true or false"):
        tie_weights.load(tmp_path / "rule.toml")
    (tmp_path / "rule.toml").write_text(shipped.replace("recorded = true", "recorded = false"))
    assert not tie_weights.load(tmp_path / "rule.toml").recorded_strength


def test_the_tie_rule_is_described_in_words_not_codes():
    """The rule is shown on the Peer groups page and printed by the CLI: claim types in words."""
    from analytics import tie_weights

    described = tie_weights.load().describe()
    assert "recorded fact 1" in described and "_" not in described


def test_a_time_window_is_a_period_before_its_end():
    from analytics.projection import period_start

    assert period_start("6m", date(2025, 6, 30)) == date(2024, 12, 30)
    assert period_start("1y", date(2025, 6, 30)) == date(2024, 7, 1)
    assert period_start("90d", date(2025, 6, 30)) == date(2025, 4, 2)
    for bad in ("", "6", "six months", "0d", "99999y", "-1m"):
        with pytest.raises(ValueError, match="a period is"):
            period_start(bad, date(2025, 6, 30))


def test_the_projection_equals_the_pairwise_reference_on_the_demo_data(graph, db, tmp_path):
    from identity.graph_run import run as resolve
    from tests.paths import REPO_ROOT

    load(graph, db, REPO_ROOT / "fixtures" / "demo", tmp_path)
    resolve(graph, db)  # identity linking: one person may now be named twice in a record
    compared = 0
    for scope in SCOPES + [Scope(borough="Lambeth"), Scope(date_to=date(2023, 6, 30))]:
        found = project(graph, db, scope, COUNTING)  # the reference counts records: the old rule
        _assert_same_projection(found, _reference_projection(graph, db, scope))
        compared += found.number_of_edges()
    assert compared > 1000


def test_the_kept_arrays_give_the_same_analysis_as_reading_the_graph(graph, db, tmp_path):
    from tests.paths import REPO_ROOT

    load(graph, db, REPO_ROOT / "fixtures" / "demo", tmp_path)
    projection = project(graph, db, Scope())
    plain = nx.Graph(projection)  # a plain copy: no arrays, analysed by reading NetworkX's dicts
    assert ties.TIES in projection.graph and ties.current(plain) is not plain.graph.get(ties.TIES)
    fast_path, dict_path = analyse(projection, seed=7, backend="networkit"), analyse(plain, seed=7, backend="networkit")
    _assert_same_result(fast_path, dict_path)


def _assert_same_result(found, expected) -> None:
    assert found.groups == expected.groups and found.modularity == expected.modularity
    assert found.brokers == expected.brokers and found.betweenness == expected.betweenness
    assert found.components == expected.components and found.bridges == expected.bridges


def test_changing_a_projection_drops_its_arrays():
    from analytics.projection import Tied, to_networkx
    from bench.analytics_speed import planted as planted_graph

    source, _ = planted_graph(6000, 24000, 20, seed=11)
    names = sorted(source.nodes)
    index = {n: i for i, n in enumerate(names)}
    pairs = sorted(tuple(sorted((index[a], index[b]))) for a, b in source.edges)
    a, b = (np.array(column, dtype=np.int64) for column in zip(*pairs))
    ones = np.ones(len(pairs), dtype=np.int64)
    projection = to_networkx(Tied(names, a, b, ones, 0 * ones, ones, ["mash"]))
    assert nx.utils.graphs_equal(projection, nx.Graph(projection))
    # Above LOCAL_BROKERS_NODES brokers come from the arrays too; here the sampled betweenness.
    _assert_same_result(analyse(projection, seed=3), analyse(nx.Graph(projection), seed=3))
    for change in (
        lambda g: g.add_edge(names[0], names[-1], weight=5.0),
        lambda g: g.remove_edge(*next(iter(g.edges))),
        lambda g: g.add_node("someone new"),
        lambda g: (g.remove_edge(*next(iter(g.edges))), g.add_edge(names[1], names[-2], weight=1.0)),  # same counts
    ):
        changed = projection.copy()
        assert ties.TIES not in changed.graph  # copy() builds the graph again through add_*
        changed.graph[ties.TIES] = projection.graph[ties.TIES]
        change(changed)
        assert ties.TIES not in changed.graph
        _assert_same_result(analyse(changed, seed=3), analyse(nx.Graph(changed), seed=3))
    assert ties.current(projection) is projection.graph[ties.TIES]
    # Views share graph.graph: one with fewer people, one with the same people and a tie hidden.
    for view in (projection.subgraph(names[:3000]), nx.restricted_view(projection, [], [next(iter(projection.edges))])):
        assert ties.current(view) is not projection.graph[ties.TIES]
        _assert_same_result(
            analyse(view, seed=3, backend="networkit"), analyse(nx.Graph(view), seed=3, backend="networkit")
        )
    weighed = projection.copy()
    weighed.graph[ties.TIES] = projection.graph[ties.TIES]
    weighed[names[0]][next(iter(weighed[names[0]]))]["weight"] = 9.0  # in place: the documented exception
    ties.forget(weighed)
    assert ties.current(weighed).weights.max() == 9.0
