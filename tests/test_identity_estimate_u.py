"""u for the date of birth measured on the mentions being linked (identity/estimate_u.py): the same
figure as comparing every pair of dates, commoner slips between strangers born within a few
years of each other weigh less, and nothing is ever made to weigh more than score.M_U says.

Pure (no database); the dates are drawn with seeds nothing in identity/ was written against."""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import permutations
from types import SimpleNamespace

from identity.compare import MentionData, compare, compare_dob
from identity.estimate_u import MEASURED, MIN_DATED, DateOfBirthU
from identity.frequency import NameFrequency
from identity.score import M_U


def born_between(first: date, last: date, n: int, seed: int) -> list[date]:
    rng = random.Random(seed)
    span = (last - first).days
    return [first + timedelta(days=rng.randint(0, span)) for _ in range(n)]


def test_the_estimate_is_what_comparing_every_pair_of_dates_gives():
    # Leap days, month ends, the 12th (where day and month swap), years a digit apart, and repeats.
    dobs = born_between(date(2007, 12, 20), date(2009, 3, 5), 420, seed=80411)
    dobs += [date(2008, 2, 29), date(2008, 2, 28), date(2008, 12, 2), date(2008, 2, 12), date(2008, 12, 31)] * 3
    dobs += [None] * 40  # undated mentions count for nothing
    dated = [SimpleNamespace(dob=d) for d in dobs if d is not None]
    seen = dict.fromkeys(MEASURED, 0)
    for a, b in permutations(dated, 2):
        level = compare_dob(a, b)
        if level in seen:
            seen[level] += 1
    estimate = DateOfBirthU(dobs)
    ordered = len(dated) * (len(dated) - 1)
    for level in MEASURED:
        assert abs(estimate.u[level] - seen[level] / ordered) < 1e-12, level


def test_children_born_within_a_few_years_make_a_one_digit_slip_weigh_less():
    estimate = DateOfBirthU(born_between(date(2008, 1, 1), date(2011, 12, 31), 3000, seed=51877))
    hand_set = M_U["date_of_birth"]["one_digit"][1]
    assert estimate.u["one_digit"] > 2 * hand_set
    assert estimate.adjustment("one_digit") < -1.0
    assert estimate.adjustment("exact") == 0.0 and estimate.adjustment("missing") == 0.0


def test_a_population_spread_over_decades_keeps_the_hand_set_weights():
    """Never more than score.M_U's bits: the bulk bound relies on them as a ceiling."""
    estimate = DateOfBirthU(born_between(date(1940, 1, 1), date(2020, 12, 31), 3000, seed=51877))
    assert estimate.u["one_digit"] < M_U["date_of_birth"]["one_digit"][1]
    assert all(estimate.adjustment(level) == 0.0 for level in MEASURED + ("exact", "different"))


def test_too_few_dates_say_nothing_and_odd_dates_do_not_break_it():
    assert DateOfBirthU(born_between(date(2009, 1, 1), date(2009, 2, 1), MIN_DATED - 1, seed=3)).adjust == {}
    odd = [date(1, 1, 1), date(9999, 12, 31), date(1000, 1, 1), None] * 70
    estimate = DateOfBirthU(odd)
    assert set(estimate.u) == set(MEASURED)


def test_the_slip_weight_is_lowered_in_the_pair_score():
    crowd = [
        MentionData(f"mash:K{i}:child", f"Kid{i} Crowd{i % 40}", d)
        for i, d in enumerate(born_between(date(2009, 1, 1), date(2010, 12, 31), 800, seed=27195))
    ]
    a = MentionData("mash:A:child", "Marta Nowakowska", date(2010, 3, 14))
    b = MentionData("hsb:B:child", "Marta Nowakowska", date(2010, 3, 19))
    frequency = NameFrequency(crowd + [a, b])
    levels = compare(a, b)
    assert levels["date_of_birth"] == "one_digit"
    assert frequency.adjustments(a, b, levels)["date_of_birth"] == frequency.dob_u.adjustment("one_digit") < 0
