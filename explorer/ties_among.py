"""Draw the ties among a set of people (peer groups, gang overlap) from the `ties_among` query."""

from __future__ import annotations

from .data import person_cards, run_rows
from .graph_model import DrawnGraph, short_agency, ties_graph


def graph_of(people: list[str], *, page: str, highlight: set[str] = frozenset(), label=None) -> DrawnGraph:
    rows = run_rows("ties_among", page=page, person_ids=sorted(set(people)))
    links = [
        {
            "a": r["a"],
            "b": r["b"],
            "label": short_agency(r["agency"]),
            "tooltip": r["record_key"],
            "record": r["record_key"],
            "claim": r["claim"],
            "date": r["date"],
        }
        for r in rows
    ]
    return ties_graph(links, person_cards(people, page=page), centre=set(), highlight=set(highlight), label=label)
