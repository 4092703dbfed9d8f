"""How long the loader takes to read and validate each hostile file of issue #16, item 5.

    .venv/bin/python -m bench.hostile_files                # this code
    (cd /tmp && PYTHONPATH=/path/to/other/checkout /path/to/.venv/bin/python /path/to/bench/hostile_files.py)

Writes, in a temporary folder, a MASH referrals file with two good rows around each attack: a
65 MB cell, a JSON line nested 100,000 deep, and a header of 100,000 columns. For each, the
seconds `validate_paths` takes (reading, bounds, validation; no database), the peak memory Python
allocated meanwhile (tracemalloc) and what came of it: records kept and rows rejected, or the exception that stopped it.
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.output import print_rows
from graph_loader.load import validate_paths
from graph_loader.models import MASH

GOOD = {
    "referral_id": "R0",
    "date_received": "14/02/2024",
    "borough": "Hackney",
    "referring_agency": "school",
    "cse_category": "1",
    "concern_types": "cse;missing",
    "child_name": "Amelia Hughes",
    "child_dob": "01/03/2008",
}


def _csv(folder: Path, header: list[str], rows: list[dict]) -> None:
    folder.mkdir(parents=True)
    with open(folder / "mash_referrals.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([r.get(c, "") for c in header] for r in rows)


def cell_65_mb(folder: Path) -> None:
    _csv(
        folder,
        MASH.main.columns,
        [GOOD, GOOD | {"referral_id": "R1", "summary": "x" * (65 << 20)}, GOOD | {"referral_id": "R2"}],
    )


def json_nested(folder: Path) -> None:
    folder.mkdir(parents=True)
    good = GOOD | {"concern_types": ["cse"]}
    deep = json.dumps(good | {"referral_id": "R1", "summary": "@"}).replace('"@"', "[" * 100_000 + "]" * 100_000)
    lines = [json.dumps(good), deep, json.dumps(good | {"referral_id": "R2"})]
    (folder / "mash.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def header_100000(folder: Path) -> None:
    header = MASH.main.columns + [f"extra_{i}" for i in range(100_000 - len(MASH.main.columns))]
    _csv(folder, header, [GOOD, GOOD | {"referral_id": "R2"}])


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for make in (cell_65_mb, json_nested, header_100000):
            folder = Path(tmp) / make.__name__
            make(folder)
            tracemalloc.start()
            began = time.perf_counter()
            try:
                [validated] = validate_paths("mash", folder)
                outcome = f"{len(validated.records)} kept, {len(validated.rejections)} rejected"
            except BaseException as err:  # noqa: BLE001 - what stopped the load is the figure
                outcome = f"stopped: {type(err).__name__}: {str(err)[:60]}"
            seconds = round(time.perf_counter() - began, 2)  # with tracemalloc on: slower than a load alone
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            rows.append(
                {"file": make.__name__, "seconds": seconds, "outcome": outcome, "peak_mb": round(peak / 2**20, 1)}
            )
            print(rows[-1], flush=True)  # as it goes: the old code took minutes on one of them
    print(f"python {sys.version.split()[0]}")
    print_rows(rows, width=14)


if __name__ == "__main__":
    main()
