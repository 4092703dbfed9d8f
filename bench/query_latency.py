"""Latency of every catalogue query: median and 95th percentile over sampled parameters, warm cache.

    .venv/bin/python -m bench.query_latency --scale S --draws 200
    .venv/bin/python -m bench.query_latency --rows 100000 --draws 200
    .venv/bin/python -m bench.query_latency --scale L --draws 200 --reuse   # keep a load already made
    .venv/bin/python -m bench.query_latency --scale L --no-summaries --only person_search   # no summaries built
    .venv/bin/python -m bench.query_latency --scale M --reuse --only jigsaw_links --no-person   # a whole borough
    .venv/bin/python -m bench.query_latency --scale M --reuse --only jigsaw_links --no-person --all-london  # all London
    # as a restricted reader:
    .venv/bin/python -m bench.query_latency --scale S --reuse --sources mash,hsb --boroughs Hackney
    # the rows a list shows first in the explorer (catalogue.FIRST_PAGE), not each query's own limit:
    .venv/bin/python -m bench.query_latency --scale L --reuse --first-page --sources mash,hsb --all-london

Every catalogue query is timed. For each one a summary can answer (jigsaw/summary_answers.py)
the live query is timed too, side by side, on the same parameters, and the two answers are
compared (columns, rows, order, truncation: "identical" counts the draws that matched); a
load made by the run prints the seconds its summaries took (graph_loader/summaries.py).

Loads the generated data into a wiped benchmark database (with `--reuse`, skipped when the
database holds exactly that data set already, e.g. after `bench.load_rate` at L),
samples people and places from it, warms each query, then times `draws` runs with
parameters drawn at random (seeded). Warming runs each query once for every plan the timed
draws will need: Neo4j caches a plan per query text and per size bucket (0, 1, then the next
power of ten) of each string or list parameter, so "Westminster" (11 letters) takes another
plan than "Camden", and its first run pays the planning (0.7 to 0.9 s at L). A server that has
been answering for a while holds both plans; a benchmark that warmed only one timed the other's
planning as a slow draw. The reference measured in the same run is the
server's round trip for `RETURN 1`, so figures from different machines compare. "disk MB" is what
the benchmark's own server read from disk during a query's timed draws (bench_server.disk_reads):
pages neither its page cache nor the operating system's held, e.g. a borough first asked after a
restart; a p95 with megabytes beside it was paid partly to a cold cache, and one without to work.
Before timing, the run warms the server as `jigsaw db warm` does after a restart (jigsaw/warm_up.py: each
borough-wide question once for all London and every borough), and prints what that took;
`--no-warm-up` leaves it out, to time a server's first reads after a restart.
With `--sources`/`--boroughs` every query runs as a reader of that scope (need-to-know
filters and the result guard included); queries refused to such a reader are skipped.
Each query is asked for its own limit of rows unless `--first-page` asks for the explorer's
first page (catalogue.FIRST_PAGE rows; a list shows the rest when the reader asks).
Prints a table and JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import random
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import date, timedelta
from pathlib import Path

from bench.bench_server import bench_driver, disk_reads
from bench.load_rate import DATA, add_data_arguments, generate, holds_only
from graph_loader import summaries
from graph_loader.load import LoadOptions, run_load
from jigsaw import catalogue, warm_up
from jigsaw.access import ALL_SOURCES, Scope
from jigsaw.bounded_read import QueryTooCostly
from jigsaw.cypher_files import load as cypher
from jigsaw.graph_admin import wipe_data
from jigsaw.summary_answers import SUMMARISED

TIME_LIMIT = "query's time limit (the catalogue's timeout)"


@contextmanager
def without_summaries() -> Iterator[None]:
    """A load that leaves the summaries marked as not up to date (the catalogue then answers live), in the
    benchmark only: the loader's own path always maintains them."""
    kept = summaries.after_load
    summaries.after_load = lambda *_: {}
    try:
        yield
    finally:
        summaries.after_load = kept


