"""The summaries the graph keeps for the London-wide catalogue queries, and their upkeep.

What each holds (cypher/summary/*_build.cypher): every jigsaw link before "not already tied"
(JigsawLink, pointing at its two records, with its tying records' keys); each cross-borough
person's records by source and borough (CrossBoroughFact) and their answer for each set of
sources (CrossBoroughAnswer); governance and borough counts by source and borough; the
data-quality measures; for gang overlap, each person's roles by source and borough
(GangOverlapFact) and every way to an active nominal within two steps (GangReach); all London's
lists, one fact per item with its row: each child whose CSE category rose (MissingRisingFact, on
the person), each active harmed nominal's entry with the records naming them harmed by source and
a rank for each answer a reader of every borough can have (HarmedNominalFact, on the entry), each
HSB case with a child in a MASH referral (PeerHsbFact, on the case); all London's hotspots over the
default period for a reader of every source and borough, the live query's own rows (HotspotFact).
Who reads them: jigsaw/summary_answers.py, for the catalogue.

A change first marks every summary it can move as being rebuilt (`begin`), so the catalogue
answers live meanwhile, then folds itself in and clears its mark (`maintain`):
  * links and cross-borough facts incrementally, from the records the change touched (a
    load's new and changed records, and every record of a person they mention; after an
    identity decision, a split or an erasure, every record of the people concerned);
  * counts, data quality and hotspots in full (a few hundred rows; a change anywhere can move them);
  * gang overlap for the people within two steps of the people the changed records name (a
    way to a nominal is at most two steps long) and those whose part rested on a changed
    record (each fact's `depends`: a changed record may no longer name them), rebuilt;
  * all London's lists from the touched records: the children a touched record names, the
    touched matrix entries and HSB cases (a change to a person's records touches all of them), and
    any whose person, entry or case is gone; in full when the cross-borough facts are (a changed
    record may no longer name a child, and an identity run may move any mention);
  * after an identity run over new mentions, the records of the people it linked mentions to
    and the cross-borough facts in full; everything in full after a full run, or when asked.
  * every link a touched record tied is found again too (summary/touch_ties; a load's changed
    record, before its mentions are replaced: summary/touch_replaced, through `touch_replaced`;
    a record whose mentions an identity run over new mentions moves, before it moves them:
    summary/touch_relinked, through `touch_relinked`).
The lists, the counts, the data quality and the hotspots are built in two lanes at once (side_by_side.py: a
server core each), each lane taking the hotspots' next set of sources when its own work is done; a first load
imports the counts with the graph (graph_loader/count_files.py), and the missing-rising, harmed-nominals and
peer-on-peer HSB lists (graph_loader/list_files.py). Each
summary's time goes into the caller's report. Maintenance runs one at a time: the SummaryTouched marks
of two at once would mix (loads, identity runs and erasures are administrators' jobs, run one after another).
"""

from __future__ import annotations

import secrets
import threading
import time
from datetime import UTC, datetime
from itertools import combinations

from neo4j import Driver, ManagedTransaction

from jigsaw import catalogue
from jigsaw.access import ALL_SOURCES, Scope
from jigsaw.bounded_read import read_capped
from jigsaw.cypher_files import load as cypher
from jigsaw.cypher_files import vocabulary
from jigsaw.summary_answers import SUMMARISED

from . import count_files, link_build, overlap_build, side_by_side

