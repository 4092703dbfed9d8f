"""Field types shared by the record models: how a cell becomes a clean value, or a clear reason.

Cells arrive as case-management exports write them: blank for unknown, dates as
dd/mm/yyyy or ISO, lists separated by semicolons. Each type here accepts those and
rejects anything else with a message a person can act on.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, WithJsonSchema

from .vocab import LONDON_BOROUGHS

MAX_SHORT_TEXT = 200
MAX_FREE_TEXT = 20_000
LIST_SEPARATOR = ";"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _safe_short_text(value: str) -> str:
    value = " ".join(value.split())
    if value.startswith(FORMULA_PREFIXES):
        raise ValueError(
            f"starts with {value[0]!r}, which a spreadsheet would run as a formula; remove the leading character"
        )
    if len(value) > MAX_SHORT_TEXT:
        raise ValueError(f"is {len(value):,} characters long; the limit is {MAX_SHORT_TEXT}")
    return value


def _free_text(value: str) -> str:
    if len(value) > MAX_FREE_TEXT:
        raise ValueError(
            f"is {len(value):,} characters long; the limit is {MAX_FREE_TEXT:,} "
            "(attach long documents in the case system, not in the export)"
        )
    return value


_DMY_OR_ISO = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)


def parse_date(value: Any) -> Any:
    """dd/mm/yyyy (UK order, as Excel exports it) or ISO yyyy-mm-dd; blank is unknown."""
    value = blank_to_none(value)
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    if "T" in text or " " in text:  # Excel datetimes: keep the date part
        text = re.split(r"[T ]", text, maxsplit=1)[0]
    # The two usual shapes without strptime (a fifth of validation time at a million rows);
    # an impossible date (31/02) falls through to strptime, which rejects it the same way.
    if match := _DMY_OR_ISO.fullmatch(text):
        day, month, year = match.group(1, 2, 3) if match.group(1) else match.group(6, 5, 4)
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            pass
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a date; write dd/mm/yyyy (e.g. 01/03/2008) or yyyy-mm-dd")


def not_in_future(value: date | None) -> date | None:
    if value is not None and value > date.today():
        raise ValueError(f"{value:%d/%m/%Y} is in the future")
    return value


def split_list(value: Any) -> Any:
    value = blank_to_none(value)
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]
    return value


_BOROUGH_KEYS = {re.sub(r"[^a-z]", "", b.lower().replace("&", "and")): b for b in LONDON_BOROUGHS}


def borough_key(value: str) -> str:
    return re.sub(r"[^a-z]", "", value.lower().replace("&", "and"))


def parse_borough(value: Any) -> Any:
    value = blank_to_none(value)
    if value is None:
        return None
    key = borough_key(str(value))
    if key in _BOROUGH_KEYS:
        return _BOROUGH_KEYS[key]
    close = difflib.get_close_matches(str(value), LONDON_BOROUGHS, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"{value!r} is not one of London's 32 boroughs{hint}")


_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")


def parse_postcode(value: Any) -> Any:
    value = blank_to_none(value)
    if value is None:
        return None
    text = re.sub(r"\s+", "", str(value).upper())
    match = _POSTCODE.match(text)
    if not match:
        raise ValueError(f"{value!r} is not a UK postcode (e.g. E8 1AB)")
    return f"{match.group(1)} {match.group(2)}"


def _bool(value: Any) -> Any:
    value = blank_to_none(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"y", "yes", "true", "1"}:
        return True
    if text in {"n", "no", "false", "0"}:
        return False
    raise ValueError(f"{value!r} is not yes or no")


# --- the annotated types the models use --------------------------------------------------

Blank = BeforeValidator(blank_to_none)

ShortText = Annotated[str, Blank, BeforeValidator(_strip), AfterValidator(_safe_short_text)]
FreeText = Annotated[str, Blank, AfterValidator(_free_text)]
Identifier = Annotated[
    str,
    Blank,
    BeforeValidator(_strip),
    AfterValidator(_safe_short_text),
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:/-]*$", max_length=64),
]
UKDate = Annotated[
    date,
    BeforeValidator(parse_date),
    AfterValidator(not_in_future),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date", "description": "dd/mm/yyyy or yyyy-mm-dd"}),
]
Borough = Annotated[
    str,
    BeforeValidator(parse_borough),
    WithJsonSchema({"type": "string", "enum": list(LONDON_BOROUGHS)}),
]
Postcode = Annotated[str, BeforeValidator(parse_postcode), WithJsonSchema({"type": "string", "examples": ["E8 1AB"]})]
YesNo = Annotated[bool, BeforeValidator(_bool)]
Latitude = Annotated[float, Blank, Field(ge=51.2, le=51.8, description="WGS84, within Greater London")]
Longitude = Annotated[float, Blank, Field(ge=-0.6, le=0.4, description="WGS84, within Greater London")]
# A tie's strength as the source recorded it (calls, meetings): bounded so no value can swamp the analytics' sums.
TieStrength = Annotated[float, Field(gt=0, le=1_000_000, allow_inf_nan=False)]


def ListOf(item: Any) -> Any:
    """A list: semicolon-separated in a CSV cell, an array in JSON Lines."""
    return Annotated[list[item], BeforeValidator(split_list)]


def age_on(dob: date, on: date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))
