"""graph_loader/list_files.py: all London's missing-rising, harmed-nominals and peer-on-peer HSB lists
worked out in Python the way cypher/summary/rising_build.cypher, harmed_build.cypher and
peer_hsb_build.cypher work them out. The whole against the
Cypher on an imported graph is tests/test_first_load.py; here, the Cypher semantics it must copy."""

from __future__ import annotations

from datetime import date

from graph_loader import list_files
from graph_loader.models.vocab import CseCategory


def referral(key, day, category, borough="Hackney", missing=None, looked_after=False, mentions=("m1",)):
    return (key, day, borough, category, missing, looked_after, "mash", tuple(mentions))


PERSON_OF = {"m1": "P1", "m2": "P1", "m3": "P2"}


def facts(*referrals, boroughs=("Hackney", "Camden")):
    return {b: f for _, f, b in list_files.rising_facts(referrals, PERSON_OF, set(boroughs))}


def test_every_category_the_model_allows_has_its_level():
    # rising_build: CASE 'none' THEN 0 ELSE toInteger(category); a new category must be ranked here too.
    assert list_files.LEVELS == {c.value: (0 if c.value == "none" else int(c.value)) for c in CseCategory}


def test_any_is_three_valued_as_in_cypher():
    assert list_files._any([False, None, True]) is True
    assert list_files._any([False, None]) is None
    assert list_files._any([False, False]) is False


def test_a_referral_with_no_date_comes_last_and_a_day_is_ordered_by_key():
    undated = facts(referral("r0", None, "3"), referral("r1", date(2024, 1, 1), "1"))
    assert undated[None]["categories"] == ["1", "3"] and undated[None]["first_date"] == date(2024, 1, 1)
    assert "last_date" not in undated[None]  # the latest referral has no date: no property
    same_day = facts(referral("r9", date(2024, 1, 1), "2"), referral("r10", date(2024, 1, 1), "none"))
    assert same_day[None]["categories"] == ["none", "2"]  # "r10" < "r9" as text: a rise


def test_a_child_named_twice_in_one_referral_counts_it_twice():
    twice = facts(referral("r1", date(2024, 1, 1), "1", mentions=("m1", "m2")), referral("r2", date(2024, 2, 1), "2"))
    assert twice[None]["referrals"] == 3 and twice[None]["categories"] == ["1", "1", "2"]


def test_a_missing_category_at_either_end_judges_no_rise_and_one_between_is_kept_empty():
    assert facts(referral("r1", date(2024, 1, 1), None), referral("r2", date(2024, 2, 1), "3")) == {}
    kept = facts(
        referral("r1", date(2024, 1, 1), "1", missing=2),
        referral("r2", date(2024, 2, 1), None, "Camden", missing=1, looked_after=None),
        referral("r3", date(2024, 3, 1), "3"),
    )
    assert kept[None]["categories"] == ["1", "", "3"]
    assert kept[None]["missing_episodes"] == [2, 1, 0] and kept[None]["missing_rose"] is False
    assert "looked_after" not in kept[None]  # any() of false, null, false is null: no property
    assert kept["Hackney"]["categories"] == ["1", "3"] and kept["Hackney"]["looked_after"] is False
    assert "Camden" not in kept  # one referral there


def test_a_borough_with_no_borough_node_has_no_fact_of_its_own():
    rows = (referral("r1", date(2024, 1, 1), "1", "Nowhere"), referral("r2", date(2024, 2, 1), "2", "Nowhere"))
    assert set(facts(*rows)) == {None}


def test_harmed_lists_by_source_in_key_order_a_record_with_no_source_in_none():
    entry = (
        "matrix:N1",
        {"source_id": "N1", "gangs": None, "harm_band": "red", "status": "active", "borough": "Hackney"},
        ("m3",),
    )
    naming = [
        ("mash:b", "mash", None, ("m3",)),
        ("mash:a", "mash", "Camden", ("m3",)),
        ("hsb:c", "hsb", "Hackney", ("m3",)),
        ("odd:d", None, "Hackney", ("m3",)),
        ("police:e", "police", "Hackney", ("m3", "m3")),
    ]
    [(key, fact)] = list_files.harmed_facts(naming, [entry], PERSON_OF)
    assert key == "matrix:N1" and "gangs" not in fact
    assert fact["harmed_mash"] == ["mash:a", "mash:b"] and fact["harmed_hsb"] == ["hsb:c"]
    assert fact["harmed_other"] == ["police:e"]  # NOT null IN [...] is null: the sourceless record is in none
    assert fact["named_keys"] == ["hsb:c", "mash:a", "mash:b", "odd:d", "police:e"]
    assert fact["named_boroughs"][2] == ""  # no borough: '' as coalesce keeps it
    assert (fact["rank"], fact["rank_mash"], fact["rank_hsb"], fact["rank_all"]) == (-1, -3, -2, -4)


def test_an_entry_whose_nominal_mention_resolved_to_no_one_has_no_fact():
    entry = (
        "matrix:N2",
        {"source_id": "N2", "gangs": ["G"], "harm_band": None, "status": "active", "borough": "X"},
        ("m9",),
    )
    assert list_files.harmed_facts([], [entry], PERSON_OF) == []


def test_peer_hsb_children_in_id_order_once_each_referrals_by_key_and_the_first_school_by_name():
    person_of = {"d1": "P2", "d2": "P1", "h1": "P2", "r1": "P2", "r2": "P1", "r3": "P2"}
    case = ("hsb:C1", "C1", "Hackney", ("d1", "d2"), ("h1",), ("school:z", "school:a", "school:none"))
    mash = [("mash:R2", "Camden", ("r1",)), ("mash:R1", None, ("r2", "r3")), ("mash:R3", "Hackney", ("x",))]
    names = {"school:z": "Zeta", "school:a": "Alpha", "school:none": None}
    [(key, fact)] = list_files.peer_facts([case], mash, person_of, names)
    assert key == "hsb:C1"
    assert fact == {
        "hsb_case": "C1",
        "school": "Alpha",
        "displaying": ["P1", "P2"],
        "harmed": ["P2"],  # a child in both roles is in both lists, and counted once in MASH
        "in_mash": ["P1", "P2"],
        "mash_referrals": ["mash:R1", "mash:R2"],  # R3 names no child of the case
        "referral_boroughs": ["", "Camden"],  # coalesce(borough, '')
        "rank": -2,
        "borough": "Hackney",
    }


def test_peer_hsb_no_fact_without_a_child_in_mash_and_no_school_or_date_is_no_property():
    person_of = {"h1": "P1", "r1": "P1", "d1": "P9"}
    cases = [
        ("hsb:C1", "C1", None, (), ("h1",), ()),  # no date: in no borough's list; no school
        ("hsb:C2", "C2", "Hackney", ("d1",), ("gone",), ()),  # its children in no referral; one unresolved
    ]
    [(key, fact)] = list_files.peer_facts(cases, [("mash:R1", "Hackney", ("r1",))], person_of, {})
    assert key == "hsb:C1" and "school" not in fact and "borough" not in fact
    assert fact["displaying"] == [] and fact["harmed"] == fact["in_mash"] == ["P1"] and fact["rank"] == -1
