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

from .compare import MentionData, close_street_names, fold, parts_of
from .estimate_m import DifferingM
from .estimate_u import DateOfBirthU
from .score import M_U

MAX_BOOST = 1.0  # bits added at most for a rare name
MAX_PENALTY = 4.0  # bits taken away at most for a very common one
MIN_MENTIONS = 200  # below this the counts say nothing about a name's frequency: no adjustment
# A young person has a few records (3.3 on average in the generated London sets). An exact full name
# on more records than one child's few is likely someone else's too, and a date of birth one slip
# from it is then as likely a namesake's as a typing error: measured at 140,000 rows (seed 11), 55
# of the 64 wrong links of an exact name a digit apart with nothing else recorded were of names on 6
# or more records, against 4,530 of 12,884 right ones (at 4 records, 3 wrong and 6,079 right were
# kept, and seed 57301's recall fell to 0.9299).
RECORDS_PER_CHILD = 5
SLIPS = {"one_digit", "transposed", "adjacent_day"}  # another birthday, not the same one read two ways


class NameFrequency:
    """How often each given name and each family-name part occurs among the mentions being linked."""

    def __init__(self, mentions: Iterable[MentionData]) -> None:
        self.given: Counter[str] = Counter()
        self.family: Counter[str] = Counter()
        self.alias: Counter[str] = Counter()
        self.full: Counter[tuple[str, tuple[str, ...]]] = Counter()  # given name with every family part
        # The birthdays recorded under each full name: about one per child carrying it (a slip adds one).
        self.births: dict[tuple[str, tuple[str, ...]], set] = {}
        self.mentions = 0
        dobs = []
        boroughs: Counter[str] = Counter()
        one_child = []  # (full name and birthday, postcode, school): records of one child, nearly always
        for m in mentions:
            self.mentions += 1
            dobs.append(m.dob)
            if m.borough and fold(m.borough):
                boroughs[fold(m.borough)] += 1
            for alias in aliases_of(m):
                self.alias[alias] += 1
            parts = parts_of(m)
            if parts.given:
                self.given[parts.given] += 1
            for part in parts.family:
                self.family[part] += 1
            if parts.given and parts.family:
                self.full[(parts.given, parts.family)] += 1
                if m.dob is not None:
                    self.births.setdefault((parts.given, parts.family), set()).add(m.dob)
                    one_child.append(((parts.given, parts.family, m.dob), m.postcode, m.school, fold(m.borough or "")))
        self.given_total = sum(self.given.values())
        self.family_total = sum(self.family.values())
        # Not a name frequency, but counted over the same mentions once before comparison forks.
        self.dob_u = DateOfBirthU(dobs)
        self.differing_m = DifferingM(one_child)  # how often one child's postcode, school or borough differs
        self.same_borough = self.differing_m.same_borough_adjustment(boroughs)

    def _adjust(self, count: int, total: int, u: float) -> float:
        if total < MIN_MENTIONS or count == 0:
            return 0.0
        bits = math.log2(u / (count / total))
        return round(max(-MAX_PENALTY, min(MAX_BOOST, bits)), 2)

    def _namesakes(self, parts) -> float:
        """Bits off a slip in the date of birth between two records of the same exact full name:
        log2 of how many children's worth of records carry that name (0 for one child's few)."""
        if self.mentions < MIN_MENTIONS:
            return 0.0
        held = self.full[(parts.given, parts.family)]
        return -math.log2(held / RECORDS_PER_CHILD) if held > RECORDS_PER_CHILD else 0.0

    def adjustments(self, a: MentionData, b: MentionData, levels: dict[str, str]) -> dict[str, float]:
        """Bits to add to the exact given-name and family-name weights of this pair, and to its
        date-of-birth level's where these mentions' dates show it commoner between strangers (estimate_u.py),
        or where a slip joins two records of a full name more records carry than one child's few."""
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
        if levels.get("alias_or_street_name") == "similar":
            # A street name written two ways ("Ghost", "Ghosst") says as little as the commoner spelling
            # does when many carry it: only ever less than the table's weight (the bulk bound relies on it).
            close = close_street_names(a, b)
            if close:
                commonest = min(max(self.alias[x], self.alias[y], 1) for x, y in close)
                bits = self._adjust(commonest, self.mentions, M_U["alias_or_street_name"]["similar"][1])
                out["alias_or_street_name"] = min(0.0, bits)
        for field in ("postcode", "school", "borough"):
            if levels.get(field) == "different" and self.differing_m.adjustment(field):
                out[field] = self.differing_m.adjustment(field)
        if levels.get("borough") == "exact" and self.same_borough:
            out["borough"] = self.same_borough
        dob_level = levels.get("date_of_birth", "missing")
        dob = self.dob_u.adjustment(dob_level)
        if dob_level in SLIPS and levels.get("given_name") == "exact" and levels.get("family_name") == "exact":
            dob += self._namesakes(pa)
        if dob:
            out["date_of_birth"] = round(dob, 2)
        return {f: v for f, v in out.items() if v}

    def namesakes(self, a: MentionData, b: MentionData, levels: dict[str, str]) -> float:
        """The expected number of other children carrying this pair's exact full name whose birthday is
        at this pair's date-of-birth level from a's: the other birthdays recorded under the name (one per
        child; a slip pair holds two of the name's birthdays itself) times how often two strangers' dates
        show that level (u: measured on the dates for a slip, score.M_U's for the same date). It grows with
        the population, as namesakes do; 0 when the names are not both exact or no date is compared."""
        dob_level = levels.get("date_of_birth", "missing")
        if levels.get("given_name") != "exact" or levels.get("family_name") != "exact" or dob_level == "missing":
            return 0.0
        if dob_level not in M_U["date_of_birth"] or self.mentions < MIN_MENTIONS:
            return 0.0
        pa = parts_of(a)
        births = self.births.get((pa.given, pa.family), set())
        others = len(births) - len({a.dob, b.dob} & births)
        if others <= 0:
            return 0.0
        u = max(M_U["date_of_birth"][dob_level][1], self.dob_u.u.get(dob_level, 0.0))
        return others * u


def aliases_of(m: MentionData) -> set[str]:
    return {fold(x) for x in m.aliases if x} - {""}


def names_of(m: MentionData) -> set[str]:
    return {fold(m.name)} if m.name else set()
