"""`jigsaw db warm`: after a restart, every borough-wide question asked once, so no reader pays the cold pages.

What it asks is the catalogue's own (a renamed or removed query fails here, not silently in the warm-up),
it answers nothing to anyone, it stops at its budget, and against the real server it asks every question
for all London and each borough without one failing.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from fixtures.generator import generate
from jigsaw import audit, catalogue, warm_up
from jigsaw.geo.boroughs import boroughs
from jigsaw.summary_answers import SUMMARISED
from tests.builders import load

SEED = 4711  # not a seed the warm-up was written against


def test_it_asks_the_questions_pages_open_with_and_the_reports():
    names = warm_up.questions()
    assert set(warm_up.ASKED) <= set(names)  # each one a catalogue query: a renamed one is missing here
    assert set(SUMMARISED) <= set(names)  # the London-wide questions the summaries answer, and
    assert {"doubtful_values", "placed_out_of_borough", "peer_groups"} <= set(names)  # the borough lists
    reports = {name for name in catalogue.catalogue() if name.startswith("report_")}
    assert reports and set(names) - set(warm_up.ASKED) == reports
    for name in warm_up.ASKED:
        assert not any(p.required for p in catalogue.get(name).params), name
    assert "co_location" not in names and "person_profile" not in names  # started from what a reader names


def test_each_question_for_all_london_then_every_borough_that_it_takes():
    asked = warm_up.asks(["governance_counts", "gang_overlap"])
    assert asked[:2] == [("governance_counts", {}), ("gang_overlap", {})]  # all London first: the Overview's
    assert [params["borough"] for _, params in asked[2:]] == list(boroughs())  # governance has no borough
    assert {name for name, _ in asked[2:]} == {"gang_overlap"}
    assert warm_up.questions(only=["gang_overlap", "person_profile"]) == ["gang_overlap"]
    reports = warm_up.asks(["report_hsb"], newest=date(2026, 3, 31))
    assert [params["borough"] for _, params in reports] == list(boroughs())  # no all-London report
    assert {(params["date_from"], params["date_to"]) for _, params in reports} == {
        (date(2025, 3, 31), date(2026, 3, 31))  # the year to the newest record, as the Reports page opens
    }


def test_a_spent_budget_asks_nothing_more():
    report = warm_up.warm(None, "unused", budget=0)  # no driver needed: nothing is asked
    assert report.asked == 0 and report.stopped_at_budget


@pytest.mark.neo4j
def test_every_question_is_asked_and_answered_on_a_loaded_graph(graph, db, tmp_path):
    generate(SEED, "S", tmp_path / "gen", rows=600)
    load(graph, db, tmp_path / "gen", tmp_path)
    seen = []
    report = warm_up.warm(graph, db, progress=lambda done, total: seen.append((done, total)))
    expected = len(warm_up.asks(warm_up.questions()))
    assert report.asked == expected and report.failed == 0 and not report.stopped_at_budget
    assert seen[-1] == (expected, expected)
    assert set(report.by_query) == set(warm_up.questions())


@pytest.mark.neo4j
def test_the_command_says_what_it_did(monkeypatch, graph, neo4j_server):
    if not neo4j_server.managed:
        pytest.skip("the local server's own `jigsaw db warm`")
    from typer.testing import CliRunner

    from jigsaw_cli import app

    for name in ("NEO4J_URI", "NEO4J_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JIGSAW_HOME", str(neo4j_server.jigsaw_home))
    monkeypatch.setenv("JIGSAW_BOLT_PORT", str(neo4j_server.jigsaw_bolt_port))
    result = CliRunner().invoke(app, ["db", "warm", "--budget", "120"])
    assert result.exit_code == 0, result.output
    expected = len(warm_up.asks(warm_up.questions()))
    assert f"Asked {expected} questions in" in result.output
    recorded = [json.loads(line) for line in audit.audit_path(neo4j_server.jigsaw_home).read_text().splitlines()]
    assert recorded[-1]["action"] == "page cache warm-up (no answer shown)"
    assert recorded[-1]["details"]["questions"] == expected  # attributable: who warmed it, and how much was read
    refused = CliRunner().invoke(app, ["db", "warm", "--budget", "0"])
    assert refused.exit_code == 2  # a budget under a second is refused, not run for nothing
