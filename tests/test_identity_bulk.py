"""Identity in bulk (identity/bulk.py) decides exactly what comparing every candidate pair one by
one decides: the same pairs, the same links, the same review queue. Checked on generated mentions
with a seed the code was not written against, and on odd shapes the generator never makes."""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest

from bench.identity import mentions_from
from fixtures.generator import generate
from identity import bulk, pipeline, score
from identity.block import candidate_pairs
from identity.compare import MentionData, compare
from identity.contradict import contradictions
from identity.frequency import MAX_BOOST, NameFrequency
from identity.score import REVIEW, Outcome, decide

SEED = 60613  # never used while writing the bulk code


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[MentionData]:
    folder = tmp_path_factory.mktemp("bulk") / "data"
    generate(SEED, "S", folder, noise="high", rows=5000)
    mentions = mentions_from(folder)
    assert len(mentions) > 3000
    return mentions


def one_by_one(mentions, focus=None, skip=frozenset()) -> bulk.Compared:
    """The reference: every candidate pair of block.candidate_pairs through the rules one by one,
    as pipeline.link ran them before bulk: compare, then decide with term-frequency name weights
    (counted over all mentions), the population prior, the contradictions and the namesakes expected."""
    index = {id(m): k for k, m in enumerate(mentions)}
    frequency = NameFrequency(mentions)
    results, pairs, scored = [], 0, 0
    for a, b in candidate_pairs(mentions, focus):
        pairs += 1
        if frozenset((a.mention_key, b.mention_key)) in skip:
            continue
        scored += 1
        levels = compare(a, b)
        outcome = decide(
            levels,
            adjust=frequency.adjustments(a, b, levels),
            contradictions=contradictions(a, b),
            prior=score.population_prior(len(mentions)),
            namesakes=frequency.namesakes(a, b, levels),
        )
        if outcome.outcome is not Outcome.no_link:
            results.append((index[id(a)], index[id(b)], outcome))
    return bulk.Compared(
        pairs, scored, sorted(results, key=lambda r: (mentions[r[0]].mention_key, mentions[r[1]].mention_key))
    )


def as_set(mentions, compared: bulk.Compared) -> set:
    return {
        (
            mentions[x].mention_key,
            mentions[y].mention_key,
            s.outcome,
            s.total,
            s.reason,
            tuple(s.levels.items()),
            tuple(sorted(s.weights.items())),
        )
        for x, y, s in compared.results
    }


def test_candidate_index_pairs_are_the_blocking_pairs(generated):
    expected = {(a.mention_key, b.mention_key) for a, b in candidate_pairs(generated)}
    i, j = bulk.candidate_index_pairs(generated)
    got = [(generated[x].mention_key, generated[y].mention_key) for x, y in zip(i.tolist(), j.tolist())]
    assert len(got) == len(set(got)) and set(got) == expected
    assert got == sorted(got), "ordered by (key a, key b)"
    focus = {m.mention_key for m in generated[::50]}
    fi, fj = bulk.candidate_index_pairs(generated, focus)
    assert {(generated[x].mention_key, generated[y].mention_key) for x, y in zip(fi.tolist(), fj.tolist())} == {
        (a.mention_key, b.mention_key) for a, b in candidate_pairs(generated, focus)
    }


def test_bulk_keeps_every_pair_the_rules_keep(generated, monkeypatch):
    reference = one_by_one(generated)
    got = bulk.compare_candidates(generated, n_workers=1)
    assert got.pairs == reference.pairs and got.scored < reference.pairs / 2, "the bound drops most pairs"
    assert as_set(generated, got) == as_set(generated, reference)
    # The same through the pool of workers.
    monkeypatch.setattr(bulk, "IN_PROCESS_BELOW", 0)
    monkeypatch.setattr(bulk, "TASK", 1000)
    assert as_set(generated, bulk.compare_candidates(generated, n_workers=2)) == as_set(generated, reference)


def test_the_population_prior_is_applied_alike_in_bulk(generated, monkeypatch):
    """As if the thresholds had been measured on 500 mentions: these 3,500 then start every pair
    2.8 bits down (score.population_prior), the bound lets fewer through, and bulk still decides
    what one-by-one comparison decides."""
    plain = bulk.compare_candidates(generated, n_workers=1)
    monkeypatch.setattr(score, "CALIBRATED_AT", 500)
    prior = score.population_prior(len(generated))
    assert prior < -2.5
    reference = one_by_one(generated)
    got = bulk.compare_candidates(generated, n_workers=1)
    assert got.pairs == reference.pairs == plain.pairs and got.scored < plain.scored
    assert as_set(generated, got) == as_set(generated, reference)
    assert all(s.prior == prior for _, _, s in got.results)
    assert sum(s.outcome is Outcome.auto_link for _, _, s in got.results) < sum(
        s.outcome is Outcome.auto_link for _, _, s in plain.results
    )