# What the summaries write: derived data, whose provenance is the records it points at.
DERIVED_LABELS = (
    "SummaryState",
    "JigsawLink",
    "CrossBoroughFact",
    "CrossBoroughAnswer",
    "GovernanceCount",
    "BoroughCount",
    "SourceCount",
    "SourceTotal",
    "CategoryCount",
    "QualityMeasure",
    "GangOverlapFact",
    "GangReach",
    "MissingRisingFact",
    "HarmedNominalFact",
    "PeerHsbFact",
    "HotspotFact",
)
# All London's lists: each summary's delete and build files (summary/<stem>_delete, _build).
LISTS = {"missing_rising_category": "rising", "harmed_nominals": "harmed", "peer_on_peer_hsb": "peer_hsb"}
# A list a first load imports (graph_loader/list_files.py) whose empty lists come after the import.
IMPORTED_LISTS_MENDED = {"harmed_nominals": "harmed_lists", "peer_on_peer_hsb": "peer_hsb_lists"}
# Rebuilt whole after every change, so one never computed (new in this version) is simply built
# with the next change rather than making every other summary be built from scratch.
ALWAYS_FULL = (
    "governance_counts",
    "overview_by_borough",
    "overview_by_source",
    "overview_cse_categories",
    "overview_data_quality",
    "hotspots",
)
# The summaries counts_build.cypher (or a first load's graph_loader/count_files.py) keeps.
COUNTS = ("governance_counts", "overview_by_borough", "overview_by_source", "overview_cse_categories")
# All London's hotspots are worked out by the live query itself, which is not meant to take this long.
HOTSPOTS_BUILD_TIMEOUT = 600.0
# Every set of sources a reader may be given, each sorted as the hotspots' read lists a reader's
# (cypher/summary/read_hotspots.cypher): the summary keeps all London's hotspots for each.
SOURCE_SETS = tuple(
    tuple(sorted(chosen)) for n in range(1, len(ALL_SOURCES) + 1) for chosen in combinations(ALL_SOURCES, n)
)


def new_op(kind: str) -> str:
    return f"{kind}-{datetime.now(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


def begin(driver: Driver, database: str, op: str) -> None:
    """A change has begun: every summary answers live until `maintain` for `op` ends."""
    driver.execute_query(cypher("summary/state_begin"), names=list(SUMMARISED), op=op, database_=database)


def begin_change(driver: Driver, database: str, kind: str) -> str:
    """Mark every summary before a change's first write (an identity run or decision, a split, an
    erasure), so none answers while the change is half made; returns the id its `after_*` call clears."""
    op = new_op(kind)
    begin(driver, database, op)
    return op


def release(driver: Driver, database: str, op: str) -> None:
    """Change `op` wrote nothing the summaries rest on (an erasure that found no record): its mark goes,
    each summary's computed_at stays."""
    driver.execute_query(cypher("summary/state_release"), names=list(SUMMARISED), op=op, database_=database)


def delete_in_batches(driver: Driver, database: str, name: str, batch: int = 10_000) -> None:
    """Run `summary/<name>` (which deletes up to $batch summary nodes and returns how many) until it
    deletes none, each batch its own transaction: a full rebuild's delete then never grows with
    London against the transaction timeout."""
    while driver.execute_query(cypher(f"summary/{name}"), batch=batch, database_=database).records[0]["deleted"]:
        pass


def _auto(driver: Driver, database: str, name: str, **params) -> None:
    """A maintenance file that runs CALL ... IN TRANSACTIONS (an auto-commit transaction)."""
    with driver.session(database=database) as session:
        session.run(cypher(f"summary/{name}"), params).consume()


def _done(driver: Driver, database: str, names: tuple[str, ...], op: str, seconds: float, how: str) -> None:
    at = datetime.now(UTC)
    for name in names:
        driver.execute_query(
            cypher("summary/state_end"), name=name, op=op, at=at, seconds=round(seconds, 3), how=how, database_=database
        )


