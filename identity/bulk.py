"""Steps 2 to 4 in bulk, for pan-London numbers of mentions: the same decisions, much less work.

At a million rows blocking yields tens of millions of candidate pairs, and nearly nine in ten
of them score below the review threshold (a shared date of birth, different names). So:

1. Candidate pairs come out of the blocks as arrays of mention indices (numpy), not as
   Python tuples in a set (which alone took gigabytes at that size).
2. A vectorised upper bound of each pair's evidence is computed from facts that are cheap in
   bulk (equal ids, day/month/year arithmetic, Jaro-Winkler and Levenshtein through
   rapidfuzz's `cpdist`), using the weights of `score.weight`. A pair whose bound is below
   `score.REVIEW` cannot be queued or linked, so it is dropped without comparing it. Where a
   fact is not settled cheaply the bound takes the best weight the field could give.
   Term-frequency name weights (frequency.py) add at most `frequency.MAX_BOOST` bits to an
   exact given name, an exact family name and a matching alias: the bound adds it to those
   levels. Contradictions (contradict.py) only turn a link into a review or a review into no
   link, so they need no room in the bound.
3. The remaining pairs go through the rules themselves, exactly as `pipeline.link` used to run
   them one by one (`compare`, then `decide` with the name frequencies counted once over all
   mentions, and the contradictions), on every core (a forked pool; each worker returns only
   the pairs that are not `no_link`).

`tests/test_identity_bulk.py` checks that the bound never drops a pair the rules would keep,
pair by pair, on generated mentions and on odd shapes, and that `link` gives the same links
and queue as comparing every candidate pair one by one. When a rule gains a level or a weight
larger than the ones bounded here, that test says so: widen the bound in `upper_bound` and its
`_given_bound`, `_family_bound`, `_dob_bound` (or `BOOSTED` for a term-frequency adjustment).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler, Levenshtein

from graph_loader.keys import fold

from .block import MAX_BLOCK, blocking_keys, borough_key, within_borough
from .compare import MentionData, compare, parts_of
from .contradict import contradictions
from .frequency import MAX_BOOST, NameFrequency
from .score import M_U, REVIEW, Outcome, Scored, decide, population_prior, weight

CHUNK = 2_000_000  # pairs bounded at once: a few hundred MB of arrays at most
TASK = 20_000  # pairs per worker task
IN_PROCESS_BELOW = 50_000  # fewer pairs than this are compared in this process (no pool to start)
MARGIN = 0.05  # decide() rounds each weight to 0.01: never let rounding cross the threshold


def workers() -> int:
    """Worker processes for comparison: JIGSAW_IDENTITY_WORKERS, else every core."""
    configured = os.environ.get("JIGSAW_IDENTITY_WORKERS", "")
    return max(1, int(configured)) if configured.isdigit() else max(1, os.cpu_count() or 1)


# -- 1. candidate pairs as index arrays -------------------------------------------------------


def candidate_index_pairs(mentions: list[MentionData], focus: set[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Each pair of mentions sharing a blocking key, once, as two index arrays (i, j), the
    mention key at i before the one at j, ordered by (key i, key j). Blocks over MAX_BLOCK are
    compared within each borough, as in `block.candidate_pairs`; with `focus`, only pairs with a focus mention."""
    chunks = list(candidate_chunks(mentions, focus))
    if not chunks:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate([c[0] for c in chunks]), np.concatenate([c[1] for c in chunks])


