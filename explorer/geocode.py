"""Map positions for the explorer's places: each hotspot row located by jigsaw.geo (recorded
coordinates, the deployment's postcode lookup, else its borough's centre), saying how."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from jigsaw.config import get_settings
from jigsaw.geo.placing import locate
from jigsaw.geo.postcodes import PostcodeLookup, lookup_path


def open_lookup(home: Path | None = None) -> PostcodeLookup:
    """The postcode lookup `jigsaw geo import` made in JIGSAW_HOME (empty if none was)."""
    return PostcodeLookup(lookup_path(home or get_settings().jigsaw_home))


def with_positions(places: pd.DataFrame, lookup: PostcodeLookup) -> pd.DataFrame:
    """The places with latitude, longitude, `precision` and `approximate` filled in for every
    one that can be placed; a place that cannot keeps blank coordinates (and is listed)."""
    located = [
        locate(
            postcode=row.get("postcode"),
            borough=row.get("borough"),
            latitude=row.get("latitude"),
            longitude=row.get("longitude"),
            lookup=lookup,
        )
        for row in places.to_dict("records")
    ]
    return places.assign(
        latitude=[p.latitude if p else None for p in located],
        longitude=[p.longitude if p else None for p in located],
        precision=[p.described if p else "not placed" for p in located],
        approximate=[bool(p and p.approximate) for p in located],
    )
