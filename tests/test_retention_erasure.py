"""Retention review dates from the policy file, and erasure that a reload cannot undo."""

from __future__ import annotations

from datetime import date

import pytest

from governance.erasure import erase_person, erase_records
from jigsaw.retention import Policy, add_months, due
from tests.builders import folder_with, load, nominal, referral


def test_the_policy_file_parses_and_dates_records():
    policy = Policy.load()
    assert policy.review_date("mash", date(2020, 1, 31), {"cse_category": "none"}) == date(2022, 1, 31)
    assert policy.review_date("mash", date(2020, 1, 31), {"cse_category": "2"}) == date(2026, 1, 31)
    assert policy.review_date("matrix", date(2020, 1, 1), {"date_reviewed": date(2023, 6, 1)}) == date(2024, 6, 1)
    assert policy.review_date("matrix", date(2020, 1, 1), {"date_reviewed": None}) == date(2021, 1, 1)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_a_bad_policy_is_refused(tmp_path):
    bad = tmp_path / "retention.toml"
    bad.write_text('[[rule]]\nsource = "facebook"\nreview_after_months = 12\n')
    with pytest.raises(ValueError, match="source"):  # pydantic's ValidationError, naming the field
        Policy.load(bad)


@pytest.fixture
def records(graph, db, tmp_path):
    folder = folder_with(
        tmp_path / "in",
        mash=[
            referral(
                "R1",
                "Amelia Hughes",
                "2008-03-01",
                suspect="Kyle Johnson",
                place="Chicken Spot",
                date_received="2019-01-10",
            ),
            referral(
                "R2",
                "Bella Jones",
                "2009-01-01",
                suspect="Kyle Johnson",
                date_received="2024-05-01",
                cse_category="none",
            ),
        ],
        matrix=[nominal("GM-1", "Kyle Johnson", "2001-05-05")],
    )
    load(graph, db, folder, tmp_path)
    return folder


@pytest.mark.neo4j
def test_the_retention_report_lists_what_is_due(graph, db, records):
    keys = lambda today: [d.record_key for d in due(graph, db, Policy.load(), today)]
    assert keys(date(2024, 6, 1)) == []
    assert keys(date(2024, 10, 1)) == ["matrix:GM-1"]  # added 2023-09-05, never reviewed: 12 months
    # R1 (category 1, 2019-01-10): 72 months; R2 (no CSE concern, 2024-05-01): 24 months.
    assert keys(date(2026, 6, 1)) == ["matrix:GM-1", "mash:R1", "mash:R2"]


def _count(graph, db, cypher_text: str, **params) -> int:
    return graph.execute_query(cypher_text, database_=db, **params).records[0][0]


@pytest.mark.neo4j
def test_an_erased_record_stays_erased_after_reloading(graph, db, records, tmp_path):
    result = erase_records(graph, db, ["mash:R1"], "dpo-1")
    assert result.records == ["mash:R1"] and result.mentions == 2
    assert _count(graph, db, "MATCH (r:Record {record_key: 'mash:R1'}) RETURN count(r)") == 0
    assert _count(graph, db, "MATCH (m:Mention {name: 'Amelia Hughes'}) RETURN count(m)") == 0
    assert _count(graph, db, "MATCH (p:Place {name: 'Chicken Spot'}) RETURN count(p)") == 0  # only R1 named it
    tombstone = graph.execute_query("MATCH (e:Erasure) RETURN properties(e) AS e", database_=db).records[0]["e"]
    assert tombstone["key"] == "record:mash:R1" and tombstone["erased_by"] == "dpo-1" and "Amelia" not in str(tombstone)
    report = load(graph, db, records, tmp_path)
    assert report.records_erased == 1 and report.records_new == 0
    assert _count(graph, db, "MATCH (r:Record {record_key: 'mash:R1'}) RETURN count(r)") == 0
    with pytest.raises(KeyError):
        erase_records(graph, db, ["mash:NOPE"], "dpo-1")


@pytest.mark.neo4j
def test_erasing_a_person_keeps_other_peoples_records(graph, db, records, tmp_path):
    kyle = graph.execute_query(
        "MATCH (:MatrixEntry)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p) RETURN p.person_id AS p", database_=db
    ).records[0]["p"]
    result = erase_person(graph, db, kyle, "dpo-1")
    assert result.records == ["matrix:GM-1"]  # the record about him
    assert _count(graph, db, "MATCH (r:Referral) RETURN count(r)") == 2  # the girls' referrals stay ...
    assert _count(graph, db, "MATCH (m:Mention {name: 'Kyle Johnson'}) RETURN count(m)") == 0  # ... without him
    assert _count(graph, db, "MATCH (p:Person {person_id: $p}) RETURN count(p)", p=kyle) == 0
    assert _count(graph, db, "MATCH (g:Gang) RETURN count(g)") == 0
    # Change a referral so it is rewritten on reload: he must not come back with it.
    changed = folder_with(
        tmp_path / "changed",
        mash=[
            referral(
                "R1",
                "Amelia Hughes",
                "2008-03-01",
                suspect="Kyle Johnson",
                place="Chicken Spot",
                date_received="2019-01-11",
            ),
        ],
    )
    report = load(graph, db, changed, tmp_path)
    assert report.records_changed == 1
    assert _count(graph, db, "MATCH (m:Mention {name: 'Kyle Johnson'}) RETURN count(m)") == 0
    assert _count(graph, db, "MATCH (m:Mention {name: 'Amelia Hughes'}) RETURN count(m)") == 1


