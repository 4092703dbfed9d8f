"""What the result caps cost and what they save (jigsaw/bounded_read.py).

    .venv/bin/python -m bench.result_caps --draws 20

1. An ordinary free query of 1,000 short rows, read the way Jigsaw reads (FETCH_SIZE records
   per Bolt pull, explicit transaction) and with the driver's default pull of 1,000: median
   milliseconds, so the cost of the small fetch size is a measured figure.
2. The issue's flood, 300 rows of 1 MiB: read through `read_capped` (stopped at the byte
   cap) and read whole as before, with seconds and the Python peak memory (tracemalloc) of each.
Uses the benchmark server (bench/bench_server.py), or NEO4J_URI.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc

from neo4j import READ_ACCESS

from bench.bench_server import bench_driver
from bench.output import print_figures
from jigsaw.bounded_read import FETCH_SIZE, ResultTooLarge, read_capped

ORDINARY = "UNWIND range(1, 1000) AS i RETURN i, 'person ' + toString(i) AS name, date() AS seen"
FLOOD = "UNWIND range(1, 300) AS i RETURN i, reduce(s = 'x', k IN range(1, 20) | s + s) AS blob"


def _whole(driver, database: str, text: str) -> int:
    """Read everything, as before the caps (driver's default fetch size)."""
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        return len(session.execute_read(lambda tx: [r.data() for r in tx.run(text)]))


def _capped(driver, database: str, text: str) -> str:
    try:
        return f"{len(read_capped(driver, database, text, {}, cap=1000, timeout=60)[1])} rows"
    except ResultTooLarge as err:
        return f"stopped: {err}"[:60]


def _measure(fn) -> tuple[float, float, object]:
    tracemalloc.start()
    began = time.perf_counter()
    outcome = fn()
    seconds = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak / 1024**2, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=20)
    args = parser.parse_args()
    with bench_driver() as (driver, database, _):
        timings: dict[str, list[float]] = {"jigsaw": [], "default": []}
        for _ in range(args.draws):
            began = time.perf_counter()
            read_capped(driver, database, ORDINARY, {}, cap=1000, timeout=60)
            timings["jigsaw"].append(time.perf_counter() - began)
            began = time.perf_counter()
            _whole(driver, database, ORDINARY)
            timings["default"].append(time.perf_counter() - began)
        capped_s, capped_mib, capped_out = _measure(lambda: _capped(driver, database, FLOOD))
        whole_s, whole_mib, whole_rows = _measure(lambda: _whole(driver, database, FLOOD))
        round_trip = min(_measure(lambda: driver.execute_query("RETURN 1", database_=database))[0] for _ in range(20))
    print_figures(
        {
            f"1000 short rows, fetch {FETCH_SIZE} (Jigsaw), median ms": round(
                1000 * statistics.median(timings["jigsaw"]), 1
            ),
            "1000 short rows, fetch 1000 (driver default), median ms": round(
                1000 * statistics.median(timings["default"]), 1
            ),
            "RETURN 1 round trip, best ms": round(1000 * round_trip, 2),
            "flood 300 x 1 MiB, capped: s": round(capped_s, 2),
            "flood 300 x 1 MiB, capped: peak MiB": round(capped_mib, 1),
            "flood 300 x 1 MiB, capped: outcome": capped_out,
            "flood 300 x 1 MiB, whole: s": round(whole_s, 2),
            "flood 300 x 1 MiB, whole: peak MiB": round(whole_mib, 1),
            "flood 300 x 1 MiB, whole: rows": whole_rows,
        }
    )


if __name__ == "__main__":
    main()
