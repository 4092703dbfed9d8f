"""Stable keys the graph MERGEs on, so that loading the same data twice changes nothing."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from pydantic import BaseModel

_NOT_KEY = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation to spaces, whitespace collapsed."""
    if text.isascii():  # NFKD changes no ASCII character: skip it (a quarter of building a record's rows)
        ascii_only = text
    else:
        ascii_only = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return " ".join(_NOT_KEY.sub(" ", ascii_only.lower()).split())


def name_key(name: str) -> str:
    """A recorded name folded for exact lookups ('Jaydn  SMITH' -> 'jaydn smith')."""
    return fold(name)


def place_key(name: str, postcode: str | None, lat: float | None, lon: float | None, borough: str) -> str:
    """One Place per (name, postcode); without a postcode, per rounded location or borough."""
    base = fold(name)
    if postcode:
        return f"{base}|{postcode}"
    if lat is not None and lon is not None:
        return f"{base}|{lat:.3f},{lon:.3f}"
    return f"{base}|{fold(borough)}"


def simple_key(text: str) -> str:
    """Gang and school names: folded, so case and punctuation variants meet."""
    return fold(text)


# The one key format: `<source>:<id>` for a record, and its mentions below it. Cypher that
# needs it reads the prefixes as parameters (graph_loader/vocabulary.py), never as literals.
KEY_SEPARATOR = ":"


def record_key_prefix(source: str) -> str:
    """`matrix:`: what every record key (and mention key) of a source starts with."""
    return f"{source}{KEY_SEPARATOR}"


def record_key(source: str, source_id: str) -> str:
    return f"{record_key_prefix(source)}{source_id}"


def nominal_key(nominal_id: str) -> str:
    """The mention key of a gangs-matrix nominal (the subject of its own entry): `matrix:GM-1`."""
    return mention_key("matrix", nominal_id, "nominal")


def mention_key(source: str, source_id: str, part: str, ref: str | None = None, fallback: str = "") -> str:
    """`mash:R1:child`, `mash:R1:person:P2`, `matrix:GM-1`, `matrix:GM-1:associate:GM-2`, `hsb:C1:child:C2`.

    Without a ref the key hashes what was recorded, so the same row keeps its key.
    """
    if part == "nominal":
        return record_key(source, source_id)
    if part == "child" and ref is None and source == "mash":
        return KEY_SEPARATOR.join((record_key(source, source_id), part))
    suffix = ref or "h" + hashlib.sha1(fallback.encode()).hexdigest()[:10]
    return KEY_SEPARATOR.join((record_key(source, source_id), part, suffix))


def key_ref(key: str) -> str:
    """The last part of a mention key: the agency's own reference, or the hash of the row."""
    return key.rsplit(KEY_SEPARATOR, 1)[-1]


def content_hash(record: BaseModel, doubts: list = ()) -> str:
    """Hash of a validated record's content and its doubts: unchanged records are skipped on re-load."""
    content = record.model_dump(mode="json")
    if doubts:  # only then: records without doubts keep the hash they had before doubts existed
        content["(doubts)"] = [[d.field, d.as_recorded, d.reason] for d in doubts]
    payload = json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()