def test_candidate_pairs_across_chunk_edges(generated, monkeypatch):
    """Pairs come out a chunk at a time from one sorted array of codes: a pair repeated across a
    chunk's edge (blocks share many pairs) is still given once, in order."""
    whole = bulk.candidate_index_pairs(generated)
    monkeypatch.setattr(bulk, "CHUNK", 997)
    chunked = bulk.candidate_index_pairs(generated)
    assert np.array_equal(whole[0], chunked[0]) and np.array_equal(whole[1], chunked[1])
    assert len(list(bulk.candidate_chunks(generated))) > 10


def test_link_gives_the_same_persons_links_and_queue(generated, monkeypatch):
    keys = sorted(m.mention_key for m in generated)
    cannot = {frozenset(keys[k : k + 2]) for k in range(0, 400, 7)}
    must = {frozenset((keys[k], keys[k + 3])) for k in range(5, 300, 11)}
    runs = []
    for compare_candidates in (bulk.compare_candidates, lambda ms, focus, skip: one_by_one(ms, focus, set(skip))):
        monkeypatch.setattr(pipeline, "compare_candidates", compare_candidates)
        result = pipeline.link(generated, cannot_link=cannot, must_link=must)
        runs.append(
            (
                sorted(sorted(c) for c in result.clusters),
                sorted((c.a, c.b, c.scored.total, c.scored.reason) for c in result.auto_links),
                sorted((c.a, c.b, c.scored.total) for c in result.review),
                sorted(result.sole_candidates),
                result.pairs_compared,
            )
        )
    assert runs[0] == runs[1]
    assert len(runs[0][1]) > 1000 and len(runs[0][2]) > 100


def odd_mentions(seed: int, n: int) -> list[MentionData]:
    """Shapes the generator never makes, drawn from small pools so that many pairs meet."""
    rng = random.Random(seed)
    names = [
        None,
        "",
        "!!",
        "J.",
        "Tee",
        "T-Dot",
        "Zoë Smith-Jones",
        "Zoe Jones",
        "Amy  SMITH",
        "Amy Smyth",
        "Aimee Smith",
        "Mohamed Ali",
        "Muhammad Ali",
        "Alex Hughes",
        "Alexander Hughes",
        "A. Hughes",
        "Jaydn O'Neil-Brown",
        "Jayden Brown",
        "Stvens Lee",
        "Lee Stevvens",
        "Ab",
        "Al Al Al",
        "Zé",
        "K-Dog",
        "kdog",
        "T Dot",
        "TDot",
        "Biggz",
        "Jay",
        "Wrzesniewski",
    ]
    dobs = [
        None,
        date(2008, 3, 1),
        date(2008, 1, 3),
        date(2008, 3, 12),
        date(2008, 3, 21),
        date(2008, 3, 13),
        date(2008, 3, 9),
        date(2008, 3, 10),
        date(2009, 3, 1),
        date(2018, 3, 1),
        date(2007, 12, 31),
        date(2008, 2, 29),
        date(1000, 3, 1),
    ]
    # (A year before 1000 crashes compare_dob's digits; the loader doubts such a date, so it is never compared.)
    aliases = [
        (),
        (),
        (),
        ("",),
        ("!!",),
        ("Tee",),
        ("T-Dot", "Tee"),
        ("K-Dog",),
        ("JJ",),
        ("Amy Smith",),
        ("T Dot",),
        ("Biggs",),
        ("Jay-Z",),
        ("Skengz",),
        ("Skengzz",),
    ]
    postcodes = [None, "", "E8 1AB", "E8 3PL", "N1 1AA", "E81AB"]
    schools = [None, "", "  ", "Clapton Park", "clapton park ", "Mossbourne"]
    genders = [None, "female", "male", "non_binary", "unknown", ""]
    roles = [None, "child_at_risk", "child_displaying_hsb", "gang_nominal", "parent_carer"]
    record_dates = [None, date(2024, 5, 1), date(2030, 1, 1), date(2005, 1, 1)]
    boroughs = [None, "Hackney", "Lewisham", "hackney "]
    out = []
    for k in range(n):
        given = rng.choice([None, None, None, "Amy", "J", "Zoë", ""])
        family = rng.choice([None, None, None, "Smith", "Smith-Jones", "", "Lee"])
        out.append(
            MentionData(
                f"odd:{k:04d}",
                rng.choice(names),
                rng.choice(dobs),
                rng.choice(genders),
                rng.choice(postcodes),
                rng.choice(schools),
                rng.choice(aliases),
                given,
                family,
                role=rng.choice(roles),
                record_date=rng.choice(record_dates),
                borough=rng.choice(boroughs),
            )
        )
    return out


