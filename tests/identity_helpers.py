"""Shared by the identity rule tests: a crowd of other young people, and how to read a linkage result."""

from __future__ import annotations

import random
from datetime import date

from identity.compare import MentionData


def crowd(n: int, seed: int = 7) -> list[MentionData]:
    """Other young people, so frequencies and the queue have something to work against."""
    rng = random.Random(seed)
    given = [
        "Amara",
        "Blessing",
        "Callum",
        "Demi",
        "Ebony",
        "Femi",
        "Gracie",
        "Harvey",
        "Imani",
        "Jordan",
        "Kacper",
        "Lola",
    ]
    family = [
        "Adeyemi",
        "Brennan",
        "Costa",
        "Dlamini",
        "Evans",
        "Farah",
        "Gill",
        "Hassan",
        "Ivanova",
        "Jankowski",
        "Khan",
        "Lewis",
    ]
    return [
        MentionData(
            f"mash:X{i}:child",
            f"{rng.choice(given)} {rng.choice(family)}",
            date(rng.randint(2006, 2012), rng.randint(1, 12), rng.randint(1, 28)),
            rng.choice(["female", "male"]),
            f"N{rng.randint(1, 22)} {rng.randint(1, 9)}AA",
            role="child_at_risk",
            record_date=date(2024, 1, 2),
            borough="Haringey",
        )
        for i in range(n)
    ]


def queued_pairs(result) -> set[frozenset[str]]:
    return {frozenset((c.a, c.b)) for c in result.review}


def linked_together(result, a: str, b: str) -> bool:
    return any(a in c and b in c for c in result.clusters)
