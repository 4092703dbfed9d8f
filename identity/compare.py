"""Step 3: compare two mentions field by field. Each comparison gives a level, not a score.

Levels are named so a reviewer reads exactly what agrees and what does not ("date of
birth: day and month swapped"). Scoring turns levels into evidence (score.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler, Levenshtein

from graph_loader.keys import fold as _fold

from .normalise import digits, name_parts, spoken_letter

fold = lru_cache(maxsize=262144)(_fold)  # the same few names and street names are folded again and again


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
    # What the record says around the mention: read by the contradiction veto (contradict.py)
    # and the queue's ranking (queue.py), never scored as name or date evidence.
    role: str | None = None  # the role its record gives it (child_at_risk, gang_nominal, ...)
    record_date: date | None = None  # the record's date (referral received, nominal added, case opened)
    borough: str | None = None  # the borough holding the record
    co_named: tuple[str, ...] = ()  # folded full names of the other people its record names


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
    edits = min(
        (Levenshtein.distance(x, y) for x in pa.family for y in pb.family if min(len(x), len(y)) >= 5), default=99
    )
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
    """Aliases and street names: one side's alias is the other's name or alias ("match"), or
    close to it ("similar": "Tee" and "T-Dot", "Biggz" and "Biggs", "TDot" and "T Dot")."""
    if not a.aliases and not b.aliases:
        return "missing"
    aliases_a = {fold(x) for x in a.aliases if x} - {""}
    aliases_b = {fold(x) for x in b.aliases if x} - {""}
    if not aliases_a and not aliases_b:
        return "missing"
    names_a = aliases_a | {fold(a.name or "")}
    names_b = aliases_b | {fold(b.name or "")}
    if (aliases_a & names_b) or (aliases_b & names_a):
        return "match"
    if close_street_names(a, b, aliases_a, aliases_b, names_a, names_b):
        return "similar"
    return "no_match"


def close_street_names(a: MentionData, b: MentionData, aliases_a=None, aliases_b=None, names_a=None, names_b=None):
    """The (a's, b's) street names or one-word names that are one name written two ways: what makes
    compare_alias say "similar" (frequency.py weighs them by how many people carry them)."""
    if aliases_a is None:
        aliases_a = {fold(x) for x in a.aliases if x} - {""}
        aliases_b = {fold(x) for x in b.aliases if x} - {""}
        names_a = aliases_a | {fold(a.name or "")}
        names_b = aliases_b | {fold(b.name or "")}
    single_a = names_a if aliases_a else {n for n in names_a if n and " " not in n}  # a name alone may be a street name
    single_b = names_b if aliases_b else {n for n in names_b if n and " " not in n}
    # The two records' own names against each other are the name fields' to compare, not a street name
    # written two ways: two namesakes who each have some street name had read as "similar" (at a million
    # rows, seed 11, all 53 links of an exact name, a birthday a digit apart and a "similar" alias).
    own_a, own_b = fold(a.name or ""), fold(b.name or "")
    own_a, own_b = (None if own_a in aliases_a else own_a), (None if own_b in aliases_b else own_b)
    return [
        (x, y)
        for x in single_a
        for y in single_b
        if x and y and not (x == own_a and y == own_b) and street_names_close(x, y)
    ]


def street_form(name: str) -> tuple[str, str]:
    """A folded street name as (its leading sound, all of it run together): 't dot' -> ('t', 'tdot')."""
    words = name.split()
    lead = spoken_letter(words[0]) or words[0]
    return lead, "".join(words)


def street_names_close(x: str, y: str) -> bool:
    """Two folded street names that are one name written two ways."""
    (lead_x, run_x), (lead_y, run_y) = street_form(x), street_form(y)
    if run_x == run_y:
        return True
    # "Tee" (the letter T) against "T-Dot": a single letter said aloud is the name's leading letter.
    if len(lead_x) == 1 and lead_x == lead_y and (" " not in x or " " not in y):
        return True
    return min(len(run_x), len(run_y)) >= 4 and JaroWinkler.similarity(run_x, run_y) >= 0.9


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


def compare_borough(a: MentionData, b: MentionData) -> str:
    """The borough holding each record: one child's records are mostly held where the child lives, while
    the namesakes a large population brings are spread across London."""
    if not a.borough or not b.borough:
        return "missing"
    x, y = fold(a.borough), fold(b.borough)
    if not x or not y:
        return "missing"
    return "exact" if x == y else "different"


COMPARISONS = {
    "given_name": compare_given,
    "family_name": compare_family,
    "date_of_birth": compare_dob,
    "alias_or_street_name": compare_alias,
    "postcode": compare_postcode,
    "school": lambda a, b: compare_simple(a.school, b.school),
    "gender": compare_gender,
    "borough": compare_borough,
}


def _named_by_alias(a: MentionData, b: MentionData) -> bool:
    """One side was recorded only by a name that is the other side's alias or street name."""
    if not a.aliases and not b.aliases:
        return False
    for own, other in ((a, b), (b, a)):
        if not other.aliases:
            continue
        name = fold(own.name or "")
        aliases = {fold(x) for x in other.aliases if x} - {""}
        if name and (name in aliases or (" " not in name and any(street_names_close(name, x) for x in aliases))):
            return True
    return False


def compare(a: MentionData, b: MentionData) -> dict[str, str]:
    """Every field's comparison level for a pair of mentions."""
    levels = {field: fn(a, b) for field, fn in COMPARISONS.items()}
    if _named_by_alias(a, b):
        # "JJ" against Jayden Smith aka JJ: the name fields say nothing either way.
        levels["given_name"] = levels["family_name"] = "missing"
    return levels