def candidate_chunks(
    mentions: list[MentionData], focus: set[str] | None = None
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """`candidate_index_pairs` in order, at most CHUNK pairs at a time. At a million rows the
    blocks yield a few hundred million pairs (with repeats): they are held once, as one array of
    pair codes sorted in place, and every other array is made a chunk at a time (one np.unique
    over them all took most of 15 GB)."""
    if len(mentions) < 2:
        return
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for index, m in enumerate(mentions):
        for key in blocking_keys(m):
            blocks[key].append(index)
    boroughs = [borough_key(m) for m in mentions]
    within_borough(blocks, boroughs.__getitem__)  # a crowded block compared within each borough, as one by one
    yield from block_chunks(mentions, blocks, focus)


def block_chunks(
    mentions: list[MentionData], blocks: dict, focus: set[str] | None = None
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Each pair of mentions sharing a block (a list of indices into `mentions`), once, as
    `candidate_chunks` gives them; blocks over MAX_BLOCK are skipped. Empties `blocks` as it goes."""
    n = len(mentions)
    if n < 2:
        return
    # Rank by mention key so that i < j means key i < key j.
    order = sorted(range(n), key=lambda k: mentions[k].mention_key)
    rank = np.empty(n, np.int64)
    rank[np.array(order, np.int64)] = np.arange(n, dtype=np.int64)
    ranks = rank.tolist()
    by_size: dict[int, list[list[int]]] = defaultdict(list)
    while blocks:  # emptied as it goes: at a million rows the blocks are gigabytes of lists
        members = blocks.popitem()[1]
        if 2 <= len(members) <= MAX_BLOCK:
            members[:] = [ranks[x] for x in members]
            by_size[len(members)].append(members)
    total = sum(len(groups) * size * (size - 1) // 2 for size, groups in by_size.items())
    codes = np.empty(total, np.int64)  # lo * n + hi for every pair of every block, repeats included
    filled = 0
    for size in sorted(by_size):
        groups = by_size.pop(size)
        upper_a, upper_b = np.triu_indices(size, 1)
        step = max(1, CHUNK // len(upper_a))  # blocks of this size taken at once
        for s in range(0, len(groups), step):
            rows = np.array(groups[s : s + step], np.int64)  # one row per block, of ranks
            a, b = rows[:, upper_a].ravel(), rows[:, upper_b].ravel()
            codes[filled : filled + len(a)] = np.minimum(a, b) * n + np.maximum(a, b)
            filled += len(a)
    codes.sort()
    index_of = np.array(order, np.int64)  # rank -> index in `mentions`
    duplicate_keys = _has_duplicate_keys(mentions)
    in_focus = np.fromiter((m.mention_key in focus for m in mentions), bool, n) if focus is not None else None
    for s in range(0, total, CHUNK):
        chunk = codes[s : s + CHUNK]
        first = np.ones(len(chunk), bool)  # the first of each run of equal codes, across chunk edges
        first[1:] = chunk[1:] != chunk[:-1]
        if s:
            first[0] = chunk[0] != codes[s - 1]
        chunk = chunk[first]
        i, j = index_of[chunk // n], index_of[chunk % n]
        if duplicate_keys:
            same_key = np.fromiter(
                (mentions[x].mention_key == mentions[y].mention_key for x, y in zip(i, j)), bool, len(i)
            )
            i, j = i[~same_key], j[~same_key]
        if in_focus is not None:
            keep = in_focus[i] | in_focus[j]
            i, j = i[keep], j[keep]
        if len(i):
            yield i, j


def _has_duplicate_keys(mentions: list[MentionData]) -> bool:
    return len({m.mention_key for m in mentions}) != len(mentions)


# -- 2. a vectorised upper bound of the evidence ----------------------------------------------


class _Ids:
    """Small integer ids for strings; -1 for nothing recorded."""

    def __init__(self) -> None:
        self.ids: dict = {}
        self.values: list = []

    def __call__(self, value) -> int:
        if value is None or value == "" or value == ():
            return -1
        found = self.ids.get(value)
        if found is None:
            found = self.ids[value] = len(self.values)
            self.values.append(value)
        return found


@dataclass
class Features:
    """What the bound needs of every mention, one array entry per mention."""

    given: np.ndarray
    initial: np.ndarray
    given_names: list[str]
    nickname_codes: np.ndarray  # given id a * G + given id b for names that share a form
    given_count: int
    family: np.ndarray
    family_single: np.ndarray  # the family name has one part
    family_last: list[str]
    phonetic: np.ndarray
    dob: np.ndarray  # ordinal day, -1 when missing
    day: np.ndarray
    month: np.ndarray
    year: np.ndarray
    dob_digits: np.ndarray  # (n, 8) ddmmyyyy
    has_alias: np.ndarray  # an alias or street name that is not blank once folded
    single_word: np.ndarray  # the folded name is one word (it may be a street name)
    folded_name: np.ndarray  # id of fold(name or "")
    alias_codes: np.ndarray  # mention index * V + id of each folded alias, sorted
    folded_count: int
    family_parts: list[tuple[str, ...]]
    postcode: np.ndarray
    district: np.ndarray
    school: np.ndarray
    gender: np.ndarray
    borough: np.ndarray  # id of the folded borough holding the record


KNOWN_GENDERS = ("female", "male", "non_binary")


def features(mentions: list[MentionData]) -> Features:
    given_ids, initial_ids, family_ids, phonetic_ids = _Ids(), _Ids(), _Ids(), _Ids()
    postcode_ids, district_ids, school_ids, borough_ids = _Ids(), _Ids(), _Ids(), _Ids()
    n = len(mentions)
    cols = {
        name: np.full(n, -1, np.int64)
        for name in (
            "given",
            "initial",
            "family",
            "phonetic",
            "dob",
            "day",
            "month",
            "year",
            "postcode",
            "district",
            "school",
            "gender",
            "borough",
        )
    }
    family_single = np.zeros(n, bool)
    has_alias = np.zeros(n, bool)
    single_word = np.zeros(n, bool)
    digits = np.zeros((n, 8), np.int8)
    family_last = [""] * n
    family_parts: list[tuple[str, ...]] = [()] * n
    folded_ids = _Ids()
    folded_name = np.zeros(n, np.int64)
    alias_pairs = []
    forms_of: dict[int, frozenset[str]] = {}
    for k, m in enumerate(mentions):
        parts = parts_of(m)
        g = cols["given"][k] = given_ids(parts.given)
        if g >= 0:
            forms_of[g] = parts.given_forms
        cols["initial"][k] = initial_ids(parts.initial)
        cols["family"][k] = family_ids(parts.family)
        family_single[k] = len(parts.family) == 1
        family_last[k] = parts.family[-1] if parts.family else ""
        cols["phonetic"][k] = phonetic_ids(parts.phonetic_family)
        if m.dob is not None:
            cols["dob"][k], cols["day"][k], cols["month"][k], cols["year"][k] = (
                m.dob.toordinal(),
                m.dob.day,
                m.dob.month,
                m.dob.year,
            )
            digits[k] = [int(c) for c in f"{m.dob.day:02d}{m.dob.month:02d}{m.dob.year % 10000:04d}"]
        has_alias[k] = any(fold(x) for x in m.aliases if x)
        family_parts[k] = parts.family
        own = fold(m.name or "")
        single_word[k] = bool(own) and " " not in own
        folded_name[k] = folded_ids(("", own))
        alias_pairs += [(k, folded_ids(("", fold(x)))) for x in m.aliases]
        if m.postcode:
            cols["postcode"][k] = postcode_ids(m.postcode)
            cols["district"][k] = district_ids((m.postcode.split() or [m.postcode])[0])
        if m.school:
            cols["school"][k] = school_ids(("", m.school.strip().lower()))  # "  " is recorded, and blank after strip
        if m.gender in KNOWN_GENDERS:
            cols["gender"][k] = KNOWN_GENDERS.index(m.gender)
        if m.borough:
            cols["borough"][k] = borough_ids(fold(m.borough))  # blank once folded: nothing recorded (-1)
    # Given names that may stand for each other (Alex, Alexander): pairs of ids sharing a form.
    holders: dict[str, list[int]] = defaultdict(list)
    for g, forms in forms_of.items():
        for form in forms:
            holders[form].append(g)
    count = len(given_ids.values)
    v = max(len(folded_ids.values), 1)
    alias_codes = np.unique(np.array([k * v + a for k, a in alias_pairs], np.int64))
    nick = {a * count + b for group in holders.values() if len(group) > 1 for a in group for b in group if a != b}
    return Features(
        cols["given"],
        cols["initial"],
        [str(v) for v in given_ids.values],
        np.array(sorted(nick), np.int64),
        count,
        cols["family"],
        family_single,
        family_last,
        cols["phonetic"],
        cols["dob"],
        cols["day"],
        cols["month"],
        cols["year"],
        digits,
        has_alias,
        single_word,
        folded_name,
        alias_codes,
        v,
        family_parts,
        cols["postcode"],
        cols["district"],
        cols["school"],
        cols["gender"],
        cols["borough"],
    )


# The levels whose weight term frequency may raise (frequency.NameFrequency.adjustments), by at
# most MAX_BOOST bits each: a rare name or street name.
BOOSTED = {("given_name", "exact"), ("family_name", "exact"), ("alias_or_street_name", "match")}


def _most(field: str, level: str) -> float:
    """The most a level can weigh once term frequency has adjusted it."""
    return weight(field, level) + (MAX_BOOST if (field, level) in BOOSTED else 0.0)


def _w(field: str, *levels: str) -> float:
    """The best weight among these levels of a field (0 for 'missing')."""
    return max(0.0 if level == "missing" else _most(field, level) for level in levels)


def _all_but(field: str, *excluded: str) -> float:
    """The best weight a field could give, short of the levels ruled out."""
    return max(_most(field, level) for level in M_U[field] if level not in excluded)


def upper_bound(f: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """An upper bound of `decide(compare(a, b)).total` for each pair (i, j)."""
    total = np.zeros(len(i))
    alias_i, alias_j = f.has_alias[i], f.has_alias[j]
    either_alias = alias_i | alias_j
    # One side's name is among the other's aliases or street names ("JJ" against Jayden aka JJ).
    name_in_j = np.isin(j * f.folded_count + f.folded_name[i], f.alias_codes)
    name_in_i = np.isin(i * f.folded_count + f.folded_name[j], f.alias_codes)
    # A one-word name may be a street name close to the other's ("Tee" and "T-Dot"): "similar",
    # and then, as for an exact one, the name fields say nothing.
    street_i, street_j = alias_j & f.single_word[i], alias_i & f.single_word[j]
    # Alias or street name: missing when neither side has one; a match needs a name in the
    # other's aliases, or aliases on both sides (which may share one); "similar" needs aliases on
    # both sides or a one-word name against the other's aliases.
    both_alias = alias_i & alias_j
    may_match = name_in_i | name_in_j | both_alias
    may_be_similar = both_alias | street_i | street_j
    total += np.where(
        either_alias,
        np.where(
            may_match,
            _all_but("alias_or_street_name"),
            np.where(
                may_be_similar,
                _w("alias_or_street_name", "similar", "no_match"),
                _w("alias_or_street_name", "no_match"),
            ),
        ),
        0.0,
    )
    total += _dob_bound(f, i, j)
    pa, pb = f.postcode[i], f.postcode[j]
    total += np.where(
        (pa < 0) | (pb < 0),
        0.0,
        np.where(
            pa == pb,
            _w("postcode", "exact"),
            np.where(f.district[i] == f.district[j], _w("postcode", "same_district"), _w("postcode", "different")),
        ),
    )
    sa, sb = f.school[i], f.school[j]
    total += np.where((sa < 0) | (sb < 0), 0.0, np.where(sa == sb, _w("school", "exact"), _w("school", "different")))
    ga, gb = f.gender[i], f.gender[j]
    total += np.where((ga < 0) | (gb < 0), 0.0, np.where(ga == gb, _w("gender", "exact"), _w("gender", "different")))
    ba, bb = f.borough[i], f.borough[j]
    total += np.where((ba < 0) | (bb < 0), 0.0, np.where(ba == bb, _w("borough", "exact"), _w("borough", "different")))
    # The names cost most to bound (string similarity), so only where the rest leaves the threshold
    # within reach; elsewhere the best the names could give stands as the bound.
    best_names = max(_all_but("given_name"), 0.0) + max(_all_but("family_name"), 0.0)
    open_ = np.flatnonzero(total + best_names >= REVIEW - MARGIN)
    total += best_names
    if len(open_):
        oi, oj = i[open_], j[open_]
        # A mention named by the other's alias has its name fields set to missing (weight 0).
        named_by_alias = name_in_i[open_] | name_in_j[open_] | street_i[open_] | street_j[open_]
        total[open_] += _given_bound(f, oi, oj, named_by_alias) + _family_bound(f, oi, oj, named_by_alias) - best_names
    return total


def _given_bound(f: Features, i, j, alias_possible) -> np.ndarray:
    ga, gb, ia, ib = f.given[i], f.given[j], f.initial[i], f.initial[j]
    out = np.zeros(len(i))
    either_missing = ((ga < 0) & (ia < 0)) | ((gb < 0) & (ib < 0))
    both_given = (ga >= 0) & (gb >= 0) & ~either_missing
    one_initial = ~either_missing & ~both_given
    out[one_initial] = np.where(
        ia[one_initial] == ib[one_initial], _w("given_name", "initial"), _w("given_name", "different")
    )
    exact = both_given & (ga == gb)
    out[exact] = _w("given_name", "exact")
    rest = np.flatnonzero(both_given & (ga != gb))
    if len(rest):
        a, b = ga[rest], gb[rest]
        near = np.isin(a * f.given_count + b, f.nickname_codes)
        names = np.array(f.given_names, dtype=object)
        near |= process.cpdist(names[a], names[b], scorer=JaroWinkler.similarity, workers=1) >= 0.88
        out[rest] = np.where(near, _all_but("given_name", "exact", "initial"), _w("given_name", "different"))
    return np.where(alias_possible, np.maximum(out, 0.0), out)


def _family_bound(f: Features, i, j, alias_possible) -> np.ndarray:
    fa, fb = f.family[i], f.family[j]
    out = np.zeros(len(i))
    both = (fa >= 0) & (fb >= 0)
    out[both & (fa == fb)] = _w("family_name", "exact")
    differ = both & (fa != fb)
    # Several parts on either side (fewer pairs): each pair of parts is looked at.
    several = np.flatnonzero(differ & ~(f.family_single[i] & f.family_single[j]))
    if len(several):
        levels = [
            _family_parts_bound(
                f.family_parts[x], f.family_parts[y], bool(f.phonetic[x] >= 0 and f.phonetic[x] == f.phonetic[y])
            )
            for x, y in zip(i[several].tolist(), j[several].tolist())
        ]
        out[several] = np.array(levels)
    single = np.flatnonzero(differ & f.family_single[i] & f.family_single[j])
    if len(single):
        last = np.array(f.family_last, dtype=object)
        a, b = last[i[single]], last[j[single]]
        similar = process.cpdist(a, b, scorer=JaroWinkler.similarity, workers=1) >= 0.92
        long_enough = np.fromiter((min(len(x), len(y)) >= 5 for x, y in zip(a, b)), bool, len(a))
        similar |= long_enough & (process.cpdist(a, b, scorer=Levenshtein.distance, workers=1) <= 2)
        sounds = (f.phonetic[i[single]] >= 0) & (f.phonetic[i[single]] == f.phonetic[j[single]])
        out[single] = np.where(
            similar | sounds, _all_but("family_name", "exact", "part"), _w("family_name", "different")
        )
    return np.where(alias_possible, np.maximum(out, 0.0), out)


def _family_parts_bound(a: tuple[str, ...], b: tuple[str, ...], sounds: bool) -> float:
    if set(a) & set(b):
        return _all_but("family_name", "exact")
    similar = max(JaroWinkler.similarity(x, y) for x in a for y in b) >= 0.92 or any(
        Levenshtein.distance(x, y) <= 2 for x in a for y in b if min(len(x), len(y)) >= 5
    )
    return _all_but("family_name", "exact", "part") if similar or sounds else _w("family_name", "different")


def _dob_bound(f: Features, i, j) -> np.ndarray:
    da, db = f.dob[i], f.dob[j]
    out = np.zeros(len(i))
    both = (da >= 0) & (db >= 0)
    out[both & (da == db)] = _w("date_of_birth", "exact")
    k = np.flatnonzero(both & (da != db))
    if not len(k):
        return out
    x, y = i[k], j[k]
    days = np.abs(da[k] - db[k])
    dx, dy = f.dob_digits[x], f.dob_digits[y]
    mismatch = dx != dy
    n_diff = mismatch.sum(axis=1)
    first, last = mismatch.argmax(axis=1), 7 - mismatch[:, ::-1].argmax(axis=1)
    rows = np.arange(len(k))
    transposed = (
        (n_diff == 2) & (last == first + 1) & (dx[rows, first] == dy[rows, last]) & (dx[rows, last] == dy[rows, first])
    )
    odd_year = (f.year[x] < 1000) | (f.year[y] < 1000)  # fewer digits than ddmmyyyy: any slip may apply
    # The rules take the first level that applies; the bound takes the best of those that may.
    candidates = [
        ((f.year[x] == f.year[y]) & (f.day[x] == f.month[y]) & (f.month[x] == f.day[y])) | odd_year,
        "day_month_swapped",
        (n_diff == 1) | odd_year,
        "one_digit",
        transposed | odd_year,
        "transposed",
        days == 1,
        "adjacent_day",
    ]
    bound = np.where(days <= 366, _w("date_of_birth", "within_a_year"), _w("date_of_birth", "different"))
    for flag, level in zip(candidates[::2], candidates[1::2]):
        bound = np.where(flag, np.maximum(bound, _w("date_of_birth", level)), bound)
    out[k] = bound
    return out


# -- 3. the rules on what is left, on every core ----------------------------------------------

_SHARED: list[MentionData] = []  # the mentions, inherited by forked workers
_FREQUENCY: NameFrequency | None = None  # their name frequencies, counted once before the fork


def score_pair(a: MentionData, b: MentionData, frequency: NameFrequency) -> Scored:
    """One pair under the rules: the levels, term-frequency name weights, the population prior
    (from the number of mentions the frequencies were counted over) and the contradiction veto."""
    levels = compare(a, b)
    return decide(
        levels,
        adjust=frequency.adjustments(a, b, levels),
        contradictions=contradictions(a, b),
        prior=population_prior(frequency.mentions),
        namesakes=frequency.namesakes(a, b, levels),
    )


def _score_task(task: tuple[np.ndarray, np.ndarray]) -> list[tuple[int, int, Scored]]:
    out = []
    for x, y in zip(task[0].tolist(), task[1].tolist()):
        scored = score_pair(_SHARED[x], _SHARED[y], _FREQUENCY)
        if scored.outcome is not Outcome.no_link:
            out.append((x, y, scored))
    return out


@dataclass
class Compared:
    pairs: int  # candidate pairs from blocking
    scored: int  # pairs the rules were run on (the rest could not reach the review threshold)
    results: list[tuple[int, int, Scored]]  # (index a, index b, outcome) for every pair not `no_link`
    # Counted once here, and used again after clustering (pipeline: the associates' pairs).
    features: Features | None = None
    frequency: NameFrequency | None = None


def compare_candidates(
    mentions: list[MentionData],
    focus: set[str] | None = None,
    skip: Iterable[frozenset[str]] = (),
    n_workers: int | None = None,
) -> Compared:
    """Every candidate pair's outcome that is not `no_link`, ordered by (key a, key b)."""
    global _SHARED, _FREQUENCY
    f = features(mentions) if len(mentions) > 1 else None
    prior = population_prior(len(mentions))  # never above 0: the bound plus it still bounds the total
    pairs = 0
    kept_i, kept_j = [np.empty(0, np.int64)], [np.empty(0, np.int64)]
    for ci, cj in candidate_chunks(mentions, focus):
        pairs += len(ci)
        keep = upper_bound(f, ci, cj) + prior >= REVIEW - MARGIN
        kept_i.append(ci[keep])
        kept_j.append(cj[keep])
    i, j = np.concatenate(kept_i), np.concatenate(kept_j)
    skip = set(skip)
    if skip:
        decided = np.fromiter(
            (
                frozenset((mentions[x].mention_key, mentions[y].mention_key)) in skip
                for x, y in zip(i.tolist(), j.tolist())
            ),
            bool,
            len(i),
        )
        i, j = i[~decided], j[~decided]
    tasks = [(i[s : s + TASK], j[s : s + TASK]) for s in range(0, len(i), TASK)]
    n_workers = n_workers or workers()
    frequency = NameFrequency(mentions)  # from all mentions, as Splink does
    _SHARED, _FREQUENCY = mentions, frequency
    try:
        if n_workers == 1 or len(i) < IN_PROCESS_BELOW:
            chunks = [_score_task(t) for t in tasks]
        else:
            with multiprocessing.get_context("fork").Pool(n_workers) as pool:
                chunks = pool.map(_score_task, tasks, chunksize=1)
    finally:
        _SHARED, _FREQUENCY = [], None
    return Compared(pairs, len(i), [r for chunk in chunks for r in chunk], f, frequency)