@pytest.mark.neo4j
def test_the_erase_command_confirms_erases_and_logs(graph, db, records, neo4j_server, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from jigsaw import audit
    from jigsaw_cli import app

    cfg = neo4j_server.model_copy(update={"jigsaw_home": tmp_path / "home"})
    monkeypatch.setattr("jigsaw_cli.common.get_settings", lambda: cfg)
    runner = CliRunner()
    declined = runner.invoke(app, ["erase", "record", "mash:R1", "--why", "retention review"], input="n\n")
    assert (
        declined.exit_code == 1 and _count(graph, db, "MATCH (r:Record {record_key: 'mash:R1'}) RETURN count(r)") == 1
    )
    done = runner.invoke(app, ["erase", "record", "mash:R1", "--why", "retention review", "--yes"])
    assert done.exit_code == 0, done.output
    assert _count(graph, db, "MATCH (r:Record {record_key: 'mash:R1'}) RETURN count(r)") == 0
    assert runner.invoke(app, ["erase", "person", "P-nobody", "--why", "x", "--yes"]).exit_code == 2
    [event] = [e for e in audit.events(tmp_path / "home") if e["kind"] == "erasure"]
    assert event["details"]["target"] == "mash:R1" and event["details"]["why"] == "retention review"


@pytest.mark.neo4j
def test_erasing_a_child_removes_the_casework_and_safety_mapping_about_them(graph, db, records):
    from casework import store
    from casework.models import NewAction, NewSafetyEntry, Subject

    bella = graph.execute_query(
        "MATCH (:Mention {name: 'Bella Jones'})-[:REFERS_TO]->(p) RETURN p.person_id AS p", database_=db
    ).records[0]["p"]
    store.add_action(
        graph,
        db,
        NewAction(
            subject=Subject(kind="person", key=bella),
            kind="outreach",
            description="Outreach",
            owner="Youth service",
            due=date(2025, 1, 1),
            borough="Hackney",
        ),
        user="u",
        purpose="p",
    )
    store.add_safety(
        graph, db, NewSafetyEntry(person_id=bella, kind="protective_adult", description="Aunt"), user="u", purpose="p"
    )
    erase_person(graph, db, bella, "dpo-1")
    assert _count(graph, db, "MATCH (n) WHERE n:Action OR n:SafetyContact RETURN count(n)") == 0


@pytest.mark.neo4j
def test_erasing_a_person_named_with_a_role_in_doubt_leaves_no_mention_behind(graph, db, records, tmp_path):
    """A role the export's code list does not know is kept in doubt (null): such a mention is still the person's.

    Before, `NOT said.role IN $subject_roles` was null for it, so a person named only that way could not be
    erased ("no person"), and one named that way beside other roles kept that mention after the erasure.
    """
    people = [
        {"person_ref": "P1", "role": "suspected_perpetrator", "name": "Kyle Johnson", "dob": "2001-05-05"},
        {"person_ref": "P2", "role": "suspected_perpetrator", "name": "Quill Doubtwell", "dob": "1999-09-09"},
    ]
    folder = folder_with(
        tmp_path / "doubt", mash=[referral("R3", "Cara Lewis", "2010-02-02", date_received="2024-06-01", people=people)]
    )
    named = folder / "mash_people.csv"
    text = named.read_text()
    assert "R3,P1,suspected_perpetrator," in text and "R3,P2,suspected_perpetrator," in text
    named.write_text(text.replace(",suspected_perpetrator,", ",cousin,"))
    load(graph, db, folder, tmp_path)
    in_doubt = "MATCH (:Referral {source_id: 'R3'})-[said:MENTIONS]->(m:Mention {name: $name}) RETURN said.role AS role"
    for name in ("Kyle Johnson", "Quill Doubtwell"):
        assert [r["role"] for r in graph.execute_query(in_doubt, name=name, database_=db).records] == [None]
    person_of = "MATCH (:Mention {name: $name})-[:REFERS_TO]->(p:Person) RETURN DISTINCT p.person_id AS p"
    quill = graph.execute_query(person_of, name="Quill Doubtwell", database_=db).records[0]["p"]
    kyle = graph.execute_query(
        "MATCH (:MatrixEntry)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p) RETURN p.person_id AS p", database_=db
    ).records[0]["p"]
    assert {r["p"] for r in graph.execute_query(person_of, name="Kyle Johnson", database_=db).records} == {kyle}

    result = erase_person(graph, db, quill, "dpo-1")  # named only with a role in doubt
    assert result.records == [] and result.mentions == 1
    kept = erase_person(graph, db, kyle, "dpo-1")  # the subject of GM-1, a suspect in R1 and R2, in doubt in R3
    assert kept.records == ["matrix:GM-1"] and kept.mentions >= 4
    for name in ("Kyle Johnson", "Quill Doubtwell"):
        assert _count(graph, db, "MATCH (m:Mention {name: $name}) RETURN count(m)", name=name) == 0
    assert _count(graph, db, "MATCH (r:Referral) RETURN count(r)") == 3  # the children's referrals stay
    assert _count(graph, db, "MATCH (m:Mention {name: 'Cara Lewis'}) RETURN count(m)") == 1
    load(graph, db, folder, tmp_path)  # a reload brings neither back
    for name in ("Kyle Johnson", "Quill Doubtwell"):
        assert _count(graph, db, "MATCH (m:Mention {name: $name}) RETURN count(m)", name=name) == 0
