"""The load, end to end: find files → validate → quarantine → write in batches → resolve → record.

Each batch is one transaction, so a load killed part way leaves no half-written record;
running it again skips what was written (same content hash) and completes the rest.
"""

from __future__ import annotations

import gc
import hashlib
import secrets
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from neo4j import Driver, ManagedTransaction

from jigsaw.cypher_files import load as cypher

from . import resolve_exact, summaries
from .graph_rows import TO_ROWS
from .load_report import LoadReport
from .models import SOURCES, SourceSpec
from .orphans import delete_orphan_persons
from .quarantine import write_quarantine
from .shared_ids import namespaced
from .validate import Outcome, Shard, Validated, validate_csv_files, validate_jsonl_file

Progress = Callable[[str, int, int], None]  # (stage, done, total)


class LoadError(ValueError):
    """Nothing could be loaded from what was given (e.g. no source files in the folder)."""


@dataclass
class LoadOptions:
    user: str
    quarantine_root: Path
    dry_run: bool = False
    batch_size: int = 1000
    # Concurrent write transactions (batches never share a record). Measured, not a default:
    # two writers bought little once plans were warm; three stalled on shared borough and
    # agency nodes until a transaction timed out (docs/scaling.md), so the CLI keeps one.
    writers: int = 1
    progress: Progress | None = None
    # A foreign export loaded through a mapping (graph_loader/mapping): its name, file, text and
    # checksum, written on the Load node only.
    mapping: dict[str, str] = field(default_factory=dict)
    load_id: str = field(default_factory=lambda: new_load_id())
    # Provenance of records received from another borough (sharing/): who shared them, under
    # which agreement, when, in which package. Written on the load and on each record.
    shared: dict[str, str] = field(default_factory=dict)
    # The sender's namespace for a shared load's record ids (graph_loader/shared_ids.py).
    namespace: str | None = None


def new_load_id() -> str:
    return f"L-{datetime.now(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


# --- step 1: which files ----------------------------------------------------------------


def source_files(source: SourceSpec, path: Path) -> dict[str, Path] | Path | None:
    """The files of `source` at `path`: CSV files by spec name, or one JSON Lines file."""
    if path.is_file():
        if path.suffix.lower() == ".jsonl":
            return path
        files = {source.main.filename: path}
        folder = path.parent
    elif path.is_dir():
        folder = path
        if (folder / source.main.filename).exists():
            files = {source.main.filename: folder / source.main.filename}
        elif (folder / source.jsonl_filename).exists():
            return folder / source.jsonl_filename
        else:
            return None
    else:
        raise LoadError(f"{path} does not exist")
    for spec in source.linked:
        if (folder / spec.filename).exists():
            files[spec.filename] = folder / spec.filename
    return files


def validate_source(source: SourceSpec, path: Path, shard: Shard | None = None) -> Validated | None:
    files = source_files(source, path)
    if files is None:
        return None
    if isinstance(files, Path):  # JSON Lines are not shared out: the first shard validates them all
        return (
            validate_jsonl_file(source, files) if shard is None or shard[0] == 0 else Validated(source, files=[files])
        )
    validated = validate_csv_files(source, files, shard)
    missing = [s.filename for s in source.linked if s.filename not in files and not s.optional]
    if missing:
        validated.notices.append(f"not found, so not loaded: {', '.join(missing)}")
    return validated


def validate_paths(source_key: str | None, path: Path, shard: Shard | None = None) -> list[Validated]:
    """Validate one source at `path`, or (source_key None) every source found in a folder."""
    return [
        v for v in (validate_source(SOURCES[k], path, shard) for k in sources_found(source_key, path)) if v is not None
    ]


def sources_found(source_key: str | None, path: Path) -> list[str]:
    """The sources with files at `path` (only `source_key`, if given); LoadError when there are none."""
    keys = [source_key] if source_key else list(SOURCES)
    found = [k for k in keys if source_files(SOURCES[k], path) is not None]
    if not found:
        names = ", ".join(f"{SOURCES[k].main.filename} or {SOURCES[k].jsonl_filename}" for k in keys)
        raise LoadError(f"no source files in {path}: expected {names}")
    return found


