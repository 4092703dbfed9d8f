"""Identity linkage quality and speed against the generator's ground truth.

    .venv/bin/python -m bench.identity                       # low, medium, high noise at ~10,000 mentions
    .venv/bin/python -m bench.identity --rows 60000 --noise medium
    .venv/bin/python -m bench.identity --rows 140000 --noise medium --wrong-links 10   # and what mixed the persons

Mentions are built from generated files through the loaders' own validation and graph
mapping, then linked by `identity.pipeline.link`. Pair-level figures: precision and recall
of automatic links (pairs put in the same person), and the share of true pairs left
unlinked whose two clusters the queued questions would join if confirmed (by one question or
through others; `held_by_one_question` counts the first only). The reference in the same run is
the exact name-and-birthday baseline the loader uses today.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

from bench.load_rate import generate_noise
from bench.output import print_rows
from graph_loader.graph_rows import TO_ROWS
from graph_loader.load import validate_paths
from identity import queue
from identity.bulk import workers
from identity.compare import MentionData
from identity.contradict import role_and_age
from identity.pipeline import link


def mentions_from(folder: Path) -> list[MentionData]:
    out = []
    for validated in validate_paths(None, folder):
        for record in validated.records:
            row = TO_ROWS[validated.source.key](record.record)
            named = [m["props"]["name_key"] for m in row["mentions"] if " " in m["props"].get("name_key", "")]
            for m in row["mentions"]:
                props = m["props"]
                if "name" not in props:
                    continue  # associates named only by nominal id resolve by id, not by linkage
                aliases = (
                    tuple(props.get("aliases", []))
                    + tuple(props.get("street_names", []))
                    + ((props["alias"],) if props.get("alias") else ())
                )
                co_named = tuple(sorted(set(named) - {props.get("name_key")}))
                out.append(
                    MentionData(
                        m["mention_key"],
                        props["name"],
                        props.get("dob"),
                        props.get("gender"),
                        props.get("postcode"),
                        m["school_name"],
                        aliases,
                        role=m["role"],
                        record_date=row["record_date"],
                        borough=row["borough"],
                        co_named=co_named,
                    )
                )
    return out


def _cpu() -> float:
    """CPU seconds of this process and its finished workers: on a shared machine, what the work cost."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def pairs_of(groups) -> set[frozenset[str]]:
    return {frozenset(p) for g in groups for p in combinations(sorted(g), 2)}