def maintain(
    driver: Driver,
    database: str,
    op: str,
    *,
    load_id: str | None = None,
    person_ids: list[str] | None = None,
    run_id: str | None = None,
    full: bool = False,
    people_full: bool = False,
    prebuilt: dict[str, float] | None = None,
) -> dict[str, float]:
    """Bring every summary up to date after change `op`; returns seconds per summary.

    `load_id`: a load's records and their people; `person_ids`: these people's records;
    `full` (or neither given): everything from scratch. `people_full`: the cross-borough facts
    from scratch (a load that changed records: a person a changed record no longer names is
    not among the touched, yet lost a record). `prebuilt`: summaries already in the graph, built
    in full with it (a first load's importer files: graph_loader/summary_files.py), with their seconds.
    """
    begin(driver, database, op)  # also when the caller did not (an identity decision, a split)
    # A summary never computed (a graph loaded before summaries existed) is built whole.
    never = any(
        state["computed_at"] is None
        for state in states(driver, database)
        if state["name"] in SUMMARISED and state["name"] not in ALWAYS_FULL
    )
    full = full or never or (load_id is None and person_ids is None and run_id is None)
    how = "full" if full else "incremental"
    cross_full = full or people_full
    prebuilt = prebuilt or {}
    timings: dict[str, float] = {}
    began = time.monotonic()
    if not full:
        if load_id is not None:
            _auto(driver, database, "touch_load", load_id=load_id)
        if person_ids:
            driver.execute_query(cypher("summary/touch_people"), person_ids=person_ids, database_=database)
        if run_id is not None:
            _auto(driver, database, "touch_run", run_id=run_id)
        driver.execute_query(cypher("summary/touch_ties"), database_=database)
    timings["touching records"] = time.monotonic() - began
    try:
        began = time.monotonic()
        if "jigsaw_links" in prebuilt:  # imported with the graph
            timings["jigsaw_links"] = prebuilt["jigsaw_links"]
        else:
            if full:  # every link: worked out in Python from one read, written in large batches
                delete_in_batches(driver, database, "links_delete_all")
                link_build.build(driver, database)
            else:  # the touched records' neighbourhoods only, then the new links' order (the full build writes it)
                _auto(driver, database, "links_delete", people=list(person_ids or []))
                _auto(driver, database, "links_build", all=False)
                _auto(driver, database, "links_rank", all=False)
            timings["jigsaw_links"] = time.monotonic() - began
        _done(driver, database, ("jigsaw_links",), op, timings["jigsaw_links"], how)
        began = time.monotonic()
        if "cross_borough_people" in prebuilt:  # imported with the graph
            timings["cross_borough_people"] = prebuilt["cross_borough_people"]
        else:
            _auto(driver, database, "cross_delete", all=cross_full)
            _auto(driver, database, "cross_build", all=cross_full)
            _auto(driver, database, "cross_sets", all=cross_full, sources=list(ALL_SOURCES))
            timings["cross_borough_people"] = time.monotonic() - began
        _done(
            driver,
            database,
            ("cross_borough_people",),
            op,
            timings["cross_borough_people"],
            "full" if cross_full else how,
        )
        # The lists (before the touched records' marks are cleared: they read them), the counts, the
        # data quality and the hotspots read only records and write only their own facts: two lanes at
        # once, one per core. The missing-rising facts and the counts both hang off Borough nodes, so
        # they share a lane and never wait on each other's locks; the other lane's facts hang off
        # entries and cases, or nothing. The hotspots' sets of sources are each lane's last work, taken
        # one at a time by whichever lane is free (a set's facts hang off nothing), so the lanes end
        # together however long their own work took (after a first load, which imports the lists and
        # the counts, the hotspots are most of what is left).
        lists_how = "full" if cross_full else how
        hotspot_sets = HotspotSets()

        def rising_counts_hotspots() -> None:
            _list(driver, database, "missing_rising_category", cross_full, op, lists_how, timings, prebuilt)
            if count_files.TIMING in prebuilt:
                timings[count_files.TIMING] = prebuilt[count_files.TIMING]
                _done(driver, database, COUNTS, op, timings[count_files.TIMING], "full")
            else:
                _counts(driver, database, op, timings)
            hotspot_sets.build(driver, database)

        def harmed_peer_quality_hotspots() -> None:
            _list(driver, database, "harmed_nominals", cross_full, op, lists_how, timings, prebuilt)
            _list(driver, database, "peer_on_peer_hsb", cross_full, op, lists_how, timings, prebuilt)
            _quality(driver, database, op, timings)
            hotspot_sets.build(driver, database)

        side_by_side.run(rising_counts_hotspots, harmed_peer_quality_hotspots)
        timings["hotspots"] = hotspot_sets.seconds
        _done(driver, database, ("hotspots",), op, hotspot_sets.seconds, "full")
    finally:
        began = time.monotonic()
        _auto(driver, database, "untouch")
        timings["touching records"] += time.monotonic() - began
    began = time.monotonic()
    # Only new records (a load that changed none) cannot have been anyone's `depends`: no lookup.
    only_new = load_id is not None and person_ids is None and run_id is None and not people_full
    if "gang_overlap" in prebuilt:  # imported with the graph, all but its empty lists
        _auto(driver, database, "overlap_lists")
        timings["gang_overlap"] = prebuilt["gang_overlap"] + time.monotonic() - began
    else:
        people = None if full else _overlap_people(driver, database, load_id, person_ids, run_id, not only_new)
        _overlap(driver, database, people)
        timings["gang_overlap"] = time.monotonic() - began
    _done(driver, database, ("gang_overlap",), op, timings["gang_overlap"], how)
    return {k: round(v, 3) for k, v in timings.items()}


