"""Splink against Jigsaw's own linkage steps, on the same mentions and ground truth.

    .venv/bin/pip install '.[splink]'          # Splink and DuckDB are not needed to run Jigsaw
    .venv/bin/python -m bench.identity_splink                     # low, medium, high noise
    .venv/bin/python -m bench.identity_splink --rows 60000 --noise medium

Splink is set up as its documentation recommends for people: name comparisons with
Jaro-Winkler levels and term-frequency adjustment, the date-of-birth comparison, postcode,
school, gender and alias; u estimated by random sampling, m by expectation maximisation
over two blocking rules, so it needs no labels. Its pairwise match probabilities are
clustered at an automatic-link threshold, and pairs above a lower threshold form its
review queue. The figures use the same definitions as `bench.identity`, whose run on the
same data is printed beside them.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path

from bench.identity import evaluate, mentions_from, pairs_of
from bench.load_rate import generate_noise
from bench.output import print_rows
from identity.normalise import name_parts


def records(folder: Path) -> dict[str, list]:
    """Mentions as Splink's input table (column lists), names already folded into parts."""
    columns: dict[str, list] = {
        c: [] for c in ("unique_id", "first_name", "surname", "dob", "postcode", "school", "gender", "alias")
    }
    for m in mentions_from(folder):
        parts = name_parts(m.name)
        columns["unique_id"].append(m.mention_key)
        columns["first_name"].append(parts.given or None)
        columns["surname"].append(" ".join(parts.family) or None)
        columns["dob"].append(m.dob.isoformat() if m.dob else None)
        columns["postcode"].append(m.postcode)
        columns["school"].append(m.school.lower() if m.school else None)
        columns["gender"].append(m.gender)
        columns["alias"].append(m.aliases[0].lower() if m.aliases else None)
    return columns


def splink_clusters(
    columns: dict[str, list], auto: float, review: float
) -> tuple[list[set[str]], list[tuple[str, str]], int]:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    logging.getLogger("splink").setLevel(logging.WARNING)
    db_api = DuckDBAPI()
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.PostcodeComparison("postcode"),
            cl.ExactMatch("school"),
            cl.ExactMatch("gender"),
            cl.ExactMatch("alias"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("dob"),
            block_on("surname", "substr(dob, 1, 4)"),
            block_on("first_name", "surname"),
            block_on("postcode"),
            block_on("alias"),
        ],
    )
    linker = Linker(db_api.register(columns), settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    predictions = linker.inference.predict(threshold_match_probability=review)
    rows = predictions.as_record_list()
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=auto
    )
    by_cluster: dict[str, set[str]] = {}
    for r in clusters.as_record_list():
        by_cluster.setdefault(r["cluster_id"], set()).add(r["unique_id"])
    queue = [(r["unique_id_l"], r["unique_id_r"]) for r in rows if r["match_probability"] < auto]
    return list(by_cluster.values()), queue, len(rows)


def evaluate_splink(folder: Path, auto: float, review: float) -> dict:
    truth = json.loads((folder / "ground_truth.json").read_text())
    columns = records(folder)
    keys = set(columns["unique_id"])
    true_pairs = pairs_of([set(p["mention_keys"]) & keys for p in truth["persons"]])
    began = time.perf_counter()
    clusters, queue, scored = splink_clusters(columns, auto, review)
    seconds = time.perf_counter() - began
    linked = pairs_of(clusters)
    cluster_of = {k: i for i, c in enumerate(clusters) for k in c}
    review_joins = {frozenset((cluster_of[a], cluster_of[b])) for a, b in queue if cluster_of[a] != cluster_of[b]}
    missed = true_pairs - linked
    covered = {p for p in missed if frozenset(cluster_of[k] for k in p) in review_joins}
    precision = len(linked & true_pairs) / len(linked) if linked else 1.0
    recall = len(linked & true_pairs) / len(true_pairs) if true_pairs else 1.0
    return {
        "mentions": len(keys),
        "auto_precision": round(precision, 4),
        "auto_recall": round(recall, 4),
        "review_queue": len(review_joins),
        "review_recall_of_missed": round(len(covered) / len(missed), 4) if missed else 1.0,
        "seconds": round(seconds, 2),
        "pairs_scored": scored,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--noise", nargs="*", default=["low", "medium", "high"])
    parser.add_argument("--auto", type=float, default=0.999, help="Splink match probability for an automatic link")
    parser.add_argument("--review", type=float, default=0.5, help="Splink match probability for the review queue")
    args = parser.parse_args()
    rows = []
    for noise in args.noise:
        folder = generate_noise(args.rows, args.seed, noise)
        ours = evaluate(folder)
        rows.append(
            {"noise": noise, "method": "jigsaw"}
            | {
                k: ours[k]
                for k in (
                    "mentions",
                    "auto_precision",
                    "auto_recall",
                    "review_queue",
                    "review_recall_of_missed",
                    "seconds",
                )
            }
        )
        theirs = evaluate_splink(folder, args.auto, args.review)
        rows.append(
            {"noise": noise, "method": f"splink p>={args.auto}"} | {k: theirs[k] for k in rows[-1] if k in theirs}
        )
        rows[-1]["time_ratio"] = round(theirs["seconds"] / ours["seconds"], 2) if ours["seconds"] else None
    print_rows(rows, width=14)


if __name__ == "__main__":
    main()