def _checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def overall_checksum(files: list[Path], checksums: list[str]) -> str:
    """One SHA-256 for a load's files, whatever order they were read in."""
    return hashlib.sha256(
        "".join(sorted(f"{f.name}:{c}" for f, c in zip(files, checksums, strict=True))).encode()
    ).hexdigest()


def checksum_of_folder(source_key: str | None, path: Path) -> str:
    """The checksum a load of `path` would record, without loading it."""
    files = []
    for key in [source_key] if source_key else list(SOURCES):
        found = source_files(SOURCES[key], path)
        files += [found] if isinstance(found, Path) else list((found or {}).values())
    return overall_checksum(files, [_checksum(f) for f in files])


# --- step 3: writing --------------------------------------------------------------------


def _write_batch(tx: ManagedTransaction, rows: list[dict], load_id: str, at: datetime, shared: dict[str, str]):
    """Write the new and changed records of one batch; returns (new, changed, unchanged, erased, counters)."""
    rows, erased = _without_erased(tx, rows)
    existing = {
        r["key"]: r["hash"] for r in tx.run(cypher("load/existing_hashes"), keys=[row["record_key"] for row in rows])
    }
    changed = [
        row for row in rows if row["record_key"] in existing and existing[row["record_key"]] != row["content_hash"]
    ]
    new = [row for row in rows if row["record_key"] not in existing]
    counters = []
    if changed:
        summaries.touch_replaced(tx, [r["record_key"] for r in changed])  # while they still name whom they named
        counters.append(
            tx.run(cypher("load/delete_record_parts"), keys=[r["record_key"] for r in changed]).consume().counters
        )
    if new or changed:
        counters.append(
            tx.run(cypher("load/write_records"), rows=new + changed, load_id=load_id, loaded_at=at, shared=shared)
            .consume()
            .counters
        )
    return len(new), len(changed), len(rows) - len(new) - len(changed), erased, counters


def _without_erased(tx: ManagedTransaction, rows: list[dict]) -> tuple[list[dict], int]:
    """Drop erased records, and erased mentions from the records that stay (jigsaw erase)."""
    keys = [f"record:{row['record_key']}" for row in rows] + [
        f"mention:{m['mention_key']}" for row in rows for m in row["mentions"]
    ]
    erased = {r["key"] for r in tx.run(cypher("load/erased"), keys=keys)}
    if not erased:
        return rows, 0
    kept = [
        row | {"mentions": [m for m in row["mentions"] if f"mention:{m['mention_key']}" not in erased]}
        for row in rows
        if f"record:{row['record_key']}" not in erased
    ]
    return kept, len(rows) - len(kept)


def _count(finished, report: LoadReport) -> int:
    """Add finished batches' counts to the report; returns how many records they held."""
    records = 0
    for future in finished:
        size, (new, changed, unchanged, erased, counters) = future.result()
        report.records_erased += erased
        report.records_new += new
        report.records_changed += changed
        report.records_unchanged += unchanged
        for c in counters:
            report.add_counters(c)
        records += size
    return records


def tick(options: LoadOptions, stage: str, done: int, total: int) -> None:
    """Report a load's progress to whoever asked for it (the CLI's progress bar)."""
    if options.progress:
        options.progress(stage, done, total)


def _batches(validated: list[Validated], size: int, namespace: str | None = None):
    for v in validated:
        to_rows = TO_ROWS[v.source.key]
        for start in range(0, len(v.records), size):
            records = [r.record for r in v.records[start : start + size]]
            if namespace:
                records = [namespaced(r, v.source, namespace) for r in records]
            yield [to_rows(r) for r in records]


