"""`jigsaw fixtures from-adjacency` and `from-edge-list`: any labels, direction, weights, dates,
a network id that keeps two networks apart, and a clear message (never a traceback) on any file."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fixtures.published.adjacency import (
    NetworkError,
    nominal_id,
    read_adjacency,
    read_edge_list,
    to_nominals,
    write_matrix_folder,
)
from jigsaw_cli import app

DATA = Path(__file__).parent.parent / "fixtures" / "published" / "london_gang"
runner = CliRunner()


def _write(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def _cli(*args: str):
    return runner.invoke(app, ["fixtures", *args])


def test_a_directed_matrix_with_word_labels_converts(tmp_path):
    matrix = _write(
        tmp_path / "m.csv", ",Ali,Bea Smith,C/3,名\nAli,0,5,0,0\nBea Smith,1,0,2,0\nC/3,0,0,0,1\n名,0,0,0,0\n"
    )
    network = read_adjacency(matrix)
    assert network.directed and network.weighted
    assert network.arcs == {("Ali", "Bea Smith"): 5, ("Bea Smith", "Ali"): 1, ("Bea Smith", "C/3"): 2, ("C/3", "名"): 1}
    nominals = {n.nominal_id: n for n in to_nominals(network, gang="G", borough="Lambeth", prefix="WT")}
    assert len(nominals) == 4 and len({nominal_id("WT", m) for m in network.members}) == 4
    # direction kept: who named whom
    assert nominals[nominal_id("WT", "C/3")].associate_ids == [nominal_id("WT", "名")]
    assert nominals[nominal_id("WT", "名")].associate_ids == []
    result = _cli(
        "from-adjacency",
        "--adjacency",
        str(matrix),
        "--out",
        str(tmp_path / "out"),
        "--gang",
        "G",
        "--borough",
        "Lambeth",
    )
    assert (
        result.exit_code == 0
        and "directed, weighted" in result.output
        and (tmp_path / "out" / "matrix_nominals.csv").exists()
    )


def test_an_edge_list_with_weights_and_dates(tmp_path):
    edges = _write(
        tmp_path / "e.csv",
        "Source,Target,Weight,Date\nN1,N2,3,2019-03-01\nN1,N2,2,2019-01-05\nN2,N3,,\nN3,N1,1,2020-02-02\n",
    )
    network = read_edge_list(edges)
    assert network.arcs == {("N1", "N2"): 5, ("N2", "N3"): 1, ("N3", "N1"): 1}
    assert network.dates[("N1", "N2")].isoformat() == "2019-01-05"
    nominals = {n.nominal_id: n for n in to_nominals(network, gang="G", borough="Lambeth", prefix="EL")}
    assert nominals["EL-N1"].date_added.isoformat() == "2019-01-05"  # dated by their first tie
    undirected = read_edge_list(edges, directed=False)
    assert not undirected.directed and ("N2", "N1") in undirected.arcs


def test_an_edge_lists_weights_are_kept_as_strengths_unless_they_code_kinds(tmp_path):
    edges = _write(tmp_path / "e.csv", "source,target,weight\nA,B,4\nB,C,1\n")
    written = {}
    for name, extra in (("strengths", []), ("kinds", ["--values-are-kinds"])):
        out = tmp_path / name
        args = ["from-edge-list", "--edges", str(edges), "--out", str(out), "--gang", "G", "--borough", "Lambeth"]
        result = _cli(*args, *extra)
        assert result.exit_code == 0, result.output
        with (out / "matrix_nominals.csv").open(encoding="utf-8") as f:
            written[name] = {row["nominal_id"]: row["associate_weights"] for row in csv.DictReader(f)}
    assert written["strengths"]["NET-A"] and "4" in written["strengths"]["NET-A"]  # 4 calls, kept as the strength
    assert not any(written["kinds"].values())  # a kind of tie is not a strength: each tie counts once


HOSTILE = {
    "not a number": (",1,2\n1,0,x\n2,1,0\n", "not a number"),
    "negative": (",1,2\n1,0,-1\n2,1,0\n", "0 or more"),
    "infinite": (",1,2\n1,0,inf\n2,1,0\n", "0 or more"),
    "ragged": (",1,2\n1,0\n2,1,0\n", "values for 2 members"),
    "unknown row": (",1,2\n1,0,1\n9,1,0\n", "not among the column labels"),
    "twice": (",1,1\n1,0,1\n", "appears twice"),
    "row twice": (",1,2\n1,0,1\n1,0,1\n", "has a row already"),
    "blank label": (",1,\n1,0,1\n", "no member label"),
    "long label": ("," + "x" * 500 + "\n" + "x" * 500 + ",0\n", "at most 40"),
    "control characters": (",a\x1b[31m\na\x1b[31m,0\n", "printable"),
    "empty": ("", "empty"),
    "not utf-8": (b"\xff\xfe\x00,\x81\n", "UTF-8"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_matrix_gets_a_message_not_a_traceback(tmp_path, name):
    text, message = HOSTILE[name]
    matrix = _write(tmp_path / "m.csv", text)
    with pytest.raises(NetworkError, match=message):
        read_adjacency(matrix)
    result = _cli(
        "from-adjacency",
        "--adjacency",
        str(matrix),
        "--out",
        str(tmp_path / "out"),
        "--gang",
        "G",
        "--borough",
        "Lambeth",
    )
    assert result.exit_code == 2 and "Error" in result.output and "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert "\x1b" not in result.output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b\n1,2\n", "'source' and 'target'"),
        ("source,target,weight\nA,B,lots\n", "not a number"),
        ("source,target,date\nA,B,yesterday\n", "not a date"),
        ("source,target\n,B\n", "no member label"),
    ],
)
def test_a_hostile_edge_list_gets_a_message(tmp_path, text, message):
    edges = _write(tmp_path / "e.csv", text)
    result = _cli(
        "from-edge-list", "--edges", str(edges), "--out", str(tmp_path / "out"), "--gang", "G", "--borough", "Lambeth"
    )
    assert (
        result.exit_code == 2
        and message in " ".join(result.output.split())
        and not isinstance(result.exception, (ValueError, KeyError, IndexError))
    )


def test_a_bad_borough_or_too_many_members_is_a_message(tmp_path):
    matrix = _write(tmp_path / "m.csv", ",1,2\n1,0,1\n2,1,0\n")
    result = _cli(
        "from-adjacency",
        "--adjacency",
        str(matrix),
        "--out",
        str(tmp_path / "o"),
        "--gang",
        "G",
        "--borough",
        "Atlantis",
    )
    assert result.exit_code == 2 and "could not be made" in " ".join(result.output.split())
    many = _write(tmp_path / "big.csv", "source,target\n" + "".join(f"a{i},b{i}\n" for i in range(3000)))
    with pytest.raises(NetworkError, match="more than"):
        read_edge_list(many)


def test_the_same_member_number_gets_other_names_in_another_network():
    network = read_adjacency(DATA / "LONDON_GANG.csv", DATA / "LONDON_GANG_ATTR.csv")
    first = to_nominals(network, gang="G", borough="Lambeth", prefix="LG", network_id="london-gang")
    second = to_nominals(network, gang="G", borough="Lambeth", prefix="LG2", network_id="another")
    assert not {(n.name, n.dob) for n in first} & {(n.name, n.dob) for n in second}


@pytest.mark.neo4j
def test_two_published_networks_in_one_database_stay_two_networks(graph, db, tmp_path):
    """Load the London Gang and a second network numbered the same way; resolve identity; no person joins them."""
    from identity.graph_run import run as resolve
    from tests.builders import load

    london = read_adjacency(DATA / "LONDON_GANG.csv", DATA / "LONDON_GANG_ATTR.csv")
    other = read_edge_list(
        _write(
            tmp_path / "other.csv",
            "source,target,weight\n"
            + "".join(f"{i},{j},{1 + (i * j) % 4}\n" for i in range(1, 80) for j in (i + 1, i + 7) if j <= 79),
        )
    )
    write_matrix_folder(
        london, tmp_path / "a", gang="London Gang", borough="Lambeth", prefix="LG", network_id="london-gang"
    )
    write_matrix_folder(
        other, tmp_path / "b", gang="Other Crew", borough="Lambeth", prefix="OC", network_id="other-crew"
    )
    assert load(graph, db, tmp_path / "a", tmp_path).rows_rejected == 0
    assert load(graph, db, tmp_path / "b", tmp_path).rows_rejected == 0
    resolve(graph, db)
    rows = graph.execute_query(
        "MATCH (:MatrixEntry)-[:MENTIONS {role: 'gang_nominal'}]->(m:Mention)-[:REFERS_TO]->(p:Person) "
        "RETURN p.person_id AS person, collect(DISTINCT split(m.mention_key, '-')[0]) AS networks",
        database_=db,
    ).records
    assert len(rows) == 54 + 79
    assert all(len(r["networks"]) == 1 for r in rows), [r for r in rows if len(r["networks"]) > 1][:3]


def _calls_network(tmp_path: Path) -> Path:
    """Eight people who all call each other: within two crews of four often and one way more than the other,
    across the crews once each way. Counted, every pair is two records alike; weighed, two crews."""
    crews = (["A", "B", "C", "D"], ["E", "F", "G", "H"])
    rows = []
    for crew in crews:
        rows += [f"{a},{b},{30 if a < b else 10},2024-05-01" for a in crew for b in crew if a != b]
    rows += [f"{a},{b},1,2024-05-01" for a in crews[0] for b in crews[1]]
    rows += [f"{b},{a},1,2024-05-01" for a in crews[0] for b in crews[1]]
    return _write(tmp_path / "calls.csv", "source,target,weight,date\n" + "\n".join(rows) + "\n")


@pytest.mark.neo4j
def test_a_directed_weighted_network_keeps_its_weights_in_the_graph_and_the_analytics(graph, db, tmp_path):
    """Call counts reach the graph as each tie's recorded strength, one way and the other, with their source;
    a second load changes nothing; the peer groups found on weighed ties follow the calls, counted ones cannot."""
    from analytics.peer_groups import analyse
    from analytics.projection import Scope, project
    from analytics.tie_weights import COUNTING
    from identity.graph_run import run as resolve
    from tests.builders import load

    write_matrix_folder(
        read_edge_list(_calls_network(tmp_path)), tmp_path / "calls", gang="Callers", borough="Lambeth", prefix="CL"
    )
    assert load(graph, db, tmp_path / "calls", tmp_path).rows_rejected == 0
    strengths = (
        "MATCH (e:MatrixEntry)-[:MENTIONS {role: 'associate'}]->(m:Mention) "
        "RETURN e.source_id AS caller, m.nominal_ref AS called, m.tie_weight AS calls, m.source AS source "
        "ORDER BY caller, called"
    )
    kept = [r.data() for r in graph.execute_query(strengths, database_=db).records]
    calls = {(r["caller"], r["called"]): r["calls"] for r in kept}
    assert len(calls) == 8 * 7 and {r["source"] for r in kept} == {"matrix"}
    assert calls[("CL-A", "CL-B")] == 30 and calls[("CL-B", "CL-A")] == 10  # direction: who called whom, how often
    assert calls[("CL-A", "CL-E")] == 1
    assert load(graph, db, tmp_path / "calls", tmp_path).rows_rejected == 0  # idempotent
    assert [r.data() for r in graph.execute_query(strengths, database_=db).records] == kept
    resolve(graph, db)

    weighed = project(graph, db, Scope())
    counted = project(graph, db, Scope(), COUNTING)
    person = {
        r["nominal"]: r["person"]
        for r in graph.execute_query(
            "MATCH (e:MatrixEntry)-[:MENTIONS {role: 'gang_nominal'}]->(:Mention)-[:REFERS_TO]->(p:Person) "
            "RETURN e.source_id AS nominal, p.person_id AS person",
            database_=db,
        ).records
    }
    a, b, e = person["CL-A"], person["CL-B"], person["CL-E"]
    assert weighed[a][b]["weight"] == pytest.approx(0.5 * (30 + 10))  # graded intelligence x calls, both ways
    assert weighed[a][e]["weight"] == pytest.approx(0.5 * (1 + 1))
    assert counted[a][b]["weight"] == counted[a][e]["weight"] == 2  # counted: two records each, calls unseen
    crews = {frozenset(person[f"CL-{x}"] for x in "ABCD"), frozenset(person[f"CL-{x}"] for x in "EFGH")}
    assert {frozenset(g) for g in analyse(weighed, seed=7).groups} == crews
    assert {frozenset(g) for g in analyse(counted, seed=7).groups} != crews


@pytest.mark.neo4j
def test_a_bad_tie_weight_is_kept_as_recorded_and_doubted_not_the_row(graph, db, tmp_path):
    write_matrix_folder(
        read_edge_list(_calls_network(tmp_path)), tmp_path / "calls", gang="Callers", borough="Lambeth", prefix="BW"
    )
    nominals = tmp_path / "calls" / "matrix_nominals.csv"
    text = nominals.read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    column = header.index("associate_weights")
    first = text[1].split(",")
    assert first[0] == "BW-A" and first[column].startswith("30")
    first[column] = "lots;" + first[column]  # one weight too many, and not a number
    nominals.write_text("\n".join([text[0], ",".join(first), *text[2:]]) + "\n", encoding="utf-8")
    from tests.builders import load

    assert load(graph, db, tmp_path / "calls", tmp_path).rows_rejected == 0
    entry = graph.execute_query(
        "MATCH (e:MatrixEntry {source_id: 'BW-A'})-[:MENTIONS {role: 'associate'}]->(m:Mention) "
        "RETURN e.doubtful_fields AS doubtful, e.associate_weights_as_recorded AS recorded, "
        "count(m) AS associates, collect(m.tie_weight) AS weights",
        database_=db,
    ).records[0]
    assert "associate_weights" in entry["doubtful"] and entry["recorded"].startswith("lots;30")
    assert entry["associates"] == 7 and entry["weights"] == []  # every tie kept; no doubtful weight used
