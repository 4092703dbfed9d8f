"""Namesakes at pan-London size (issue #17, precision at a million rows): the same exact name at another
postcode, with the same or a swapped birthday, is asked when other children carry the name, and a
street name many people carry says little even when written two ways.

Pure (no database); hand-made names and a crowd seed (52183) the rules were not written against."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from identity.bulk import score_pair
from identity.compare import MentionData, compare
from identity.frequency import NameFrequency
from identity.pipeline import link
from identity.score import NAMESAKE_ODDS, Outcome, namesake_odds
from tests.identity_helpers import crowd, linked_together, queued_pairs

SEED = 52183


def child(key: str, dob: date, postcode: str | None, aliases: tuple[str, ...] = ()) -> MentionData:
    return MentionData(
        key, "Oluwaseun Bankole", dob, "male", postcode, aliases=aliases, role="child_at_risk", borough="Lewisham"
    )


def others(n: int) -> list[MentionData]:
    """Other boys carrying the name, each with a birthday of his own (years apart from the pair's)."""
    return [
        MentionData(f"ypss:O{i}:child", "Oluwaseun Bankole", date(1998 + i % 8, 1 + i % 12, 2 + i), "male")
        for i in range(n)
    ]


def test_the_same_name_and_birthday_at_another_postcode_is_asked_when_other_children_carry_the_name():
    a = child("mash:S1:child", date(2010, 3, 14), "SE13 5QT")
    b = child("gangs:S2:nominal", date(2010, 3, 14), "N15 4RB")
    alone = crowd(600, seed=SEED) + [a, b]
    assert compare(a, b)["postcode"] == "different"
    assert linked_together(link(alone), a.mention_key, b.mention_key), "the name is this boy's alone: a move"
    crowded = alone + others(12)
    frequency = NameFrequency(crowded)
    scored = score_pair(a, b, frequency)
    assert scored.namesakes > 0 and namesake_odds(scored.levels, scored.weights, scored.namesakes) < NAMESAKE_ODDS
    assert scored.outcome is Outcome.review and "other children carry the name" in scored.reason
    result = link(crowded)
    assert not linked_together(result, a.mention_key, b.mention_key)
    assert frozenset((a.mention_key, b.mention_key)) in queued_pairs(result)


def test_the_guard_grows_with_the_namesakes_not_with_the_rows():
    """The same two records and the same crowd: what changes the answer is how many other children carry
    the name (their birthdays counted), not how many rows there are."""
    a = child("mash:S1:child", date(2010, 3, 14), "SE13 5QT")
    b = child("gangs:S2:nominal", date(2010, 3, 14), "N15 4RB")
    few = NameFrequency(crowd(600, seed=SEED) + [a, b] + others(2))
    many = NameFrequency(crowd(600, seed=SEED) + [a, b] + others(12))
    levels = compare(a, b)
    assert few.namesakes(a, b, levels) < many.namesakes(a, b, levels)
    assert score_pair(a, b, few).outcome is Outcome.auto_link
    assert score_pair(a, b, many).outcome is Outcome.review
    big_crowd = NameFrequency(crowd(3000, seed=SEED) + [a, b] + others(2))
    assert big_crowd.namesakes(a, b, levels) == few.namesakes(a, b, levels), "more rows, no more namesakes"


def test_a_swapped_day_and_month_at_another_postcode_is_asked_when_other_children_carry_the_name():
    a = child("mash:W1:child", date(2009, 4, 11), "SE6 2JP")
    b = child("hsb:W2:child", date(2009, 11, 4), "E17 9LD")
    assert compare(a, b)["date_of_birth"] == "day_month_swapped"
    alone = crowd(600, seed=SEED) + [a, b]
    assert linked_together(link(alone), a.mention_key, b.mention_key)
    result = link(alone + others(12))
    assert not linked_together(result, a.mention_key, b.mention_key)
    assert frozenset((a.mention_key, b.mention_key)) in queued_pairs(result)


def test_something_that_confirms_it_still_links_the_common_name():
    a = child("mash:S1:child", date(2010, 3, 14), "SE13 5QT")
    b = child("gangs:S2:nominal", date(2010, 3, 14), "N15 4RB")
    same_school = [replace(a, school="Prendergast"), replace(b, school="Prendergast")]
    assert linked_together(link(crowd(600, seed=SEED) + same_school + others(12)), a.mention_key, b.mention_key)
    same_postcode = replace(b, postcode="SE13 5QT")
    frequency = NameFrequency(crowd(600, seed=SEED) + [a, same_postcode] + others(12))
    assert score_pair(a, same_postcode, frequency).outcome is Outcome.auto_link, "nothing recorded differs"


def street_crowd(n: int, name: str) -> list[MentionData]:
    """Young people of other names who carry one street name, as a gang's younger members do."""
    return [
        replace(m, aliases=(name,), mention_key=f"gangs:G{i}:nominal") for i, m in enumerate(crowd(n, seed=SEED + 1))
    ]


def test_a_street_name_many_carry_says_little_even_written_two_ways():
    a = child("gangs:T1:nominal", date(2008, 6, 23), None, aliases=("Ghost",))
    b = child("mash:T2:child", date(2008, 6, 28), None, aliases=("Ghosst",))
    levels = compare(a, b)
    assert levels["alias_or_street_name"] == "similar" and levels["date_of_birth"] == "one_digit"
    # One boy's street name among 3,000 others: term frequency would boost it, but "similar" never gains bits
    # (the bulk bound relies on the table's weight as a ceiling).
    rare = NameFrequency(crowd(3000, seed=SEED) + [a, b])
    common = NameFrequency(crowd(3000, seed=SEED) + [a, b] + street_crowd(600, "Ghost"))
    assert rare.adjustments(a, b, levels).get("alias_or_street_name", 0.0) == 0.0
    assert common.adjustments(a, b, levels)["alias_or_street_name"] < -3
    assert score_pair(a, b, common).total < score_pair(a, b, rare).total


def test_two_namesakes_with_street_names_of_their_own_do_not_share_a_similar_one():
    """Both records' own names are the same, each boy has another street name: the names are the name
    fields' evidence, not a street name written two ways (the commonest wrong link at a million rows)."""
    a = child("gangs:U1:nominal", date(2008, 6, 23), None, aliases=("Blade",))
    b = child("gangs:U2:nominal", date(2008, 6, 28), None, aliases=("Rico",))
    assert compare(a, b)["alias_or_street_name"] == "no_match"
    tee = MentionData("mash:U3:child", "Tee", None, None, "E5 8QL")
    tdot = MentionData("gangs:U4:nominal", "Terrell Okafor", date(2006, 2, 9), "male", "E5 8QL", aliases=("T-Dot",))
    assert compare(tee, tdot)["alias_or_street_name"] == "similar", "a letter said aloud is still the street name"
    written_apart = replace(b, aliases=("Ghost",), name="Oluwaseun Bankole")
    assert compare(replace(a, aliases=("Ghosst",)), written_apart)["alias_or_street_name"] == "similar"
