"""`jigsaw geo import FILE`: the ONS Postcode Directory (or any CSV with its columns) into the
postcode lookup, read as a stream (the directory is 2.7 million rows, about 1 GB).

Accepted columns, by their published names in any case: the postcode (pcds, pcd, pcd2, pcd7,
pcd8 or postcode), lat/latitude, long/longitude, the local authority (oslaua, lad or ladNNcd)
and doterm (the month a postcode was terminated). A row whose postcode is only a district
("N4") or sector ("N4 1") gives that area's point directly, so a table of district centres
can be imported as the fallback too. Rows that cannot be used are counted, by reason, never
fatal. The lookup is built beside the old one and swapped in whole when complete.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from jigsaw.geo.postcodes import lookup_path, parts

from .bounds import MAX_COLUMNS
from .read import BoundedLines

POSTCODE_COLUMNS = ("pcds", "pcd", "pcd2", "pcd7", "pcd8", "postcode")
LATITUDE_COLUMNS = ("lat", "latitude")
LONGITUDE_COLUMNS = ("long", "longitude", "lon")
_LAD = re.compile(r"^(oslaua|lad|lad\d{2}cd|ladcd)$")
# The UK, the Channel Islands and the Isle of Man; ONSPD writes 99.999999 for "no grid reference".
LATITUDES, LONGITUDES = (49.0, 61.0), (-8.7, 2.1)
BATCH = 50_000

SCHEMA = """
CREATE TABLE postcode (code TEXT PRIMARY KEY, sector TEXT NOT NULL, district TEXT NOT NULL,
                       latitude REAL NOT NULL, longitude REAL NOT NULL, lad TEXT, terminated INTEGER NOT NULL)
                       WITHOUT ROWID;
CREATE TABLE sector (code TEXT PRIMARY KEY, latitude REAL NOT NULL, longitude REAL NOT NULL, postcodes INTEGER)
                     WITHOUT ROWID;
CREATE TABLE district (code TEXT PRIMARY KEY, latitude REAL NOT NULL, longitude REAL NOT NULL, postcodes INTEGER)
                       WITHOUT ROWID;
CREATE TABLE about (key TEXT PRIMARY KEY, value TEXT);
"""
# An area's point is the mean of its postcodes in use; of its terminated ones if it has no other.
AREAS = """
INSERT OR IGNORE INTO {area} SELECT {area}, avg(latitude), avg(longitude), count(*) FROM postcode
    WHERE terminated = 0 GROUP BY {area};
