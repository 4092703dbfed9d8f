"""Saving and reopening an investigation of 30, 300 and 1,500 people, against the reference the
explorer already pays to draw the same network (person_cards + ties_among for those people).

    .venv/bin/python -m bench.investigations --scale M --seed 20261129 [--draws 5] [--reuse]

A save reads the snapshot (investigation_records, ties_among, investigation_reach) and writes one
node; a reopen reads it back, drops erased people, reads the same three queries again and
compares. Figures: median ms of each, and its ratio to the reference measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from bench.bench_server import bench_driver
from bench.load_rate import add_data_arguments, generate, load_once
from investigations import store
from investigations.models import Drawing
from investigations.snapshot import catalogue_runner
from investigations.workspace import reopen, save_new
from jigsaw.access import FULL_SCOPE

SIZES = (30, 300, 1500)


def people_around(driver, database: str, size: int) -> list[str]:
    """The best-connected people and those nearest them, step by step, up to `size` (a drawn network;
    when one component is too small, the next best-connected person's is added)."""
    centres = [
        r["id"]
        for r in driver.execute_query(
            "MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record) WITH p, count(r) AS n "
            "ORDER BY n DESC, p.person_id "
            "LIMIT 200 RETURN p.person_id AS id",
            database_=database,
            routing_="r",
        ).records
    ]
    found: list[str] = []
    for centre in centres:
        if len(found) >= size:
            break
        if centre in found:
            continue
        found.append(centre)
        frontier = [centre]
        while frontier and len(found) < size:
            rows = driver.execute_query(
                "UNWIND $ids AS id MATCH (:Person {person_id: "
                "id})<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(:Record)-[:MENTIONS]->"
                "(:Mention)-[:REFERS_TO]->(b:Person) RETURN DISTINCT b.person_id AS id ORDER BY id",
                ids=frontier,
                database_=database,
                routing_="r",
            ).records
            seen = set(found)
            frontier = [r["id"] for r in rows if r["id"] not in seen][: size - len(found)]
            found += frontier
    return found


def median_ms(action, draws: int) -> float:
    action()  # warm
    timings = []
    for _ in range(draws):
        began = time.perf_counter()
        action()
        timings.append((time.perf_counter() - began) * 1000)
    return round(statistics.median(timings), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_data_arguments(parser)
    parser.add_argument("--draws", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="Keep the database if it holds exactly this data set.")
    args = parser.parse_args()
    if not args.scale and not args.rows:
        args.scale = "S"
    folder = generate(args.scale, args.rows, args.seed)
    results = []
    with bench_driver() as (driver, database, _):
        load_once(driver, database, folder, args.reuse)
        run = catalogue_runner(driver, database, FULL_SCOPE)
        for size in SIZES:
            people = people_around(driver, database, size)
            drawing = Drawing(people=people)
            saved = []

            def save() -> None:
                saved.append(
                    save_new(
                        driver,
                        database,
                        run,
                        name="bench",
                        case_ref="BENCH-1",
                        owner="bench",
                        purpose="BENCH-1",
                        drawing=drawing,
                    )
                )

            def reference() -> None:
                run("person_cards", {"person_ids": people})
                run("ties_among", {"person_ids": people})

            ref = median_ms(reference, args.draws)
            save_ms = median_ms(save, args.draws)
            reopen_ms = median_ms(
                lambda: reopen(driver, database, run, saved[0].investigation_id, user="bench"), args.draws
            )
            for inv in saved:
                store.delete(driver, database, inv.investigation_id, "bench")
            results.append(
                {
                    "people": len(people),
                    "reference_ms": ref,
                    "save_ms": save_ms,
                    "reopen_ms": reopen_ms,
                    "save_ratio": round(save_ms / ref, 2),
                    "reopen_ratio": round(reopen_ms / ref, 2),
                }
            )
    print(f"data: {folder.name}; draws: {args.draws}; reference: person_cards + ties_among for the same people")
    print(f"{'people':>7}{'reference ms':>14}{'save ms':>10}{'reopen ms':>11}{'save/ref':>10}{'reopen/ref':>12}")
    for r in results:
        print(
            f"{r['people']:>7}{r['reference_ms']:>14}{r['save_ms']:>10}{r['reopen_ms']:>11}{r['save_ratio']:>10}{r['reopen_ratio']:>12}"
        )
    print(json.dumps({"data": folder.name, "draws": args.draws, "results": results}))


if __name__ == "__main__":
    main()
