"""The identity review page shows the queue a person can finish: grouped by person, the expected
true-match rate, and a vetoed pair's contradiction in words (issue #17). Real Neo4j, AppTest."""

from __future__ import annotations

import pytest

from graph_loader.models.matrix import MatrixNominal
from identity.graph_run import run as resolve
from tests.builders import folder_with, load, referral
from tests.explorer_app import app

pytestmark = pytest.mark.neo4j


def test_a_child_against_an_adults_date_of_birth_is_asked_with_the_contradiction_in_words(
    explorer_env, graph, db, tmp_path
):
    # An undated child at risk with a school and the matrix's Mohamed Ali, born 2003, at one postcode.
    child = referral(
        "TH-9",
        "Mohamed Ali",
        "",
        child_gender="male",
        child_postcode="E1 2AB",
        child_school="Stepney All Saints",
        borough="Tower Hamlets",
    )
    adult = MatrixNominal.model_validate(
        {
            "nominal_id": "GM-77",
            "name": "Mohamed Ali",
            "dob": "2003-02-14",
            "gender": "male",
            "postcode": "E1 2AB",
            "borough": "Tower Hamlets",
            "gangs": ["Stepney"],
            "harm_band": "amber",
            "date_added": "2023-09-05",
            "status": "active",
            "intelligence_grading": "3x5x2",
        }
    )
    load(graph, db, folder_with(tmp_path / "in", mash=[child], matrix=[adult]), tmp_path)
    resolve(graph, db)
    persons = graph.execute_query(
        "MATCH (m:Mention)-[:REFERS_TO]->(p:Person) WHERE m.name = 'Mohamed Ali' RETURN count(DISTINCT p) AS n",
        database_=db,
    ).records[0]["n"]
    assert persons == 2  # never merged automatically

    at = app()
    at.switch_page("views/identity_review.py").run()
    assert not at.exception
    assert any("expected to be the same young person" in m.value for m in at.markdown)
    assert any("contradict each other" in w.value and "child at risk on" in w.value for w in at.warning)
    assert "Mohamed Ali" in at.selectbox[0].options[0]
