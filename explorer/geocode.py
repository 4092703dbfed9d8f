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


def district_centre(postcode: str | None) -> tuple[float, float] | None:
    if not postcode:
        return None
    outward = postcode.strip().upper().split()[0] if " " in postcode.strip() else postcode.strip().upper()[:-3]
    return _districts().get(outward)
