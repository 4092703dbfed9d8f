"""Nothing lost: how much of an independent noisy export loads, what is doubted, what is rejected.

    .venv/bin/python -m bench.nothing_lost                      # 4,700 rows at seed 20261129
    .venv/bin/python -m bench.nothing_lost --rows 20000 --seed 7

Generates the data (into bench/data/, git-ignored), spoils it with the independent injector
(tests/noisy_export.py) and validates it exactly as `jigsaw load` does, writing nothing: the
share of records that would load, the doubtful values by reason, and every rejected row with
its reason. (tests/test_nothing_lost.py loads the same kind of set into Neo4j and checks the
graph holds what this counts.)
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from bench.output import print_figures
from fixtures.generator import generate
from graph_loader.load import LoadOptions, run_load
from tests.noisy_export import SEED, make_noisy
from tests.paths import REPO_ROOT

DATA = REPO_ROOT / "bench" / "data"
_VALUES = re.compile(r"'[^']*'|\d{2}/\d{2}/\d{4}|\b\d+\b")  # recorded values in a reason: grouped as one kind


def kind_of(reason: str) -> str:
    """A reason without the values it quotes, so reasons of one kind count together."""
    return _VALUES.sub("…", reason)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=4700)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()

    folder = DATA / f"noisy-rows-{args.rows}-seed{args.seed}"
    shutil.rmtree(folder, ignore_errors=True)
    generate(args.seed, "S", folder, rows=args.rows)
    (folder / "ground_truth.json").unlink()
    planted = make_noisy(folder, args.seed)

    with tempfile.TemporaryDirectory() as quarantine:
        report = run_load(
            None, "", None, folder, LoadOptions(user="bench", quarantine_root=Path(quarantine), dry_run=True)
        )
    records_in = report.records_valid + len(
        {
            (r["file"], r["row"])
            for r in report.rejections
            if r["file"] in ("mash_referrals.csv", "matrix_nominals.csv", "hsb_cases.csv")
        }
    )
    figures = {
        "seed": args.seed,
        "rows read": report.rows_read,
        "rows rejected": report.rows_rejected,
        "share of rows loaded (%)": round(100 * report.rows_loaded / report.rows_read, 3),
        "records in the files": records_in,
        "records loaded": report.records_valid,
        "share of records loaded (%)": round(100 * report.records_valid / records_in, 3),
        "values kept but doubtful": report.values_doubtful,
        "values planted that must be doubted": len(planted.doubtful),
        "validation seconds": report.seconds,
    }
    by_reason = Counter(f"{d['field']}: {kind_of(d['reason'])}" for d in report.doubts)
    figures |= {f"doubtful, {reason}": n for reason, n in by_reason.most_common()}
    figures |= {f"rejected, {r['file']} row {r['row']}, {r['field']}": r["reason"] for r in report.rejections}
    figures |= {f"planted, {what}": n for what, n in sorted(planted.counts.items())}
    print_figures(figures)


if __name__ == "__main__":
    main()
