"""What reading an export through a mapping costs, against validating the same records in the
common dataset (no database: the writes after validation are the same either way).

    .venv/bin/python -m bench.mapping_rate --rows 100000
"""

from __future__ import annotations

import argparse
import collections
import csv
import tempfile
import time
from pathlib import Path

from fixtures.foreign import mosaic_mash, police_nominals
from graph_loader.load import validate_paths
from graph_loader.mapping.mapped_load import validate_mapped
from graph_loader.mapping.model import read_mapping
from tests.paths import REPO_ROOT

from .load_rate import DATA, add_data_arguments, generate
from .output import print_rows

MAPPINGS = REPO_ROOT / "docs" / "mappings"


def _timed(fn):
    began = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_data_arguments(parser)
    args = parser.parse_args()
    if not args.scale and not args.rows:
        args.rows = 100_000
    folder = generate(args.scale, args.rows, args.seed)
    with open(folder / "mash_referrals.csv", encoding="utf-8", newline="") as handle:
        borough = collections.Counter(r["borough"] for r in csv.DictReader(handle)).most_common(1)[0][0]
    out = DATA / f"foreign-{folder.name}"
    exports = {
        "mosaic_mash": (mosaic_mash(folder, out / "mosaic", borough, args.seed), "mosaic_mash_bexley.toml", borough),
        "police_nominals": (police_nominals(folder, out / "police", args.seed), "police_nominals.toml", None),
    }
    rows = []
    for name, ((foreign, common), mapping_file, constant_borough) in exports.items():
        text = (MAPPINGS / mapping_file).read_text(encoding="utf-8")
        if constant_borough:  # the example mapping is Bexley's: the same mapping for the largest borough
            text = text.replace('value = "Bexley"', f'value = "{constant_borough}"')
        path = out / mapping_file
        path.write_text(text, encoding="utf-8")
        mapping = read_mapping(path)
        (plain,), common_s = _timed(lambda: validate_paths(None, common))
        with tempfile.TemporaryDirectory() as tmp:
            mapped, mapped_s = _timed(lambda: validate_mapped(mapping, foreign, Path(tmp)))
        same = sorted(r.record.model_dump_json() for r in mapped.validated.records) == sorted(
            r.record.model_dump_json() for r in plain.records
        )
        assert same, f"{name}: the mapped records differ from the common dataset's"
        rows.append(
            {
                "export": name,
                "records": len(plain.records),
                "common_s": round(common_s, 2),
                "mapped_s": round(mapped_s, 2),
                "mapped_rec_per_s": round(len(plain.records) / mapped_s),
                "overhead": f"{mapped_s / common_s:.2f}x",
            }
        )
    print_rows(rows, width=16)


if __name__ == "__main__":
    main()
