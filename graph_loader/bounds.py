"""How much of a source file one row may make the loader spend: the one place these bounds live.

A file is hostile until read. Anything past a bound becomes one rejected row (or, for the
header, a rejected file) with the reason, and the rest of the load goes on, in seconds and in
bounded memory.
"""

from __future__ import annotations

# The longest field in the common dataset (a summary) holds 20,000 characters; a cell fifty
# times that is not a field but an attack or a broken export.
MAX_CELL_CHARS = 1_000_000
# A physical line of a CSV file or a JSON line: a whole record with every person and place
# it names fits many times over.
MAX_LINE_CHARS = 4_000_000
# Columns in a CSV header. Templates have a few dozen; an export with repeated column groups
# a few hundred.
MAX_COLUMNS = 1_000
# Nesting of a JSON line: a record, its lists of people and places, their lists (4 levels).
MAX_JSON_DEPTH = 16
# How much of an over-long cell or line the quarantine keeps, so a person can see what it was.
KEPT_CHARS = 200


def cut(text: str) -> str:
    """The start of an over-long value, saying how long it was (what the quarantine keeps)."""
    return f"{text[:KEPT_CHARS]}… [cut: {len(text):,} characters]"
