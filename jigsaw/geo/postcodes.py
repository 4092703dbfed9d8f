"""UK postcodes: their parts, and the deployment's postcode lookup.

The lookup is loaded from the ONS Postcode Directory (ONSPD) with `jigsaw geo import FILE`
and kept as one SQLite file in JIGSAW_HOME (public data, no personal data): each postcode's
point, and the mean point of each postcode sector ("N4 1") and district ("N4"), so a postcode
missing from the directory (new, mistyped, or recorded only in part) still finds its area.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

# Outward code (area letters, district digit, optional digit or letter), then the inward code.
_FULL = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9])([A-Z]{2})$")
_SECTOR = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9])$")
_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


@dataclass(frozen=True)
class Parts:
    """A postcode as far as it was written: district ("N4"), sector ("N4 1") and unit ("N4 1AB")."""

    district: str
    sector: str | None = None
    unit: str | None = None


def parts(text: str | None) -> Parts | None:
    """The parts of a postcode written with or without spaces, in any case; None if it is not one."""
    if not text:
        return None
    compact = re.sub(r"\s+", "", str(text)).upper()
    if len(compact) > 8:
        return None
    if full := _FULL.match(compact):
        district, digit, letters = full.groups()
        return Parts(district, f"{district} {digit}", f"{district} {digit}{letters}")
    if sector := _SECTOR.match(compact):
        return Parts(sector.group(1), f"{sector.group(1)} {sector.group(2)}")
    if _DISTRICT.match(compact):
        return Parts(compact)
    return None


def outward_code(text: str | None) -> str | None:
    """The district part ("E8 1AB" -> "E8"), or None when the text is not a postcode."""
    found = parts(text)
    return found.district if found else None


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float
    precision: str  # "postcode", "sector" or "district": how finely the lookup knew it
    terminated: bool = False  # a postcode no longer in use (still where it was)


def lookup_path(home: Path) -> Path:
    return home / "geo" / "postcodes.sqlite"


class PostcodeLookup:
    """Read-only access to an imported lookup; `None`-safe when none was imported."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False) if path.exists() else None

    @property
    def loaded(self) -> bool:
        return self._db is not None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    def find(self, postcode: str | None, finest: str = "postcode") -> Point | None:
        """The finest point known for this postcode: the unit, else its sector, else its district.
        `finest="district"` never gives more than the district (for a private address in a
        pseudonymised report)."""
        found = parts(postcode)
        if found is None or self._db is None:
            return None
        steps = [
            ("postcode", "postcode", found.unit),
            ("sector", "sector", found.sector),
            ("district", "district", found.district),
        ]
        order = [s[0] for s in steps]
        for precision, table, key in steps[order.index(finest) :]:
            if key is None:
                continue
            # Table names come from the fixed list above; the key is a parameter.
            columns = "latitude, longitude, terminated" if table == "postcode" else "latitude, longitude, 0"
            row = self._db.execute(f"SELECT {columns} FROM {table} WHERE code = ?", (key,)).fetchone()
            if row:
                return Point(row[0], row[1], precision, bool(row[2]))
        return None

    def about(self) -> dict[str, str]:
        if self._db is None:
            return {}
        return dict(self._db.execute("SELECT key, value FROM about").fetchall())
