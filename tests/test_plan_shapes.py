"""Plans the server must make, and the ones it need not.

Neo4j keeps a plan per query text and per size bucket (0, 1, 10, 100...) of each string or list
parameter. The latency benchmark warms every plan its timed draws will use (it had warmed one
borough, then timed 0.7 s of planning as the latency of "Westminster"), and the result guard
sends its lists in one map, so a restricted reader's answer never waits for a new plan of it.
"""

from __future__ import annotations

import random

from bench.query_latency import plan_shape, size_bucket, warming
from jigsaw import scope_guard
from jigsaw.access import Scope


def test_sizes_fall_in_the_buckets_neo4j_keys_its_plans_by():
    assert [size_bucket(n) for n in (0, 1, 2, 7, 10, 11, 42, 100, 101)] == [0, 1, 10, 10, 10, 100, 100, 100, 1000]


def test_a_long_borough_name_takes_another_plan_than_a_short_one():
    camden, hillingdon, westminster = ({"borough": b} for b in ("Camden", "Hillingdon", "Westminster"))
    assert plan_shape(camden) == plan_shape(hillingdon)  # 6 and 10 letters: one bucket
    assert plan_shape(camden) != plan_shape(westminster)  # 11 letters: the next
    assert plan_shape({"person_ids": ["P-1"] * 30}) != plan_shape({"person_ids": ["P-1"] * 9})
    assert plan_shape({"borough": None}) != plan_shape(camden)


def test_warming_covers_every_shape_of_the_timed_draws_with_draws_of_its_own():
    boroughs = ["Camden", "Brent", "Westminster", "Waltham Forest", "Barking and Dagenham", "Ealing"]
    rng = random.Random(4)

    def drawn(name: str) -> dict:
        return {"borough": rng.choice(boroughs)}

    timed = [drawn("placed_out_of_borough") for _ in range(30)]
    warm = warming("placed_out_of_borough", timed, drawn)
    assert {plan_shape(p) for p in warm} == {plan_shape(p) for p in timed}
    assert len(warm) == 2  # one plan for names of up to 10 letters, one for longer
    assert not any(p is t for p in warm for t in timed)  # drawn apart from the timed draws


def test_a_shape_no_further_draw_finds_is_warmed_with_its_own_timed_draw():
    timed = [{"borough": "Kensington and Chelsea"}, {"borough": "Hackney"}]
    warm = warming("placed_out_of_borough", timed, lambda name: {"borough": "Hackney"})
    assert timed[0] in warm and len(warm) == 2


def test_the_result_guard_asks_with_one_plan_shape_whatever_the_rows_show():
    scope = Scope(sources=("mash",), boroughs=("Hackney",))
    few = scope_guard.Shown(people={"P-1"})
    many = scope_guard.Shown(people={f"P-{n}" for n in range(40)}, records={"R-1", "R-2"}, work={"A-1"})
    sent = [scope_guard.guard_parameters(asked, scope) for asked in (few, many, scope_guard.Shown(entries={"E-1"}))]
    assert len({plan_shape(params) for params in sent}) == 1
    assert sent[1]["asked"]["person_ids"] == sorted(many.people)
