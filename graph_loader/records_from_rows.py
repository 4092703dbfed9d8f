"""The inverse of graph_rows: a record's graph rows (as graph_rows writes them, or as the graph
returns them through cypher/sharing/record_parts.cypher) back into its source's whole record.

One function per source, beside graph_rows' one per source: a field that graph_rows writes
somewhere is read back from there and nowhere else. `Reading` decides how each kind of value
comes back: `AS_RECORDED` returns it as the graph holds it (the round trip,
tests/test_records_from_rows.py); sharing/package.py passes a pseudonymising one.
A value in doubt comes back empty, as the validated record held it (graph_rows keeps only its
`_as_recorded` copy); a role in doubt stays unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from .graph_rows import HSB_ROLE
from .keys import key_ref
from .models.vocab import Role

_HASHED_REF = re.compile(r"^h[0-9a-f]{10}$")  # a mention key made from a row's content, not a reference
_HSB_ROLE_BACK = {graph.value: recorded for recorded, graph in HSB_ROLE.items()}


def iso(value: Any) -> Any:
    """A date as text (a Neo4j date first made native); anything else as it is."""
    to_native = getattr(value, "to_native", None)
    value = to_native() if to_native else value
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def ref_of(mention_key: str) -> str | None:
    """The agency's own reference for a person a record names: its mention key's tail, unless hashed."""
    ref = key_ref(mention_key)
    return None if _HASHED_REF.match(ref) else ref


class Reading:
    """How each kind of value comes back. This one gives everything as recorded; a subclass may
    pseudonymise (sharing/package.py) by overriding the kinds it must hide."""

    def record_id(self, source: str, source_id: str) -> str:
        return source_id

    def name(self, mention: dict) -> str | None:
        return mention["props"].get("name")

    def dob(self, value: Any, required: bool = False) -> Any:
        return iso(value)

    def ref(self, mention_key: str) -> str | None:
        return ref_of(mention_key)

    def keep(self, value: Any) -> Any:
        """Identifying detail (aliases, postcodes, schools, ethnicity, free text, names in parts)."""
        return iso(value)

    def keep_list(self, values: list | None) -> list:
        return list(values or [])

    def place(self, p: dict) -> dict:
        place = p["props"]
        return {
            "place_name": p.get("name_as_recorded") or place.get("name"),
            "place_type": place.get("place_type"),
            "postcode": place.get("postcode"),
            "latitude": place.get("latitude"),
            "longitude": place.get("longitude"),
            "borough": p.get("borough"),
            "date_seen": iso(p.get("date_seen")),
            "claim": p.get("claim"),
            "grading": p.get("grading"),
        }


AS_RECORDED = Reading()


def _mentions(row: dict) -> list[dict]:
    return [m for m in row["mentions"] if m]


def _places(row: dict, reading: Reading) -> list[dict]:
    return [reading.place(p) for p in row["places"] if p]


def mash_record(row: dict, reading: Reading = AS_RECORDED) -> dict | None:
    props, mentions = row["props"], _mentions(row)
    child = next((m for m in mentions if m["role"] == Role.child_at_risk), None)
    if child is None:  # the child was erased: no longer a valid referral
        return None
    cp = child["props"]
    return {
        "referral_id": reading.record_id("mash", row["source_id"]),
        "date_received": iso(props["date_received"]),
        "borough": row["borough"],
        "referring_agency": props.get("referring_agency"),
        "cse_category": props.get("cse_category"),
        "concern_types": props.get("concern_types") or [],
        "child_name": reading.name(child),
        "child_given_name": reading.keep(cp.get("given_name")),
        "child_family_name": reading.keep(cp.get("family_name")),
        "child_alias": reading.keep(cp.get("alias")),
        "child_dob": reading.dob(cp.get("dob")),
        "child_gender": cp.get("gender", "not_known"),
        "child_ethnicity": reading.keep(cp.get("ethnicity")),
        "child_postcode": reading.keep(cp.get("postcode")),
        "child_school": reading.keep(child.get("school_name")),
        "looked_after": props.get("looked_after", False),
        "placing_borough": row.get("placing_borough"),
        "missing_episodes": props.get("missing_episodes", 0),
        "summary": reading.keep(props.get("summary")),
        "people": [
            {
                "person_ref": reading.ref(m["mention_key"]),
                "role": m["role"],
                "name": reading.name(m),
                "given_name": reading.keep(m["props"].get("given_name")),
                "family_name": reading.keep(m["props"].get("family_name")),
                "alias": reading.keep(m["props"].get("alias")),
                "dob": reading.dob(m["props"].get("dob")),
                "gender": m["props"].get("gender", "not_known"),
                "postcode": reading.keep(m["props"].get("postcode")),
                "school": reading.keep(m.get("school_name")),
                "claim": m.get("claim"),
                "grading": m.get("grading"),
            }
            for m in mentions
            if m is not child
        ],
        "places": _places(row, reading),
    }


def matrix_record(row: dict, reading: Reading = AS_RECORDED) -> dict | None:
    props, mentions = row["props"], _mentions(row)
    nominal = next((m for m in mentions if m["role"] == Role.gang_nominal), None)
    if nominal is None:  # the nominal was erased
        return None
    np_ = nominal["props"]
    by_id = [m for m in mentions if m["props"].get("nominal_ref")]  # an associate named only by nominal id
    named = [m for m in mentions if m is not nominal and not m["props"].get("nominal_ref")]
    return {
        "nominal_id": reading.record_id("matrix", row["source_id"]),
        "name": reading.name(nominal),
        "given_name": reading.keep(np_.get("given_name")),
        "family_name": reading.keep(np_.get("family_name")),
        "aliases": reading.keep_list(np_.get("aliases")),
        "street_names": reading.keep_list(np_.get("street_names")),
        "dob": reading.dob(np_.get("dob"), required=True),
        "gender": np_.get("gender", "not_known"),
        "ethnicity": reading.keep(np_.get("ethnicity")),
        "postcode": reading.keep(np_.get("postcode")),
        "school": reading.keep(nominal.get("school_name")),
        "borough": row["borough"],
        "gangs": props.get("gangs", []),
        "harm_band": props.get("harm_band"),
        "harmed_or_exploited": props.get("harmed_or_exploited", False),
        "intelligence_grading": props.get("intelligence_grading"),
        "date_added": iso(props.get("date_added")),
        "date_reviewed": iso(props.get("date_reviewed")),
        "status": props.get("status"),
        "associate_ids": [reading.record_id("matrix", m["props"]["nominal_ref"]) for m in by_id],
        "associate_weights": (
            [m["props"].get("tie_weight") for m in by_id] if any(m["props"].get("tie_weight") for m in by_id) else []
        ),
        "associates": [
            {
                "associate_ref": reading.ref(m["mention_key"]),
                "name": reading.name(m),
                "given_name": reading.keep(m["props"].get("given_name")),
                "family_name": reading.keep(m["props"].get("family_name")),
                "street_name": next(iter(reading.keep_list(m["props"].get("street_names"))), None),
                "dob": reading.dob(m["props"].get("dob")),
                "gender": m["props"].get("gender", "not_known"),
                "school": reading.keep(m.get("school_name")),
                "claim": m.get("claim"),
                "grading": m.get("grading"),
            }
            for m in named
        ],
    }


def hsb_record(row: dict, reading: Reading = AS_RECORDED) -> dict | None:
    props = row["props"]
    return {
        "case_id": reading.record_id("hsb", row["source_id"]),
        "date_opened": iso(props.get("date_opened")),
        "borough": row["borough"],
        "setting": props.get("setting"),
        "aim_level": props.get("aim_level"),
        "outcome": props.get("outcome"),
        "summary": reading.keep(props.get("summary")),
        "children": [
            {
                "child_ref": reading.ref(m["mention_key"]),
                "role": _HSB_ROLE_BACK.get(m["role"]),  # a role in doubt stays unknown
                "name": reading.name(m),
                "given_name": reading.keep(m["props"].get("given_name")),
                "family_name": reading.keep(m["props"].get("family_name")),
                "dob": reading.dob(m["props"].get("dob")),
                "gender": m["props"].get("gender", "not_known"),
                "school": reading.keep(m.get("school_name")),
                "claim": m.get("claim"),
                "grading": m.get("grading"),
            }
            for m in _mentions(row)
        ],
        "places": _places(row, reading),
    }


FROM_ROWS: dict[str, Callable[[dict, Reading], dict | None]] = {
    "mash": mash_record,
    "matrix": matrix_record,
    "hsb": hsb_record,
}


def record_from_rows(row: dict, reading: Reading = AS_RECORDED) -> dict | None:
    """The source record (a JSON Lines object) a record's graph rows came from; None when its subject was erased."""
    return FROM_ROWS[row["source"]](row, reading)
