"""Killing the Neo4j server in the middle of a load leaves no half-written record, and
re-running the load gives exactly the graph a clean load gives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from graph_loader.csv_format import write_source
from graph_loader.models import MASH, MashReferral
from jigsaw.graph_admin import wipe_data
from jigsaw.neo4j_server import server
from tests.builders import graph_signature, load

pytestmark = pytest.mark.neo4j

RECORDS = 1500


def many_referrals() -> list[MashReferral]:
    out = []
    for i in range(RECORDS):
        out.append(
            MashReferral.model_validate(
                {
                    "referral_id": f"R{i:05d}",
                    "date_received": "2024-02-14",
                    "borough": "Hackney",
                    "referring_agency": "school",
                    "cse_category": "1",
                    "concern_types": ["cse"],
                    "child_name": f"Child {i % 900}",
                    "child_dob": f"2009-01-{1 + i % 28:02d}",
                    "people": [
                        {
                            "person_ref": "P1",
                            "role": "suspected_perpetrator",
                            "name": f"Suspect {i % 50}",
                            "dob": "2001-05-05",
                        }
                    ],
                    "places": [{"place_name": f"Place {i % 40}", "place_type": "park", "postcode": "E8 1AB"}],
                }
            )
        )
    return out


def _count_records(graph, db) -> int:
    return graph.execute_query("MATCH (r:Referral) RETURN count(r) AS n", database_=db).records[0]["n"]


def test_killed_mid_load_then_rerun_matches_a_clean_load(graph, db, neo4j_server, tmp_path):
    if not neo4j_server.managed:
        pytest.skip("only the local server can be killed by the test")
    folder = tmp_path / "in"
    write_source(folder, MASH, many_referrals())

    env = dict(os.environ)
    env |= {
        "NEO4J_URI": neo4j_server.bolt_uri,
        "NEO4J_PASSWORD": neo4j_server.password(),
        "NEO4J_DATABASE": db,
        "JIGSAW_HOME": str(tmp_path / "home"),
        "JIGSAW_RETRY_SECONDS": "2",  # give up quickly once the server is gone
    }
    loader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from jigsaw_cli import app; app()",
            "load",
            "--folder",
            str(folder),
            "--batch-size",
            "10",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and _count_records(graph, db) < 100:
        assert loader.poll() is None, "the load finished before it could be interrupted"
        time.sleep(0.05)
    pid = server._read_pid(server.Layout(neo4j_server.server_dir))
    os.kill(pid, signal.SIGKILL)
    loader.wait(timeout=120)
    assert loader.returncode != 0  # the load noticed; nothing pretended to succeed

    server.start(neo4j_server, echo=lambda *_: None)
    written = _count_records(graph, db)
    assert 0 < written < RECORDS
    # No half-written record: every referral that exists has all it asserted.
    incomplete = graph.execute_query(
        "MATCH (r:Referral) WHERE NOT (r)-[:IN_BOROUGH]->() OR NOT (r)-[:HELD_BY]->() "
        "OR COUNT { (r)-[:MENTIONS]->() } <> 2 OR COUNT { (r)-[:NAMES_PLACE]->() } <> 1 RETURN count(r) AS n",
        database_=db,
    ).records[0]["n"]
    assert incomplete == 0

    rerun = load(graph, db, folder, tmp_path)
    assert rerun.records_unchanged == written and rerun.records_new == RECORDS - written
    resumed = graph_signature(graph, db)

    wipe_data(graph, db)
    load(graph, db, folder, tmp_path)
    assert graph_signature(graph, db) == resumed
