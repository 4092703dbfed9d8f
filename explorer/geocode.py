"""Approximate map positions for places recorded with a postcode but no coordinates.

The outward code (the district, e.g. "E8") is looked up in the London district table the
generator also uses, and the place is put at its borough's centre: good enough to see a
hotspot on a London map, and said so on the page.
"""

from __future__ import annotations

from functools import lru_cache

from fixtures.generator.geography import BOROUGHS


@lru_cache(maxsize=1)
def _districts() -> dict[str, tuple[float, float]]:
    return {district: (lat, lon) for districts, lat, lon in BOROUGHS.values() for district in districts}


def outward_code(postcode: str | None) -> str | None:
    """The district part of a postcode ("E8 1AB" -> "E8"), written with or without its space."""
    if not postcode or not postcode.strip():
        return None
    text = postcode.strip().upper()
    return text.split()[0] if " " in text else text[:-3] or None


def district_centre(postcode: str | None) -> tuple[float, float] | None:
    outward = outward_code(postcode)
    return _districts().get(outward) if outward else None
