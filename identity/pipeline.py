"""The linkage steps run end to end over a set of mentions: block, compare, score, cluster.

Automatic links are clustered with union-find: mentions joined by automatic links form
one person. Pairs an analyst rejected never join, even through a third mention. The doubts left
are then weighed again with what the persons hold (an associate both name: associates.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import numpy as np

from . import associates, queue, score
from .bulk import MARGIN, Compared, block_chunks, compare_candidates, features, upper_bound
from .compare import MentionData, compare
from .contradict import about_the_person, contradictions
from .frequency import NameFrequency
from .score import Outcome, Scored, with_level


@dataclass
class Candidate:
    a: str
    b: str
    scored: Scored
    question: queue.Question | None = None  # for a queued pair: its expected rate, impact, priority, person


@dataclass
class LinkageResult:
    clusters: list[set[str]]  # mention keys per person (singletons included)
    auto_links: list[Candidate] = field(default_factory=list)
    review: list[Candidate] = field(default_factory=list)
    pairs_compared: int = 0  # candidate pairs from blocking
    pairs_scored: int = 0  # of which could reach the review threshold, so went through the rules
    sole_candidates: set[str] = field(default_factory=set)  # undated mentions joined by the sole-candidate rule
    vetoed: int = 0  # automatic links refused because the two persons' records contradict each other

    @property
    def expected_true_rate(self) -> float:
        return queue.expected_true_rate([c.question for c in self.review if c.question])


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

    def contradiction(self, a: str, b: str, by_key: dict[str, MentionData]) -> str | None:
        """What any record of a's person says against any record of b's (a child against an
        adult's date of birth, two genders): joined through a third record or not, one person
        cannot hold both."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        for x in self.members[ra]:
            for y in self.members[rb]:
                found = about_the_person(by_key[x], by_key[y])
                if found:
                    return found
        return None


SOLE_CANDIDATE = (
    "no date of birth, but the name agrees with one person only, with no one else, and a postcode, school, "
    "street name or associate confirms it"
)
NAMES_AGREE = ({"exact", "nickname"}, {"exact", "part"})
CONTRADICTED = "the records contradict each other"
EITHER_PERSON = "a person both records' persons name, but this record's person names it with another person too"
MET_THROUGH_ASSOCIATE = "strong evidence, but the two records met only through a person both name: an analyst decides"
DATES_APART = "no date of birth on one side, and the two persons' other records give different dates of birth"


def corroborated(a: MentionData, b: MentionData, levels: dict[str, str]) -> bool:
    """Something besides the name ties an undated mention to its one namesake: the same postcode,
    school or street name, or a person both records name."""
    if (
        levels["postcode"] == "exact"
        or levels["school"] == "exact"
        or levels["alias_or_street_name"] in {"match", "similar"}
    ):
        return True
    return bool(set(a.co_named) & set(b.co_named))


def _sole_candidates(
    review: list[Candidate], undated: set[str], uf: _UnionFind, by_key: dict[str, MentionData]
) -> list[tuple[str, Candidate]]:
    """An undated mention whose given and family names agree with exactly one person, and
    which no other person comes near, refers to that person when a postcode, school, street
    name or associate confirms it. With a namesake anywhere in reach (twins, cousins, a
    common name), a contradiction, or nothing but the name, it stays in the queue."""
    by_mention: dict[str, list[tuple[Candidate, str]]] = {}
    for c in review:
        for own, other in ((c.a, c.b), (c.b, c.a)):
            if own in undated:
                by_mention.setdefault(own, []).append((c, other))
    chosen = []
    for own, near in by_mention.items():
        if len(uf.members[uf.find(own)]) > 1:
            continue  # already part of a person through other evidence
        # A lone undated mention near it is another fragment, not a second child.
        people = {uf.find(other) for _, other in near if other not in undated or len(uf.members[uf.find(other)]) > 1}
        if len(people) != 1:
            continue
        (person,) = people
        near = [(c, other) for c, other in near if uf.find(other) == person]
        agreeing = [
            c
            for c, _ in near
            if c.scored.levels["given_name"] in NAMES_AGREE[0]
            and c.scored.levels["family_name"] in NAMES_AGREE[1]
            and c.scored.levels["gender"] != "different"
            and not contradictions(by_key[c.a], by_key[c.b])
            and corroborated(by_key[c.a], by_key[c.b], c.scored.levels)
        ]
        if agreeing:
            chosen.append((own, max(agreeing, key=lambda c: c.scored.total)))
    return chosen


def _veto(cand: Candidate, uf: _UnionFind, by_key: dict[str, MentionData]) -> bool:
    """An automatic link the two persons' records contradict goes to review, saying why."""
    found = uf.contradiction(cand.a, cand.b, by_key)
    if found:
        cand.scored = replace(cand.scored, outcome=Outcome.review, reason=f"the records contradict each other: {found}")
    return bool(found)


def _associate_u(result: LinkageResult, uf: _UnionFind, known: associates.Associates) -> float:
    """Bits off the associate's weight where the siblings and namesakes among the doubts name someone in
    common more often than score.M_U's u says (associates.measured_u; never above 0)."""
    doubts = [
        (c.a, c.b)
        for c in result.review
        if c.scored.outcome is Outcome.review and uf.find(c.a) != uf.find(c.b) and queue.disagreeing(c.scored.levels)
    ]
    return associates.u_adjustment(associates.measured_u(doubts, known))


def _with_associates(
    result: LinkageResult,
    uf: _UnionFind,
    by_key: dict[str, MentionData],
    apart,
    off: float,
    known: associates.Associates,
) -> int:
    """The doubts left after the confident links, asked again with person-level evidence: a person
    both sides' records name (associates.py; `known` read from the persons as they stand now). A doubt
    it lifts to a link still passed decide's guards and is still refused when the two persons' records
    contradict each other. Returns the vetoed."""
    doubts = [
        c
        for c in result.review
        if c.scored.outcome is Outcome.review
        and not c.scored.reason.startswith(CONTRADICTED)
        and uf.find(c.a) != uf.find(c.b)
    ]
    if not doubts:
        return 0
    lifted = []
    for c in doubts:
        shared = known.shared(c.a, c.b)
        if shared:
            c.scored = with_level(c.scored, associates.FIELD, "shared", round(off + known.adjustment(shared), 2))
            if c.scored.outcome is Outcome.auto_link:
                lifted.append(c)
    # A record lifted towards two persons (two sisters naming the same adult) could be either's: asked.
    towards: dict[str, set[str]] = {}
    for c in lifted:
        towards.setdefault(c.a, set()).add(uf.find(c.b))
        towards.setdefault(c.b, set()).add(uf.find(c.a))
    vetoed = 0
    for cand in sorted(lifted, key=lambda c: (-c.scored.total, c.a, c.b)):
        if len(towards[cand.a]) > 1 or len(towards[cand.b]) > 1:
            cand.scored = replace(cand.scored, outcome=Outcome.review, reason=EITHER_PERSON)
            continue
        if _veto(cand, uf, by_key) or _dates_apart(cand, uf, by_key):
            vetoed += 1
            continue
        uf.union(cand.a, cand.b, apart)
        result.auto_links.append(cand)
    return vetoed


def _dates_apart(cand: Candidate, uf: _UnionFind, by_key: dict[str, MentionData]) -> bool:
    """A lifted link through an undated record would join two persons whose dated records share no
    date: one person would hold two birthdays, so it is asked, saying why."""
    if cand.scored.levels.get("date_of_birth") != "missing":
        return False
    dates = [{by_key[k].dob for k in uf.members[uf.find(x)]} - {None} for x in (cand.a, cand.b)]
    if dates[0] and dates[1] and not dates[0] & dates[1]:
        cand.scored = replace(cand.scored, outcome=Outcome.review, reason=DATES_APART)
        return True
    return False


def _associates_pairs(
    mentions: list[MentionData],
    compared: Compared,
    uf: _UnionFind,
    by_key: dict[str, MentionData],
    focus: set[str] | None,
    decided: set[frozenset[str]],
    off: float,
) -> list[Candidate]:
    """Doubts the blocks never raised or left below the review level: two records whose persons name
    the same person (associates.py), compared with that evidence. Pairs that scored are not scored
    again; with it a pair reaches at most REVIEW + the associate's weight (below AUTO_LINK), and one that no
    block met at all (a block too crowded to compare) is asked whatever it scores: questions, never links."""
    n = len(mentions)
    known = associates.Associates(uf.members, by_key, uf.find)
    index_of = {m.mention_key: x for x, m in enumerate(mentions)}
    blocks = known.blocks(uf.members, index_of)
    if not blocks:
        return []
    f = compared.features or features(mentions)
    frequency = compared.frequency or NameFrequency(mentions)
    prior = score.population_prior(len(mentions))
    root = {r: x for x, r in enumerate(uf.members)}
    person = np.fromiter((root[uf.find(m.mention_key)] for m in mentions), np.int64, n)
    seen = np.sort(np.fromiter((x * n + y for x, y, _ in compared.results), np.int64, len(compared.results)))
    most = score.weight(associates.FIELD, "shared")
    out = []
    for ci, cj in block_chunks(mentions, blocks, focus):
        # Both come in (key a, key b) order: a pair scored already has the same code.
        keep = (person[ci] != person[cj]) & ~np.isin(ci * n + cj, seen)
        keep &= upper_bound(f, ci, cj) + prior + most >= score.REVIEW - MARGIN
        for x, y in zip(ci[keep].tolist(), cj[keep].tolist()):
            a, b = mentions[x], mentions[y]
            if frozenset((a.mention_key, b.mention_key)) in decided:
                continue
            shared = known.shared(a.mention_key, b.mention_key)
            levels = compare(a, b)
            adjust = frequency.adjustments(a, b, levels) | {associates.FIELD: round(off + known.adjustment(shared), 2)}
            scored = score.decide(
                levels | {associates.FIELD: "shared"},
                adjust=adjust,
                contradictions=contradictions(a, b),
                prior=prior,
                namesakes=frequency.namesakes(a, b, levels),
            )
            if scored.outcome is Outcome.auto_link:  # records no block brought together (a crowded block) are asked
                scored = replace(scored, outcome=Outcome.review, reason=MET_THROUGH_ASSOCIATE)
            if scored.outcome is Outcome.review:
                out.append(Candidate(a.mention_key, b.mention_key, scored))
    return out


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
    by_key = {m.mention_key: m for m in mentions}
    # Blocking, comparison and scoring in bulk (bulk.py): the rules' outcome (with term-frequency
    # name weights and the contradiction veto) for every candidate pair that could reach the
    # review threshold, in (key, key) order, analysts' decided pairs left out.
    compared = compare_candidates(mentions, focus, decided)
    result.pairs_compared, result.pairs_scored = compared.pairs, compared.scored
    for x, y, scored in compared.results:
        cand = Candidate(mentions[x].mention_key, mentions[y].mention_key, scored)
        (result.auto_links if scored.outcome is Outcome.auto_link else result.review).append(cand)
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
    # Analysts' confirmations first (they win over any contradiction), then the strongest links,
    # each refused when the two persons' records contradict each other.
    for a, b in confirmed:
        uf.union(a, b, apart)
    linked = []
    for cand in sorted(result.auto_links, key=lambda c: -c.scored.total):
        if _veto(cand, uf, by_key):
            result.vetoed += 1
            result.review.append(cand)
            continue
        uf.union(cand.a, cand.b, apart)
        linked.append(cand)
    result.auto_links = linked
    undated = {m.mention_key for m in mentions if m.dob is None}
    for own, cand in _sole_candidates(result.review, undated, uf, by_key):
        if _veto(cand, uf, by_key):
            result.vetoed += 1
            continue
        result.sole_candidates.add(own)
        cand.scored = replace(cand.scored, outcome=Outcome.auto_link, reason=SOLE_CANDIDATE)
        result.auto_links.append(cand)
        uf.union(cand.a, cand.b, apart)
    # Who each person names, read once for the measured u and the doubts asked again; the pairs' step
    # reads it afresh, since the doubts' links may have joined persons.
    known = associates.Associates(uf.members, by_key, uf.find)
    off = _associate_u(result, uf, known)
    result.vetoed += _with_associates(result, uf, by_key, apart, off, known)
    result.review += _associates_pairs(mentions, compared, uf, by_key, focus, decided, off)
    # A doubt between two mentions that now share a person is settled; the rest become the
    # questions of a queue a person can finish (queue.py).
    open_doubts = [c for c in result.review if c.scored.outcome is Outcome.review and uf.find(c.a) != uf.find(c.b)]
    questions = queue.shape(
        open_doubts,
        uf.find,
        lambda root: uf.members[root],
        {m.mention_key: m.role for m in mentions},
        kept_apart=lambda xs, ys: any(apart.get(x, set()) & ys for x in xs if x in apart),
    )
    result.review = []
    for q in questions:
        q.candidate.question = q
        result.review.append(q.candidate)
    result.clusters = sorted(uf.members.values(), key=lambda c: min(c))
    return result
