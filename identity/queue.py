"""The review queue a person can finish: one question per pair of persons, the ones whose
answer changes most first, and nothing below a documented evidence level.

1. Collapse: every doubt between the same two persons (after automatic links) is one
   question; the strongest pair stands for it and the others are counted.
2. Floor: a question whose expected chance of being the same young person is below
   QUEUE_FLOOR is not asked (docs/identity.md gives the measured trade-off); siblings and
   namesakes (given names or dates of birth apart, nothing else agreeing) are among them.
3. Per person, only the PER_PERSON likeliest questions: a common name cannot flood the queue; and
   no question whose answer likelier questions already give (A-B and B-C asked: A-C follows).
4. Rank by what a decision would change: the chance it is the same person times the weight
   of the join (a child joined to a suspected perpetrator's or a gang nominal's records
   first; then a join across agencies; then one agency's own duplicates).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from networkx.utils import UnionFind

from .contradict import CHILD_ROLES
from .score import AUTO_LINK, DOB_CONTRADICTS

# Share of true matches among queued questions by evidence (bits, from each lower bound), measured
# by bench.identity on seed 11 at medium noise, adjacent bands pooled so the rate never falls as the
# evidence grows (docs/identity.md). A contradicted question is rarely the same person, but one
# that would have been linked but for the veto is always asked: the analyst must see it.
CALIBRATION_BITS = (4.5, 6.0, 10.0, 14.0, 16.0)
CALIBRATION_RATE = (0.005, 0.11, 0.46, 0.89, 0.99)
CONTRADICTED_RATE = 0.02
# Surnames recorded on both sides, given names different or dates of birth apart, and nothing but the
# names and date to go on (no shared postcode, school or street name): siblings and namesakes,
# whatever the bits. Measured by
# bench.identity (medium noise): 4 in 208 such questions (1.9 %) at 14,472 mentions (seed 11), and
# 0.4 % and 1.1 % at 101,873 and 101,845 (seeds 11 and 57301): a common name gives thousands of them.
DISAGREEING_RATE = 0.02
# ... unless the names and date agree strongly enough all the same (a surname recorded on both sides, one
# keying slip in the birthday or a nickname, nothing else): at 101,873 mentions (seed 11) such questions
# at 12-14 bits were 17 of 51 true and at 14-16 15 of 65, against 1 of 131 at 10-12; asked at their rate.
DISAGREEING_STRONG_BITS = 12.0
DISAGREEING_STRONG_RATE = 0.3
QUEUE_FLOOR = 0.04  # expected true-match chance below which a question is not asked
# A given name recorded as an initial ("J. Barber") can only ever agree as an initial: score.M_U weighs the
# level among all pairs (m 0.02, u 0.06: -1.6 bits), which keeps an initial from carrying a link, but of
# pairs where one side *is* an initial, one child's agree nearly always and strangers' about once in 17.
# So its questions are likelier than their bits say: at 101,873 mentions (seed 11, bench.identity_diagnose)
# those at 8-10 bits were 66 of 96 true and those at 10-12 were 54 of 55, as named ones at 12-14 and 14-16
# (0.75, 0.95). The chance is read this many bits higher; links are decided on the bits as they are.
INITIAL_READ = 4.0
PER_PERSON = 2  # questions kept per person, likeliest first

NETWORK_ROLES = {"suspected_perpetrator", "gang_nominal", "associate"}
IMPACT = {
    "child_to_network": (6.0, "would join a child's records to a suspected perpetrator's or gang nominal's"),
    "across_agencies": (2.0, "would join records from different agencies"),
    "same_agency": (1.0, "would join one agency's own records"),
}


@dataclass
class Question:
    """One open question: is the person of mention `a` the same as the person of mention `b`?"""

    a: str
    b: str
    candidate: object  # the pipeline's Candidate standing for the question
    expected: float  # expected chance the answer is "same person"
    impact: str  # a key of IMPACT
    priority: float  # expected * the impact's weight
    group: str  # the person (smallest mention key of its larger side) the question is filed under
    duplicates: int  # other pairs between the same two persons, settled by this answer
    group_side: str = "a"  # which of the two mentions belongs to that person


def disagreeing(levels: dict[str, str]) -> bool:
    """Both recorded a surname, the given names or the dates of birth disagree, and no postcode,
    school, street name or associate agrees."""
    corroborated = (
        levels.get("postcode") == "exact"
        or levels.get("school") == "exact"
        or levels.get("alias_or_street_name") in {"match", "similar"}
        or levels.get("associate") == "shared"  # persons naming someone in common (associates.py)
    )
    # Both surnames recorded: one name alone ("Biggz", a street name in place of a name) is not a sibling.
    named = levels.get("family_name", "missing") != "missing"
    # Different surnames with the same or a near given name and birthday are a coincidence of a
    # common name and a crowded year, not a slip (140,000 rows, seed 11: 4 true of 1,688 such questions).
    apart = (
        levels.get("given_name") == "different"
        or levels.get("family_name") == "different"
        or levels.get("date_of_birth") in DOB_CONTRADICTS
    )
    return named and apart and not corroborated


def expected_rate(total: float, contradicted: bool, disagree: bool = False, initial: bool = False) -> float:
    """The chance a question is the same young person, from its bits (CALIBRATION_*); `initial`: the given
    name is recorded as an initial on one side (INITIAL_READ)."""
    if contradicted:
        return CONTRADICTED_RATE
    if disagree:
        return DISAGREEING_STRONG_RATE if total >= DISAGREEING_STRONG_BITS else DISAGREEING_RATE
    if initial:
        total += INITIAL_READ
    index = bisect_right(CALIBRATION_BITS, total) - 1
    return CALIBRATION_RATE[max(index, 0)] if total >= CALIBRATION_BITS[0] else 0.0


def impact_of(roles_a: set[str], sources_a: set[str], roles_b: set[str], sources_b: set[str]) -> str:
    child_a, child_b = bool(roles_a & CHILD_ROLES.keys()), bool(roles_b & CHILD_ROLES.keys())
    if (child_a and roles_b & NETWORK_ROLES) or (child_b and roles_a & NETWORK_ROLES):
        return "child_to_network"
    if sources_a != sources_b or len(sources_a) > 1:
        return "across_agencies"
    return "same_agency"


def shape(
    candidates: list,
    person_of: Callable[[str], str],
    members: Callable[[str], set[str]],
    role_of: dict[str, str | None],
    kept_apart: Callable[[set[str], set[str]], bool] = lambda a, b: False,
) -> list[Question]:
    """The questions to ask, highest priority first. `person_of` maps a mention key to its
    person (cluster root), `members` a root to its mention keys, `kept_apart` says whether an
    analyst has already said two persons are different."""
    by_persons: dict[frozenset[str], list] = {}
    for c in candidates:
        pa, pb = person_of(c.a), person_of(c.b)
        if pa != pb:
            by_persons.setdefault(frozenset((pa, pb)), []).append(c)
    questions = []
    for persons, pairs in by_persons.items():
        pa, pb = sorted(persons)
        if kept_apart(members(pa), members(pb)):
            continue  # an analyst said these two are different: every pair between them is answered
        best = max(pairs, key=lambda c: (c.scored.total, c.a, c.b))
        contradicted = best.scored.reason.startswith("the records contradict")
        levels = best.scored.levels
        expected = expected_rate(
            best.scored.total, contradicted, disagreeing(levels), levels.get("given_name") == "initial"
        )
        # A pair strong enough to link but for a veto or a guard (twins?) is always asked.
        strong = best.scored.total >= AUTO_LINK
        if expected < QUEUE_FLOOR and not strong:
            continue
        side_a, side_b = members(pa), members(pb)
        impact = impact_of(
            {role_of.get(k) for k in side_a} - {None},
            {k.split(":", 1)[0] for k in side_a},
            {role_of.get(k) for k in side_b} - {None},
            {k.split(":", 1)[0] for k in side_b},
        )
        larger = max((side_a, side_b), key=lambda s: (len(s), min(s)))
        questions.append(
            Question(
                best.a,
                best.b,
                best,
                expected,
                impact,
                round(expected * IMPACT[impact][0], 4),
                min(larger),
                len(pairs) - 1,
                "a" if best.a in larger else "b",
            )
        )
    # Each person keeps only its likeliest few questions, and a question whose two persons likelier
    # questions already join (A-B and B-C asked, so A-C follows from their answers) is not asked:
    # a person's fragments take one question fewer than there are fragments.
    count: dict[str, int] = {}
    joined = UnionFind()  # persons the kept questions would join, were every one confirmed
    kept = []
    for q in sorted(questions, key=lambda q: (-q.expected, -q.candidate.scored.total, q.a, q.b)):
        pa, pb = person_of(q.a), person_of(q.b)
        if (count.get(pa, 0) < PER_PERSON or count.get(pb, 0) < PER_PERSON) and joined[pa] != joined[pb]:
            joined.union(pa, pb)
            kept.append(q)
            # Only questions asked take a person's room: one its kept questions already answer (A-C after
            # A-B and B-C) costs the analyst nothing, and counting it had left fragments' true questions out.
            count[pa] = count.get(pa, 0) + 1
            count[pb] = count.get(pb, 0) + 1
    return sorted(kept, key=lambda q: (-q.priority, -q.candidate.scored.total, q.a, q.b))


def expected_true_rate(questions: list[Question]) -> float:
    """The share of the queue expected to be the same young person (shown on the review page)."""
    return round(sum(q.expected for q in questions) / len(questions), 3) if questions else 0.0
