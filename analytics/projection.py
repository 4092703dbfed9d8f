"""Project the graph into a weighted person-to-person NetworkX graph.

A record ties its subject to each person it names (see SUBJECT_ROLES).
Weight = records tying both people + PLACE_WEIGHT x places both were seen at. Edge
attributes keep the counts and agencies so every tie can be explained.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import networkx as nx
from neo4j import Driver, READ_ACCESS

from graph_loader.models.vocab import SUBJECT_ROLES
from jigsaw.cypher_files import load as cypher

PLACE_WEIGHT = 0.5


@dataclass(frozen=True)
class Scope:
    """Which part of the graph a projection covers."""

    date_from: date | None = None
    date_to: date | None = None
    borough: str | None = None
    max_place_people: int = 50

    @property
    def key(self) -> str:
        return f"{self.date_from or '*'}..{self.date_to or '*'}|{self.borough or 'London'}"

    def params(self) -> dict:
        return {"date_from": self.date_from, "date_to": self.date_to, "borough": self.borough}


def project(driver: Driver, database: str, scope: Scope) -> nx.Graph:
    graph = nx.Graph()
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        records = session.execute_read(lambda tx: [r.data() for r in tx.run(cypher("analytics/projection_records"), scope.params() | {"subject_roles": [str(r) for r in SUBJECT_ROLES]})])
        places = session.execute_read(
            lambda tx: [r.data() for r in tx.run(cypher("analytics/projection_places"), scope.params() | {"max_place_people": scope.max_place_people})]
        )
    for row in records:
        graph.add_edge(row["a"], row["b"], records=row["records"], places=0, agencies=sorted(row["agencies"]))
    for row in places:
        if graph.has_edge(row["a"], row["b"]):
            graph[row["a"]][row["b"]]["places"] = row["places"]
        else:
            graph.add_edge(row["a"], row["b"], records=0, places=row["places"], agencies=[])
    for _, _, data in graph.edges(data=True):
        data["weight"] = data["records"] + PLACE_WEIGHT * data["places"]
    return graph
