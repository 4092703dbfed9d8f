"""The linkage steps run end to end over a set of mentions: block, compare, score, cluster.

Automatic links are clustered with union-find: mentions joined by automatic links form
one person. Pairs an analyst rejected never join, even through a third mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .block import candidate_pairs
from .compare import MentionData, compare
from .score import Outcome, Scored, decide


@dataclass
class Candidate:
    a: str
    b: str
    scored: Scored


@dataclass
class LinkageResult:
    clusters: list[set[str]]  # mention keys per person (singletons included)
    auto_links: list[Candidate] = field(default_factory=list)
    review: list[Candidate] = field(default_factory=list)
    pairs_compared: int = 0


class _UnionFind:
    """Clusters of mention keys; each root keeps its members so joins can be checked cheaply."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}
        self.members = {k: {k} for k in self.parent}

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: str, b: str, apart: dict[str, set[str]]) -> None:
        """Join a's and b's clusters unless that would put a rejected pair together."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        small, large = sorted((ra, rb), key=lambda r: len(self.members[r]))
        if any(apart.get(k, set()) & self.members[large] for k in self.members[small] if k in apart):
            return
        self.parent[small] = large
        self.members[large] |= self.members.pop(small)


def link(
    mentions: list[MentionData],
    *,
    cannot_link: set[frozenset[str]] = frozenset(),
    must_link: set[frozenset[str]] = frozenset(),
    focus: set[str] | None = None,
    existing: dict[str, str | None] | None = None,
) -> LinkageResult:
    """Analysts' decisions win: `must_link` pairs join first, `cannot_link` pairs never join.

    Incremental use: `focus` limits comparison to pairs with a new mention, and `existing`
    (mention key -> current person) starts the clusters from the persons already found.
    """
    result = LinkageResult(clusters=[])
    decided = cannot_link | must_link
    for a, b in candidate_pairs(mentions, focus):
        result.pairs_compared += 1
        if frozenset((a.mention_key, b.mention_key)) in decided:
            continue
        scored = decide(compare(a, b))
        if scored.outcome is Outcome.auto_link:
            result.auto_links.append(Candidate(a.mention_key, b.mention_key, scored))
        elif scored.outcome is Outcome.review:
            result.review.append(Candidate(a.mention_key, b.mention_key, scored))
    uf = _UnionFind(m.mention_key for m in mentions)
    apart: dict[str, set[str]] = {}
    for pair in cannot_link:
        a, b = sorted(pair)
        apart.setdefault(a, set()).add(b)
        apart.setdefault(b, set()).add(a)
    if existing:
        first_of: dict[str, str] = {}
        for key in sorted(uf.parent):
            person = existing.get(key)
            if person:
                uf.union(first_of.setdefault(person, key), key, apart)
    confirmed = sorted(tuple(sorted(pair)) for pair in must_link if pair <= uf.parent.keys())
    # Analysts' confirmations first, then the strongest links.
    for a, b in confirmed + [(c.a, c.b) for c in sorted(result.auto_links, key=lambda c: -c.scored.total)]:
        uf.union(a, b, apart)
    result.clusters = sorted(uf.members.values(), key=lambda c: min(c))
    return result
