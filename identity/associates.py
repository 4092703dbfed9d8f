"""Person-level evidence: a person both sides' records name (an associate in common).

Two records of one child left apart after the confident links ("J. Barber" on a referral, Jordan
Barber on the matrix) are often about the same small circle: at 140,000 rows (seed 11) the persons of
48 % of the missed true pairs had records naming a person in common, against 0.03 % of namesakes in
the same blocks. So, once the automatic links have built persons, each remaining doubt is asked
whether any record of one side's person and any record of the other's name the same person
(`MentionData.co_named`), the whole history, not only the two records.

It is one more field of evidence (`associate: shared`), with its own m and u (score.M_U): it adds
bits and confirms a slip or an initial as a postcode does, but never passes the guards or the
contradiction veto. u is measured on the data as estimate_u does (never raising the weight above
the table's): the share of the siblings and namesakes among the doubts (queue.disagreeing) whose
persons name someone in common. A name many persons' records carry says less, as term frequency
does for names: log2(u_avg / f) bits off (never on), f being the share of persons naming it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable

from .compare import MentionData, parts_of
from .score import M_U

FIELD = "associate"
MIN_PAIRS = 200  # doubts needed before the measured u is used
MAX_PENALTY = 4.0  # bits taken away at most for an associate many persons name
# A record names a child's circle: 0 to 3 people in the generated London sets. One naming more is a
# list (a register, an export gone wrong, a hostile file) and would make its person everyone's
# associate: its names are not used as this evidence.
MAX_NAMED = 20
MAX_NAMING = 40  # persons naming one associate above which it is no block (their pairs grow as its square)


class Associates:
    """Who each person's records name, and how often each name is named, over every person."""

    def __init__(
        self, people: dict[str, Iterable[str]], by_key: dict[str, MentionData], root: Callable[[str], str]
    ) -> None:
        """`people` maps each person (a root `root` gives for any of its mention keys) to its mention keys."""
        self.root = root
        self.by_key = by_key
        self.named: dict[str, frozenset[str]] = {}
        for person, members in people.items():
            names = frozenset(n for k in members if len(by_key[k].co_named) <= MAX_NAMED for n in by_key[k].co_named)
            if names:
                self.named[person] = names
        self.persons = len(self.named) or 1  # persons whose records name anyone
        self.count: Counter[str] = Counter(n for names in self.named.values() for n in names)
        # The chance a person picked at random names the associate of a naming picked at random (Splink's
        # u averaged over values): a name counts as often as it is named.
        namings = sum(self.count.values())
        self.u_average = sum(c * c for c in self.count.values()) / namings / self.persons if namings else 0.0

    def blocks(self, people: dict[str, Iterable[str]], index_of: dict[str, int]) -> dict[tuple, list[int]]:
        """The mentions of every person naming each associate, as blocks of indices (bulk.block_chunks):
        two records of one child that share no blocking key, and so were never compared ("J. Barber",
        undated, and Jordan Barber), still meet when their persons name the same person. An associate
        more than MAX_NAMING persons name is no block: it says too little to pay for the pairs."""
        by_name: dict[str, list[str]] = {}
        for person, names in self.named.items():
            for name in names:
                by_name.setdefault(name, []).append(person)
        out: dict[tuple[str, str], list[int]] = {}
        for name, persons in by_name.items():
            if 2 <= len(persons) <= MAX_NAMING:
                for person in sorted(persons):
                    for k in sorted(people[person]):
                        # Within an associate, by the surname's first letter: a quarter of the pairs, and at
                        # 140,000 rows (seed 11) 491 of the 493 missed pairs naming someone in common kept.
                        out.setdefault((name, _letter(self.by_key[k])), []).append(index_of[k])
        return out

    def shared(self, a: str, b: str) -> frozenset[str]:
        return self.named.get(self.root(a), frozenset()) & self.named.get(self.root(b), frozenset())

    def adjustment(self, shared: frozenset[str]) -> float:
        """Bits off for the rarest name the two persons share, when many persons name it (never above 0)."""
        if not shared or self.persons < MIN_PAIRS:
            return 0.0
        rarest = min(self.count[n] for n in shared) / self.persons
        return round(max(-MAX_PENALTY, min(0.0, math.log2(self.u_average / rarest))), 2) if self.u_average else 0.0


def _letter(m: MentionData) -> str:
    """The first letter of the surname, or of the one name recorded."""
    parts = parts_of(m)
    return parts.family[0][:1] if parts.family else (parts.given or parts.initial or "")[:1]


def measured_u(doubts: list[tuple[str, str]], associates: Associates) -> float | None:
    """The share of these pairs (siblings and namesakes) whose persons name someone in common, or
    None with too few to say."""
    if len(doubts) < MIN_PAIRS:
        return None
    shared = sum(1 for a, b in doubts if associates.shared(a, b))
    return max(shared, 1) / len(doubts)


def u_adjustment(u: float | None) -> float:
    """Bits off the table's weight when the measured u is higher (never more bits than the table gives)."""
    if u is None:
        return 0.0
    table_u = M_U[FIELD]["shared"][1]
    return round(min(0.0, math.log2(table_u / u)), 2)
