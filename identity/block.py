"""Step 2: blocking. Only mentions that share a blocking key are compared, so the work grows
near-linearly with the number of mentions instead of with its square.

Keys are chosen so that each kind of recording error still meets its match under one key:
a misspelt surname meets on the date of birth, a swapped day and month meets on the
sounded-out surname and year, a street name meets on the alias.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import combinations

import jellyfish

from graph_loader.keys import fold

from .compare import MentionData, parts_of, street_form
from .normalise import dob_variants

MAX_BLOCK = 300  # a block bigger than this (a very common name) is compared within each borough instead


def within_borough(blocks: dict[tuple, list], borough_of: Callable[[object], str]) -> None:
    """Split each block over MAX_BLOCK into the members held by each borough (in place). At a million rows
    an undated "J. Smith" or "Jordan Smith" meets its own child's dated records only through its surname's
    block, which is thousands strong there and was skipped whole, so no question ever held them; one
    child's records share a borough 94 % of the time (score.M_U). A part still over MAX_BLOCK is skipped."""
    for key in [k for k, members in blocks.items() if len(members) > MAX_BLOCK]:
        for member in blocks.pop(key):
            blocks[(*key, "in", borough_of(member))].append(member)


def borough_key(m: MentionData) -> str:
    return fold(m.borough or "")


def blocking_keys(m: MentionData) -> set[tuple]:
    parts = parts_of(m)
    keys: set[tuple] = set()
    if m.dob:
        for variant in dob_variants(m.dob):
            keys.add(("dob", variant.isoformat()))
        if parts.phonetic_family:
            keys.add(("family_year", parts.phonetic_family, m.dob.year))
    if parts.phonetic_family:
        # Every mention, dated or not: a record without a date of birth still meets one with it.
        keys.add(("family_initial", parts.phonetic_family, parts.initial))
        for form in parts.given_forms:  # Livia meets Olivia, Derick meets Frederick
            keys.add(("family_initial", parts.phonetic_family, form[:1]))
    if parts.given and parts.family:
        # A misspelt surname still meets on the sounded-out given name and the surname's first letter.
        keys.add(("given_family_letter", jellyfish.nysiis(parts.given), parts.family[-1][:1]))
    if m.postcode and parts.initial:
        keys.add(("postcode_initial", m.postcode, parts.initial))
    street = [fold(alias) for alias in m.aliases if alias and fold(alias)]
    if m.name and len(fold(m.name).split()) == 1:  # recorded only by a street name
        street.append(fold(m.name))
    for name in street:
        lead, run = street_form(name)
        keys.add(("alias", run))  # "T Dot" meets "TDot"
        if len(lead) == 1:
            keys.add(("alias_letter", lead))  # "Tee" meets "T-Dot"
    return keys


def candidate_pairs(
    mentions: Iterable[MentionData], focus: set[str] | None = None
) -> Iterator[tuple[MentionData, MentionData]]:
    """Each pair of mentions sharing at least one key, once.

    With `focus`, only pairs with at least one focus mention: an incremental run compares
    new mentions with everything, and leaves pairs of old mentions as the last run left them.
    """
    blocks: dict[tuple, list[MentionData]] = defaultdict(list)
    for m in mentions:
        for key in blocking_keys(m):
            blocks[key].append(m)
    within_borough(blocks, borough_key)
    seen: set[tuple[str, str]] = set()
    for members in blocks.values():
        if len(members) > MAX_BLOCK:
            continue  # too common even within a borough; other keys still bring true matches together
        if focus is not None and not any(m.mention_key in focus for m in members):
            continue
        for a, b in combinations(members, 2):
            if focus is not None and a.mention_key not in focus and b.mention_key not in focus:
                continue
            pair = (a.mention_key, b.mention_key) if a.mention_key < b.mention_key else (b.mention_key, a.mention_key)
            if pair[0] != pair[1] and pair not in seen:
                seen.add(pair)
                yield (a, b) if a.mention_key < b.mention_key else (b, a)
