"""Time to produce a problem profile and a MASE pack, against the time of the queries alone.

    .venv/bin/python -m bench.report_time --scale M     # one borough over ten years (about 20,000 records)
    .venv/bin/python -m bench.report_time --scale S     # the demo data

Generates the data on demand, loads it into the benchmark database (wiped first) and resolves
identities, then for the borough with the most referrals: a profile of its last year and of
all ten years, and a MASE pack for the last four weeks, each built once and rendered as HTML,
PDF and Word (.docx). The reference in
the same run is the profile's catalogue queries run on their own, so the ratio is what
assembling, drawing and rendering add. Warm cache: each is run once before it is timed.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from datetime import timedelta

from bench.bench_server import bench_driver
from bench.load_rate import DATA, add_data_arguments, generate
from bench.output import print_figures
from graph_loader.load import LoadOptions, run_load, validate_paths
from identity.graph_run import run as run_identity
from jigsaw import catalogue
from jigsaw.graph_admin import wipe_data
from reports import produce


def _timed(fn, repeat: int = 3) -> float:
    fn()  # warm
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return sorted(times)[len(times) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_data_arguments(parser)
    args = parser.parse_args()
    if not args.scale and not args.rows:
        args.scale = "M"
    folder = generate(args.scale, args.rows, args.seed)
    referrals = [r.record for v in validate_paths("mash", folder) for r in v.records]
    borough = Counter(r.borough for r in referrals).most_common(1)[0][0]
    latest = max(r.date_received for r in referrals if r.borough == borough)
    earliest = min(r.date_received for r in referrals if r.borough == borough)
    figures: dict = {
        "data": folder.name,
        "borough": borough,
        "referrals_in_borough": sum(r.borough == borough for r in referrals),
    }
    with bench_driver() as (driver, database, _):
        wipe_data(driver, database)
        began = time.perf_counter()
        report = run_load(
            driver, database, None, folder, LoadOptions(user="bench", quarantine_root=DATA / "quarantine")
        )
        run_identity(driver, database)
        figures["load_and_resolve_seconds"] = round(time.perf_counter() - began, 1)
        figures["records"] = report.records_new
        for label, start in (("last_year", latest - timedelta(days=364)), ("all_years", earliest)):
            built = {}

            def build(start=start, built=built):
                built["report"], built["ask"] = produce.profile(
                    driver, database, borough, start, latest, user="bench", purpose="BENCH"
                )

            def queries_only(start=start, built=built):
                for used in built["ask"].used:
                    catalogue.run(driver, database, used["query"], used["params"])

            figures[f"profile_{label}_build_seconds"] = round(_timed(build), 3)
            figures[f"profile_{label}_queries_only_seconds"] = round(_timed(queries_only), 3)
            for fmt in produce.FORMATS:
                figures[f"profile_{label}_{fmt}_seconds"] = round(
                    _timed(lambda built=built, fmt=fmt: produce.render(built["report"], fmt)), 3
                )
            for fmt in produce.FORMATS:
                total = figures[f"profile_{label}_build_seconds"] + figures[f"profile_{label}_{fmt}_seconds"]
                figures[f"profile_{label}_total_{fmt}_seconds"] = round(total, 3)
                figures[f"profile_{label}_{fmt}_ratio_to_queries"] = round(
                    total / figures[f"profile_{label}_queries_only_seconds"], 2
                )
        pack = {}

        def build_pack():
            pack["report"] = produce.mase_pack(
                driver, database, borough, "BENCH", latest, latest - timedelta(days=28), user="bench", purpose="BENCH"
            )[0]

        figures["mase_pack_build_seconds"] = round(_timed(build_pack), 3)
        for fmt in produce.FORMATS:
            figures[f"mase_pack_{fmt}_seconds"] = round(_timed(lambda fmt=fmt: produce.render(pack["report"], fmt)), 3)
    print_figures(figures)


if __name__ == "__main__":
    main()
