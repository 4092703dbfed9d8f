"""Peer groups and brokers on generated data the code was not written against (no database).

The seeds here were never used while writing `analytics/` (the bench and development used 3,
5, 7, 21, 33, 34): group recovery by the map equation at 5,000 people, planted bridge people
reported as brokers, people inside one group never, and odd shapes the generator never makes;
with ties weighed by the shipped rule (the default) and counted (for comparison).
"""

from __future__ import annotations

import collections

import networkx as nx
import pytest
from sklearn.metrics import adjusted_rand_score

from analytics import brokers as broker_rule
from analytics import tie_weights
from analytics.peer_groups import analyse
from fixtures.planted_network import planted_network

SEEDS = (2029, 4111)
RULES = {"weighed": tie_weights.load(), "counted": None}  # weighed ties are the default; counted for comparison


def _ari(result, truth) -> float:
    found = {n: i for i, g in enumerate(result.groups) for n in g}
    people = sorted(truth)
    return adjusted_rand_score([truth[p] for p in people], [found.get(p, -1 - k) for k, p in enumerate(people)])


@pytest.fixture(
    scope="module", params=[(seed, rule) for seed in SEEDS for rule in RULES], ids=lambda p: f"{p[0]}-{p[1]}"
)
def network(request):
    seed, rule = request.param
    made = planted_network(5000, seed=seed, weighed=RULES[rule])
    return made, analyse(made.graph, seed=11, backend="networkit")


def test_the_map_equation_recovers_unequal_planted_groups_where_louvain_cannot(network):
    made, result = network
    louvain = analyse(made.graph, seed=11, backend="networkit", method="louvain")
    new, old = _ari(result, made.group), _ari(louvain, made.group)
    print(
        f"5,000 people: map equation ARI {new:.3f} ({len(result.groups)} groups), "
        f"Louvain ARI {old:.3f} ({len(louvain.groups)})"
    )
    assert new >= 0.9 and old < 0.6
    assert result.parameters["algorithm"].startswith("map equation")
    assert analyse(made.graph, seed=11, backend="networkit").groups == result.groups  # a seed gives one answer


def test_planted_bridges_are_brokers_and_people_inside_one_group_are_not(network):
    made, result = network
    found = {n: i for i, g in enumerate(result.groups) for n in g}
    members = collections.defaultdict(list)
    for person, group in made.group.items():
        members[group].append(person)

    def recovered(group):  # the planted group found whole, as a group of its own (give or take two)
        counts = collections.Counter(found.get(p) for p in members[group]).most_common(1)[0]
        whole = counts[0] is not None and counts[1] == len(members[group])
        return counts[0] if whole and len(result.groups[counts[0]]) <= len(members[group]) + 2 else None

    # a bridge can only broker between two groups that were found as two
    testable = [
        b
        for b, into in made.bridges.items()
        if None not in (recovered(made.group[b]), recovered(into)) and recovered(made.group[b]) != recovered(into)
    ]
    reported = set(testable) & result.brokers
    print(f"{len(result.brokers)} brokers; {len(reported)} of {len(testable)} testable planted bridges")
    assert len(testable) >= 10 and len(reported) >= 0.8 * len(testable)
    inside = {p for p in made.graph if all(made.group[q] == made.group[p] for q in made.graph[p])}
    assert not inside & result.brokers
    # mostly the planted bridges, or the people they are tied to in the other group: when a bridge's tie rests on
    # two records or more (weighed ties are drawn from several records), the reach runs through both its ends
    ends = set(made.bridges) | {q for b, into in made.bridges.items() for q in made.graph[b] if made.group[q] == into}
    assert len(result.brokers - ends) <= 0.2 * len(result.brokers)
    assert all(0 < result.broker_scores[b] <= 1 for b in result.brokers)
    assert all(result.broker_scores[b] >= broker_rule.MIN_SHARE for b in result.brokers)


def _cliques(*sizes: int) -> nx.Graph:
    graph = nx.Graph()
    for number, size in enumerate(sizes):
        members = [f"g{number}-{i}" for i in range(size)]
        graph.add_edges_from((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    return graph


def test_scattered_single_ties_make_no_broker_and_a_real_bridge_does():
    graph = _cliques(6, 6, 6, 6)
    graph.add_edges_from([("g0-0", "g1-0"), ("g0-1", "g2-0"), ("g0-2", "g3-0")])  # chance ties, one each
    result = analyse(graph, seed=1, backend="networkx")
    assert len(result.groups) == 4 and result.brokers == set()
    graph.add_edge("g0-3", "g1-1", weight=3.0)  # now g0 reaches g1 through g0-3
    result = analyse(graph, seed=1, backend="networkx")
    assert "g0-3" in result.brokers and result.broker_scores["g0-3"] == pytest.approx(3 / 4)
    assert "g0-0" not in result.brokers


@pytest.mark.parametrize("backend", ["networkx", "networkit"])
@pytest.mark.parametrize(
    "shape",
    [
        nx.empty_graph(1),
        nx.empty_graph(40),
        nx.star_graph(30),
        nx.complete_graph(12),
        nx.path_graph(50),
        nx.barbell_graph(8, 0),
        nx.karate_club_graph(),
    ],
    ids=["one", "isolated", "star", "clique", "path", "barbell", "karate"],
)
def test_shapes_the_generator_never_makes(shape, backend):
    graph = nx.relabel_nodes(shape, {n: f"n{n}" for n in shape})
    result = analyse(graph, seed=2, backend=backend)
    grouped = [n for g in result.groups for n in g]
    assert len(grouped) == len(set(grouped)) and set(grouped) <= set(graph)
    assert result.brokers <= set(grouped)
    assert all(0 <= s <= 1 for s in result.broker_scores.values())
