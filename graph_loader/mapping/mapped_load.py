"""Load a foreign file through its mapping, with the ordinary validator, quarantine and writer.

The Load node records the original file and its checksum (not the intermediate files) and
the mapping: its name, file name, text and SHA-256.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver

from ..load import (
    LoadError,
    LoadOptions,
    finish_load,
    gc_paused,
    reported,
    start_load,
    tick,
    validate_source,
    write_validated,
)
from ..load_report import LoadReport
from ..validate import Outcome, Validated
from .apply import Applied, apply_mapping, merged, translate, translate_doubt
from .model import LoadedMapping, MappingError


@dataclass
class MappedValidation:
    validated: Validated
    applied: Applied


def validate_mapped(loaded: LoadedMapping, path: Path, work: Path) -> MappedValidation:
    """Apply the mapping into `work` and validate the result; rejections name the original file."""
    if not path.is_file():
        raise LoadError(f"{path} does not exist or is not a file")
    try:
        applied = apply_mapping(loaded, path, work)
    except MappingError as err:
        raise LoadError(str(err)) from None
    with gc_paused():
        validated = validate_source(loaded.mapping.spec, work)
    assert validated is not None  # apply wrote every file of the source
    translated = [t for r in validated.rejections if (t := translate(r, applied)) is not None]
    validated.rejections = merged(applied.rejections + translated)
    validated.doubts = [translate_doubt(d, applied) for d in validated.doubts]
    validated.files = [path]
    validated.rows_read = applied.rows_read
    validated.notices = [f"{path.name}: {n}" for n in applied.notices] + [
        n for n in validated.notices if not n.startswith("not found")
    ]
    return MappedValidation(validated, applied)


def run_mapped_load(
    driver: Driver | None, database: str, loaded: LoadedMapping, path: Path, options: LoadOptions
) -> LoadReport:
    """Like `run_load`, for one foreign file read through a mapping. `driver` may be None for a dry run."""
    began = time.monotonic()
    tick(options, "validating rows", 0, 1)
    with tempfile.TemporaryDirectory(prefix="jigsaw-mapped-") as tmp:  # owner-only: children's data
        result = validate_mapped(loaded, path, Path(tmp))
    tick(options, "validating rows", 1, 1)
    report = reported([Outcome.of(result.validated)], options)
    if not options.dry_run:
        assert driver is not None
        options.mapping = loaded.provenance()
        start_load(driver, database, report, options)
        write_validated(driver, database, [result.validated], options, report)
        finish_load(driver, database, report, began)
    report.seconds = round(time.monotonic() - began, 3)
    return report
