"""What keeping the gang overlap summary costs: built whole, against kept after a small change.

    .venv/bin/python -m bench.overlap_upkeep --scale M
    .venv/bin/python -m bench.overlap_upkeep --rows 200000 --reuse

On the generated data (loaded into a wiped benchmark database; `--reuse` keeps one already
holding exactly that data set), times a full build of the gang overlap summary (the reference,
measured in the same run), then the upkeep after each of: a small load (`--children` referrals
naming generated children beside a new suspect who is a new active nominal), a load changing
one of those referrals, an identity split and an erasure of a record. Each upkeep's seconds are
the summary's own, as graph_loader/summaries.py records them; after each, the summary kept is
compared with one built whole from the same graph ("identical"). Leaves the database changed:
rerun without `--reuse` for other benchmarks.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.bench_server import bench_driver
from bench.load_rate import DATA, add_data_arguments, generate, load_once
from bench.output import print_rows
from governance import erasure
from graph_loader import summaries
from graph_loader.load import LoadOptions, run_load
from identity import decisions
from jigsaw.cypher_files import load as cypher
from tests.builders import folder_with, nominal, referral


def snapshot(driver, database: str) -> list[str]:
    return sorted(
        repr(r["line"]) for r in driver.execute_query(cypher("bench/overlap_snapshot"), database_=database).records
    )


def overlap_seconds(driver, database: str) -> tuple[float, str]:
    state = next(s for s in summaries.states(driver, database) if s["name"] == "gang_overlap")
    return state["seconds"], state["how"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_data_arguments(parser)
    parser.add_argument("--reuse", action="store_true", help="Keep the database if it holds exactly this data set.")
    parser.add_argument("--children", type=int, default=5, help="Referrals in the small load.")
    args = parser.parse_args()
    if not args.scale and not args.rows:
        args.scale = "S"
    folder = generate(args.scale, args.rows, args.seed)

    def options() -> LoadOptions:  # a load id of its own for each load
        return LoadOptions(user="bench", quarantine_root=DATA / "quarantine")

    rows = []
    with bench_driver() as (driver, database, _), tempfile.TemporaryDirectory() as tmp:
        load_once(driver, database, folder, args.reuse, options())
        states = summaries.states(driver, database)
        if not all(s["computed_at"] and not s["running"] for s in states):
            summaries.rebuild(driver, database, "bench")  # e.g. a database loaded before summaries
        began = time.monotonic()
        summaries._overlap(driver, database, None)
        full = time.monotonic() - began
        rows.append({"change": "full build (reference)", "seconds": round(full, 2), "ratio": 1.0, "identical": "-"})

        def measure(change: str) -> None:
            seconds, how = overlap_seconds(driver, database)
            kept = snapshot(driver, database)
            summaries._overlap(driver, database, None)
            rows.append(
                {
                    "change": change,
                    "seconds": round(seconds, 2),
                    "ratio": round(seconds / full, 3),
                    "how": how,
                    "identical": "yes" if kept == snapshot(driver, database) else "NO",
                    "facts_and_ways": len(kept),
                }
            )

        children = [
            r.data()
            for r in driver.execute_query(cypher("bench/overlap_children"), n=args.children, database_=database).records
        ]
        mash = [
            referral(
                f"BENCH-OV-{i}", c["name"], c["dob"], suspect="Zeb Overland", borough="Sutton", date_received=c["seen"]
            )
            for i, c in enumerate(children)
        ]
        matrix = [nominal("BENCH-OV-NOM", "Zeb Overland", "2001-05-05").model_copy(update={"borough": "Sutton"})]
        run_load(driver, database, None, folder_with(Path(tmp) / "one", mash=mash, matrix=matrix), options())
        measure(f"a load of {len(mash)} referrals and a nominal")
        last = children[-1]
        changed = [referral("BENCH-OV-0", last["name"], last["dob"], borough="Sutton", date_received=last["seen"])]
        run_load(driver, database, None, folder_with(Path(tmp) / "two", mash=changed), options())
        measure("a load changing one referral")
        child = children[1]["id"]
        mentions = decisions.person_mentions(driver, database, child)
        moved = [m["mention_key"] for m in mentions if "BENCH-OV-1" in m["mention_key"]]
        decisions.split(driver, database, child, moved, user="bench", why="benchmark")
        measure("an identity split")
        erasure.erase_records(driver, database, ["mash:BENCH-OV-2"], user="bench")
        measure("an erasure of a record")
    print(f"data: {folder.name}")
    print_rows(rows, width=14)


if __name__ == "__main__":
    main()