def crowd(seed: int, n: int) -> list[MentionData]:
    """Mentions with names of their own, so that the odd shapes' names, street names and rare
    pairs count as rare: term frequency raises their weights by as much as it can."""
    rng = random.Random(seed)
    word = lambda size: "".join(rng.choice("bcdfghklmnprstvwz") + rng.choice("aeiou") for _ in range(size))
    return [
        MentionData(f"crowd:{k:05d}", f"{word(3)} {word(4)}", None, aliases=(word(3),) if k % 3 == 0 else ())
        for k in range(n)
    ]


def rare_pairs() -> list[MentionData]:
    """Pairs sharing a name or a street name nobody else has: the most term frequency can add."""
    born = date(2008, 3, 1)
    return [
        MentionData("rare:1", "Oluwaseun Wrzesniewski", born, "male", "E8 1AB", "Mossbourne", ("Skengman Q",)),
        MentionData("rare:2", "Oluwaseun Wrzesniewski", born, "male", "E8 1AB", "Mossbourne", ("Skengman Q",)),
        MentionData("rare:3", "Skengman Q", date(2008, 1, 3), "male", "E8 3PL"),
        MentionData("rare:4", "Xanthe Quarshie-Obi", date(2008, 3, 12), "female", None, None, ("Zed Zed",)),
        MentionData("rare:5", "X. Quarshie", date(2008, 3, 21), "female", None, None, ("ZedZed",)),
        MentionData("rare:6", "Xanthe Quarshie-Obi", None, None, "N1 1AA", "Clapton Park"),
    ]


def test_the_bound_is_never_below_the_evidence_on_odd_shapes():
    odd = odd_mentions(SEED, 360) + rare_pairs()
    mentions = odd + crowd(SEED, 4500)  # counted for the name frequencies; the odd shapes are checked
    frequency = NameFrequency(mentions)
    f = bulk.features(mentions)
    i, j = np.triu_indices(len(odd), 1)  # every pair of odd shapes, not only the blocked ones
    bound = bulk.upper_bound(f, i, j)

    def total(a, b):
        levels = compare(a, b)
        return decide(levels, adjust=frequency.adjustments(a, b, levels), contradictions=contradictions(a, b)).total

    totals = np.array([total(mentions[x], mentions[y]) for x, y in zip(i.tolist(), j.tolist())])
    boosts = [
        frequency.adjustments(mentions[x], mentions[y], compare(mentions[x], mentions[y]))
        for x, y in ((0, 1), (360, 361))
    ]
    assert any(v >= MAX_BOOST for b in boosts for v in b.values()), (
        "term frequency raises some weights as far as it can"
    )
    worst = int(np.argmax(totals - bound))
    # decide() rounds each weight to 0.01: the bound allows for it with bulk.MARGIN.
    assert totals[worst] < bound[worst] + bulk.MARGIN, (
        mentions[i[worst]],
        mentions[j[worst]],
        bound[worst],
        totals[worst],
    )
    assert (totals >= REVIEW).sum() > 100, "the odd shapes include pairs worth reviewing"
    got = bulk.compare_candidates(mentions, n_workers=1)
    assert as_set(mentions, got) == as_set(mentions, one_by_one(mentions))


def test_duplicate_keys_and_tiny_inputs():
    assert bulk.compare_candidates([]).pairs == 0
    one = MentionData("k", "Amy Smith", date(2008, 3, 1))
    assert bulk.compare_candidates([one]).pairs == 0
    twice = [one, MentionData("k", "Amy Smith", date(2008, 3, 1)), MentionData("z", "Amy Smith", date(2008, 3, 1))]
    assert as_set(twice, bulk.compare_candidates(twice)) == as_set(twice, one_by_one(twice))
