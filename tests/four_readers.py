"""The four readers the rewritten-query tests compare a text with its text before for, shared by them."""

from __future__ import annotations

from jigsaw.access import ALL_SOURCES, FULL_SCOPE, Scope


def busiest_boroughs(graph, db) -> list[str]:
    """Boroughs by how many records they hold, the busiest first (ties by name)."""
    return [
        r["b"]
        for r in graph.execute_query(
            "MATCH (b:Borough)<-[:IN_BOROUGH]-(r:Record) RETURN b.name AS b, count(r) AS n ORDER BY n DESC, b",
            database_=db,
        ).records
    ]


def four_readers(boroughs: list[str]) -> dict[str, Scope]:
    """Every source and borough; two sources in the busiest borough; one source everywhere; two boroughs."""
    assert len(boroughs) >= 3
    return {
        "everyone": FULL_SCOPE,
        "MASH and HSB, busiest borough": Scope(sources=("mash", "hsb"), boroughs=(boroughs[0],)),
        "gangs matrix only": Scope(sources=("matrix",), boroughs=None),
        "all sources, two boroughs": Scope(sources=ALL_SOURCES, boroughs=(boroughs[1], boroughs[2])),
    }
