"""The gang-overlap report (cypher/report_gang_overlap.cypher) for readers with and without the gangs matrix.

A reader who may not read the matrix has no nominal to count, so the report walks nothing for them, yet
still gives its 'any gang' row, with zeros, for the children of the borough's records they may read.
"""

from __future__ import annotations

from datetime import date

import pytest

from jigsaw import catalogue
from jigsaw.access import FULL_SCOPE, Scope
from tests.builders import load, small_network

pytestmark = pytest.mark.neo4j

PERIOD = {"borough": "Hackney", "date_from": date(2000, 1, 1), "date_to": date(2030, 12, 31)}


def report(graph, db, scope: Scope) -> list[dict]:
    return catalogue.run(graph, db, "report_gang_overlap", PERIOD, scope=scope).rows


def test_a_reader_without_the_matrix_gets_the_any_gang_row_with_no_one_counted(graph, db, tmp_path):
    # Amelia and Bella (MASH, Hackney) are both named with Kyle, an active nominal (tests/builders.small_network).
    load(graph, db, small_network(tmp_path / "in"), tmp_path)
    everyone = report(graph, db, FULL_SCOPE)
    any_gang = next(r for r in everyone if r["gang"] == "any gang")
    assert any_gang["children_named_with_a_nominal"] >= 1  # else the readers below prove nothing
    with_matrix = report(graph, db, Scope(sources=("mash", "matrix"), boroughs=None))
    assert with_matrix == everyone  # the HSB case adds no one here: Bella is counted through her referral too
    for sources in (("mash",), ("mash", "hsb")):
        rows = report(graph, db, Scope(sources=sources, boroughs=None))
        assert rows == [{"gang": "any gang", "children_who_are_nominals": 0, "children_named_with_a_nominal": 0}], (
            sources,
            rows,
        )