INSERT OR IGNORE INTO {area} SELECT {area}, avg(latitude), avg(longitude), count(*) FROM postcode GROUP BY {area};
"""


class GeoImportError(Exception):
    """The file cannot be used at all (no postcode or coordinate columns)."""


@dataclass
class ImportResult:
    file: str
    sha256: str
    rows_read: int = 0
    postcodes: int = 0
    terminated: int = 0
    sectors: int = 0
    districts: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> rows
    seconds: float = 0.0


class _Hashing(io.RawIOBase):
    """A file read once: hashed as it streams by, for the record of what was imported."""

    def __init__(self, raw) -> None:
        self.raw, self.digest = raw, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self.raw.readinto(buffer)
        self.digest.update(memoryview(buffer)[:n])
        return n


def _column(header: list[str], names: tuple[str, ...] | re.Pattern) -> int | None:
    """The first of `names` the header has (in the order of `names`: pcds is the usual form)."""
    if isinstance(names, re.Pattern):
        return next((i for i, h in enumerate(header) if names.match(h)), None)
    return next((header.index(n) for n in names if n in header), None)


def _coordinate(text: str, bounds: tuple[float, float]) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if bounds[0] <= value <= bounds[1] else None


def import_onspd(source: Path, home: Path, *, user: str, progress=None) -> ImportResult:
    target = lookup_path(home)
    target.parent.mkdir(parents=True, exist_ok=True)
    building = target.with_suffix(".building")
    building.unlink(missing_ok=True)
    began = time.perf_counter()
    db = sqlite3.connect(building)
    try:
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        with open(source, "rb") as raw:
            hashing = _Hashing(raw)
            text = io.TextIOWrapper(
                io.BufferedReader(hashing, 1 << 20), encoding="utf-8-sig", errors="replace", newline=""
            )
            result = _read(text, db, source.name, progress)
            while hashing.readinto(bytearray(1 << 20)):  # the rest of the file, if reading stopped early
                pass
            result.sha256 = hashing.digest.hexdigest()
        for area in ("sector", "district"):
            db.executescript(AREAS.format(area=area))
        result.sectors = db.execute("SELECT count(*) FROM sector").fetchone()[0]
        result.districts = db.execute("SELECT count(*) FROM district").fetchone()[0]
        if not (result.postcodes or result.sectors or result.districts):
            # a file with no usable row must not replace a lookup that works
            reasons = "; ".join(f"{n:,} {why}" for why, n in result.skipped.most_common(3)) or "no rows"
            raise GeoImportError(f"{source.name} has no usable postcode row ({reasons}); the lookup in use is kept")
        result.seconds = round(time.perf_counter() - began, 1)
        about = {
            "file": source.name,
            "sha256": result.sha256,
            "rows_read": result.rows_read,
            "postcodes": result.postcodes,
            "imported_by": user,
            "imported_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        db.executemany("INSERT INTO about VALUES (?, ?)", [(k, str(v)) for k, v in about.items()])
        db.commit()
    except BaseException:
        db.close()
        building.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(building, target)  # whole or not at all: a reader never sees half a lookup
    return result


def _read(text, db: sqlite3.Connection, name: str, progress) -> ImportResult:
    result = ImportResult(name, "")
    lines = BoundedLines(text)
    reader = csv.reader(lines)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error) as err:
        raise GeoImportError(f"{name} has no readable header row") from err
    if len(header) > MAX_COLUMNS:
        raise GeoImportError(f"{name}'s header has {len(header):,} columns; the limit is {MAX_COLUMNS:,}")
    where = {
        "postcode": _column(header, POSTCODE_COLUMNS),
        "latitude": _column(header, LATITUDE_COLUMNS),
        "longitude": _column(header, LONGITUDE_COLUMNS),
    }
    missing = [k for k, v in where.items() if v is None]
    if missing:
        shown = ", ".join(h[:40] for h in header[:30])
        raise GeoImportError(
            f"{name} has no {' or '.join(missing)} column (found: {shown}); "
            "expected the ONS Postcode Directory's pcds, lat and long"
        )
    lad, doterm = _column(header, _LAD), _column(header, ("doterm",))
    needed = max(i for i in (*where.values(), lad, doterm) if i is not None)
    postcodes, areas = [], []
    while True:
        lines.start_record()
        long_before = len(lines.long)
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            result.rows_read += 1
            result.skipped["not readable as CSV"] += 1
            continue
        if len(lines.long) > long_before:  # a line past the loader's bounds: passed over, counted
            result.rows_read += 1
            result.skipped["longer than a line may be"] += 1
            continue
        if not cells:
            continue
        result.rows_read += 1
        if len(cells) <= needed:
            result.skipped["too few cells"] += 1
            continue
        found = parts(cells[where["postcode"]])
        lat = _coordinate(cells[where["latitude"]], LATITUDES)
        lon = _coordinate(cells[where["longitude"]], LONGITUDES)
        if found is None:
            result.skipped["not a postcode"] += 1
        elif lat is None or lon is None:
            result.skipped["no coordinates in the UK (ONSPD gives 99.999999 where it has none)"] += 1
        elif found.unit:
            terminated = int(bool(doterm is not None and cells[doterm].strip()))
            postcodes.append(
                (
                    found.unit,
                    found.sector,
                    found.district,
                    lat,
                    lon,
                    cells[lad].strip()[:9] if lad is not None else None,
                    terminated,
                )
            )
        else:
            areas.append(("sector" if found.sector else "district", found.sector or found.district, lat, lon))
        if len(postcodes) >= BATCH:
            _write(db, postcodes, result, progress)
    _write(db, postcodes, result, progress)
    result.postcodes, result.terminated = db.execute(
        "SELECT count(*), coalesce(sum(terminated), 0) FROM postcode"
    ).fetchone()
    for area, code, lat, lon in areas:  # given areas come first; the means fill in the rest
        db.execute(f"INSERT OR REPLACE INTO {area} VALUES (?, ?, ?, NULL)", (code, lat, lon))
    return result


def _write(db: sqlite3.Connection, postcodes: list, result: ImportResult, progress) -> None:
    db.executemany("INSERT OR REPLACE INTO postcode VALUES (?, ?, ?, ?, ?, ?, ?)", postcodes)
    postcodes.clear()
    if progress:
        progress(result.rows_read)
