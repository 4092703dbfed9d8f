"""Term-frequency name weights: a common name says less than a rare one.

As Splink does, the weight of an exact name match is adjusted by how often that very name
occurs in the data being linked: log2(u / f), where u is the average chance that two
different people share the field (score.M_U) and f the share of mentions with this name.
"Mohamed Ali" agreeing says little in Tower Hamlets; "Kowalczyk" agreeing says a lot. The
adjustment is bounded both ways (documented in docs/identity.md): a rare name cannot carry
a link on its own, and a very common one is not made worthless.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from .compare import MentionData, fold, parts_of
from .score import M_U

MAX_BOOST = 1.0  # bits added at most for a rare name
MAX_PENALTY = 4.0  # bits taken away at most for a very common one
MIN_MENTIONS = 200  # below this the counts say nothing about a name's frequency: no adjustment


class NameFrequency:
    """How often each given name and each family-name part occurs among the mentions being linked."""

    def __init__(self, mentions: Iterable[MentionData]) -> None:
        self.given: Counter[str] = Counter()
        self.family: Counter[str] = Counter()
        self.alias: Counter[str] = Counter()
        self.mentions = 0
        for m in mentions:
            self.mentions += 1
            for alias in aliases_of(m):
                self.alias[alias] += 1
            parts = parts_of(m)
            if parts.given:
                self.given[parts.given] += 1
            for part in parts.family:
                self.family[part] += 1
        self.given_total = sum(self.given.values())
        self.family_total = sum(self.family.values())

    def _adjust(self, count: int, total: int, u: float) -> float:
        if total < MIN_MENTIONS or count == 0:
            return 0.0
        bits = math.log2(u / (count / total))
        return round(max(-MAX_PENALTY, min(MAX_BOOST, bits)), 2)

    def adjustments(self, a: MentionData, b: MentionData, levels: dict[str, str]) -> dict[str, float]:
        """Bits to add to the exact given-name and family-name weights of this pair."""
        out = {}
        pa = parts_of(a)
        if levels.get("given_name") == "exact" and pa.given:
            out["given_name"] = self._adjust(self.given[pa.given], self.given_total, M_U["given_name"]["exact"][1])
        if levels.get("family_name") == "exact" and pa.family:
            rarest = min(self.family[p] for p in pa.family)
            out["family_name"] = self._adjust(rarest, self.family_total, M_U["family_name"]["exact"][1])
        if levels.get("alias_or_street_name") == "match":
            shared = (aliases_of(a) | names_of(a)) & (aliases_of(b) | names_of(b))
            if shared:
                rarest = min(self.alias[x] or 1 for x in shared)
                out["alias_or_street_name"] = self._adjust(
                    rarest, self.mentions, M_U["alias_or_street_name"]["match"][1]
                )
        return {f: v for f, v in out.items() if v}


def aliases_of(m: MentionData) -> set[str]:
    return {fold(x) for x in m.aliases if x} - {""}


def names_of(m: MentionData) -> set[str]:
    return {fold(m.name)} if m.name else set()
