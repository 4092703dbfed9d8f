"""u for the date of birth, measured on the mentions being linked instead of assumed.

u is how often two different young people show a comparison level. For a date of birth that
depends on the population: children at a MASH are born within a few years of each other, so a
date one digit away from another ("12/03/2011" and "12/08/2011") is far commoner between
strangers than score.M_U's hand-set u says, and among 100,000 mentions an exact name with a
date a digit apart is often a namesake. Splink estimates u by sampling random pairs, nearly all
of them non-matches (estimate_u_using_random_sampling); here the same expectation is taken over
*every* pair at once from the dates' counts: for each recorded date, the dates a level away
(the digit, transposition, day-month swap and day-either-side neighbours `compare_dob` knows)
are looked up in the counts. Exact, with no sampling noise, and cheap: a few thousand distinct
dates even among a million mentions.

Only the levels that count towards a match are measured, and an estimate is used only when it
says the level is commoner than score.M_U's u (`DateOfBirthU.adjustment` is never above 0): the
hand-set values were checked against truth at 14,000 mentions, the bulk bound (bulk.py) may
rely on them as a ceiling, and a level too rare to count reliably never earns extra bits.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from types import SimpleNamespace

from .compare import compare_dob
from .score import M_U

# Not "exact": one child's own records share a date, and among a few thousand mentions they are a third of
# the pairs with one date (seed 11: 0.00058 at 14,472 mentions, 0.00043 at 101,873; hand-set 0.0004).
MEASURED = ("day_month_swapped", "one_digit", "transposed", "adjacent_day")
MIN_DATED = 200  # below this the counts say nothing about the population: the hand-set u stands


def _neighbours(d: date) -> set[date]:
    """Every date `compare_dob` could put at a slip level from d (it decides which)."""
    text = d.strftime("%d%m%Y")
    out: set[date] = set()
    if len(text) != 8:
        return out  # a year before 1000 (never a child's): no neighbours counted
    variants = [text[:k] + c + text[k + 1 :] for k in range(len(text)) for c in "0123456789" if c != text[k]]
    variants += [text[:k] + text[k + 1] + text[k] + text[k + 2 :] for k in range(len(text) - 1)]
    variants.append(text[2:4] + text[:2] + text[4:])
    for v in variants:
        try:
            out.add(date(int(v[4:]), int(v[2:4]), int(v[:2])))
        except ValueError:  # not a date (31 February), or year 0
            continue
    for step in (-1, 1):
        try:
            out.add(d + timedelta(days=step))
        except OverflowError:
            continue
    out.discard(d)
    return out


class DateOfBirthU:
    """u per date-of-birth level among these mentions' dates, and the bits that moves each weight."""

    def __init__(self, dobs: Iterable[date | None]) -> None:
        counts = Counter(d for d in dobs if d is not None)
        dated = sum(counts.values())
        self.u: dict[str, float] = {}
        self.adjust: dict[str, float] = {}
        if dated < MIN_DATED:
            return
        pairs_at: Counter[str] = Counter()
        # Ordered pairs of different mentions: n*(n-1). True matches a slip apart are a few per
        # hundred children among millions of pairs: they barely move u.
        for d, c in counts.items():
            for other in _neighbours(d):
                found = counts.get(other)
                if found:
                    level = compare_dob(SimpleNamespace(dob=d), SimpleNamespace(dob=other))
                    pairs_at[level] += c * found
        total = dated * (dated - 1)
        for level in MEASURED:
            u = pairs_at[level] / total
            self.u[level] = u
            hand_set = M_U["date_of_birth"][level][1]
            if u > hand_set:
                self.adjust[level] = round(-math.log2(u / hand_set), 2)

    def adjustment(self, level: str) -> float:
        """Bits to add to this level's weight (0, or below 0 where strangers show it more often)."""
        return self.adjust.get(level, 0.0)
