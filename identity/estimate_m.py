"""m for a postcode, school or borough that differs, measured on one child's own records instead of assumed.

m is how often one young person's records show a level. score.M_U sets it by hand for a postcode or
school that differs (0.35, 0.40: children move and change schools). How often they do in the data being
linked can be read without any answers: records sharing an exact full name and an exact date of birth
are, nearly always, one child's (two children share both about once in a few thousand names), so the
share of their pairs whose postcodes (or schools) differ is m for "different". Splink estimates m by
expectation maximisation over every comparison; this is the same quantity from the one set of pairs
that needs no model to label.

Used only when it says the level is rarer among one child's records than the table's m (the adjustment
is never above 0 and at most MAX_PENALTY bits), as estimate_u.py does for u: the bulk bound (bulk.py)
relies on the table's weights as a ceiling, and a few hundred pairs cannot earn a level extra bits.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from .score import M_U

MIN_PAIRS = 200  # pairs of one child's records with the field recorded on both: below this the table stands
MAX_PENALTY = 4.0  # bits taken away at most, as for a very common name (frequency.py)
FIELDS = ("postcode", "school", "borough")


def district(postcode: str) -> str:
    return (postcode.split() or [postcode])[0]


class DifferingM:
    """m of a postcode (another district) or a school that differs, among records of one name and birthday."""

    def __init__(self, records: Iterable[tuple[tuple, str | None, str | None, str | None]]) -> None:
        """`records`: (full name and date of birth, postcode, school, folded borough) of every dated, fully
        named mention."""
        postcodes: dict[tuple, list[str]] = defaultdict(list)
        schools: dict[tuple, list[str]] = defaultdict(list)
        boroughs: dict[tuple, list[str]] = defaultdict(list)
        for key, postcode, school, borough in records:
            if postcode:
                postcodes[key].append(postcode)
            if school and school.strip():
                schools[key].append(school.strip().lower())
            if borough:
                boroughs[key].append(borough)
        self.m: dict[str, float] = {}
        self.pairs: dict[str, int] = {}
        self.adjust: dict[str, float] = {}
        counted = {
            # Another district: compare_postcode's "different" (the same district is a level of its own).
            "postcode": _pairs_apart(postcodes.values(), district),
            "school": _pairs_apart(schools.values(), lambda s: s),
            "borough": _pairs_apart(boroughs.values(), lambda s: s),
        }
        for field, (apart, total) in counted.items():
            self.pairs[field] = total
            if total < MIN_PAIRS:
                continue
            m = (apart + 1) / (total + 2)  # never 0: a level no pair showed is rare, not impossible
            self.m[field] = m
            hand_set = M_U[field]["different"][0]
            if m < hand_set:
                self.adjust[field] = round(max(-MAX_PENALTY, math.log2(m / hand_set)), 2)

    def same_borough_adjustment(self, boroughs: Counter[str]) -> float:
        """Bits off the "exact" borough weight where two strangers' records share a borough more often than
        score.M_U's u says: u is the chance two records drawn at random are held in one borough (one
        borough's data alone: 1, and the level says nothing). Never above 0."""
        held = sum(boroughs.values())
        if held < MIN_PAIRS:
            return 0.0
        u = sum(c * c for c in boroughs.values()) / (held * held)
        hand_set = M_U["borough"]["exact"][1]
        return round(-math.log2(u / hand_set), 2) if u > hand_set else 0.0

    def adjustment(self, field: str) -> float:
        """Bits to add to this field's "different" weight (0, or below 0 where one child's records rarely differ)."""
        return self.adjust.get(field, 0.0)


def _pairs_apart(groups: Iterable[list[str]], key) -> tuple[int, int]:
    """(pairs whose values differ by `key`, all pairs) within each group of one child's records."""
    apart = total = 0
    for values in groups:
        n = len(values)
        if n < 2:
            continue
        pairs = n * (n - 1) // 2
        same = sum(c * (c - 1) // 2 for c in Counter(key(v) for v in values).values())
        total += pairs
        apart += pairs - same
    return apart, total
