"""Where identity linkage goes wrong on a generated set: the wrong merges, the missed true pairs
and the queue, counted by the pattern of comparison levels (given, family, date of birth,
postcode, school, alias, borough), so a rule is changed on what the data shows.

    .venv/bin/python -m bench.identity_diagnose --rows 140000 --seed 11 --noise medium

Prints, most frequent first: the automatic links that joined two young people (by level pattern,
with how many links of that pattern were right); the true pairs left unlinked (by the pattern of
their own comparison, and whether a queued question would join them); and the queue's questions
(by pattern, with how many were true). Synthetic data only: names are printed for a few examples.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter

from bench.identity import mentions_from, pairs_of
from bench.load_rate import generate_noise
from identity import queue
from identity.bulk import score_pair
from identity.frequency import NameFrequency
from identity.pipeline import link

FIELDS = ("given_name", "family_name", "date_of_birth", "postcode", "school", "alias_or_street_name", "borough")


def pattern(levels: dict[str, str]) -> str:
    return " ".join(f"{levels.get(f, 'missing')[:10]:10}" for f in FIELDS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--noise", default="medium")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--examples", type=int, default=3)
    args = parser.parse_args()
    folder = generate_noise(args.rows, args.seed, args.noise)
    truth = json.loads((folder / "ground_truth.json").read_text())
    mentions = mentions_from(folder)
    by_key = {m.mention_key: m for m in mentions}
    person_of = {k: p["person_id"] for p in truth["persons"] for k in p["mention_keys"]}
    true_pairs = pairs_of([set(p["mention_keys"]) & by_key.keys() for p in truth["persons"]])
    doubts: list = []  # the open doubts queue.shape was given, to say why a missed pair was not asked
    shape = queue.shape

    def recording(candidates, *rest, **kw):
        doubts.extend(candidates)
        return shape(candidates, *rest, **kw)

    queue.shape = recording
    result = link(mentions)
    queue.shape = shape
    cluster_of = {k: i for i, c in enumerate(result.clusters) for k in c}
    print(f"mentions {len(mentions)}  true pairs {len(true_pairs)}  prior {result.auto_links[0].scored.prior}")

    def same(a: str, b: str) -> bool:
        return person_of.get(a, a) == person_of.get(b, b)

    print("\n== automatic links by pattern: wrong / all (reason) ==")
    wrong, allp, examples = Counter(), Counter(), {}
    for c in result.auto_links:
        key = (pattern(c.scored.levels), c.scored.reason[:30])
        allp[key] += 1
        if not same(c.a, c.b):
            wrong[key] += 1
            examples.setdefault(key, []).append(c)
    for key, n in wrong.most_common(args.top):
        print(f"{n:5} / {allp[key]:6}  {key[0]}  {key[1]}")
        for c in examples[key][: args.examples]:
            a, b = by_key[c.a], by_key[c.b]
            print(f"        {c.scored.total:5}  {a.name!r} {a.dob} {a.postcode} | {b.name!r} {b.dob} {b.postcode}")
    print(f"wrong links {sum(wrong.values())} of {len(result.auto_links)}")

    print("\n== missed true pairs (a sample) by their own pattern: held by the queue / all ==")
    missed = sorted(true_pairs - pairs_of(result.clusters), key=sorted)
    review = {frozenset((cluster_of[c.a], cluster_of[c.b])) for c in result.review}
    sample = random.Random(5).sample(missed, min(len(missed), 20000))
    freq = NameFrequency(mentions)
    held, allm, totals = Counter(), Counter(), {}
    for pair in sample:
        a, b = sorted(pair)
        s = score_pair(by_key[a], by_key[b], freq)
        key = (pattern(s.levels), s.outcome.value)
        allm[key] += 1
        held[key] += frozenset((cluster_of[a], cluster_of[b])) in review
        totals.setdefault(key, []).append(s.total)
    print(f"missed {len(missed)}; sampled {len(sample)}; held {sum(held.values())}")
    unheld = [p for p in sample if frozenset(cluster_of[k] for k in p) not in review]
    shared = sum(1 for p in unheld if set(by_key[min(p)].co_named) & set(by_key[max(p)].co_named))
    print(f"not held {len(unheld)}, of which the two records name a person in common: {shared}")
    for pair in unheld[: args.examples * 5]:
        a, b = (by_key[k] for k in sorted(pair))
        print(
            f"        {a.mention_key[:22]:22} {a.name!r} {a.dob} {a.role} {a.borough} {a.co_named[:2]} |"
            f" {b.mention_key[:22]:22} {b.name!r} {b.dob} {b.role} {b.borough} {b.co_named[:2]}"
            f" | sizes {len(result.clusters[cluster_of[a.mention_key]])}"
            f" {len(result.clusters[cluster_of[b.mention_key]])}"
        )
    for key, n in allm.most_common(args.top):
        t = sorted(totals[key])
        print(f"{held[key]:5} / {n:5}  {key[0]}  {key[1]:8} median {t[len(t) // 2]}")

    print("\n== why the queue does not hold a missed pair (all missed pairs, through other questions too) ==")
    why_not_held(result, missed, cluster_of, doubts, by_key, freq, args.examples)

    print("\n== open doubts before the floor (best per pair of persons): true / all by kind and band ==")
    doubt_rates(doubts, cluster_of, same)

    print("\n== queue by pattern: true / all ==")
    qtrue, qall = Counter(), Counter()
    for c in result.review:
        key = (pattern(c.scored.levels), c.scored.reason[:30])
        qall[key] += 1
        qtrue[key] += same(c.a, c.b)
    for key, n in qall.most_common(args.top):
        print(f"{qtrue[key]:5} / {n:5}  {key[0]}  {key[1]}")
    persons = len({person_of[k] for k in by_key if k in person_of})
    print(f"queue {len(result.review)}  per person {len(result.review) / persons:.3f}")
    mixed = sum(1 for c in result.clusters if len({person_of.get(k, k) for k in c}) > 1)
    linked = pairs_of(result.clusters)
    right = len(linked & true_pairs)
    held_directly = sum(1 for p in missed if frozenset(cluster_of[k] for k in p) in review)
    print(
        f"precision {right / len(linked):.4f}  recall {right / len(true_pairs):.4f}  mixed {mixed}"
        f"  held by one question {held_directly / len(missed):.4f}"
    )


def doubt_rates(doubts, cluster_of, same) -> None:
    """The true share of the doubts queue.shape weighs, by a kind (disagreeing, a given name recorded as an
    initial, no date of birth on one side, the borough) and a band of bits: what the floor's expected rate
    should say at this size."""
    best: dict[frozenset, object] = {}
    for c in doubts:
        key = frozenset((cluster_of[c.a], cluster_of[c.b]))
        if key not in best or c.scored.total > best[key].scored.total:
            best[key] = c
    true, every = Counter(), Counter()
    for c in best.values():
        lv = c.scored.levels
        band = min(int(c.scored.total // 2) * 2, 14)
        kind = (
            "disagree" if queue.disagreeing(lv) else "agree",
            "initial" if lv.get("given_name") == "initial" else "named",
            "undated" if lv.get("date_of_birth") == "missing" else "dated",
            f"borough {lv.get('borough', 'missing')}",
        )
        every[(kind, band)] += 1
        true[(kind, band)] += same(c.a, c.b)
    for (kind, band), n in sorted(every.items(), key=lambda x: (x[0][0], x[0][1])):
        if n >= 20:
            t = true[(kind, band)]
            print(f"{' '.join(kind):42} {band:3}-{band + 2:<3} {t:6} / {n:7}  {t / n:.3f}")


def why_not_held(result, missed, cluster_of, doubts, by_key, freq, examples: int) -> None:
    """Each missed pair no chain of questions would join, by why: its two persons met in no open doubt
    (every pair between them scored below the review level, or no block met them), or the best doubt
    between them was under the queue floor (by its bits band, contradicted, siblings-and-namesakes), or
    it was cut by the per-person cap; and whether the two records are held by one borough."""
    from bench.identity import _confirming

    confirmed = _confirming(result.review, cluster_of)
    best: dict[frozenset, object] = {}
    for c in doubts:
        key = frozenset((cluster_of[c.a], cluster_of[c.b]))
        if key not in best or c.scored.total > best[key].scored.total:
            best[key] = c
    why, boroughs, shown = Counter(), Counter(), Counter()
    for pair in missed:
        a, b = sorted(pair)
        ca, cb = cluster_of[a], cluster_of[b]
        if confirmed(ca) == confirmed(cb):
            continue
        same_borough = (by_key[a].borough or "").lower() == (by_key[b].borough or "").lower()
        c = best.get(frozenset((ca, cb)))
        if c is None:
            s = score_pair(by_key[a], by_key[b], freq)
            band = "below 4.5" if s.total < 4.5 else f"{int(s.total)}"
            lv = s.levels
            kind = "initial" if lv["given_name"] == "initial" else f"given {lv['given_name']}"
            kind += f", family {lv['family_name']}, dob {lv['date_of_birth']}"
            reason = f"no doubt between the persons ({s.outcome.value}, pair at {band} bits; {kind})"
        else:
            rate = queue.expected_rate(
                c.scored.total,
                c.scored.reason.startswith("the records contradict"),
                queue.disagreeing(c.scored.levels),
                c.scored.levels.get("given_name") == "initial",
            )
            if rate < queue.QUEUE_FLOOR and c.scored.total < 14.0:
                kind = "disagreeing" if queue.disagreeing(c.scored.levels) else f"{int(c.scored.total)} bits"
                reason = f"under the floor ({kind}, expected {rate})"
            else:
                reason = f"cut by the per-person cap or a chain (expected {rate})"
        why[reason] += 1
        boroughs[(reason, same_borough)] += 1
        if shown[reason] < examples:
            shown[reason] += 1
            x, y = by_key[a], by_key[b]
            sa, sb = len(result.clusters[ca]), len(result.clusters[cb])
            print(
                f"    e.g. {reason}: {x.name!r} {x.dob} {x.borough} {x.postcode} {x.role} |"
                f" {y.name!r} {y.dob} {y.borough} {y.postcode} {y.role} | sizes {sa} {sb}"
            )
    print(f"not held through any chain: {sum(why.values())} of {len(missed)} missed")
    for reason, n in why.most_common():
        print(f"{n:6}  {reason}  (same borough {boroughs[(reason, True)]}, another {boroughs[(reason, False)]})")


if __name__ == "__main__":
    main()
