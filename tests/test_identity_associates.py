"""Person-level evidence (issue #17, pan-London): a person both sides' records name. It adds bits
and confirms an initial or a slip as a postcode does, but never passes the given-name guard, the
contradiction veto or a doubt between two persons; a record naming a crowd is no one's associate.

Pure (no database); names, dates and crowds of their own, not those the evidence was measured on."""

from __future__ import annotations

import time
from datetime import date

from identity import associates, score
from identity.compare import MentionData
from identity.pipeline import link
from identity.score import Outcome
from tests.identity_helpers import crowd, linked_together, queued_pairs


def tobias(named: tuple[str, ...] = ("marcus achterberg",)) -> list[MentionData]:
    """Two records of one boy (exactly alike, linked first) and a third giving only his initial."""
    return [
        MentionData("matrix:T1", "Tobias Wrenfield", date(2009, 2, 11), "male", co_named=("marcus achterberg",)),
        MentionData("mash:T2:child", "Tobias Wrenfield", date(2009, 2, 11), "male", role="child_at_risk"),
        MentionData("hsb:T3:child:C1", "T. Wrenfield", date(2009, 2, 11), "male", co_named=named),
    ]


def test_an_initial_and_a_birthday_link_when_the_persons_name_someone_in_common(monkeypatch):
    """Among many mentions (a prior of -4.9 bits) "T. Wrenfield" with the birthday is not enough;
    the adult his matrix record names is named on the HSB record too, which is."""
    monkeypatch.setattr(score, "CALIBRATED_AT", 20)
    alone = link(crowd(600, seed=47) + tobias(named=("someone else entirely",)))
    assert linked_together(alone, "matrix:T1", "mash:T2:child")
    assert not linked_together(alone, "mash:T2:child", "hsb:T3:child:C1")
    assert any("hsb:T3:child:C1" in pair for pair in queued_pairs(alone))

    result = link(crowd(600, seed=47) + tobias())
    assert linked_together(result, "mash:T2:child", "hsb:T3:child:C1")
    joined = [c for c in result.auto_links if "hsb:T3:child:C1" in (c.a, c.b)]
    assert joined and all(c.scored.levels["associate"] == "shared" for c in joined)
    assert all(c.scored.weights["associate"] > 5 for c in joined)


def test_the_evidence_is_the_persons_not_only_the_two_records():
    """The HSB record and the MASH record name no one in common; the MASH record's person does."""
    mentions = tobias()
    by_key = {m.mention_key: m for m in mentions}
    persons = {"T": {"matrix:T1", "mash:T2:child"}, "H": {"hsb:T3:child:C1"}}
    root = {k: p for p, keys in persons.items() for k in keys}.__getitem__
    known = associates.Associates(persons, by_key, root)
    assert not set(by_key["mash:T2:child"].co_named) & set(by_key["hsb:T3:child:C1"].co_named)
    assert known.shared("mash:T2:child", "hsb:T3:child:C1") == {"marcus achterberg"}


def test_twins_naming_the_same_people_are_still_two_children():
    circle = ("dele okafor", "precious okafor")
    twins = [
        MentionData("mash:W1:child", "Ruth Okafor", date(2010, 6, 3), "female", co_named=circle),
        MentionData("ypss:W2:child", "Rhoda Okafor", date(2010, 6, 3), "female", co_named=circle),
    ]
    result = link(crowd(300, seed=5) + twins)
    assert not linked_together(result, "mash:W1:child", "ypss:W2:child")


def test_an_associate_never_passes_the_contradiction_veto():
    """An undated child at risk and an adult born 2001 of the same name, naming the same man."""
    child = MentionData(
        "mash:K1:child",
        "Kemi Adeleke",
        None,
        "female",
        "E8 1AA",
        role="child_at_risk",
        record_date=date(2024, 3, 1),
        co_named=("victor hale",),
    )
    adult = MentionData("matrix:K2", "Kemi Adeleke", date(2001, 4, 9), "female", "E8 1AA", co_named=("victor hale",))
    result = link(crowd(300, seed=9) + [child, adult])
    assert not linked_together(result, child.mention_key, adult.mention_key)
    asked = [c for c in result.review if {c.a, c.b} == {child.mention_key, adult.mention_key}]
    assert asked and "contradict" in asked[0].scored.reason


