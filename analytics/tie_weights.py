"""The rule that weighs a tie: claim type and recency of each record, and shared places.

Read from `jigsaw/policies/tie_weights.toml` (documented there and in docs/analytics.md), or
the operator's copy named by JIGSAW_TIE_WEIGHTS, so a partnership can change it without code.
`COUNTING` is the unweighted rule (every record 1, places 0.5, no decay, recorded strengths
ignored): `--unweighted`, for comparison, and what the projection was checked against before
claims were weighed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path

import numpy as np

from jigsaw import policies
from jigsaw.config import get_settings

RULE_KEY = "jigsaw_tie_weights"  # in a projection's graph.graph: the rule its weights follow
MAX_WEIGHT = 10.0
DAYS_PER_MONTH = 30.44


@dataclass(frozen=True)
class TieWeights:
    claims: dict[str, float] = field(
        default_factory=lambda: {"recorded_fact": 1.0, "allegation": 1.0, "intelligence": 1.0}
    )
    other: float = 1.0
    half_life_months: float = 0.0  # 0: no decay
    place: float = 0.5
    recorded_strength: bool = False  # a tie's strength as its source recorded it (calls) multiplies its record

    def claim_weights(self, claims: list[str | None]) -> np.ndarray:
        return np.fromiter((self.claims.get(c or "", self.other) for c in claims), dtype=np.float64, count=len(claims))

    def recency(self, age_days: np.ndarray) -> np.ndarray:
        """1 for the latest record, halving every half-life before it."""
        if not self.half_life_months:
            return np.ones(len(age_days))
        return np.power(0.5, np.maximum(age_days, 0) / (self.half_life_months * DAYS_PER_MONTH))

    def describe(self) -> str:
        # words, not codes: the rule is shown on the Peer groups page
        claims = ", ".join(f"{k.replace('_', ' ')} {v:g}" for k, v in self.claims.items())
        decay = f"half-life {self.half_life_months:g} months" if self.half_life_months else "no decay"
        strength = "; recorded strengths" if self.recorded_strength else ""
        return f"claims {claims} (other {self.other:g}); {decay}; place {self.place:g}{strength}"


COUNTING = TieWeights()


def rule_file() -> Path | Traversable:
    """The operator's rule (JIGSAW_TIE_WEIGHTS) if set, else the one shipped with the package."""
    return get_settings().jigsaw_tie_weights or policies.default("tie_weights.toml")


def load(path: Path | Traversable | None = None) -> TieWeights:
    """The configured rule; a missing or wrong value is an error that says which."""
    path = path or rule_file()
    try:
        found = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ValueError(f"{path.name}: cannot be read ({err})") from None

    def number(section: str, key: str, upper: float = MAX_WEIGHT) -> float:
        value = found.get(section, {}).get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= upper:
            raise ValueError(f"{path.name}: [{section}] {key} must be a number from 0 to {upper:g}")
        return float(value)

    claims = {k: number("claim", k) for k in ("recorded_fact", "allegation", "intelligence")}
    strength = found.get("strength", {}).get("recorded", True)  # absent in an older copy of the rule: used
    if not isinstance(strength, bool):
        raise ValueError(f"{path.name}: [strength] recorded must be true or false")
    return TieWeights(
        claims,
        number("claim", "other"),
        number("recency", "half_life_months", 1200),
        number("place", "weight"),
        strength,
    )
