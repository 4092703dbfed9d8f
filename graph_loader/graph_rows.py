"""Step 3a: a validated record becomes the parameters of the graph write.

Pure functions, one per source: what node and relationship each field becomes is
decided here and nowhere else (docs/graph-model.md describes the result). Its inverse,
rows back into the source record, is graph_loader/records_from_rows.py: change both together.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from .keys import content_hash, mention_key, name_key, place_key, record_key, simple_key
from .models import HSB, MASH, MATRIX, SourceSpec
from .models.common import Doubt, PlaceSeen, doubts
from .models.vocab import DEFAULT_CLAIM, ClaimKind, Role

# When a person's role is in doubt, the link is the weakest kind of claim: never a fact by default.
UNKNOWN_ROLE_CLAIM = ClaimKind.intelligence


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _props(**values: Any) -> dict[str, Any]:
    """Graph properties: enums as their values, unknowns left out (Neo4j stores no nulls)."""
    return {k: _plain(v) for k, v in values.items() if v is not None and v != []}


def _claim(role: Role | None, claim: ClaimKind | None) -> str:
    return (claim or (DEFAULT_CLAIM[role] if role else UNKNOWN_ROLE_CLAIM)).value


def doubt_props(doubts: list[Doubt], strip: str = "") -> dict[str, Any]:
    """The doubt properties of a node or relationship (docs/graph-model.md, "Doubtful values").

    `doubtful_fields` lists the fields, `doubts` says "field: reason" for each, and each field's
    value as recorded is kept in `<field>_as_recorded`; the field itself holds nothing.
    """
    if not doubts:
        return {}
    named = [(d.field.removeprefix(strip), d) for d in doubts]
    props: dict[str, Any] = {
        "doubtful_fields": list(dict.fromkeys(f for f, _ in named)),
        "doubts": [f"{f}: {d.reason}" for f, d in named],
    }
    props |= {f"{f}_as_recorded": d.as_recorded for f, d in named if d.as_recorded}
    return props


def all_doubts(record: Any) -> list[Doubt]:
    """Every doubt of a record and its nested rows (for the content hash and the load report)."""
    out = list(doubts(record))
    for name in ("people", "places", "children", "associates"):
        # A field's value straight from the model: getattr with a default on a model without that
        # field costs pydantic's __getattr__ and an exception.
        for item in record.__dict__.get(name) or []:
            out += doubts(item)
    return out


def _mention(
    key: str,
    role: Role | None,
    claim: ClaimKind | None,
    grading: str | None,
    school: str | None,
    doubts: list[Doubt] = (),
    **props: Any,
) -> dict:
    name = props.get("name")
    return {
        "mention_key": key,
        "role": role.value if role else None,
        "claim": _claim(role, claim),
        "grading": grading,
        "props": _props(name_key=name_key(name) if name else None, **props) | doubt_props(list(doubts)),
        "school_key": simple_key(school) if school else None,
        "school_name": school,
    }


def _places(places: list[PlaceSeen], borough: str) -> list[dict]:
    return [
        {
            "place_key": place_key(p.place_name, p.postcode, p.latitude, p.longitude, borough),
            "props": _props(
                name=p.place_name,
                place_type=p.place_type,
                postcode=p.postcode,
                latitude=p.latitude,
                longitude=p.longitude,
            ),
            "date_seen": p.date_seen,
            "claim": (p.claim or ClaimKind.recorded_fact).value,
            "grading": p.grading,
            "name_as_recorded": p.place_name,
            "borough": p.borough,
            "doubts": doubt_props(list(doubts(p))),
        }
        for p in places
    ]


def _base(source: SourceSpec, record: Any, borough: str, record_date: Any) -> dict:
    source_id = getattr(record, source.id_field)
    return {
        "record_key": record_key(source.key, source_id),
        "source_id": source_id,
        "source": source.key,
        "label": source.label,
        "agency": source.agency,
        "agency_name": source.agency_name,
        "borough": borough,
        "placing_borough": None,
        "record_date": record_date,
        "content_hash": content_hash(record, all_doubts(record)),
        "mentions": [],
        "places": [],
        "gangs": [],
        "gang_claim": None,
        "gang_grading": None,
    }


def mash_rows(r: Any) -> dict:
    row = _base(MASH, r, r.borough, r.date_received)
    row["placing_borough"] = r.placing_borough
    record_doubts = [d for d in doubts(r) if not d.field.startswith("child_")]
    child_doubts = [d for d in doubts(r) if d.field.startswith("child_")]
    row["props"] = doubt_props(record_doubts) | _props(
        date_received=r.date_received,
        referring_agency=r.referring_agency,
        cse_category=r.cse_category,
        concern_types=r.concern_types,
        looked_after=r.looked_after,
        missing_episodes=r.missing_episodes,
        summary=r.summary,
    )
    row["mentions"].append(
        _mention(
            mention_key("mash", r.referral_id, "child"),
            Role.child_at_risk,
            None,
            None,
            r.child_school,
            [Doubt(d.field.removeprefix("child_"), d.as_recorded, d.reason) for d in child_doubts],
            name=r.child_name,
            given_name=r.child_given_name,
            family_name=r.child_family_name,
            alias=r.child_alias,
            dob=r.child_dob,
            gender=r.child_gender,
            postcode=r.child_postcode,
            ethnicity=r.child_ethnicity,
        )
    )
    for p in r.people:
        fallback = f"{p.role}|{p.name}|{p.dob}|{p.alias}"
        row["mentions"].append(
            _mention(
                mention_key("mash", r.referral_id, "person", p.person_ref, fallback),
                Role(p.role.value) if p.role else None,
                p.claim,
                p.grading,
                p.school,
                doubts(p),
                name=p.name,
                given_name=p.given_name,
                family_name=p.family_name,
                alias=p.alias,
                dob=p.dob,
                gender=p.gender,
                postcode=p.postcode,
            )
        )
    row["places"] = _places(r.places, r.borough)
    return row


def matrix_rows(r: Any) -> dict:
    row = _base(MATRIX, r, r.borough, r.date_added)
    about_person = [d for d in doubts(r) if d.field in _NOMINAL_PERSON_FIELDS]
    row["props"] = doubt_props([d for d in doubts(r) if d.field not in _NOMINAL_PERSON_FIELDS]) | _props(
        date_added=r.date_added,
        date_reviewed=r.date_reviewed,
        status=r.status,
        harm_band=r.harm_band,
        harmed_or_exploited=r.harmed_or_exploited,
        intelligence_grading=r.intelligence_grading,
        gangs=r.gangs,
    )
    row["mentions"].append(
        _mention(
            mention_key("matrix", r.nominal_id, "nominal"),
            Role.gang_nominal,
            None,
            r.intelligence_grading,
            r.school,
            about_person,
            name=r.name,
            given_name=r.given_name,
            family_name=r.family_name,
            aliases=r.aliases,
            street_names=r.street_names,
            dob=r.dob,
            gender=r.gender,
            postcode=r.postcode,
            ethnicity=r.ethnicity,
        )
    )
    # An associate who is not on the matrix is a person the record names, by name or street name.
    for a in r.associates:
        fallback = f"{a.name}|{a.street_name}|{a.dob}"
        row["mentions"].append(
            _mention(
                mention_key("matrix", r.nominal_id, "person", a.associate_ref, fallback),
                Role.associate,
                a.claim,
                a.grading or r.intelligence_grading,
                a.school,
                doubts(a),
                name=a.name,
                given_name=a.given_name,
                family_name=a.family_name,
                street_names=[a.street_name] if a.street_name else [],
                dob=a.dob,
                gender=a.gender,
            )
        )
    # A named associate is recorded only by nominal id: the mention resolves to that nominal's person.
    # The tie's recorded strength (e.g. calls to them), if given, stays on the mention: a fact of this record.
    strengths = r.associate_weights or [None] * len(r.associate_ids)
    for associate_id, strength in zip(r.associate_ids, strengths):
        row["mentions"].append(
            {
                "mention_key": mention_key("matrix", r.nominal_id, "associate", associate_id),
                "role": Role.associate.value,
                "claim": ClaimKind.intelligence.value,
                "grading": r.intelligence_grading,
                "props": {"nominal_ref": associate_id} | _props(tie_weight=strength),
                "school_key": None,
                "school_name": None,
            }
        )
    row["gangs"] = [{"gang_key": simple_key(g), "name": g} for g in r.gangs]
    row["gang_claim"] = ClaimKind.intelligence.value
    row["gang_grading"] = r.intelligence_grading
    return row


_NOMINAL_PERSON_FIELDS = {
    "name",
    "given_name",
    "family_name",
    "aliases",
    "street_names",
    "dob",
    "gender",
    "ethnicity",
    "postcode",
    "school",
}
# A child's part in an HSB case (HsbRole) -> their role in the graph; records_from_rows reads it backwards.
HSB_ROLE = {"displaying_hsb": Role.child_displaying_hsb, "harmed": Role.child_harmed}


def hsb_rows(r: Any) -> dict:
    row = _base(HSB, r, r.borough, r.date_opened)
    row["props"] = doubt_props(doubts(r)) | _props(
        date_opened=r.date_opened, setting=r.setting, aim_level=r.aim_level, outcome=r.outcome, summary=r.summary
    )
    for c in r.children:
        fallback = f"{c.role}|{c.name}|{c.dob}"
        row["mentions"].append(
            _mention(
                mention_key("hsb", r.case_id, "child", c.child_ref, fallback),
                HSB_ROLE[c.role.value] if c.role else None,
                c.claim,
                c.grading,
                c.school,
                doubts(c),
                name=c.name,
                given_name=c.given_name,
                family_name=c.family_name,
                dob=c.dob,
                gender=c.gender,
            )
        )
    row["places"] = _places(r.places, r.borough)
    return row


def holds_doubts(row: dict) -> bool:
    """Whether the row writes a doubt anywhere doubtful_values reads one: the record's own fields, a
    mention it names, a place as it names it. Kept on the record as `has_doubts` (issue #22: that
    list seeks the flagged records of a borough, migration 014, instead of reading its whole history)."""
    return bool(
        row["props"].get("doubts")
        or any(m["props"].get("doubts") for m in row["mentions"])
        or any(p["doubts"].get("doubts") for p in row["places"])
    )


def sightings(row: dict) -> tuple[Any, Any]:
    """The first and last date the row's places were seen (a place with no date of its own was seen on
    the record's date, as hotspots counts it), or (None, None). Kept on the record as `seen_from` and
    `seen_until` (migration 025): hotspots seeks the records seen in its period, not a borough's history."""
    seen = [p["date_seen"] or row["record_date"] for p in row["places"]]
    seen = [d for d in seen if d is not None]
    return (min(seen), max(seen)) if seen else (None, None)


def _flagged(to_row: Any) -> Any:
    def rows(record: Any) -> dict:
        row = to_row(record)
        row["has_doubts"] = holds_doubts(row)
        row["seen_from"], row["seen_until"] = sightings(row)
        return row

    return rows


TO_ROWS = {"mash": _flagged(mash_rows), "matrix": _flagged(matrix_rows), "hsb": _flagged(hsb_rows)}
