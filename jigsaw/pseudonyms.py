"""Stable pseudonyms and ages for the MASE screen: the same person keeps the same pseudonym
for the whole meeting, and a different meeting gives different pseudonyms."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: they read as 1 and 0 on a projector


def pseudonym(person_id: str, meeting: str) -> str:
    digest = hmac.new(meeting.encode(), person_id.encode(), hashlib.sha256).digest()
    letters = "".join(_LETTERS[b % len(_LETTERS)] for b in digest[:2])
    return f"YP-{letters}{digest[2] % 10}{digest[3] % 10}"


def age_on(dob: date | None, when: date) -> int | None:
    if dob is None:
        return None
    return when.year - dob.year - ((when.month, when.day) < (dob.month, dob.day))


def mase_label(card: dict, meeting: str, when: date) -> str:
    """Pseudonym and age: never a name or a date of birth."""
    age = age_on(_as_date(card.get("dob")), when)
    return pseudonym(card["person_id"], meeting) + (f", {age}" if age is not None else "")


def _as_date(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native else date.fromisoformat(str(value))
