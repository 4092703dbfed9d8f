"""The jigsaw links summary's reads in its present shape against its former one, on the same graph
in the same run: the links written the former way (TIED_BY to each tying record, UNTIED_IN to an
untied link's boroughs: cypher/bench/links_write_before_shape) and read with the former reads
(cypher/bench/read_jigsaw_links*_before_shape), then written and read as now (one shape after
the other: a build takes seconds at M), each parameter set drawn as often, answers compared.

    .venv/bin/python -m bench.link_reads --scale M --reuse --draws 20

Parameter sets: the borough with most links, the five people with most links, and both; readers:
every source and borough, and MASH and HSB in that borough; read as the catalogue reads (1,000
rows at most). Prints median and p95 milliseconds of each shape per reader, for the borough
alone and for the sets with a person apart, the database hits of one PROFILE of each set, `RETURN 1` as reference
in each phase, and whether both shapes gave the same rows. Leaves the present shape's links.
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench.bench_server import bench_driver
from bench.load_rate import add_data_arguments, generate, load_once
from bench.output import print_figures
from bench.query_latency import percentile
from graph_loader import link_build
from graph_loader.summaries import delete_in_batches
from jigsaw import catalogue, cypher_files
from jigsaw.access import FULL_SCOPE, Scope
from jigsaw.bounded_read import read_capped
from jigsaw.cypher_files import load as cypher

SHAPES = {
    "present": ("summary/links_write", "summary/read_jigsaw_links"),
    "former": ("bench/links_write_before_shape", "bench/read_jigsaw_links_before_shape"),
}


def _rebuild(driver, database: str, write: str) -> None:
    delete_in_batches(driver, database, "links_delete_all")
    link_build.build(driver, database, write=write)


def _read(driver, database: str, stem: str, scope: Scope, params: dict) -> tuple[float, list, int]:
    folder, name = stem.split("/")
    name = name.replace("read_jigsaw_links", "read_jigsaw_links_unrestricted") if scope.unrestricted else name
    header = name if folder == "summary" else f"{folder}/{name}"  # the catalogue's reads are named without folder
    text = catalogue.parse(header, cypher_files.read(f"{folder}/{name}")).text
    bound = {"borough": None, "person_id": None} | params | scope.params()
    began = time.perf_counter()
    _, rows, _ = read_capped(driver, database, text, bound, cap=1000, timeout=20)  # as the catalogue reads
    seconds = time.perf_counter() - began
    summary = driver.execute_query("PROFILE " + text, bound, database_=database, routing_="r").summary
    hits = _hits(summary.profile)
    return seconds, [tuple(r.values()) for r in rows], hits


def _hits(plan: dict) -> int:
    return plan.get("dbHits", 0) + sum(_hits(child) for child in plan.get("children", []))


def _ms(values: list[float]) -> dict:
    # query_latency's percentile: the earlier index (n x 0.95 - 1) gave the fastest of two draws as their p95
    return {"median": round(statistics.median(values) * 1000, 1), "p95": round(percentile(values, 0.95) * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_data_arguments(parser)
    parser.add_argument("--reuse", action="store_true", help="Keep the database if it holds exactly this data set.")
    parser.add_argument("--draws", type=int, default=20, help="Reads of each parameter set, per shape and reader.")
    args = parser.parse_args()
    if not args.scale and not args.rows:
        args.scale = "S"
    folder = generate(args.scale, args.rows, args.seed)
    figures: dict = {"data": folder.name}
    with bench_driver() as (driver, database, _):
        load_once(driver, database, folder, args.reuse)
        busiest = driver.execute_query(cypher("bench/busiest_link_borough"), database_=database).records[0]["b"]
        people = [r["p"] for r in driver.execute_query(cypher("bench/most_linked_people"), database_=database).records]
        sets = (
            [{"borough": busiest}] + [{"person_id": p} for p in people] + [{"borough": busiest, "person_id": people[0]}]
        )
        readers = {
            "every source": FULL_SCOPE,
            "MASH and HSB, one borough": Scope(sources=("mash", "hsb"), boroughs=(busiest,)),
        }
        times: dict[tuple, list[float]] = {}
        hits = {(shape, reader): 0 for shape in SHAPES for reader in readers}
        answers: dict = {}
        reference: dict[str, list[float]] = {shape: [] for shape in SHAPES}
        for shape in ("former", "present"):  # each shape built once: a build takes seconds to minutes
            write, read = SHAPES[shape]
            _rebuild(driver, database, write)
            for draw in range(args.draws):
                for reader, scope in readers.items():
                    for params in sets:
                        seconds, rows, hit = _read(driver, database, read, scope, params)
                        kind = "a person" if "person_id" in params else "the borough"
                        times.setdefault((shape, reader, kind), []).append(seconds)
                        hits[(shape, reader)] += hit if draw == 0 else 0
                        answers[(shape, reader, tuple(sorted(params.items())))] = rows
                began = time.perf_counter()
                driver.execute_query("RETURN 1", database_=database)
                reference[shape].append(time.perf_counter() - began)
    identical = all(
        answers[("present", reader, key)] == answers[("former", reader, key)]
        for reader in readers
        for key in (tuple(sorted(p.items())) for p in sets)
    )
    figures |= {
        "borough": busiest,
        "parameter_sets": len(sets),
        "draws_each": args.draws,
        "return_1_ms": {shape: _ms(values) for shape, values in reference.items()},
        "read_ms": {", ".join(key): _ms(values) for key, values in sorted(times.items())},
        "db_hits_one_draw_of_every_set": {f"{shape}, {reader}": n for (shape, reader), n in hits.items()},
        "identical_rows": identical,
    }
    print_figures(figures)


if __name__ == "__main__":
    main()
