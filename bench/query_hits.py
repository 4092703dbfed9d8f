"""Db hits and rows of catalogue queries (PROFILE), beside their texts from a folder, on the benchmark store.

    .venv/bin/python -m bench.query_hits --only doubtful_values harmed_nominals --boroughs Hackney Croydon - \\
        --texts-from tests/queries_before_issue22_o

Reads whatever the benchmark database holds (load it first, e.g. `bench.query_latency --rows 200000
--no-summaries`, with JIGSAW_BENCH_KEEP_SERVER=1); loads nothing. Db hits do not move with the machine's
load as timings do, so a before-and-after on a shared machine compares them. `-` as a borough is all
London; other parameters take their defaults (`--given` adds some, as JSON).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.bench_server import bench_driver
from jigsaw import catalogue
from jigsaw.access import FULL_SCOPE, Scope


def db_hits(plan: dict) -> int:
    return plan.get("dbHits", 0) + sum(db_hits(c) for c in plan.get("children", []))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", required=True, help="Catalogue queries to profile.")
    parser.add_argument("--boroughs", nargs="+", default=["-"], help="Boroughs to ask for ('-': none).")
    parser.add_argument("--texts-from", type=Path, default=None, help="A folder of NAME.cypher to profile beside.")
    parser.add_argument("--given", default="{}", help="Other parameters, as JSON.")
    parser.add_argument("--sources", default=None, help="Run as a reader of these sources (comma-separated).")
    args = parser.parse_args()
    scope = Scope(sources=tuple(args.sources.split(",")), boroughs=None) if args.sources else FULL_SCOPE
    with bench_driver() as (driver, db, _):
        for name in args.only:
            texts = [("catalogue", catalogue.get(name))]
            if args.texts_from and (args.texts_from / f"{name}.cypher").exists():
                texts.append(
                    (str(args.texts_from), catalogue.parse(name, (args.texts_from / f"{name}.cypher").read_text()))
                )
            for borough in args.boroughs:
                given = json.loads(args.given) | ({"borough": borough} if borough != "-" else {})
                for label, query in texts:
                    params = catalogue.run_parameters(query, query, query.bind(given), scope, query.limit)
                    with driver.session(database=db) as session:
                        result = session.run("PROFILE " + query.text, params)
                        rows = len(list(result))
                        hits = db_hits(result.consume().profile)
                    print(f"{name:28} {borough:22} {label:34} rows {rows:6}  db hits {hits:10,}", flush=True)


if __name__ == "__main__":
    main()
