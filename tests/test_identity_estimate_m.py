"""m for a postcode or school that differs, measured on one child's own records (identity/estimate_m.py):
records sharing an exact name and birthday are one child's, so how often their postcodes differ is how
often a child's do. Hand-made children (no generator), moving and staying put."""

from __future__ import annotations

import math
from datetime import date

from identity.bulk import score_pair
from identity.compare import MentionData, compare
from identity.estimate_m import MAX_PENALTY, MIN_PAIRS, DifferingM
from identity.frequency import NameFrequency
from identity.score import weight

GIVEN = ["Ayo", "Bilal", "Chidera", "Dariusz", "Esme", "Fatou", "Gethin", "Halima", "Ines", "Jakub"]
FAMILY = ["Okonjo", "Rahman", "Nowak", "Price", "Sesay", "Tran", "Varga", "Whyte", "Yilmaz", "Zubair"]


def children(n: int, records: int, moving: bool) -> list[MentionData]:
    """n children with `records` records each; a moving child's records give a postcode in another
    district each time, a child who stays put the same one."""
    out = []
    for c in range(n):
        name = f"{GIVEN[c % 10]} {FAMILY[c // 10 % 10]}"
        dob = date(2007 + c % 5, 1 + c % 12, 1 + c % 28)
        for r in range(records):
            postcode = f"SE{1 + (c + r) % 28 if moving else 1 + c % 28} {1 + c % 9}QT"
            out.append(MentionData(f"mash:C{c}R{r}:child", name, dob, "female", postcode, role="child_at_risk"))
    return out


def test_children_who_never_move_make_another_postcode_say_more():
    staying = NameFrequency(children(100, 3, moving=False))
    assert staying.differing_m.pairs["postcode"] == 300 >= MIN_PAIRS
    assert staying.differing_m.m["postcode"] < 0.01
    assert staying.differing_m.adjustment("postcode") == -MAX_PENALTY, "bounded, as a common name's penalty is"


def test_children_who_move_leave_the_table_as_it_was():
    moving = NameFrequency(children(100, 3, moving=True))
    assert moving.differing_m.m["postcode"] > 0.9
    assert moving.differing_m.adjustment("postcode") == 0.0, "never more bits than the table's m gives"


def test_too_few_of_one_childs_records_say_nothing():
    few = NameFrequency(children(30, 3, moving=False))
    assert few.differing_m.pairs["postcode"] < MIN_PAIRS and few.differing_m.adjustment("postcode") == 0.0


def test_the_measured_m_weighs_a_pair_at_another_postcode():
    crowd = children(100, 3, moving=False)
    a = MentionData("mash:Q1:child", "Kemi Adeyemi", None, "female", "N1 2AA")
    b = MentionData("ypss:Q2:child", "Kemi Adeyemi", None, "female", "E8 3BB")
    assert compare(a, b)["postcode"] == "different"
    staying = score_pair(a, b, NameFrequency(crowd + [a, b]))
    assert math.isclose(staying.weights["postcode"], round(weight("postcode", "different") - MAX_PENALTY, 2))
    moving = score_pair(a, b, NameFrequency(children(100, 3, moving=True) + [a, b]))
    assert moving.weights["postcode"] == round(weight("postcode", "different"), 2)
    assert staying.total < moving.total


def test_schools_are_measured_the_same_way():
    same_school = [
        MentionData(
            f"mash:S{c}R{r}:child",
            f"{GIVEN[c % 10]} {FAMILY[c // 10]}",
            date(2009, 1 + c % 12, 5),
            None,
            school=f"School {c}",
        )
        for c in range(100)
        for r in range(3)
    ]
    measured = DifferingM(((m.name, m.dob), m.postcode, m.school, m.borough) for m in same_school)
    assert measured.pairs["school"] == 300 and measured.adjustment("school") == -MAX_PENALTY


def test_the_borough_holding_the_records_is_evidence_measured_both_ways():
    """Namesakes across London are held by other boroughs; one borough's data alone says nothing."""
    a = MentionData("mash:H1:child", "Kemi Adeyemi", date(2009, 2, 2), "female", borough="Hackney")
    b = MentionData("ypss:H2:child", "Kemi Adeyemi", date(2009, 2, 2), "female", borough="hackney ")
    c = MentionData("ypss:H3:child", "Kemi Adeyemi", date(2009, 2, 2), "female", borough="Croydon")
    assert compare(a, b)["borough"] == "exact" and compare(a, c)["borough"] == "different"
    boroughs = ["Hackney", "Croydon"] + [f"Borough {k}" for k in range(30)]
    london = [
        MentionData(m.mention_key, m.name, m.dob, m.gender, m.postcode, borough=boroughs[k // 3 % 32])
        for k, m in enumerate(children(100, 3, moving=False))
    ]
    spread = NameFrequency(london + [a, b, c])
    assert spread.same_borough == 0.0, "32 boroughs: two strangers share one less often than the table's u"
    assert spread.differing_m.adjustment("borough") < 0, "one child's records are held by one borough here"
    assert score_pair(a, b, spread).weights["borough"] > 0 > score_pair(a, c, spread).weights["borough"]
    one_borough = NameFrequency([MentionData(m.mention_key, m.name, m.dob, borough="Hackney") for m in london])
    assert one_borough.same_borough < -4 and score_pair(a, b, one_borough).weights["borough"] < 0.5
