"""Words people read: agency text kept as text (Markdown escaped), counts with the right plural,
and the one date format (dd/mm/yyyy) used on every page, table and report."""

from __future__ import annotations

import math
import re
from datetime import date, datetime

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$])")


def plain(value: object) -> str:
    """Escape every character Markdown (or Streamlit's extensions) could read as markup."""
    return _MARKDOWN.sub(r"\\\1", str(value))


# Nouns whose plural is not "+s"; everything else takes an "s".
_IRREGULAR = {
    "person": "people",
    "child": "children",
    "match": "matches",
    "was": "were",
    "is": "are",
    "this": "these",
    "entry": "entries",
    "family": "families",
    "property": "properties",
}


def plural(count: int, singular: str, many: str | None = None) -> str:
    """'1 person', '2 people', '1,204 records': the count, then the noun that agrees with it."""
    if count == 1:
        return f"1 {singular}"
    return f"{count:,} {many or _IRREGULAR.get(singular) or singular + 's'}"


DAY = "%d/%m/%Y"
MOMENT = "%d/%m/%Y %H:%M"
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MOMENT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def day(value: object) -> str:
    """A date as dd/mm/yyyy; a date-time as dd/mm/yyyy hh:mm; blank for unknown; other text unchanged."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if hasattr(value, "to_native"):  # neo4j.time.Date / DateTime
        value = value.to_native()
    if isinstance(value, datetime):
        if value != value:  # pandas.NaT
            return ""
        return value.strftime(MOMENT) if (value.hour, value.minute, value.second) != (0, 0, 0) else value.strftime(DAY)
    if isinstance(value, date):
        return value.strftime(DAY)
    text = str(value)
    if text in {"NaT", "nan", "None", "NaN", "<NA>"}:
        return ""
    if match := _ISO_DAY.match(text):
        return f"{match[3]}/{match[2]}/{match[1]}"
    if match := _ISO_MOMENT.match(text):
        return f"{match[3]}/{match[2]}/{match[1]} {match[4]}:{match[5]}"
    return text
