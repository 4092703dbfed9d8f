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


def record_key(source: str, source_id: str) -> str:
    return f"{source}:{source_id}"


def mention_key(source: str, source_id: str, part: str, ref: str | None = None, fallback: str = "") -> str:
    """`mash:R1:child`, `mash:R1:person:P2`, `matrix:GM-1`, `hsb:C1:child:C2`.

    Without a ref the key hashes what was recorded, so the same row keeps its key.
    """
    if part == "nominal":
        return f"{source}:{source_id}"
    if part == "child" and ref is None and source == "mash":
        return f"{source}:{source_id}:child"
    suffix = ref or "h" + hashlib.sha1(fallback.encode()).hexdigest()[:10]
    return f"{source}:{source_id}:{part}:{suffix}"


def content_hash(record: BaseModel, doubts: list = ()) -> str:
    """Hash of a validated record's content and its doubts: unchanged records are skipped on re-load."""
    content = record.model_dump(mode="json")
    if doubts:  # only then: records without doubts keep the hash they had before doubts existed
        content["(doubts)"] = [[d.field, d.as_recorded, d.reason] for d in doubts]
    payload = json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()
