"""A sharing package: the records behind a person's or a place's network, written as the
sources' own JSON Lines files (so the receiving Jigsaw validates, quarantines and loads them
like any other source), with a manifest naming who shared them, with whom, under which
agreement and for what purpose, and the SHA-256 of every file.

Pseudonymised packages carry no names (each person gets a pseudonym stable within the
package), no dates of birth (a gangs-matrix nominal, whose date of birth the matrix requires,
keeps only the year, as 1 July), no postcodes, aliases, schools, ethnicity or free text, and
private places only by kind and borough; their record ids sit under the package id, so they
never replace the receiver's own copy of a record. They cannot be linked to people by the
receiver; identified packages can, and are shared only where the agreement allows it.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import zipfile
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from graph_loader.models import SOURCES
from graph_loader.models.fields import Borough, ShortText
from jigsaw.pseudonyms import pseudonym

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
PRIVATE_PLACES = {"private_address", "trap_house", "childrens_home"}
_HASHED_REF = re.compile(r"^h[0-9a-f]{10}$")  # a mention key made from a row's content, not a reference


class Manifest(BaseModel):
    """What a package is, who sent it, and under what terms: checked before anything loads."""

    model_config = ConfigDict(extra="forbid")

    format_version: int = FORMAT_VERSION
    package_id: ShortText
    shared_by: ShortText = Field(description="The sending organisation, e.g. 'Haringey MASH'.")
    shared_with: Borough = Field(description="The receiving borough.")
    agreement: ShortText = Field(description="The information-sharing agreement the sharing relies on.")
    purpose: ShortText
    exported_by: ShortText
    exported_at: datetime
    identified: bool
    subject: ShortText = Field(description="What the package is about, e.g. 'network of a person, 2 hops'.")
    files: dict[str, str] = Field(description="File name -> SHA-256 of its bytes.")
    records: dict[str, int] = Field(description="Source -> records in the package.")


def _ref(mention_key: str) -> str | None:
    ref = mention_key.rsplit(":", 1)[-1]
    return None if _HASHED_REF.match(ref) else ref


def _iso(value: Any) -> Any:
    to_native = getattr(value, "to_native", None)
    value = to_native() if to_native else value
    return value.isoformat() if isinstance(value, (date, datetime)) else value


class _Masker:
    """Pseudonymisation for one package: same person, same pseudonym, within it only."""

    def __init__(self, package_id: str, identified: bool) -> None:
        self.package_id, self.identified = package_id, identified

    def name(self, mention: dict) -> str:
        if self.identified:
            return mention["props"]["name"]
        return pseudonym(mention.get("person_id") or mention["mention_key"], self.package_id)

    def dob(self, value: Any, required: bool = False) -> Any:
        if self.identified or value is None:
            return _iso(value)
        return f"{_iso(value)[:4]}-07-01" if required else None

    def record_id(self, source_id: str) -> str:
        """A pseudonymised record must never replace the receiver's own identified copy of it,
        so its id is kept apart under the package id."""
        return source_id if self.identified else f"{self.package_id}/{source_id}"

    def keep(self, value: Any) -> Any:
        return _iso(value) if self.identified else None

    def place(self, p: dict) -> dict:
        place = p["place"]
        private = place.get("place_type") in PRIVATE_PLACES
        name = p.get("name_as_recorded") or place.get("name")
        return {
            "place_name": name if self.identified or not private else f"{place['place_type'].replace('_', ' ')} ({p.get('borough') or 'London'})",
            "place_type": place.get("place_type"),
            "postcode": place.get("postcode") if self.identified else None,
            "latitude": place.get("latitude") if self.identified or not private else None,
            "longitude": place.get("longitude") if self.identified or not private else None,
            "borough": p.get("borough"),
            "date_seen": _iso(p.get("date_seen")),
            "claim": p.get("claim"),
            "grading": p.get("grading"),
        }  # fmt: skip


_HSB_ROLE = {"child_displaying_hsb": "displaying_hsb", "child_harmed": "harmed"}


def record_as_source(parts: dict, masker: _Masker) -> dict | None:
    """A record's graph parts back into its source's whole-record shape (one JSON Lines object);
    None for a record whose subject was erased (it cannot be a valid record any more)."""
    props, source = parts["props"], parts["source"]
    mentions = [m for m in parts["mentions"] if m]
    places = [masker.place(p) for p in parts["places"] if p]
    if source == "mash":
        child = next((m for m in mentions if m["role"] == "child_at_risk"), None)
        if child is None:
            return None
        cp = child["props"]
        return {
            "referral_id": masker.record_id(parts["source_id"]), "date_received": _iso(props["date_received"]), "borough": parts["borough"],
            "referring_agency": props.get("referring_agency"), "cse_category": props.get("cse_category"),
            "concern_types": props.get("concern_types") or [], "child_name": masker.name(child), "child_alias": masker.keep(cp.get("alias")),
            "child_dob": masker.dob(cp.get("dob")), "child_gender": cp.get("gender", "not_known"),
            "child_ethnicity": masker.keep(cp.get("ethnicity")), "child_postcode": masker.keep(cp.get("postcode")),
            "child_school": masker.keep(child.get("school")), "looked_after": props.get("looked_after", False),
            "placing_borough": parts.get("placing_borough"), "missing_episodes": props.get("missing_episodes", 0),
            "summary": masker.keep(props.get("summary")),
            "people": [
                {"person_ref": _ref(m["mention_key"]), "role": m["role"], "name": masker.name(m), "alias": masker.keep(m["props"].get("alias")),
                 "dob": masker.dob(m["props"].get("dob")), "gender": m["props"].get("gender", "not_known"),
                 "postcode": masker.keep(m["props"].get("postcode")), "claim": m.get("claim"), "grading": m.get("grading")}
                for m in mentions if m is not child
            ],
            "places": places,
        }  # fmt: skip
    if source == "matrix":
        nominal = next((m for m in mentions if m["role"] == "gang_nominal"), None)
        if nominal is None:
            return None
        np_ = nominal["props"]
        return {
            "nominal_id": masker.record_id(parts["source_id"]), "name": masker.name(nominal), "aliases": np_.get("aliases", []) if masker.identified else [],
            "street_names": np_.get("street_names", []) if masker.identified else [], "dob": masker.dob(np_.get("dob"), required=True),
            "gender": np_.get("gender", "not_known"), "ethnicity": masker.keep(np_.get("ethnicity")),
            "postcode": masker.keep(np_.get("postcode")), "borough": parts["borough"], "gangs": props.get("gangs", []),
            "harm_band": props.get("harm_band"), "harmed_or_exploited": props.get("harmed_or_exploited", False),
            "intelligence_grading": props.get("intelligence_grading"), "date_added": _iso(props.get("date_added")),
            "date_reviewed": _iso(props.get("date_reviewed")), "status": props.get("status"),
            "associate_ids": [masker.record_id(m["props"]["nominal_ref"]) for m in mentions if m["props"].get("nominal_ref")],
        }  # fmt: skip
    return {
        "case_id": masker.record_id(parts["source_id"]), "date_opened": _iso(props.get("date_opened")), "borough": parts["borough"],
        "setting": props.get("setting"), "aim_level": props.get("aim_level"), "outcome": props.get("outcome"),
        "summary": masker.keep(props.get("summary")),
        "children": [
            {"child_ref": _ref(m["mention_key"]), "role": _HSB_ROLE.get(m["role"]),  # a role in doubt stays unknown
             "name": masker.name(m), "dob": masker.dob(m["props"].get("dob")), "gender": m["props"].get("gender", "not_known"),
             "school": masker.keep(m.get("school")), "claim": m.get("claim"), "grading": m.get("grading")}
            for m in mentions
        ],
        "places": places,
    }  # fmt: skip


def _drop_nones(value: Any) -> Any:
    """Leave out what was not recorded, so the receiver's defaults apply as for any file."""
    if isinstance(value, dict):
        return {k: _drop_nones(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nones(v) for v in value]
    return value


def write_package(path: Path, record_parts: list[dict], *, shared_by: str, shared_with: str, agreement: str, purpose: str,
                  exported_by: str, identified: bool, subject: str) -> Manifest:  # fmt: skip
    package_id = f"PKG-{datetime.now(timezone.utc):%Y%m%d}-{secrets.token_hex(4).upper()}"
    masker = _Masker(package_id, identified)
    lines: dict[str, list[str]] = {}
    for parts in record_parts:
        record = record_as_source(parts, masker)
        if record is None:
            continue
        record = _drop_nones(record)
        lines.setdefault(parts["source"], []).append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    files = {SOURCES[s].jsonl_filename: ("\n".join(rows) + "\n").encode("utf-8") for s, rows in sorted(lines.items())}
    manifest = Manifest(
        package_id=package_id, shared_by=shared_by, shared_with=shared_with, agreement=agreement, purpose=purpose,
        exported_by=exported_by, exported_at=datetime.now(timezone.utc), identified=identified, subject=subject,
        files={name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
        records={s: len(rows) for s, rows in lines.items()},
    )  # fmt: skip
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest.model_dump_json(indent=2))
        for name, data in files.items():
            archive.writestr(name, data)
    return manifest


class PackageError(ValueError):
    """The package cannot be trusted or read: nothing from it is loaded."""


def open_package(path: Path, into: Path) -> Manifest:
    """Check the manifest and every file's checksum, then unpack the source files into `into`."""
    allowed = {SOURCES[s].jsonl_filename for s in SOURCES}
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if MANIFEST not in names:
                raise PackageError("no manifest.json: this is not a Jigsaw sharing package")
            manifest = Manifest.model_validate_json(archive.read(MANIFEST))
            unexpected = names - allowed - {MANIFEST}
            if unexpected:
                raise PackageError(f"unexpected files in the package: {', '.join(sorted(unexpected))}")
            if set(manifest.files) != names - {MANIFEST}:
                raise PackageError("the manifest does not list exactly the files in the package")
            into.mkdir(parents=True, exist_ok=True)
            for name, expected in manifest.files.items():
                data = archive.read(name)
                if hashlib.sha256(data).hexdigest() != expected:
                    raise PackageError(f"{name} does not match its checksum in the manifest: altered or damaged in transit")
                (into / name).write_bytes(data)
    except zipfile.BadZipFile as err:
        raise PackageError(f"not a readable package: {err}") from None
    except ValueError as err:
        if isinstance(err, PackageError):
            raise
        raise PackageError(f"the manifest is not valid: {err}") from None
    return manifest


def provenance(manifest: Manifest) -> dict[str, str]:
    """What every record loaded from the package says about where it came from."""
    return {"shared_by": manifest.shared_by, "sharing_agreement": manifest.agreement,
            "shared_on": manifest.exported_at.date().isoformat(), "sharing_package": manifest.package_id}  # fmt: skip
