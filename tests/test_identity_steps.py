"""Identity linkage steps, pure: normalisation, comparison levels, scoring and decisions."""

from __future__ import annotations

from datetime import date

import pytest

from identity.compare import MentionData, compare
from identity.normalise import name_parts
from identity.score import Outcome, decide


def m(name, dob=None, **kw) -> MentionData:
    return MentionData("k", name, dob, **kw)


def test_name_parts_fold_case_accents_hyphens_and_initials():
    parts = name_parts("  Zoë  SMITH-Jones ")
    assert parts.given == "zoe" and parts.family == ("smith", "jones")
    assert name_parts("J. Smith").given == "" and name_parts("J. Smith").initial == "j"
    assert "alexander" in name_parts("Alex Hughes").given_forms


@pytest.mark.parametrize(
    ("a", "b", "field", "level"),
    [
        (m("Jayden Smith"), m("Jaydn SMITH"), "given_name", "nickname"),  # a known spelling variant
        (m("Alex Hughes"), m("Alexander Hughes"), "given_name", "nickname"),
        (m("Jayden Smith"), m("J. Smith"), "given_name", "initial"),
        (m("Amy Smith-Jones"), m("Amy Jones"), "family_name", "part"),
        (m("Amy Smith", date(2008, 3, 1)), m("Amy Smith", date(2008, 1, 3)), "date_of_birth", "day_month_swapped"),
        (m("Amy Smith", date(2008, 3, 12)), m("Amy Smith", date(2008, 3, 21)), "date_of_birth", "transposed"),
        (m("Amy Smith", date(2008, 3, 12)), m("Amy Smith", date(2008, 3, 13)), "date_of_birth", "one_digit"),
        (m("Amy Smith", date(2008, 3, 9)), m("Amy Smith", date(2008, 3, 10)), "date_of_birth", "adjacent_day"),
        (m("Kyle Johnson", aliases=("K-Dog",)), m("K-Dog"), "alias_or_street_name", "match"),
        (m("A B", postcode="E8 1AB"), m("A B", postcode="E8 3PL"), "postcode", "same_district"),
    ],
)
def test_comparison_levels(a, b, field, level):
    assert compare(a, b)[field] == level


def test_same_child_recorded_two_ways_links_automatically():
    a = m("Jayden Smith", date(2008, 3, 1), gender="male", postcode="E5 0LL")
    b = m("Jaydn SMITH", date(2008, 3, 1), gender="male", aliases=("JJ",))
    assert decide(compare(a, b)).outcome is Outcome.auto_link


def test_twins_are_never_merged_automatically():
    a = m("Amelia Hughes", date(2009, 5, 5), gender="female", postcode="E8 1AB", school="Clapton Park Academy")
    b = m("Olivia Hughes", date(2009, 5, 5), gender="female", postcode="E8 1AB", school="Clapton Park Academy")
    scored = decide(compare(a, b))
    assert scored.outcome is Outcome.review and "given names differ" in scored.reason


def test_initial_only_links_only_when_surname_and_birthday_agree_exactly():
    assert (
        decide(compare(m("Jayden Smith", date(2008, 3, 1)), m("J. Smith", date(2008, 3, 1)))).outcome
        is Outcome.auto_link
    )
    assert (
        decide(compare(m("Jayden Smith", date(2008, 3, 1)), m("J. Smith", date(2008, 1, 3)))).outcome
        is not Outcome.auto_link
    )
    assert (
        decide(compare(m("Jayden Smith", date(2008, 3, 1)), m("J. Smyth", date(2008, 3, 1)))).outcome
        is not Outcome.auto_link
    )


def test_common_name_with_different_dates_is_not_linked():
    a = m("Jayden Smith", date(2008, 3, 1), postcode="E5 0LL")
    b = m("Jayden Smith", date(2005, 11, 20), postcode="SE15 4QT")
    assert decide(compare(a, b)).outcome is not Outcome.auto_link


def test_every_level_explains_its_weight():
    scored = decide(compare(m("Jayden Smith", date(2008, 3, 1)), m("Jaydn Smith", date(2008, 1, 3))))
    assert set(scored.weights) == set(scored.levels)
    assert scored.levels["date_of_birth"] == "day_month_swapped" and scored.weights["date_of_birth"] > 0


