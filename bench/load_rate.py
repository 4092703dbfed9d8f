"""Load throughput: `jigsaw load` against the server's own LOAD CSV, same files, same run.

    .venv/bin/python -m bench.load_rate --scale S              # the demo data
    .venv/bin/python -m bench.load_rate --rows 100000          # a generated 100,000-row set

Generates the data on demand (into bench/data/, git-ignored), loads it into a wiped
benchmark database with the LOAD CSV reference, wipes, loads it with Jigsaw (validation,
provenance, idempotency, person resolution), then loads it again (must change nothing).
Prints a table and JSON.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.bench_server import bench_driver
from bench.output import print_figures
from graph_loader.load import LoadOptions, run_load
from graph_loader.models import SOURCES
from jigsaw.config import REPO_ROOT
from jigsaw.cypher_files import load as cypher
from jigsaw.graph_admin import wipe_data

DATA = REPO_ROOT / "bench" / "data"
REFERENCE_ORDER = [
    "mash_referrals", "mash_people", "mash_places", "matrix_nominals", "hsb_cases", "hsb_children", "hsb_places",
]  # fmt: skip


def generate(scale: str | None, rows: int | None, seed: int) -> Path:
    name = f"scale-{scale}" if scale else f"rows-{rows}"
    out = DATA / f"{name}-seed{seed}"
    if not (out / "ground_truth.json").exists():
        command = [sys.executable, "-c", "from jigsaw.cli import app; app()", "fixtures", "generate", "--seed", str(seed), "--out", str(out)]
        command += ["--scale", scale] if scale else ["--scale", "S", "--rows", str(rows)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return out


def generate_noise(rows: int, seed: int, noise: str) -> Path:
    """A generated set of about `rows` source rows at a given noise level (for identity)."""
    out = DATA / f"rows-{rows}-seed{seed}-{noise}"
    if not (out / "ground_truth.json").exists():
        from fixtures.generator import generate as run

        run(seed, "S", out, noise=noise, rows=rows)
    return out


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    """The data set a benchmark runs on: a scale or a row count, and a seed."""
    parser.add_argument("--scale", choices=["S", "M", "L"])
    parser.add_argument("--rows", type=int)
    parser.add_argument("--seed", type=int, default=7)


def csv_rows(folder: Path) -> int:
    total = 0
    for source in SOURCES.values():
        for spec in source.files:
            path = folder / spec.filename
            if path.exists():
                with open(path, "rb") as handle:
                    total += max(sum(1 for _ in handle) - 1, 0)
    return total


def load_csv_reference(driver, database: str, settings, folder: Path) -> float:
    """Seconds for the server to LOAD CSV the same files (local server only)."""
    import_dir = settings.server_dir / "import"
    import_dir.mkdir(parents=True, exist_ok=True)
    for path in folder.glob("*.csv"):
        shutil.copy(path, import_dir / path.name)
    began = time.perf_counter()
    with driver.session(database=database) as session:
        for name in REFERENCE_ORDER:
            if (import_dir / f"{name}.csv").exists():
                session.run(cypher(f"bench/load_csv_{name}")).consume()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_data_arguments(parser)
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parser.parse_args()
    if not args.scale and not args.rows:
        args.scale = "S"
    folder = generate(args.scale, args.rows, args.seed)
    rows = csv_rows(folder)
    figures: dict = {"data": folder.name, "source_rows": rows, "batch_size": args.batch_size}
    with bench_driver() as (driver, database, settings):
        if settings.managed:
            wipe_data(driver, database)
            figures["reference_load_csv_seconds"] = round(load_csv_reference(driver, database, settings, folder), 2)
        wipe_data(driver, database)
        options = LoadOptions(user="bench", quarantine_root=DATA / "quarantine", batch_size=args.batch_size)
        first = run_load(driver, database, None, folder, options)
        second = run_load(driver, database, None, folder, LoadOptions(user="bench", quarantine_root=DATA / "quarantine", batch_size=args.batch_size))
    figures |= {
        "jigsaw_load_seconds": first.seconds,
        "jigsaw_rows_per_second": round(rows / first.seconds, 1),
        "rows_rejected": first.rows_rejected,
        "persons_created": first.persons_created,
        "reload_seconds": second.seconds,
        "reload_changed_anything": second.changed_anything,
    }
    if "reference_load_csv_seconds" in figures:
        ref = figures["reference_load_csv_seconds"]
        figures["reference_rows_per_second"] = round(rows / ref, 1)
        figures["ratio_jigsaw_to_reference"] = round(first.seconds / ref, 2)
    print_figures(figures)


if __name__ == "__main__":
    main()
