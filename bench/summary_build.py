"""A full build of the jigsaw links: in Python (graph_loader/link_build.py) against the Cypher
build (cypher/summary/links_build.cypher with $all), on the same graph in the same run, and the
two compared node for node; then the same links written in their former shape (TIED_BY to each
tying record, UNTIED_IN to an untied link's boroughs: cypher/bench/links_write_before_shape),
to time the shape against the one before on the same graph in the same run.

    .venv/bin/python -m bench.summary_build --scale M --reuse

Loads the data set into the benchmark database unless `--reuse` finds it there (as
bench.query_latency does). Prints each build's seconds (delete, build; the Python build's read,
work and write), the ratio of the Python build to the Cypher one, whether both wrote the same
links, the former shape's Python build and delete, the ratio of this shape's write to the
former's, and the relationships each shape wrote. The database is left with this shape's links.
"""

from __future__ import annotations

import argparse
import time

from bench.bench_server import bench_driver
from bench.load_rate import add_data_arguments, generate, load_once
from bench.output import print_figures
from graph_loader import link_build
from graph_loader.summaries import delete_in_batches
from jigsaw.cypher_files import load as cypher
from tests.summary_signatures import summary_signature


def _auto(driver, database: str, name: str) -> float:
    began = time.monotonic()
    with driver.session(database=database) as session:
        session.run(cypher(f"summary/{name}"), {"all": True}).consume()
    return time.monotonic() - began


def _delete_all(driver, database: str) -> float:
    """Every link, as a full rebuild deletes them (in batches, each its own transaction)."""
    began = time.monotonic()
    delete_in_batches(driver, database, "links_delete_all")
    return time.monotonic() - began


def _link_relationships(driver, database: str) -> int:
    return driver.execute_query(cypher("bench/link_counts"), database_=database, routing_="r").records[0][
        "relationships"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_data_arguments(parser)
    parser.add_argument("--reuse", action="store_true", help="Keep the database if it holds exactly this data set.")
    args = parser.parse_args()
    if not args.scale and not args.rows:
        args.scale = "S"
    folder = generate(args.scale, args.rows, args.seed)
    figures: dict = {"data": folder.name}
    with bench_driver() as (driver, database, _):
        load_once(driver, database, folder, args.reuse)
        cypher_seconds = {
            "links_delete": _delete_all(driver, database),
            "links_build": _auto(driver, database, "links_build"),
            "links_rank": _auto(driver, database, "links_rank"),  # the order the Python build writes with the links
        }
        by_cypher = summary_signature(driver, database)
        python_seconds = {"links_delete": _delete_all(driver, database)}
        began = time.monotonic()
        links = link_build.build(driver, database)
        python_seconds["links_build"] = time.monotonic() - began
        by_python = summary_signature(driver, database)
        relationships = _link_relationships(driver, database)
        # The former shape: the same links, with their tying and Untied boroughs' relationships.
        _delete_all(driver, database)
        began = time.monotonic()
        before = link_build.build(driver, database, write="bench/links_write_before_shape")
        before_seconds = {"links_build": time.monotonic() - began}
        before_relationships = _link_relationships(driver, database)
        before_seconds["links_delete"] = _delete_all(driver, database)
        link_build.build(driver, database)  # leave this shape's links
    figures |= {
        "links": links["links"],
        "cypher_build_seconds": {k: round(v, 2) for k, v in cypher_seconds.items()},
        "python_build_seconds": {k: round(v, 2) for k, v in python_seconds.items()},
        "python_build_steps": links,
        "ratio_links_build_python_to_cypher": round(python_seconds["links_build"] / cypher_seconds["links_build"], 3),
        "identical": by_python == by_cypher,
        "former_shape_build_seconds": {k: round(v, 2) for k, v in before_seconds.items()},
        "former_shape_build_steps": before,
        "ratio_write_to_former_shape": round(links["write"] / before["write"], 3),
        "relationships_of_links": relationships,
        "relationships_of_links_former_shape": before_relationships,
    }
    print_figures(figures)


if __name__ == "__main__":
    main()
