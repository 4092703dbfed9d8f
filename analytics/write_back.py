"""Write peer groups back to the graph as PeerGroup nodes, replacing the scope's previous run."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from neo4j import Driver

from jigsaw.cypher_files import load as cypher

from .peer_groups import PeerGroupResult
from .projection import Scope


def write_peer_groups(driver: Driver, database: str, scope: Scope, result: PeerGroupResult, user: str) -> str:
    run_id = f"A-{datetime.now(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
    people = sorted(set().union(*result.groups)) if result.groups else []
    attributes = {
        r["person_id"]: r
        for r in driver.execute_query(
            cypher("analytics/person_attributes"), person_ids=people, database_=database, routing_="r"
        ).records
    }
    scope_hash = hashlib.sha1(scope.key.encode()).hexdigest()[:8]
    groups = []
    for number, members in enumerate(result.groups, start=1):
        boroughs = sorted({b for m in members for b in attributes.get(m, {}).get("boroughs", [])})
        gangs = sorted({g for m in members for g in attributes.get(m, {}).get("gangs", [])})
        groups.append(
            {
                "group_id": f"PG-{scope_hash}-{number:03d}",
                "size": len(members),
                "boroughs": boroughs,
                "gangs": gangs,
                "members": [
                    {
                        "person_id": m,
                        "betweenness": _rounded(result.betweenness.get(m)),
                        "broker": m in result.brokers,
                        "broker_score": result.broker_scores.get(m, 0.0),
                    }
                    for m in sorted(members)
                ],
            }
        )
    run = {
        "run_id": run_id,
        "algorithm": result.parameters.get("algorithm", "louvain"),
        "seed": result.parameters.get("seed"),
        "resolution": result.parameters.get("resolution"),
        "date_from": scope.date_from,
        "date_to": scope.date_to,
        "borough": scope.borough,
        "created_at": datetime.now(UTC),
        "user": user,
        "modularity": round(result.modularity, 4),
        "tie_weights": result.parameters.get("tie_weights"),
        "broker_rule": result.parameters.get("brokers"),
    }
    driver.execute_query(
        cypher("analytics/replace_peer_groups"), scope=scope.key, run=run, groups=groups, database_=database
    )
    return run_id


def _rounded(score: float | None) -> float | None:
    """None when betweenness was not computed (very large projections choose brokers locally)."""
    return None if score is None else round(score, 6)