def test_pipeline_links_variants_keeps_twins_apart_and_queues_the_doubtful():
    from identity.pipeline import link

    mentions = [
        MentionData("mash:1:child", "Jayden Smith", date(2008, 3, 1), "male"),
        MentionData("matrix:GM-1", "Jaydn SMITH", date(2008, 1, 3), "male", aliases=("JJ",)),
        MentionData("mash:2:person:P1", "JJ", None, "male"),
        MentionData("hsb:3:child:C1", "Amelia Hughes", date(2009, 5, 5), "female", postcode="E8 1AB"),
        MentionData("hsb:3:child:C2", "Olivia Hughes", date(2009, 5, 5), "female", postcode="E8 1AB"),
    ]
    result = link(mentions)
    clusters = {frozenset(c) for c in result.clusters}
    assert frozenset({"mash:1:child", "matrix:GM-1"}) in clusters  # swapped day and month, misspelt
    assert frozenset({"hsb:3:child:C1"}) in clusters and frozenset({"hsb:3:child:C2"}) in clusters
    queued = {frozenset((c.a, c.b)) for c in result.review}
    assert frozenset({"hsb:3:child:C1", "hsb:3:child:C2"}) in queued
    assert frozenset({"matrix:GM-1", "mash:2:person:P1"}) in queued  # named only by his street name


def test_a_rejected_pair_never_joins_even_through_a_third_mention():
    from identity.pipeline import link

    mentions = [
        MentionData("a", "Jayden Smith", date(2008, 3, 1), "male", postcode="E5 0LL"),
        MentionData("b", "Jayden Smith", date(2008, 3, 1), "male", postcode="E5 0LL"),
        MentionData("c", "Jayden Smith", date(2008, 3, 1), "male"),
    ]
    result = link(mentions, cannot_link={frozenset({"a", "b"})})
    assert not any({"a", "b"} <= c for c in result.clusters)


def test_without_a_birthday_names_alone_go_to_review_but_names_and_postcode_link():
    alone = decide(compare(m("Lucy Payne", date(2009, 4, 4)), m("Lucy Payne")))
    assert alone.outcome is Outcome.review
    confirmed = decide(
        compare(m("Lucy Payne", date(2009, 4, 4), postcode="E8 1AB"), m("Lucy Payne", postcode="E8 1AB"))
    )
    assert confirmed.outcome is Outcome.auto_link


def test_initial_with_one_keying_slip_links_only_when_an_address_or_school_confirms_it():
    a = m("Jessica Cooper", date(2009, 4, 3), postcode="N18 6ZJ")
    assert decide(compare(a, m("J. Cooper", date(2009, 3, 4), postcode="N18 6ZJ"))).outcome is Outcome.auto_link
    assert decide(compare(a, m("J. Cooper", date(2009, 3, 4)))).outcome is Outcome.review


def test_two_slips_in_a_longer_surname_still_read_as_similar():
    assert compare(m("Glenn Stevvens"), m("Glenn Stvens"))["family_name"] == "similar"
    assert compare(m("Amy Lee"), m("Amy Lei"))["family_name"] != "similar"  # short names need more than edits


def test_a_misspelt_surname_and_a_day_out_still_meet_in_a_block():
    from identity.block import candidate_pairs

    a = MentionData("a", "Sian Bowwen", date(2010, 9, 5), "female")
    b = MentionData("b", "Sian Bowen", date(2010, 9, 4), "female")
    nickname = MentionData("c", "Livia Crawford", None, "female")
    full = MentionData("d", "Olivia Crawford", date(2009, 8, 31), "female")
    pairs = {(x.mention_key, y.mention_key) for x, y in candidate_pairs([a, b, nickname, full])}
    assert ("a", "b") in pairs and ("c", "d") in pairs


def test_an_undated_mention_joins_the_only_person_with_its_name_and_waits_when_there_is_a_namesake():
    from identity.pipeline import SOLE_CANDIDATE, link

    jade = [
        # Both records name the same adult: the corroboration the rule needs (docs/identity.md).
        MentionData("mash:1:child", "Jade Cooper", date(2003, 8, 7), "female", co_named=("lee cooper",)),
        MentionData("hsb:2:child:C1", "Jade Cooper", None, "female", co_named=("lee cooper",)),
    ]
    result = link(jade)
    assert frozenset({"mash:1:child", "hsb:2:child:C1"}) in {frozenset(c) for c in result.clusters}
    assert [c.scored.reason for c in result.auto_links] == [SOLE_CANDIDATE]
    assert not result.review  # settled, so no longer in the queue

    # A cousin of the same name whose record names the same adult: either girl could be meant.
    namesake = MentionData("matrix:GM-9", "Jade Cooper", date(2006, 1, 30), "female", co_named=("lee cooper",))
    result = link(jade + [namesake])
    assert all(len(c) == 1 for c in result.clusters)  # two girls could be meant: an analyst decides
    queued = {frozenset((c.a, c.b)) for c in result.review}
    assert (
        frozenset({"mash:1:child", "hsb:2:child:C1"}) in queued
        and frozenset({"matrix:GM-9", "hsb:2:child:C1"}) in queued
    )
