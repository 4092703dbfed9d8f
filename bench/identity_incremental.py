"""Incremental identity: a small new load resolved against a large graph, against a full run.

    .venv/bin/python -m bench.identity_incremental --rows 100000 --new 200

Loads the generated data set into the benchmark database, runs a full identity run (the
reference, measured in the same run), then loads `--new` referrals whose children reuse
names and birthdays already in the graph (so there is something to link) and runs
`identity run --new-only`. Prints a table and JSON: seconds, mentions resolved and pairs
compared for each, and the speed-up.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import date

from bench.bench_server import bench_driver
from bench.load_rate import DATA, add_data_arguments, generate
from graph_loader.csv_format import write_source
from graph_loader.load import LoadOptions, run_load
from graph_loader.models import MASH, MashReferral
from identity.graph_run import run
from jigsaw.cypher_files import load as cypher
from jigsaw.graph_admin import wipe_data


def new_referrals(driver, database: str, count: int, seed: int) -> list[MashReferral]:
    """Referrals about children already known, spelt a little differently, plus some new children."""
    rng = random.Random(seed)
    received = date(2025, 6, 1)
    known = [
        r.data()
        for r in driver.execute_query(cypher("identity/mentions"), database_=database, routing_="r").records
        if r["dob"] is not None and date(2008, 6, 2) <= r["dob"].to_native() <= date(2017, 1, 1)
    ]  # children on that day
    out = []
    for i in range(count):
        m = rng.choice(known)
        name = m["name"] if rng.random() < 0.5 else m["name"].replace("a", "e", 1)
        out.append(
            MashReferral.model_validate(
                {
                    "referral_id": f"NEW-{seed}-{i:05d}",
                    "date_received": received,
                    "borough": "Hackney",
                    "referring_agency": "school",
                    "cse_category": "1",
                    "concern_types": ["cse"],
                    "child_name": name,
                    "child_dob": m["dob"].to_native(),
                    "child_postcode": m["postcode"],
                    "people": [],
                    "places": [],
                }
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_data_arguments(parser)
    parser.add_argument("--new", type=int, default=200, help="Referrals in the new load.")
    args = parser.parse_args()
    if not args.scale and not args.rows:
        args.scale = "S"
    folder = generate(args.scale, args.rows, args.seed)
    with bench_driver() as (driver, database, _):
        wipe_data(driver, database)
        run_load(driver, database, None, folder, LoadOptions(user="bench", quarantine_root=DATA / "quarantine"))
        began = time.perf_counter()
        full = run(driver, database)
        full_seconds = time.perf_counter() - began
        extra = DATA / f"incremental-{args.seed}"
        write_source(extra, MASH, new_referrals(driver, database, args.new, args.seed))
        run_load(driver, database, "mash", extra, LoadOptions(user="bench", quarantine_root=DATA / "quarantine"))
        began = time.perf_counter()
        incremental = run(driver, database, new_only=True)
        incremental_seconds = time.perf_counter() - began
    rows = [
        ("full run (reference)", full_seconds, full.mentions, full.pairs_compared, full.auto_links),
        (
            f"new only ({args.new} referrals)",
            incremental_seconds,
            incremental.mentions,
            incremental.pairs_compared,
            incremental.auto_links,
        ),
    ]
    print(f"data: {folder.name}")
    print(f"{'run':<28}{'seconds':>10}{'mentions':>10}{'pairs':>10}{'auto links':>12}")
    for name, seconds, mentions, pairs, links in rows:
        print(f"{name:<28}{seconds:>10.2f}{mentions:>10}{pairs:>10}{links:>12}")
    print(f"speed-up: {full_seconds / incremental_seconds:.1f}x")
    print(
        json.dumps(
            {
                "data": folder.name,
                "full_seconds": round(full_seconds, 2),
                "new_only_seconds": round(incremental_seconds, 2),
                "full_mentions": full.mentions,
                "new_mentions": incremental.mentions,
                "full_pairs": full.pairs_compared,
                "new_pairs": incremental.pairs_compared,
                "speedup": round(full_seconds / incremental_seconds, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
