"""How a place is named and placed in a report. A private address, a flat or a children's
home identifies the people who live there, so a pseudonymised report gives only its kind and
postcode district; no pseudonymised report carries a full postcode."""

from __future__ import annotations

from typing import Any

from explorer.geocode import district_centre, outward_code

PRIVATE_KINDS = {"private_address", "trap_house", "childrens_home"}


def place_label(row: dict[str, Any], identified: bool) -> str:
    kind = (row.get("place_type") or "place").replace("_", " ")
    where = outward_code(row.get("postcode"))
    if identified:
        return f"{row['place']}, {row['postcode']}" if row.get("postcode") else row["place"]
    if row.get("place_type") in PRIVATE_KINDS:
        return f"{kind.capitalize()} in {where}" if where else kind.capitalize()
    return f"{row['place']} ({where})" if where else row["place"]


def place_point(row: dict[str, Any], identified: bool) -> dict[str, Any] | None:
    """A map point: the recorded position, else (and always for a private place in a
    pseudonymised report) the district's centre."""
    lat, lon = row.get("latitude"), row.get("longitude")
    if lat is None or lon is None or (not identified and row.get("place_type") in PRIVATE_KINDS):
        centre = district_centre(row.get("postcode"))
        if centre is None:
            return None
        lat, lon = centre
    return {"label": place_label(row, identified), "latitude": lat, "longitude": lon, "size": row.get("records", 1),
            "highlighted": bool(row.get("suspects"))}  # fmt: skip