def _list(
    driver: Driver, database: str, name: str, all_: bool, op: str, how: str, timings: dict, prebuilt: dict
) -> None:
    """One of all London's lists: its facts deleted and built again (all of them, or the touched ones'),
    or, imported with the graph (`prebuilt`), only given back the empty lists the importer cannot write."""
    stem = LISTS[name]
    began = time.monotonic()
    if name in prebuilt:
        if name in IMPORTED_LISTS_MENDED:
            _auto(driver, database, IMPORTED_LISTS_MENDED[name])
        timings[name] = prebuilt[name] + time.monotonic() - began
        _done(driver, database, (name,), op, timings[name], "full")
        return
    _auto(driver, database, f"{stem}_delete", all=all_)
    _auto(driver, database, f"{stem}_build", all=all_, **vocabulary(cypher(f"summary/{stem}_build")))
    timings[name] = time.monotonic() - began
    _done(driver, database, (name,), op, timings[name], how)


def _counts(driver: Driver, database: str, op: str, timings: dict) -> None:
    began = time.monotonic()
    driver.execute_query(cypher("summary/counts_build"), database_=database)
    timings[count_files.TIMING] = time.monotonic() - began
    _done(driver, database, COUNTS, op, timings[count_files.TIMING], "full")


def _quality(driver: Driver, database: str, op: str, timings: dict) -> None:
    began = time.monotonic()
    driver.execute_query(cypher("summary/quality_build"), database_=database)
    timings["overview_data_quality"] = time.monotonic() - began
    _done(driver, database, ("overview_data_quality",), op, timings["overview_data_quality"], "full")


class HotspotSets:
    """All London's hotspots over the default period for a reader of every borough and each set of
    sources: the live catalogue query's own rows for that reader, so the summary cannot differ from
    it, and one more than it shows, so the catalogue can say the answer was cut. In full: the period
    ends at the latest record, so any new record can move every count. One set's rows cannot be
    worked out from another's (a child counted once however many sources name them; the period
    ends at the latest record of the reader's sources), so each set is its own live run: seven at
    most, 8 to 12 s together at L. `build` takes the sets not yet taken one at a time, so two lanes
    calling it share them out; `seconds` is their time summed."""

    def __init__(self) -> None:
        self._left = list(SOURCE_SETS)
        self._lock = threading.Lock()
        self.seconds = 0.0

    def _next(self) -> tuple[str, ...] | None:
        with self._lock:
            return self._left.pop(0) if self._left else None

    def build(self, driver: Driver, database: str) -> None:
        query = catalogue.get("hotspots")
        while (sources := self._next()) is not None:
            began = time.monotonic()
            params = catalogue.run_parameters(query, query, query.bind({}), Scope(sources=sources), query.limit + 1)
            _, rows, _ = read_capped(
                driver, database, query.text, params, cap=query.limit + 1, timeout=HOTSPOTS_BUILD_TIMEOUT
            )
            # The place's borough is kept apart: a fact's own `borough` is what need to know reads.
            kept = [
                {k: v for k, v in row.items() if k != "borough"} | {"place_borough": row["borough"], "rank": i}
                for i, row in enumerate(rows)
            ]
            driver.execute_query(cypher("summary/hotspots_write"), sources=list(sources), rows=kept, database_=database)
            with self._lock:
                self.seconds += time.monotonic() - began