def _confirming(review, cluster_of: dict[str, int]):
    """Cluster -> the cluster it would be part of were every queued question confirmed."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for c in review:
        a, b = find(cluster_of[c.a]), find(cluster_of[c.b])
        parent[max(a, b)] = min(a, b)
    return find


def exact_baseline(mentions: list[MentionData]) -> list[set[str]]:
    from graph_loader.keys import name_key

    groups: dict[tuple, set[str]] = {}
    for m in mentions:
        key = (name_key(m.name), m.dob) if m.dob else (m.mention_key,)
        groups.setdefault(key, set()).add(m.mention_key)
    return list(groups.values())


def wrong_links(result, person_of: dict[str, str], top: int) -> list[tuple[int, int, str]]:
    """The automatic links that joined two young people, counted by reason and level pattern (the
    commonest first, with how many links of that pattern there were): what mixed the persons."""
    wrong, every = Counter(), Counter()
    for c in result.auto_links:
        key = (
            c.scored.reason[:40]
            + " | "
            + " ".join(f"{f[:6]}={v}" for f, v in c.scored.levels.items() if v != "missing")
        )
        every[key] += 1
        wrong[key] += person_of.get(c.a, c.a) != person_of.get(c.b, c.b)
    return [(n, every[key], key) for key, n in wrong.most_common(top) if n]


def evaluate(folder: Path, show_wrong: int = 0, why: bool = False) -> dict:
    read_began = time.perf_counter()
    truth = json.loads((folder / "ground_truth.json").read_text())
    mentions = mentions_from(folder)
    read_seconds = time.perf_counter() - read_began
    keys = {m.mention_key for m in mentions}
    true_pairs = pairs_of([set(p["mention_keys"]) & keys for p in truth["persons"]])
    doubts: list = []  # with `why`: the open doubts the queue was shaped from (bench.identity_diagnose)
    shape = queue.shape
    if why:
        queue.shape = lambda candidates, *rest, **kw: shape(doubts.extend(candidates) or candidates, *rest, **kw)
    began, cpu_began = time.perf_counter(), _cpu()
    try:
        result = link(mentions)
    finally:
        queue.shape = shape
    seconds, cpu_seconds = time.perf_counter() - began, _cpu() - cpu_began
    linked = pairs_of(result.clusters)
    cluster_of = {k: i for i, c in enumerate(result.clusters) for k in c}
    # The queue holds a missed pair when confirming its questions would join the pair's two clusters:
    # by one question, or through others (queue.shape asks A-B and B-C, not A-C as well).
    review = {frozenset((cluster_of[c.a], cluster_of[c.b])) for c in result.review}
    missed = true_pairs - linked
    directly = {p for p in missed if frozenset(cluster_of[k] for k in p) in review}
    confirmed = _confirming(result.review, cluster_of)
    covered = {p for p in missed if len({confirmed(cluster_of[k]) for k in p}) == 1}
    person_of = {k: p["person_id"] for p in truth["persons"] for k in p["mention_keys"]}
    persons = len({person_of[k] for k in keys if k in person_of})
    by_key = {m.mention_key: m for m in mentions}
    # Persons built from two young people's records, and those holding a child role against an adult's age.
    mixed = sum(1 for c in result.clusters if len({person_of.get(k, k) for k in c}) > 1)
    role_age = sum(
        1 for c in result.clusters if any(role_and_age(by_key[x], by_key[y]) for x, y in combinations(sorted(c), 2))
    )
    for n, of, key in wrong_links(result, person_of, show_wrong):
        print(f"wrong links {n:5} of {of:7}  {key}")
    if why:
        from bench.identity_diagnose import doubt_rates, why_not_held
        from identity.frequency import NameFrequency

        def same(a: str, b: str) -> bool:
            return person_of.get(a, a) == person_of.get(b, b)

        print("== why the queue does not hold a missed pair ==")
        why_not_held(result, missed, cluster_of, doubts, by_key, NameFrequency(mentions), 3)
        print("== open doubts before the floor: true / all by kind and band ==")
        doubt_rates(doubts, cluster_of, same)
    true_questions = sum(1 for c in result.review if person_of.get(c.a, c.a) == person_of.get(c.b, c.b))
    baseline = pairs_of(exact_baseline(mentions))
    precision = len(linked & true_pairs) / len(linked) if linked else 1.0
    recall = len(linked & true_pairs) / len(true_pairs) if true_pairs else 1.0
    return {
        "mentions": len(mentions),
        "true_pairs": len(true_pairs),
        "pairs_compared": result.pairs_compared,
        "pairs_scored": result.pairs_scored,
        "auto_precision": round(precision, 4),
        "auto_recall": round(recall, 4),
        "auto_f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "mixed_persons": mixed,
        "role_age_merges": role_age,
        "vetoed": result.vetoed,
        "persons": persons,
        "review_queue": len(result.review),
        "queue_per_person": round(len(result.review) / persons, 3) if persons else 0.0,
        "review_recall_of_missed": round(len(covered) / len(missed), 4) if missed else 1.0,
        "held_by_one_question": round(len(directly) / len(missed), 4) if missed else 1.0,
        "queue_true_rate": round(true_questions / len(result.review), 3) if result.review else 0.0,
        "queue_expected_rate": result.expected_true_rate,
        "read_seconds": round(read_seconds, 2),  # building the mentions from the files (not linkage)
        "seconds": round(seconds, 2),  # linkage alone: identity.pipeline.link, wall clock
        "cpu_seconds": round(cpu_seconds, 2),
        "workers": workers(),
        "baseline_precision": round(len(baseline & true_pairs) / len(baseline), 4) if baseline else 1.0,
        "baseline_recall": round(len(baseline & true_pairs) / len(true_pairs), 4) if true_pairs else 1.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--noise", nargs="*", default=["low", "medium", "high"])
    parser.add_argument("--wrong-links", type=int, default=0, help="print the commonest patterns of wrong links")
    parser.add_argument("--why", action="store_true", help="print why the queue does not hold each missed pair")
    args = parser.parse_args()
    rows = []
    for noise in args.noise:
        began = time.perf_counter()
        folder = generate_noise(args.rows, args.seed, noise)
        generated = time.perf_counter() - began
        row = {"noise": noise, "rows": args.rows, "generate_seconds": round(generated, 2)}
        rows.append(row | evaluate(folder, args.wrong_links, args.why))
        rows[-1]["whole_seconds"] = round(time.perf_counter() - began, 2)  # generating, reading, linking, scoring
    print_rows(rows)


if __name__ == "__main__":
    main()
