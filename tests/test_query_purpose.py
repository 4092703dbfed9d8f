"""`jigsaw query` names a purpose for anything that looks up or returns people (issue 15,
item 12): the rule is jigsaw/purpose.py; every catalogue query needs a case or meeting
reference except the aggregates listed there, and each aggregate is run here to show that
no person comes back from it. Also item 1 through the CLI: after a hostile sign-in
attempt, `jigsaw query` still runs and is recorded.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from jigsaw import audit, catalogue
from jigsaw.purpose import AGGREGATES, needs_purpose
from jigsaw_cli import app as cli
from tests.explorer_app import APP, sign_in

PERSON_PARAMS = {"person_id", "person_ids", "from_person", "to_person", "text", "dob", "record_id", "identified"}
PERSON_COLUMNS = {
    "person_id",
    "person_ids",
    "name",
    "names",
    "dob",
    "dobs",
    "members",
    "brokers",
    "a",
    "b",
    "person_a",
    "person_b",
    "source_person",
    "target_person",
    "from_person",
    "to_person",
}


def _query(*args: str):
    return CliRunner().invoke(cli, ["query", *args])


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("JIGSAW_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JIGSAW_USER", "analyst.one")
    return tmp_path / "home"


@pytest.mark.parametrize("name", sorted(n for n in catalogue.catalogue() if needs_purpose(n)))
def test_a_query_about_people_is_refused_without_a_purpose(home, name):
    refused = _query(name, "-p", "person_id=P-0123456789ab") if name == "person_profile" else _query(name)
    assert refused.exit_code == 2 and "--purpose" in refused.output
    assert list(audit.events(home)) == []  # nothing ran, so nothing to record


@pytest.mark.parametrize("purpose", ["x\u2028y", "=HYPERLINK(1)", "ab", "x" * 65, "CASE\n1"])
def test_a_purpose_must_be_a_plain_reference(home, purpose):
    refused = _query("person_search", "-p", "text=Kyle", "--purpose", purpose)
    assert refused.exit_code == 2 and "case or meeting reference" in refused.output


def test_an_unknown_query_is_named_as_unknown(home):
    refused = _query("[bold]no_such_query")
    assert refused.exit_code == 2 and "no query named" in refused.output and "[bold]no_such_query" in refused.output


def test_the_aggregates_exist_and_take_no_person_level_parameter():
    queries = catalogue.catalogue()
    assert AGGREGATES <= set(queries)
    for name in AGGREGATES:
        assert not {p.name for p in queries[name].params} & PERSON_PARAMS, name


def _arguments(query: catalogue.CatalogueQuery) -> list[str]:
    given = {"borough": "Hackney", "date_from": "2000-01-01", "date_to": "2030-12-31"}
    return [arg for p in query.params if p.name in given for arg in ("-p", f"{p.name}={given[p.name]}")]


@pytest.mark.neo4j
def test_each_aggregate_runs_without_a_purpose_and_returns_nobody(explorer_env, small_network, graph, db):
    people = graph.execute_query("MATCH (p:Person) RETURN collect(p.person_id) AS ids", database_=db).records[0]["ids"]
    names = {"Amelia", "Bella", "Kyle", "Dean", "Jayden", "Hughes", "Jones", "Johnson", "Reid", "Smith"}
    assert people
    for name in sorted(AGGREGATES):
        ran = _query(name, *_arguments(catalogue.get(name)), "--json")
        assert ran.exit_code == 0, (name, ran.output)
        result = json.loads(ran.stdout)
        assert not set(result["columns"]) & PERSON_COLUMNS, name
        assert not any(text in ran.stdout for text in [*people, *names]), name


@pytest.mark.neo4j
def test_after_a_hostile_sign_in_attempt_a_query_runs_with_its_purpose_recorded(explorer_env, small_network):
    at = AppTest.from_file(APP, default_timeout=60).run()
    sign_in(at, "x\u2028y", "guess")  # broke every later audit event before
    assert not at.exception
    ran = _query("person_search", "-p", "text=Kyle Johnson", "--purpose", "CASE-2024-001", "--json")
    assert ran.exit_code == 0, ran.output
    assert json.loads(ran.stdout)["rows"]
    recorded = list(audit.events(explorer_env))[-1]
    assert (recorded["action"], recorded["purpose"], recorded["details"]["query"]) == (
        "query",
        "CASE-2024-001",
        "person_search",
    )
    assert audit.verify(explorer_env).ok


# The other commands that show or change what is known about people say why too.
PERSON_COMMANDS = [
    ["identity", "review"],
    ["identity", "mentions", "P-0123456789ab"],
    ["identity", "confirm", "pair-1", "--why", "same school and postcode"],
    ["identity", "reject", "pair-1", "--why", "different dates of birth"],
    ["identity", "unsure", "pair-1", "--why", "need the school's record"],
    ["identity", "split", "P-0123456789ab", "--mention", "m-1", "--why", "twin"],
    ["casework", "action", "list", "--borough", "Hackney", "--date", "2025-06-11"],
    ["casework", "action", "update", "ACT-1", "--status", "done", "--note", "visited"],
]


@pytest.mark.parametrize("command", PERSON_COMMANDS, ids=lambda c: " ".join(c[:3]))
def test_identity_and_casework_commands_are_refused_without_a_purpose(home, monkeypatch, command):
    monkeypatch.delenv("JIGSAW_PURPOSE", raising=False)
    refused = CliRunner().invoke(cli, command)
    assert refused.exit_code == 2 and "--purpose" in refused.output
    hostile = CliRunner().invoke(cli, [*command, "--purpose", "=HYPERLINK(1)"])
    said = " ".join(hostile.output.replace("│", " ").split())  # the error panel wraps its text
    assert hostile.exit_code == 2 and "case or meeting reference" in said
    assert list(audit.events(home)) == []


@pytest.mark.neo4j
def test_identity_mentions_records_who_was_looked_at_and_why(explorer_env, small_network, graph, db):
    person = graph.execute_query(
        "MATCH (p:Person)<-[:REFERS_TO]-(:Mention) RETURN p.person_id AS id LIMIT 1", database_=db
    ).records[0]["id"]
    shown = CliRunner().invoke(cli, ["identity", "mentions", person, "--purpose", "CASE-2024-001"])
    assert shown.exit_code == 0, shown.output
    recorded = list(audit.events(explorer_env))[-1]
    assert (recorded["action"], recorded["purpose"], recorded["details"]["person"]) == (
        "identity mentions",
        "CASE-2024-001",
        person,
    )
    assert recorded["details"]["mentions"]
    reviewed = CliRunner().invoke(cli, ["identity", "review", "--purpose", "CASE-2024-001"])
    assert reviewed.exit_code == 0, reviewed.output
    assert list(audit.events(explorer_env))[-1]["action"] == "identity review"
