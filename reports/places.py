"""How a place is named and placed in a report. A private address, a flat or a children's
home identifies the people who live there, so a pseudonymised report gives only its kind and
postcode district; no pseudonymised report carries a full postcode."""

from __future__ import annotations

from typing import Any

from jigsaw.geo.placing import locate
from jigsaw.geo.postcodes import PostcodeLookup, outward_code

from .labels import word

PRIVATE_KINDS = {"private_address", "trap_house", "childrens_home"}


def place_label(row: dict[str, Any], identified: bool) -> str:
    kind = word(row["place_type"]) if row.get("place_type") else "place"
    where = outward_code(row.get("postcode"))
    if identified:
        return f"{row['place']}, {row['postcode']}" if row.get("postcode") else row["place"]
    if row.get("place_type") in PRIVATE_KINDS:
        return f"{kind.capitalize()} in {where}" if where else kind.capitalize()
    return f"{row['place']} ({where})" if where else row["place"]


def place_point(row: dict[str, Any], identified: bool, lookup: PostcodeLookup | None = None) -> dict[str, Any] | None:
    """A map point: the recorded position, else the postcode lookup's, else the borough's centre;
    a private place in a pseudonymised report never more exactly than its postcode district.
    `approximate` and `placed` say which, for the map's markers and the table."""
    private = not identified and row.get("place_type") in PRIVATE_KINDS
    found = locate(
        postcode=row.get("postcode"),
        borough=row.get("borough"),
        latitude=row.get("latitude"),
        longitude=row.get("longitude"),
        lookup=lookup,
        finest="district" if private else "recorded",
    )
    if found is None:
        return None
    return {
        "label": place_label(row, identified),
        "latitude": found.latitude,
        "longitude": found.longitude,
        "size": row.get("records", 1),
        "highlighted": bool(row.get("suspects")),
        "approximate": found.approximate,
        "placed": found.described,
    }
