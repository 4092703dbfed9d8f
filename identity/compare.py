"""Step 3: compare two mentions field by field. Each comparison gives a level, not a score.

Levels are named so a reviewer reads exactly what agrees and what does not ("date of
birth: day and month swapped"). Scoring turns levels into evidence (score.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rapidfuzz.distance import JaroWinkler, Levenshtein

from .normalise import digits, name_parts


@dataclass(frozen=True)
class MentionData:
    """What one mention recorded, as the linkage steps need it."""

    mention_key: str
    name: str | None
    dob: date | None = None
    gender: str | None = None
    postcode: str | None = None
    school: str | None = None
    aliases: tuple[str, ...] = ()  # aliases and street names
    given_name: str | None = None  # where recorded apart from the full name
    family_name: str | None = None


def parts_of(m: MentionData):
    return name_parts(m.name, m.given_name, m.family_name)


def compare_given(a: MentionData, b: MentionData) -> str:
    pa, pb = parts_of(a), parts_of(b)
    if not (pa.given or pa.initial) or not (pb.given or pb.initial):
        return "missing"
    if pa.given and pb.given:
        if pa.given == pb.given:
            return "exact"
        if pa.given_forms & pb.given_forms:
            return "nickname"
        if JaroWinkler.similarity(pa.given, pb.given) >= 0.88:
            return "similar"
    elif pa.initial == pb.initial:
        return "initial"
    return "different"


def compare_family(a: MentionData, b: MentionData) -> str:
    pa, pb = parts_of(a), parts_of(b)
    if not pa.family or not pb.family:
        return "missing"
    if pa.family == pb.family:
        return "exact"
    if set(pa.family) & set(pb.family):
        return "part"  # one part of a double-barrelled name
    best = max(JaroWinkler.similarity(x, y) for x in pa.family for y in pb.family)
    # Two slips in a longer name (Stvens, Stevvens) still read as the same name.
    edits = min((Levenshtein.distance(x, y) for x in pa.family for y in pb.family if min(len(x), len(y)) >= 5), default=99)
    if best >= 0.92 or edits <= 2:
        return "similar"
    if pa.phonetic_family and pa.phonetic_family == pb.phonetic_family:
        return "sounds_alike"
    return "different"


def compare_dob(a: MentionData, b: MentionData) -> str:
    if a.dob is None or b.dob is None:
        return "missing"
    if a.dob == b.dob:
        return "exact"
    if a.dob.year == b.dob.year and a.dob.day == b.dob.month and a.dob.month == b.dob.day:
        return "day_month_swapped"
    da, db = digits(a.dob), digits(b.dob)
    diff = [i for i in range(len(da)) if da[i] != db[i]]
    if len(diff) == 1:
        return "one_digit"
    if len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]] and da[diff[1]] == db[diff[0]]:
        return "transposed"
    if abs((a.dob - b.dob).days) == 1:
        return "adjacent_day"  # 09 keyed as 10: one slip, though two digits differ
    if abs((a.dob - b.dob).days) <= 366:
        return "within_a_year"
    return "different"


def compare_alias(a: MentionData, b: MentionData) -> str:
    """Aliases and street names: one side's alias is the other's name or alias."""
    from graph_loader.keys import fold

    aliases_a = {fold(x) for x in a.aliases if x}
    aliases_b = {fold(x) for x in b.aliases if x}
    if not aliases_a and not aliases_b:
        return "missing"
    names_a = aliases_a | {fold(a.name or "")}
    names_b = aliases_b | {fold(b.name or "")}
    return "match" if (aliases_a & names_b) or (aliases_b & names_a) else "no_match"


def compare_simple(x: str | None, y: str | None) -> str:
    if not x or not y:
        return "missing"
    return "exact" if x.strip().lower() == y.strip().lower() else "different"


def compare_postcode(a: MentionData, b: MentionData) -> str:
    if not a.postcode or not b.postcode:
        return "missing"
    if a.postcode == b.postcode:
        return "exact"
    return "same_district" if a.postcode.split()[0] == b.postcode.split()[0] else "different"


def compare_gender(a: MentionData, b: MentionData) -> str:
    known = {"female", "male", "non_binary"}
    if a.gender not in known or b.gender not in known:
        return "missing"
    return "exact" if a.gender == b.gender else "different"


COMPARISONS = {
    "given_name": compare_given,
    "family_name": compare_family,
    "date_of_birth": compare_dob,
    "alias_or_street_name": compare_alias,
    "postcode": compare_postcode,
    "school": lambda a, b: compare_simple(a.school, b.school),
    "gender": compare_gender,
}


def _named_by_alias(a: MentionData, b: MentionData) -> bool:
    """One side was recorded only by a name that is the other side's alias or street name."""
    from graph_loader.keys import fold

    return (bool(a.name) and fold(a.name) in {fold(x) for x in b.aliases}) or (
        bool(b.name) and fold(b.name) in {fold(x) for x in a.aliases}
    )


def compare(a: MentionData, b: MentionData) -> dict[str, str]:
    """Every field's comparison level for a pair of mentions."""
    levels = {field: fn(a, b) for field, fn in COMPARISONS.items()}
    if _named_by_alias(a, b):
        # "JJ" against Jayden Smith aka JJ: the name fields say nothing either way.
        levels["given_name"] = levels["family_name"] = "missing"
    return levels
