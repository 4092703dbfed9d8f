"""London's 33 local authorities with their ONS codes and approximate centres (london_boroughs.csv)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

TABLE = files("jigsaw.geo") / "london_boroughs.csv"  # package data, in a checkout and in the wheel


@dataclass(frozen=True)
class Borough:
    name: str
    code: str  # ONS GSS code, E09000001-33: what the postcode directory's local authority column holds
    latitude: float
    longitude: float


@lru_cache(maxsize=1)
def boroughs() -> dict[str, Borough]:
    """By name, in the table's order. A fixed, public table: no personal data is cached."""
    with TABLE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {r["name"]: Borough(r["name"], r["code"], float(r["latitude"]), float(r["longitude"])) for r in rows}


def centre(name: str | None) -> tuple[float, float] | None:
    found = boroughs().get(name or "")
    return (found.latitude, found.longitude) if found else None


def by_code(code: str | None) -> Borough | None:
    return next((b for b in boroughs().values() if b.code == (code or "").strip().upper()), None)