def sample_parameters(driver, database: str, rng: random.Random) -> dict[str, list]:
    def column(name: str, key: str) -> list:
        return [r[key] for r in driver.execute_query(cypher(f"bench/{name}"), database_=database, routing_="r").records]

    people, places, boroughs = (
        column("sample_people", "id"),
        column("sample_places", "k"),
        column("sample_boroughs", "b"),
    )
    names = column("sample_names", "n")
    # the warm-up's own: the reports it warms end where the drawn ones do
    latest = driver.execute_query(cypher("admin/latest_record_date"), database_=database, routing_="r").records[0]["d"]
    rng.shuffle(people)
    return {
        "person": people,
        "place": places,
        "borough": boroughs,
        "name": names,
        "latest": latest.to_native() if latest else None,
    }


def optional(name: str, param: str) -> bool:
    """Query `name` takes `param` and may be run without it."""
    return not next((p.required for p in catalogue.get(name).params if p.name == param), True)


def draw(name: str, pools: dict[str, list], rng: random.Random) -> dict:
    """Parameters for one run of `name`, drawn from the data."""
    person = lambda: rng.choice(pools["person"])
    if name == "person_profile":
        return {"person_id": person()}
    if name == "ego_network":
        return {"person_id": person(), "hops": 2}
    if name == "connection_paths":
        return {"from_person": person(), "to_person": person(), "max_records": 4}
    if name == "person_search":  # a recorded name with one letter dropped: the search must forgive it
        text = rng.choice(pools["name"])
        cut = rng.randrange(1, len(text))
        return {"text": text[:cut] + text[cut + 1 :]}
    if name in {
        "person_cards",
        "ties_among",
        "investigation_records",
        "investigation_reach",
    }:  # a page's worth of people, as a graph panel or an investigation asks
        return {"person_ids": rng.sample(pools["person"], min(30, len(pools["person"])))}
    if name == "co_location":
        return {"place_key": rng.choice(pools["place"])} if pools["place"] else {}
    takes = {p.name for p in catalogue.get(name).params}
    params = {"borough": rng.choice(pools["borough"])} if "borough" in takes and pools["borough"] else {}
    latest = pools.get("latest") or date.today()
    if "person_id" in takes:
        # A person's page asks for their links wherever they are: an optional borough drawn beside a
        # random person mostly gave no rows (`--no-person` times a borough's way instead).
        if optional(name, "borough"):
            params.pop("borough", None)
        params["person_id"] = person()
    # A report's year, ending with the data; the Places page opens on hotspots, and the Overview page shows
    # the CSE categories, with no period of their own.
    if {"date_from", "date_to"} <= takes and name not in ("hotspots", "overview_cse_categories"):
        params |= {"date_from": latest - timedelta(days=364), "date_to": latest}
    if {"since", "until"} <= takes:  # a MASE pack's four weeks
        params |= {"since": latest - timedelta(days=28), "until": latest}
    return params


def size_bucket(size: int) -> int:
    """The bucket Neo4j keeps of a string's or list's size in its plan cache key: 0, 1, else the next
    power of ten (Cypher's SizeBucket.computeBucket)."""
    return size if size < 2 else 10 ** math.ceil(math.log10(size))


