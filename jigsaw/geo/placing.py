"""Where a place goes on a map, and how exactly: never silently nowhere.

In order: the coordinates recorded with the place; the deployment's postcode lookup (the
postcode itself, else its sector, else its district); the centre of the place's borough (or
of the borough of the records that name it). Anything but recorded coordinates or a whole
postcode is approximate, and every map and report says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from .boroughs import centre
from .postcodes import PostcodeLookup

# How a place was put on the map, finest first, with the words a page shows for it.
PRECISION = {
    "recorded": "as recorded",
    "postcode": "from its postcode",
    "sector": "approximately: postcode sector centre",
    "district": "approximately: postcode district centre",
    "borough": "approximately: borough centre",
}
EXACT = ("recorded", "postcode")


@dataclass(frozen=True)
class Located:
    latitude: float
    longitude: float
    precision: str  # a key of PRECISION

    @property
    def approximate(self) -> bool:
        return self.precision not in EXACT

    @property
    def described(self) -> str:
        return PRECISION[self.precision]


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number  # NaN (pandas' missing) is no coordinate


def locate(
    *,
    postcode: str | None,
    borough: str | None,
    latitude=None,
    longitude=None,
    lookup: PostcodeLookup | None = None,
    finest: str = "recorded",
) -> Located | None:
    """The best position known for a place, and how it was found. `finest="district"` gives no
    more than a district or borough centre (a private address in a pseudonymised report).
    None only when the place has no coordinates, no postcode the lookup knows and no borough."""
    lat, lon = _number(latitude), _number(longitude)
    if finest == "recorded" and lat is not None and lon is not None:
        return Located(lat, lon, "recorded")
    if lookup is not None:
        found = lookup.find(
            postcode if isinstance(postcode, str) else None, "district" if finest == "district" else "postcode"
        )
        if found:
            return Located(found.latitude, found.longitude, found.precision)
    middle = centre(borough if isinstance(borough, str) else None)
    return Located(*middle, "borough") if middle else None
