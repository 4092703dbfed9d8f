"""The summary tests' shared comparison (tests/summary_checks.py) sees every way two answers can differ."""

from __future__ import annotations

import pytest

from jigsaw.catalogue import QueryResult
from tests.summary_checks import Comparisons, difference

ROWS = [{"person_id": "P1", "n": 2}, {"person_id": "P2", "n": 1}]


def _answer(**changes) -> QueryResult:
    given = {"name": "q", "params": {}, "columns": ["person_id", "n"], "rows": ROWS, "truncated": False} | changes
    return QueryResult(**given)


@pytest.mark.parametrize(
    "changes",
    [
        {"columns": ["n", "person_id"]},
        {"rows": ROWS[:1]},
        {"rows": ROWS[::-1]},  # the same rows in another order
        {"rows": [ROWS[0], {"person_id": "P2", "n": 3}]},
        {"truncated": True},
        {"withheld": 1},
    ],
)
def test_each_kind_of_difference_is_seen(changes):
    found = difference(_answer(**changes), _answer())
    assert found and found.startswith(f"summary {len(changes.get('rows', ROWS))} rows, live 2")


def test_the_same_answer_differs_in_nothing_that_is_compared():
    # Where and when an answer came from is not part of the answer.
    assert difference(_answer(answered_from="summary", note="from the summary"), _answer()) is None


def test_a_round_with_a_difference_or_with_a_query_that_had_no_rows_fails():
    differed = Comparisons(graph=None, db="neo4j", when="after a load", differ=["after a load | everyone | q: ..."])
    with pytest.raises(AssertionError, match="1 answers differ"):
        differed.check()
    empty = Comparisons(graph=None, db="neo4j", when="after a load")
    empty.nonempty["q"] += 0
    with pytest.raises(AssertionError, match=r"held nothing to compare: \['q'\]"):
        empty.check(every_one_answered=("q",))
    empty.check()  # nothing asked of it
