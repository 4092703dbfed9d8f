"""Text from agencies made safe to draw: an agency's export can carry control characters or
lone surrogates, which XML (Word) cannot hold and matplotlib refuses, and a `$` that
matplotlib would read as the start of mathematics. Shown as U+FFFD, or escaped; never a crash."""

from __future__ import annotations

import re

_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def printable(value: object) -> str:
    return _UNPRINTABLE.sub("\ufffd", "" if value is None else str(value))


def chart_label(value: object) -> str:
    """For matplotlib: printable, and `$` taken literally (not as mathtext)."""
    return printable(value).replace("$", r"\$")


def cleaned(value):
    """A copy of a report (or any part of one) with every string printable, for the renderers."""
    from dataclasses import fields, is_dataclass, replace

    if isinstance(value, str):
        return printable(value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: cleaned(getattr(value, f.name)) for f in fields(value)})
    if isinstance(value, (list, tuple)):
        return type(value)(cleaned(v) for v in value)
    if isinstance(value, dict):
        return {cleaned(k): cleaned(v) for k, v in value.items()}
    return value
