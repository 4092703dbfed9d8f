"""How long `jigsaw geo import` takes on an ONSPD-shaped file, and the memory it holds.

    .venv/bin/python -m bench.geo_import                  # 2.7 million rows, as the real directory (about 1 GB)
    .venv/bin/python -m bench.geo_import --rows 500000

Writes a synthetic file with the directory's published header (53 columns) and made-up
postcodes and points, then imports it into a temporary JIGSAW_HOME. Prints rows per second and,
with --memory, the peak memory Python allocated during the import (tracemalloc, which slows
it; SQLite's own cache is apart). Wall-clock figures on a shared machine: read them with the
machine's load.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.output import print_figures
from graph_loader.postcode_directory import import_onspd

HEADER = (
    "pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m,osgrdind,oshlthau,"
    "nhser,ctry,rgn,streg,pcon,eer,teclec,ttwa,pct,itl,statsward,oa01,casward,park,lsoa01,msoa01,ur01ind,oac01,"
    "oa11,lsoa11,msoa11,wz11,sicbl,bua11,buasd11,ru11ind,oac11,lat,long,lep1,lep2,pfa,imd,calncv,icb,oa21,"
    "lsoa21,msoa21"
).split(",")
LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def write(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    filler = dict.fromkeys(HEADER, "E00000000")
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            k = n // 4000  # 4,000 postcodes to a district, each postcode once
            district = f"{LETTERS[k % 20]}{LETTERS[(k // 20) % 20]}{k // 400 + 1}"
            pcds = f"{district} {n % 10}{LETTERS[(n // 10) % 20]}{LETTERS[(n // 200) % 20]}"
            cells = filler | {
                "pcd": pcds,
                "pcd2": pcds,
                "pcds": pcds,
                "dointr": "198001",
                "doterm": "200512" if n % 9 == 0 else "",
                "lat": f"{rng.uniform(50, 58):.6f}",
                "long": f"{rng.uniform(-5, 1.5):.6f}",
            }
            writer.writerow([cells[c] for c in HEADER])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_700_000)
    parser.add_argument("--memory", action="store_true", help="also trace Python's peak memory (slows the import)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "ONSPD_SYNTHETIC.csv"
        write(source, args.rows)
        size = source.stat().st_size
        if args.memory:
            tracemalloc.start()
        began = time.perf_counter()
        result = import_onspd(source, Path(tmp) / "home", user="bench")
        seconds = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1] if args.memory else None
        tracemalloc.stop()
    print_figures(
        {
            "rows": result.rows_read,
            "file_mb": round(size / 2**20),
            "postcodes": result.postcodes,
            "districts": result.districts,
            "seconds": round(seconds, 1),
            "rows_per_second": round(result.rows_read / seconds),
            "peak_python_mb": round(peak / 2**20, 1) if peak else "not traced",
        }
    )


if __name__ == "__main__":
    main()
