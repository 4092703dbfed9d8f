"""Identity rules that hold quality as the population grows (issue #17, pan-London): a birthday a
slip apart between records of a name many children carry is not enough on its own, questions
between different surnames with nothing else in common are not asked, and a person's fragments
are asked about once each, not pair by pair.

Pure (no database); names, dates and seeds of their own, not those the rules were measured on."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from identity import queue
from identity.compare import MentionData, compare
from identity.frequency import RECORDS_PER_CHILD, NameFrequency
from identity.pipeline import link
from identity.score import Outcome, decide
from tests.identity_helpers import crowd, linked_together, queued_pairs


def pair(postcode: str | None = None) -> tuple[MentionData, MentionData]:
    a = MentionData("mash:P1:child", "Precious Adebayo", date(2009, 5, 14), "female", role="child_at_risk")
    b = MentionData(
        "hsb:P2:child", "Precious Adebayo", date(2009, 5, 17), "female", postcode, role="hsb_child", borough="Brent"
    )
    return a, b


def namesakes(n: int) -> list[MentionData]:
    """Other girls of the same name, born years apart (so none of them is a slip from the pair)."""
    return [
        MentionData(f"ypss:N{i}:child", "Precious Adebayo", date(2000 + i, 1 + i % 12, 3), "female") for i in range(n)
    ]


def test_a_slip_between_records_of_a_name_many_children_carry_is_asked_not_linked():
    a, b = pair()
    alone = crowd(500, seed=3307) + [a, b]
    assert linked_together(link(alone), a.mention_key, b.mention_key), "one child's name: the slip is a typing error"
    shared = alone + namesakes(3 * RECORDS_PER_CHILD)
    frequency = NameFrequency(shared)
    levels = compare(a, b)
    assert levels["date_of_birth"] == "one_digit"
    assert frequency.adjustments(a, b, levels)["date_of_birth"] < frequency.dob_u.adjustment("one_digit") <= 0
    result = link(shared)
    assert not linked_together(result, a.mention_key, b.mention_key)
    assert frozenset((a.mention_key, b.mention_key)) in queued_pairs(result)


def test_a_postcode_still_confirms_a_slip_for_a_common_name():
    a, b = pair(postcode="NW10 4RE")
    a = MentionData(a.mention_key, a.name, a.dob, a.gender, "NW10 4RE", role=a.role)
    result = link(crowd(500, seed=3307) + [a, b] + namesakes(3 * RECORDS_PER_CHILD))
    assert linked_together(result, a.mention_key, b.mention_key)


def test_the_same_full_name_on_a_few_records_loses_nothing():
    a, b = pair()
    frequency = NameFrequency(crowd(500, seed=3307) + [a, b] + namesakes(RECORDS_PER_CHILD - 2))
    levels = compare(a, b)
    assert frequency.adjustments(a, b, levels).get("date_of_birth", 0.0) == frequency.dob_u.adjustment("one_digit")


def test_different_surnames_with_nothing_else_in_common_are_not_asked():
    """Same given name and birthday, another surname, no postcode or school: a coincidence."""
    levels = {
        "given_name": "nickname",
        "family_name": "different",
        "date_of_birth": "exact",
        "alias_or_street_name": "missing",
        "postcode": "missing",
        "school": "missing",
        "gender": "exact",
    }
    assert queue.disagreeing(levels)
    assert not queue.disagreeing({**levels, "postcode": "exact"}), "a shared address is worth asking about"
    assert not queue.disagreeing({**levels, "family_name": "missing"}), "one name alone is no sibling"
    scored = decide(levels)
    assert queue.expected_rate(scored.total, False, queue.disagreeing(levels)) < queue.QUEUE_FLOOR


def test_a_persons_fragments_are_asked_about_once_each():
    """Four undated records of one boy, each a strong doubt with every other (nothing confirms an
    undated name): three questions join them all; the other three would only repeat their answers."""
    fragments = [
        MentionData(f"{agency}:F{i}:child", "Tobiah Mensah-Quaye", None, "male", role="child_at_risk")
        for i, agency in enumerate(["mash", "hsb", "ypss", "mash"])
    ]
    result = link(crowd(300, seed=4471) + fragments)
    keys = {m.mention_key for m in fragments}
    asked = [c for c in result.review if {c.a, c.b} <= keys]
    clusters = {k: i for i, c in enumerate(result.clusters) for k in c}
    groups = {clusters[k] for k in keys}
    assert len(groups) == 4, "undated, nothing confirming them: doubts, not links"
    assert len(asked) == len(groups) - 1
    joined = {clusters[asked[0].a]}
    for _ in asked:
        for c in asked:
            if clusters[c.a] in joined or clusters[c.b] in joined:
                joined |= {clusters[c.a], clusters[c.b]}
    assert joined == groups, "confirming every question joins all the fragments"
    assert all(c.scored.outcome is Outcome.review for c in asked)


def test_a_near_name_at_another_address_is_asked_not_linked():
    """The commonest wrong merge at 300,000 rows: a nickname or a near surname, the same birthday, and a
    postcode or school that differs. Two girls, not one, unless something confirms it."""
    katie = MentionData("mash:B1:child", "Katie Brannigan", date(2010, 7, 21), "female", "SE9 4PL", "Eltham Hill")
    kate = MentionData("ypss:B2:child", "Kate Brannigan", date(2010, 7, 21), "female", "N17 0AB")
    levels = compare(katie, kate)
    assert levels["given_name"] == "nickname" and levels["postcode"] == "different"
    asked = decide(levels)
    assert asked.total >= 14 and asked.outcome is Outcome.review and "differs" in asked.reason
    assert decide({**levels, "postcode": "missing"}).outcome is Outcome.auto_link, "nothing recorded differs"
    assert decide({**levels, "school": "exact"}).outcome is Outcome.auto_link, "the same school confirms it"
    assert decide({**levels, "associate": "shared"}).outcome is Outcome.auto_link, "an associate confirms it"
    near_surname = compare(katie, replace(kate, name="Katie Branigan", school="Plumstead Manor"))
    assert near_surname["family_name"] == "similar" and near_surname["school"] == "different"
    assert decide(near_surname).outcome is Outcome.review
    result = link(crowd(400, seed=31) + [katie, kate])
    assert not linked_together(result, katie.mention_key, kate.mention_key)
    assert frozenset((katie.mention_key, kate.mention_key)) in queued_pairs(result)