def plan_shape(params: dict) -> tuple:
    """What, besides the query text, picks the server's cached plan: each parameter's type and, for a
    string or a list, the bucket of its size. Two draws of one shape share a plan."""
    return tuple(
        sorted(
            (key, type(value).__name__, size_bucket(len(value)) if isinstance(value, str | list | tuple) else None)
            for key, value in params.items()
        )
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _megabytes_between(before: int | None, after: int | None) -> float | None:
    """The server's disk reads between two readings, in MB (None where they are not known)."""
    return None if before is None or after is None else round((after - before) / 1e6, 1)


def warming(name: str, timed: list[dict], drawn: Callable[[str], dict]) -> list[dict]:
    """A draw of each plan shape among the timed ones, drawn apart from them where a few more draws find
    one (so warming does not also bring the timed draws' own records into the page cache)."""
    query = catalogue.get(name)
    wanted = {plan_shape(query.bind(params)): params for params in reversed(timed)}  # the first of each shape
    found = {}
    for _ in range(50):
        if len(found) == len(wanted):
            break
        params = drawn(name)
        found.setdefault(plan_shape(query.bind(params)), params)
    return [found.get(shape, params) for shape, params in wanted.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_data_arguments(parser)
    parser.add_argument("--draws", type=int, default=200)
    parser.add_argument("--only", nargs="*", help="Only these queries.")
    parser.add_argument(
        "--sources", default=",".join(ALL_SOURCES), help="Run as a reader of these sources (comma-separated)."
    )
    parser.add_argument(
        "--boroughs", default=None, help="Run as a reader of these boroughs (comma-separated; default every one)."
    )
    parser.add_argument("--reuse", action="store_true", help="Keep the database if it holds exactly this data set.")
    parser.add_argument(
        "--rebuild-summaries", action="store_true", help="Rebuild every summary from scratch first, and time it."
    )
    parser.add_argument(
        "--live-draws", type=int, default=20, help="Draws of the live query beside each summarised one (0: none)."
    )
    parser.add_argument(
        "--texts-from",
        type=Path,
        help="Time the queries of this folder (NAME.cypher, e.g. tests/queries_before_issue22) in place of the "
        "catalogue's of the same name: a before-and-after table from two runs on the same data.",
    )
    parser.add_argument(
        "--all-london", action="store_true", help="Leave out the borough of the queries where it is optional."
    )
    parser.add_argument(
        "--no-person",
        action="store_true",
        help="Leave out the person of the queries where it is optional: jigsaw_links for a whole borough, as its "
        "page first asks (drawn otherwise with a person, which the index narrows to a few links); with "
        "--all-london, all London's (neither a borough nor a person).",
    )
    parser.add_argument(
        "--first-page",
        action="store_true",
        help=f"Ask each query for the rows a list shows first in the explorer ({catalogue.FIRST_PAGE}), not its "
        "own limit (the rest of a list is read when the reader asks for it).",
    )
    parser.add_argument(
        "--no-warm-up",
        action="store_true",
        help="Do not warm the server first (jigsaw db warm): time the first reads of a server just restarted.",
    )
    parser.add_argument(
        "--no-summaries",
        action="store_true",
        help="Load without building the summaries, and never rebuild them: the summarised queries then answer "
        "live (and say so). For timing the other queries at L, where a first build through Cypher takes tens "
        "of minutes.",
    )
    args = parser.parse_args()
    scope = Scope(
        sources=tuple(args.sources.split(",")), boroughs=tuple(args.boroughs.split(",")) if args.boroughs else None
    )
    if not args.scale and not args.rows:
        args.scale = "S"
    rows_asked = catalogue.FIRST_PAGE if args.first_page else None  # None: each query's own limit
    replaced = []
    for path in sorted(args.texts_from.glob("*.cypher")) if args.texts_from else ():
        catalogue.catalogue()[path.stem] = catalogue.parse(path.stem, path.read_text())  # this run only
        replaced.append(path.stem)
    folder = generate(args.scale, args.rows, args.seed)
    rng = random.Random(args.seed)
    results = []
    with bench_driver() as (driver, database, settings):
        read_from_disk = disk_reads(settings)
        load_note = "reused"
        if not (args.reuse and holds_only(driver, database, folder)):
            wipe_data(driver, database)  # exactly the named data set, nothing left from another run
            options = LoadOptions(user="bench", quarantine_root=DATA / "quarantine")
            with without_summaries() if args.no_summaries else nullcontext():
                report = run_load(driver, database, None, folder, options)
            load_note = (
                f"load {report.seconds} s, of which summaries {sum(report.summaries.values()):.1f} s "
                f"({report.summaries})"
            )
        states = summaries.states(driver, database)
        if args.no_summaries:
            load_note += "; summaries not built (--no-summaries): the summarised queries answer live"
        elif (
            args.rebuild_summaries
            or len(states) < len(SUMMARISED)
            or not all(s["computed_at"] and not s["running"] for s in states)
        ):
            # e.g. a database loaded before summaries
            load_note += f"; summaries rebuilt: {summaries.rebuild(driver, database, 'bench')}"
        warm_note = "not run (--no-warm-up)"
        if not args.no_warm_up:
            before = read_from_disk()
            warmed = warm_up.warm(driver, database, only=args.only)
            warm_note = (
                f"{warmed.asked} questions in {warmed.seconds:.1f} s, "
                f"{_megabytes_between(before, read_from_disk())} MB read from disk"
                f"{'; stopped at its budget' if warmed.stopped_at_budget else ''}"
            )
        pools = sample_parameters(driver, database, rng)
        # The pools live to the end of the run: frozen, the client's full garbage collections no longer walk
        # their hundreds of thousands of objects (0.1 to 0.2 s each at L, timed as slow draws otherwise).
        gc.collect()
        gc.freeze()
        ping, carriage = [], []
        for _ in range(args.draws):
            began = time.perf_counter()
            driver.execute_query("RETURN 1", database_=database, routing_="r")
            ping.append((time.perf_counter() - began) * 1000)
            # A second reference: 1,000 rows that cost the server nothing, i.e. the carriage of a
            # capped answer. On a busy machine it grows far more than RETURN 1 (each wake-up of
            # the server's and the driver's threads waits for a core).
            began = time.perf_counter()
            driver.execute_query(cypher("bench/thousand_rows"), database_=database, routing_="r")
            carriage.append((time.perf_counter() - began) * 1000)
        names = args.only or list(catalogue.catalogue())

        def run_once(name: str, params: dict, way: bool):
            """(result, milliseconds), the result None when the server stopped the query."""
            began = time.perf_counter()
            try:
                result = catalogue.run(driver, database, name, params, limit=rows_asked, scope=scope, summary=way)
            except QueryTooCostly:
                result = None
            return result, (time.perf_counter() - began) * 1000

        def drawn(name: str) -> dict:
            params = draw(name, pools, rng)
            if args.all_london and optional(name, "borough"):
                params.pop("borough", None)  # the all-London way of a query whose borough is optional
            if args.no_person and optional(name, "person_id"):
                # a borough's way instead of the person's (draw gives a person-taking query no borough);
                # with --all-london too, neither: all London's way (jigsaw_links with no borough, no person)
                if params.pop("person_id", None) and optional(name, "borough") and not args.all_london:
                    params["borough"] = rng.choice(pools["borough"])
            return params

        for name in names:
            if not scope.unrestricted and not catalogue.get(name).scoped:
                continue  # refused to this reader
            ways = (True, False) if name in SUMMARISED and args.live_draws > 0 else (True,)
            # A draw the server stops at the catalogue's time limit is counted, not fatal: the
            # figure of the other queries still stands. Warming gets a second try (the first
            # read after a server start can pass the limit on a cold page cache alone); a way
            # stopped both times is not timed further (each try would cost the whole limit).
            stopped = dict.fromkeys(ways, 0)
            timed = [drawn(name) for _ in range(args.draws)]
            for way in ways:
                if all(run_once(name, drawn(name), way)[0] is None for _ in range(2)):
                    stopped[way] = 2
                    continue
                for params in warming(name, timed, drawn):
                    run_once(name, params, way)
            if stopped[True]:
                results.append({"query": name, "stopped": f"warm-up stopped at the {TIME_LIMIT}"})
                continue
            ways = tuple(way for way in ways if not stopped[way])
            timings: dict[bool, list[float]] = {way: [] for way in ways}
            rows, answered, same, differ = [], set(), 0, []
            disk_before = read_from_disk()
            for n, params in enumerate(timed):
                answers = {}
                for way in ways:
                    if not way and n >= args.live_draws:
                        continue  # the live London-wide queries take seconds at L: fewer draws
                    result, ms = run_once(name, params, way)
                    timings[way].append(ms)
                    if result is None:
                        stopped[way] += 1
                        continue
                    answers[way] = (result.columns, result.rows, result.truncated, result.withheld)
                    if way:
                        rows.append(len(result.rows))
                        answered.add(result.answered_from)
                if len(answers) == 2:  # the summary's answer against the live one, same parameters
                    if answers[True] == answers[False]:
                        same += 1
                    else:
                        differ.append(params)
            entry = {
                "query": name,
                "median_ms": round(statistics.median(timings[True]), 2),
                "p95_ms": round(percentile(timings[True], 0.95), 2),
                "mean_rows": round(statistics.mean(rows), 1) if rows else 0,
                "p95_over_ping": round(percentile(timings[True], 0.95) / statistics.median(ping), 1),
                "answered_from": "/".join(sorted(answered)),
                "disk_mb": _megabytes_between(disk_before, read_from_disk()),
            }
            if any(stopped.values()):
                # counts of stopped runs, warm-up included; a live way stopped warming has no timings
                entry["stopped"] = ", ".join(
                    f"{'summary' if way else 'live'}: {count}" for way, count in stopped.items() if count
                )
            if timings.get(False):
                entry |= {
                    "live_median_ms": round(statistics.median(timings[False]), 2),
                    "live_p95_ms": round(percentile(timings[False], 0.95), 2),
                    "live_draws": len(timings[False]),
                    "identical": f"{same}/{same + len(differ)}",
                    "differ": differ[:3],
                }
            results.append(entry)
    reader = (
        "every source and borough"
        if scope.unrestricted
        else f"sources {args.sources}, boroughs {args.boroughs or 'all'}"
    )
    print(
        f"data: {folder.name}; reader: {reader}; draws per query: {args.draws}; reference "
        f"RETURN 1 median {statistics.median(ping):.2f} ms, 1,000 rows of nothing {statistics.median(carriage):.2f} ms"
        f"{'; optional boroughs left out' if args.all_london else ''}"
        f"; rows asked: {f'the first page, {rows_asked}' if rows_asked else 'each query its own limit'}"
    )
    print(f"load: {load_note}")
    print(f"warm-up: {warm_note}")
    if replaced:
        print(f"texts from {args.texts_from}: {', '.join(replaced)}")
    print(
        f"{'query':<28}{'median ms':>11}{'p95 ms':>10}{'rows':>8}{'p95/ping':>10}{'disk MB':>9}"
        f"{'answered':>10}{'live median':>13}{'live p95':>10}{'identical':>10}"
    )
    for r in results:
        if "median_ms" not in r:
            print(f"{r['query']:<28}  {r['stopped']}")
            continue
        live = f"{r['live_median_ms']:>13}{r['live_p95_ms']:>10}{r['identical']:>10}" if "live_p95_ms" in r else ""
        print(
            f"{r['query']:<28}{r['median_ms']:>11}{r['p95_ms']:>10}{r['mean_rows']:>8}{r['p95_over_ping']:>10}"
            f"{'-' if r['disk_mb'] is None else r['disk_mb']:>9}{r['answered_from']:>10}{live}"
        )
    for r in results:
        if "median_ms" in r and r.get("stopped"):
            print(f"{r['query']}: draws stopped at the {TIME_LIMIT}: {r['stopped']}")
    print(
        json.dumps(
            {
                "data": folder.name,
                "reader": reader,
                "draws": args.draws,
                "all_london": args.all_london,
                "rows_asked": rows_asked or "each query's limit",
                "texts_from": {"folder": str(args.texts_from), "queries": replaced} if replaced else None,
                "ping_median_ms": round(statistics.median(ping), 3),
                "thousand_rows_median_ms": round(statistics.median(carriage), 3),
                "load": load_note,
                "warm_up": warm_note,
                "queries": results,
            },
            default=str,
        )
    )


if __name__ == "__main__":
    main()