def test_an_undated_record_is_not_made_to_join_two_birthdays():
    """An undated "Nia Clarke", linked by her postcode to the Nia born 2008, whose person names the
    same adult as another Nia's, born 2011: the link would give one person two birthdays, so it is
    asked."""
    nia = [
        MentionData("mash:N1:child", "Nia Clarke", date(2008, 4, 2), "female", "SE15 2AB", co_named=("ola grant",)),
        MentionData("hsb:N2:child:C1", "Nia Clarke", None, "female", "SE15 2AB"),
        MentionData("ypss:N3:child", "Nia Clarke", date(2011, 9, 20), "female", "N4 3ZZ", co_named=("ola grant",)),
    ]
    result = link(crowd(300, seed=13) + nia)
    assert linked_together(result, "mash:N1:child", "hsb:N2:child:C1")
    assert not linked_together(result, "hsb:N2:child:C1", "ypss:N3:child")
    asked = [c for c in result.review if {c.a, c.b} == {"hsb:N2:child:C1", "ypss:N3:child"}]
    assert asked and asked[0].scored.levels["associate"] == "shared" and "different dates" in asked[0].scored.reason


def test_a_record_naming_a_crowd_is_no_ones_associate():
    """Attack: a record naming 5,000 people would make its person everyone's associate. Its names
    are not used, and linking stays quick."""
    everyone = crowd(400, seed=21)
    register = tuple(f"person {i}" for i in range(5000)) + ("marcus achterberg",)
    records = tobias()
    records[2] = MentionData("hsb:T3:child:C1", "T. Wrenfield", date(2009, 2, 11), "male", co_named=register)
    by_key = {m.mention_key: m for m in records}
    known = associates.Associates({m.mention_key: [m.mention_key] for m in records}, by_key, lambda k: k)
    assert not known.shared("matrix:T1", "hsb:T3:child:C1")
    began = time.process_time()
    link(everyone + records)
    assert time.process_time() - began < 30


def test_an_associate_many_persons_name_says_less():
    named = {f"p{i}": [f"k{i}"] for i in range(400)}
    mentions = {
        f"k{i}": MentionData(f"k{i}", f"Child {i}", co_named=("the same youth worker",) if i < 100 else (f"adult {i}",))
        for i in range(400)
    }
    known = associates.Associates(named, mentions, lambda k: "p" + k[1:])
    common = known.adjustment(frozenset({"the same youth worker"}))
    rare = known.adjustment(frozenset({"adult 300"}))
    assert -associates.MAX_PENALTY <= common < -1 and rare == 0.0


def test_a_measured_u_only_ever_lowers_the_weight():
    assert associates.u_adjustment(None) == 0.0
    assert associates.u_adjustment(0.0001) == 0.0  # rarer than the table says: no extra bits
    assert associates.u_adjustment(0.02) < -3
    assert associates.measured_u([("a", "b")] * 10, None) is None  # too few doubts to say


def test_scoring_again_keeps_every_other_weight():
    levels = {
        "given_name": "initial",
        "family_name": "exact",
        "date_of_birth": "exact",
        "alias_or_street_name": "missing",
        "postcode": "missing",
        "school": "missing",
        "gender": "exact",
    }
    first = score.decide(levels, adjust={"family_name": 0.73, "date_of_birth": -0.4}, prior=-4.0)
    again = score.with_level(first, "associate", "shared", -0.5)
    assert first.outcome is Outcome.review
    assert {f: w for f, w in again.weights.items() if f != "associate"} == first.weights
    assert again.weights["associate"] == round(score.weight("associate", "shared") - 0.5, 2)
    assert again.total == round(first.total + again.weights["associate"], 2) and again.prior == first.prior


def test_records_met_only_through_an_associate_are_asked_never_linked(monkeypatch):
    """As if every block were too crowded to compare: the two records meet only because their
    persons name the same adult, and however strong the rest, an analyst decides."""
    from identity import bulk

    monkeypatch.setattr(bulk, "blocking_keys", lambda m: ())
    pair = [
        MentionData("mash:Q1:child", "Idris Mensah-Bello", date(2011, 1, 5), "male", co_named=("ayo bello",)),
        MentionData("hsb:Q2:child:C1", "Idris Mensah-Bello", date(2011, 1, 5), "male", co_named=("ayo bello",)),
    ]
    result = link(pair)
    assert result.pairs_compared == 0 and not linked_together(result, "mash:Q1:child", "hsb:Q2:child:C1")
    (asked,) = result.review
    assert asked.scored.total >= score.AUTO_LINK and "met only through" in asked.scored.reason
