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
    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def members(self) -> dict[str, set[str]]:
        groups: dict[str, set[str]] = {}
        for k in self.parent:
            groups.setdefault(self.find(k), set()).add(k)
        return groups


def link(mentions: list[MentionData], *, cannot_link: set[frozenset[str]] = frozenset()) -> LinkageResult:
    result = LinkageResult(clusters=[])
    for a, b in candidate_pairs(mentions):
        result.pairs_compared += 1
        scored = decide(compare(a, b))
        if frozenset((a.mention_key, b.mention_key)) in cannot_link:
            continue
        if scored.outcome is Outcome.auto_link:
            result.auto_links.append(Candidate(a.mention_key, b.mention_key, scored))
        elif scored.outcome is Outcome.review:
            result.review.append(Candidate(a.mention_key, b.mention_key, scored))
    uf = _UnionFind(m.mention_key for m in mentions)
    blocked = {k for pair in cannot_link for k in pair}
    # Strongest links first, so a cluster never swallows both sides of a rejected pair.
    for cand in sorted(result.auto_links, key=lambda c: -c.scored.total):
        ra, rb = uf.find(cand.a), uf.find(cand.b)
        if ra == rb:
            continue
        if blocked:
            members = uf.members()
            joined = members[ra] | members[rb]
            if any(pair <= joined for pair in cannot_link):
                continue
        uf.parent[rb] = ra
    result.clusters = sorted(uf.members().values(), key=lambda c: min(c))
    return result