def write_validated(
    driver: Driver, database: str, validated: list[Validated], options: LoadOptions, report: LoadReport
) -> None:
    at = datetime.now(UTC)
    total = sum(len(v.records) for v in validated)
    done = 0

    def write(batch: list[dict]):
        with driver.session(database=database) as own:
            return len(batch), own.execute_write(_write_batch, batch, options.load_id, at, options.shared)

    # The next batch's rows are built while the server writes this one; with more writers,
    # a deadlock on a shared node (a borough, a place) is transient and retried by execute_write.
    with ThreadPoolExecutor(max_workers=max(options.writers, 1)) as pool:
        pending = set()
        for batch in _batches(validated, options.batch_size, options.namespace):
            pending.add(pool.submit(write, batch))
            if len(pending) >= 2 * options.writers:  # bounded: rows are built as they are written
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                done += _count(finished, report)
                tick(options, "writing records", done, total)
        done += _count(pending, report)
        tick(options, "writing records", done, total)
    with driver.session(database=database) as session:
        tick(options, "resolving people", 0, 1)
        created, counters, waiting = resolve_exact.resolve(session, options.load_id, at)
        report.persons_created += created
        for c in counters:
            report.add_counters(c)
        if waiting:
            sample = ", ".join(waiting[:5]) + (" ..." if len(waiting) > 5 else "")
            report.notices.append(
                f"{len(waiting)} named associate(s) are not on the matrix yet; they will be linked when loaded: "
                f"{sample}"
            )
        if report.records_changed:
            for c in delete_orphan_persons(driver, database)[1]:
                report.add_counters(c)
        tick(options, "resolving people", 1, 1)


# --- the whole load ---------------------------------------------------------------------


def validate_and_quarantine(
    source_key: str | None, path: Path, options: LoadOptions
) -> tuple[LoadReport, list[Validated]]:
    """Steps 1 and 2 of every load: validate, report each rejection and keep it in quarantine."""
    tick(options, "validating rows", 0, 1)
    with gc_paused():
        validated = validate_paths(source_key, path)
    tick(options, "validating rows", 1, 1)
    return reported([Outcome.of(v) for v in validated], options), validated


def reported(outcomes: list[Outcome], options: LoadOptions) -> LoadReport:
    """The report of what validation found, every rejected row kept in quarantine."""
    report = LoadReport(load_id=options.load_id, dry_run=options.dry_run)
    report.sources = [o.source.key for o in outcomes]
    report.files = [str(f) for o in outcomes for f in o.files]
    for o in outcomes:
        report.rows_read += o.rows_read
        report.records_valid += o.records_valid
        report.rows_rejected += len(o.rejections)
        report.notices += o.notices
        for r in o.rejections:
            report.rejections += [{"file": r.file, "row": r.row, "field": f, "reason": why} for f, why in r.errors]
        report.doubts += [d.as_dict() for d in o.doubts]
        report.values_doubtful += len(o.doubts)
    rejections = [r for o in outcomes for r in o.rejections]
    report.quarantine = [str(p) for p in write_quarantine(options.quarantine_root / options.load_id, rejections)]
    return report


@contextmanager
def gc_paused():
    """No cyclic garbage collection while a million records are built: they hold no cycles, and
    each collection walks every object made so far (a quarter of validation time at L)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def start_load(driver: Driver, database: str, report: LoadReport, options: LoadOptions) -> None:
    """The Load node: who loaded which files (by checksum), when; marked running until finished."""
    files = [Path(f) for f in report.files]
    checksums = [_checksum(f) for f in files]
    driver.execute_query(
        cypher("load/start_load"),
        load_id=options.load_id,
        user=options.user,
        started_at=datetime.now(UTC),
        sources=report.sources,
        files=[f.name for f in files],
        checksums=checksums,
        checksum=overall_checksum(files, checksums),
        shared=options.shared,
        mapping=options.mapping,
        database_=database,
    )


def finish_load(driver: Driver, database: str, report: LoadReport, began: float) -> None:
    report.seconds = round(time.monotonic() - began, 3)
    driver.execute_query(
        cypher("load/finish_load"),
        load_id=report.load_id,
        finished_at=datetime.now(UTC),
        counts=report.counts() | {"seconds": report.seconds},
        database_=database,
    )


def run_load(
    driver: Driver | None, database: str, source_key: str | None, path: Path, options: LoadOptions
) -> LoadReport:
    """Validate, quarantine and (unless dry run) write. `driver` may be None for a dry run."""
    began = time.monotonic()
    report, validated = validate_and_quarantine(source_key, path, options)
    if not options.dry_run:
        assert driver is not None
        start_load(driver, database, report, options)
        summaries.begin(
            driver, database, options.load_id
        )  # the London-wide answers go live until the load is folded in
        write_validated(driver, database, validated, options, report)
        finish_load(driver, database, report, began)
        report.summaries = summaries.after_load(driver, database, report)
    report.seconds = round(time.monotonic() - began, 3)
    return report
