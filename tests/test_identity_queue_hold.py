"""The review queue's hold as the population grows (issue #17, fifth session): a question about a given
name recorded as an initial is read as likely as the data show such questions to be, and a question the
kept questions already answer takes no person's room.

Pure (no database); names, dates and crowd seeds of their own, not those the rules were measured on."""

from __future__ import annotations

import random
from datetime import date

from identity import queue
from identity.block import MAX_BLOCK, candidate_pairs
from identity.bulk import candidate_index_pairs, score_pair
from identity.compare import MentionData
from identity.frequency import NameFrequency
from identity.pipeline import link
from tests.identity_helpers import crowd, linked_together


def test_a_question_about_an_initial_is_asked_where_a_named_one_at_its_bits_would_not_be():
    """'T. Oyelaran', named in passing at a Lewisham address, against Temitope Oyelaran held by Greenwich
    in the same postcode district: under 6 bits, where a named question is 1 in 200, but an initial can
    only agree as an initial (queue.INITIAL_READ)."""
    passing = MentionData(
        "ypss:Q1:associate", "T. Oyelaran", None, None, "SE13 5AA", role="associate", borough="Lewisham"
    )
    child = MentionData(
        "mash:Q2:child",
        "Temitope Oyelaran",
        date(2010, 3, 9),
        None,
        "SE13 7ZZ",
        role="child_at_risk",
        borough="Greenwich",
    )
    mentions = crowd(400, seed=9127) + [passing, child]
    scored = score_pair(passing, child, NameFrequency(mentions))
    assert scored.levels["given_name"] == "initial" and 4.5 <= scored.total < 6.0, scored
    assert queue.expected_rate(scored.total, False, queue.disagreeing(scored.levels)) < queue.QUEUE_FLOOR
    result = link(mentions)
    assert not linked_together(result, passing.mention_key, child.mention_key), "read higher for asking, not linking"
    asked = [c for c in result.review if {c.a, c.b} == {passing.mention_key, child.mention_key}]
    assert asked and asked[0].question.expected >= queue.QUEUE_FLOOR


def test_an_initial_read_higher_never_lifts_a_contradicted_or_disagreeing_question():
    assert queue.expected_rate(5.0, True, False, initial=True) == queue.CONTRADICTED_RATE
    assert queue.expected_rate(5.0, False, True, initial=True) == queue.DISAGREEING_RATE
    assert queue.expected_rate(0.2, False, False, initial=True) == queue.expected_rate(4.2, False, False)


def test_questions_the_kept_ones_already_answer_take_no_room():
    """Two sets of four undated fragments of one boy, his surname spelt two ways: three questions join
    each set and one joins the sets. The questions inside a set that the others already answer (A-C after
    A-B and B-C) used to count against each fragment's room, so the one question joining the sets was
    never asked."""
    spelt = [
        MentionData(f"{agency}:F{i}:child", "Tobiah Mensah", None, "male", role="child_at_risk", borough="Camden")
        for i, agency in enumerate(["mash", "hsb", "ypss", "mash"])
    ]
    misspelt = [
        MentionData(f"{agency}:G{i}:child", "Tobiah Mensa", None, "male", role="child_at_risk", borough="Camden")
        for i, agency in enumerate(["hsb", "mash", "ypss", "hsb"])
    ]
    result = link(crowd(300, seed=5519) + spelt + misspelt)
    keys = {m.mention_key for m in spelt + misspelt}
    asked = [c for c in result.review if {c.a, c.b} <= keys]
    assert len(asked) == len(keys) - 1, [(c.a, c.b) for c in asked]
    cluster_of = {k: i for i, c in enumerate(result.clusters) for k in c}
    joined = {cluster_of[asked[0].a]}
    for _ in asked:
        for c in asked:
            if cluster_of[c.a] in joined or cluster_of[c.b] in joined:
                joined |= {cluster_of[c.a], cluster_of[c.b]}
    assert joined == {cluster_of[k] for k in keys}, "confirming the questions joins all eight records"


def crowded_surname(seed: int) -> list[MentionData]:
    """More records under one surname and initial than a block compares (block.MAX_BLOCK), over six boroughs."""
    rng = random.Random(seed)
    given = ["Jordan", "Jayden", "Joel", "Jamal", "Josiah", "Jake", "Joseph", "Jerome", "Jasmine", "Joy"]
    boroughs = ["Lewisham", "Camden", "Brent", "Newham", "Ealing", "Barnet"]
    return [
        MentionData(
            f"mash:K{i}:child",
            f"{rng.choice(given)} Okafor",
            date(rng.randint(2005, 2012), rng.randint(1, 12), rng.randint(1, 28)),
            rng.choice(["female", "male"]),
            role="child_at_risk",
            borough=rng.choice(boroughs),
        )
        for i in range(MAX_BLOCK + 60)
    ]


def test_a_crowded_surname_block_is_compared_within_each_borough():
    """An undated 'J. Okafor' named in passing meets its own child's records only through the surname's
    block; at a million rows that block is thousands strong and was skipped whole, so no question held
    them. Now it is compared within each borough, alike one by one and in bulk."""
    crowd_ = crowded_surname(seed=6113)
    passing = MentionData("ypss:J1:associate", "J. Okafor", None, None, role="associate", borough="lewisham ")
    mentions = crowd_ + [passing]
    pairs = {(a.mention_key, b.mention_key) for a, b in candidate_pairs(mentions)}
    met = {b if a == passing.mention_key else a for a, b in pairs if passing.mention_key in (a, b)}
    in_lewisham = {m.mention_key for m in crowd_ if m.borough == "Lewisham"}
    assert met == in_lewisham and met, "the borough written two ways is one borough; no other borough is met"
    i, j = candidate_index_pairs(mentions)
    assert {(mentions[x].mention_key, mentions[y].mention_key) for x, y in zip(i.tolist(), j.tolist())} == pairs