def _overlap_people(
    driver: Driver,
    database: str,
    load_id: str | None,
    person_ids: list[str] | None,
    run_id: str | None,
    rewritten: bool = True,
) -> list[str]:
    """Whose gang overlap part a change may have moved: everyone within two steps of the people
    the changed records name now (a way is at most two steps), and everyone whose part rested
    on one of those records (a changed record may no longer name them, or tie their way), unless
    none was `rewritten` (a load of new records only)."""

    def read(name: str, **params) -> dict:
        return driver.execute_query(cypher(f"summary/{name}"), params, database_=database, routing_="r").records[0]

    seeds = read("overlap_seeds", load_id=load_id, person_ids=list(person_ids or []), run_id=run_id)
    near = sorted(set(seeds["people"]) | set(person_ids or []))
    for _ in range(2):
        near = read("overlap_neighbours", people=near)["people"]
    resting = read("overlap_depending", keys=seeds["keys"])["people"] if rewritten and seeds["keys"] else []
    return sorted(set(near) | set(resting))


def _overlap(driver: Driver, database: str, people: list[str] | None) -> None:
    """Gang overlap: these people's parts deleted and built again (and any whose person is gone),
    or with None the whole summary (worked out in Python from one read: overlap_build.py)."""
    if people is None:
        delete_in_batches(driver, database, "overlap_delete_all")
        overlap_build.build(driver, database)
        return
    nominals = driver.execute_query(cypher("summary/overlap_nominals"), database_=database, routing_="r").records
    _auto(driver, database, "overlap_delete", people=people)
    _auto(
        driver,
        database,
        "overlap_build",
        people=people,
        nominals=nominals[0]["nominals"],
        **vocabulary(cypher("summary/overlap_build")),
    )


def touch_replaced(tx: ManagedTransaction, record_keys: list[str]) -> None:
    """In a load's write, before these changed records' mentions are replaced: the links they tie
    are found now (after, a record may name neither of a link's people) and found again later."""
    tx.run(cypher("summary/touch_replaced"), keys=record_keys).consume()


def touch_relinked(driver: Driver, database: str, mention_keys: list[str]) -> None:
    """Before an identity run over new mentions moves these mentions: the links their records tie are
    found now (after, a record may name neither of a link's people) and found again by its hook."""
    if mention_keys:
        driver.execute_query(cypher("summary/touch_relinked"), mention_keys=mention_keys, database_=database)


def after_load(driver: Driver, database: str, report) -> dict[str, float]:
    """After a load (`begin` was called with its load id when it started): what it wrote."""
    if not (report.records_new or report.records_changed):  # nothing moved: the summaries stand
        began = time.monotonic()
        release(driver, database, report.load_id)
        return {"unchanged": round(time.monotonic() - began, 3)}
    return maintain(driver, database, report.load_id, load_id=report.load_id, people_full=bool(report.records_changed))


def after_people(driver: Driver, database: str, person_ids: list[str], op: str) -> dict[str, float]:
    """After an identity decision, a split or an erasure (`op`, from `begin_change`): these people's
    summaries, the counts in full."""
    return maintain(driver, database, op, person_ids=[p for p in person_ids if p])


def after_identity_run(driver: Driver, database: str, run_id: str, mode: str, op: str) -> dict[str, float]:
    """After an identity run (`op`, from `begin_change` before its first write): a full run,
    everything afresh; a run over new mentions, the records of the people it linked mentions to,
    and the cross-borough facts in full (a person who lost a mention to another is not among those)."""
    if mode == "full":
        return maintain(driver, database, op, full=True)
    return maintain(driver, database, op, run_id=run_id, people_full=True)


def rebuild(driver: Driver, database: str, kind: str = "rebuild") -> dict[str, float]:
    """Every summary from scratch (after an identity run, a first load, or when asked)."""
    return maintain(driver, database, new_op(kind), full=True)


def people_of(
    driver: Driver,
    database: str,
    *,
    record_keys: list[str] = (),
    mention_keys: list[str] = (),
    beside: bool = False,
) -> list[str]:
    """The people these records or mentions refer to (read before an erasure, after a decision); with
    `beside`, also everyone named in the mentions' records (an erasure of the mentions: a way to a nominal
    through the erased person rested on those records)."""
    rows = driver.execute_query(
        cypher("summary/people_of_records"),
        record_keys=list(record_keys),
        mention_keys=list(mention_keys),
        beside=beside,
        database_=database,
        routing_="r",
    ).records
    return rows[0]["person_ids"] if rows else []


def states(driver: Driver, database: str) -> list[dict]:
    return [r.data() for r in driver.execute_query(cypher("summary/states"), database_=database, routing_="r").records]
