"""Identity rules of issue #17: the contradiction veto, corroborated sole candidates, name and
street-name evidence weighed by frequency, and a review queue a person can finish.

Pure (no database). The cases are the issue's own, written as an agency would record them, and
the queue goal is checked on a generated set at a seed nothing was tuned on, spoiled again by
the independent injector (tests/noisy_export.py).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from identity import score
from identity.compare import MentionData, compare
from identity.contradict import contradictions
from identity.frequency import NameFrequency
from identity.normalise import name_parts
from identity.pipeline import link
from identity.queue import QUEUE_FLOOR
from identity.score import Outcome, decide, population_prior
from tests.identity_helpers import crowd, linked_together, queued_pairs

SEED = 60413  # fresh: nothing in identity/ was written or tuned against it


# --- 1. the contradiction veto -------------------------------------------------------------


def test_an_undated_child_at_risk_is_not_merged_into_an_adult_born_2003():
    child = MentionData(
        "mash:TH-1:child",
        "Mohamed Ali",
        None,
        "male",
        "E1 2AB",
        "Stepney All Saints",
        role="child_at_risk",
        record_date=date(2024, 6, 3),
        borough="Tower Hamlets",
    )
    adult = MentionData(
        "matrix:GM-77",
        "Mohamed Ali",
        date(2003, 2, 14),
        "male",
        "E1 2AB",
        role="gang_nominal",
        record_date=date(2023, 11, 1),
        borough="Tower Hamlets",
    )
    found = contradictions(child, adult)
    assert len(found) == 1 and "a child at risk on 2024-06-03" in found[0] and "makes them 21 then" in found[0]
    result = link([child, adult])
    assert not linked_together(result, child.mention_key, adult.mention_key)
    (question,) = result.review  # the pair is asked, with the contradiction in words
    assert question.scored.reason.startswith("the records contradict each other: one record is about a child at risk")


def test_two_kayla_kowalskis_in_different_boroughs_schools_and_postcodes_are_not_merged():
    a = MentionData(
        "mash:BAR-1:child",
        "Kayla Kowalski",
        date(2009, 4, 17),
        "female",
        "IG11 7QA",
        "Barking Abbey School",
        role="child_at_risk",
        record_date=date(2024, 2, 1),
        borough="Barking and Dagenham",
    )
    b = MentionData(
        "hsb:CRO-9:child:C1",
        "Kayla Kowalski",
        date(2008, 4, 17),
        "female",
        "CR0 2XX",
        "Harris Academy Purley",
        role="child_harmed",
        record_date=date(2024, 5, 9),
        borough="Croydon",
    )
    (found,) = contradictions(a, b)
    assert found.startswith("different schools") and "Barking and Dagenham; Croydon" in found
    mentions = [a, b] + crowd(300)
    result = link(mentions)
    assert not linked_together(result, a.mention_key, b.mention_key)
    # Whatever the names weigh, the contradiction is what the analyst is shown.
    levels = compare(a, b)
    vetoed = decide(levels, adjust={"given_name": 1.0, "family_name": 1.0}, contradictions=(found,))
    assert vetoed.outcome is Outcome.review and vetoed.reason.startswith("the records contradict each other")
    # A one-digit slip is commoner between strangers among these mentions (estimate_u.py), so this
    # pair's evidence may not reach the link level. The same two records with the same birthday do:
    # stopped only by the contradiction, they are always asked, never linked.
    same_day = replace(b, mention_key="hsb:CRO-9:child:C2", dob=a.dob)
    mentions = [a, same_day] + crowd(300)
    frequency = NameFrequency(mentions)
    levels = compare(a, same_day)
    assert decide(levels, adjust=frequency.adjustments(a, same_day, levels)).total >= score.AUTO_LINK
    result = link(mentions)
    assert not linked_together(result, a.mention_key, same_day.mention_key)
    assert frozenset((a.mention_key, same_day.mention_key)) in queued_pairs(result)


def test_different_recorded_genders_veto_whatever_the_name_score():
    a = MentionData("mash:1:child", "Sam Okonkwo-Reid", date(2010, 9, 9), "female", "SE15 4AA", "Harris Peckham")
    b = MentionData("hsb:2:child:C1", "Sam Okonkwo-Reid", date(2010, 9, 9), "male", "SE15 4AA", "Harris Peckham")
    levels = compare(a, b)
    assert decide(levels).outcome is Outcome.auto_link  # every other field agrees ...
    scored = decide(levels, contradictions=contradictions(a, b))
    assert scored.outcome is Outcome.review and "recorded genders differ (female; male)" in scored.reason


def test_a_contradiction_through_a_third_record_still_vetoes_the_merge():
    """Child -- undated record -- adult: each pair alone agrees, but one person cannot hold both ends."""
    child = MentionData(
        "mash:1:child",
        "Precious Nwosu",
        date(2011, 3, 5),
        "female",
        "N17 6AA",
        role="child_at_risk",
        record_date=date(2024, 3, 1),
        borough="Haringey",
    )
    middle = MentionData("mash:2:person:P1", "Precious Nwosu", date(2011, 3, 5), "female", "N17 6AA")
    adult = MentionData(
        "matrix:GM-5",
        "Precious Nwosu",
        date(2001, 3, 5),
        "female",
        "N17 6AA",
        role="gang_nominal",
        record_date=date(2024, 1, 1),
    )
    result = link([child, middle, adult])
    assert linked_together(result, child.mention_key, middle.mention_key)
    assert not linked_together(result, child.mention_key, adult.mention_key)
    assert result.vetoed >= 1


def test_the_undated_sole_candidate_rule_needs_corroboration():
    dated = MentionData(
        "mash:1:child",
        "Zainab Oyelaran",
        date(2009, 6, 1),
        "female",
        role="child_at_risk",
        record_date=date(2024, 1, 5),
        borough="Lewisham",
    )
    bare = MentionData(
        "hsb:7:child:C2", "Zainab Oyelaran", None, "female", role="child_harmed", record_date=date(2024, 4, 1)
    )
    result = link([dated, bare])
    assert not linked_together(result, dated.mention_key, bare.mention_key)  # only the name: an analyst decides
    assert frozenset((dated.mention_key, bare.mention_key)) in queued_pairs(result)
    # A person both records name confirms it.
    both = ("kwame asante",)
    result = link(
        [MentionData(**{**dated.__dict__, "co_named": both}), MentionData(**{**bare.__dict__, "co_named": both})]
    )
    assert linked_together(result, dated.mention_key, bare.mention_key)
    # So does a street name close to the other's.
    result = link(
        [
            MentionData(**{**dated.__dict__, "aliases": ("Zee-Z",)}),
            MentionData(**{**bare.__dict__, "aliases": ("ZeeZ",)}),
        ]
    )
    assert linked_together(result, dated.mention_key, bare.mention_key)


# --- 2. frequency-weighted names, street names and single names ----------------------------


def test_a_common_name_says_less_than_a_rare_one():
    common = [MentionData(f"mash:C{i}:child", "Mohamed Ali", date(2008, 1, 1 + i % 28)) for i in range(60)]
    rare = [
        MentionData("mash:R1:child", "Szymon Wrzesniewski", date(2008, 5, 5)),
        MentionData("hsb:R2:child:C1", "Szymon Wrzesniewski", date(2008, 5, 5)),
    ]
    frequency = NameFrequency(common + rare + crowd(400))
    common_pair = frequency.adjustments(common[0], common[1], compare(common[0], common[1]))
    rare_pair = frequency.adjustments(rare[0], rare[1], compare(rare[0], rare[1]))
    assert common_pair["given_name"] < 0 and common_pair["family_name"] < 0
    assert rare_pair["given_name"] > 0 and rare_pair["family_name"] > 0


def test_among_more_mentions_a_namesake_a_slip_apart_needs_more_than_the_name():
    """The population prior (Splink's lambda): among N mentions a pair is the same child with a
    chance that falls as 1/N, so the same evidence is worth log2(N / 14,128) bits less."""
    assert population_prior(3_500) == population_prior(14_128) == 0.0, "a small set gets no easier links"
    assert population_prior(28_256) == -1.0 and population_prior(709_291) == -5.65
    a = MentionData("mash:R7:child", "Oskar Lindqvist", date(2009, 5, 14), "male", role="child_at_risk")
    b = MentionData("ypss:Y2:child", "Oskar Lindqvist", date(2009, 5, 17), "male", role="child_at_risk")
    c = MentionData("hsb:H9:child", "Oskar Lindqvist", date(2009, 5, 14), "male", role="hsb_child")
    slip, same_day = compare(a, b), compare(a, c)
    assert slip["date_of_birth"] == "one_digit" and decide(slip).outcome is Outcome.auto_link
    assert decide(slip, prior=population_prior(700_000)).outcome is Outcome.review
    scored = decide(same_day, prior=population_prior(700_000))
    assert scored.outcome is Outcome.auto_link and scored.total == round(
        sum(scored.weights.values()) + population_prior(700_000), 2
    )


def test_neither_name_exactly_the_same_needs_something_else_to_confirm_it():
    """Two near misses at once (a nickname and one part of a double-barrelled surname) are how
    namesakes meet; at 140,000 rows 34 of 189 such links mixed two children."""
    a = MentionData("ypss:Y5:child", "Jacqueline Pemberton-Hughes", date(2009, 11, 2), "female", role="child_at_risk")
    b = MentionData("mash:R5:child", "Jackie Pemberton", date(2009, 11, 2), "female", role="child_at_risk")
    levels = compare(a, b)
    assert (levels["given_name"], levels["family_name"], levels["date_of_birth"]) == ("nickname", "part", "exact")
    scored = decide(levels)
    assert scored.total >= 14 and scored.outcome is Outcome.review and "neither name" in scored.reason
    assert decide({**levels, "postcode": "exact"}).outcome is Outcome.auto_link
    assert decide({**levels, "given_name": "exact"}).outcome is Outcome.auto_link, "one name exactly the same"


def test_in_a_large_population_the_slip_goes_to_the_queue(monkeypatch):
    """Through link: the same pair among a crowd, as if the thresholds had been set on 20 mentions
    (a prior of -4.9 bits: among these 602 the rare name already gains 2 bits by term frequency)."""
    a = MentionData("mash:R7:child", "Oskar Lindqvist", date(2009, 5, 14), "male", role="child_at_risk")
    b = MentionData("ypss:Y2:child", "Oskar Lindqvist", date(2009, 5, 17), "male", role="child_at_risk")
    mentions = crowd(600, seed=91) + [a, b]
    assert linked_together(link(mentions), a.mention_key, b.mention_key)
    monkeypatch.setattr(score, "CALIBRATED_AT", 20)
    result = link(mentions)
    assert not linked_together(result, a.mention_key, b.mention_key)
    assert frozenset((a.mention_key, b.mention_key)) in queued_pairs(result)


def test_a_street_name_many_share_does_not_stand_in_for_a_given_name():
    """Two brothers share the street name everyone on the estate uses: not one person."""
    brothers = [
        MentionData("mash:1:person:P1", "Louis Morley", date(2001, 8, 29), "male", aliases=("Zee",)),
        MentionData("mash:2:person:P1", "Hugh Morley", date(2001, 6, 29), "male", aliases=("Zee",)),
    ]
    estate = [MentionData(f"matrix:GM-{i}", f"Young Person{i} Other", None, aliases=("Zee",)) for i in range(40)]
    result = link(brothers + estate + crowd(300))
    assert not linked_together(result, "mash:1:person:P1", "mash:2:person:P1")


def test_a_single_given_name_is_never_read_as_a_surname():
    assert name_parts("Tee").family == () and name_parts("Tee").initial == "t"
    assert name_parts("Keisha").family == () and name_parts("Keisha").given == "keisha"
    assert compare(MentionData("a", "Tee"), MentionData("b", "Ama Tee"))["family_name"] == "missing"


def test_tee_at_the_same_postcode_as_the_nominal_known_as_t_dot_is_linked_or_near_the_top(tmp_path):
    """The issue's case, inside a generated set at a fresh seed: a child recorded only as "Tee"
    at Terrell Okafor's postcode; the matrix gives his street name as "T-Dot"."""
    from bench.identity import mentions_from
    from fixtures.generator import generate

    generate(SEED, "S", tmp_path, noise="medium", rows=3000)
    mentions = mentions_from(tmp_path)
    tee = MentionData(
        "mash:HAC-MASH-2025-09001:child",
        "Tee",
        None,
        None,
        "E8 3QP",
        role="child_at_risk",
        record_date=date(2025, 1, 14),
        borough="Hackney",
    )
    terrell = MentionData(
        "matrix:GM-990001",
        "Terrell Okafor",
        date(2008, 7, 21),
        "male",
        "E8 3QP",
        aliases=("T-Dot",),
        role="gang_nominal",
        record_date=date(2024, 9, 2),
        borough="Hackney",
    )
    result = link(mentions + [tee, terrell])
    if not linked_together(result, tee.mention_key, terrell.mention_key):
        ranked = [frozenset((c.a, c.b)) for c in result.review]
        pair = frozenset((tee.mention_key, terrell.mention_key))
        assert pair in ranked[:20], f"rank {ranked.index(pair) + 1 if pair in ranked else None} of {len(ranked)}"
    assert compare(tee, terrell)["alias_or_street_name"] == "similar"


# --- 3. a queue a person can finish --------------------------------------------------------


def test_the_queue_asks_once_per_pair_of_persons_and_puts_a_child_joined_to_a_network_first():
    # Two records of one child each doubt the same nominal: one question, not two.
    child = [
        MentionData(
            "mash:1:child",
            "Rio Ferreira",
            date(2009, 2, 2),
            "male",
            "SE5 8AA",
            role="child_at_risk",
            record_date=date(2024, 1, 1),
            borough="Southwark",
        ),
        MentionData(
            "hsb:2:child:C1",
            "Rio Ferreira",
            date(2009, 2, 2),
            "male",
            "SE5 8AA",
            role="child_displaying_hsb",
            record_date=date(2024, 2, 1),
            borough="Southwark",
        ),
    ]
    nominal = MentionData(
        "matrix:GM-3", "Rio Fereira", None, "male", "SE5 8AA", role="gang_nominal", borough="Southwark"
    )
    # A same-agency doubt with more evidence.
    dup = [
        MentionData("mash:8:person:P1", "Stella Quaye", date(2010, 5, 5), "female", role="family"),
        MentionData("mash:9:person:P2", "Stella Quay", date(2010, 5, 5), "female", role="family"),
    ]
    result = link(child + [nominal] + dup + crowd(200))
    assert linked_together(result, *(m.mention_key for m in child))
    asking = [c for c in result.review if nominal.mention_key in (c.a, c.b)]
    assert len(asking) == 1 and asking[0].question.duplicates == 1
    assert result.review[0] is asking[0] and asking[0].question.impact == "child_to_network"
    assert all(c.question.expected >= QUEUE_FLOOR for c in result.review)  # nothing below the documented floor


def test_namesakes_and_siblings_with_nothing_else_in_common_are_not_asked():
    """Measured (docs/identity.md): among questions whose surnames are recorded on both sides, with
    given names or dates of birth apart and no shared postcode, school or street name, about 2 in
    100 at 14,000 mentions and under 1 in 100 at 100,000 were the same child: below the floor."""
    from identity.queue import disagreeing

    namesake = MentionData("mash:R3:child", "Precious Adebayo", date(2010, 2, 3), "female", role="child_at_risk")
    other = MentionData("ypss:Y8:child", "Precious Adebayo", date(2010, 9, 20), "female", role="child_at_risk")
    at_school = MentionData(
        "hsb:H4:child", "Precious Adebayo", date(2010, 9, 20), "female", None, "Mossbourne", role="child_harmed"
    )
    mine = replace(at_school, mention_key="mash:R9:child", dob=date(2010, 2, 3))
    assert compare(namesake, other)["date_of_birth"] == "within_a_year"
    result = link(crowd(300, seed=5) + [namesake, other])
    assert not linked_together(result, namesake.mention_key, other.mention_key)
    assert frozenset((namesake.mention_key, other.mention_key)) not in queued_pairs(result)
    # The same two dates with a school in common is asked (and never linked: the dates contradict).
    result = link(crowd(300, seed=5) + [mine, at_school])
    assert frozenset((mine.mention_key, at_school.mention_key)) in queued_pairs(result)
    assert not linked_together(result, mine.mention_key, at_school.mention_key)
    # A record named by one word ("Biggz") is no sibling: its question is weighed by its evidence.
    levels = compare(MentionData("mash:R1:child", "Biggz", date(2011, 1, 1)), namesake)
    assert levels["family_name"] == "missing" and not disagreeing(levels)
    assert disagreeing({**compare(namesake, other), "postcode": "missing"})
    assert not disagreeing({**compare(namesake, other), "postcode": "exact"})


def test_a_name_shared_by_hundreds_cannot_flood_the_queue():
    """Hostile shape: 400 undated "Tee"s (or a file built to do it) against one nominal."""
    tees = [MentionData(f"mash:T{i}:child", "Tee", None, postcode="E8 3QP", role="child_at_risk") for i in range(400)]
    nominal = MentionData(
        "matrix:GM-1", "Terrell Okafor", date(2006, 7, 21), "male", "E8 3QP", aliases=("T-Dot",), role="gang_nominal"
    )
    result = link(tees + [nominal])
    assert sum(1 for c in result.review if nominal.mention_key in (c.a, c.b)) <= 2
    assert len(result.auto_links) == 0


def generated(folder, spoil: bool):
    from fixtures.generator import generate
    from tests.noisy_export import make_noisy

    generate(SEED, "S", folder, noise="medium", rows=4000)
    if spoil:
        make_noisy(folder)
    return folder


def test_on_a_fresh_seed_the_queue_is_finishable_and_holds_the_missed_matches(tmp_path):
    from bench.identity import evaluate

    figures = evaluate(generated(tmp_path, spoil=False))
    assert figures["role_age_merges"] == 0 and figures["mixed_persons"] == 0
    assert figures["auto_precision"] >= 0.998 and figures["auto_recall"] >= 0.93
    assert figures["queue_per_person"] <= 0.3 and figures["review_recall_of_missed"] >= 0.95


def test_spoiled_by_the_independent_injector_nothing_contradicted_is_merged(tmp_path):
    """The injector also puts a random street name ("Biggz") in place of 3 % of names: those
    records share nothing but a gender with their own person, so no queue can hold them; the
    rest must still be held, and nothing contradicted merged."""
    from bench.identity import evaluate

    figures = evaluate(generated(tmp_path, spoil=True))
    # The bar on spoiled data is precision and no contradicted merge; a merge the records do
    # not contradict can still be wrong (2 persons of ~900 here), which precision >= 0.998 bounds.
    assert figures["role_age_merges"] == 0 and figures["mixed_persons"] <= 0.005 * figures["persons"]
    assert figures["auto_precision"] >= 0.998 and figures["queue_per_person"] <= 0.3
    assert figures["review_recall_of_missed"] >= 0.8
